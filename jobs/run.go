package jobs

import (
	"bufio"
	"cmp"
	"context"
	"crypto/rand"
	"encoding/hex"
	"io"
	"log/slog"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/custseg/custseg/analysis"
	"github.com/custseg/custseg/config"
	"github.com/custseg/custseg/internal/heapbudget"
	"github.com/custseg/custseg/internal/version"
	"github.com/custseg/custseg/queries"
	"github.com/custseg/custseg/reports"
	htmlreport "github.com/custseg/custseg/reports/html"
	"github.com/custseg/custseg/reports/workbook"
)

// Options are the inputs of one run besides the config.
type Options struct {
	Job        string    // job name; "" runs the first job
	AsOf       time.Time // the as-of date; zero applies the job's as-of rule
	OutDir     string    // replaces outputs.dir when not empty
	QueriesDir string    // replaces queries.dir when not empty
	// Queries, when not nil, replaces both folders (the demo's built-in SQL).
	Queries *queries.Source
	DSN     string // replaces the database section (CUSTSEG_DSN)
	DryRun  bool   // do everything but deliver
	Locale  string // replaces outputs.locale when not empty
	// ScheduledAt is the cron fire time of a scheduled run (nil for `run`).
	ScheduledAt *time.Time
	Now         func() time.Time
	Logger      *slog.Logger
	// AfterStep, when not nil, is called as each step of the run ends
	// (extract, analyse, workbook, html, ...): `custseg run --heap-profile`
	// writes a heap profile there.
	AfterStep func(step Step)
	// Progress, when not nil, shows the extract, the analyses and the
	// workbook as they go (a terminal); the log lines stay as they are.
	Progress Progress
	// AsOfSource says what decided AsOf, for the manifest's as_of_source
	// ("demo week 3 of 4"); "" lets the run say: the flag, or the as-of
	// rule at the scheduled fire or at the run's start.
	AsOfSource string
}

// Output file names inside a run folder.
const (
	ManifestFile = "manifest.json"
)

// WorkbookFile and ReportFile name a run's workbook and HTML report.
func WorkbookFile(asOf string) string { return "customer-segments-" + asOf + ".xlsx" }

// CustomerListFile names a run's customer list as gzip-compressed CSV.
func CustomerListFile(asOf string) string { return "customers-" + asOf + ".csv.gz" }

// ReportFile names a run's HTML report.
func ReportFile(asOf string) string { return "customer-report-" + asOf + ".html" }

// Run performs one run of a job and returns its manifest. On failure it
// returns a *StepError and leaves nothing in the output folder.
func Run(ctx context.Context, cfg *config.Config, opts Options) (*Manifest, error) {
	r, err := newRun(cfg, opts)
	if err == nil {
		err = r.produce(ctx)
	}
	if err != nil {
		return nil, err
	}
	return r.m, nil
}

// run is one run of a job. newRun resolves everything the run needs from
// the config and the options once (the job, its folders, the queries, the
// window, the rules, the locale, the logger); the steps are methods, called
// in order, each leaving its outputs in the run for the next: extract,
// analyse, render and publish (produce), then deliver, write back and
// record (Execute).
type run struct {
	cfg  *config.Config
	opts Options
	now  func() time.Time
	log  *slog.Logger
	// start is when the run began, by the wall clock.
	start time.Time

	// Resolved once from the config and the options.
	job       config.Job // the zero Job when the config has no such job
	outDir    string     // the output folder: run folders, the run history, the ledger
	jobDir    string     // outDir/<job>: the job's run folders
	sharedDir string     // the shared folder, resolved ("" when none)
	readers   string     // where readers find the run's files (runFolderForReaders)
	src       queries.Source
	win       queries.Window
	params    analysis.Params
	rules     queries.Rules
	locale    string
	modes     Modes
	// delivers: after publishing, the run is delivered (Execute, not a
	// dry run), so the manifest is written after delivery, complete.
	delivers bool

	// What the steps produce.
	m       *Manifest          // nil until the job and its as-of date are known
	prev    *analysis.Snapshot // the previous run's, nil on a first run
	history []reports.HistoryPoint
	// warnings are the run's warnings so far, for the reports (the
	// manifest keeps their English texts).
	warnings []analysis.Warning
	ex       *queries.Extracted
	ds       *analysis.Dataset
	res      *analysis.Result
	in       *reports.Input
	emails   map[string]emailBody // by config.Audience.Gets, when the run delivers email
	st       *staging             // the run folder being written
	shared   string               // the run's folder in the shared folder, once published
	// releaseMemory gives back the run's memory claim (heapbudget) when
	// it ends.
	releaseMemory func()
}

