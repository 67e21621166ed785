package mail

import (
	"crypto/tls"
	"fmt"
	"net"
	"net/mail"
	"time"

	"github.com/custseg/custseg/config"
)

// Connection security, as in email.security.
const (
	// SecurityStartTLS connects in plain text and requires the server to
	// offer STARTTLS (submission, port 587); a server that does not is an
	// error, never a fallback to plain text.
	SecurityStartTLS = "starttls"
	// SecurityTLS is TLS from the first byte (port 465).
	SecurityTLS = "tls"
	// SecurityNone is plain text, for a relay on the same host or network.
	SecurityNone = "none"
)

// Defaults for the zero values of Config.
const (
	DefaultTimeout = 30 * time.Second
	// DefaultFinalReplyTimeout is RFC 5321 §4.5.3.2.6's "DATA
	// Termination" timeout.
	DefaultFinalReplyTimeout = 10 * time.Minute
	maxBackoff               = 10 * time.Minute
)

// Config is what a Sender needs to reach the SMTP server.
type Config struct {
	Host string
	// Port 0 means 587 for starttls, 465 for tls and 25 for none.
	Port int
	// Security is starttls (the default when empty), tls or none.
	Security string
	// Username, when set, makes the sender authenticate (PLAIN, or LOGIN
	// when the server offers only that). The password is only ever sent
	// over TLS, or in plain text to a server on the loopback interface.
	Username string
	Password string
	// From is the sender address, optionally with a display name
	// ("custseg <reports@shop.example>").
	From string
	// Timeout bounds connecting and each SMTP command but the last
	// (0: DefaultTimeout).
	Timeout time.Duration
	// FinalReplyTimeout bounds the wait for the server's reply once the
	// whole message, end-of-data mark included, has been written
	// (0: DefaultFinalReplyTimeout, the 10 minutes RFC 5321 §4.5.3.2.6
	// recommends). A reply that does not come makes Send return
	// ErrUnknown, never a retry.
	FinalReplyTimeout time.Duration
	// Retries is how many times a transient failure is retried.
	Retries int
	// RetryBackoff is the wait before the first retry; it doubles for each
	// one after (capped at ten minutes).
	RetryBackoff time.Duration
	// TLSConfig, when set, is used (cloned) for STARTTLS and implicit TLS;
	// nil verifies the server against the system roots. Tests set RootCAs
	// here to trust their own certificate. ServerName defaults to Host.
	TLSConfig *tls.Config
}

// FromConfig takes the SMTP settings out of the email section.
func FromConfig(e config.Email) Config {
	return Config{
		Host:              e.Host,
		Port:              e.Port,
		Security:          e.Security,
		Username:          e.Username,
		Password:          e.Password,
		From:              e.From,
		Timeout:           e.Timeout,
		FinalReplyTimeout: e.FinalReplyTimeout,
		Retries:           e.Retries,
		RetryBackoff:      e.RetryBackoff,
	}
}

// normalize fills defaults and checks cfg; errors name the email.* key.
func (c Config) normalize() (Config, error) {
	if c.Host == "" {
		return c, fmt.Errorf("email.host: must not be empty")
	}
	if c.Security == "" {
		c.Security = SecurityStartTLS
	}
	switch c.Security {
	case SecurityStartTLS:
		if c.Port == 0 {
			c.Port = 587
		}
	case SecurityTLS:
		if c.Port == 0 {
			c.Port = 465
		}
	case SecurityNone:
		if c.Port == 0 {
			c.Port = 25
		}
		if c.Username != "" && !isLoopback(c.Host) {
			return c, fmt.Errorf("email.security: %q would send the password for %q unencrypted to %s; use starttls or tls",
				c.Security, c.Username, c.Host)
		}
	default:
		return c, fmt.Errorf("email.security: %q is not starttls, tls or none", c.Security)
	}
	if c.Port < 1 || c.Port > 65535 {
		return c, fmt.Errorf("email.port: %d is not a TCP port", c.Port)
	}
	if _, err := mail.ParseAddress(c.From); err != nil {
		return c, fmt.Errorf("email.from: %q is not an email address", c.From)
	}
	if c.Timeout < 0 || c.FinalReplyTimeout < 0 || c.Retries < 0 || c.RetryBackoff < 0 {
		return c, fmt.Errorf("email: timeout, final_reply_timeout, retries and retry_backoff must not be negative")
	}
	if c.Timeout == 0 {
		c.Timeout = DefaultTimeout
	}
	if c.FinalReplyTimeout == 0 {
		c.FinalReplyTimeout = DefaultFinalReplyTimeout
	}
	var tc *tls.Config
	if c.TLSConfig != nil {
		tc = c.TLSConfig.Clone()
	} else {
		tc = &tls.Config{}
	}
	if tc.ServerName == "" {
		tc.ServerName = c.Host
	}
	if tc.MinVersion == 0 {
		tc.MinVersion = tls.VersionTLS12
	}
	c.TLSConfig = tc
	return c, nil
}

// isLoopback reports whether host is this machine, the only place a
// password may travel in plain text (the same rule as net/smtp's PLAIN).
func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
