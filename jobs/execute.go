package jobs

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/custseg/custseg/config"
	"github.com/custseg/custseg/mail"
	"github.com/custseg/custseg/reports"
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
		err = deliveryError(m.Delivery)
	}
	finished := time.Now()
	if wroteRun != nil {
		finished = wroteRun.FinishedAt // the history line and the row agree
	}
	finishRecord(&rec, m, err, finished)
	if err != nil {
		log.Error("run failed", slog.String("step", rec.Step), slog.String("error", err.Error()))
		if !opts.DryRun {
			alertFire(ctx, cfg, rec, tail.Lines(), log)
		}
	}
	if herr := AppendRun(outDir, rec); herr != nil {
		log.Warn("run history not written", slog.Any("error", herr))
	}
	if cfg.Writeback.Enabled && !opts.DryRun && wroteRun == nil {
		recordRun(ctx, cfg, opts, rec, log)
	}
	if err != nil {
		return m, err
	}
	return m, nil
}

// deliver publishes the run to the shared folder and emails the job's
// audiences, and returns what happened to each.
func deliver(ctx context.Context, cfg *config.Config, opts Options, m *Manifest, in *reports.Input, outDir string, log *slog.Logger) []Delivery {
	var out []Delivery
	folder := m.Dir
	if sf := cfg.Delivery.SharedFolder; sf != "" {
		d := Delivery{Audience: "shared_folder", At: time.Now()}
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
	runs, _ := ReadRuns(outDir, m.Job)
	done := Delivered(runs, m.Job, m.AsOf)
	sender, err := mail.New(mail.FromConfig(cfg.Email), log)
	for _, name := range job.Audiences {
		aud := audience(cfg, name)
		d := Delivery{Audience: name, Recipients: aud.To, At: time.Now()}
		switch {
		case len(aud.To) == 0:
			d.Status, d.Detail = "skipped", "no recipients configured"
		case done[name]:
			d.Status, d.Detail = "skipped", "already sent by an earlier attempt for this as-of date"
		case err != nil:
			d.Status, d.Error = "failed", err.Error()
		default:
			msg, merr := message(cfg, aud, m, in, folder, sender.Size)
			if merr == nil {
				merr = sender.Send(ctx, msg)
			}
			if merr != nil {
				d.Status, d.Error = "failed", merr.Error()
				log.Error("email not delivered", slog.String("audience", name), slog.Any("error", merr))
			} else {
				d.Status = "sent"
				log.Info("email sent", slog.String("audience", name), slog.Int("recipients", len(aud.To)))
			}
		}
		d.At = time.Now()
		out = append(out, d)
	}
	return out
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
		subject, html, text, err = reports.MarketingEmail(in)
		files = []string{WorkbookFile(m.AsOf)}
	case "both":
		subject, html, text, err = reports.ManagementEmail(in)
		files = []string{ReportFile(m.AsOf), WorkbookFile(m.AsOf)}
	default:
		subject, html, text, err = reports.ManagementEmail(in)
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
		var linked []reports.NotAttached
		for _, f := range fs {
			if f.attach {
				msg.Attachments = append(msg.Attachments, mail.Attachment{Name: f.name, Path: f.path, ContentType: contentType(f.name)})
				continue
			}
			where := filepath.Join(folder, f.name)
			if cfg.Delivery.LinkBase != "" {
				where = runFolderForReaders(cfg, m.Job, m.AsOf) + f.name
			}
			linked = append(linked, reports.NotAttached{Name: f.name, SentMB: float64(f.sent) / 1024 / 1024,
				LimitMB: cfg.Email.AttachmentLimitMB, Where: where})
		}
		noteText, noteHTML := reports.NotAttachedNote(in.Locale, linked)
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

// alert emails the alert list about a failed run: job, as-of, step, error
// and the last log lines. It never attaches reports.
func alert(ctx context.Context, cfg *config.Config, rec RunRecord, lines []string, log *slog.Logger) {
	if !cfg.Email.Enabled || len(cfg.Email.Alerts) == 0 {
		log.Warn("no alert email sent: email is off or email.alerts is empty")
		return
	}
	host, _ := os.Hostname()
	subject := fmt.Sprintf("custseg FAILED: job %s, as of %s, at step %s", rec.Job, orDash(rec.AsOf), orDash(rec.Step))
	var b strings.Builder
	fmt.Fprintf(&b, "The custseg run failed. No report was sent.\n\n")
	fmt.Fprintf(&b, "Job:     %s\nAs of:   %s\nRun id:  %s\nStep:    %s\nHost:    %s\nStarted: %s\n\nError:\n%s\n\n",
		rec.Job, orDash(rec.AsOf), orDash(rec.RunID), orDash(rec.Step), host, rec.StartedAt.Format(time.RFC3339), rec.Error)
	b.WriteString("Last log lines:\n")
	for _, l := range lines {
		b.WriteString("  " + l + "\n")
	}
	b.WriteString("\nRun `custseg check --config <file>` on the host to see what is wrong; `custseg history` lists the runs.\n")
	sender, err := mail.New(mail.FromConfig(cfg.Email), log)
	if err == nil {
		// The run's context may be what failed; give the alert its own time.
		actx, cancel := context.WithTimeout(context.WithoutCancel(ctx), cfg.Email.Timeout*time.Duration(cfg.Email.Retries+2))
		defer cancel()
		err = sender.Send(actx, mail.Message{To: cfg.Email.Alerts, Subject: subject, Text: b.String()})
	}
	if err != nil {
		log.Error("alert email not sent", slog.Any("error", err))
		return
	}
	log.Info("alert email sent", slog.Int("recipients", len(cfg.Email.Alerts)))
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
