package mail

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/textproto"
	"strconv"
	"sync"
	"time"

	gomail "github.com/wneessen/go-mail"
	"github.com/wneessen/go-mail/smtp"
)

// Log attribute keys.
const (
	LogServer   = "smtp_server"
	LogAttempt  = "attempt"
	LogRetryIn  = "retry_in"
	LogTo       = "to"
	LogSubject  = "subject"
	LogResponse = "response"
)

// Sender sends messages through one SMTP server. It is safe for concurrent
// use; each Send makes its own connections.
type Sender struct {
	cfg  Config
	addr string
	log  *slog.Logger
}

// New checks cfg and returns a Sender; it does not connect (see Check).
// A nil log discards.
func New(cfg Config, log *slog.Logger) (*Sender, error) {
	cfg, err := cfg.normalize()
	if err != nil {
		return nil, err
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	addr := net.JoinHostPort(cfg.Host, strconv.Itoa(cfg.Port))
	return &Sender{cfg: cfg, addr: addr, log: log.With(LogServer, addr)}, nil
}

// Send delivers msg to all of msg.To in one SMTP transaction.
//
// The message, attachments included, is built before the first connection;
// a bad address or an unreadable attachment fails without any network I/O.
// Transient failures are retried up to Retries times, waiting RetryBackoff,
// then twice that, and so on; ctx bounds the whole, waits included.
// Permanent failures return at once. The error is an *Error.
func (s *Sender) Send(ctx context.Context, msg Message) error {
	m, err := s.build(msg)
	if err != nil {
		return &Error{Server: s.addr, Permanent: true, Err: err}
	}
	log := s.log.With(LogTo, msg.To, LogSubject, msg.Subject)
	backoff := s.cfg.RetryBackoff
	for attempt := 1; ; attempt++ {
		resp, err := s.sendOnce(ctx, m)
		if err == nil {
			log.Info("email sent", LogAttempt, attempt, LogResponse, resp)
			return nil
		}
		if errors.Is(err, errNoFinalReply) {
			// Never retried: the server may have kept the message.
			log.Error("email sent in full but not confirmed by the server; not sent again",
				LogAttempt, attempt, "error", err)
			return &Error{Server: s.addr, Unknown: true, Attempts: attempt, Err: err}
		}
		permanent, code := classify(err)
		if ctxErr := ctx.Err(); ctxErr != nil {
			return &Error{Server: s.addr, Code: code, Attempts: attempt,
				Err: fmt.Errorf("%w (last error: %v)", ctxErr, err)}
		}
		if permanent || attempt > s.cfg.Retries {
			return &Error{Server: s.addr, Permanent: permanent, Code: code, Attempts: attempt, Err: err}
		}
		log.Warn("email not sent, will retry", LogAttempt, attempt, LogRetryIn, backoff, "error", err)
		t := time.NewTimer(backoff)
		select {
		case <-ctx.Done():
			t.Stop()
			return &Error{Server: s.addr, Code: code, Attempts: attempt,
				Err: fmt.Errorf("%w (last error: %v)", ctx.Err(), err)}
		case <-t.C:
		}
		backoff = min(2*backoff, maxBackoff)
	}
}

// Check connects with the configured security, authenticates when a
// username is set, and quits without sending: one attempt, no retries.
func (s *Sender) Check(ctx context.Context) error {
	err := s.session(ctx, func(*gomail.Client, *smtp.Client, *watchConn) error { return nil })
	if err == nil {
		return nil
	}
	permanent, code := classify(err)
	if ctxErr := ctx.Err(); ctxErr != nil {
		return &Error{Server: s.addr, Code: code, Attempts: 1, Err: fmt.Errorf("%w (last error: %v)", ctxErr, err)}
	}
	return &Error{Server: s.addr, Permanent: permanent, Code: code, Attempts: 1, Err: err}
}

// errNoFinalReply marks a transaction whose data went out in full and
// whose final reply did not come.
var errNoFinalReply = errors.New("no reply to the end of the data")

// sendOnce makes one connection and sends m in one SMTP transaction, each
// command bounded by Timeout. It returns the server's final reply. Once the
// end-of-data mark is written, the reply may take FinalReplyTimeout; if it
// does not come (a timeout, a closed connection), the error wraps
// errNoFinalReply. A message the server accepted counts as sent even if
// what follows (QUIT) fails.
func (s *Sender) sendOnce(ctx context.Context, m *gomail.Msg) (string, error) {
	var resp string
	err := s.session(ctx, func(_ *gomail.Client, sc *smtp.Client, w *watchConn) error {
		from, err := m.GetSender(false)
		if err != nil {
			return err
		}
		rcpts, err := m.GetRecipients()
		if err != nil {
			return err
		}
		if err := sc.UpdateDeadline(s.cfg.Timeout); err != nil {
			return err
		}
		if err := sc.Mail(from); err != nil {
			return err
		}
		for _, r := range rcpts {
			if err := sc.UpdateDeadline(s.cfg.Timeout); err != nil {
				return err
			}
			if err := sc.Rcpt(r); err != nil {
				_ = sc.Reset()
				return err
			}
		}
		if err := sc.UpdateDeadline(s.cfg.Timeout); err != nil {
			return err
		}
		dw, err := sc.Data()
		if err != nil {
			return err
		}
		// The data itself may take longer than one command on a slow
		// link: the deadline moves with each write (see watchConn).
		w.progress(s.cfg.Timeout)
		if _, err := m.WriteTo(dw); err != nil {
			return err
		}
		w.awaitFinal(s.cfg.FinalReplyTimeout)
		err = dw.Close()
		if dc, ok := dw.(*smtp.DataCloser); ok {
			resp = dc.ServerResponse()
		}
		if err != nil && w.dataSent() {
			var reply *textproto.Error
			if !errors.As(err, &reply) {
				return fmt.Errorf("%w within %s: %v", errNoFinalReply, s.cfg.FinalReplyTimeout, err)
			}
		}
		if err == nil {
			w.done()
		}
		return err
	})
	return resp, err
}

// watchConn is the SMTP connection as written to the network (under TLS
// when there is TLS). It tells whether the end of a message's data has
// gone out: once awaitFinal is called (just before the end-of-data mark
// is written and the reply read), a read on a connection whose writes all
// succeeded means the whole message, mark included, was handed to the
// network, whatever TLS does above it. That first read gets the final
// reply's deadline.
type watchConn struct {
	net.Conn
	mu          sync.Mutex
	perWrite    time.Duration // > 0: each write gets this long
	final       time.Duration // > 0: armed, waiting for the end of data
	writeFailed bool
	sent        bool // the end-of-data mark went out in full
}

func (c *watchConn) progress(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.perWrite = d
}

func (c *watchConn) awaitFinal(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.final, c.sent = d, false // a write that failed before still counts
}

func (c *watchConn) done() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.perWrite, c.final = 0, 0
}

