package jobs

import (
	"bufio"
	"context"
	"crypto/rand"
	"database/sql"
	"database/sql/driver"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/go-sql-driver/mysql"
	"github.com/jmoiron/sqlx"

	"github.com/custseg/custseg/analysis"
	"github.com/custseg/custseg/config"
	"github.com/custseg/custseg/internal/version"
	"github.com/custseg/custseg/queries"
	"github.com/custseg/custseg/reports"
	"github.com/custseg/custseg/reports/html"
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
	AfterStep func(step string)
	// Progress, when not nil, shows the extract, the analyses and the
	// workbook as they go (a terminal); the log lines stay as they are.
	Progress Progress
	// AsOfSource says what decided AsOf, for the manifest's as_of_source
	// ("demo week 3 of 4"); "" lets the run say: the flag, or the as-of
	// rule at the scheduled fire or at the run's start.
	AsOfSource string
}

// StepError is a run failure and the step it happened in.
type StepError struct {
	Step string
	Err  error
}

func (e *StepError) Error() string { return e.Step + ": " + e.Err.Error() }
func (e *StepError) Unwrap() error { return e.Err }

// Steps of a run, as named in logs, errors and the manifest.
const (
	StepConnect  = "connect"
	StepExtract  = "extract"
	StepAnalyse  = "analyse"
	StepWorkbook = "workbook"
	StepHTML     = "html"
	StepPublish  = "publish"
	// StepCustomerList writes the customer list as CSV (outputs.customer_list).
	StepCustomerList = "customer_list"
)

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
	m, _, err := runJob(ctx, cfg, opts)
	if err != nil {
		return nil, err
	}
	return m, nil
}

