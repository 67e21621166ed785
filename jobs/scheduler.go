package jobs

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
	"github.com/robfig/cron/v3"

	"github.com/custseg/custseg/config"
)

// RunFunc performs one scheduled run of job for the cron fire at
// scheduledAt (also for a catch-up run started later). It returns when the
// run has ended; ctx carries the job's timeout and is cancelled when the
// scheduler stops and the grace period is over. Production passes a
// function that runs the whole job and records it in the run history with
// scheduledAt; tests pass a fake.
type RunFunc func(ctx context.Context, job string, scheduledAt time.Time) error

// SchedulerOptions are the inputs of a Scheduler besides the config.
type SchedulerOptions struct {
	// Clock drives the cron fires and the catch-up; nil is the real clock.
	// Timeouts and the grace period are always real time.
	Clock  clockwork.Clock
	Logger *slog.Logger
	// DSN replaces the database section for the lock (CUSTSEG_DSN).
	DSN string
	// Locker replaces the MySQL lock that schedule.lock asks for; it is
	// used whether or not schedule.lock is set.
	Locker gocron.Locker
	// OutDir is where the run history is read (default: outputs.dir).
	OutDir string
	// LockMinHold replaces DefaultLockMinHold for the MySQL lock (tests).
	LockMinHold time.Duration
}

// Scheduler runs the config's jobs on their cron schedules (gocron v2),
// each in its own time zone, never two runs of one job at once, with an
// optional MySQL lock so that several schedulers run each fire once, a
// catch-up of a missed fire on start, a graceful stop, and /healthz and
// /metrics when schedule.listen is set.
type Scheduler struct {
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
	obs    *observer
	srv    *http.Server
	addr   string

	runCtx     context.Context // parent of every run's context
	cancelRuns context.CancelFunc
	wg         sync.WaitGroup // runs and catch-ups in flight

	mu      sync.Mutex
	state   schedulerState
	running map[string]bool // jobs with a run in flight (catch-up or cron)
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
	spec    string // CRON_TZ=<zone> <cron>, as given to gocron
	sched   cron.Schedule
	loc     *time.Location
	timeout time.Duration
	catchUp bool
}

// NewScheduler prepares a Scheduler for cfg's jobs; Start starts it.
func NewScheduler(cfg *config.Config, run RunFunc, opts SchedulerOptions) (*Scheduler, error) {
	if run == nil {
		return nil, errors.New("scheduler: no run function")
	}
	s := &Scheduler{run: run, clock: opts.Clock, log: opts.Logger, outDir: opts.OutDir,
		grace: cfg.Schedule.GracePeriod, listen: cfg.Schedule.Listen, running: map[string]bool{}}
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
	s.obs = newObserver(names)
	s.runCtx, s.cancelRuns = context.WithCancel(context.Background())

	s.locker = opts.Locker
	if s.locker == nil && cfg.Schedule.Lock {
		ml, err := OpenLocker(cfg, opts.DSN)
		if err != nil {
			return nil, err
		}
		ml.Logger = s.log
		if opts.LockMinHold > 0 {
			ml.MinHold = opts.LockMinHold
		}
		s.locker, s.closer = ml, ml.Close
	}
	gopts := []gocron.SchedulerOption{
		gocron.WithClock(s.clock),
		gocron.WithLogger(gocronLogger{s.log.With(slog.String("component", "gocron"))}),
		gocron.WithMonitor(gocronMonitor{s}),
		gocron.WithStopTimeout(5 * time.Second),
	}
	if s.locker != nil {
		gopts = append(gopts, gocron.WithDistributedLocker(s.locker))
	}
	gs, err := gocron.NewScheduler(gopts...)
	if err != nil {
		s.closeLocker()
		return nil, fmt.Errorf("scheduler: %w", err)
	}
	s.gs = gs
	for i, j := range s.jobs {
		_, err := gs.NewJob(gocron.CronJob(j.spec, false), gocron.NewTask(s.fire, j),
			gocron.WithName(j.name),
			gocron.WithSingletonMode(gocron.LimitModeReschedule),
			gocron.WithEventListeners(gocron.AfterLockError(func(_ uuid.UUID, name string, err error) {
				s.lockFailed(name, j.prev(s.clock.Now()), err)
			})))
		if err != nil {
			_ = gs.Shutdown()
			s.closeLocker()
			return nil, &config.Error{Msg: fmt.Sprintf("jobs[%d].cron: %q: %v", i, cfg.Jobs[i].Cron, err)}
		}
	}
	return s, nil
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
	sched, err := cron.ParseStandard(spec) // what gocron's CronJob(spec, false) parses
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
// the cron schedules and, for each job with catch_up, runs its latest fire
// once now if the run history shows no attempt at it (see Missed).
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
		runs, err := ReadRuns(s.outDir, j.name)
		if err != nil {
			s.log.Warn("run history not readable: no catch-up", slog.String(LogJob, j.name), slog.Any("error", err))
		}
		s.obs.seed(j.name, runs)
		if j.catchUp && err == nil {
			if at := j.prev(now); !at.IsZero() && Missed(runs, at) {
				due = append(due, catchUp{j, at})
			}
		}
	}
	s.mu.Lock()
	s.state = stateRunning
	s.wg.Add(len(due))
	s.mu.Unlock()
	s.gs.Start()
	for _, j := range s.jobs {
		s.log.Info("job scheduled", slog.String(LogJob, j.name), slog.String("cron", j.spec),
			slog.String("next_run", j.next(now).In(j.loc).Format(time.RFC3339)))
	}
	for _, c := range due {
		s.log.Info("catching up a missed fire", slog.String(LogJob, c.job.name),
			slog.String("scheduled_at", c.at.In(c.job.loc).Format(time.RFC3339)))
		go s.catchUp(c.job, c.at)
	}
	if s.addr != "" {
		s.log.Info("serving /healthz and /metrics", slog.String("addr", s.addr))
	}
	return nil
}

