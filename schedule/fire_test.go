package schedule

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/go-co-op/gocron/v2"
	"github.com/go-sql-driver/mysql"
	"github.com/jonboulle/clockwork"

	"github.com/custseg/custseg/config"
	"github.com/custseg/custseg/internal/jobstest"
	"github.com/custseg/custseg/internal/smtptest"
	"github.com/custseg/custseg/internal/tcpproxy"
	"github.com/custseg/custseg/internal/testdb"
	"github.com/custseg/custseg/jobs"
	"github.com/custseg/custseg/ledger"
	"github.com/custseg/custseg/queries"
)

// memLedger is an in-memory delivery ledger for the scheduler's tests:
// the fires it was told of. Schedulers given the same memLedger share it,
// as replicas share the write-back database.
type memLedger struct {
	mu     sync.Mutex
	fires  []ledger.FireEntry
	local  bool // Shared reports false
	broken atomic.Bool
}

func (l *memLedger) Deliveries(context.Context, string, string) (map[string]ledger.DeliveryEntry, error) {
	return map[string]ledger.DeliveryEntry{}, nil
}

func (l *memLedger) RecordDelivery(context.Context, ledger.DeliveryEntry) error { return nil }

func (l *memLedger) FireRun(_ context.Context, job string, at time.Time) (bool, error) {
	if l.broken.Load() {
		return false, errors.New("ledger unreachable")
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, f := range l.fires {
		if f.Job == job && f.ScheduledAt.Equal(at) && !f.Interrupted {
			return true, nil
		}
	}
	return false, nil
}

func (l *memLedger) RecordFire(_ context.Context, e ledger.FireEntry) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.fires = append(l.fires, e)
	return nil
}

func (l *memLedger) Shared() bool   { return !l.local }
func (l *memLedger) String() string { return "the test's ledger" }
func (l *memLedger) Close() error   { return nil }

func (l *memLedger) entries() []ledger.FireEntry {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]ledger.FireEntry(nil), l.fires...)
}

// startProxy is a tcpproxy in front of the test database, started down
// (every connection refused) or stalled (connections accepted, never
// answered) or forwarding.
func startProxy(t *testing.T, target string, mode string) *tcpproxy.Proxy {
	t.Helper()
	p := tcpproxy.Start(t, target)
	switch mode {
	case "down":
		p.Down()
	case "stall":
		p.Stall()
	}
	return p
}

// proxyDSN is dsn with the proxy's address instead of the server's.
func proxyDSN(t *testing.T, p *tcpproxy.Proxy, dsn string) string {
	t.Helper()
	mc, err := mysql.ParseDSN(dsn)
	if err != nil {
		t.Fatal(err)
	}
	mc.Addr = p.Addr
	return mc.FormatDSN()
}

func dsnAddr(t *testing.T, dsn string) string {
	t.Helper()
	mc, err := mysql.ParseDSN(dsn)
	if err != nil {
		t.Fatal(err)
	}
	return mc.Addr
}

// mariaDB is the test database, skipping tests that need a real server's
// network connection when only the embedded engine answers.
func mariaDB(t *testing.T) *testdb.DB {
	t.Helper()
	tdb := testdb.New(t)
	if tdb.Kind != "mariadb" {
		t.Skip("needs MariaDB over TCP (CUSTSEG_TEST_DSN)")
	}
	return tdb
}

// alertConfig mails alerts to srv.
func alertConfig(cfg *config.Config, srv *smtptest.Server) {
	cfg.Email.Enabled = true
	cfg.Email.Host, cfg.Email.Port, cfg.Email.Security = srv.Host, srv.Port, "none"
	cfg.Email.From = "custseg <reports@shop.example>"
	cfg.Email.Retries, cfg.Email.RetryBackoff, cfg.Email.Timeout = 1, 10*time.Millisecond, 10*time.Second
	cfg.Email.Alerts = []string{"ops@shop.example"}
}

// waitLong polls cond for up to a minute (a loaded machine, real network
// timeouts).
func waitLong(t *testing.T, what string, cond func() bool) {
	t.Helper()
	waitUntil(t, time.Minute, 20*time.Millisecond, what, cond)
}

