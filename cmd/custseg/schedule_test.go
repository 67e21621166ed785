package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jonboulle/clockwork"

	"github.com/custseg/custseg/config"
	"github.com/custseg/custseg/jobs"
	"github.com/custseg/custseg/ledger"
	"github.com/custseg/custseg/schedule"
)

// syncBuffer is a bytes.Buffer safe to read while a command writes to it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// startSchedule runs `custseg schedule args` in the background on the
// fake clock; cancel stops it like SIGTERM, and wait returns its exit
// code.
func startSchedule(t *testing.T, env map[string]string, clock *clockwork.FakeClock, args ...string) (stderr *syncBuffer, cancel func(), wait func() int) {
	t.Helper()
	if clock == nil {
		t.Fatal("startSchedule: no clock")
	}
	stderr = &syncBuffer{}
	m := NewMain(&syncBuffer{}, stderr)
	m.Getenv = func(k string) string { return env[k] }
	m.clock = clock
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int, 1)
	go func() { done <- m.Run(ctx, append([]string{"schedule"}, args...)) }()
	t.Cleanup(cancel)
	wait = func() int {
		select {
		case code := <-done:
			return code
		case <-time.After(60 * time.Second):
			t.Fatalf("schedule did not stop\n%s", stderr)
		}
		return -1
	}
	return stderr, cancel, wait
}

// waitUntil asks cond every poll until it holds, and reports false after
// limit (wall time: a bound for a loaded machine, never a measure).
func waitUntil(limit, poll time.Duration, cond func() bool) bool {
	deadline := time.NewTimer(limit)
	defer deadline.Stop()
	tick := time.NewTicker(poll)
	defer tick.Stop()
	for !cond() {
		select {
		case <-deadline.C:
			return false
		case <-tick.C:
		}
	}
	return true
}

// waitForText waits for re to match what buf holds, and returns the match.
func waitForText(t *testing.T, buf *syncBuffer, re *regexp.Regexp) []string {
	t.Helper()
	var m []string
	if !waitUntil(time.Minute, 10*time.Millisecond, func() bool { m = re.FindStringSubmatch(buf.String()); return m != nil }) {
		t.Fatalf("no %s in:\n%s", re, buf)
	}
	return m
}

