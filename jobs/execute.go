package jobs

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	netmail "net/mail"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/custseg/custseg/config"
	"github.com/custseg/custseg/mail"
	"github.com/custseg/custseg/reports"
	"github.com/custseg/custseg/reports/email"
)

// StepDeliver names the delivery step in errors and the history.
const StepDeliver = "deliver"

// Execute performs one whole run: Run, then — unless DryRun — publishing to
// the shared folder and emailing each audience of the job; it records the
// run in the history and, when the run fails at any step, emails the alert
// list. Audiences that an earlier attempt of the same job and as-of date
// already delivered to are not sent again. A failed run never sends a
// report. With writeback enabled, a successful run's results and every
// run's history row also go to MySQL (see writeback.go).
func Execute(ctx context.Context, cfg *config.Config, opts Options) (*Manifest, error) {
	base := opts.Logger
	if base == nil {
		base = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	tail := newLogTail(base.Handler(), 30)
	opts.Logger = slog.New(tail)
	log := opts.Logger

	started := time.Now()
	outDir := cfg.Resolve(cfg.Outputs.Dir)
	if opts.OutDir != "" {
		outDir = opts.OutDir
	}
	// The job's timeout bounds the whole run, delivery included (runJob
	// applies it to its own steps too); the history line and the alert
	// still go out after it (they use contexts of their own).
	if j, jerr := cfg.Job(opts.Job); jerr == nil && j.Timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, j.Timeout)
		defer cancel()
	}
	m, in, err := runJob(ctx, cfg, opts)
	rec := RunRecord{StartedAt: started, ScheduledAt: opts.ScheduledAt, DryRun: opts.DryRun}
	if m != nil {
		rec.RunID, rec.Job, rec.AsOf = m.RunID, m.Job, m.AsOf
	} else if j, jerr := cfg.Job(opts.Job); jerr == nil {
		rec.Job = j.Name
	}
	var wroteRun *RunRecord // the custseg_runs row committed with the scores
	if err == nil && !opts.DryRun {
		m.Delivery = deliver(ctx, cfg, opts, m, in, outDir, log)
		if cfg.Writeback.Enabled {
			var d Delivery
			d, wroteRun = writeBack(ctx, cfg, opts, m, in, rec, log)
			m.Delivery = append(m.Delivery, d)
		}
		if rerr := rewriteManifest(m, modesOf(cfg).File); rerr != nil {
			log.Warn("manifest not updated with the delivery results", slog.Any("error", rerr))
		}
		err = deliveryOutcome(m.Delivery)
	}
	finished := time.Now()
	if wroteRun != nil {
		finished = wroteRun.FinishedAt // the history line and the row agree
	}
	finishRecord(&rec, m, err, finished)
	// The history is part of the run: a run it does not record failed.
	historyFailed := false
	if herr := AppendRun(outDir, rec); herr != nil {
		historyFailed = true
		herr = fmt.Errorf("the run history could not be written, so this run is not recorded (is the disk full?): %w", herr)
		if err == nil {
			err = &StepError{StepHistory, herr}
		} else {
			err = &StepError{rec.Step, fmt.Errorf("%w; also, %v", err, herr)}
		}
		finishRecord(&rec, m, err, finished)
	}
	if err != nil {
		log.Error("run failed", slog.String("step", rec.Step), slog.String("error", err.Error()))
		if !opts.DryRun {
			alertFire(ctx, cfg, rec, tail.Lines(), log)
		}
	}
	if cfg.Writeback.Enabled && !opts.DryRun && (wroteRun == nil || historyFailed) {
		recordRun(ctx, cfg, opts, rec, log)
	}
	if err != nil {
		return m, err
	}
	return m, nil
}

// StepHistory names the writing of the run history, when it fails.
const StepHistory = "history"