// newRun resolves a run of opts.Job. It always returns the run, as far as
// it got: on a config error the record of a failed run still needs its
// output folder and, when known, its job and manifest.
func newRun(cfg *config.Config, opts Options) (*run, error) {
	r := &run{cfg: cfg, opts: opts, now: time.Now, start: time.Now(), modes: modesOf(cfg),
		outDir: cfg.Resolve(cfg.Outputs.Dir), locale: cfg.Outputs.Locale, rules: extractRules(cfg), params: cfg.Params()}
	if opts.Now != nil {
		r.now = opts.Now
	}
	if opts.OutDir != "" {
		r.outDir = opts.OutDir
	}
	if opts.Locale != "" {
		r.locale = opts.Locale
	}
	if cfg.Delivery.SharedFolder != "" {
		r.sharedDir = cfg.Resolve(cfg.Delivery.SharedFolder)
	}
	job, err := cfg.Job(opts.Job)
	if err != nil {
		return r, &StepError{StepConfig, err}
	}
	r.job, r.jobDir = job, filepath.Join(r.outDir, job.Name)
	if err := r.resolveWindow(); err != nil {
		return r, &StepError{StepConfig, err}
	}
	r.readers = runFolderForReaders(cfg, job.Name, r.m.AsOf)
	if r.src, err = source(cfg, opts); err != nil {
		return r, &StepError{StepConfig, err}
	}
	r.m.Parameters = parameters(cfg, job, r.params, r.src)
	// The names the reports use, so tools reading the manifest show the same.
	r.m.Labels = reports.Names(r.params.RFM.Segments, r.locale).GroupLabels
	return r, nil
}

// resolveWindow decides the as-of date and the window, and starts the
// manifest and the run's logger.
func (r *run) resolveWindow() error {
	jobLoc, _ := time.LoadLocation(r.job.TimeZone)
	asOfDay := r.opts.AsOf
	if asOfDay.IsZero() {
		var err error
		if asOfDay, err = AsOfDate(r.cfg.Analysis.AsOf, r.now(), jobLoc); err != nil {
			return err
		}
	}
	r.win = queries.NewWindow(asOfDay, r.cfg.Database.Location(), r.cfg.Analysis.Lifecycle.WindowDays)
	asOf := r.win.AsOf.Format(time.DateOnly)
	r.m = &Manifest{
		RunID: newRunID(r.now()), Job: r.job.Name, AsOf: asOf, Status: RunFailed, DryRun: r.opts.DryRun,
		Version:    version.Get().String(),
		AsOfSource: asOfSource(r.opts, r.cfg.Analysis.AsOf, r.now(), jobLoc),
		StartedAt:  r.now().UTC().Format(time.RFC3339), DurationsMS: map[string]int64{}, Warnings: []string{},
	}
	log := r.opts.Logger
	if log == nil {
		log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	r.log = log.With(slog.String(LogRunID, r.m.RunID), slog.String(LogJob, r.job.Name))
	r.log.Info("run started", slog.String(LogAsOf, asOf), slog.Bool("dry_run", r.opts.DryRun))
	return nil
}

// produce makes the run's files under the job's timeout: extract, analyse,
// render and publish. On failure nothing is left in the output folder.
func (r *run) produce(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, r.job.Timeout)
	defer cancel()
	defer func() {
		if r.st != nil && r.m.Dir == "" {
			r.st.abort()
		}
	}()
	r.loadPrevious()
	defer func() {
		if r.releaseMemory != nil {
			r.releaseMemory()
		}
	}()
	for _, step := range []func(context.Context) error{r.extract, r.analyse, r.render, r.publish} {
		if err := step(ctx); err != nil {
			return err
		}
	}
	return nil
}

