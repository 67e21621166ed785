package jobs

import (
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/custseg/custseg/config"
	"github.com/custseg/custseg/queries"

	"github.com/custseg/custseg/analysis"
	"github.com/custseg/custseg/reports"
)

// Manifest is the record of one run, written as manifest.json beside its
// outputs.
type Manifest struct {
	RunID string `json:"run_id"`
	Job   string `json:"job"`
	AsOf  string `json:"as_of"`
	// AsOfSource says what decided the as-of date: "flag --as-of", "as_of
	// rule yesterday at the run's start (2026-12-05 09:00 Asia/Shanghai)",
	// "as_of rule yesterday at the scheduled fire 2026-12-05T09:00+08:00",
	// "demo week 3 of 4". Parameters' as_of_rule stays the configured rule.
	AsOfSource string `json:"as_of_source"`
	// Version is the custseg build that made the run (custseg version).
	Version string    `json:"version"`
	Status  RunStatus `json:"status"` // RunOK or RunFailed
	DryRun  bool      `json:"dry_run"`
	// PreviousAsOf is the earlier run this one compares with ("" on a first run).
	PreviousAsOf string            `json:"previous_as_of"`
	StartedAt    string            `json:"started_at"`
	FinishedAt   string            `json:"finished_at"`
	Parameters   map[string]string `json:"parameters"`
	DurationsMS  map[string]int64  `json:"durations_ms"`
	// QueryRows is how many rows each extract statement read, by
	// statement name (/metrics exports it).
	QueryRows map[string]int64 `json:"query_rows,omitempty"`
	Counts    Counts           `json:"counts"`
	// Labels name the keys of the counts (and of the write-back's columns)
	// in the run's locale, as the reports show them: segment, tier,
	// pyramid, status and stage, each key → name (reports.Names).
	Labels reports.GroupLabels `json:"labels"`
	KPIs   analysis.KPIs       `json:"kpis"`
	// Migration counts how the buyers moved since the previous run: up +
	// down + stayed + new (+ reclassified) = buyers now; nil on a first run.
	Migration   *MigrationRecord        `json:"migration,omitempty"`
	DataQuality []analysis.QualityCheck `json:"data_quality"`
	// DataFreshness says how recent the newest purchase is and whether
	// the data looks stale (nil when the run failed before analysing).
	DataFreshness *DataFreshness `json:"data_freshness,omitempty"`
	Models        ModelsRecord   `json:"models"`
	Outputs       []Output       `json:"outputs"`
	Warnings      []string       `json:"warnings"`
	Delivery      []Delivery     `json:"delivery"`
	// Dir is the folder the run's files are in (not serialised).
	Dir string `json:"-"`
}

// MigrationRecord is the manifest's record of the moves between segments
// since the previous run (analysis.Migration).
type MigrationRecord struct {
	PreviousAsOf string `json:"previous_as_of"`
	Up           int    `json:"up"`
	Down         int    `json:"down"`
	Stayed       int    `json:"stayed"`
	// New counts the first-time buyers.
	New int `json:"new"`
	// Reclassified counts buyers whose previous segment the rules no
	// longer have (0 unless the rules changed).
	Reclassified int `json:"reclassified,omitempty"`
	// Lost counts the previous run's buyers who are not buyers now.
	Lost int `json:"lost"`
}

// migrationRecord is the manifest's migration of res, nil on a first run.
func migrationRecord(res *analysis.Result) *MigrationRecord {
	m := &res.Migration
	if m.PreviousAsOf == "" {
		return nil
	}
	return &MigrationRecord{PreviousAsOf: m.PreviousAsOf, Up: m.MovedUp, Down: m.MovedDown, Stayed: m.Same,
		New: m.New, Reclassified: m.Reclassified, Lost: m.Lost}
}

// Counts are the run's row and group counts.
type Counts struct {
	SourceRows int64          `json:"source_rows"`
	Customers  int            `json:"customers"`
	Buyers     int            `json:"buyers"`
	Orders     int            `json:"orders"`
	Segments   map[string]int `json:"segments"`
	Tiers      map[string]int `json:"tiers"`
	Statuses   map[string]int `json:"statuses"`
}

// Output is one file the run wrote.
type Output struct {
	Path   string `json:"path"` // relative to the run folder
	Bytes  int64  `json:"bytes"`
	SHA256 string `json:"sha256"`
}

// ModelsRecord is the manifest's record of the fitted models.
type ModelsRecord struct {
	BGNBD      BGNBDRecord      `json:"bgnbd"`
	GammaGamma GammaGammaRecord `json:"gamma_gamma"`
	Clusters   ClustersRecord   `json:"clusters"`
	// The other purchase models, the choice between them, their back-test
	// with the verdict, and the spend model's assumption check
	// (manifest_models.go).
	MBGNBD           MBGNBDRecord           `json:"mbgnbd"`
	ParetoNBD        ParetoNBDRecord        `json:"pareto_nbd"`
	PurchaseModel    PurchaseModelRecord    `json:"purchase_model"`
	Backtest         BacktestRecord         `json:"backtest"`
	SpendCorrelation SpendCorrelationRecord `json:"spend_correlation"`
}

