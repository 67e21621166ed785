// Package smtptest runs a real SMTP server (github.com/emersion/go-smtp) in
// the test process, plain and without authentication, recording what it
// receives; tests of the run's delivery parse the messages.
package smtptest

import (
	"bytes"
	"io"
	"log"
	"net"
	"net/mail"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-smtp"
)

// Message is one message the server accepted.
type Message struct {
	From string
	To   []string
	Data []byte
}

// Header parses the message's header.
func (m Message) Header() mail.Header {
	msg, err := mail.ReadMessage(bytes.NewReader(m.Data))
	if err != nil {
		return mail.Header{}
	}
	return msg.Header
}

// Server is a running test SMTP server.
type Server struct {
	Host string
	Port int

	mu       sync.Mutex
	messages []Message
	// Refuse, when set, is asked before each DATA is accepted (n counts
	// the DATA commands from 1); a non-nil error refuses the message.
	// Set the hooks before the first message, or through SetStored and
	// SetReplyDelay while messages may arrive.
	Refuse func(n int) error
	// Stored, when set, is called after the nth message is stored and
	// before the server replies to it (a test may kill the sender there:
	// the worst instant).
	Stored func(n int)
	// ReplyDelay, when set, holds the reply to the nth stored message for
	// the duration it returns (the test's end cuts it short).
	ReplyDelay func(n int) time.Duration
	datas      int
	stop       chan struct{}
}

// Start serves on 127.0.0.1 until the test ends.
func Start(t testing.TB) *Server {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := &Server{Host: "127.0.0.1", Port: ln.Addr().(*net.TCPAddr).Port, stop: make(chan struct{})}
	srv := smtp.NewServer(smtp.BackendFunc(func(c *smtp.Conn) (smtp.Session, error) {
		return &session{s: s}, nil
	}))
	srv.Domain = "test.invalid"
	srv.ReadTimeout = 10 * time.Second
	srv.WriteTimeout = 10 * time.Second
	srv.ErrorLog = log.New(io.Discard, "", 0)
	done := make(chan struct{})
	go func() {
		defer close(done)
		_ = srv.Serve(ln)
	}()
	t.Cleanup(func() {
		close(s.stop)
		// Close the listener too: a test that ends before Serve has taken
		// it would otherwise leave Serve waiting for ever.
		_ = ln.Close()
		_ = srv.Close()
		<-done
	})
	return s
}

// SetStored sets Stored while the server runs (a session reads it under
// the server's lock).
func (s *Server) SetStored(fn func(n int)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.Stored = fn
}

// SetReplyDelay sets ReplyDelay while the server runs.
func (s *Server) SetReplyDelay(fn func(n int) time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.ReplyDelay = fn
}

// Messages returns what the server accepted so far.
func (s *Server) Messages() []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Message(nil), s.messages...)
}

// RefusedError is a transient SMTP refusal for Refuse.
var RefusedError = &smtp.SMTPError{Code: 451, EnhancedCode: smtp.EnhancedCode{4, 3, 0}, Message: "try again later"}

type session struct {
	s    *Server
	from string
	to   []string
}

func (se *session) Mail(from string, _ *smtp.MailOptions) error { se.from = from; return nil }
func (se *session) Rcpt(to string, _ *smtp.RcptOptions) error   { se.to = append(se.to, to); return nil }
func (se *session) Reset()                                      { se.from, se.to = "", nil }
func (se *session) Logout() error                               { return nil }

func (se *session) Data(r io.Reader) error {
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	se.s.mu.Lock()
	se.s.datas++
	n := se.s.datas
	if se.s.Refuse != nil {
		if err := se.s.Refuse(n); err != nil {
			se.s.mu.Unlock()
			return err
		}
	}
	se.s.messages = append(se.s.messages, Message{From: se.from, To: append([]string(nil), se.to...), Data: b})
	stored, delay := se.s.Stored, se.s.ReplyDelay
	se.s.mu.Unlock()
	if stored != nil {
		stored(n)
	}
	if delay != nil {
		t := time.NewTimer(delay(n))
		defer t.Stop()
		select {
		case <-t.C:
		case <-se.s.stop:
		}
	}
	return nil
}