// Missed reports whether the run history runs of a job shows no attempt at
// its fire at, so that a catch-up should run it: no run scheduled at that
// time, and no successful run started at or after it. A run of that fire
// counts whatever its status (a failed fire was alerted, and a failed
// catch-up is not retried: never more than one catch-up per fire), except
// a run that was interrupted (a stop or restart cancelled it), which never
// got its chance. Dry runs do not count.
func Missed(runs []RunRecord, at time.Time) bool {
	for _, r := range runs {
		if r.DryRun {
			continue
		}
		if r.ScheduledAt != nil && r.ScheduledAt.Equal(at) && !cancelled(r) {
			return false
		}
		if r.Status == "ok" && !r.StartedAt.Before(at) {
			return false
		}
	}
	return true
}

// cancelled reports whether a failed run ended because its context was
// cancelled (the scheduler stopped, or SIGINT/SIGTERM).
func cancelled(r RunRecord) bool {
	return r.Status != "ok" && (strings.Contains(r.Error, "interrupted: ") ||
		strings.Contains(r.Error, context.Canceled.Error()))
}

// Addr is the address /healthz and /metrics are served on ("" when not).
func (s *Scheduler) Addr() string { return s.addr }

// fire is the gocron task of job j; gocron has taken the lock.
func (s *Scheduler) fire(j *schedJob) {
	at := j.prev(s.clock.Now())
	if at.IsZero() {
		at = s.clock.Now()
	}
	s.execute(j, at, false)
}

// catchUp runs job j's missed fire at, through the same lock as a cron fire.
func (s *Scheduler) catchUp(j *schedJob, at time.Time) {
	defer s.wg.Done()
	if s.locker != nil {
		lk, err := s.locker.Lock(s.runCtx, j.name)
		if err != nil {
			s.lockFailed(j.name, at, err)
			return
		}
		defer func() {
			if err := lk.Unlock(context.Background()); err != nil {
				s.log.Warn("unlock", slog.String(LogJob, j.name), slog.Any("error", err))
			}
		}()
		// Another scheduler may have caught up while we waited for the lock.
		if runs, err := ReadRuns(s.outDir, j.name); err == nil && !Missed(runs, at) {
			s.log.Info("missed fire already run elsewhere", slog.String(LogJob, j.name))
			return
		}
	}
	s.execute(j, at, true)
}

