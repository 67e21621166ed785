package schedule

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/go-co-op/gocron/v2"
	"github.com/google/uuid"
	"github.com/jonboulle/clockwork"

	"github.com/custseg/custseg/config"
	"github.com/custseg/custseg/jobs"
	"github.com/custseg/custseg/ledger"
)

// RunFunc performs one scheduled run of job for the cron fire at
// scheduledAt (also for a catch-up, and for each retry of a fire: the same
// scheduledAt). It returns when the run has ended, with its manifest when
// the run got that far (the scheduler reads jobs.Manifest.QueryRows for
// /metrics); ctx carries the job's timeout and is cancelled when the
// scheduler stops and the grace period is over. Production passes a
// function that runs the whole job and records it in the run history with
// scheduledAt; tests pass a fake. A run that fails at step connect
// (a *StepError) is tried again like a fire whose lock failed.
type RunFunc func(ctx context.Context, job string, scheduledAt time.Time) (*jobs.Manifest, error)

// Options are the inputs of a Scheduler besides the config.
type Options struct {
	// Clock drives the cron fires, the catch-up, the retries of a failed
	// fire, the end of a fire's window, the pause before asking again for
	// a lock held elsewhere, the stuck-run watchdog and how long /healthz
	// says a run has been going, Stop's grace period and the MySQL lock's
	// keep-alive; nil is the real clock. What a server or the network
	// counts stays real time: a run's timeout (its context reaches the
	// database driver and the mail client), GET_LOCK's wait, and the
	// connect, query and ledger timeouts.
	Clock  clockwork.Clock
	Logger *slog.Logger
	// DSN replaces the database section for the lock (CUSTSEG_DSN).
	DSN string
	// Locker replaces the MySQL lock that schedule.lock asks for; it is
	// used whether or not schedule.lock is set.
	Locker gocron.Locker
	// Ledger replaces the delivery ledger that ledger.Open would open; the
	// scheduler does not close it.
	Ledger ledger.Ledger
	// OutDir is where the run history is read (default: outputs.dir).
	OutDir string
}

// Scheduler runs the config's jobs on their cron schedules (gocron v2),
// each in its own time zone. The fires of one job wait in a queue and run
// one after the other, never two at once and never one fire twice. With
// schedule.lock a MySQL lock per job and the shared delivery ledger make
// several schedulers run each fire once. A fire that cannot take its lock
// or reach the database is recorded as failed, alerted once and tried
// again within its window. A missed fire is caught up on start; Stop is
// graceful; /healthz and /metrics are served when schedule.listen is set.
type Scheduler struct {
	cfg    *config.Config
	dsn    string
	run    RunFunc
	clock  clockwork.Clock
	log    *slog.Logger
	outDir string
	grace  time.Duration
	listen string
	jobs   []*schedJob
	gs     gocron.Scheduler
	locker gocron.Locker
	closer func() error // closes the MySQL locker this scheduler opened
	ledger ledger.Ledger
	ownLdg bool // the scheduler opened the ledger and closes it
	obs    *observer
	srv    *http.Server
	addr   string

	runCtx     context.Context // parent of every run's context
	cancelRuns context.CancelFunc
	// waitCtx ends the waits of fires that have not started running (for
	// the lock, for a retry) as soon as Stop is called.
	waitCtx    context.Context
	cancelWait context.CancelFunc
	wg         sync.WaitGroup // the job workers

	mu      sync.Mutex
	state   schedulerState
	queues  map[string]*fireQueue
	running map[string]*runInfo // jobs with a run in flight
}

type schedulerState int

const (
	stateNew schedulerState = iota
	stateRunning
	stateStopping
	stateStopped
)

// schedJob is one config job as the scheduler sees it.
type schedJob struct {
	name    string
	spec    string    // CRON_TZ=<zone> <cron>, as given to gocron
	sched   *WallCron // fire times on the zone's wall clock (daylight saving: see WallCron)
	loc     *time.Location
	timeout time.Duration
	catchUp bool
}

