package main

import (
	"errors"
	"fmt"
	"io"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/vbauerster/mpb/v8"
	"github.com/vbauerster/mpb/v8/decor"

	"github.com/custseg/custseg/jobs"
)

// termProgress draws a run's jobs.Progress as one live bar at a terminal
// (vbauerster/mpb): what is running, rows or analyses done of how many,
// and the time it has taken. Each bar disappears when its work is done;
// the step's log line, printed above the bars, stays. Its methods are
// called from the run's goroutine only (jobs.Progress); mpb draws from its
// own, which reads only now.
type termProgress struct {
	p     *mpb.Progress
	out   io.Writer
	close sync.Once
	bar   *mpb.Bar
	now   atomic.Pointer[string] // Describe's text
}

// newTermProgress draws on w, which must be a terminal (or, in tests,
// forced with mpb.WithAutoRefresh).
func newTermProgress(w io.Writer, opts ...mpb.ContainerOption) *termProgress {
	opts = append([]mpb.ContainerOption{mpb.WithOutput(w), mpb.WithWidth(100), mpb.WithRefreshRate(200 * time.Millisecond)}, opts...)
	return &termProgress{p: mpb.New(opts...), out: w}
}

var _ jobs.Progress = (*termProgress)(nil)

// Start draws a new bar for what, of total units (0: unknown, counted only).
func (t *termProgress) Start(what string, total int64) {
	t.drop()
	t.Describe("")
	started := time.Now()
	t.bar = t.p.AddBar(total, mpb.BarRemoveOnComplete(),
		mpb.PrependDecorators(
			decor.Name(what, decor.WCSyncSpaceR),
			decor.Any(func(decor.Statistics) string { return *t.now.Load() }, decor.WCSyncSpaceR),
		),
		mpb.AppendDecorators(
			decor.Any(func(s decor.Statistics) string {
				if s.Total <= 0 {
					return fmt.Sprintf("%d", s.Current)
				}
				return fmt.Sprintf("%d / %d (%d%%)", s.Current, s.Total, s.Current*100/s.Total)
			}, decor.WCSyncSpace),
			decor.Any(func(decor.Statistics) string { return time.Since(started).Round(time.Second).String() }, decor.WCSyncSpace),
		),
	)
}

// Describe shows what the work is doing now beside its name.
func (t *termProgress) Describe(now string) { t.now.Store(&now) }

// Add counts n more units on the bar.
func (t *termProgress) Add(n int64) {
	if t.bar != nil {
		t.bar.IncrInt64(n)
	}
}

// SetTotal changes the bar's total.
func (t *termProgress) SetTotal(total int64) {
	if t.bar != nil {
		t.bar.SetTotal(total, false)
	}
}

// Done completes and removes the bar.
func (t *termProgress) Done() {
	if t.bar != nil {
		t.bar.SetTotal(-1, true)
		t.bar = nil
	}
}

// drop removes a bar whose work never said Done.
func (t *termProgress) drop() {
	if t.bar != nil {
		t.bar.Abort(true)
		t.bar = nil
	}
}

// Write prints p above the bars (the log goes through it), or straight to
// the terminal once the bars are closed.
func (t *termProgress) Write(p []byte) (int, error) {
	n, err := t.p.Write(p)
	var done mpb.ErrDone[*mpb.Progress]
	if errors.As(err, &done) {
		return t.out.Write(p)
	}
	return n, err
}

// Close removes any bar left and stops drawing; later calls do nothing.
func (t *termProgress) Close() {
	t.close.Do(func() {
		t.drop()
		t.flush()
		t.p.Wait()
	})
}

// flush waits, at most 5 s, for mpb to draw a frame: mpb prints the log
// lines written through Write only as it draws, and draws no last frame
// when it stops, so the last lines of a run would be lost. A bar that is
// drawn once and removed forces that frame.
func (t *termProgress) flush() {
	drawn := make(chan struct{})
	var once sync.Once
	bar := t.p.AddBar(1, mpb.BarRemoveOnComplete(), mpb.PrependDecorators(decor.Any(func(decor.Statistics) string {
		once.Do(func() { close(drawn) })
		return ""
	})))
	select {
	case <-drawn:
	case <-time.After(5 * time.Second):
	}
	bar.SetTotal(-1, true)
}

// runOutput returns the logger and the progress of a run writing to w: at
// a terminal, the short log lines printed above live bars; otherwise (cron,
// systemd, a container) the structured log lines alone, one per step, and
// a nil Progress. close ends the bars.
func runOutput(w io.Writer) (log *slog.Logger, progress jobs.Progress, close func()) {
	if !isTerminal(w) {
		return newLogger(w), nil, func() {}
	}
	t := newTermProgress(w)
	return terminalLogger(t), t, t.Close
}