// runJob is Run that also returns the report input, and on failure the
// manifest as far as it got (nil when the run never started), for the
// history and the alert.
func runJob(ctx context.Context, cfg *config.Config, opts Options) (*Manifest, *reports.Input, error) {
	runStart := time.Now()
	now := time.Now
	if opts.Now != nil {
		now = opts.Now
	}
	job, err := cfg.Job(opts.Job)
	if err != nil {
		return nil, nil, &StepError{"config", err}
	}
	jobLoc, _ := time.LoadLocation(job.TimeZone)
	asOfDay := opts.AsOf
	if asOfDay.IsZero() {
		if asOfDay, err = AsOfDate(cfg.Analysis.AsOf, now(), jobLoc); err != nil {
			return nil, nil, &StepError{"config", err}
		}
	}
	loc := cfg.Database.Location()
	win := queries.NewWindow(asOfDay, loc, cfg.Analysis.Lifecycle.WindowDays)
	asOf := win.AsOf.Format("2006-01-02")
	m := &Manifest{
		RunID: newRunID(now()), Job: job.Name, AsOf: asOf, Status: "failed", DryRun: opts.DryRun,
		Version:    version.Get().String(),
		AsOfSource: asOfSource(opts, cfg.Analysis.AsOf, now(), jobLoc),
		StartedAt:  now().UTC().Format(time.RFC3339), DurationsMS: map[string]int64{}, Warnings: []string{},
	}
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	log = log.With(slog.String(LogRunID, m.RunID), slog.String(LogJob, job.Name))
	ctx, cancel := context.WithTimeout(ctx, job.Timeout)
	defer cancel()
	log.Info("run started", slog.String(LogAsOf, asOf), slog.Bool("dry_run", opts.DryRun))

	src, err := source(cfg, opts)
	if err != nil {
		return m, nil, &StepError{"config", err}
	}
	params := cfg.Params()
	m.Parameters = parameters(cfg, job, params, src)
	// The names the reports use, so tools reading the manifest show the same.
	locale := cfg.Outputs.Locale
	if opts.Locale != "" {
		locale = opts.Locale
	}
	m.Labels = reports.Names(params.RFM.Segments, locale).GroupLabels

	// The previous run, for migration, trends and the reporting period
	// (the days since the previous run's as-of date).
	outDir := cfg.Resolve(cfg.Outputs.Dir)
	if opts.OutDir != "" {
		outDir = opts.OutDir
	}
	jobDir := filepath.Join(outDir, job.Name)
	// Partial copies a killed run left behind go first (never a folder a
	// live process is writing; see cleanStale).
	cleanStale(jobDir, time.Now())
	if sf := cfg.Delivery.SharedFolder; sf != "" && !opts.DryRun {
		cleanStale(filepath.Join(cfg.Resolve(sf), job.Name), time.Now())
	}
	prev, history, prevWarn := previous(jobDir, asOf, cfg.Outputs.History)
	var prevAsOf time.Time
	if prev != nil {
		m.PreviousAsOf = prev.AsOf
		prevAsOf, _ = time.ParseInLocation(time.DateOnly, prev.AsOf, loc)
	}
	m.Warnings = append(m.Warnings, prevWarn...)
	win.PeriodDays = analysis.PeriodDays(prevAsOf, win.AsOf)
	win.HoldoutUnits, win.UnitDays = int(params.Models.HoldoutUnits), params.Models.TimeUnitDays

	// Extract.
	t0 := time.Now()
	db, err := Open(ctx, cfg, opts.DSN)
	if err != nil {
		return m, nil, &StepError{StepConnect, err}
	}
	defer db.Close()
	m.DurationsMS[StepConnect] = ms(t0)
	t0 = time.Now()
	qctx, qcancel := context.WithTimeout(ctx, cfg.Database.QueryTimeout)
	rules := extractRules(cfg)
	var endExtract func()
	rules.RowsRead, endExtract = extractProgress(opts.Progress)
	ex, err := queries.Extract(qctx, db, src, win, rules)
	endExtract()
	qcancel()
	if err != nil {
		return m, nil, &StepError{StepExtract, interrupted(ctx, err)}
	}
	m.DurationsMS[StepExtract] = ms(t0)
	m.QueryRows = ex.Rows
	afterStep(opts, StepExtract)
	ds := ex.Dataset
	log.Info("extract done", slog.Int("customers", len(ds.Customers)), slog.Int64("order_rows", ex.SourceRows),
		slog.Duration(LogElapsed, time.Since(t0)))
	db.Close()

	ds.Previous = prev

	// Analyse.
	t0 = time.Now()
	res := analyse(ds, params, opts.Progress)
	m.DurationsMS[StepAnalyse] = ms(t0)
	afterStep(opts, StepAnalyse)
	log.Info("analyse done", slog.Int("buyers", res.KPIs.Buyers), slog.Duration(LogElapsed, time.Since(t0)))
	m.Warnings = append(m.Warnings, warnings(ds, res, ex)...)
	m.Warnings = append(m.Warnings, res.Warnings...)
	m.Models = modelsRecord(res)
	for _, w := range m.Warnings {
		log.Warn(w)
	}
	m.Parameters["value_measure"] = res.ValueMeasure
	if params.ValueMeasure == "auto" {
		m.Parameters["value_measure"] += " (auto: margin when orders have a cost)"
	}
	m.Counts = counts(ds, res, ex)
	m.KPIs = res.KPIs
	m.Migration = migrationRecord(res)
	m.DataQuality = ex.Quality
	m.DataFreshness = freshnessRecord(res.Freshness)
	if err := staleError(params.Guards, res); err != nil {
		return m, nil, &StepError{StepAnalyse, err}
	}
	if err := ctx.Err(); err != nil {
		return m, nil, &StepError{StepAnalyse, interrupted(ctx, err)}
	}

	if cfg.Outputs.MaskContacts {
		maskContacts(ds)
	}

	// Render into a staging folder, then publish it in one rename.
	in := &reports.Input{
		Job: job.Name, RunID: m.RunID, AsOf: win.AsOf, GeneratedAt: now(), Locale: cfg.Outputs.Locale,
		Currency: cfg.Outputs.Currency, Dataset: ds, Result: res, Quality: ex.Quality, SourceRows: ex.SourceRows,
		Warnings: m.Warnings, SegmentSheets: cfg.Outputs.SegmentSheets, History: history, Analysis: params,
		NamesInReport: cfg.Outputs.NamesInReport, CustomerList: cfg.Outputs.CustomerList,
		RunFolder: runFolderForReaders(cfg, job.Name, asOf), Version: m.Version,
	}
	in.Locale = locale
	if opts.Locale != "" {
		m.Parameters["locale"] = opts.Locale
	}
	for _, k := range sortedKeys(m.Parameters) {
		in.Params = append(in.Params, reports.Param{Name: k, Value: m.Parameters[k]})
	}
	for _, s := range ex.Statements {
		in.Queries = append(in.Queries, reports.Query{Name: s.Name, SQL: s.SQL})
	}
	st, err := newStaging(jobDir, asOf, m.RunID, modesOf(cfg))
	if err != nil {
		return m, nil, &StepError{StepPublish, err}
	}
	committed := false
	defer func() {
		if !committed {
			st.abort()
		}
	}()
	renders := []struct {
		step, name string
		write      func(io.Writer, *reports.Input) error
	}{
		{StepWorkbook, WorkbookFile(asOf), workbook.Write},
		{StepHTML, ReportFile(asOf), html.Write},
	}
	if l := cfg.Outputs.CustomerList; l == "csv.gz" || l == "both" {
		renders = append(renders, struct {
			step, name string
			write      func(io.Writer, *reports.Input) error
		}{StepCustomerList, CustomerListFile(asOf), workbook.WriteCustomersCSV})
	}
	var endWorkbook func()
	in.RowsWritten, endWorkbook = workbookProgress(opts.Progress)
	for _, r := range renders {
		t0 = time.Now()
		out, err := st.write(r.name, func(w io.Writer) error {
			if r.step == StepWorkbook {
				defer endWorkbook()
			}
			bw := bufio.NewWriterSize(w, 1<<20)
			if err := r.write(bw, in); err != nil {
				return err
			}
			return bw.Flush()
		})
		if err != nil {
			return m, nil, &StepError{r.step, err}
		}
		m.Outputs = append(m.Outputs, out)
		m.DurationsMS[r.step] = ms(t0)
		afterStep(opts, r.step)
		log.Info(r.step+" written", slog.String("file", r.name), slog.Int64("bytes", out.Bytes), slog.Duration(LogElapsed, time.Since(t0)))
		if err := ctx.Err(); err != nil {
			return m, nil, &StepError{r.step, interrupted(ctx, err)}
		}
	}
	t0 = time.Now()
	out, err := st.write(SnapshotFile, func(w io.Writer) error { return writeSnapshot(w, ds, res) })
	if err != nil {
		return m, nil, &StepError{StepPublish, err}
	}
	m.Outputs = append(m.Outputs, out)
	m.Status = "ok"
	m.FinishedAt = now().UTC().Format(time.RFC3339)
	if _, err := st.write(ManifestFile, func(w io.Writer) error {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(m)
	}); err != nil {
		return m, nil, &StepError{StepPublish, err}
	}
	if err := ctx.Err(); err != nil {
		return m, nil, &StepError{StepPublish, interrupted(ctx, err)}
	}
	if err := st.commit(); err != nil {
		return m, nil, &StepError{StepPublish, err}
	}
	committed = true
	m.Dir = st.final
	m.DurationsMS[StepPublish] = ms(t0)
	log.Info("run finished", slog.String("folder", st.final), slog.Duration(LogElapsed, time.Since(runStart)))
	return m, in, nil
}

