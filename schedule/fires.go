package schedule

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/go-co-op/gocron/v2"

	"github.com/custseg/custseg/jobs"
	"github.com/custseg/custseg/ledger"
)

// maxQueuedFires bounds a job's queue: a job whose runs take longer than
// its interval for hours (a stuck run, a cron far too frequent) does not
// grow it for ever. /healthz reports such a run.
const maxQueuedFires = 64

// Retry pauses after a fire's failed attempt: 1, 2, 4, 8 minutes, then
// every 15 minutes, within the fire's window.
const (
	firstRetry = time.Minute
	maxRetry   = 15 * time.Minute
)

// retryPause is the pause after the fire's attempt n (1, 2, ...) failed.
func retryPause(n int) time.Duration {
	d := firstRetry
	for i := 1; i < n && d < maxRetry; i++ {
		d *= 2
	}
	return min(d, maxRetry)
}

// fireReq is one fire waiting in a job's queue.
type fireReq struct {
	at      time.Time // the cron fire time: the fire's identity
	catchUp bool
}

// fireQueue is a job's fires waiting to run, and the one running.
type fireQueue struct {
	pending []fireReq
	current *fireReq
	working bool      // a worker goroutine drains the queue
	last    time.Time // the latest fire queued: one at or before it is not queued again
}

// runInfo is a run in flight, for /healthz.
type runInfo struct {
	at      time.Time
	started time.Time // on the scheduler's clock
	timeout time.Duration
	stuck   bool // past its timeout and the grace period; alerted
}

// fire is the gocron task of job j: it queues the fire gocron is making.
func (s *Scheduler) fire(j *schedJob) {
	at := j.prev(s.clock.Now())
	if at.IsZero() {
		at = s.clock.Now()
	}
	s.enqueue(j, at, false)
}

// enqueue queues job j's fire at, unless that fire, or a later one, was
// queued already (it is queued, running or was run), and starts the job's
// worker if it is idle.
//
// gocron can hand the same fire over twice: when the task's end reaches
// its scheduler before the fire's rescheduling and the clock reads the
// fire's very instant (a fake clock that was advanced to it), it
// schedules that fire again, at once.
func (s *Scheduler) enqueue(j *schedJob, at time.Time, catchUp bool) {
	log := s.fireLog(j, at)
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.state != stateRunning {
		log.Info("fire not run: the scheduler is stopping")
		return
	}
	q := s.queues[j.name]
	if q == nil {
		q = &fireQueue{}
		s.queues[j.name] = q
	}
	if q.current != nil && q.current.at.Equal(at) {
		log.Debug("fire already running")
		return
	}
	for _, p := range q.pending {
		if p.at.Equal(at) {
			log.Debug("fire already queued")
			return
		}
	}
	if !at.After(q.last) {
		log.Debug("fire not run: it was run already, or a later fire was")
		return
	}
	if len(q.pending) >= maxQueuedFires {
		s.obs.skipped(j.name)
		log.Error(fmt.Sprintf("fire not run: %d fires of this job are already waiting behind a run that is still going; "+
			"check /healthz for a stuck run, and whether the job's cron is more frequent than its runs can follow", len(q.pending)))
		return
	}
	q.pending = append(q.pending, fireReq{at: at, catchUp: catchUp})
	q.last = at
	if q.current != nil {
		log.Info("fire queued: it runs when the job's previous run has ended")
	}
	if !q.working {
		q.working = true
		s.wg.Add(1)
		go s.work(j, q)
	}
}

// work runs job j's queued fires one after the other until the queue is
// empty or the scheduler stops.
func (s *Scheduler) work(j *schedJob, q *fireQueue) {
	defer s.wg.Done()
	for {
		s.mu.Lock()
		if len(q.pending) == 0 || s.state != stateRunning {
			for _, p := range q.pending {
				s.fireLog(j, p.at).Info("fire not run: the scheduler is stopping; a catch-up on the next start runs the latest missed fire")
			}
			q.pending, q.current, q.working = nil, nil, false
			s.mu.Unlock()
			return
		}
		req := q.pending[0]
		q.pending = q.pending[1:]
		q.current = &req
		s.mu.Unlock()
		s.runFire(j, req)
		s.mu.Lock()
		q.current = nil
		s.mu.Unlock()
	}
}

