package schedule

import (
	"context"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jonboulle/clockwork"

	"github.com/custseg/custseg/internal/jobstest"
	"github.com/custseg/custseg/internal/smtptest"
	"github.com/custseg/custseg/jobs"
	"github.com/custseg/custseg/queries"
)

// Issue 16, fault 4: two replicas with the lock, each with its own output
// folder and its own shared folder, start after a missed fire. Before, both
// caught it up and both emailed every audience. Now they share the ledger
// in the write-back database: the MySQL lock lets one run the fire, the
// other finds the fire in the ledger and skips it; each audience gets one
// message. The whole production path: real schedulers, real lock, the real
// jobs.Execute, MariaDB, an SMTP server.
func TestReplicasOwnFoldersDeliverOnce(t *testing.T) {
	tdb := jobstest.Shop(t)
	srv := smtptest.Start(t)
	base := jobstest.DeliveryConfig(t, srv)
	jobstest.WritebackTarget(t, tdb, base)
	base.Schedule.Lock = true
	base.Schedule.GracePeriod = 5 * time.Second
	job := &base.Jobs[0]
	job.Cron, job.TimeZone, job.CatchUp, job.Timeout = "0 6 * * *", "UTC", true, 10*time.Minute
	// The fire of 2026-10-01 06:00 was missed; its as-of date is the
	// fixture's 2026-09-30.
	clock := clockwork.NewFakeClockAt(time.Date(2026, 10, 1, 6, 30, 0, 0, time.UTC))
	src := queries.Builtin()
	var runs atomic.Int32
	replica := func(name string) *Scheduler {
		cfg := *base
		cfg.Outputs.Dir = filepath.Join(t.TempDir(), name, "out")
		cfg.Delivery.SharedFolder = filepath.Join(t.TempDir(), name, "share")
		run := func(ctx context.Context, jobName string, at time.Time) (*jobs.Manifest, error) {
			runs.Add(1)
			day, err := jobs.AsOfDate(cfg.Analysis.AsOf, at, time.UTC)
			if err != nil {
				return nil, err
			}
			return jobs.Execute(ctx, &cfg, jobs.Options{Job: jobName, AsOf: day, DSN: tdb.DSN, Queries: &src, ScheduledAt: &at})
		}
		return startScheduler(t, &cfg, clock, run, Options{DSN: tdb.DSN})
	}
	a, b := replica("a"), replica("b")
	settled := func() bool {
		return runsCounter(a, job.Name, ResultOK)+runsCounter(b, job.Name, ResultOK) == 1 &&
			runsCounter(a, job.Name, ResultSkipped)+runsCounter(b, job.Name, ResultSkipped) == 1
	}
	waitLong(t, "one replica to run the fire and the other to skip it", settled)

	var reports []string
	for _, m := range srv.Messages() {
		subject := m.Header().Get("Subject")
		if strings.Contains(subject, "FAILED") {
			t.Errorf("alert: %s", subject)
			continue
		}
		reports = append(reports, strings.Join(m.To, ","))
	}
	if runs.Load() != 1 || len(reports) != 2 {
		t.Fatalf("%d runs and %d report emails (%v); want 1 run and one email per audience (2)", runs.Load(), len(reports), reports)
	}
}