// New prepares a Scheduler for cfg's jobs; Start starts it.
//
// With schedule.lock on it opens the delivery ledger (ledger.Open, unless
// opts.Ledger is given) and refuses to start when the ledger is not shared
// by every replica, since the lock alone cannot tell a late replica that
// a fire was already run.
func New(cfg *config.Config, run RunFunc, opts Options) (*Scheduler, error) {
	if run == nil {
		return nil, errors.New("scheduler: no run function")
	}
	s := &Scheduler{cfg: cfg, dsn: opts.DSN, run: run, clock: opts.Clock, log: opts.Logger, outDir: opts.OutDir,
		grace: cfg.Schedule.GracePeriod, listen: cfg.Schedule.Listen,
		queues: map[string]*fireQueue{}, running: map[string]*runInfo{}}
	if s.clock == nil {
		s.clock = clockwork.NewRealClock()
	}
	if s.log == nil {
		s.log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if s.outDir == "" {
		s.outDir = cfg.Resolve(cfg.Outputs.Dir)
	}
	names := make([]string, 0, len(cfg.Jobs))
	for i, j := range cfg.Jobs {
		sj, err := newSchedJob(j)
		if err != nil {
			return nil, &config.Error{Msg: fmt.Sprintf("jobs[%d]: %v", i, err)}
		}
		s.jobs = append(s.jobs, sj)
		names = append(names, j.Name)
	}
	s.obs = newObserver(names, s.clock)
	s.runCtx, s.cancelRuns = context.WithCancel(context.Background())
	s.waitCtx, s.cancelWait = context.WithCancel(context.Background())

	if err := s.openLedger(opts.Ledger); err != nil {
		return nil, err
	}
	s.locker = opts.Locker
	if s.locker == nil && cfg.Schedule.Lock {
		ml, err := OpenLocker(cfg, opts.DSN)
		if err != nil {
			s.closeLedger()
			return nil, err
		}
		ml.Logger, ml.Clock = s.log, s.clock
		s.locker, s.closer = ml, ml.Close
	}
	gs, err := gocron.NewScheduler(
		gocron.WithClock(s.clock),
		gocron.WithLogger(gocronLogger{s.log.With(slog.String("component", "gocron"))}),
		gocron.WithMonitor(gocronMonitor{s}),
		gocron.WithStopTimeout(5*time.Second),
	)
	if err != nil {
		s.closeLocker()
		s.closeLedger()
		return nil, fmt.Errorf("scheduler: %w", err)
	}
	s.gs = gs
	for i, j := range s.jobs {
		// The task only queues the fire and returns, so gocron's singleton
		// mode never drops one; the job's worker runs the queue.
		_, err := gs.NewJob(gocron.CronJob(j.spec, false), gocron.NewTask(s.fire, j),
			gocron.WithCronImplementation(j.sched),
			gocron.WithName(j.name),
			gocron.WithSingletonMode(gocron.LimitModeReschedule))
		if err != nil {
			_ = gs.Shutdown()
			s.closeLocker()
			s.closeLedger()
			return nil, &config.Error{Msg: fmt.Sprintf("jobs[%d].cron: %q: %v", i, cfg.Jobs[i].Cron, err)}
		}
	}
	return s, nil
}

// openLedger takes the given ledger or opens the configured one. With
// schedule.lock on, a ledger is required and must be shared; with it off,
// a ledger that cannot be opened leaves the run history as the only record
// of the fires.
func (s *Scheduler) openLedger(given ledger.Ledger) error {
	cfg := s.cfg
	if given != nil {
		s.ledger = given
	} else {
		ctx, cancel := context.WithTimeout(context.Background(), cfg.Database.ConnectTimeout+30*time.Second)
		l, err := ledger.Open(ctx, cfg, s.outDir)
		cancel()
		switch {
		case err != nil && cfg.Schedule.Lock:
			return fmt.Errorf("schedule.lock: the delivery ledger, which tells the schedulers sharing the lock "+
				"which fires were already run, could not be opened: %w", err)
		case err != nil:
			s.log.Warn("delivery ledger not opened: fires are recorded in the run history only", slog.Any("error", err))
			return nil
		}
		s.ledger, s.ownLdg = l, true
	}
	if cfg.Schedule.Lock && !s.ledger.Shared() {
		where := s.ledger.String()
		s.closeLedger()
		return &config.Error{Msg: fmt.Sprintf("schedule.lock is on, but the delivery ledger (%s) is on this machine only: "+
			"a second scheduler would not see which fires this one ran and could send the same reports again. "+
			"Enable writeback (the ledger is then kept in the write-back database), or set delivery.shared_folder "+
			"to a folder every scheduler mounts, or set schedule.lock: false when only one scheduler runs", where)}
	}
	return nil
}

func newSchedJob(j config.Job) (*schedJob, error) {
	loc, err := time.LoadLocation(j.TimeZone)
	if err != nil {
		return nil, fmt.Errorf("time_zone: %q: %v", j.TimeZone, err)
	}
	spec := j.Cron
	if !strings.HasPrefix(spec, "TZ=") && !strings.HasPrefix(spec, "CRON_TZ=") {
		spec = "CRON_TZ=" + loc.String() + " " + spec
	}
	sched, err := ParseWallCron(spec, loc)
	if err != nil {
		return nil, fmt.Errorf("cron: %q: %v", j.Cron, err)
	}
	timeout := j.Timeout
	if timeout <= 0 {
		timeout = time.Hour
	}
	return &schedJob{name: j.Name, spec: spec, sched: sched, loc: loc, timeout: timeout, catchUp: j.CatchUp}, nil
}

// prev returns the job's latest fire time at or before now (zero when it
// never fired in the last five years).
func (j *schedJob) prev(now time.Time) time.Time {
	for _, back := range []time.Duration{2 * time.Minute, 2 * time.Hour, 26 * time.Hour, 8 * 24 * time.Hour,
		32 * 24 * time.Hour, 367 * 24 * time.Hour, 5*366*24*time.Hour + 24*time.Hour} {
		t := j.sched.Next(now.Add(-back))
		if t.IsZero() || t.After(now) {
			continue
		}
		for {
			n := j.sched.Next(t)
			if n.IsZero() || n.After(now) {
				return t
			}
			t = n
		}
	}
	return time.Time{}
}

// next returns the job's first fire time after now.
func (j *schedJob) next(now time.Time) time.Time { return j.sched.Next(now) }

// Start serves /healthz and /metrics when schedule.listen is set, starts
// the cron schedules and, for each job with catch_up, queues its latest
// fire once now if neither the run history nor the ledger shows it was run
// (see Missed).
func (s *Scheduler) Start() error {
	s.mu.Lock()
	if s.state != stateNew {
		s.mu.Unlock()
		return errors.New("scheduler: already started")
	}
	s.mu.Unlock()
	if s.listen != "" {
		ln, err := net.Listen("tcp", s.listen)
		if err != nil {
			return fmt.Errorf("schedule.listen: %w", err)
		}
		s.addr = ln.Addr().String()
		s.srv = &http.Server{Handler: s.Handler(), ReadHeaderTimeout: 10 * time.Second}
		go func() {
			if err := s.srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
				s.log.Error("health server stopped", slog.Any("error", err))
			}
		}()
	}

	now := s.clock.Now()
	type catchUp struct {
		job *schedJob
		at  time.Time
	}
	var due []catchUp
	for _, j := range s.jobs {
		runs, err := jobs.ReadRuns(s.outDir, j.name)
		if err != nil {
			s.log.Warn("run history not readable: no catch-up", slog.String(jobs.LogJob, j.name), slog.Any("error", err))
		}
		s.obs.seed(j.name, runs)
		if j.catchUp && err == nil {
			if at := j.prev(now); !at.IsZero() && s.missed(j, runs, at) {
				due = append(due, catchUp{j, at})
			}
		}
	}
	s.mu.Lock()
	s.state = stateRunning
	s.mu.Unlock()
	s.gs.Start()
	for _, j := range s.jobs {
		s.log.Info("job scheduled", slog.String(jobs.LogJob, j.name), slog.String("cron", j.spec),
			slog.String("next_run", j.next(now).In(j.loc).Format(time.RFC3339)))
	}
	for _, c := range due {
		s.log.Info("catching up a missed fire", slog.String(jobs.LogJob, c.job.name),
			slog.String("scheduled_at", c.at.In(c.job.loc).Format(time.RFC3339)))
		s.enqueue(c.job, c.at, true)
	}
	if s.addr != "" {
		s.log.Info("serving /healthz and /metrics", slog.String("addr", s.addr))
	}
	return nil
}