// Open connects to the configured database (or dsn) and pings it within
// the connect timeout.
//
// The driver reads every datetime as a wall time in database.time_zone.
// That is right for DATETIME and DATE columns, which the server returns as
// stored, but the server returns TIMESTAMP columns in the session's
// time_zone (the server's by default), and compares them with the
// run's window literals in it too. So, unless the DSN or database.params set
// time_zone themselves, Open sets the session's time_zone to the configured
// zone: by name when the server's time zone tables know it, else as the
// zone's UTC offset now (on such a server a zone with daylight saving time
// is an hour off for TIMESTAMP columns in the other half of the year; load
// the tables with mysql_tzinfo_to_sql to avoid that).
func Open(ctx context.Context, cfg *config.Config, dsn string) (*sqlx.DB, error) {
	mc, err := cfg.Database.DriverConfig(dsn)
	if err != nil {
		return nil, err
	}
	db, err := open(ctx, cfg, mc)
	if err != nil {
		return nil, err
	}
	if _, set := mc.Params["time_zone"]; set {
		return db, nil
	}
	tz := sessionTimeZone(ctx, db, cfg.Database)
	if tz == "" {
		return db, nil
	}
	db.Close()
	params := map[string]string{"time_zone": "'" + tz + "'"}
	for k, v := range mc.Params {
		params[k] = v
	}
	mc.Params = params
	return open(ctx, cfg, mc)
}

