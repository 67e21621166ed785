package jobs

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"log/slog"
	netmail "net/mail"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/custseg/custseg/config"
	"github.com/custseg/custseg/ledger"
	"github.com/custseg/custseg/mail"
	"github.com/custseg/custseg/reports"
	email "github.com/custseg/custseg/reports/email"
)

// AudienceSharedFolder is the Delivery entry of the shared folder.
const AudienceSharedFolder = "shared_folder"

// deliver publishes the run to the shared folder and emails the job's
// audiences, recording what happened to each in the manifest.
func (r *run) deliver(ctx context.Context) {
	folder := r.m.Dir
	if r.sharedDir != "" {
		d := r.publishShared()
		if d.Status == StatusSent {
			folder = d.Detail
		}
		r.m.Delivery = append(r.m.Delivery, d)
	}
	if r.cfg.Email.Enabled && len(r.job.Audiences) > 0 {
		r.m.Delivery = append(r.m.Delivery, r.email(ctx, folder)...)
	}
}

// publishShared copies the run folder into the shared folder.
func (r *run) publishShared() Delivery {
	d := Delivery{Audience: AudienceSharedFolder, At: time.Now()}
	dir, err := publishShared(r.m.Dir, r.sharedDir, r.m.Job, r.m.AsOf, r.m.RunID, r.cfg.Delivery.Retention, r.modes)
	if err != nil {
		d.Status, d.Error = StatusFailed, err.Error()
		return d
	}
	d.Status, d.Detail = StatusSent, dir
	r.shared = dir
	r.log.Info("published to the shared folder", slog.String("folder", dir))
	return d
}

// email emails the job's audiences, folder being where readers find the
// run's files, and returns what happened to each.
//
// Each audience gets at most one message per job and as-of date, across
// attempts, crashes and replicas: its state in the delivery ledger (package
// ledger) decides. Sent: skipped. Unknown (sent in full, never
// confirmed): skipped, as it may have arrived. Sending (the process died
// while sending), failed or never tried: "sending" is recorded durably,
// the message is sent, and its outcome recorded durably before the next
// audience. A ledger that cannot record "sending" sends nothing. Every
// attempt's message has the same Message-ID, so the one copy a crash at
// the worst instant can repeat is recognisably the same message.
func (r *run) email(ctx context.Context, folder string) []Delivery {
	ldg, states, lerr := r.deliveryLedger(ctx)
	if ldg != nil {
		defer ldg.Close()
	}
	// Runs recorded by versions before the ledger.
	runs, _ := ReadRuns(r.outDir, r.m.Job)
	legacy := Delivered(runs, r.m.Job, r.m.AsOf)
	sender, serr := mail.New(mail.FromConfig(r.cfg.Email), r.log)
	host, _ := os.Hostname()
	ledgerTold := false // the ledger's error is given in full once
	var out []Delivery
	for _, name := range r.job.Audiences {
		aud := audience(r.cfg, name)
		d := Delivery{Audience: name, Recipients: aud.To, At: time.Now(), MessageID: MessageID(r.m.Job, r.m.AsOf, name, r.cfg.Email.From)}
		prev := states[name]
		switch {
		case len(aud.To) == 0:
			d.Status, d.Detail = StatusSkipped, "no recipients configured"
		case legacy[name] || prev.State == ledger.DeliverySent:
			d.Status, d.Detail = StatusSkipped, "already sent by an earlier attempt for this as-of date"+earlier(prev)
		case prev.State == ledger.DeliveryUnknown:
			d.Status, d.Detail = StatusSkipped, "may have been delivered by an earlier attempt"+earlier(prev)+
				" (the server received the whole message but did not confirm it); not re-sent"
		case lerr != nil:
			d.Status, d.Error = StatusFailed, ledgerRefusal(lerr, &ledgerTold)
		case serr != nil:
			d.Status, d.Error = StatusFailed, serr.Error()
		case ctx.Err() != nil:
			d.Status, d.Error = StatusFailed, "not sent: the run was interrupted"
		default:
			r.sendAudience(ctx, ldg, sender, aud, folder, host, &d)
		}
		d.At = time.Now()
		out = append(out, d)
	}
	return out
}

// deliveryLedger opens the delivery ledger and reads the states of the
// run's audiences; on error no email may be sent.
func (r *run) deliveryLedger(ctx context.Context) (ledger.Ledger, map[string]ledger.DeliveryEntry, error) {
	l, err := ledger.OpenForRun(ctx, r.cfg, r.opts.DSN, r.outDir)
	if err != nil {
		r.log.Error("delivery ledger not available: no email is sent", slog.Any("error", err))
		return nil, map[string]ledger.DeliveryEntry{}, err
	}
	states, err := l.Deliveries(ctx, r.m.Job, r.m.AsOf)
	if damaged := ledger.Damaged(l); len(damaged) > 0 {
		r.log.Warn("the delivery ledger has damaged lines, left out", slog.String("file", l.String()),
			slog.Any("lines", damaged))
	}
	if err != nil {
		r.log.Error("delivery ledger not available: no email is sent", slog.Any("error", err))
	}
	return l, states, err
}

