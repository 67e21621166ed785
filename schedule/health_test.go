package schedule

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jonboulle/clockwork"

	"github.com/custseg/custseg/config"
	"github.com/custseg/custseg/internal/smtptest"
	"github.com/custseg/custseg/jobs"
)

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(b)
}

func TestHealthAndMetrics(t *testing.T) {
	clock := clockwork.NewFakeClockAt(time.Date(2026, 11, 23, 10, 0, 30, 0, time.UTC))
	cfg := schedConfig(t, config.Job{Name: "minutely", Cron: "* * * * *"})
	cfg.Schedule.Listen = "127.0.0.1:0"
	var fail atomic.Bool
	rec := newRecorder(func(ctx context.Context, job string, at time.Time) error {
		if fail.Load() {
			return errors.New("extract: database unreachable")
		}
		return nil
	})
	s, err := New(cfg, rec.run, Options{Clock: clock})
	if err != nil {
		t.Fatal(err)
	}

	// Not started: 503.
	w := httptest.NewRecorder()
	s.Handler().ServeHTTP(w, httptest.NewRequest("GET", "/healthz", nil))
	if w.Code != http.StatusServiceUnavailable || !strings.Contains(w.Body.String(), "not running") {
		t.Errorf("before start: %d %s", w.Code, w.Body)
	}

	if err := s.Start(); err != nil {
		t.Fatal(err)
	}
	base := "http://" + s.Addr()

	// Running, nothing due yet: 200.
	code, body := get(t, base+"/healthz")
	var h Health
	if err := json.Unmarshal([]byte(body), &h); err != nil {
		t.Fatalf("healthz is not JSON: %v\n%s", err, body)
	}
	if code != http.StatusOK || h.Status != "ok" || len(h.Jobs) != 1 || h.Jobs[0].NextRun != "2026-11-23T10:01:00Z" {
		t.Errorf("healthz before any run: %d %s", code, body)
	}

	// A successful run: still 200.
	waiters(t, clock, 1)
	clock.Advance(30 * time.Second)
	rec.next(t)
	waitFor(t, "the run to be counted", func() bool { return runsCounter(s, "minutely", ResultOK) == 1 })
	if code, body := get(t, base+"/healthz"); code != http.StatusOK || !strings.Contains(body, `"last_result": "ok"`) {
		t.Errorf("healthz after a good run: %d %s", code, body)
	}

	// A failed run: 503 with the reason.
	fail.Store(true)
	idle(t, s)
	waiters(t, clock, 1)
	clock.Advance(time.Minute)
	rec.next(t)
	waitFor(t, "the failure to be counted", func() bool { return runsCounter(s, "minutely", ResultFailed) == 1 })
	code, body = get(t, base+"/healthz")
	if code != http.StatusServiceUnavailable || !strings.Contains(body, `"status": "failing"`) ||
		!strings.Contains(body, "database unreachable") {
		t.Errorf("healthz after a failed run: %d %s", code, body)
	}

	code, body = get(t, base+"/metrics")
	for _, want := range []string{
		`custseg_runs_total{job="minutely",result="ok"} 1`,
		`custseg_runs_total{job="minutely",result="failed"} 1`,
		`custseg_runs_total{job="minutely",result="skipped"} 0`,
		`custseg_last_success_timestamp_seconds{job="minutely"} ` +
			strconv.FormatFloat(float64(time.Date(2026, 11, 23, 10, 1, 0, 0, time.UTC).Unix()), 'g', -1, 64),
		`custseg_run_duration_seconds_count{job="minutely"} 2`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("metrics lack %s", want)
		}
	}
	if code != http.StatusOK {
		t.Errorf("metrics: %d", code)
	}

	// A good run clears the failure.
	fail.Store(false)
	idle(t, s)
	waiters(t, clock, 1)
	clock.Advance(time.Minute)
	rec.next(t)
	waitFor(t, "the run to be counted", func() bool { return runsCounter(s, "minutely", ResultOK) == 2 })
	if code, body := get(t, base+"/healthz"); code != http.StatusOK {
		t.Errorf("healthz after recovery: %d %s", code, body)
	}

	// The server stops with the scheduler.
	if err := s.Stop(context.Background()); err != nil {
		t.Fatal(err)
	}
	if _, err := http.Get(base + "/healthz"); err == nil {
		t.Error("health server still answers after Stop")
	}
}