// sessionTimeZone returns the session time_zone that makes the server
// return TIMESTAMP columns in d's zone: its name when the server knows it,
// else its offset now ("+08:00"); "" when the server cannot say (an engine
// without CONVERT_TZ).
func sessionTimeZone(ctx context.Context, db *sqlx.DB, d config.Database) string {
	pctx, cancel := context.WithTimeout(ctx, d.ConnectTimeout)
	defer cancel()
	var named sql.NullString
	if err := db.QueryRowContext(pctx, "SELECT CONVERT_TZ('2000-01-01 00:00:00', '+00:00', ?)", d.TimeZone).Scan(&named); err != nil {
		return ""
	}
	if named.Valid && d.TimeZone != "Local" {
		return d.TimeZone
	}
	_, off := time.Now().In(d.Location()).Zone()
	sign := '+'
	if off < 0 {
		sign, off = '-', -off
	}
	return fmt.Sprintf("%c%02d:%02d", sign, off/3600, off%3600/60)
}

// open connects with mc and pings within the connect timeout.
func open(ctx context.Context, cfg *config.Config, mc *mysql.Config) (*sqlx.DB, error) {
	conn, err := mysql.NewConnector(mc)
	if err != nil {
		return nil, fmt.Errorf("database %s: %w", mc.Addr, err)
	}
	db := sqlx.NewDb(sql.OpenDB(conn), "mysql")
	db.SetMaxOpenConns(cfg.Database.MaxOpenConns)
	pctx, cancel := context.WithTimeout(ctx, cfg.Database.ConnectTimeout)
	defer cancel()
	if err := db.PingContext(pctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("database %s: %w", mc.Addr, interrupted(ctx, err))
	}
	return db, nil
}

// source picks the queries a run uses.
func source(cfg *config.Config, opts Options) (queries.Source, error) {
	switch {
	case opts.Queries != nil:
		return *opts.Queries, nil
	case opts.QueriesDir != "":
		return queries.LoadDir(opts.QueriesDir)
	case cfg.Queries.Dir != "":
		return queries.LoadDir(cfg.Resolve(cfg.Queries.Dir))
	}
	return queries.Builtin(), nil
}

// interrupted explains a context error in the operator's words.
func interrupted(ctx context.Context, err error) error {
	switch {
	case errors.Is(ctx.Err(), context.Canceled):
		return fmt.Errorf("interrupted: %w", err)
	case errors.Is(ctx.Err(), context.DeadlineExceeded), errors.Is(err, context.DeadlineExceeded):
		return fmt.Errorf("timed out (raise the job's timeout or database.query_timeout): %w", err)
	case errors.Is(err, mysql.ErrInvalidConn), errors.Is(err, driver.ErrBadConn):
		return fmt.Errorf("%w (the database connection was lost mid-query: killed, server restarted or network dropped)", err)
	}
	return err
}

func newRunID(t time.Time) string {
	b := make([]byte, 3)
	rand.Read(b)
	return t.UTC().Format("20060102T150405Z") + "-" + hex.EncodeToString(b)
}

func ms(t0 time.Time) int64 { return time.Since(t0).Milliseconds() }

