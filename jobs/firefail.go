package jobs

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/custseg/custseg/config"
)

// FireAttempt is what the scheduler tells a run about the scheduled fire
// it is an attempt of, through the run's context (WithFireAttempt), so
// that the fire gets one alert, not one per attempt, and the first says
// when it is tried again.
type FireAttempt struct {
	N int // 1 for the fire's first attempt
	// RetryAt is about when a failure at a retried step (lock, connect)
	// is tried again; zero when this is the fire's last attempt.
	RetryAt time.Time
	Until   time.Time // the end of the fire's window
	Loc     *time.Location
	// Alerted: an earlier attempt of this fire already emailed the alert.
	Alerted bool
}

type fireAttemptKey struct{}

// WithFireAttempt returns ctx carrying a, for the run it is given to.
func WithFireAttempt(ctx context.Context, a FireAttempt) context.Context {
	return context.WithValue(ctx, fireAttemptKey{}, a)
}

func fireAttemptOf(ctx context.Context) (FireAttempt, bool) {
	a, ok := ctx.Value(fireAttemptKey{}).(FireAttempt)
	return a, ok
}

// Retried reports whether the scheduler tries a fire again after err: the
// run failed at a step where nothing was read or sent yet because the
// database could not be reached (connect), or before the run began
// (lock).
func Retried(err error) bool {
	var se *StepError
	return errors.As(err, &se) && (se.Step == StepConnect || se.Step == StepLock)
}

// alertFire is alert for a run that may be one attempt of a scheduled
// fire: one alert per fire, not one per attempt, and the first says when
// the fire will be tried again.
func alertFire(ctx context.Context, cfg *config.Config, rec RunRecord, lines []string, log *slog.Logger) {
	a, ok := fireAttemptOf(ctx)
	if ok && a.Alerted {
		log.Info("no alert email for this attempt: the fire's first failure was alerted",
			slog.Int("attempt", a.N))
		return
	}
	if ok && !a.RetryAt.IsZero() && (rec.Step == StepConnect || rec.Step == StepLock) {
		rec.Error += fmt.Sprintf("\n\nThe scheduler tries this fire again from about %s, with growing pauses, "+
			"until %s; no further alert is sent for it. `custseg history` shows each attempt; "+
			"a later line with status ok means the reports went out after all.",
			a.RetryAt.In(a.Loc).Format("2006-01-02 15:04 MST"), a.Until.In(a.Loc).Format("2006-01-02 15:04 MST"))
	}
	alert(ctx, cfg, rec, lines, log)
}

// Alert emails the alert list about rec, a run (or a fire) that failed:
// job, as-of, step, error, what was delivered, and lines of the log. The
// scheduler sends it for a run stuck past its timeout.
func Alert(ctx context.Context, cfg *config.Config, rec RunRecord, lines []string, log *slog.Logger) {
	alert(ctx, cfg, rec, lines, log)
}

// FailedFire is a scheduled fire that failed before its run began.
type FailedFire struct {
	Job         string
	ScheduledAt time.Time
	StartedAt   time.Time
	// Step is StepLock.
	Step Step
	Err  error
	// OutDir is the folder of the run history.
	OutDir string
	// DSN replaces the database section (CUSTSEG_DSN), as in Options.
	DSN string
}

// RecordFailedFire records f as a failed run the way Execute records one:
// a line in the run history, the custseg_runs row when writeback is
// enabled, and the alert email (once per fire: see alertFire). It returns
// the history's write error.
func RecordFailedFire(ctx context.Context, cfg *config.Config, f FailedFire, log *slog.Logger) error {
	at := f.ScheduledAt
	rec := RunRecord{RunID: newRunID(f.StartedAt), Job: f.Job, ScheduledAt: &at, StartedAt: f.StartedAt,
		FinishedAt: time.Now(), Status: RunFailed, Step: f.Step, Error: (&StepError{f.Step, f.Err}).Error(),
		Interrupted: cancelled(f.Err)}
	if j, err := cfg.Job(f.Job); err == nil {
		if loc, err := time.LoadLocation(j.TimeZone); err == nil {
			if d, err := AsOfDate(cfg.Analysis.AsOf, at, loc); err == nil {
				rec.AsOf = d.Format(time.DateOnly)
			}
		}
	}
	log = log.With(slog.String(LogRunID, rec.RunID))
	alertFire(ctx, cfg, rec, []string{rec.Error}, log)
	herr := AppendRun(f.OutDir, rec)
	if herr != nil {
		log.Error("run history not written: the failed fire is only in this log", slog.Any("error", herr))
	}
	if cfg.Writeback.Enabled {
		recordRun(ctx, cfg, Options{Job: f.Job, DSN: f.DSN, ScheduledAt: &at}, rec, log)
	}
	return herr
}