func (s *Scheduler) fireLog(j *schedJob, at time.Time) *slog.Logger {
	return s.log.With(slog.String(jobs.LogJob, j.name), slog.String("scheduled_at", at.In(j.loc).Format(time.RFC3339)))
}

// attemptResult is how one attempt at a fire ended.
type attemptResult int

const (
	fireDone  attemptResult = iota // ran (ok or failed for good), or not to be run here
	fireRetry                      // failed at a retried step: try again later
)

// runFire runs job j's fire req: attempts until one runs, one fails for
// good, or the fire's window ends. The window is from the first attempt to
// the job's next fire, at most the job's timeout; failures at the lock or
// connect steps are tried again after 1, 2, 4, 8, then every 15 minutes.
func (s *Scheduler) runFire(j *schedJob, req fireReq) {
	log := s.fireLog(j, req.at)
	if req.catchUp {
		log = log.With(slog.Bool("catch_up", true))
	}
	start := s.clock.Now()
	until := start.Add(j.timeout)
	if n := j.next(start); !n.IsZero() && n.Before(until) {
		until = n
	}
	a := jobs.FireAttempt{Loc: j.loc, Until: until}
	for a.N = 1; ; a.N++ {
		a.RetryAt = s.clock.Now().Add(retryPause(a.N))
		if !a.RetryAt.Before(until) {
			a.RetryAt = time.Time{}
		}
		if s.attempt(j, req, a, log) == fireDone {
			return
		}
		a.Alerted = true
		if a.RetryAt.IsZero() || !s.clock.Now().Before(until) {
			log.Error("fire failed: its window is over, no attempt is left; the next fire runs as scheduled",
				slog.Int("attempts", a.N), slog.String("window_end", until.In(j.loc).Format(time.RFC3339)))
			s.recordFire(j, req.at, nil, errors.New("all attempts failed"), false, log)
			return
		}
		wait := max(s.clock.Until(a.RetryAt), 0)
		log.Warn("fire failed: trying again", slog.Int("attempt", a.N),
			slog.String("retry_at", s.clock.Now().Add(wait).In(j.loc).Format(time.RFC3339)))
		if !s.pause(wait) {
			log.Info("retry given up: the scheduler is stopping; a catch-up on the next start runs the fire")
			return
		}
	}
}

// errLockWindow: the job's lock stayed held elsewhere for the whole of
// the fire's window.
var errLockWindow = errors.New("the job's lock was held by another scheduler for the whole of the fire's window")

// attempt makes one attempt at job j's fire req: the lock, the ledger's
// word on whether the fire was already run, then the run.
func (s *Scheduler) attempt(j *schedJob, req fireReq, a jobs.FireAttempt, log *slog.Logger) attemptResult {
	t0 := s.clock.Now()
	if s.locker != nil {
		lk, err := s.takeLock(j, a.Until, log)
		switch {
		case s.waitCtx.Err() != nil:
			log.Info("fire not run: the scheduler is stopping")
			return fireDone
		case errors.Is(err, errLockWindow):
			s.skipped(j, req.at, "another scheduler held the job's lock for the whole of the fire's window, running it or an earlier fire")
			return fireDone
		case err != nil:
			s.fireFailed(j, req.at, a, t0, fmt.Errorf("the job's lock could not be taken; check that the database "+
				"is up and answering (custseg check): %w", err), log)
			return fireRetry
		}
		defer func() {
			if err := lk.Unlock(context.Background()); err != nil {
				log.Warn("unlock", slog.Any("error", err))
			}
		}()
		if s.ledger != nil {
			// Real time: the bound of a database's or a shared folder's answer.
			ctx, cancel := context.WithTimeout(s.waitCtx, s.cfg.Database.ConnectTimeout+30*time.Second)
			ran, err := s.ledger.FireRun(ctx, j.name, req.at)
			cancel()
			if err != nil {
				s.fireFailed(j, req.at, a, t0, fmt.Errorf("the delivery ledger (%s) could not say whether another "+
					"scheduler already ran this fire: %w", s.ledger.String(), err), log)
				return fireRetry
			}
			if ran {
				s.skipped(j, req.at, "already run by another scheduler")
				return fireDone
			}
		}
	}
	m, err := s.execute(j, req, a, log)
	if err != nil && jobs.Retried(err) && !a.RetryAt.IsZero() && s.runCtx.Err() == nil {
		return fireRetry
	}
	s.recordFire(j, req.at, m, err, s.runCtx.Err() != nil || errors.Is(err, context.Canceled), log)
	return fireDone
}

