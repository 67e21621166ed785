package mail

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"errors"
	"io"
	"log"
	"math/big"
	"net"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

// A real SMTP server (emersion/go-smtp) on 127.0.0.1, recording what it
// receives. Its hooks let a test refuse commands.

// Server security modes; the client's Security names match.
const (
	modeNone     = SecurityNone
	modeStartTLS = SecurityStartTLS
	modeTLS      = SecurityTLS
)

type serverOptions struct {
	mode string
	// user and pass, when user is set, make the server offer AUTH PLAIN
	// and require it before MAIL.
	user, pass string
	// onMail, onRcpt and onData, when set, may refuse a command; n counts
	// the calls to that hook from 1.
	onMail func(n int) error
	onRcpt func(to string) error
	onData func(n int) error
	// cutData, when it returns true for the nth DATA, makes the server
	// read a little of the message and then reset the connection.
	cutData func(n int) bool
	// replyDelay, when set, holds the final reply to the nth DATA for
	// the duration it returns, after the message is stored.
	replyDelay func(n int) time.Duration
}

type received struct {
	from string
	to   []string
	data []byte
	tls  bool
}

type testServer struct {
	opts serverOptions
	host string
	port int

	stop chan struct{} // closed when the test ends

	mu       sync.Mutex
	conns    int // TCP connections accepted
	authN    int // AUTH exchanges
	mailN    int // MAIL FROM commands
	dataN    int // DATA commands
	messages []received
}

func (s *testServer) counts() (conns, auths, mails, datas, msgs int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.conns, s.authN, s.mailN, s.dataN, len(s.messages)
}

func (s *testServer) received() []received {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]received(nil), s.messages...)
}

// startServer serves until the test ends.
func startServer(t *testing.T, opts serverOptions) *testServer {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := &testServer{opts: opts, host: "127.0.0.1", port: ln.Addr().(*net.TCPAddr).Port, stop: make(chan struct{})}
	var l net.Listener = &countingListener{Listener: ln, s: s}
	srv := smtp.NewServer(smtp.BackendFunc(func(c *smtp.Conn) (smtp.Session, error) {
		return &session{s: s, conn: c}, nil
	}))
	srv.Domain = "test.invalid"
	srv.ReadTimeout = 10 * time.Second
	srv.WriteTimeout = 10 * time.Second
	srv.ErrorLog = log.New(io.Discard, "", 0)
	switch opts.mode {
	case modeNone:
		srv.AllowInsecureAuth = true
	case modeStartTLS:
		srv.TLSConfig = serverTLS(t)
	case modeTLS:
		l = tls.NewListener(l, serverTLS(t))
	default:
		t.Fatalf("unknown mode %q", opts.mode)
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		_ = srv.Serve(l)
	}()
	t.Cleanup(func() {
		close(s.stop)
		_ = srv.Close()
		_ = ln.Close() // in case Serve had not yet registered it when Close ran
		<-done
	})
	return s
}

type countingListener struct {
	net.Listener
	s *testServer
}

func (l *countingListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err == nil {
		l.s.mu.Lock()
		l.s.conns++
		l.s.mu.Unlock()
	}
	return c, err
}

type session struct {
	s      *testServer
	conn   *smtp.Conn
	authed bool
	from   string
	to     []string
}

func (se *session) AuthMechanisms() []string {
	if se.s.opts.user == "" {
		return nil
	}
	return []string{sasl.Plain}
}

func (se *session) Auth(mech string) (sasl.Server, error) {
	se.s.mu.Lock()
	se.s.authN++
	se.s.mu.Unlock()
	return sasl.NewPlainServer(func(identity, user, pass string) error {
		if user != se.s.opts.user || pass != se.s.opts.pass {
			return smtp.ErrAuthFailed
		}
		se.authed = true
		return nil
	}), nil
}

func (se *session) Mail(from string, _ *smtp.MailOptions) error {
	se.s.mu.Lock()
	se.s.mailN++
	n := se.s.mailN
	se.s.mu.Unlock()
	if se.s.opts.user != "" && !se.authed {
		return smtp.ErrAuthRequired
	}
	if se.s.opts.onMail != nil {
		if err := se.s.opts.onMail(n); err != nil {
			return err
		}
	}
	se.from = from
	return nil
}

func (se *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	if se.s.opts.onRcpt != nil {
		if err := se.s.opts.onRcpt(to); err != nil {
			return err
		}
	}
	se.to = append(se.to, to)
	return nil
}

func (se *session) Data(r io.Reader) error {
	se.s.mu.Lock()
	se.s.dataN++
	n := se.s.dataN
	se.s.mu.Unlock()
	if se.s.opts.cutData != nil && se.s.opts.cutData(n) {
		_, _ = io.CopyN(io.Discard, r, 4096)
		if tc, ok := se.conn.Conn().(*net.TCPConn); ok {
			_ = tc.SetLinger(0) // RST: the client's writes fail at once
		}
		_ = se.conn.Conn().Close()
		return errStalled
	}
	data, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	if se.s.opts.onData != nil {
		if err := se.s.opts.onData(n); err != nil {
			return err
		}
	}
	_, isTLS := se.conn.TLSConnectionState()
	se.s.mu.Lock()
	se.s.messages = append(se.s.messages, received{from: se.from, to: se.to, data: data, tls: isTLS})
	se.s.mu.Unlock()
	if se.s.opts.replyDelay != nil {
		t := time.NewTimer(se.s.opts.replyDelay(n))
		defer t.Stop()
		select {
		case <-t.C:
		case <-se.s.stop:
		}
	}
	return nil
}

func (se *session) Reset() { se.from, se.to = "", nil }

func (se *session) Logout() error { return nil }

func smtpErr(code int, enh smtp.EnhancedCode, msg string) error {
	return &smtp.SMTPError{Code: code, EnhancedCode: enh, Message: msg}
}

// The test certificate: self-signed for 127.0.0.1 and localhost, made once.
var testCert = sync.OnceValues(func() (tls.Certificate, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return tls.Certificate{}, err
	}
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(1),
		Subject:               pkix.Name{CommonName: "custseg test SMTP"},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().Add(24 * time.Hour),
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true,
		IsCA:                  true,
		IPAddresses:           []net.IP{net.IPv4(127, 0, 0, 1)},
		DNSNames:              []string{"localhost"},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return tls.Certificate{}, err
	}
	leaf, err := x509.ParseCertificate(der)
	if err != nil {
		return tls.Certificate{}, err
	}
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key, Leaf: leaf}, nil
})

func serverTLS(t *testing.T) *tls.Config {
	t.Helper()
	cert, err := testCert()
	if err != nil {
		t.Fatal(err)
	}
	return &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12}
}

// clientTLS trusts the test certificate and nothing else.
func clientTLS(t *testing.T) *tls.Config {
	t.Helper()
	cert, err := testCert()
	if err != nil {
		t.Fatal(err)
	}
	pool := x509.NewCertPool()
	pool.AddCert(cert.Leaf)
	return &tls.Config{RootCAs: pool}
}

// closedPort returns a port on 127.0.0.1 that nothing listens on.
func closedPort(t *testing.T) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	if err := ln.Close(); err != nil {
		t.Fatal(err)
	}
	return port
}

var errStalled = errors.New("stalled")
