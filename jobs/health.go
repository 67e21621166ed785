package jobs

import (
	"encoding/json"
	"fmt"
	"net/http"
	"sort"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Run results as counted in custseg_runs_total.
const (
	ResultOK      = "ok"
	ResultFailed  = "failed"
	ResultSkipped = "skipped" // the lock was held elsewhere, or the previous run was still going
)

// JobHealth is what /healthz says about one job.
type JobHealth struct {
	Job string `json:"job"`
	// LastResult is "ok", "failed" or "" (no run yet).
	LastResult    string `json:"last_result"`
	LastScheduled string `json:"last_scheduled_at,omitempty"`
	LastFinished  string `json:"last_finished_at,omitempty"`
	LastSuccess   string `json:"last_success_at,omitempty"`
	LastError     string `json:"last_error,omitempty"`
	NextRun       string `json:"next_run_at,omitempty"`
}

// Health is the body of /healthz.
type Health struct {
	Status string      `json:"status"` // "ok", "failing" or "stopped"
	Reason string      `json:"reason,omitempty"`
	Jobs   []JobHealth `json:"jobs"`
}

// observer keeps the metrics and each job's last result.
type observer struct {
	reg         *prometheus.Registry
	runs        *prometheus.CounterVec
	lastSuccess *prometheus.GaugeVec
	duration    *prometheus.HistogramVec

	mu   sync.Mutex
	jobs map[string]*JobHealth
}

func newObserver(jobs []string) *observer {
	o := &observer{
		reg: prometheus.NewRegistry(),
		runs: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "custseg_runs_total",
			Help: "Scheduled runs by job and result (ok, failed, skipped).",
		}, []string{"job", "result"}),
		lastSuccess: prometheus.NewGaugeVec(prometheus.GaugeOpts{
			Name: "custseg_last_success_timestamp_seconds",
			Help: "When the job's last successful run finished (Unix time; from the run history at start).",
		}, []string{"job"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "custseg_run_duration_seconds",
			Help:    "How long scheduled runs took, failed ones included.",
			Buckets: []float64{1, 5, 15, 30, 60, 120, 300, 600, 1200, 1800, 3600, 7200},
		}, []string{"job"}),
		jobs: map[string]*JobHealth{},
	}
	o.reg.MustRegister(o.runs, o.lastSuccess, o.duration,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	for _, j := range jobs {
		for _, r := range []string{ResultOK, ResultFailed, ResultSkipped} {
			o.runs.WithLabelValues(j, r)
		}
		o.jobs[j] = &JobHealth{Job: j}
	}
	return o
}

// seed takes each job's last result from the run history, so that a
// restart does not forget a failure or the last success.
func (o *observer) seed(job string, runs []RunRecord) {
	o.mu.Lock()
	defer o.mu.Unlock()
	h := o.jobs[job]
	for _, r := range runs {
		if r.DryRun {
			continue
		}
		h.LastResult, h.LastError = r.Status, r.Error
		h.LastFinished = stamp(r.FinishedAt)
		h.LastScheduled = ""
		if r.ScheduledAt != nil {
			h.LastScheduled = stamp(*r.ScheduledAt)
		}
		if r.Status == "ok" {
			h.LastSuccess = stamp(r.FinishedAt)
			o.lastSuccess.WithLabelValues(job).Set(float64(r.FinishedAt.UnixNano()) / 1e9)
		}
	}
}

func (o *observer) finished(job string, at, now time.Time, elapsed time.Duration, err error) {
	o.duration.WithLabelValues(job).Observe(elapsed.Seconds())
	o.mu.Lock()
	defer o.mu.Unlock()
	h := o.jobs[job]
	h.LastScheduled, h.LastFinished = stamp(at), stamp(now)
	if err != nil {
		o.runs.WithLabelValues(job, ResultFailed).Inc()
		h.LastResult, h.LastError = ResultFailed, err.Error()
		return
	}
	o.runs.WithLabelValues(job, ResultOK).Inc()
	o.lastSuccess.WithLabelValues(job).Set(float64(now.UnixNano()) / 1e9)
	h.LastResult, h.LastError, h.LastSuccess = ResultOK, "", stamp(now)
}

func (o *observer) skipped(job string) { o.runs.WithLabelValues(job, ResultSkipped).Inc() }

// lockFailed counts a fire that could not ask the database for its lock
// as failed: the job did not run.
func (o *observer) lockFailed(job string, at, now time.Time, err error) {
	o.runs.WithLabelValues(job, ResultFailed).Inc()
	o.mu.Lock()
	defer o.mu.Unlock()
	h := o.jobs[job]
	h.LastScheduled, h.LastFinished = stamp(at), stamp(now)
	h.LastResult, h.LastError = ResultFailed, err.Error()
}

func stamp(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

// Health reports whether the scheduler is running and the last run of each
// job succeeded (or none has run yet).
func (s *Scheduler) Health() Health {
	now := s.clock.Now()
	h := Health{Status: "ok"}
	s.obs.mu.Lock()
	for _, j := range s.jobs {
		jh := *s.obs.jobs[j.name]
		jh.NextRun = stamp(j.next(now))
		h.Jobs = append(h.Jobs, jh)
	}
	s.obs.mu.Unlock()
	sort.Slice(h.Jobs, func(a, b int) bool { return h.Jobs[a].Job < h.Jobs[b].Job })
	switch s.currentState() {
	case stateNew, stateStopped:
		h.Status, h.Reason = "stopped", "the scheduler is not running"
		return h
	case stateStopping:
		h.Status, h.Reason = "stopped", "the scheduler is stopping"
		return h
	}
	for _, j := range h.Jobs {
		if j.LastResult == ResultFailed {
			h.Status = "failing"
			if h.Reason != "" {
				h.Reason += "; "
			}
			h.Reason += fmt.Sprintf("job %s: the last run (finished %s) failed: %s", j.Job, j.LastFinished, j.LastError)
		}
	}
	return h
}

// Handler serves /healthz (200 when Health is ok, 503 otherwise, JSON
// either way) and /metrics (Prometheus text, the scheduler's own registry).
func (s *Scheduler) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/healthz", func(w http.ResponseWriter, r *http.Request) {
		h := s.Health()
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Cache-Control", "no-store")
		if h.Status != "ok" {
			w.WriteHeader(http.StatusServiceUnavailable)
		}
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		_ = enc.Encode(h)
	})
	mux.Handle("/metrics", promhttp.HandlerFor(s.obs.reg, promhttp.HandlerOpts{}))
	return mux
}
