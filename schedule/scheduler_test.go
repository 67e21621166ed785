package schedule

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jonboulle/clockwork"
	dto "github.com/prometheus/client_model/go"

	"github.com/custseg/custseg/config"
	"github.com/custseg/custseg/jobs"
)

func randomHexForTest(t *testing.T) string {
	b := make([]byte, 4)
	if _, err := rand.Read(b); err != nil {
		t.Fatal(err)
	}
	return hex.EncodeToString(b)
}

// schedConfig is a config with jobs, no lock, a short grace period and an
// output folder of the test's own.
func schedConfig(t *testing.T, jobs ...config.Job) *config.Config {
	t.Helper()
	cfg := config.Default()
	for i := range jobs {
		if jobs[i].TimeZone == "" {
			jobs[i].TimeZone = "UTC"
		}
		if jobs[i].Timeout == 0 {
			jobs[i].Timeout = time.Hour
		}
	}
	cfg.Jobs = jobs
	cfg.Schedule.Lock = false
	cfg.Schedule.GracePeriod = 2 * time.Second
	cfg.Outputs.Dir = t.TempDir()
	return cfg
}

// fire is one call of the run function.
type fire struct {
	job string
	at  time.Time
}

// recorder is a fake run function that records its calls; hook, when set,
// does the run.
type recorder struct {
	calls chan fire
	n     atomic.Int32
	hook  func(ctx context.Context, job string, at time.Time) error
}

func newRecorder(hook func(ctx context.Context, job string, at time.Time) error) *recorder {
	return &recorder{calls: make(chan fire, 100), hook: hook}
}

func (r *recorder) run(ctx context.Context, job string, at time.Time) (*jobs.Manifest, error) {
	r.n.Add(1)
	r.calls <- fire{job, at}
	if r.hook != nil {
		return nil, r.hook(ctx, job, at)
	}
	return nil, nil
}

// next waits for the next call.
func (r *recorder) next(t *testing.T) fire {
	t.Helper()
	select {
	case f := <-r.calls:
		return f
	case <-time.After(5 * time.Second):
		t.Fatal("the job did not run")
	}
	return fire{}
}

// called checks that the run function was called n times in all.
func (r *recorder) called(t *testing.T, n int32) {
	t.Helper()
	if got := r.n.Load(); got != n {
		t.Fatalf("%d runs, want %d", got, n)
	}
}

func startScheduler(t *testing.T, cfg *config.Config, clock clockwork.Clock, run RunFunc, opts Options) *Scheduler {
	t.Helper()
	opts.Clock = clock
	s, err := New(cfg, run, opts)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if err := s.Stop(ctx); err != nil {
			t.Errorf("stop: %v", err)
		}
	})
	return s
}

// waiters waits until the fake clock has at least n timers and tickers:
// gocron's next fire of each job, and, while they last, a run's stuck
// watchdog, a held MySQL lock's keep-alive, a retry's pause, Stop's grace
// period. A test passes the count that includes the timer it is about to
// expire.
func waiters(t *testing.T, clock *clockwork.FakeClock, n int) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := clock.BlockUntilContext(ctx, n); err != nil {
		t.Fatalf("waiting for %d scheduled fires: %v", n, err)
	}
}

// timersNow reports whether the fake clock has at least n timers and
// tickers now, without waiting: after an Advance, whether a timer is
// still pending (Advance expires timers before it returns).
func timersNow(clock *clockwork.FakeClock, n int) bool {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	return clock.BlockUntilContext(ctx, n) == nil
}

// idle waits until no job of s has a fire queued or running. The catch-up
// fires are queued by Start, so after Start it tells whether one ran.
func idle(t *testing.T, s *Scheduler) {
	t.Helper()
	waitFor(t, "the scheduler to be idle", func() bool {
		s.mu.Lock()
		defer s.mu.Unlock()
		for _, q := range s.queues {
			if q.working {
				return false
			}
		}
		return true
	})
}

// runEnded waits until no run of s is in flight: its stuck watchdog is
// stopped.
func runEnded(t *testing.T, s *Scheduler) {
	t.Helper()
	waitFor(t, "the run to end", func() bool {
		s.mu.Lock()
		defer s.mu.Unlock()
		return len(s.running) == 0
	})
}

// queued waits until job's fire at waits in its queue behind a run.
func queued(t *testing.T, s *Scheduler, job string, at time.Time) {
	t.Helper()
	waitFor(t, fmt.Sprintf("the fire at %s to be queued", at), func() bool {
		s.mu.Lock()
		defer s.mu.Unlock()
		if q := s.queues[job]; q != nil {
			for _, p := range q.pending {
				if p.at.Equal(at) {
					return true
				}
			}
		}
		return false
	})
}

