package jobs

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"strings"
	"time"

	"github.com/custseg/custseg/config"
	"github.com/custseg/custseg/mail"
)

// alert emails the alert list about a failed run: job, as-of, step,
// error, what was delivered to whom and what was not, where the reports
// are, and the last log lines. It never attaches reports.
func alert(ctx context.Context, cfg *config.Config, rec RunRecord, lines []string, log *slog.Logger) {
	if !cfg.Email.Enabled || len(cfg.Email.Alerts) == 0 {
		log.Warn("no alert email sent: email is off or email.alerts is empty")
		return
	}
	host, _ := os.Hostname()
	subject := fmt.Sprintf("custseg FAILED: job %s, as of %s, at step %s", rec.Job, orDash(rec.AsOf), orDash(string(rec.Step)))
	var b strings.Builder
	fmt.Fprintf(&b, "The custseg run failed at step %s.\n\n", orDash(string(rec.Step)))
	fmt.Fprintf(&b, "Job:     %s\nAs of:   %s\nRun id:  %s\nStep:    %s\nHost:    %s\nStarted: %s\n\nError:\n%s\n\n",
		rec.Job, orDash(rec.AsOf), orDash(rec.RunID), orDash(string(rec.Step)), host, rec.StartedAt.Format(time.RFC3339), rec.Error)
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
		case d.Audience == AudienceSharedFolder && d.Status == StatusSent:
			line = "shared folder: published in " + d.Detail
		case d.Audience == AudienceSharedFolder:
			line = "shared folder: NOT published: " + d.Error
		case d.Audience == AudienceWriteback && d.Status == StatusSent:
			line = "write-back: written (" + d.Detail + ")"
		case d.Audience == AudienceWriteback:
			line = "write-back: NOT written: " + d.Error
		case d.Status == StatusSent:
			line = name + ": sent at " + at
			if d.Error != "" {
				line += "; but " + d.Error
			}
		case d.Status == StatusUnknown:
			line = name + ": UNKNOWN, may have arrived: the server received the whole message but did not confirm it. " +
				"It is not sent again; ask the recipients whether they got it."
		case d.Status == StatusSkipped && d.Detail != "":
			line = name + ": not sent this time: " + d.Detail
		case d.Status == StatusSkipped:
			line = name + ": not sent"
		default:
			line = name + ": NOT sent: " + strings.TrimPrefix(d.Error, "not sent: ")
		}
		if d.MessageID != "" && (d.Status == StatusSent || d.Status == StatusUnknown) {
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