// takeLock takes job j's lock, asking again while another scheduler holds
// it, until the fire's window ends.
func (s *Scheduler) takeLock(j *schedJob, until time.Time, log *slog.Logger) (gocron.Lock, error) {
	waiting := false
	for {
		// How long Lock took is real time: MySQL's locker waits in
		// GET_LOCK, whose seconds the server counts.
		t0 := time.Now()
		lk, err := s.locker.Lock(s.waitCtx, j.name)
		if err == nil {
			if waiting {
				log.Info("lock taken")
			}
			return lk, nil
		}
		if !errors.Is(err, ErrLockHeld) || s.waitCtx.Err() != nil {
			return nil, err
		}
		if !waiting {
			log.Info("waiting for the job's lock: another scheduler is running this job")
			waiting = true
		}
		if !s.clock.Now().Before(until) {
			return nil, errLockWindow
		}
		// A locker that answers at once (not MySQL's, which waits on the
		// server) is asked again after a second of the scheduler's clock.
		if d := time.Second - time.Since(t0); d > 0 && !s.pause(d) {
			return nil, s.waitCtx.Err()
		}
	}
}

// pause waits d on the scheduler's clock; it reports false, at once, when
// the scheduler stops first.
func (s *Scheduler) pause(d time.Duration) bool {
	t := s.clock.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.Chan():
		return true
	case <-s.waitCtx.Done():
		return false
	}
}

// fireFailed records an attempt that failed before its run began: the
// history line, the custseg_runs row, the alert (the fire's first), and
// the metrics.
func (s *Scheduler) fireFailed(j *schedJob, at time.Time, a jobs.FireAttempt, started time.Time, err error, log *slog.Logger) {
	s.obs.lockFailed(j.name, at, s.clock.Now(), err)
	log.Error("fire not run: "+err.Error(), slog.String("step", string(jobs.StepLock)), slog.Int("attempt", a.N))
	ctx := jobs.WithFireAttempt(context.WithoutCancel(s.waitCtx), a)
	_ = jobs.RecordFailedFire(ctx, s.cfg, jobs.FailedFire{Job: j.name, ScheduledAt: at, StartedAt: started, Step: jobs.StepLock,
		Err: err, OutDir: s.outDir, DSN: s.dsn}, log)
}