func (c *watchConn) dataSent() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.sent
}

func (c *watchConn) Write(p []byte) (int, error) {
	c.mu.Lock()
	if c.perWrite > 0 {
		_ = c.Conn.SetWriteDeadline(time.Now().Add(c.perWrite))
	}
	c.mu.Unlock()
	n, err := c.Conn.Write(p)
	if err != nil {
		c.mu.Lock()
		c.writeFailed = true
		c.mu.Unlock()
	}
	return n, err
}

func (c *watchConn) Read(p []byte) (int, error) {
	c.mu.Lock()
	if c.final > 0 && !c.sent && !c.writeFailed {
		c.sent = true
		c.perWrite = 0
		_ = c.Conn.SetReadDeadline(time.Now().Add(c.final))
	}
	c.mu.Unlock()
	return c.Conn.Read(p)
}

// session connects, says EHLO, upgrades with STARTTLS or starts in TLS,
// authenticates when configured, runs fn and quits. The socket is closed
// as soon as ctx ends, so that no SMTP command outlives it, and always on
// return.
func (s *Sender) session(ctx context.Context, fn func(*gomail.Client, *smtp.Client, *watchConn) error) error {
	var (
		mu    sync.Mutex
		raw   net.Conn
		watch *watchConn
		stop  func() bool
	)
	defer func() {
		mu.Lock()
		defer mu.Unlock()
		if raw != nil {
			stop()
			_ = raw.Close()
		}
	}()
	dial := func(dctx context.Context, network, addr string) (net.Conn, error) {
		d := &net.Dialer{}
		conn, err := d.DialContext(dctx, network, addr)
		if err != nil {
			return nil, err
		}
		// Watched below TLS: what it sees written is what the network got.
		w := &watchConn{Conn: conn}
		var c net.Conn = w
		if s.cfg.Security == SecurityTLS {
			tc := tls.Client(w, s.cfg.TLSConfig)
			if err := tc.HandshakeContext(dctx); err != nil {
				_ = conn.Close()
				return nil, err
			}
			c = tc
		}
		mu.Lock()
		defer mu.Unlock()
		raw, watch = conn, w
		stop = context.AfterFunc(ctx, func() { _ = conn.Close() })
		return c, nil
	}
	c, err := gomail.NewClient(s.cfg.Host, s.options(dial)...)
	if err != nil {
		return err
	}
	sc, err := c.DialToSMTPClientWithContext(ctx)
	if err != nil {
		return fmt.Errorf("connect: %w", err)
	}
	mu.Lock()
	w := watch
	mu.Unlock()
	if err := fn(c, sc, w); err != nil {
		return err
	}
	if err := c.CloseWithSMTPClient(sc); err != nil {
		s.log.Debug("smtp quit failed", "error", err)
	}
	return nil
}

// options are the go-mail client options for one connection.
func (s *Sender) options(dial gomail.DialContextFunc) []gomail.Option {
	opts := []gomail.Option{
		gomail.WithPort(s.cfg.Port),
		gomail.WithTimeout(s.cfg.Timeout),
		gomail.WithTLSConfig(s.cfg.TLSConfig),
		gomail.WithDialContextFunc(dial),
		// A fresh connection needs no NOOP before MAIL.
		gomail.WithoutNoop(),
	}
	switch s.cfg.Security {
	case SecurityStartTLS:
		opts = append(opts, gomail.WithTLSPolicy(gomail.TLSMandatory))
	default:
		// tls: the dialer already speaks TLS; none: plain text.
		opts = append(opts, gomail.WithTLSPolicy(gomail.NoTLS))
	}
	if s.cfg.Username != "" {
		opts = append(opts, gomail.WithUsername(s.cfg.Username), gomail.WithPassword(s.cfg.Password))
		if s.cfg.Security == SecurityNone {
			// normalize allowed this only for a loopback host.
			opts = append(opts, gomail.WithOpportunisticSMTPAuth(gomail.SMTPAuthPlainNoEnc, gomail.SMTPAuthLoginNoEnc))
		} else {
			opts = append(opts, gomail.WithOpportunisticSMTPAuth(gomail.SMTPAuthPlain, gomail.SMTPAuthLogin))
		}
	}
	return opts
}