// deliver publishes the run to the shared folder and emails the job's
// audiences, and returns what happened to each.
//
// Each audience gets at most one message per job and as-of date, across
// attempts, crashes and replicas: its state in the delivery ledger (see
// ledger.go) decides. Sent: skipped. Unknown (sent in full, never
// confirmed): skipped, as it may have arrived. Sending (the process died
// while sending), failed or never tried: "sending" is recorded durably,
// the message is sent, and its outcome recorded durably before the next
// audience. A ledger that cannot record "sending" sends nothing. Every
// attempt's message has the same Message-ID, so the one copy a crash at
// the worst instant can repeat is recognisably the same message.
func deliver(ctx context.Context, cfg *config.Config, opts Options, m *Manifest, in *reports.Input, outDir string, log *slog.Logger) []Delivery {
	var out []Delivery
	folder := m.Dir
	if sf := cfg.Delivery.SharedFolder; sf != "" {
		d := Delivery{Audience: AudienceSharedFolder, At: time.Now()}
		dir, err := publishShared(m.Dir, cfg.Resolve(sf), m.Job, m.AsOf, m.RunID, cfg.Delivery.Retention, modesOf(cfg))
		if err != nil {
			d.Status, d.Error = "failed", err.Error()
		} else {
			d.Status, d.Detail = "sent", dir
			folder = dir
			log.Info("published to the shared folder", slog.String("folder", dir))
		}
		out = append(out, d)
	}
	if !cfg.Email.Enabled {
		return out
	}
	job, _ := cfg.Job(opts.Job)
	if len(job.Audiences) == 0 {
		return out
	}
	// Runs recorded by versions before the ledger.
	runs, _ := ReadRuns(outDir, m.Job)
	legacy := Delivered(runs, m.Job, m.AsOf)
	ledger, lerr := openLedger(ctx, cfg, opts, outDir)
	states := map[string]LedgerEntry{}
	if lerr == nil {
		defer ledger.Close()
		states, lerr = ledger.Deliveries(ctx, m.Job, m.AsOf)
		if fl, ok := ledger.(*fileLedger); ok && len(fl.Damaged()) > 0 {
			log.Warn("the delivery ledger has damaged lines, left out", slog.String("file", fl.String()),
				slog.Any("lines", fl.Damaged()))
		}
	}
	if lerr != nil {
		log.Error("delivery ledger not available: no email is sent", slog.Any("error", lerr))
	}
	sender, serr := mail.New(mail.FromConfig(cfg.Email), log)
	host, _ := os.Hostname()
	ledgerTold := false // the ledger's error is given in full once
	for _, name := range job.Audiences {
		aud := audience(cfg, name)
		d := Delivery{Audience: name, Recipients: aud.To, At: time.Now(), MessageID: MessageID(m.Job, m.AsOf, name, cfg.Email.From)}
		prev := states[name]
		switch {
		case len(aud.To) == 0:
			d.Status, d.Detail = "skipped", "no recipients configured"
		case legacy[name] || prev.State == DeliverySent:
			d.Status, d.Detail = "skipped", "already sent by an earlier attempt for this as-of date"+earlier(prev)
		case prev.State == DeliveryUnknown:
			d.Status, d.Detail = "skipped", "may have been delivered by an earlier attempt"+earlier(prev)+
				" (the server received the whole message but did not confirm it); not re-sent"
		case lerr != nil:
			d.Status, d.Error = "failed", "not sent: the delivery ledger cannot tell whether this audience already got its report"
			if !ledgerTold {
				d.Error += ": " + lerr.Error()
				ledgerTold = true
			} else {
				d.Error += " (the same ledger error as above)"
			}
		case serr != nil:
			d.Status, d.Error = "failed", serr.Error()
		case ctx.Err() != nil:
			d.Status, d.Error = "failed", "not sent: the run was interrupted"
		default:
			sendAudience(ctx, cfg, ledger, sender, aud, m, in, folder, host, &d, log)
		}
		d.At = time.Now()
		out = append(out, d)
	}
	return out
}

// AudienceSharedFolder is the Delivery entry of the shared folder.
const AudienceSharedFolder = "shared_folder"

// earlier describes the ledger entry of an earlier attempt, if any.
func earlier(e LedgerEntry) string {
	if e.At.IsZero() {
		return ""
	}
	s := " (" + e.At.UTC().Format("2006-01-02 15:04 MST")
	if e.RunID != "" {
		s += ", run " + e.RunID
	}
	return s + ")"
}