// BGNBDRecord is the purchase model's parameters and fit.
type BGNBDRecord struct {
	R             float64 `json:"r"`
	Alpha         float64 `json:"alpha"`
	A             float64 `json:"a"`
	B             float64 `json:"b"`
	LogLikelihood float64 `json:"log_likelihood"`
	Converged     bool    `json:"converged"`
	NCustomers    int     `json:"n_customers"`
	TimeUnit      string  `json:"time_unit"`
	Error         string  `json:"error,omitempty"`
}

// GammaGammaRecord is the spend model's parameters and fit.
type GammaGammaRecord struct {
	P          float64 `json:"p"`
	Q          float64 `json:"q"`
	V          float64 `json:"v"`
	Converged  bool    `json:"converged"`
	NCustomers int     `json:"n_customers"`
	Excluded   int     `json:"excluded"`
	Error      string  `json:"error,omitempty"`
}

// ClustersRecord is the chosen k-means solution.
type ClustersRecord struct {
	K          int     `json:"k"`
	Silhouette float64 `json:"silhouette"`
	Error      string  `json:"error,omitempty"`
}

func modelsRecord(res *analysis.Result) ModelsRecord {
	m := res.Models
	unit := fmt.Sprintf("%g days", m.TimeUnitDays)
	if m.TimeUnitDays == 7 {
		unit = "weeks"
	}
	rec := ModelsRecord{
		BGNBD: BGNBDRecord{R: jsonNum(m.BGNBD.R), Alpha: jsonNum(m.BGNBD.Alpha), A: jsonNum(m.BGNBD.A), B: jsonNum(m.BGNBD.B),
			LogLikelihood: jsonNum(m.BGNBD.LogLikelihood), Converged: m.BGNBDError == "" && m.BGNBD.Converged,
			NCustomers: m.BGNBD.N, TimeUnit: unit, Error: m.BGNBDError},
		GammaGamma: GammaGammaRecord{P: jsonNum(m.GammaGamma.P), Q: jsonNum(m.GammaGamma.Q), V: jsonNum(m.GammaGamma.V),
			Converged: m.GGError == "" && m.GammaGamma.Converged, NCustomers: m.GammaGamma.N,
			Excluded: m.GammaGamma.Excluded, Error: m.GGError},
		Clusters: ClustersRecord{K: res.Clusters.K, Silhouette: jsonNum(res.Clusters.Silhouette), Error: res.Clusters.Error},
	}
	addPurchaseModels(&rec, &m)
	return rec
}

// The manifest's parts that the run derives from the config and the results.

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

// warnings are the run's own warnings about its data: no customers, no
// buyers, order rows of customers customers.sql does not return.
func warnings(ds *analysis.Dataset, res *analysis.Result, ex *queries.Extracted) []analysis.Warning {
	var w []analysis.Warning
	if len(ds.Customers) == 0 {
		w = append(w, analysis.Warning{Code: analysis.WarnNoCustomers, Text: "customers.sql returned no customers: the reports are empty"})
	} else if res.KPIs.Buyers == 0 {
		day := ds.AsOf.Format(time.DateOnly)
		w = append(w, analysis.Warning{Code: analysis.WarnNoBuyers, Args: []string{day},
			Text: fmt.Sprintf("no purchases on or before the as-of date %s: the reports have no buyers to segment", day)})
	}
	for _, q := range ex.Quality {
		if q.Check == analysis.CheckUnknownCustomer && q.Rows > 0 {
			w = append(w, analysis.Warning{Code: analysis.WarnUnknownCustomers, Args: []string{strconv.FormatInt(q.Rows, 10)},
				Text: fmt.Sprintf("%d order rows belong to customer ids that customers.sql does not return; they were left out", q.Rows)})
		}
	}
	return w
}

// encode writes m as indented JSON.
func (m *Manifest) encode(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(m)
}

// writeManifest writes the run's manifest, complete with the delivery
// results, into the run folder and, when the run was published there,
// into the shared folder's copies of it (its dated folder and latest):
// the shared folder is itself a delivery, so its copy is written after
// every delivery, like the run folder's. A copy the shared folder does
// not take turns its delivery entry to failed before the run folder's
// copy is written, so that one tells.
func (r *run) writeManifest() error {
	if r.shared != "" {
		for _, dir := range []string{r.shared, filepath.Join(r.sharedDir, r.m.Job, LatestDir)} {
			if err := writeManifestIn(dir, r.m, r.modes.File); err != nil {
				r.sharedManifestFailed(err)
				break
			}
		}
	}
	return writeManifestIn(r.m.Dir, r.m, r.modes.File)
}

// sharedManifestFailed records in the shared folder's delivery entry that
// its copy of the manifest could not be written.
func (r *run) sharedManifestFailed(err error) {
	for i := range r.m.Delivery {
		if d := &r.m.Delivery[i]; d.Audience == AudienceSharedFolder {
			d.Status, d.Detail = StatusFailed, ""
			d.Error = fmt.Sprintf("shared folder: %s could not be written: %v", ManifestFile, err)
		}
	}
	r.log.Error("manifest not written to the shared folder", slog.Any("error", err))
}

// writeManifestIn writes m as manifest.json into dir, through a temporary
// file and a rename.
func writeManifestIn(dir string, m *Manifest, mode os.FileMode) error {
	tmp, err := os.CreateTemp(dir, ".manifest-*")
	if err != nil {
		return err
	}
	if err := m.encode(tmp); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return err
	}
	tmp.Close()
	if err := os.Chmod(tmp.Name(), mode); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return os.Rename(tmp.Name(), filepath.Join(dir, ManifestFile))
}
