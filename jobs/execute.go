package jobs

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"time"

	"github.com/custseg/custseg/config"
)

// Execute performs one whole run: Run, then — unless DryRun — publishing to
// the shared folder and emailing each audience of the job; it records the
// run in the history and, when the run fails at any step, emails the alert
// list. Audiences that an earlier attempt of the same job and as-of date
// already delivered to are not sent again. A failed run never sends a
// report. With writeback enabled, a successful run's results and every
// run's history row also go to MySQL (see writeback.go).
//
// The manifest is written once, complete with the delivery results: after
// delivery and write-back, into the run folder and into the shared
// folder's copies of it (see writeManifest).
func Execute(ctx context.Context, cfg *config.Config, opts Options) (*Manifest, error) {
	base := opts.Logger
	if base == nil {
		base = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	tail := newLogTail(base.Handler(), 30)
	opts.Logger = slog.New(tail)
	log := opts.Logger

	started := time.Now()
	r, err := newRun(cfg, opts)
	r.delivers = !opts.DryRun
	// The job's timeout bounds the whole run, delivery included (produce
	// applies it to its own steps too); the history line and the alert
	// still go out after it (they use contexts of their own).
	if r.job.Timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, r.job.Timeout)
		defer cancel()
	}
	if err == nil {
		err = r.produce(ctx)
	}
	rec := r.startRecord(started)
	var wroteRun *RunRecord // the custseg_runs row committed with the scores
	recordAgain := false    // the row committed with the scores is not the run's last word
	if err == nil && r.delivers {
		wroteRun, recordAgain, err = r.deliverAll(ctx, rec)
	}
	finished := time.Now()
	if wroteRun != nil {
		finished = wroteRun.FinishedAt // the history line and the row agree
	}
	unrecorded, err := r.record(ctx, &rec, err, finished)
	recordAgain = recordAgain || unrecorded
	if err != nil {
		log.Error("run failed", slog.String("step", string(rec.Step)), slog.String("error", err.Error()))
		if !opts.DryRun {
			alertFire(ctx, cfg, rec, tail.Lines(), log)
		}
	}
	if cfg.Writeback.Enabled && !opts.DryRun && (wroteRun == nil || recordAgain) {
		recordRun(ctx, cfg, opts, rec, log)
	}
	if err != nil {
		return r.m, err
	}
	return r.m, nil
}

// startRecord is the run's history record before its outcome is known.
func (r *run) startRecord(started time.Time) RunRecord {
	rec := RunRecord{StartedAt: started, ScheduledAt: r.opts.ScheduledAt, DryRun: r.opts.DryRun, Job: r.job.Name}
	if r.m != nil {
		rec.RunID, rec.Job, rec.AsOf = r.m.RunID, r.m.Job, r.m.AsOf
	}
	return rec
}

// deliverAll delivers a published run (shared folder, email), writes it
// back, and writes its manifest, complete. It returns the run's error,
// the custseg_runs row committed with the scores (nil when none was), and
// whether that row must be written again because the run failed after it.
func (r *run) deliverAll(ctx context.Context, rec RunRecord) (*RunRecord, bool, error) {
	r.deliver(ctx)
	var wroteRun *RunRecord
	if r.cfg.Writeback.Enabled {
		var d Delivery
		d, wroteRun = r.writeBack(ctx, rec)
		r.m.Delivery = append(r.m.Delivery, d)
	}
	merr := r.writeManifest()
	err := deliveryOutcome(r.m.Delivery)
	if merr == nil {
		return wroteRun, false, err
	}
	r.log.Error("manifest not written", slog.Any("error", merr))
	merr = fmt.Errorf("the run's manifest could not be written, so the next run will not compare with this one: %w", merr)
	return wroteRun, true, alsoFailed(err, StepPublish, merr)
}

// errHistory marks a run that the run history could not record.
var errHistory = errors.New("the run history could not be written, so this run is not recorded (is the disk full?)")

// record completes the run's history record with its outcome and appends
// it to the run history. The history is part of the run: a run it does
// not record failed: record then returns true (unrecorded) and the run's
// error so completed.
func (r *run) record(ctx context.Context, rec *RunRecord, err error, finished time.Time) (bool, error) {
	r.finishRecord(ctx, rec, err, finished)
	herr := AppendRun(r.outDir, *rec)
	if herr == nil {
		return false, err
	}
	err = alsoFailed(err, StepHistory, fmt.Errorf("%w: %w", errHistory, herr))
	r.finishRecord(ctx, rec, err, finished)
	return true, err
}

// finishRecord is finishRecord, with the run's interruption: a run that
// failed while its context was cancelled (a stop, SIGINT/SIGTERM) was
// interrupted, whatever its error says.
func (r *run) finishRecord(ctx context.Context, rec *RunRecord, err error, finished time.Time) {
	finishRecord(rec, r.m, err, finished)
	if err != nil && errors.Is(ctx.Err(), context.Canceled) {
		rec.Interrupted = true
	}
}

// alsoFailed is the run's error err (nil: none) with another failure
// added: at step when err is nil, else at err's step, with both told.
func alsoFailed(err error, step Step, also error) error {
	if err == nil {
		return &StepError{step, also}
	}
	var se *StepError
	if errors.As(err, &se) {
		step = se.Step
	}
	return &StepError{step, fmt.Errorf("%w; also, %v", err, also)}
}
