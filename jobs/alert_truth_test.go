package jobs

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/custseg/custseg/internal/smtptest"
	"github.com/custseg/custseg/queries"
)

// Issue 16, fault 7: the shared folder cannot take the reports (full, or
// gone). Before, the reports were emailed and then the alert said "No
// report was sent." Now the alert says what reached whom: with the ledger
// in the write-back database the emails go out and the alert lists them as
// sent and the shared folder as not published; with the ledger beside the
// shared folder nothing can be recorded, so nothing is sent, and the alert
// says that.
func TestAlertSaysWhatWasDelivered(t *testing.T) {
	tdb := loadFixture(t)
	for _, tc := range []struct {
		name      string
		writeback bool
		want      []string
		sent      int // report emails
	}{
		{"ledger in the write-back database", true, []string{
			"management (boss@shop.example, cfo@shop.example): sent at",
			"marketing (marketing@shop.example): sent at",
			"shared folder: NOT published",
		}, 2},
		{"ledger beside the shared folder", false, []string{
			"management (boss@shop.example, cfo@shop.example): NOT sent",
			"marketing (marketing@shop.example): NOT sent",
			"shared folder: NOT published",
		}, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := smtptest.Start(t)
			cfg := deliveryConfig(t, srv)
			if tc.writeback {
				writebackTarget(t, tdb, cfg)
			}
			// The shared folder's place is taken by a file: nothing can be
			// written there, as on a full or unmounted share.
			blocker := filepath.Join(t.TempDir(), "share-is-a-file")
			if err := os.WriteFile(blocker, []byte("x"), 0o644); err != nil {
				t.Fatal(err)
			}
			cfg.Delivery.SharedFolder = filepath.Join(blocker, "share")
			src := queries.Builtin()
			_, err := Execute(context.Background(), cfg, Options{AsOf: asOf, OutDir: t.TempDir(), Queries: &src, DSN: tdb.DSN})
			if err == nil {
				t.Fatal("the run succeeded though the shared folder cannot be written")
			}
			var alert string
			reports := 0
			for _, m := range srv.Messages() {
				if m.To[0] == "ops@shop.example" {
					alert = strings.ReplaceAll(plainText(t, m.Data), "\r\n", "\n")
				} else {
					reports++
				}
			}
			if reports != tc.sent {
				t.Errorf("%d report emails, want %d", reports, tc.sent)
			}
			if alert == "" {
				t.Fatal("no alert")
			}
			for _, w := range tc.want {
				if !strings.Contains(alert, w) {
					t.Errorf("the alert lacks %q:\n%s", w, alert)
				}
			}
			if tc.sent > 0 && strings.Contains(alert, "No report was sent") {
				t.Errorf("the alert says no report was sent though %d were:\n%s", tc.sent, alert)
			}
		})
	}
}