// lockWaiters counts the sessions on db's database that are in GET_LOCK
// (MySQLLocker's query) while another session holds the lock: waiting for
// it. Sessions on other databases of the server, other tests' or other
// people's, do not count.
func lockWaiters(t *testing.T, db *sql.DB) int {
	t.Helper()
	var n int
	err := db.QueryRow("SELECT COUNT(*) FROM information_schema.PROCESSLIST " +
		"WHERE INFO LIKE 'SELECT GET_LOCK(%' AND DB = DATABASE()").Scan(&n)
	if err != nil {
		t.Fatalf("process list: %v", err)
	}
	return n
}

func historyOf(t *testing.T, dir, job string) []jobs.RunRecord {
	t.Helper()
	runs, err := jobs.ReadRuns(dir, job)
	if err != nil {
		t.Fatal(err)
	}
	return runs
}

// The database is down at the fire (lock on): the fire is recorded as a
// failed run at step lock and alerted, then tried again a minute later,
// when the database is back, and runs; one alert for the fire.
func TestFireDatabaseDownIsRecordedAlertedAndRetried(t *testing.T) {
	tdb := mariaDB(t)
	proxy := startProxy(t, dsnAddr(t, tdb.DSN), "down")
	srv := smtptest.Start(t)
	clock := clockwork.NewFakeClockAt(time.Date(2026, 11, 23, 9, 59, 30, 0, time.UTC))
	cfg := schedConfig(t, config.Job{Name: "hourly", Cron: "0 * * * *"})
	cfg.Schedule.Lock = true
	cfg.Database.ConnectTimeout = 2 * time.Second
	alertConfig(cfg, srv)
	ledger := &memLedger{}
	rec := newRecorder(nil)
	s := startScheduler(t, cfg, clock, recordingRun(cfg.Outputs.Dir, rec, false),
		Options{DSN: proxyDSN(t, proxy, tdb.DSN), Ledger: ledger})
	fireAt := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)

	waiters(t, clock, 1)
	clock.Advance(30 * time.Second) // 10:00, the database is down
	waitLong(t, "the failed fire in the history", func() bool { return len(historyOf(t, cfg.Outputs.Dir, "hourly")) == 1 })
	r := historyOf(t, cfg.Outputs.Dir, "hourly")[0]
	if r.Status != "failed" || r.Step != jobs.StepLock || r.ScheduledAt == nil || !r.ScheduledAt.Equal(fireAt) ||
		!r.StartedAt.Equal(fireAt) || r.AsOf != "2026-11-22" || !strings.Contains(r.Error, "lock could not be taken") {
		t.Errorf("history line %+v, want failed at step lock for the 10:00 fire, started then, as of 2026-11-22", r)
	}
	waitLong(t, "the alert", func() bool { return len(srv.Messages()) == 1 })
	msg := srv.Messages()[0]
	body := plainText(t, msg.Data)
	if subj := msg.Header().Get("Subject"); !strings.Contains(subj, "job hourly") || !strings.Contains(subj, "step lock") {
		t.Errorf("alert subject %q", subj)
	}
	if !strings.Contains(body, "tries this fire again from about 2026-11-23 10:01") {
		t.Errorf("the alert does not say the fire is tried again:\n%s", body)
	}
	if h := s.Health(); h.Status != "failing" {
		t.Errorf("health %+v, want failing", h)
	}

	proxy.Up()           // the database is back
	waiters(t, clock, 2) // the retry and the 11:00 fire
	rec.called(t, 0)     // the failed attempt did not run the job
	clock.Advance(time.Minute)
	if f := rec.next(t); !f.at.Equal(fireAt) {
		t.Errorf("the retry ran the fire at %s, want the same fire, %s", f.at, fireAt)
	}
	waitFor(t, "the fire to be recorded in the ledger", func() bool { return len(ledger.entries()) == 1 })
	if e := ledger.entries()[0]; e.Status != ResultOK || !e.ScheduledAt.Equal(fireAt) || e.Interrupted {
		t.Errorf("ledger entry %+v, want ok for 10:00", e)
	}
	if n := len(srv.Messages()); n != 1 {
		t.Errorf("%d alerts, want 1 for the fire", n)
	}
	if runsCounter(s, "hourly", ResultOK) != 1 || runsCounter(s, "hourly", ResultFailed) != 1 {
		t.Errorf("ok %v failed %v, want 1 and 1", runsCounter(s, "hourly", ResultOK), runsCounter(s, "hourly", ResultFailed))
	}
	if h := s.Health(); h.Status != "ok" {
		t.Errorf("health after the retry %+v, want ok", h)
	}
}