// A failure in the run history before a restart is still reported.
func TestHealthFromHistory(t *testing.T) {
	clock := clockwork.NewFakeClockAt(time.Date(2026, 11, 23, 10, 0, 30, 0, time.UTC))
	cfg := schedConfig(t, config.Job{Name: "daily", Cron: "0 6 * * *"}, config.Job{Name: "weekly", Cron: "0 7 * * MON"})
	ok := time.Date(2026, 11, 22, 6, 0, 0, 0, time.UTC)
	for _, r := range []jobs.RunRecord{
		{Job: "daily", StartedAt: ok, FinishedAt: ok.Add(time.Minute), Status: "ok"},
		{Job: "daily", StartedAt: ok.AddDate(0, 0, 1), FinishedAt: ok.AddDate(0, 0, 1).Add(time.Minute), Status: "failed", Error: "smtp: 535 authentication failed"},
	} {
		if err := jobs.AppendRun(cfg.Outputs.Dir, r); err != nil {
			t.Fatal(err)
		}
	}
	s := startScheduler(t, cfg, clock, newRecorder(nil).run, Options{})
	h := s.Health()
	if h.Status != "failing" || !strings.Contains(h.Reason, "job daily") || !strings.Contains(h.Reason, "535") {
		t.Errorf("health %+v", h)
	}
	if h.Jobs[0].LastSuccess != "2026-11-22T06:01:00Z" || h.Jobs[1].LastResult != "" {
		t.Errorf("jobs %+v", h.Jobs)
	}
}

// A run that goes on past its timeout (it ignores its context) and the
// grace period turns /healthz unhealthy, naming the job and since when,
// and one alert goes out; not a second before.
func TestHealthStuckRun(t *testing.T) {
	srv := smtptest.Start(t)
	clock := clockwork.NewFakeClockAt(time.Date(2026, 11, 23, 9, 59, 30, 0, time.UTC))
	cfg := schedConfig(t, config.Job{Name: "hourly", Cron: "0 * * * *", Timeout: 20 * time.Minute})
	cfg.Schedule.GracePeriod = 5 * time.Minute
	alertConfig(cfg, srv)
	release := make(chan struct{})
	rec := newRecorder(func(ctx context.Context, job string, at time.Time) error {
		<-release // a driver call that never returns
		return context.DeadlineExceeded
	})
	cfg.Schedule.Listen = "127.0.0.1:0"
	s := startScheduler(t, cfg, clock, rec.run, Options{})
	released := false
	defer func() {
		if !released {
			close(release)
		}
	}()
	healthz := func() (int, string) { return get(t, "http://"+s.Addr()+"/healthz") }
	waiters(t, clock, 1)
	clock.Advance(30 * time.Second) // 10:00
	rec.next(t)
	waiters(t, clock, 2) // the 11:00 fire and the run's watchdog

	// A second short of the timeout and the grace period: healthy.
	clock.Advance(25*time.Minute - time.Second)
	if !timersNow(clock, 2) {
		t.Fatal("the watchdog expired before the timeout and the grace period were over")
	}
	if code, body := healthz(); code != http.StatusOK {
		t.Errorf("healthz 24m59s into a run with a timeout of 20m and a grace period of 5m: %d\n%s", code, body)
	}
	if n := len(srv.Messages()); n != 0 {
		t.Errorf("%d alerts before the run was stuck", n)
	}

	// Then the watchdog marks it stuck and alerts.
	clock.Advance(time.Second) // 10:25
	var body string
	waitFor(t, "/healthz to report the stuck run", func() bool {
		var code int
		code, body = healthz()
		return code == http.StatusServiceUnavailable
	})
	want := "job hourly: the run of the fire at 2026-11-23T10:00:00Z, started 2026-11-23T10:00:00Z, " +
		"is still going 5m0s after its timeout of 20m0s"
	if !strings.Contains(body, want) {
		t.Errorf("healthz does not say %q:\n%s", want, body)
	}
	waitFor(t, "the alert", func() bool { return len(srv.Messages()) >= 1 })
	// Ten more minutes, then the run ends at last: by then a second
	// alert, from the stuck run or its end, would have been sent.
	clock.Advance(10 * time.Minute)
	close(release)
	released = true
	waitFor(t, "the stuck run to end", func() bool { return runsCounter(s, "hourly", ResultFailed) == 1 })
	msgs := srv.Messages()
	if len(msgs) != 1 || !strings.Contains(msgs[0].Header().Get("Subject"), "step timeout") ||
		!strings.Contains(plainText(t, msgs[0].Data), want) {
		t.Errorf("%d alerts; want one about the stuck run, saying %q", len(msgs), want)
	}
	if code, body := healthz(); code != http.StatusServiceUnavailable || strings.Contains(body, "still going") ||
		!strings.Contains(body, "deadline exceeded") {
		t.Errorf("healthz after the stuck run ended: %d, want 503 for its failure, no longer stuck:\n%s", code, body)
	}
	// It took 35 minutes of the scheduler's clock.
	if _, body := get(t, "http://"+s.Addr()+"/metrics"); !strings.Contains(body, `custseg_run_duration_seconds_sum{job="hourly"} 2100`) {
		t.Errorf("metrics lack the run's duration of 2100 s")
	}
}

