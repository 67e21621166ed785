package mail

import (
	"context"
	"crypto/tls"
	"fmt"
	"log/slog"
	"net"
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
		err := s.sendOnce(ctx, m)
		if err == nil {
			log.Info("email sent", LogAttempt, attempt, LogResponse, m.ServerResponse())
			return nil
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
	err := s.session(ctx, func(*gomail.Client, *smtp.Client) error { return nil })
	if err == nil {
		return nil
	}
	permanent, code := classify(err)
	if ctxErr := ctx.Err(); ctxErr != nil {
		return &Error{Server: s.addr, Code: code, Attempts: 1, Err: fmt.Errorf("%w (last error: %v)", ctxErr, err)}
	}
	return &Error{Server: s.addr, Permanent: permanent, Code: code, Attempts: 1, Err: err}
}

// sendOnce makes one connection and sends m. A message the server accepted
// counts as sent even if what follows (RSET, QUIT) fails.
func (s *Sender) sendOnce(ctx context.Context, m *gomail.Msg) error {
	return s.session(ctx, func(c *gomail.Client, sc *smtp.Client) error {
		err := c.SendWithSMTPClient(sc, m)
		if err != nil && m.IsDelivered() {
			s.log.Warn("email accepted by the server, then the connection failed", "error", err)
			return nil
		}
		return err
	})
}

// session connects, says EHLO, upgrades with STARTTLS or starts in TLS,
// authenticates when configured, runs fn and quits. The socket is closed
// as soon as ctx ends, so that no SMTP command outlives it, and always on
// return.
func (s *Sender) session(ctx context.Context, fn func(*gomail.Client, *smtp.Client) error) error {
	var (
		mu   sync.Mutex
		raw  net.Conn
		stop func() bool
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
		var (
			conn net.Conn
			err  error
		)
		if s.cfg.Security == SecurityTLS {
			conn, err = (&tls.Dialer{NetDialer: d, Config: s.cfg.TLSConfig}).DialContext(dctx, network, addr)
		} else {
			conn, err = d.DialContext(dctx, network, addr)
		}
		if err != nil {
			return nil, err
		}
		mu.Lock()
		defer mu.Unlock()
		raw = conn
		stop = context.AfterFunc(ctx, func() { _ = conn.Close() })
		return conn, nil
	}
	c, err := gomail.NewClient(s.cfg.Host, s.options(dial)...)
	if err != nil {
		return err
	}
	sc, err := c.DialToSMTPClientWithContext(ctx)
	if err != nil {
		return fmt.Errorf("connect: %w", err)
	}
	if err := fn(c, sc); err != nil {
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
