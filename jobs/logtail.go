package jobs

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"sync"
)

// logTail is a slog handler that keeps the last lines a run logged, for
// the failure alert, and passes every record on to next.
type logTail struct {
	next  slog.Handler
	state *tailState
	text  slog.Handler
}

type tailState struct {
	mu    sync.Mutex
	buf   bytes.Buffer
	lines []string
	max   int
}

// newLogTail wraps next, keeping the last max lines.
func newLogTail(next slog.Handler, max int) *logTail {
	st := &tailState{max: max}
	return &logTail{next: next, state: st, text: slog.NewTextHandler(&st.buf, nil)}
}

func (h *logTail) Enabled(ctx context.Context, l slog.Level) bool {
	return l >= slog.LevelInfo || h.next.Enabled(ctx, l)
}

func (h *logTail) Handle(ctx context.Context, r slog.Record) error {
	h.state.mu.Lock()
	h.state.buf.Reset()
	h.text.Handle(ctx, r)
	h.state.lines = append(h.state.lines, strings.TrimRight(h.state.buf.String(), "\n"))
	if len(h.state.lines) > h.state.max {
		h.state.lines = h.state.lines[len(h.state.lines)-h.state.max:]
	}
	h.state.mu.Unlock()
	if h.next.Enabled(ctx, r.Level) {
		return h.next.Handle(ctx, r)
	}
	return nil
}

func (h *logTail) WithAttrs(attrs []slog.Attr) slog.Handler {
	return &logTail{next: h.next.WithAttrs(attrs), state: h.state, text: h.text.WithAttrs(attrs)}
}

func (h *logTail) WithGroup(name string) slog.Handler {
	return &logTail{next: h.next.WithGroup(name), state: h.state, text: h.text.WithGroup(name)}
}

// Lines returns the kept lines, oldest first.
func (h *logTail) Lines() []string {
	h.state.mu.Lock()
	defer h.state.mu.Unlock()
	return append([]string(nil), h.state.lines...)
}