// waitFor polls cond until it holds, for up to five seconds.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	waitUntil(t, 5*time.Second, 5*time.Millisecond, what, cond)
}

// waitUntil asks cond every poll until it holds, failing the test after
// limit (wall time: a bound for a loaded machine, never a measure).
func waitUntil(t *testing.T, limit, poll time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.NewTimer(limit)
	defer deadline.Stop()
	tick := time.NewTicker(poll)
	defer tick.Stop()
	for !cond() {
		select {
		case <-deadline.C:
			t.Fatalf("timed out after %s waiting for %s", limit, what)
		case <-tick.C:
		}
	}
}

func runsCounter(s *Scheduler, job, result string) float64 {
	var m dto.Metric
	_ = s.obs.runs.WithLabelValues(job, result).Write(&m)
	return m.GetCounter().GetValue()
}

func TestSchedulerFiresAtCronTimeInJobZone(t *testing.T) {
	shanghai, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		t.Fatal(err)
	}
	// Monday 2026-11-23 06:50 in Shanghai is Sunday 22:50 UTC.
	clock := clockwork.NewFakeClockAt(time.Date(2026, 11, 23, 6, 50, 0, 0, shanghai).UTC())
	cfg := schedConfig(t, config.Job{Name: "weekly", Cron: "0 7 * * MON", TimeZone: "Asia/Shanghai"})
	rec := newRecorder(nil)
	s := startScheduler(t, cfg, clock, rec.run, Options{})

	waiters(t, clock, 1)
	clock.Advance(9 * time.Minute) // 06:59
	clock.Advance(time.Minute)     // 07:00
	// The first run is the 07:00 fire: a fire before it would come first.
	f := rec.next(t)
	want := time.Date(2026, 11, 23, 7, 0, 0, 0, shanghai)
	if f.job != "weekly" || !f.at.Equal(want) {
		t.Fatalf("fired %s at %s, want weekly at %s", f.job, f.at, want)
	}
	waitFor(t, "the run to be counted", func() bool { return runsCounter(s, "weekly", ResultOK) == 1 })
	idle(t, s)
	waiters(t, clock, 1)
	if got, want := s.Health().Jobs[0].NextRun, stamp(want.AddDate(0, 0, 7)); got != want {
		t.Errorf("next run %s, want %s (a week later)", got, want)
	}
	// Monday 07:00 UTC, 8 hours later, is not a fire in Shanghai: the next
	// run is the next Monday's.
	clock.Advance(7 * 24 * time.Hour)
	if f := rec.next(t); !f.at.Equal(want.AddDate(0, 0, 7)) {
		t.Errorf("the run after %s is at %s, want %s (a week later)", want, f.at, want.AddDate(0, 0, 7))
	}
}

// A fire that comes while the job's previous run is still going waits for
// it, then runs: it is not dropped.
func TestSchedulerQueuesOverlappingFire(t *testing.T) {
	clock := clockwork.NewFakeClockAt(time.Date(2026, 11, 23, 10, 0, 30, 0, time.UTC))
	cfg := schedConfig(t, config.Job{Name: "minutely", Cron: "* * * * *"})
	release := make(chan struct{})
	var overlap atomic.Int32 // runs going at once
	var most atomic.Int32
	rec := newRecorder(func(ctx context.Context, job string, at time.Time) error {
		if n := overlap.Add(1); n > most.Load() {
			most.Store(n)
		}
		defer overlap.Add(-1)
		if at.Minute() == 1 {
			<-release
		}
		return nil
	})
	s := startScheduler(t, cfg, clock, rec.run, Options{})

	waiters(t, clock, 1)
	clock.Advance(30 * time.Second) // 10:01: the run starts and takes longer than a minute
	first := rec.next(t)
	waiters(t, clock, 2)       // the 10:02 fire and the run's stuck watchdog
	clock.Advance(time.Minute) // 10:02: still running, so the fire waits
	queued(t, s, "minutely", time.Date(2026, 11, 23, 10, 2, 0, 0, time.UTC))
	rec.called(t, 1)
	close(release)
	second := rec.next(t)
	waitFor(t, "both runs to be counted", func() bool { return runsCounter(s, "minutely", ResultOK) == 2 })
	idle(t, s)
	waiters(t, clock, 1)
	clock.Advance(time.Minute) // 10:03
	third := rec.next(t)
	for i, f := range []fire{first, second, third} {
		if want := time.Date(2026, 11, 23, 10, i+1, 0, 0, time.UTC); !f.at.Equal(want) {
			t.Errorf("run %d scheduled at %s, want %s", i+1, f.at, want)
		}
	}
	if most.Load() != 1 {
		t.Errorf("%d runs of the job at once, want 1", most.Load())
	}
	if n := runsCounter(s, "minutely", ResultSkipped); n != 0 {
		t.Errorf("%v fires skipped, want none", n)
	}
}

