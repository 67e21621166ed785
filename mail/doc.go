// Package mail delivers custseg's reports by SMTP: it builds a MIME message
// (plain text with an optional HTML alternative, plus attachments), connects
// with the configured security (STARTTLS required, implicit TLS, or plain for
// a local relay), authenticates when a username is set, and sends it,
// retrying transient failures with exponential backoff.
//
// Every failure it returns is an *Error that wraps ErrPermanent (retrying
// cannot help: a 5xx reply, a failed login, a bad address, a certificate that
// does not verify, a missing attachment) or ErrTransient (a refused or broken
// connection, a timeout, a 4xx reply, a cancelled context), and carries the
// server's reply.
//
// A message is never sent in part: attachments are read before the first
// connection, and a connection that breaks before the server has accepted
// the data leaves nothing behind. One rare case can deliver twice: the
// server accepts the data but its reply is lost, and the retry sends again.
//
// The package owns SMTP and MIME only. It imports nothing of custseg but
// config (for FromConfig); what to send and to whom is the caller's (jobs).
package mail
