package jobs

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/custseg/custseg/internal/smtptest"
	"github.com/custseg/custseg/ledger"
	"github.com/custseg/custseg/queries"
)

// sentTo counts the stored messages per first recipient and collects
// their Message-IDs.
func sentTo(msgs []smtptest.Message) (map[string]int, map[string][]string) {
	n, ids := map[string]int{}, map[string][]string{}
	for _, m := range msgs {
		n[m.To[0]]++
		ids[m.To[0]] = append(ids[m.To[0]], m.Header().Get("Message-Id"))
	}
	return n, ids
}

// A server that stores management's message and answers after
// email.final_reply_timeout: one copy, the state is unknown, the alert
// says it may have arrived, and a re-run does not send it again.
func TestExecuteSlowFinalReplyIsUnknown(t *testing.T) {
	tdb := loadFixture(t)
	srv := smtptest.Start(t)
	cfg := deliveryConfig(t, srv)
	cfg.Email.FinalReplyTimeout = 500 * time.Millisecond
	srv.SetReplyDelay(func(n int) time.Duration {
		if n == 1 {
			return time.Minute
		}
		return 0
	})
	src := queries.Builtin()
	opts := Options{AsOf: asOf, OutDir: t.TempDir(), Queries: &src, DSN: tdb.DSN}
	m, err := Execute(context.Background(), cfg, opts)
	if err == nil || !strings.Contains(err.Error(), "did not confirm") {
		t.Fatalf("err = %v, want the unknown outcome", err)
	}
	status := map[string]DeliveryStatus{}
	for _, d := range m.Delivery {
		status[d.Audience] = d.Status
	}
	if status["management"] != "unknown" || status["marketing"] != "sent" {
		t.Errorf("delivery = %+v", m.Delivery)
	}
	n, _ := sentTo(srv.Messages())
	if n["boss@shop.example"] != 1 || n["marketing@shop.example"] != 1 || n["ops@shop.example"] != 1 {
		t.Fatalf("stored %v, want one each of management, marketing and the alert", n)
	}
	var alertBody string
	for _, msg := range srv.Messages() {
		if msg.To[0] == "ops@shop.example" {
			alertBody = string(msg.Data)
		}
	}
	for _, want := range []string{"UNKNOWN, may have arrived", "marketing (marketing@shop.example): sent at", "shared folder: published in"} {
		if !strings.Contains(strings.ReplaceAll(alertBody, "=\r\n", ""), want) {
			t.Errorf("alert lacks %q:\n%s", want, alertBody)
		}
	}
	if strings.Contains(alertBody, "No report was sent") {
		t.Errorf("alert says no report was sent though two were")
	}

	// The re-run sends nothing: management may have it, marketing has it.
	srv.SetReplyDelay(nil)
	before := len(srv.Messages())
	m, err = Execute(context.Background(), cfg, opts)
	if err != nil {
		t.Fatalf("re-run: %v", err)
	}
	if got := srv.Messages()[before:]; len(got) != 0 {
		t.Errorf("re-run sent %d messages, want none", len(got))
	}
	for _, d := range m.Delivery {
		if d.Audience == "management" && (d.Status != "skipped" || !strings.Contains(d.Detail, "may have been delivered")) {
			t.Errorf("re-run, management: %+v", d)
		}
	}
}

// A full disk when the history line is written: the run fails with an
// alert naming the history, and a re-run sends no audience again.
func TestExecuteHistoryFullDisk(t *testing.T) {
	if _, err := os.Stat("/dev/full"); err != nil {
		t.Skip("no /dev/full on this system")
	}
	tdb := loadFixture(t)
	srv := smtptest.Start(t)
	cfg := deliveryConfig(t, srv)
	out := t.TempDir()
	if err := os.Symlink("/dev/full", filepath.Join(out, RunLogFile)); err != nil {
		t.Fatal(err)
	}
	src := queries.Builtin()
	opts := Options{AsOf: asOf, OutDir: out, Queries: &src, DSN: tdb.DSN}
	_, err := Execute(context.Background(), cfg, opts)
	var se *StepError
	if !errors.As(err, &se) || se.Step != StepHistory || !strings.Contains(err.Error(), "run history could not be written") {
		t.Fatalf("err = %v, want a failure at step history", err)
	}
	n, _ := sentTo(srv.Messages())
	if n["boss@shop.example"] != 1 || n["marketing@shop.example"] != 1 || n["ops@shop.example"] != 1 {
		t.Fatalf("stored %v, want management, marketing and the alert once", n)
	}
	for _, msg := range srv.Messages() {
		if msg.To[0] == "ops@shop.example" && !strings.Contains(string(msg.Data), "Step:    history") {
			t.Errorf("alert does not name the history step:\n%s", msg.Data)
		}
	}
	// The disk has room again; the ledger knows both audiences got theirs.
	if err := os.Remove(filepath.Join(out, RunLogFile)); err != nil {
		t.Fatal(err)
	}
	before := len(srv.Messages())
	if _, err := Execute(context.Background(), cfg, opts); err != nil {
		t.Fatalf("re-run: %v", err)
	}
	if got := srv.Messages()[before:]; len(got) != 0 {
		t.Errorf("re-run sent %d messages again", len(got))
	}
}

// Two replicas: their own output folders and shared folders, the same
// write-back database. The second sends nothing: the database ledger says
// both audiences were sent.
func TestExecuteReplicasShareTheDatabaseLedger(t *testing.T) {
	tdb := loadFixture(t)
	srv := smtptest.Start(t)
	cfg := deliveryConfig(t, srv)
	schema, admin := writebackTarget(t, tdb, cfg)
	src := queries.Builtin()
	m, err := Execute(context.Background(), cfg, Options{AsOf: asOf, OutDir: t.TempDir(), Queries: &src, DSN: tdb.DSN})
	if err != nil {
		t.Fatal(err)
	}
	if len(srv.Messages()) != 2 {
		t.Fatalf("first replica sent %d messages, want 2", len(srv.Messages()))
	}
	cfg2 := *cfg
	cfg2.Delivery.SharedFolder = filepath.Join(t.TempDir(), "share2")
	m2, err := Execute(context.Background(), &cfg2, Options{AsOf: asOf, OutDir: t.TempDir(), Queries: &src, DSN: tdb.DSN})
	if err != nil {
		t.Fatal(err)
	}
	if got := len(srv.Messages()); got != 2 {
		t.Errorf("second replica sent %d messages, want none", got-2)
	}
	for _, d := range m2.Delivery {
		if (d.Audience == "management" || d.Audience == "marketing") && d.Status != "skipped" {
			t.Errorf("second replica, %s: %+v", d.Audience, d)
		}
	}
	var rows int
	if err := admin.QueryRow("SELECT COUNT(*) FROM `"+schema+"`."+ledger.DeliveriesTable+" WHERE job = ? AND as_of = ? AND state = 'sent'",
		m.Job, m.AsOf).Scan(&rows); err != nil || rows != 2 {
		t.Errorf("%s has %d sent rows (%v), want 2", ledger.DeliveriesTable, rows, err)
	}
}