// gocron handing over a fire that already ran (as it can when the clock
// reads the fire's very instant) does not run it again; the next fire
// runs.
func TestSchedulerRunsEachFireOnce(t *testing.T) {
	clock := clockwork.NewFakeClockAt(time.Date(2026, 11, 23, 10, 0, 30, 0, time.UTC))
	cfg := schedConfig(t, config.Job{Name: "minutely", Cron: "* * * * *"})
	rec := newRecorder(nil)
	s := startScheduler(t, cfg, clock, rec.run, Options{})
	j := s.jobs[0]
	s.fire(j) // the 10:00 fire, as gocron hands it over
	idle(t, s)
	s.fire(j) // again, after its run
	idle(t, s)
	rec.called(t, 1)
	waiters(t, clock, 1)
	clock.Advance(30 * time.Second) // 10:01
	for i, want := range []time.Time{time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC), time.Date(2026, 11, 23, 10, 1, 0, 0, time.UTC)} {
		if f := rec.next(t); !f.at.Equal(want) {
			t.Errorf("run %d scheduled at %s, want %s", i+1, f.at, want)
		}
	}
}

func TestSchedulerGracefulStop(t *testing.T) {
	t.Run("waits for a run that ends within the grace period", func(t *testing.T) {
		clock := clockwork.NewFakeClockAt(time.Date(2026, 11, 23, 10, 0, 30, 0, time.UTC))
		cfg := schedConfig(t, config.Job{Name: "minutely", Cron: "* * * * *"})
		cfg.Schedule.GracePeriod = 5 * time.Minute
		release := make(chan struct{})
		var cancelled atomic.Bool
		rec := newRecorder(func(ctx context.Context, job string, at time.Time) error {
			select {
			case <-release:
			case <-ctx.Done():
				cancelled.Store(true)
			}
			return ctx.Err()
		})
		s := startScheduler(t, cfg, clock, rec.run, Options{})
		waiters(t, clock, 1)
		clock.Advance(30 * time.Second) // 10:01
		rec.next(t)

		stopped := make(chan error, 1)
		go func() { stopped <- s.Stop(context.Background()) }()
		// Stop waits for the run or its grace period: with the 10:02 fire
		// and the run's watchdog, the clock has three timers.
		waiters(t, clock, 3)
		select {
		case err := <-stopped:
			t.Fatalf("Stop returned (%v) while a job was running", err)
		default:
		}
		if s.Health().Status != "stopped" {
			t.Errorf("health while stopping: %+v", s.Health())
		}
		// No new fires while stopping; the grace period is not over.
		clock.Advance(time.Minute) // 10:02
		close(release)
		if err := stopResult(t, stopped); err != nil {
			t.Fatal(err)
		}
		if cancelled.Load() {
			t.Error("the run was cancelled although it ended within the grace period")
		}
		rec.called(t, 1)
	})

	t.Run("cancels a run after the grace period", func(t *testing.T) {
		clock := clockwork.NewFakeClockAt(time.Date(2026, 11, 23, 10, 0, 30, 0, time.UTC))
		cfg := schedConfig(t, config.Job{Name: "minutely", Cron: "* * * * *"})
		cfg.Schedule.GracePeriod = 30 * time.Second
		runCtx := make(chan context.Context, 1)
		var runErr atomic.Value
		cancelled := make(chan struct{}) // the run saw its context end
		cleanedUp := make(chan struct{}) // the test lets the run return
		rec := newRecorder(func(ctx context.Context, job string, at time.Time) error {
			runCtx <- ctx
			<-ctx.Done() // a run that would go on for ever
			runErr.Store(ctx.Err())
			close(cancelled)
			<-cleanedUp // cleaning up after the cancel
			return ctx.Err()
		})
		s := startScheduler(t, cfg, clock, rec.run, Options{})
		waiters(t, clock, 1)
		clock.Advance(30 * time.Second) // 10:01
		rec.next(t)
		ctx := <-runCtx
		stopped := make(chan error, 1)
		go func() { stopped <- s.Stop(context.Background()) }()
		waiters(t, clock, 3) // the 10:02 fire, the run's watchdog, the grace period
		clock.Advance(29 * time.Second)
		if !timersNow(clock, 3) || ctx.Err() != nil {
			t.Fatalf("29s into a grace period of 30s, Stop's timer is over or the run's context ended (%v)", ctx.Err())
		}
		clock.Advance(time.Second) // the grace period is over
		select {
		case <-cancelled:
		case <-time.After(time.Minute):
			t.Fatal("the run was not cancelled after the grace period")
		}
		select {
		case err := <-stopped:
			t.Fatalf("Stop returned (%v) before the cancelled run ended", err)
		default:
		}
		close(cleanedUp)
		if err := stopResult(t, stopped); err != nil {
			t.Fatal(err)
		}
		if err, _ := runErr.Load().(error); !errors.Is(err, context.Canceled) {
			t.Errorf("run context ended with %v, want context.Canceled", err)
		}
		if runsCounter(s, "minutely", ResultFailed) != 1 {
			t.Error("the cancelled run was not counted as failed")
		}
	})
}