// A run that fails at step connect (the whole job, as production runs it)
// is alerted once, saying it is tried again, and tried again: the second
// attempt, with the database back, delivers.
func TestFireConnectFailureRetriedWithOneAlert(t *testing.T) {
	tdb := jobstest.Shop(t)
	if tdb.Kind != "mariadb" {
		t.Skip("needs MariaDB over TCP (CUSTSEG_TEST_DSN)")
	}
	proxy := startProxy(t, dsnAddr(t, tdb.DSN), "down")
	srv := smtptest.Start(t)
	clock := clockwork.NewFakeClockAt(time.Date(2026, 10, 1, 5, 59, 30, 0, time.UTC))
	cfg := schedConfig(t, config.Job{Name: "daily", Cron: "0 6 * * *", Timeout: 10 * time.Minute})
	cfg.Database.ConnectTimeout = 2 * time.Second
	alertConfig(cfg, srv)
	cfg.Email.Audiences[0].To = []string{"boss@shop.example"}
	cfg.Jobs[0].Audiences = []string{cfg.Email.Audiences[0].Name}
	src := queries.Builtin()
	dsn := proxyDSN(t, proxy, tdb.DSN)
	var attempts atomic.Int32
	run := func(ctx context.Context, job string, at time.Time) (*jobs.Manifest, error) {
		attempts.Add(1)
		asOf, _ := jobs.AsOfDate(cfg.Analysis.AsOf, at, time.UTC)
		return jobs.Execute(ctx, cfg, jobs.Options{Job: job, AsOf: asOf, DSN: dsn, Queries: &src, ScheduledAt: &at})
	}
	s := startScheduler(t, cfg, clock, run, Options{})

	waiters(t, clock, 1)
	clock.Advance(30 * time.Second) // 06:00, the database is down
	waitLong(t, "the failed run in the history", func() bool { return len(historyOf(t, cfg.Outputs.Dir, "daily")) == 1 })
	if r := historyOf(t, cfg.Outputs.Dir, "daily")[0]; r.Step != jobs.StepConnect {
		t.Errorf("history line %+v, want failed at step connect", r)
	}
	waitLong(t, "the alert", func() bool { return len(srv.Messages()) == 1 })
	if body := plainText(t, srv.Messages()[0].Data); !strings.Contains(body, "tries this fire again") {
		t.Errorf("the alert does not say the fire is tried again:\n%s", body)
	}

	// The second attempt fails too: no second alert.
	runEnded(t, s)
	waiters(t, clock, 2) // the retry and the next day's fire
	clock.Advance(time.Minute)
	waitLong(t, "the second attempt", func() bool { return len(historyOf(t, cfg.Outputs.Dir, "daily")) == 2 })

	proxy.Up()
	runEnded(t, s)
	waiters(t, clock, 2)
	clock.Advance(2 * time.Minute)
	waitLong(t, "the third attempt", func() bool { return len(historyOf(t, cfg.Outputs.Dir, "daily")) == 3 })
	runs := historyOf(t, cfg.Outputs.Dir, "daily")
	last := runs[2]
	if last.Status != "ok" || last.ScheduledAt == nil || !last.ScheduledAt.Equal(*runs[0].ScheduledAt) {
		t.Errorf("third attempt %+v, want ok for the same fire", last)
	}
	var alerts, reports int
	for _, m := range srv.Messages() {
		if strings.Contains(m.Header().Get("Subject"), "FAILED") {
			alerts++
		} else {
			reports++
		}
	}
	if alerts != 1 || reports != 1 || attempts.Load() != 3 {
		t.Errorf("%d alerts, %d reports, %d attempts; want 1, 1, 3", alerts, reports, attempts.Load())
	}
}

