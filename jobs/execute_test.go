package jobs

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"mime/multipart"
	"net/mail"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/custseg/custseg/config"
	"github.com/custseg/custseg/internal/jobstest"
	"github.com/custseg/custseg/internal/smtptest"
	"github.com/custseg/custseg/queries"
)

// deliveryConfig mails to srv (plain SMTP, no auth, fast retries) and
// publishes to a shared folder.
func deliveryConfig(t *testing.T, srv *smtptest.Server) *config.Config {
	return jobstest.DeliveryConfig(t, srv)
}

// attachments lists the file names attached to a raw message.
func attachments(t *testing.T, raw []byte) []string {
	t.Helper()
	msg, err := mail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	var walk func(h map[string][]string, body io.Reader)
	walk = func(h map[string][]string, body io.Reader) {
		ct := ""
		if v := h["Content-Type"]; len(v) > 0 {
			ct = v[0]
		}
		mt, params, _ := mime.ParseMediaType(ct)
		if strings.HasPrefix(mt, "multipart/") {
			mr := multipart.NewReader(body, params["boundary"])
			for {
				p, err := mr.NextPart()
				if err != nil {
					return
				}
				walk(p.Header, p)
			}
		}
		if d := h["Content-Disposition"]; len(d) > 0 {
			if _, dp, err := mime.ParseMediaType(d[0]); err == nil && dp["filename"] != "" {
				names = append(names, dp["filename"])
			}
		}
	}
	walk(msg.Header, msg.Body)
	return names
}

func TestExecuteDeliversOncePerAudience(t *testing.T) {
	tdb := loadFixture(t)
	srv := smtptest.Start(t)
	cfg := deliveryConfig(t, srv)
	out := t.TempDir()
	src := queries.Builtin()
	opts := Options{AsOf: asOf, OutDir: out, Queries: &src, DSN: tdb.DSN}

	// The marketing message (the second DATA) is refused for good: the run
	// fails at delivery, management got theirs, the files stay.
	srv.Refuse = func(n int) error {
		if n == 2 {
			return errors.New("550 mailbox unavailable")
		}
		return nil
	}
	m, err := Execute(context.Background(), cfg, opts)
	if err == nil || !strings.HasPrefix(err.Error(), "deliver: marketing: ") {
		t.Fatalf("first attempt: err = %v", err)
	}
	if _, serr := os.Stat(filepath.Join(m.Dir, WorkbookFile("2026-09-30"))); serr != nil {
		t.Errorf("files not kept after a failed delivery: %v", serr)
	}
	msgs := srv.Messages()
	// management, then the alert about the failed delivery.
	if len(msgs) != 2 || msgs[0].To[0] != "boss@shop.example" || msgs[1].To[0] != "ops@shop.example" {
		t.Fatalf("first attempt sent %d messages: %+v", len(msgs), msgs)
	}
	if got := attachments(t, msgs[0].Data); len(got) != 1 || got[0] != ReportFile("2026-09-30") {
		t.Errorf("management attachments = %v", got)
	}
	if subj := msgs[1].Header().Get("Subject"); !strings.Contains(subj, "FAILED") {
		t.Errorf("alert subject = %q", subj)
	}
	if got := attachments(t, msgs[1].Data); len(got) != 0 {
		t.Errorf("the alert carries attachments: %v", got)
	}

	// The retry sends only what is missing.
	srv.Refuse = nil
	m, err = Execute(context.Background(), cfg, opts)
	if err != nil {
		t.Fatal(err)
	}
	msgs = srv.Messages()[2:]
	if len(msgs) != 1 || msgs[0].To[0] != "marketing@shop.example" {
		t.Fatalf("retry sent %+v", msgs)
	}
	if got := attachments(t, msgs[0].Data); len(got) != 1 || got[0] != WorkbookFile("2026-09-30") {
		t.Errorf("marketing attachments = %v", got)
	}
	status := map[string]DeliveryStatus{}
	for _, d := range m.Delivery {
		status[d.Audience] = d.Status
	}
	if status["management"] != "skipped" || status["marketing"] != "sent" || status["shared_folder"] != "sent" {
		t.Errorf("retry delivery = %+v", m.Delivery)
	}
	for _, dir := range []string{"2026-09-30", LatestDir} {
		if _, err := os.Stat(filepath.Join(cfg.Delivery.SharedFolder, "weekly", dir, ManifestFile)); err != nil {
			t.Errorf("shared folder: %v", err)
		}
	}
	runs, err := ReadRuns(out, "weekly")
	if err != nil || len(runs) != 2 || runs[0].Status != "failed" || runs[0].Step != StepDeliver || runs[1].Status != "ok" {
		t.Errorf("history: %+v, %v", runs, err)
	}
}

