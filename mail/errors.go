package mail

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"net/textproto"
	"syscall"

	gomail "github.com/wneessen/go-mail"
)

// The three kinds of failure; every *Error wraps exactly one of them.
var (
	// ErrPermanent: the same message to the same server will fail again
	// (a 5xx reply, a failed login, a bad address or attachment, a TLS
	// certificate that does not verify, a server without STARTTLS).
	ErrPermanent = errors.New("permanent failure")
	// ErrTransient: a later try may succeed (a refused, reset or timed-out
	// connection, a 4xx reply, a cancelled context).
	ErrTransient = errors.New("transient failure")
	// ErrUnknown: the server received the whole message but its final
	// reply never came (a timeout or a broken connection after the
	// end-of-data mark). It may have been delivered; Send never retries
	// it, as a retry could deliver a second copy.
	ErrUnknown = errors.New("unknown outcome")
)

// Error is a failed Send or Check.
type Error struct {
	// Server is host:port.
	Server string
	// Permanent tells ErrPermanent from ErrTransient.
	Permanent bool
	// Unknown: the whole message was sent and not confirmed (ErrUnknown;
	// Permanent is then false).
	Unknown bool
	// Code is the server's SMTP reply code, 0 when it gave none.
	Code int
	// Attempts is how many connections were tried (0: the message failed
	// before any).
	Attempts int
	// Err is the last failure; it includes the server's reply.
	Err error
}

func (e *Error) Error() string {
	kind := "transient failure"
	switch {
	case e.Unknown:
		return fmt.Sprintf("smtp %s: the server received the whole message but did not confirm it (attempt %d): "+
			"it may have been delivered, so it is not sent again: %v", e.Server, e.Attempts, e.Err)
	case e.Permanent:
		kind = "permanent failure"
	}
	switch {
	case e.Attempts == 0:
		return fmt.Sprintf("smtp %s: %s: %v", e.Server, kind, e.Err)
	case e.Attempts == 1:
		return fmt.Sprintf("smtp %s: %s after 1 attempt: %v", e.Server, kind, e.Err)
	default:
		return fmt.Sprintf("smtp %s: %s after %d attempts: %v", e.Server, kind, e.Attempts, e.Err)
	}
}

// Unwrap lets errors.Is match ErrPermanent, ErrTransient or ErrUnknown, and the
// underlying error (context.Canceled, *textproto.Error, ...).
func (e *Error) Unwrap() []error {
	kind := ErrTransient
	switch {
	case e.Unknown:
		kind = ErrUnknown
	case e.Permanent:
		kind = ErrPermanent
	}
	return []error{kind, e.Err}
}

// classify tells whether err is permanent and which SMTP code it carries.
// A failure it does not recognise as transient is permanent: retrying an
// unknown local error only delays the report to the operator.
func classify(err error) (permanent bool, code int) {
	var sendErr *gomail.SendError
	if errors.As(err, &sendErr) {
		// SendError does not unwrap to the reply; it keeps the code.
		if code := sendErr.ErrorCode(); code != 0 {
			return code >= 500, code
		}
		switch sendErr.Reason {
		case gomail.ErrGetSender, gomail.ErrGetRcpts, gomail.ErrNoUnencoded:
			return true, 0
		}
		// No reply: the connection broke mid-transaction.
		return false, 0
	}
	var reply *textproto.Error
	if errors.As(err, &reply) {
		return reply.Code >= 500, reply.Code
	}
	var (
		verifyErr    *tls.CertificateVerificationError
		authorityErr x509.UnknownAuthorityError
		hostErr      x509.HostnameError
		invalidErr   x509.CertificateInvalidError
		recordErr    tls.RecordHeaderError
		alertErr     tls.AlertError
	)
	if errors.As(err, &verifyErr) || errors.As(err, &authorityErr) || errors.As(err, &hostErr) ||
		errors.As(err, &invalidErr) || errors.As(err, &recordErr) || errors.As(err, &alertErr) {
		return true, 0
	}
	var dnsErr *net.DNSError
	if errors.As(err, &dnsErr) {
		return dnsErr.IsNotFound, 0
	}
	var netErr net.Error
	if errors.As(err, &netErr) || errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) ||
		errors.Is(err, net.ErrClosed) || errors.Is(err, syscall.ECONNREFUSED) ||
		errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.EPIPE) {
		return false, 0
	}
	return true, 0
}