// On start the catch-up (10:00) runs, and the regular fire (10:01) that
// comes during it runs after it, through the same lock: two as-of fires,
// no "lock held" skip.
func TestFireCatchUpAndNextFireBothRun(t *testing.T) {
	tdb := mariaDB(t)
	clock := clockwork.NewFakeClockAt(time.Date(2026, 11, 23, 10, 0, 30, 0, time.UTC))
	job := "minutely_" + randomHexForTest(t)
	cfg := schedConfig(t, config.Job{Name: job, Cron: "* * * * *", CatchUp: true})
	cfg.Schedule.Lock = true
	ledger := &memLedger{}
	release := make(chan struct{})
	rec := newRecorder(func(ctx context.Context, job string, at time.Time) error {
		if at.Minute() == 0 {
			<-release
		}
		return nil
	})
	s := startScheduler(t, cfg, clock, rec.run, Options{DSN: tdb.DSN, Ledger: ledger})
	first := rec.next(t)            // the catch-up, still going
	waiters(t, clock, 3)            // the 10:01 fire, the lock's keep-alive, the run's watchdog
	clock.Advance(30 * time.Second) // 10:01
	queued(t, s, job, time.Date(2026, 11, 23, 10, 1, 0, 0, time.UTC))
	rec.called(t, 1)
	close(release)
	second := rec.next(t)
	if !first.at.Equal(time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)) || !second.at.Equal(time.Date(2026, 11, 23, 10, 1, 0, 0, time.UTC)) {
		t.Errorf("ran %s then %s, want 10:00 (catch-up) then 10:01", first.at, second.at)
	}
	waitFor(t, "both fires in the ledger", func() bool { return len(ledger.entries()) == 2 })
	if runsCounter(s, job, ResultSkipped) != 0 || runsCounter(s, job, ResultOK) != 2 {
		t.Errorf("skipped %v ok %v, want 0 and 2", runsCounter(s, job, ResultSkipped), runsCounter(s, job, ResultOK))
	}
}

// The database accepts the lock's TCP connection and never answers: the
// fire is recorded as failed within seconds instead of hanging, and the
// scheduler stops promptly.
func TestFireStalledLockConnection(t *testing.T) {
	tdb := mariaDB(t)
	proxy := startProxy(t, dsnAddr(t, tdb.DSN), "stall")
	clock := clockwork.NewFakeClockAt(time.Date(2026, 11, 23, 9, 59, 30, 0, time.UTC))
	cfg := schedConfig(t, config.Job{Name: "hourly", Cron: "0 * * * *"})
	cfg.Schedule.Lock = true
	cfg.Database.ConnectTimeout = time.Second
	rec := newRecorder(nil)
	s := startScheduler(t, cfg, clock, rec.run, Options{DSN: proxyDSN(t, proxy, tdb.DSN), Ledger: &memLedger{}})
	waiters(t, clock, 1)
	clock.Advance(30 * time.Second)
	waitLong(t, "the failed fire in the history", func() bool { return len(historyOf(t, cfg.Outputs.Dir, "hourly")) == 1 })
	if r := historyOf(t, cfg.Outputs.Dir, "hourly")[0]; r.Step != jobs.StepLock || !strings.Contains(r.Error, "did not answer") &&
		!strings.Contains(r.Error, "connecting to the database") {
		t.Errorf("history line %+v, want a lock that timed out", r)
	}
	if h := s.Health(); h.Status != "failing" || !strings.Contains(h.Reason, "lock could not be taken") {
		t.Errorf("health %+v", h)
	}
	rec.called(t, 0)
	if err := s.Stop(context.Background()); err != nil {
		t.Fatal(err)
	}
}