func TestExecuteFailedRunAlertsAndSendsNoReport(t *testing.T) {
	tdb := loadFixture(t)
	srv := smtptest.Start(t)
	cfg := deliveryConfig(t, srv)
	src := queries.Builtin()
	src.Orders = queries.File{Name: "orders.sql", SQL: "SELECT nonsense FROM nowhere"}
	out := t.TempDir()
	_, err := Execute(context.Background(), cfg, Options{AsOf: asOf, OutDir: out, Queries: &src, DSN: tdb.DSN})
	if err == nil || !strings.HasPrefix(err.Error(), "extract: orders.sql: ") {
		t.Fatalf("err = %v", err)
	}
	msgs := srv.Messages()
	if len(msgs) != 1 || msgs[0].To[0] != "ops@shop.example" {
		t.Fatalf("sent %+v", msgs)
	}
	body := string(msgs[0].Data)
	for _, want := range []string{"Step:    extract", "As of:   2026-09-30", "orders.sql", "Last log lines:", "run started"} {
		if !strings.Contains(body, want) {
			t.Errorf("alert lacks %q:\n%s", want, body)
		}
	}
	assertOnlyRunFolders(t, filepath.Join(out, "weekly"))
	if ents, _ := os.ReadDir(cfg.Delivery.SharedFolder); len(ents) != 0 {
		t.Errorf("shared folder not empty after a failed run")
	}
	runs, _ := ReadRuns(out, "")
	if len(runs) != 1 || runs[0].Status != "failed" || runs[0].Step != StepExtract {
		t.Errorf("history: %+v", runs)
	}
}

func TestExecuteSMTPDownKeepsFiles(t *testing.T) {
	tdb := loadFixture(t)
	srv := smtptest.Start(t)
	cfg := deliveryConfig(t, srv)
	cfg.Email.Port = 1 // nothing listens there
	src := queries.Builtin()
	out := t.TempDir()
	m, err := Execute(context.Background(), cfg, Options{AsOf: asOf, OutDir: out, Queries: &src, DSN: tdb.DSN})
	if err == nil || !strings.HasPrefix(err.Error(), "deliver: management: ") {
		t.Fatalf("err = %v", err)
	}
	if _, serr := os.Stat(filepath.Join(m.Dir, ReportFile("2026-09-30"))); serr != nil {
		t.Errorf("report not kept: %v", serr)
	}
	if _, serr := os.Stat(filepath.Join(cfg.Delivery.SharedFolder, "weekly", "latest")); serr != nil {
		t.Errorf("shared folder not published though it was reachable: %v", serr)
	}
}

func TestExecuteLinksLargeAttachments(t *testing.T) {
	tdb := loadFixture(t)
	srv := smtptest.Start(t)
	cfg := deliveryConfig(t, srv)
	cfg.Email.AttachmentLimitMB = 0.001 // 1 KB: every file is too large
	cfg.Delivery.LinkBase = "https://intranet.example/reports"
	src := queries.Builtin()
	if _, err := Execute(context.Background(), cfg, Options{AsOf: asOf, OutDir: t.TempDir(), Queries: &src, DSN: tdb.DSN}); err != nil {
		t.Fatal(err)
	}
	for _, msg := range srv.Messages() {
		if got := attachments(t, msg.Data); len(got) != 0 {
			t.Errorf("attached %v over the limit", got)
		}
		if !strings.Contains(string(msg.Data), "https://intranet.example/reports/weekly/2026-09-30/") {
			t.Errorf("no link to the shared folder in the message to %v", msg.To)
		}
	}
}

