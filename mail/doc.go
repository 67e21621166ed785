// Package mail delivers custseg's reports by SMTP: it builds a MIME message
// (plain text with an optional HTML alternative, plus attachments), connects
// with the configured security (STARTTLS required, implicit TLS, or plain for
// a local relay), authenticates when a username is set, and sends it,
// retrying transient failures with exponential backoff.
//
// Every failure it returns is an *Error that wraps ErrPermanent (retrying
// cannot help: a 5xx reply, a failed login, a bad address, a certificate that
// does not verify, a missing attachment), ErrTransient (a refused or broken
// connection, a timeout, a 4xx reply, a cancelled context) or ErrUnknown
// (see below), and carries the server's reply.
//
// A message is never sent in part: attachments are read before the first
// connection, and a connection that breaks before the server has accepted
// the data leaves nothing behind. A message whose data went out in full
// (end-of-data mark included) but whose final reply did not come within
// FinalReplyTimeout is never retried: the server may have kept it, so Send
// returns an *Error wrapping ErrUnknown and the caller decides what to tell.
// A message may carry a fixed Message-ID, so that a copy sent again after a
// crash is recognisably the same message.
//
// The package owns SMTP and MIME only. It imports nothing of custseg but
// config (for FromConfig); what to send and to whom is the caller's (jobs).
package mail