// Two schedulers share the MySQL lock and the ledger: each fire runs once,
// also when one of them fires after the other's run has ended.
func TestFireTwoReplicasRunEachFireOnce(t *testing.T) {
	tdb := mariaDB(t)
	job := "minutely_" + randomHexForTest(t)
	cfg := schedConfig(t, config.Job{Name: job, Cron: "* * * * *"})
	cfg.Schedule.Lock = true
	ledger := &memLedger{}
	var mu sync.Mutex
	ran := map[time.Time]int{}
	first := time.Date(2026, 11, 23, 10, 1, 0, 0, time.UTC)
	running := make(chan struct{}, 1) // the 10:01 run holds the lock
	release := make(chan struct{})    // and goes on until the other waits for it
	run := func(ctx context.Context, job string, at time.Time) (*jobs.Manifest, error) {
		mu.Lock()
		ran[at]++
		mu.Unlock()
		if at.Equal(first) {
			running <- struct{}{}
			<-release
		}
		return &jobs.Manifest{RunID: "r"}, nil
	}
	clockA := clockwork.NewFakeClockAt(time.Date(2026, 11, 23, 10, 0, 30, 0, time.UTC))
	clockB := clockwork.NewFakeClockAt(time.Date(2026, 11, 23, 10, 0, 30, 0, time.UTC))
	a := startScheduler(t, cfg, clockA, run, Options{DSN: tdb.DSN, Ledger: ledger})
	b := startScheduler(t, cfg, clockB, run, Options{DSN: tdb.DSN, Ledger: ledger})
	total := func(result string) float64 { return runsCounter(a, job, result) + runsCounter(b, job, result) }

	// 10:01 on both at once: one runs, the other waits for the lock, then
	// finds the fire run.
	waiters(t, clockA, 1)
	waiters(t, clockB, 1)
	clockA.Advance(30 * time.Second)
	clockB.Advance(30 * time.Second)
	select {
	case <-running:
	case <-time.After(time.Minute):
		t.Fatal("neither scheduler ran the 10:01 fire")
	}
	db := tdb.Open(t)
	waitLong(t, "the other scheduler to wait for the lock", func() bool { return lockWaiters(t, db) > 0 })
	close(release)
	waitLong(t, "one run and one skip", func() bool { return total(ResultOK) == 1 && total(ResultSkipped) == 1 })
	// Then the only timer of each is its 10:02 fire (no lock held, no run).
	idle(t, a)
	idle(t, b)

	// 10:02 on A; B's fire comes after A's run has ended.
	waiters(t, clockA, 1)
	clockA.Advance(time.Minute)
	waitLong(t, "A's run", func() bool { return total(ResultOK) == 2 })
	idle(t, a)
	waiters(t, clockB, 1)
	clockB.Advance(time.Minute)
	waitLong(t, "B's late fire to be skipped", func() bool { return total(ResultSkipped) == 2 })

	mu.Lock()
	defer mu.Unlock()
	if len(ran) != 2 || ran[time.Date(2026, 11, 23, 10, 1, 0, 0, time.UTC)] != 1 || ran[time.Date(2026, 11, 23, 10, 2, 0, 0, time.UTC)] != 1 {
		t.Errorf("runs per fire: %v, want one each at 10:01 and 10:02", ran)
	}
	if total(ResultFailed) != 0 {
		t.Errorf("%v failed fires", total(ResultFailed))
	}
}

// With the lock on, a ledger on this machine only is refused, with what
// to do.
func TestSchedulerLockNeedsSharedLedger(t *testing.T) {
	cfg := schedConfig(t, config.Job{Name: "hourly", Cron: "0 * * * *"})
	cfg.Schedule.Lock = true
	_, err := New(cfg, newRecorder(nil).run, Options{Ledger: &memLedger{local: true}})
	var ce *config.Error
	if !errors.As(err, &ce) || !strings.Contains(err.Error(), "Enable writeback") ||
		!strings.Contains(err.Error(), "delivery.shared_folder") || !strings.Contains(err.Error(), "schedule.lock: false") {
		t.Errorf("err = %v, want a config error saying what to do", err)
	}
	cfg.Schedule.Lock = false
	s, err := New(cfg, newRecorder(nil).run, Options{Ledger: &memLedger{local: true}})
	if err != nil {
		t.Fatalf("lock off, local ledger: %v", err)
	}
	s.Stop(context.Background())
}