// stopResult is what Stop, called in the background, returned (a minute
// at most: a bound for a loaded machine).
func stopResult(t *testing.T, stopped <-chan error) error {
	t.Helper()
	select {
	case err := <-stopped:
		return err
	case <-time.After(time.Minute):
		t.Fatal("Stop did not return")
	}
	return nil
}

// recordingRun is a fake run function that, like production, records each
// run in the history with its fire time.
func recordingRun(dir string, rec *recorder, fail bool) RunFunc {
	return func(ctx context.Context, job string, at time.Time) (*jobs.Manifest, error) {
		rec.run(ctx, job, at)
		st := at
		r := jobs.RunRecord{RunID: fmt.Sprintf("run-%d", rec.n.Load()), Job: job, AsOf: at.Format("2006-01-02"),
			ScheduledAt: &st, StartedAt: time.Now(), FinishedAt: time.Now(), Status: "ok"}
		var err error
		if fail {
			r.Status, r.Error, err = "failed", "boom", errors.New("boom")
		}
		if aerr := jobs.AppendRun(dir, r); aerr != nil {
			return nil, aerr
		}
		return &jobs.Manifest{RunID: r.RunID, Job: job, AsOf: r.AsOf}, err
	}
}

func TestSchedulerCatchUp(t *testing.T) {
	at := func(h, m int) time.Time { return time.Date(2026, 11, 23, h, m, 0, 0, time.UTC) }
	for _, tc := range []struct {
		name    string
		history []jobs.RunRecord
		legacy  string // a line of the history as written before jobs.RunRecord.Interrupted
		fail    bool
		want    bool // a catch-up run on the first start
	}{
		{name: "missed fire", history: []jobs.RunRecord{{Job: "hourly", ScheduledAt: ptr(at(9, 0)), StartedAt: at(9, 0), Status: "ok"}}, want: true},
		{name: "missed fire, the catch-up fails", history: nil, fail: true, want: true},
		{name: "fire was run", history: []jobs.RunRecord{{Job: "hourly", ScheduledAt: ptr(at(10, 0)), StartedAt: at(10, 0), Status: "ok"}}},
		{name: "fire was run and failed", history: []jobs.RunRecord{{Job: "hourly", ScheduledAt: ptr(at(10, 0)), StartedAt: at(10, 0), Status: "failed"}}},
		{name: "fire was interrupted by a stop", history: []jobs.RunRecord{{Job: "hourly", ScheduledAt: ptr(at(10, 0)), StartedAt: at(10, 0), Status: "failed",
			Error: "extract: interrupted: context canceled", Interrupted: true}}, want: true},
		{name: "fire was interrupted, the error reworded", history: []jobs.RunRecord{{Job: "hourly", ScheduledAt: ptr(at(10, 0)), StartedAt: at(10, 0), Status: "failed",
			Error: "extract: stopped", Interrupted: true}}, want: true},
		{name: "fire failed, its error in words like an interruption's", history: []jobs.RunRecord{{Job: "hourly", ScheduledAt: ptr(at(10, 0)), StartedAt: at(10, 0), Status: "failed",
			Error: "extract: orders.sql: interrupted: by the DBA"}}},
		{name: "old line: fire was interrupted by a stop", legacy: `{"run_id":"r1","job":"hourly","as_of":"2026-11-22","scheduled_at":"2026-11-23T10:00:00Z",` +
			`"started_at":"2026-11-23T10:00:00Z","finished_at":"2026-11-23T10:00:01Z","status":"failed","step":"extract","error":"extract: interrupted: context canceled"}`, want: true},
		{name: "old line: fire was run and failed", legacy: `{"run_id":"r1","job":"hourly","as_of":"2026-11-22","scheduled_at":"2026-11-23T10:00:00Z",` +
			`"started_at":"2026-11-23T10:00:00Z","finished_at":"2026-11-23T10:00:01Z","status":"failed","step":"extract","error":"extract: boom"}`},
		{name: "manual run after the fire", history: []jobs.RunRecord{{Job: "hourly", StartedAt: at(10, 5), Status: "ok"}}},
		{name: "only a dry run after the fire", history: []jobs.RunRecord{{Job: "hourly", StartedAt: at(10, 5), Status: "ok", DryRun: true}}, want: true},
		{name: "another job's run", history: []jobs.RunRecord{{Job: "daily", ScheduledAt: ptr(at(10, 0)), StartedAt: at(10, 0), Status: "ok"}}, want: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			clock := clockwork.NewFakeClockAt(at(10, 30))
			cfg := schedConfig(t, config.Job{Name: "hourly", Cron: "0 * * * *", CatchUp: true})
			cfg.Jobs = append(cfg.Jobs, config.Job{Name: "daily", Cron: "0 6 * * *", TimeZone: "UTC", Timeout: time.Hour})
			for _, r := range tc.history {
				if err := jobs.AppendRun(cfg.Outputs.Dir, r); err != nil {
					t.Fatal(err)
				}
			}
			if tc.legacy != "" {
				if err := os.WriteFile(filepath.Join(cfg.Outputs.Dir, jobs.RunLogFile), []byte(tc.legacy+"\n"), 0o600); err != nil {
					t.Fatal(err)
				}
			}
			for start := 1; start <= 2; start++ {
				rec := newRecorder(nil)
				s, err := New(cfg, recordingRun(cfg.Outputs.Dir, rec, tc.fail), Options{Clock: clock})
				if err != nil {
					t.Fatal(err)
				}
				if err := s.Start(); err != nil {
					t.Fatal(err)
				}
				if tc.want && start == 1 {
					f := rec.next(t)
					if f.job != "hourly" || !f.at.Equal(at(10, 0)) {
						t.Errorf("caught up %s at %s, want hourly at 10:00", f.job, f.at)
					}
					if err := s.Stop(context.Background()); err != nil {
						t.Fatal(err)
					}
					continue
				}
				idle(t, s)
				rec.called(t, 0) // never twice for one missed fire
				if err := s.Stop(context.Background()); err != nil {
					t.Fatal(err)
				}
			}
		})
	}

	t.Run("catch_up off", func(t *testing.T) {
		clock := clockwork.NewFakeClockAt(at(10, 30))
		cfg := schedConfig(t, config.Job{Name: "hourly", Cron: "0 * * * *"})
		rec := newRecorder(nil)
		s := startScheduler(t, cfg, clock, rec.run, Options{})
		idle(t, s)
		rec.called(t, 0)
	})
}