func TestDryRunDeliversNothing(t *testing.T) {
	tdb := loadFixture(t)
	srv := smtptest.Start(t)
	cfg := deliveryConfig(t, srv)
	src := queries.Builtin()
	out := t.TempDir()
	m, err := Execute(context.Background(), cfg, Options{AsOf: asOf, OutDir: out, Queries: &src, DSN: tdb.DSN, DryRun: true})
	if err != nil {
		t.Fatal(err)
	}
	if n := len(srv.Messages()); n != 0 || len(m.Delivery) != 0 {
		t.Errorf("dry run sent %d messages, delivery %+v", n, m.Delivery)
	}
	if _, err := os.Stat(cfg.Delivery.SharedFolder); !os.IsNotExist(err) {
		t.Errorf("dry run published to the shared folder")
	}
	if _, err := os.Stat(filepath.Join(out, "weekly", "2026-09-30", ManifestFile)); err != nil {
		t.Errorf("dry run left no outputs: %v", err)
	}
}

func TestCheckDialsSMTP(t *testing.T) {
	tdb := loadFixture(t)
	srv := smtptest.Start(t)
	cfg := deliveryConfig(t, srv)
	res := Check(context.Background(), cfg, Options{OutDir: t.TempDir(), DSN: tdb.DSN})
	last := res[len(res)-1]
	if !last.OK || !strings.HasPrefix(last.Name, "SMTP 127.0.0.1:") {
		t.Errorf("SMTP check: %+v", last)
	}
	if n := len(srv.Messages()); n != 0 {
		t.Errorf("check sent %d messages", n)
	}
	cfg.Email.Port = 1
	res = Check(context.Background(), cfg, Options{OutDir: t.TempDir(), DSN: tdb.DSN})
	if last := res[len(res)-1]; last.OK || !strings.Contains(last.Message, "refused") {
		t.Errorf("SMTP down: %+v", last)
	}
}

// The manifest is written once, complete with the delivery results, and
// the shared folder's copies (dated and latest) are the same file as the
// run folder's.
func TestExecuteManifestCompleteEverywhere(t *testing.T) {
	tdb := loadFixture(t)
	srv := smtptest.Start(t)
	cfg := deliveryConfig(t, srv)
	src := queries.Builtin()
	m, err := Execute(context.Background(), cfg, Options{AsOf: asOf, OutDir: t.TempDir(), Queries: &src, DSN: tdb.DSN})
	if err != nil {
		t.Fatal(err)
	}
	local, err := os.ReadFile(filepath.Join(m.Dir, ManifestFile))
	if err != nil {
		t.Fatal(err)
	}
	var got Manifest
	if err := json.Unmarshal(local, &got); err != nil {
		t.Fatal(err)
	}
	status := map[string]DeliveryStatus{}
	for _, d := range got.Delivery {
		status[d.Audience] = d.Status
	}
	if status[AudienceSharedFolder] != StatusSent || status["management"] != StatusSent || status["marketing"] != StatusSent {
		t.Errorf("manifest's deliveries = %v, want the shared folder and both audiences sent", status)
	}
	shared := filepath.Join(cfg.Delivery.SharedFolder, m.Job)
	for _, dir := range []string{filepath.Join(shared, m.AsOf), filepath.Join(shared, LatestDir)} {
		b, err := os.ReadFile(filepath.Join(dir, ManifestFile))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(b, local) {
			t.Errorf("%s/%s differs from the run folder's", dir, ManifestFile)
		}
	}
}