func TestRetryPause(t *testing.T) {
	for n, want := range map[int]time.Duration{1: time.Minute, 2: 2 * time.Minute, 3: 4 * time.Minute,
		4: 8 * time.Minute, 5: 15 * time.Minute, 9: 15 * time.Minute} {
		if got := retryPause(n); got != want {
			t.Errorf("retryPause(%d) = %s, want %s", n, got, want)
		}
	}
}

// heldLocker is a gocron.Locker that answers at once, ErrLockHeld for its
// first held asks; it counts the asks.
type heldLocker struct {
	held int // -1: held for ever
	asks atomic.Int32
}

func (l *heldLocker) Lock(_ context.Context, key string) (gocron.Lock, error) {
	if n := int(l.asks.Add(1)); l.held < 0 || n <= l.held {
		return nil, fmt.Errorf("lock %q: %w", key, ErrLockHeld)
	}
	return heldLock{}, nil
}

type heldLock struct{}

func (heldLock) Unlock(context.Context) error { return nil }

// A lock held elsewhere, from a locker that answers at once, is asked for
// again a second of the scheduler's clock later, and only then, until the
// fire's window (here the job's timeout, 3 s) ends: the fire runs when the
// lock comes free, and is skipped when it stays held.
func TestFireWaitsForHeldLock(t *testing.T) {
	fireAt := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name     string
		held     int   // asks answered ErrLockHeld; -1 all
		wantAsks int32 // asks in all
		wantRun  bool
	}{
		{"free at once", 0, 1, true},
		{"freed after two seconds", 2, 3, true},
		{"held for the whole window", -1, 4, false}, // asked at 10:00:00, :01, :02, :03
	} {
		t.Run(tc.name, func(t *testing.T) {
			clock := clockwork.NewFakeClockAt(fireAt.Add(-30 * time.Second))
			cfg := schedConfig(t, config.Job{Name: "hourly", Cron: "0 * * * *", Timeout: 3 * time.Second})
			locker := &heldLocker{held: tc.held}
			ledger := &memLedger{}
			rec := newRecorder(nil)
			s := startScheduler(t, cfg, clock, rec.run, Options{Locker: locker, Ledger: ledger})
			waiters(t, clock, 1)
			clock.Advance(30 * time.Second) // 10:00
			for n := int32(1); ; n++ {
				waitFor(t, fmt.Sprintf("ask %d for the lock", n), func() bool { return locker.asks.Load() >= n })
				if n == tc.wantAsks {
					break
				}
				waiters(t, clock, 2) // the 11:00 fire and the pause before the next ask
				if got := locker.asks.Load(); got != n {
					t.Fatalf("%d asks before the clock moved on, want %d", got, n)
				}
				clock.Advance(time.Second)
			}
			if tc.wantRun {
				if f := rec.next(t); !f.at.Equal(fireAt) {
					t.Errorf("ran the fire at %s, want %s", f.at, fireAt)
				}
				waitFor(t, "the fire in the ledger", func() bool { return len(ledger.entries()) == 1 })
				if e := ledger.entries()[0]; !e.At.Equal(clock.Now()) {
					t.Errorf("the ledger has the fire recorded at %s, want %s (the scheduler's clock)", e.At, clock.Now())
				}
			} else {
				waitFor(t, "the fire to be skipped", func() bool { return runsCounter(s, "hourly", ResultSkipped) == 1 })
			}
			idle(t, s)
			if got := locker.asks.Load(); got != tc.wantAsks {
				t.Errorf("%d asks for the lock, want %d", got, tc.wantAsks)
			}
			want := int32(0)
			if tc.wantRun {
				want = 1
			}
			rec.called(t, want)
		})
	}
}