func ptr[T any](v T) *T { return &v }

func TestScheduleJobPrev(t *testing.T) {
	shanghai, _ := time.LoadLocation("Asia/Shanghai")
	for _, tc := range []struct {
		cron, zone string
		now, want  time.Time
	}{
		{"* * * * *", "UTC", time.Date(2026, 11, 23, 10, 0, 30, 0, time.UTC), time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)},
		{"* * * * *", "UTC", time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC), time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)},
		{"0 7 * * MON", "Asia/Shanghai", time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC), time.Date(2026, 11, 23, 7, 0, 0, 0, shanghai)},
		{"0 7 * * MON", "Asia/Shanghai", time.Date(2026, 11, 22, 22, 59, 0, 0, time.UTC), time.Date(2026, 11, 16, 7, 0, 0, 0, shanghai)},
		{"0 6 1 1 *", "UTC", time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC), time.Date(2026, 1, 1, 6, 0, 0, 0, time.UTC)},
		{"0 6 29 2 *", "UTC", time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC), time.Date(2024, 2, 29, 6, 0, 0, 0, time.UTC)},
		{"CRON_TZ=Europe/Berlin 30 5 * * *", "UTC", time.Date(2026, 11, 23, 5, 0, 0, 0, time.UTC), time.Date(2026, 11, 23, 4, 30, 0, 0, time.UTC)},
	} {
		j, err := newSchedJob(config.Job{Name: "x", Cron: tc.cron, TimeZone: tc.zone, Timeout: time.Hour})
		if err != nil {
			t.Fatal(err)
		}
		if got := j.prev(tc.now); !got.Equal(tc.want) {
			t.Errorf("%s %s at %s: prev %s, want %s", tc.zone, tc.cron, tc.now, got, tc.want)
		}
	}
}