// ledgerRefusal is an audience's error when the ledger is not available:
// the ledger's error in full the first time (told false), then a
// reference to it.
func ledgerRefusal(lerr error, told *bool) string {
	msg := "not sent: the delivery ledger cannot tell whether this audience already got its report"
	if *told {
		return msg + " (the same ledger error as above)"
	}
	*told = true
	return msg + ": " + lerr.Error()
}

// sendAudience records "sending", sends aud its message and records the
// outcome, filling d.
func (r *run) sendAudience(ctx context.Context, ldg ledger.Ledger, sender *mail.Sender, aud config.Audience,
	folder, host string, d *Delivery) {
	log := r.log
	msg, err := r.message(aud, folder, sender.Size)
	if err != nil {
		d.Status, d.Error = StatusFailed, err.Error()
		log.Error("email not built", slog.String("audience", aud.Name), slog.Any("error", err))
		return
	}
	msg.MessageID = d.MessageID
	entry := ledger.DeliveryEntry{Job: r.m.Job, AsOf: r.m.AsOf, Audience: aud.Name, State: ledger.DeliverySending,
		MessageID: d.MessageID, RunID: r.m.RunID, Host: host, At: time.Now().UTC()}
	if err := ldg.RecordDelivery(ctx, entry); err != nil {
		d.Status, d.Error = StatusFailed, "not sent: the delivery ledger could not record the attempt, "+
			"so a later run could not tell whether it went out: "+err.Error()
		log.Error("email not sent: the delivery ledger could not record it", slog.String("audience", aud.Name), slog.Any("error", err))
		return
	}
	err = sender.Send(ctx, msg)
	entry.At = time.Now().UTC()
	switch {
	case err == nil:
		entry.State, d.Status = ledger.DeliverySent, StatusSent
		log.Info("email sent", slog.String("audience", aud.Name), slog.Int("recipients", len(aud.To)),
			slog.String("message_id", d.MessageID))
	case errors.Is(err, mail.ErrUnknown):
		entry.State, entry.Error = ledger.DeliveryUnknown, err.Error()
		d.Status, d.Error = StatusUnknown, err.Error()
		log.Error("email may have been delivered: the server did not confirm it; it is not sent again",
			slog.String("audience", aud.Name), slog.Any("error", err))
	default:
		entry.State, entry.Error = ledger.DeliveryFailed, err.Error()
		d.Status, d.Error = StatusFailed, err.Error()
		log.Error("email not delivered", slog.String("audience", aud.Name), slog.Any("error", err))
	}
	// The outcome is recorded even when the run is being stopped.
	if rerr := ldg.RecordDelivery(context.WithoutCancel(ctx), entry); rerr != nil {
		note := "the delivery ledger could not record the outcome (" + rerr.Error() + ")"
		if entry.State == ledger.DeliverySent {
			note += "; a re-run of this as-of date will send this audience its report again, with the same Message-ID"
		}
		if d.Error != "" {
			d.Error += "; also, " + note
		} else {
			d.Error = note
		}
		log.Error("delivery outcome not recorded", slog.String("audience", aud.Name), slog.Any("error", rerr))
	}
}

// emailBody is one kind of email as rendered from the run: its subject and
// bodies, or why they could not be made.
type emailBody struct {
	subject, html, text string
	err                 error
}

// Kinds of email, by config.Audience.Gets: the marketing note (gets
// "workbook"), else the management summary.
const (
	emailMarketing  = "marketing"
	emailManagement = "management"
)

// emailKind is the kind of email an audience that gets gets receives.
func emailKind(gets string) string {
	if gets == "workbook" {
		return emailMarketing
	}
	return emailManagement
}

// renderEmails renders the kinds of email the audiences of job receive.
func renderEmails(in *reports.Input, cfg *config.Config, job config.Job) map[string]emailBody {
	out := map[string]emailBody{}
	for _, name := range job.Audiences {
		kind := emailKind(audience(cfg, name).Gets)
		if _, done := out[kind]; done {
			continue
		}
		var b emailBody
		if kind == emailMarketing {
			b.subject, b.html, b.text, b.err = email.Marketing(in)
		} else {
			b.subject, b.html, b.text, b.err = email.Management(in)
		}
		out[kind] = b
	}
	return out
}

// attachedFiles are the files an audience that gets gets receives.
func attachedFiles(gets, asOf string) []string {
	switch gets {
	case "workbook":
		return []string{WorkbookFile(asOf)}
	case "both":
		return []string{ReportFile(asOf), WorkbookFile(asOf)}
	}
	return []string{ReportFile(asOf)}
}

// mailFile is a file of the run offered to an audience.
type mailFile struct {
	name, path string
	sent       int64 // bytes as an attachment
	attach     bool
}