// loadPrevious clears what killed runs left behind and loads the previous
// run, for migration, trends and the reporting period (the days since
// the previous run's as-of date).
func (r *run) loadPrevious() {
	// Partial copies a killed run left behind go first (never a folder a
	// live process is writing; see cleanStale).
	cleanStale(r.jobDir, time.Now())
	if r.sharedDir != "" && !r.opts.DryRun {
		cleanStale(filepath.Join(r.sharedDir, r.job.Name), time.Now())
	}
	prev, history, warn := previous(r.jobDir, r.m.AsOf, r.cfg.Outputs.History)
	var prevAsOf time.Time
	if prev != nil {
		r.m.PreviousAsOf = prev.AsOf
		prevAsOf, _ = time.ParseInLocation(time.DateOnly, prev.AsOf, r.cfg.Database.Location())
	}
	r.warnings = append(r.warnings, warn...)
	r.prev, r.history = prev, history
	r.win.PeriodDays = analysis.PeriodDays(prevAsOf, r.win.AsOf)
	r.win.HoldoutUnits, r.win.UnitDays = int(r.params.Models.HoldoutUnits), r.params.Models.TimeUnitDays
}

// extract connects to the database and reads the run's customers and
// their order statistics.
func (r *run) extract(ctx context.Context) error {
	t0 := time.Now()
	db, err := Open(ctx, r.cfg, r.opts.DSN)
	if err != nil {
		return &StepError{StepConnect, err}
	}
	defer db.Close()
	r.m.DurationsMS[string(StepConnect)] = ms(t0)
	t0 = time.Now()
	qctx, qcancel := context.WithTimeout(ctx, r.cfg.Database.QueryTimeout)
	rules := r.rules
	// With memory_limit auto, the run's soft memory limit follows its data
	// (heapbudget): from when the customers are read, the bulk of it, so
	// that the orders' stream (whose driver leaves about 150 bytes of
	// garbage a row) does not double the heap, and again once the orders
	// are folded.
	rules.CustomersRead = func(ds *analysis.Dataset) {
		r.prev.Align(ds.Customers) // the snapshot's map by id goes before the orders come
		r.claimMemory()
	}
	var endExtract func()
	rules.RowsRead, endExtract = extractProgress(r.opts.Progress)
	ex, err := queries.Extract(qctx, db, r.src, r.win, rules)
	endExtract()
	qcancel()
	if err != nil {
		return &StepError{StepExtract, interrupted(ctx, err)}
	}
	r.m.DurationsMS[string(StepExtract)] = ms(t0)
	r.m.QueryRows = ex.Rows
	r.afterStep(StepExtract)
	r.log.Info("extract done", slog.Int("customers", len(ex.Dataset.Customers)), slog.Int64("order_rows", ex.SourceRows),
		slog.Duration(LogElapsed, time.Since(t0)))
	ex.Dataset.Previous = r.prev
	r.ex, r.ds = ex, ex.Dataset
	r.claimMemory()
	return nil
}

// claimMemory sets the run's memory claim to twice the heap live now
// (heapbudget.Claim), in place of the one it held.
func (r *run) claimMemory() {
	limit, release := heapbudget.Claim()
	if limit == 0 {
		return
	}
	if r.releaseMemory != nil {
		r.releaseMemory()
	}
	r.releaseMemory = release
	r.log.Debug("memory limit for the run", slog.Int64("bytes", limit))
}

