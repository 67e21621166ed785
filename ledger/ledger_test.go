package ledger

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/custseg/custseg/config"
	"github.com/custseg/custseg/internal/jobstest"
	"github.com/custseg/custseg/internal/testdb"
)

// sharedConfig is the default config with a shared folder in a temporary
// folder: the ledger goes beside it unless the write-back is turned on.
func sharedConfig(t *testing.T) *config.Config {
	cfg := config.Default()
	cfg.Delivery.SharedFolder = filepath.Join(t.TempDir(), "share")
	return cfg
}

// The ledger contract on both back ends: latest state per audience, fires,
// and every write visible to a second handle at once.
func TestLedgerContract(t *testing.T) {
	tdb := testdb.New(t)
	for _, kind := range []string{"output folder", "shared folder", "database"} {
		t.Run(kind, func(t *testing.T) {
			cfg := sharedConfig(t)
			wantShared := true
			switch kind {
			case "output folder":
				cfg.Delivery.SharedFolder = ""
				wantShared = false
			case "database":
				jobstest.WritebackTarget(t, tdb, cfg)
			}
			out := t.TempDir()
			ctx := context.Background()
			a, err := OpenForRun(ctx, cfg, tdb.DSN, out)
			if err != nil {
				t.Fatal(err)
			}
			defer a.Close()
			b, err := OpenForRun(ctx, cfg, tdb.DSN, out)
			if err != nil {
				t.Fatal(err)
			}
			defer b.Close()
			if a.Shared() != wantShared {
				t.Errorf("Shared() = %v, want %v (%s)", a.Shared(), wantShared, a)
			}
			at := time.Date(2026, 10, 1, 7, 0, 0, 0, time.UTC)
			for _, e := range []DeliveryEntry{
				{Job: "weekly", AsOf: "2026-09-30", Audience: "management", State: DeliverySending, At: at},
				{Job: "weekly", AsOf: "2026-09-30", Audience: "management", State: DeliverySent, MessageID: "x@y", At: at.Add(time.Second)},
				{Job: "weekly", AsOf: "2026-09-30", Audience: "marketing", State: DeliveryUnknown, At: at},
				{Job: "weekly", AsOf: "2026-09-23", Audience: "marketing", State: DeliveryFailed, At: at},
			} {
				if err := a.RecordDelivery(ctx, e); err != nil {
					t.Fatal(err)
				}
			}
			got, err := b.Deliveries(ctx, "weekly", "2026-09-30")
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != 2 || got["management"].State != DeliverySent || got["management"].MessageID != "x@y" ||
				got["marketing"].State != DeliveryUnknown {
				t.Errorf("Deliveries = %+v", got)
			}
			fire := time.Date(2026, 10, 5, 7, 0, 0, 0, time.FixedZone("CST", 8*3600))
			if err := a.RecordFire(ctx, FireEntry{Job: "weekly", ScheduledAt: fire, Status: "failed", Interrupted: true, At: at}); err != nil {
				t.Fatal(err)
			}
			if run, err := b.FireRun(ctx, "weekly", fire); err != nil || run {
				t.Errorf("an interrupted fire: FireRun = %v, %v; want false", run, err)
			}
			if err := a.RecordFire(ctx, FireEntry{Job: "weekly", ScheduledAt: fire, Status: "ok", At: at}); err != nil {
				t.Fatal(err)
			}
			if run, err := b.FireRun(ctx, "weekly", fire.UTC()); err != nil || !run {
				t.Errorf("a fire that ran: FireRun = %v, %v; want true", run, err)
			}
			if run, _ := b.FireRun(ctx, "daily", fire); run {
				t.Errorf("another job's fire counts as run")
			}
		})
	}
}

// A shared folder the ledger cannot be written in fails at open, saying
// what to do.
func TestOpenSharedFolderNotWritable(t *testing.T) {
	cfg := sharedConfig(t)
	t.Logf("read-only by %s", jobstest.ReadOnlyDir(t, cfg.Delivery.SharedFolder))
	_, err := Open(context.Background(), cfg, t.TempDir())
	if err == nil || !strings.Contains(err.Error(), "delivery.shared_folder") {
		t.Errorf("err = %v", err)
	}
}

// A torn last line in the file ledger (a crash mid-write) is left out and
// reported by Damaged; the next entry is read back whole.
func TestFileLedgerDamagedLines(t *testing.T) {
	cfg := sharedConfig(t)
	cfg.Delivery.SharedFolder = ""
	out := t.TempDir()
	ctx := context.Background()
	l, err := OpenForRun(ctx, cfg, "", out)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	at := time.Date(2026, 10, 1, 7, 0, 0, 0, time.UTC)
	if err := l.RecordDelivery(ctx, DeliveryEntry{Job: "weekly", AsOf: "2026-09-30", Audience: "management", State: DeliverySending, At: at}); err != nil {
		t.Fatal(err)
	}
	f, err := os.OpenFile(filepath.Join(out, FileName), os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString(`{"delivery":{"job":"weekly","as_of":"2026-09-30","audience":"management","sta`)
	f.Close()
	if err := l.RecordDelivery(ctx, DeliveryEntry{Job: "weekly", AsOf: "2026-09-30", Audience: "management", State: DeliverySent, At: at}); err != nil {
		t.Fatal(err)
	}
	got, err := l.Deliveries(ctx, "weekly", "2026-09-30")
	if err != nil {
		t.Fatal(err)
	}
	if got["management"].State != DeliverySent {
		t.Errorf("Deliveries = %+v, want management sent", got)
	}
	if d := Damaged(l); !slices.Equal(d, []int{2}) {
		t.Errorf("Damaged = %v, want [2]", d)
	}
	if d := Damaged(&lazyLedger{}); d != nil {
		t.Errorf("Damaged of a database ledger = %v, want none", d)
	}
}