// execute runs job j for its fire at, unless the scheduler is stopping or
// the job is already running here.
func (s *Scheduler) execute(j *schedJob, at time.Time, catchUp bool) {
	log := s.log.With(slog.String(LogJob, j.name), slog.String("scheduled_at", at.In(j.loc).Format(time.RFC3339)))
	if catchUp {
		log = log.With(slog.Bool("catch_up", true))
	}
	s.mu.Lock()
	if s.state != stateRunning {
		s.mu.Unlock()
		log.Info("fire skipped: the scheduler is stopping")
		return
	}
	if s.running[j.name] {
		s.mu.Unlock()
		s.skipped(j.name, at, "the previous run is still going")
		return
	}
	s.running[j.name] = true
	s.wg.Add(1)
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		delete(s.running, j.name)
		s.mu.Unlock()
		s.wg.Done()
	}()

	log.Info("job fired")
	ctx, cancel := context.WithTimeout(s.runCtx, j.timeout)
	defer cancel()
	start := time.Now()
	err := s.call(ctx, j.name, at)
	elapsed := time.Since(start)
	s.obs.finished(j.name, at, s.clock.Now(), elapsed, err)
	if err != nil {
		log.Error("job failed", slog.Duration(LogElapsed, elapsed), slog.Any("error", err))
		return
	}
	log.Info("job done", slog.Duration(LogElapsed, elapsed))
}

// call runs the run function, turning a panic into an error.
func (s *Scheduler) call(ctx context.Context, job string, at time.Time) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("panic: %v", p)
		}
	}()
	return s.run(ctx, job, at)
}

// skipped records a fire that did not run.
func (s *Scheduler) skipped(job string, at time.Time, why string) {
	s.obs.skipped(job)
	s.log.Info("fire skipped: "+why, slog.String(LogJob, job), slog.String("scheduled_at", at.Format(time.RFC3339)))
}

// lockFailed records a fire whose lock could not be taken: skipped when
// someone else holds it, failed when the database could not be asked.
func (s *Scheduler) lockFailed(job string, at time.Time, err error) {
	if errors.Is(err, ErrLockHeld) {
		s.mu.Lock()
		self := s.running[job]
		s.mu.Unlock()
		why := "another scheduler holds the job's lock"
		if self {
			why = "the previous run is still going"
		}
		s.skipped(job, at, why)
		return
	}
	s.obs.lockFailed(job, at, s.clock.Now(), err)
	s.log.Error("fire not run: the job's lock could not be taken", slog.String(LogJob, job),
		slog.String("scheduled_at", at.Format(time.RFC3339)), slog.Any("error", err))
}

// Stop stops the scheduler gracefully: no new fires; running jobs get the
// grace period (schedule.grace_period) to finish, then their contexts are
// cancelled; Stop returns when they have ended, or with ctx's error when
// ctx ends first. The health server stops last.
func (s *Scheduler) Stop(ctx context.Context) error {
	s.mu.Lock()
	prev := s.state
	if prev == stateStopping || prev == stateStopped {
		s.mu.Unlock()
		return nil
	}
	s.state = stateStopping
	s.mu.Unlock()

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
		grace := time.NewTimer(s.grace)
		select {
		case <-done:
		case <-grace.C:
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

// gocronMonitor hears from gocron about fires that never reach the task:
// a fire dropped because the job's previous run is still going.
type gocronMonitor struct{ s *Scheduler }

func (m gocronMonitor) IncrementJob(_ uuid.UUID, name string, _ []string, status gocron.JobStatus) {
	if status != gocron.SingletonRescheduled {
		return // runs are counted by the scheduler, lock errors by AfterLockError
	}
	for _, j := range m.s.jobs {
		if j.name == name {
			m.s.skipped(name, j.prev(m.s.clock.Now()), "the previous run is still going")
		}
	}
}

func (gocronMonitor) RecordJobTiming(time.Time, time.Time, uuid.UUID, string, []string) {}