// analyse runs the analyses and records their results in the manifest.
func (r *run) analyse(ctx context.Context) error {
	t0 := time.Now()
	m, ds := r.m, r.ds
	res := analyse(ds, r.params, r.opts.Progress)
	r.res = res
	m.DurationsMS[string(StepAnalyse)] = ms(t0)
	r.afterStep(StepAnalyse)
	r.log.Info("analyse done", slog.Int("buyers", res.KPIs.Buyers), slog.Duration(LogElapsed, time.Since(t0)))
	r.warnings = append(r.warnings, warnings(ds, res, r.ex)...)
	r.warnings = append(r.warnings, res.Warnings...)
	m.Warnings = append(m.Warnings, analysis.Texts(r.warnings)...)
	m.Models = modelsRecord(res)
	for _, w := range r.warnings {
		r.log.Warn(w.Text)
	}
	m.Parameters["value_measure"] = res.ValueMeasure
	if r.params.ValueMeasure == "auto" {
		m.Parameters["value_measure"] += " (auto: margin when orders have a cost)"
	}
	m.Counts = counts(ds, res, r.ex)
	m.KPIs = res.KPIs
	m.Migration = migrationRecord(res)
	m.DataQuality = r.ex.Quality
	m.DataFreshness = freshnessRecord(res.Freshness)
	if err := staleError(r.params.Guards, res); err != nil {
		return &StepError{StepAnalyse, err}
	}
	if err := ctx.Err(); err != nil {
		return &StepError{StepAnalyse, interrupted(ctx, err)}
	}
	return nil
}

// rendering is one file the render step writes.
type rendering struct {
	step  Step
	name  string
	write func(io.Writer, *reports.Input) error
}

// render writes the workbook, the HTML report and the customer list into
// a staging folder, and, when the run delivers email, the emails' bodies.
func (r *run) render(ctx context.Context) error {
	if r.cfg.Outputs.MaskContacts {
		maskContacts(r.ds)
	}
	r.in = r.input()
	st, err := newStaging(r.jobDir, r.m.AsOf, r.m.RunID, r.modes)
	if err != nil {
		return &StepError{StepPublish, err}
	}
	r.st = st
	asOf := r.m.AsOf
	renders := []rendering{
		{StepWorkbook, WorkbookFile(asOf), workbook.Write},
		{StepHTML, ReportFile(asOf), htmlreport.Write},
	}
	if l := r.cfg.Outputs.CustomerList; l == "csv.gz" || l == "both" {
		renders = append(renders, rendering{StepCustomerList, CustomerListFile(asOf), workbook.WriteCustomersCSV})
	}
	var endWorkbook func()
	r.in.RowsWritten, endWorkbook = workbookProgress(r.opts.Progress)
	// The files are written at the same time, one per core: each reads
	// the same finished input and writes its own file. What they report
	// (outputs, durations, the after-step hook, the log) is then taken in
	// the order above, so the manifest reads the same whatever finished
	// first.
	done := make([]rendered, len(renders))
	var wg sync.WaitGroup
	slots := make(chan struct{}, max(1, runtime.GOMAXPROCS(0)))
	for i, rd := range renders {
		end := func() {}
		if rd.step == StepWorkbook {
			end = endWorkbook
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			slots <- struct{}{}
			defer func() { <-slots }()
			done[i] = r.renderFile(rd, end)
		}()
	}
	wg.Wait()
	for i, rd := range renders {
		if err := r.recordRendering(ctx, rd, done[i]); err != nil {
			return err
		}
	}
	if r.delivers && r.cfg.Email.Enabled {
		r.emails = renderEmails(r.in, r.cfg, r.job)
	}
	return nil
}

// rendered is what writing one rendering gave.
type rendered struct {
	out     Output
	err     error
	elapsed time.Duration
}

// renderFile writes one rendering into the staging folder; it may run
// alongside the others.
func (r *run) renderFile(rd rendering, end func()) rendered {
	t0 := time.Now()
	out, err := r.st.write(rd.name, func(w io.Writer) error {
		defer end()
		bw := bufio.NewWriterSize(w, 1<<20)
		if err := rd.write(bw, r.in); err != nil {
			return err
		}
		return bw.Flush()
	})
	return rendered{out: out, err: err, elapsed: time.Since(t0)}
}

