package mail

import (
	"errors"
	"strings"
	"testing"
	"time"
)

// A server that stores the message and then answers too late: the message
// went out in full, so it is not retried (a retry would store a second
// copy) and the outcome is unknown. A server that answers late but within
// FinalReplyTimeout, beyond Timeout, is waited for.
func TestSendFinalReply(t *testing.T) {
	tests := []struct {
		name        string
		mode        string
		delay       time.Duration // the server's final reply, after storing
		final       time.Duration // FinalReplyTimeout
		wantUnknown bool
	}{
		{"none, reply after the final timeout", modeNone, time.Minute, 500 * time.Millisecond, true},
		{"starttls, reply after the final timeout", modeStartTLS, time.Minute, 500 * time.Millisecond, true},
		{"tls, reply after the final timeout", modeTLS, time.Minute, 500 * time.Millisecond, true},
		{"none, slow reply within the final timeout", modeNone, 4 * time.Second, time.Minute, false},
		{"tls, slow reply within the final timeout", modeTLS, 4 * time.Second, time.Minute, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := startServer(t, serverOptions{mode: tt.mode, replyDelay: func(int) time.Duration { return tt.delay }})
			s := newSender(t, srv, func(c *Config) {
				c.Retries = 3
				// Every other command must answer within 2s: the final
				// reply has its own, longer, timeout.
				c.Timeout = 2 * time.Second
				c.FinalReplyTimeout = tt.final
			})
			if tt.wantUnknown {
				// Generous for the other commands on a loaded machine.
				s.cfg.Timeout = 10 * time.Second
			}
			msg := Message{To: testTo, Subject: testSubject, Text: testText, MessageID: "custseg.0123abcd@shop.example"}
			err := s.Send(t.Context(), msg)
			conns, _, _, datas, msgs := srv.counts()
			if !tt.wantUnknown {
				if err != nil {
					t.Fatalf("a reply within final_reply_timeout: %v", err)
				}
			} else {
				var e *Error
				if !errors.As(err, &e) || !e.Unknown || !errors.Is(err, ErrUnknown) ||
					errors.Is(err, ErrTransient) || errors.Is(err, ErrPermanent) {
					t.Fatalf("error %v (%T), want an *Error wrapping ErrUnknown only", err, err)
				}
				if e.Attempts != 1 {
					t.Errorf("%d attempts, want 1: an unconfirmed message must not be retried", e.Attempts)
				}
				if !strings.Contains(err.Error(), "did not confirm") {
					t.Errorf("error %q does not say the server did not confirm the message", err)
				}
			}
			if conns != 1 || datas != 1 || msgs != 1 {
				t.Errorf("server saw %d connections, %d DATA, stored %d messages; want 1, 1, 1", conns, datas, msgs)
			}
			if got := srv.received(); len(got) == 1 {
				if id := parseMessage(t, got[0].data).header.Get("Message-Id"); id != "<custseg.0123abcd@shop.example>" {
					t.Errorf("Message-ID %q, want the one given", id)
				}
			}
		})
	}
}