// missed reports whether job j's fire at should be caught up: the run
// history shows no attempt at it (Missed) and, when there is a ledger, no
// scheduler recorded it there. With a ledger, the history's failed
// attempts at the lock or connect steps do not count: the ledger records
// how the fire ended, and a fire whose retries were cut short by a stop
// never got there.
func (s *Scheduler) missed(j *schedJob, runs []jobs.RunRecord, at time.Time) bool {
	if s.ledger == nil {
		return Missed(runs, at)
	}
	ctx, cancel := context.WithTimeout(s.waitCtx, s.cfg.Database.ConnectTimeout+30*time.Second)
	ran, err := s.ledger.FireRun(ctx, j.name, at)
	cancel()
	if err != nil {
		s.log.Warn("delivery ledger not readable: the catch-up goes by the run history", slog.String(jobs.LogJob, j.name),
			slog.String("ledger", s.ledger.String()), slog.Any("error", err))
		return Missed(runs, at)
	}
	if ran {
		return false
	}
	var final []jobs.RunRecord
	for _, r := range runs {
		if r.Status != jobs.RunOK && r.ScheduledAt != nil && r.ScheduledAt.Equal(at) && (r.Step == jobs.StepLock || r.Step == jobs.StepConnect) {
			continue
		}
		final = append(final, r)
	}
	return Missed(final, at)
}