// /metrics has the age of each job's last success, computed when scraped
// (absent before any), and the rows each query of the last run read.
func TestMetricsLastSuccessAgeAndQueryRows(t *testing.T) {
	clock := clockwork.NewFakeClockAt(time.Date(2026, 11, 23, 9, 59, 30, 0, time.UTC))
	cfg := schedConfig(t, config.Job{Name: "twice", Cron: "0,1 10 * * *"}, config.Job{Name: "weekly", Cron: "0 7 * * MON"})
	cfg.Schedule.Listen = "127.0.0.1:0"
	var n atomic.Int64
	run := func(ctx context.Context, job string, at time.Time) (*jobs.Manifest, error) {
		k := n.Add(1)
		return &jobs.Manifest{RunID: "r", QueryRows: map[string]int64{"customers.sql": 100 * k, "orders.sql": 1000 * k}}, nil
	}
	s := startScheduler(t, cfg, clock, run, Options{})
	base := "http://" + s.Addr()
	if _, body := get(t, base+"/metrics"); strings.Contains(body, "custseg_last_success_age_seconds{") ||
		strings.Contains(body, "custseg_query_rows{") {
		t.Errorf("series before any run:\n%s", body)
	}
	waiters(t, clock, 2)
	clock.Advance(30 * time.Second) // 10:00
	waitFor(t, "the run", func() bool { return runsCounter(s, "twice", ResultOK) == 1 })
	idle(t, s)
	waiters(t, clock, 2)
	clock.Advance(time.Minute) // 10:01
	waitFor(t, "the second run", func() bool { return runsCounter(s, "twice", ResultOK) == 2 })
	// Scraped 90 s after the last success, with no run in between.
	clock.Advance(90 * time.Second)
	_, body := get(t, base+"/metrics")
	for _, want := range []string{
		`custseg_last_success_age_seconds{job="twice"} 90`,
		`custseg_query_rows{job="twice",query="customers.sql"} 200`,
		`custseg_query_rows{job="twice",query="orders.sql"} 2000`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("metrics lack %s", want)
		}
	}
	if strings.Contains(body, `custseg_last_success_age_seconds{job="weekly"}`) {
		t.Error("a job that never succeeded has an age")
	}
}

// plainText returns the decoded text/plain body of a raw message.
func plainText(t *testing.T, raw []byte) string {
	t.Helper()
	text, err := smtptest.PlainText(raw)
	if err != nil {
		t.Fatal(err)
	}
	return text
}