func parameters(cfg *config.Config, job config.Job, p analysis.Params, src queries.Source) map[string]string {
	return map[string]string{
		"as_of_rule":            cfg.Analysis.AsOf,
		"data_time_zone":        cfg.Database.TimeZone,
		"job_time_zone":         job.TimeZone,
		"rfm_bins":              strconv.Itoa(p.RFM.Bins),
		"rfm_frequency":         p.RFM.Frequency,
		"value_measure":         p.ValueMeasure,
		"tiers":                 fmt.Sprintf("key %g / important %g / ordinary %g / small %g", p.Tiers.Key, p.Tiers.Important, p.Tiers.Ordinary, p.Tiers.Small),
		"churn_at_risk_days":    strconv.Itoa(p.Churn.AtRiskDays),
		"churn_churned_days":    strconv.Itoa(p.Churn.ChurnedDays),
		"churn_rhythm":          fmt.Sprintf("at risk beyond %g×, churned beyond %g× own mean days between purchases (min %d days)", p.Churn.RhythmAtRisk, p.Churn.RhythmChurned, p.Churn.RhythmMinDays),
		"model_time_unit_days":  fmt.Sprintf("%g", p.Models.TimeUnitDays),
		"purchase_horizon":      fmt.Sprintf("%g time units", p.Models.PurchaseHorizon),
		"clv":                   fmt.Sprintf("%d months, %g%% monthly discount rate", p.Models.CLVMonths, p.Models.MonthlyDiscount*100),
		"pyramid":               fmt.Sprintf("platinum %g / gold %g / iron %g / lead rest", p.Pyramid.Platinum, p.Pyramid.Gold, p.Pyramid.Iron),
		"lifecycle_window_days": strconv.Itoa(p.Lifecycle.WindowDays),
		"clusters_k_range":      fmt.Sprintf("%d..%d, silhouette sample %d, seed %d", p.Clusters.KMin, p.Clusters.KMax, p.Clusters.SampleSize, p.Clusters.Seed),
		"locale":                cfg.Outputs.Locale,
		"customers_query":       src.Customers.Name,
		"orders_query":          src.Orders.Name,
		"rfm_segments":          strconv.Itoa(len(p.RFM.Segments)),
		"refund_rule":           "net against the customer",
		"duplicate_order_ids":   "lines of one order",
	}
}

func counts(ds *analysis.Dataset, res *analysis.Result, ex *queries.Extracted) Counts {
	c := Counts{SourceRows: ex.SourceRows, Customers: len(ds.Customers), Buyers: res.KPIs.Buyers, Orders: res.KPIs.Orders,
		Segments: map[string]int{}, Tiers: map[string]int{}, Statuses: map[string]int{}}
	for _, s := range res.Segments {
		c.Segments[s.Rule.Key] = s.Customers
	}
	for _, t := range res.Tiers {
		c.Tiers[t.Tier.String()] = t.Customers
	}
	for _, s := range res.Statuses {
		c.Statuses[s.Status.String()] = s.Customers
	}
	return c
}

func warnings(ds *analysis.Dataset, res *analysis.Result, ex *queries.Extracted) []string {
	var w []string
	if len(ds.Customers) == 0 {
		w = append(w, "customers.sql returned no customers: the reports are empty")
	} else if res.KPIs.Buyers == 0 {
		w = append(w, fmt.Sprintf("no purchases on or before the as-of date %s: the reports have no buyers to segment", ds.AsOf.Format("2006-01-02")))
	}
	for _, q := range ex.Quality {
		if q.Check == analysis.CheckUnknownCustomer && q.Rows > 0 {
			w = append(w, fmt.Sprintf("%d order rows belong to customer ids that customers.sql does not return; they were left out", q.Rows))
		}
	}
	return w
}

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

// afterStep calls opts.AfterStep when set.
func afterStep(opts Options, step string) {
	if opts.AfterStep != nil {
		opts.AfterStep(step)
	}
}

// extractRules are the data rules and session settings of cfg that the
// extract, and `custseg check`'s EXPLAIN of it, apply.
func extractRules(cfg *config.Config) queries.Rules {
	return queries.Rules{
		ZeroIsPurchase: cfg.Analysis.ZeroAmountOrders == "purchases",
		FanoutMaxShare: cfg.Analysis.FanoutMaxShare,
		TempTableBytes: int64(cfg.Database.TempTableMB) << 20,
		AllowLocking:   cfg.Queries.AllowLocking,
		Heartbeat:      cfg.Database.Heartbeat,
	}
}
