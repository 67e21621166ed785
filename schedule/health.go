package schedule

import (
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"sort"
	"sync"
	"time"

	"github.com/jonboulle/clockwork"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/custseg/custseg/jobs"
)

// Run results as counted in custseg_runs_total.
const (
	ResultOK      = "ok"
	ResultFailed  = "failed"
	ResultSkipped = "skipped" // another scheduler ran the fire or held the lock all its window
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
	// Status is "ok", "failing" (a job's last run failed, or a run is
	// still going past its timeout and the grace period) or "stopped".
	Status string      `json:"status"`
	Reason string      `json:"reason,omitempty"`
	Jobs   []JobHealth `json:"jobs"`
}

// observer keeps the metrics and each job's last result.
type observer struct {
	reg              *prometheus.Registry
	runs             *prometheus.CounterVec
	lastSuccessGauge *prometheus.GaugeVec
	duration         *prometheus.HistogramVec
	queryRows        *prometheus.GaugeVec
	clock            clockwork.Clock

	mu          sync.Mutex
	jobs        map[string]*JobHealth
	order       []string             // job names, as configured
	lastSuccess map[string]time.Time // when each job's last successful run finished
}

// lastSuccessAgeDesc is custseg_last_success_age_seconds.
var lastSuccessAgeDesc = prometheus.NewDesc("custseg_last_success_age_seconds",
	"Seconds since the job's last successful run finished, at the time of the scrape (absent until the job "+
		"has succeeded once, here or in the run history read at start). Alert on it to catch a silent schedule.",
	[]string{"job"}, nil)

// Describe and Collect make the observer the collector of
// custseg_last_success_age_seconds, computed when scraped.
func (o *observer) Describe(ch chan<- *prometheus.Desc) { ch <- lastSuccessAgeDesc }

// Collect sends the age of each job's last success; a job that never
// succeeded has no sample.
func (o *observer) Collect(ch chan<- prometheus.Metric) {
	now := o.clock.Now()
	o.mu.Lock()
	defer o.mu.Unlock()
	for _, j := range o.order {
		if t, ok := o.lastSuccess[j]; ok {
			ch <- prometheus.MustNewConstMetric(lastSuccessAgeDesc, prometheus.GaugeValue, max(now.Sub(t).Seconds(), 0), j)
		}
	}
}

func newObserver(jobs []string, clock clockwork.Clock) *observer {
	o := &observer{
		clock:       clock,
		lastSuccess: map[string]time.Time{},
		order:       jobs,
		queryRows: prometheus.NewGaugeVec(prometheus.GaugeOpts{
			Name: "custseg_query_rows",
			Help: "Rows read by each query of the job's last run that got as far as reading.",
		}, []string{"job", "query"}),
		reg: prometheus.NewRegistry(),
		runs: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "custseg_runs_total",
			Help: "Scheduled runs by job and result (ok, failed, skipped).",
		}, []string{"job", "result"}),
		lastSuccessGauge: prometheus.NewGaugeVec(prometheus.GaugeOpts{
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
	o.reg.MustRegister(o.runs, o.lastSuccessGauge, o.duration, o.queryRows, o,
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
func (o *observer) seed(job string, runs []jobs.RunRecord) {
	o.mu.Lock()
	defer o.mu.Unlock()
	h := o.jobs[job]
	for _, r := range runs {
		if r.DryRun {
			continue
		}
		h.LastResult, h.LastError = string(r.Status), r.Error
		h.LastFinished = stamp(r.FinishedAt)
		h.LastScheduled = ""
		if r.ScheduledAt != nil {
			h.LastScheduled = stamp(*r.ScheduledAt)
		}
		if r.Status == jobs.RunOK {
			h.LastSuccess = stamp(r.FinishedAt)
			o.lastSuccessGauge.WithLabelValues(job).Set(float64(r.FinishedAt.UnixNano()) / 1e9)
			o.lastSuccess[job] = r.FinishedAt
		}
	}
}

func (o *observer) finished(job string, at, now time.Time, elapsed time.Duration, m *jobs.Manifest, err error) {
	o.duration.WithLabelValues(job).Observe(elapsed.Seconds())
	if m != nil && m.QueryRows != nil {
		o.queryRows.DeletePartialMatch(prometheus.Labels{"job": job})
		for q, n := range m.QueryRows {
			o.queryRows.WithLabelValues(job, q).Set(float64(n))
		}
	}
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
	o.lastSuccessGauge.WithLabelValues(job).Set(float64(now.UnixNano()) / 1e9)
	o.lastSuccess[job] = now
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

func hostname() string {
	h, _ := os.Hostname()
	return h
}

// Health reports whether the scheduler is running, the last run of each
// job succeeded (or none has run yet), and no run is still going past its
// timeout plus the grace period (schedule.grace_period).
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
	fail := func(reason string) {
		h.Status = "failing"
		if h.Reason != "" {
			h.Reason += "; "
		}
		h.Reason += reason
	}
	// A run's start and the stuck watchdog are on the scheduler's clock,
	// and so is how long a run has been going.
	s.mu.Lock()
	for _, j := range s.jobs {
		if r := s.running[j.name]; r != nil && (r.stuck || now.Sub(r.started) > r.timeout+s.grace) {
			fail(stuckMessage(j.name, r, now))
		}
	}
	s.mu.Unlock()
	for _, j := range h.Jobs {
		if j.LastResult == ResultFailed {
			fail(fmt.Sprintf("job %s: the last run (finished %s) failed: %s", j.Job, j.LastFinished, j.LastError))
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