// sendAudience records "sending", sends aud its message and records the
// outcome, filling d.
func sendAudience(ctx context.Context, cfg *config.Config, ledger Ledger, sender *mail.Sender, aud config.Audience,
	m *Manifest, in *reports.Input, folder, host string, d *Delivery, log *slog.Logger) {
	msg, err := message(cfg, aud, m, in, folder, sender.Size)
	if err != nil {
		d.Status, d.Error = "failed", err.Error()
		log.Error("email not built", slog.String("audience", aud.Name), slog.Any("error", err))
		return
	}
	msg.MessageID = d.MessageID
	entry := LedgerEntry{Job: m.Job, AsOf: m.AsOf, Audience: aud.Name, State: DeliverySending,
		MessageID: d.MessageID, RunID: m.RunID, Host: host, At: time.Now().UTC()}
	if err := ledger.RecordDelivery(ctx, entry); err != nil {
		d.Status, d.Error = "failed", "not sent: the delivery ledger could not record the attempt, "+
			"so a later run could not tell whether it went out: "+err.Error()
		log.Error("email not sent: the delivery ledger could not record it", slog.String("audience", aud.Name), slog.Any("error", err))
		return
	}
	err = sender.Send(ctx, msg)
	entry.At = time.Now().UTC()
	switch {
	case err == nil:
		entry.State, d.Status = DeliverySent, "sent"
		log.Info("email sent", slog.String("audience", aud.Name), slog.Int("recipients", len(aud.To)),
			slog.String("message_id", d.MessageID))
	case errors.Is(err, mail.ErrUnknown):
		entry.State, entry.Error = DeliveryUnknown, err.Error()
		d.Status, d.Error = "unknown", err.Error()
		log.Error("email may have been delivered: the server did not confirm it; it is not sent again",
			slog.String("audience", aud.Name), slog.Any("error", err))
	default:
		entry.State, entry.Error = DeliveryFailed, err.Error()
		d.Status, d.Error = "failed", err.Error()
		log.Error("email not delivered", slog.String("audience", aud.Name), slog.Any("error", err))
	}
	// The outcome is recorded even when the run is being stopped.
	if rerr := ledger.RecordDelivery(context.WithoutCancel(ctx), entry); rerr != nil {
		note := "the delivery ledger could not record the outcome (" + rerr.Error() + ")"
		if entry.State == DeliverySent {
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
		case d.Status == "failed":
			problems = append(problems, d.Audience+": "+d.Error)
		case d.Status == "unknown", d.Status == "sent" && d.Error != "":
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

// message builds an audience's email: the management summary with the HTML
// report, the marketing note with the workbook, or both. A file is
// attached only while the whole message, as it goes out (size: the
// attachments base64-encoded, about 4/3 of their size plus line breaks),
// stays within the attachment limit; the other files, the largest first,
// are replaced by where to find them, in the email's language.
func message(cfg *config.Config, aud config.Audience, m *Manifest, in *reports.Input, folder string,
	size func(mail.Message) (int64, error)) (mail.Message, error) {
	var subject, html, text string
	var err error
	var files []string
	switch aud.Gets {
	case "workbook":
		subject, html, text, err = email.Marketing(in)
		files = []string{WorkbookFile(m.AsOf)}
	case "both":
		subject, html, text, err = email.Management(in)
		files = []string{ReportFile(m.AsOf), WorkbookFile(m.AsOf)}
	default:
		subject, html, text, err = email.Management(in)
		files = []string{ReportFile(m.AsOf)}
	}
	if err != nil {
		return mail.Message{}, err
	}
	limit := int64(cfg.Email.AttachmentLimitMB * 1024 * 1024)
	type file struct {
		name, path string
		sent       int64 // bytes as an attachment
		attach     bool
	}
	var fs []file
	for _, f := range files {
		path := filepath.Join(m.Dir, f)
		info, err := os.Stat(path)
		if err != nil {
			return mail.Message{}, err
		}
		sent := mail.EncodedLen(info.Size())
		fs = append(fs, file{name: f, path: path, sent: sent, attach: sent <= limit})
	}
	build := func() mail.Message {
		msg := mail.Message{To: aud.To, Subject: subject, HTML: html, Text: text}
		var linked []email.NotAttached
		for _, f := range fs {
			if f.attach {
				msg.Attachments = append(msg.Attachments, mail.Attachment{Name: f.name, Path: f.path, ContentType: contentType(f.name)})
				continue
			}
			where := filepath.Join(folder, f.name)
			if cfg.Delivery.LinkBase != "" {
				where = runFolderForReaders(cfg, m.Job, m.AsOf) + f.name
			}
			linked = append(linked, email.NotAttached{Name: f.name, SentMB: float64(f.sent) / 1024 / 1024,
				LimitMB: cfg.Email.AttachmentLimitMB, Where: where})
		}
		noteText, noteHTML := email.NotAttachedNote(in.Locale, linked)
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
	for {
		msg := build()
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

func contentType(name string) string {
	switch filepath.Ext(name) {
	case ".xlsx":
		return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	case ".html":
		return "text/html; charset=utf-8"
	}
	return "application/octet-stream"
}

// rewriteManifest replaces manifest.json in the run folder with m, through
// a temporary file and a rename.
func rewriteManifest(m *Manifest, mode os.FileMode) error {
	if m.Dir == "" {
		return nil
	}
	tmp, err := os.CreateTemp(m.Dir, ".manifest-*")
	if err != nil {
		return err
	}
	enc := json.NewEncoder(tmp)
	enc.SetIndent("", "  ")
	if err := enc.Encode(m); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return err
	}
	tmp.Close()
	if err := os.Chmod(tmp.Name(), mode); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return os.Rename(tmp.Name(), filepath.Join(m.Dir, ManifestFile))
}

// alert emails the alert list about a failed run: job, as-of, step,
// error, what was delivered to whom and what was not, where the reports
// are, and the last log lines. It never attaches reports.
func alert(ctx context.Context, cfg *config.Config, rec RunRecord, lines []string, log *slog.Logger) {
	if !cfg.Email.Enabled || len(cfg.Email.Alerts) == 0 {
		log.Warn("no alert email sent: email is off or email.alerts is empty")
		return
	}
	host, _ := os.Hostname()
	subject := fmt.Sprintf("custseg FAILED: job %s, as of %s, at step %s", rec.Job, orDash(rec.AsOf), orDash(rec.Step))
	var b strings.Builder
	fmt.Fprintf(&b, "The custseg run failed at step %s.\n\n", orDash(rec.Step))
	fmt.Fprintf(&b, "Job:     %s\nAs of:   %s\nRun id:  %s\nStep:    %s\nHost:    %s\nStarted: %s\n\nError:\n%s\n\n",
		rec.Job, orDash(rec.AsOf), orDash(rec.RunID), orDash(rec.Step), host, rec.StartedAt.Format(time.RFC3339), rec.Error)
	b.WriteString(deliveryText(cfg, rec))
	b.WriteString("\nLast log lines:\n")
	for _, l := range lines {
		b.WriteString("  " + l + "\n")
	}
	b.WriteString("\nRun `custseg check --config <file>` on the host to see what is wrong; `custseg history` lists the runs.\n")
	sender, err := mail.New(mail.FromConfig(cfg.Email), log)
	if err == nil {
		// The run's context may be what failed; give the alert its own time.
		wait := cfg.Email.Timeout*time.Duration(cfg.Email.Retries+2) + cfg.Email.FinalReplyTimeout
		actx, cancel := context.WithTimeout(context.WithoutCancel(ctx), wait)
		defer cancel()
		err = sender.Send(actx, mail.Message{To: cfg.Email.Alerts, Subject: subject, Text: b.String()})
	}
	if err != nil {
		log.Error("alert email not sent", slog.Any("error", err))
		return
	}
	log.Info("alert email sent", slog.Int("recipients", len(cfg.Email.Alerts)))
}

// deliveryText says, for the alert, what each audience and the shared
// folder got, and where the reports are.
func deliveryText(cfg *config.Config, rec RunRecord) string {
	var b strings.Builder
	if len(rec.Delivery) == 0 {
		b.WriteString("Delivery: none. No report was sent. The run failed before delivering: nothing was emailed or published.\n")
		return b.String()
	}
	b.WriteString("Delivery:\n")
	for _, d := range rec.Delivery {
		name := d.Audience
		if len(d.Recipients) > 0 {
			name += " (" + strings.Join(d.Recipients, ", ") + ")"
		}
		at := d.At.UTC().Format("2006-01-02 15:04:05 MST")
		var line string
		switch {
		case d.Audience == AudienceSharedFolder && d.Status == "sent":
			line = "shared folder: published in " + d.Detail
		case d.Audience == AudienceSharedFolder:
			line = "shared folder: NOT published: " + d.Error
		case d.Audience == AudienceWriteback && d.Status == "sent":
			line = "write-back: written (" + d.Detail + ")"
		case d.Audience == AudienceWriteback:
			line = "write-back: NOT written: " + d.Error
		case d.Status == "sent":
			line = name + ": sent at " + at
			if d.Error != "" {
				line += "; but " + d.Error
			}
		case d.Status == "unknown":
			line = name + ": UNKNOWN, may have arrived: the server received the whole message but did not confirm it. " +
				"It is not sent again; ask the recipients whether they got it."
		case d.Status == "skipped" && d.Detail != "":
			line = name + ": not sent this time: " + d.Detail
		case d.Status == "skipped":
			line = name + ": not sent"
		default:
			line = name + ": NOT sent: " + strings.TrimPrefix(d.Error, "not sent: ")
		}
		if d.MessageID != "" && (d.Status == "sent" || d.Status == "unknown") {
			line += " [Message-ID <" + d.MessageID + ">]"
		}
		b.WriteString("  - " + line + "\n")
	}
	if rec.Folder != "" {
		b.WriteString("\nThe reports are in " + rec.Folder)
		if cfg.Delivery.LinkBase != "" && rec.AsOf != "" {
			b.WriteString(" and at " + runFolderForReaders(cfg, rec.Job, rec.AsOf))
		}
		b.WriteString(".\n")
	}
	return b.String()
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

// modesOf reads the configured file and folder permissions.
func modesOf(cfg *config.Config) Modes {
	f, ok1 := config.Perm(cfg.Outputs.FileMode)
	d, ok2 := config.Perm(cfg.Outputs.DirMode)
	if !ok1 || !ok2 {
		return DefaultModes
	}
	return Modes{File: os.FileMode(f), Dir: os.FileMode(d)}
}