// recordRendering records a written rendering in the manifest and the log.
func (r *run) recordRendering(ctx context.Context, rd rendering, done rendered) error {
	if done.err != nil {
		return &StepError{rd.step, done.err}
	}
	r.m.Outputs = append(r.m.Outputs, done.out)
	r.m.DurationsMS[string(rd.step)] = done.elapsed.Milliseconds()
	r.afterStep(rd.step)
	r.log.Info(string(rd.step)+" written", slog.String("file", rd.name), slog.Int64("bytes", done.out.Bytes), slog.Duration(LogElapsed, done.elapsed))
	if err := ctx.Err(); err != nil {
		return &StepError{rd.step, interrupted(ctx, err)}
	}
	return nil
}

// input is what the reports are rendered from.
func (r *run) input() *reports.Input {
	cfg, m, ex := r.cfg, r.m, r.ex
	in := &reports.Input{
		Job: cmp.Or(r.job.Title, r.job.Name), RunID: m.RunID, AsOf: r.win.AsOf, GeneratedAt: r.now(), Locale: r.locale,
		Currency: cfg.Outputs.Currency, Dataset: r.ds, Result: r.res, Quality: ex.Quality, SourceRows: ex.SourceRows,
		Warnings: r.warnings, SegmentSheets: cfg.Outputs.SegmentSheets, History: r.history, Analysis: r.params,
		NamesInReport: cfg.Outputs.NamesInReport, CustomerList: cfg.Outputs.CustomerList,
		RunFolder: r.readers, Version: m.Version,
	}
	if r.opts.Locale != "" {
		m.Parameters["locale"] = r.opts.Locale
	}
	for _, k := range sortedKeys(m.Parameters) {
		in.Params = append(in.Params, reports.Param{Name: k, Value: m.Parameters[k]})
	}
	for _, s := range ex.Statements {
		in.Queries = append(in.Queries, reports.Query{Name: s.Name, SQL: s.SQL, Kind: s.Kind, Source: s.Source})
	}
	return in
}

// publish writes the snapshot (and, when nothing is delivered after, the
// manifest, complete) and moves the run folder into place.
func (r *run) publish(ctx context.Context) error {
	t0 := time.Now()
	out, err := r.st.write(SnapshotFile, func(w io.Writer) error { return writeSnapshot(w, r.ds, r.res) })
	if err != nil {
		return &StepError{StepPublish, err}
	}
	r.m.Outputs = append(r.m.Outputs, out)
	r.m.Status = RunOK
	r.m.FinishedAt = r.now().UTC().Format(time.RFC3339)
	if !r.delivers {
		if _, err := r.st.write(ManifestFile, r.m.encode); err != nil {
			return &StepError{StepPublish, err}
		}
	}
	if err := ctx.Err(); err != nil {
		return &StepError{StepPublish, interrupted(ctx, err)}
	}
	if err := r.st.commit(); err != nil {
		return &StepError{StepPublish, err}
	}
	r.m.Dir = r.st.final
	r.m.DurationsMS[string(StepPublish)] = ms(t0)
	r.log.Info("run finished", slog.String("folder", r.st.final), slog.Duration(LogElapsed, time.Since(r.start)))
	return nil
}

// afterStep calls opts.AfterStep when set.
func (r *run) afterStep(step Step) {
	if r.opts.AfterStep != nil {
		r.opts.AfterStep(step)
	}
}

func newRunID(t time.Time) string {
	b := make([]byte, 3)
	rand.Read(b)
	return t.UTC().Format("20060102T150405Z") + "-" + hex.EncodeToString(b)
}

func ms(t0 time.Time) int64 { return time.Since(t0).Milliseconds() }

// maskContacts hides most of each customer's email and phone number:
// "w***@example.com", "*******5678".
func maskContacts(ds *analysis.Dataset) {
	for i := range ds.Customers {
		c := &ds.Customers[i]
		if at := strings.LastIndexByte(c.Email, '@'); at > 0 {
			c.Email = c.Email[:1] + "***" + c.Email[at:]
		} else if c.Email != "" {
			c.Email = "***"
		}
		if r := []rune(c.Phone); len(r) > 4 {
			c.Phone = strings.Repeat("*", len(r)-4) + string(r[len(r)-4:])
		} else if c.Phone != "" {
			c.Phone = "****"
		}
	}
}