// Missed reports whether the run history runs of a job shows no attempt at
// its fire at, so that a catch-up should run it: no run scheduled at that
// time, and no successful run started at or after it. A run of that fire
// counts whatever its status (a failed fire was alerted, and a failed
// catch-up is not retried: never more than one catch-up per fire), except
// a run that was interrupted (a stop or restart cancelled it), which never
// got its chance. Dry runs do not count.
func Missed(runs []jobs.RunRecord, at time.Time) bool {
	for _, r := range runs {
		if r.DryRun {
			continue
		}
		if r.ScheduledAt != nil && r.ScheduledAt.Equal(at) && !r.Interrupted {
			return false
		}
		if r.Status == jobs.RunOK && !r.StartedAt.Before(at) {
			return false
		}
	}
	return true
}

// Addr is the address /healthz and /metrics are served on ("" when not).
func (s *Scheduler) Addr() string { return s.addr }

// Stop stops the scheduler gracefully: no new fires, fires waiting for
// their lock or a retry are given up; running jobs get the grace period
// (schedule.grace_period) to finish, then their contexts are cancelled;
// Stop returns when they have ended, or with ctx's error when ctx ends
// first. The health server stops last.
func (s *Scheduler) Stop(ctx context.Context) error {
	s.mu.Lock()
	prev := s.state
	if prev == stateStopping || prev == stateStopped {
		s.mu.Unlock()
		return nil
	}
	s.state = stateStopping
	s.mu.Unlock()
	s.cancelWait()

	var err error
	if prev == stateRunning {
		done := make(chan struct{})
		go func() {
			s.wg.Wait()
			close(done)
		}()
		s.mu.Lock()
		n := len(s.running)
		s.mu.Unlock()
		if n > 0 {
			s.log.Info("stopping: waiting for running jobs", slog.Int("running", n), slog.Duration("grace_period", s.grace))
		}
		grace := s.clock.NewTimer(s.grace)
		select {
		case <-done:
		case <-grace.Chan():
			s.log.Warn("grace period over: cancelling running jobs")
			s.cancelRuns()
		case <-ctx.Done():
			s.cancelRuns()
		}
		grace.Stop()
		select {
		case <-done:
		case <-ctx.Done():
			err = ctx.Err()
		}
	}
	s.cancelRuns()
	// The bounds of gocron's and the health server's shutdown are real
	// time: they wait for goroutines and connections, not for the clock.
	sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	if gerr := s.gs.ShutdownWithContext(sctx); gerr != nil {
		s.log.Debug("gocron shutdown", slog.Any("error", gerr))
	}
	cancel()
	if s.srv != nil {
		hctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		_ = s.srv.Shutdown(hctx)
		cancel()
	}
	s.closeLocker()
	if err == nil {
		s.closeLedger() // not under a run that may still write to it
	}
	s.mu.Lock()
	s.state = stateStopped
	s.mu.Unlock()
	s.log.Info("scheduler stopped")
	return err
}

func (s *Scheduler) closeLocker() {
	if s.closer != nil {
		_ = s.closer()
		s.closer = nil
	}
}

func (s *Scheduler) closeLedger() {
	if s.ownLdg && s.ledger != nil {
		if err := s.ledger.Close(); err != nil {
			s.log.Warn("delivery ledger not closed cleanly", slog.Any("error", err))
		}
		s.ownLdg = false
	}
}

func (s *Scheduler) currentState() schedulerState {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.state
}

// gocronLogger passes gocron's log lines to slog, its chatty Info as Debug.
type gocronLogger struct{ l *slog.Logger }

func (g gocronLogger) Debug(msg string, args ...any) { g.l.Debug(msg, args...) }
func (g gocronLogger) Info(msg string, args ...any)  { g.l.Debug(msg, args...) }
func (g gocronLogger) Warn(msg string, args ...any)  { g.l.Warn(msg, args...) }
func (g gocronLogger) Error(msg string, args ...any) { g.l.Error(msg, args...) }

// gocronMonitor hears from gocron about fires that never reach the task.
// The task only queues a fire, so gocron's singleton mode should never
// drop one; if it does, the fire is queued here instead of being lost.
type gocronMonitor struct{ s *Scheduler }

func (m gocronMonitor) IncrementJob(_ uuid.UUID, name string, _ []string, status gocron.JobStatus) {
	if status != gocron.SingletonRescheduled {
		return
	}
	for _, j := range m.s.jobs {
		if j.name == name {
			m.s.fire(j)
		}
	}
}

func (gocronMonitor) RecordJobTiming(time.Time, time.Time, uuid.UUID, string, []string) {}
