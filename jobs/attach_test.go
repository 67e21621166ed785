package jobs

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/custseg/custseg/analysis"
	"github.com/custseg/custseg/config"
	"github.com/custseg/custseg/mail"
	"github.com/custseg/custseg/reports"
)

// TestMessageAttachmentLimitOnEncodedSize: the limit holds for the message
// as it goes out, the attachments base64-encoded (4/3 of their size plus
// line breaks), not for the files on disk; a file that would push the
// message over is linked, with a note in the email's language.
func TestMessageAttachmentLimitOnEncodedSize(t *testing.T) {
	const mb = 1024 * 1024
	asOf := "2026-09-30"
	ds := &analysis.Dataset{AsOf: time.Date(2026, 9, 30, 0, 0, 0, 0, time.UTC), Customers: []analysis.Customer{
		{ID: "a", Orders: 2, OrderDays: 2, Gross: 100, FirstOrder: analysis.DateOf(time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC)),
			LastOrder: analysis.DateOf(time.Date(2026, 9, 1, 0, 0, 0, 0, time.UTC))},
	}}
	p := analysis.DefaultParams()
	tests := []struct {
		name     string
		fileMB   float64 // the workbook's size on disk
		limitMB  float64
		locale   string
		attached bool
		note     string // in the text body when linked
	}{
		{"well under", 1, 10, "en", true, ""},
		// 9.5 MB on disk is 13.0 MB as sent: over 10 MB.
		{"under on disk, over as sent", 9.5, 10, "en", false, "Not attached, too large:"},
		{"under on disk, over as sent, Chinese", 9.5, 10, "zh-CN", false, "未作为附件发送（文件过大）："},
		// 7.3069 MB on disk is 1,134 bytes under 10 MB as sent, alone; the
		// bodies and headers take the message over.
		{"just over with the bodies", 7.3069, 10, "en", false, "the message would be over the 10 MB limit"},
		{"room to spare as sent", 7, 10, "en", true, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, WorkbookFile(asOf)), make([]byte, int(tt.fileMB*mb)), 0o600); err != nil {
				t.Fatal(err)
			}
			cfg := config.Default()
			cfg.Email.From, cfg.Email.Host = "custseg <reports@shop.example>", "127.0.0.1"
			cfg.Email.AttachmentLimitMB = tt.limitMB
			cfg.Delivery.LinkBase = "https://intranet.example/reports"
			sender, err := mail.New(mail.FromConfig(cfg.Email), nil)
			if err != nil {
				t.Fatal(err)
			}
			in := &reports.Input{Job: "weekly", AsOf: ds.AsOf, Locale: tt.locale, Currency: "¥", Dataset: ds,
				Result: analysis.Analyze(ds, p), Analysis: p}
			aud := config.Audience{Name: "marketing", To: []string{"m@shop.example"}, Gets: "workbook"}
			job := config.Job{Name: "weekly", Audiences: []string{aud.Name}}
			cfg.Email.Audiences = []config.Audience{aud}
			r := &run{cfg: cfg, job: job, m: &Manifest{Dir: dir, Job: "weekly", AsOf: asOf}, locale: in.Locale,
				readers: runFolderForReaders(cfg, "weekly", asOf), emails: renderEmails(in, cfg, job)}
			msg, err := r.message(aud, dir, sender.Size)
			if err != nil {
				t.Fatal(err)
			}
			if got := len(msg.Attachments) == 1; got != tt.attached {
				t.Fatalf("attached %v, want %v", got, tt.attached)
			}
			size, err := sender.Size(msg)
			if err != nil {
				t.Fatal(err)
			}
			if tt.attached && size > int64(tt.limitMB*mb) {
				t.Errorf("message of %d bytes went out under a %g MB limit", size, tt.limitMB)
			}
			if !tt.attached {
				link := "https://intranet.example/reports/weekly/" + asOf + "/" + WorkbookFile(asOf)
				for _, body := range []string{msg.Text, msg.HTML} {
					if !strings.Contains(body, link) || !strings.Contains(body, tt.note) {
						t.Errorf("body lacks the link or %q:\n%s", tt.note, body[max(len(body)-600, 0):])
					}
				}
			}
		})
	}
}

// TestEncodedLen: base64 with CRLF every 76 characters.
func TestEncodedLen(t *testing.T) {
	for _, tt := range []struct{ n, want int64 }{
		{0, 0}, {1, 4 + 2}, {3, 4 + 2}, {57, 76 + 2}, {58, 80 + 4}, {3 * mb3, 4*mb3 + 2*((4*mb3+75)/76)},
	} {
		if got := mail.EncodedLen(tt.n); got != tt.want {
			t.Errorf("EncodedLen(%d) = %d, want %d", tt.n, got, tt.want)
		}
	}
}

const mb3 = 1 << 20