// execute runs job j's fire req under the job's timeout.
func (s *Scheduler) execute(j *schedJob, req fireReq, a jobs.FireAttempt, log *slog.Logger) (*jobs.Manifest, error) {
	started := s.clock.Now()
	info := &runInfo{at: req.at, started: started, timeout: j.timeout}
	s.mu.Lock()
	s.running[j.name] = info
	s.mu.Unlock()
	watchdog := s.clock.AfterFunc(j.timeout+s.grace, func() { s.stuck(j, info, log) })
	defer func() {
		watchdog.Stop()
		s.mu.Lock()
		delete(s.running, j.name)
		s.mu.Unlock()
	}()

	log.Info("job fired", slog.Int("attempt", a.N))
	// The run's timeout is real time: its context reaches the database
	// driver, net.Dialer and the SMTP client, which read its deadline as
	// wall time. The watchdog above, on the scheduler's clock, reports a
	// run that goes on past it.
	ctx, cancel := context.WithTimeout(s.runCtx, j.timeout)
	defer cancel()
	m, err := s.call(jobs.WithFireAttempt(ctx, a), j.name, req.at)
	elapsed := s.clock.Since(started)
	s.obs.finished(j.name, req.at, s.clock.Now(), elapsed, m, err)
	if err != nil {
		log.Error("job failed", slog.Duration(jobs.LogElapsed, elapsed), slog.Any("error", err))
		return m, err
	}
	log.Info("job done", slog.Duration(jobs.LogElapsed, elapsed))
	return m, nil
}

// call runs the run function, turning a panic into an error.
func (s *Scheduler) call(ctx context.Context, job string, at time.Time) (m *jobs.Manifest, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("panic: %v", p)
		}
	}()
	return s.run(ctx, job, at)
}

// stuck reports a run still going past its timeout and the grace period:
// /healthz turns unhealthy, and the alert list gets one email.
func (s *Scheduler) stuck(j *schedJob, info *runInfo, log *slog.Logger) {
	s.mu.Lock()
	if s.running[j.name] != info {
		s.mu.Unlock()
		return
	}
	info.stuck = true
	s.mu.Unlock()
	msg := stuckMessage(j.name, info, s.clock.Now())
	log.Error(msg)
	at := info.at
	rec := jobs.RunRecord{Job: j.name, ScheduledAt: &at, StartedAt: info.started, Status: jobs.RunFailed, Step: jobs.StepTimeout, Error: msg}
	if d, err := jobs.AsOfDate(s.cfg.Analysis.AsOf, at, j.loc); err == nil {
		rec.AsOf = d.Format(time.DateOnly)
	}
	jobs.Alert(context.Background(), s.cfg, rec, nil, log)
}

func stuckMessage(job string, info *runInfo, now time.Time) string {
	return fmt.Sprintf("job %s: the run of the fire at %s, started %s, is still going %s after its timeout of %s; "+
		"it is probably waiting on a database or mail server that stopped answering, and the job's later fires wait behind it. "+
		"Restart the scheduler if it does not end soon",
		job, stamp(info.at), stamp(info.started), now.Sub(info.started.Add(info.timeout)).Round(time.Second), info.timeout)
}

// recordFire records in the ledger how job's fire at ended, so that no
// scheduler runs it again (an interrupted one is caught up).
func (s *Scheduler) recordFire(j *schedJob, at time.Time, m *jobs.Manifest, err error, interrupted bool, log *slog.Logger) {
	if s.ledger == nil {
		return
	}
	e := ledger.FireEntry{Job: j.name, ScheduledAt: at, Status: string(jobs.RunOK), Interrupted: interrupted, Host: hostname(), At: s.clock.Now()}
	if m != nil {
		e.RunID = m.RunID
	}
	if err != nil {
		e.Status = string(jobs.RunFailed)
	}
	// Real time: the bound of the ledger's database or shared folder.
	ctx, cancel := context.WithTimeout(context.Background(), s.cfg.Database.ConnectTimeout+30*time.Second)
	defer cancel()
	if rerr := s.ledger.RecordFire(ctx, e); rerr != nil {
		log.Error("fire not recorded in the delivery ledger: another scheduler, or a restart, may run it again",
			slog.String("ledger", s.ledger.String()), slog.Any("error", rerr))
	}
}

// skipped records a fire that is not run here.
func (s *Scheduler) skipped(j *schedJob, at time.Time, why string) {
	s.obs.skipped(j.name)
	s.fireLog(j, at).Info("fire skipped: " + why)
}