func TestScheduleCommandServesHealthAndStops(t *testing.T) {
	dir := t.TempDir()
	cfgPath := filepath.Join(dir, "custseg.yaml")
	os.WriteFile(cfgPath, []byte(`outputs:
  dir: out
jobs:
  - name: weekly
    cron: "0 7 * * MON"
    time_zone: Asia/Shanghai
    timeout: 1h
schedule:
  lock: false
  grace_period: 1s
`), 0o644)
	// Monday 2026-11-23 06:50 in Shanghai.
	clock := clockwork.NewFakeClockAt(time.Date(2026, 11, 22, 22, 50, 0, 0, time.UTC))
	stderr, cancel, wait := startSchedule(t, nil, clock, "--config", cfgPath, "--listen", "127.0.0.1:0")
	addr := waitForText(t, stderr, regexp.MustCompile(`serving /healthz and /metrics" addr=(\S+)`))[1]
	waitForText(t, stderr, regexp.MustCompile(`scheduler started`))

	resp, err := http.Get("http://" + addr + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	var h schedule.Health
	json.NewDecoder(resp.Body).Decode(&h)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || h.Status != "ok" || len(h.Jobs) != 1 || h.Jobs[0].Job != "weekly" ||
		h.Jobs[0].NextRun != "2026-11-22T23:00:00Z" {
		t.Errorf("healthz: %d %+v, want ok and the next run at 07:00 in Shanghai (2026-11-22T23:00:00Z)", resp.StatusCode, h)
	}
	if !strings.Contains(stderr.String(), `cron="CRON_TZ=Asia/Shanghai 0 7 * * MON" next_run=2026-11-23T07:00:00+08:00`) {
		t.Errorf("the job's schedule is not logged:\n%s", stderr)
	}

	cancel() // SIGTERM
	if code := wait(); code != exitOK {
		t.Errorf("exit code %d after SIGTERM, want 0\n%s", code, stderr)
	}
	if !strings.Contains(stderr.String(), "scheduler stopped") {
		t.Errorf("no stop logged:\n%s", stderr)
	}
}

// The production run function end to end, on a fake clock: on start the
// scheduler catches up the missed fire with a whole run against the
// database, through the MySQL lock, as of the day before the fire in the
// job's zone; the next cron fire, a minute later, runs the same way; each
// is recorded with its fire time, in the ledger too, and history shows
// them.
func TestScheduleCommandCatchUpRun(t *testing.T) {
	dsn, cfgPath, dir := smallShop(t)
	os.WriteFile(cfgPath, []byte(`queries:
  dir: queries
outputs:
  dir: out
jobs:
  - name: minutely
    cron: "* * * * *"
    time_zone: Asia/Shanghai
    timeout: 5m
    catch_up: true
delivery:
  shared_folder: shared
schedule:
  lock: true
  grace_period: 1m
`), 0o644)
	shanghai, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		t.Fatal(err)
	}
	// 2026-10-01 06:30:30 in Shanghai: the 06:30 fire was missed; its
	// as-of date, yesterday, is the fixture's 2026-09-30.
	catchUp := time.Date(2026, 10, 1, 6, 30, 0, 0, shanghai)
	clock := clockwork.NewFakeClockAt(catchUp.Add(30 * time.Second))
	env := map[string]string{"CUSTSEG_DSN": dsn}
	stderr, cancel, wait := startSchedule(t, env, clock, "--config", cfgPath)
	waitForText(t, stderr, regexp.MustCompile(`scheduler started`)) // the cron fires are set
	var runs []jobs.RunRecord
	ran := func(n int) func() bool {
		return func() bool {
			runs, _ = jobs.ReadRuns(filepath.Join(dir, "out"), "minutely")
			return len(runs) >= n
		}
	}
	if !waitUntil(time.Minute, 50*time.Millisecond, ran(1)) {
		t.Fatalf("no catch-up run recorded\n%s", stderr)
	}
	clock.Advance(30 * time.Second) // 06:31
	ok := waitUntil(time.Minute, 50*time.Millisecond, ran(2))
	cancel()
	if code := wait(); code != exitOK {
		t.Errorf("exit code %d, want 0\n%s", code, stderr)
	}
	if !ok {
		t.Fatalf("the 06:31 fire did not run: %d runs recorded\n%s", len(runs), stderr)
	}
	if len(runs) != 2 {
		t.Errorf("%d runs, want 2\n%s", len(runs), stderr)
	}
	for i, want := range []time.Time{catchUp, catchUp.Add(time.Minute)} {
		r := runs[i]
		if r.Status != "ok" || r.ScheduledAt == nil || !r.ScheduledAt.Equal(want) || r.AsOf != "2026-09-30" || len(r.Outputs) == 0 {
			t.Errorf("run %d: %+v, want ok for the fire at %s, as of 2026-09-30\n%s", i+1, r, want, stderr)
		}
	}
	if !strings.Contains(stderr.String(), "catching up a missed fire") {
		t.Errorf("no catch-up logged:\n%s", stderr)
	}
	// The fires are in the ledger the replicas share (beside the shared
	// folder).
	cfg, err := config.Load(cfgPath)
	if err != nil {
		t.Fatal(err)
	}
	ldg, err := ledger.Open(context.Background(), cfg, filepath.Join(dir, "out"))
	if err != nil {
		t.Fatal(err)
	}
	defer ldg.Close()
	if !ldg.Shared() {
		t.Errorf("ledger %s is not shared", ldg)
	}
	for _, r := range runs {
		if ran, err := ldg.FireRun(context.Background(), "minutely", *r.ScheduledAt); err != nil || !ran {
			t.Errorf("the fire %s is not in the ledger %s: %v %v", r.ScheduledAt, ldg, ran, err)
		}
	}

	code, out, errOut := run(t, nil, "history", "--config", cfgPath)
	if code != 0 || !strings.Contains(out, runs[0].RunID) || !strings.Contains(out, runs[1].RunID) || !strings.Contains(out, "minutely") {
		t.Errorf("history: code %d\n%s%s", code, out, errOut)
	}
}

// With the lock on, a ledger that other schedulers cannot see is refused
// at start, with what to do; exit 2 (configuration).
func TestScheduleCommandLockNeedsSharedLedger(t *testing.T) {
	dir := t.TempDir()
	cfgPath := filepath.Join(dir, "custseg.yaml")
	os.WriteFile(cfgPath, []byte("outputs:\n  dir: out\nschedule:\n  lock: true\n"), 0o644)
	code, _, errOut := run(t, nil, "schedule", "--config", cfgPath)
	if code != exitUsage || !strings.Contains(errOut, "schedule.lock is on") || !strings.Contains(errOut, "delivery.shared_folder") {
		t.Errorf("code %d, stderr %q; want 2 and what to do", code, errOut)
	}
}

func TestScheduleCommandMistakes(t *testing.T) {
	dir := t.TempDir()
	cfgPath := filepath.Join(dir, "custseg.yaml")
	os.WriteFile(cfgPath, []byte("outputs:\n  dir: out\nschedule:\n  lock: false\n"), 0o644)
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"schedule"}, exitUsage, "--config is required"},
		{[]string{"schedule", "--config", cfgPath, "extra"}, exitUsage, `unexpected argument "extra"`},
		{[]string{"schedule", "--config", cfgPath, "--listen", "256.0.0.1:99999"}, exitFailed, "schedule.listen"},
	} {
		code, _, errOut := run(t, nil, tc.args...)
		if code != tc.code || !strings.Contains(errOut, tc.want) {
			t.Errorf("%v: code %d, stderr %q; want %d and %q", tc.args, code, errOut, tc.code, tc.want)
		}
	}
	code, out, _ := run(t, nil, "schedule", "-h")
	if code != exitOK || !strings.Contains(out, "Usage: custseg schedule") || !strings.Contains(out, "-listen") {
		t.Errorf("schedule -h: %d %q", code, out)
	}
}