// message builds an audience's email: the management summary with the HTML
// report, the marketing note with the workbook, or both. A file is
// attached only while the whole message, as it goes out (size: the
// attachments base64-encoded, about 4/3 of their size plus line breaks),
// stays within the attachment limit; the other files, the largest first,
// are replaced by where to find them (folder, or under delivery.link_base),
// in the email's language.
func (r *run) message(aud config.Audience, folder string, size func(mail.Message) (int64, error)) (mail.Message, error) {
	body := r.emails[emailKind(aud.Gets)]
	if body.err != nil {
		return mail.Message{}, body.err
	}
	limit := int64(r.cfg.Email.AttachmentLimitMB * 1024 * 1024)
	var fs []mailFile
	for _, f := range attachedFiles(aud.Gets, r.m.AsOf) {
		path := filepath.Join(r.m.Dir, f)
		info, err := os.Stat(path)
		if err != nil {
			return mail.Message{}, err
		}
		sent := mail.EncodedLen(info.Size())
		fs = append(fs, mailFile{name: f, path: path, sent: sent, attach: sent <= limit})
	}
	for {
		msg := r.buildMessage(aud, body, fs, folder)
		if len(msg.Attachments) == 0 || size == nil {
			return msg, nil
		}
		n, err := size(msg)
		if err != nil {
			return mail.Message{}, err
		}
		if n <= limit {
			return msg, nil
		}
		// Over the limit with its bodies and headers: link the largest
		// attached file instead, and measure again.
		big := -1
		for i := range fs {
			if fs[i].attach && (big < 0 || fs[i].sent > fs[big].sent) {
				big = i
			}
		}
		fs[big].attach = false
	}
}

// buildMessage is aud's message with the files of fs to attach attached
// and the others linked, with a note saying why.
func (r *run) buildMessage(aud config.Audience, body emailBody, fs []mailFile, folder string) mail.Message {
	msg := mail.Message{To: aud.To, Subject: body.subject, HTML: body.html, Text: body.text}
	var linked []email.NotAttached
	for _, f := range fs {
		if f.attach {
			msg.Attachments = append(msg.Attachments, mail.Attachment{Name: f.name, Path: f.path, ContentType: contentType(f.name)})
			continue
		}
		where := filepath.Join(folder, f.name)
		if r.cfg.Delivery.LinkBase != "" {
			where = r.readers + f.name
		}
		linked = append(linked, email.NotAttached{Name: f.name, SentMB: float64(f.sent) / 1024 / 1024,
			LimitMB: r.cfg.Email.AttachmentLimitMB, Where: where})
	}
	noteText, noteHTML := email.NotAttachedNote(r.locale, linked)
	if noteText != "" {
		msg.Text += "\n\n" + noteText
		if i := strings.LastIndex(msg.HTML, "</body>"); i >= 0 {
			msg.HTML = msg.HTML[:i] + noteHTML + msg.HTML[i:]
		} else {
			msg.HTML += noteHTML
		}
	}
	return msg
}

// earlier describes the ledger entry of an earlier attempt, if any.
func earlier(e ledger.DeliveryEntry) string {
	if e.At.IsZero() {
		return ""
	}
	s := " (" + e.At.UTC().Format("2006-01-02 15:04 MST")
	if e.RunID != "" {
		s += ", run " + e.RunID
	}
	return s + ")"
}

// MessageID is the Message-ID (without angle brackets) of the email of one
// job, as-of date and audience: the same for every attempt, so that a
// message sent again after a crash is the same message to mail clients.
// Its right side is the sender address's domain.
func MessageID(job, asOf, audience, from string) string {
	domain := "custseg.invalid"
	if a, err := netmail.ParseAddress(from); err == nil {
		if at := strings.LastIndexByte(a.Address, '@'); at >= 0 && at+1 < len(a.Address) {
			domain = a.Address[at+1:]
		}
	}
	sum := sha256.Sum256([]byte(job + "\x00" + asOf + "\x00" + audience))
	return "custseg." + hex.EncodeToString(sum[:16]) + "@" + domain
}

// deliveryOutcome is the run's error after delivery: deliveryError's,
// plus the audiences whose message may or may not have arrived (unknown)
// and those sent but not recorded in the ledger. The alert tells them.
func deliveryOutcome(ds []Delivery) error {
	err := deliveryError(ds)
	var problems []string
	extra := false
	for _, d := range ds {
		switch {
		case d.Status == StatusFailed:
			problems = append(problems, d.Audience+": "+d.Error)
		case d.Status == StatusUnknown, d.Status == StatusSent && d.Error != "":
			problems = append(problems, d.Audience+": "+d.Error)
			extra = true
		}
	}
	if !extra {
		return err
	}
	return &StepError{StepDeliver, errors.New(strings.Join(problems, "; "))}
}

func audience(cfg *config.Config, name string) config.Audience {
	for _, a := range cfg.Email.Audiences {
		if a.Name == name {
			return a
		}
	}
	return config.Audience{Name: name}
}

func contentType(name string) string {
	switch filepath.Ext(name) {
	case ".xlsx":
		return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	case ".html":
		return "text/html; charset=utf-8"
	}
	return "application/octet-stream"
}
