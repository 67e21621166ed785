package config

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/dustin/go-humanize"
	"github.com/goccy/go-yaml"

	"github.com/custseg/custseg/analysis"
	"github.com/custseg/custseg/reports"
)

// Config is the whole configuration file.
type Config struct {
	Database Database `yaml:"database"`
	Queries  Queries  `yaml:"queries"`
	Analysis Analysis `yaml:"analysis"`
	Jobs     []Job    `yaml:"jobs"`
	Outputs  Outputs  `yaml:"outputs"`
	Delivery Delivery `yaml:"delivery"`
	Email    Email    `yaml:"email"`
	Schedule Schedule `yaml:"schedule"`
	// Writeback writes each run's per-customer results and the run history
	// into MySQL tables (optional).
	Writeback Writeback `yaml:"writeback"`
	// MemoryLimit is the soft limit on the memory the process uses (Go's
	// GOMEMLIMIT): "auto" (80 % of its cgroup's memory limit, else of the
	// machine's memory, lowered while a run holds its data to twice that
	// data: internal/heapbudget), "off", or a size such as "900MiB"
	// (MemoryLimitBytes).
	// GOMEMLIMIT in the environment wins.
	MemoryLimit string `yaml:"memory_limit"`

	// Path is the file the config came from ("" for defaults); relative
	// paths in the config are relative to its folder.
	Path string `yaml:"-"`
}

// Database says how to reach the MySQL-compatible database (a read replica
// is best) and how its datetimes are stored.
type Database struct {
	Host     string            `yaml:"host"`
	Port     int               `yaml:"port"`
	User     string            `yaml:"user"`
	Password string            `yaml:"password"`
	Name     string            `yaml:"name"`
	Params   map[string]string `yaml:"params"` // extra go-sql-driver/mysql DSN parameters
	// TLS is "" (off), "true" (verify against the system roots),
	// "skip-verify", or the path of a PEM file of CA certificates.
	TLS string `yaml:"tls"`
	// MaxOpenConns bounds the connections a run opens.
	MaxOpenConns int `yaml:"max_open_conns"`
	// TimeZone is the IANA zone in which DATETIME values are stored.
	TimeZone       string        `yaml:"time_zone"`
	ConnectTimeout time.Duration `yaml:"connect_timeout"`
	QueryTimeout   time.Duration `yaml:"query_timeout"`
	// TempTableMB is the memory, in MiB, the server may give each of the
	// run's grouped queries for its temporary table before it moves it to
	// disk (the session's tmp_table_size and max_heap_table_size); 0 keeps
	// the server's own settings. On-disk temporary tables made the
	// breakdown queries 3–5 times slower at 10M orders.
	TempTableMB int `yaml:"temp_table_mb"`
	// Heartbeat is how often, while a run's queries run, a second
	// connection asks the server SELECT 1 (each with this long to answer);
	// two missed answers in a row stop the run's queries with an error
	// saying the database stopped answering. 0 turns it off (a stall then
	// lasts up to QueryTimeout).
	Heartbeat time.Duration `yaml:"heartbeat"`
}

// Queries says where the operator's customers.sql and orders.sql live.
type Queries struct {
	// Dir is the folder holding customers.sql and orders.sql; "" uses the
	// examples built into custseg (the demo schema).
	Dir string `yaml:"dir"`
	// AllowLocking lets the queries hold a locking read clause (FOR
	// UPDATE, FOR SHARE, LOCK IN SHARE MODE), which blocks the shop's
	// writes to the rows read for the whole run; off, a run refuses them.
	AllowLocking bool `yaml:"allow_locking"`
}

// Analysis holds the analysis settings.
type Analysis struct {
	AsOf  string `yaml:"as_of"` // yesterday | previous_week_end | previous_month_end
	Value string `yaml:"value"` // auto | revenue | margin
	// ZeroAmountOrders says whether orders with a zero amount are purchases
	// (worth nothing) or ignored: purchases | ignore.
	ZeroAmountOrders string `yaml:"zero_amount_orders"`
	RFM              RFM    `yaml:"rfm"`
	Tiers            Tiers  `yaml:"tiers"`
	Churn            Churn  `yaml:"churn"`
	// Models configure the purchase and spend models and lifetime value.
	Models    Models    `yaml:"models"`
	Pyramid   Pyramid   `yaml:"pyramid"`
	Lifecycle Lifecycle `yaml:"lifecycle"`
	Clusters  Clusters  `yaml:"clusters"`
	Insights  Insights  `yaml:"insights"`
	// StaleAfter is the most days the newest purchase may lie before the
	// as-of date before the data counts as stale: a number of days, or
	// "" / "auto" for 3 × the shop's median days between purchases (at
	// least 14). StaleAction is warn or fail.
	StaleAfter  string `yaml:"stale_after"`
	StaleAction string `yaml:"stale_action"`
	// FanoutMaxShare is the share of purchase rows that may repeat another
	// row of orders.sql exactly before the run warns that a join
	// multiplies the orders.
	FanoutMaxShare float64 `yaml:"fanout_max_share"`
}

// Insights configure characteristics, common needs and segment evaluation.
type Insights struct {
	TopValues               int     `yaml:"top_values"`
	TooSmallShare           float64 `yaml:"too_small_share"`
	DealSeekerShare         float64 `yaml:"deal_seeker_share"`
	RelationshipMaxDiscount float64 `yaml:"relationship_max_discount"`
}

// Models configure BG/NBD, Gamma-Gamma and lifetime value.
type Models struct {
	TimeUnitDays        float64 `yaml:"time_unit_days"`
	PurchaseHorizon     float64 `yaml:"purchase_horizon"`
	CLVMonths           int     `yaml:"clv_months"`
	MonthlyDiscountRate float64 `yaml:"monthly_discount_rate"`
	PAliveAtRisk        float64 `yaml:"palive_at_risk"`
	HoldoutUnits        float64 `yaml:"holdout_units"`
	PurchaseModel       string  `yaml:"purchase_model"`
}

// Pyramid holds the customer-pyramid shares of buyers.
type Pyramid struct {
	Platinum float64 `yaml:"platinum"`
	Gold     float64 `yaml:"gold"`
	Iron     float64 `yaml:"iron"`
}

// Lifecycle configures the lifecycle stages and churn-rate period.
type Lifecycle struct {
	WindowDays      int `yaml:"window_days"`
	ExplorationDays int `yaml:"exploration_days"`
}

// Clusters configure k-means.
type Clusters struct {
	KMin       int    `yaml:"k_min"`
	KMax       int    `yaml:"k_max"`
	SampleSize int    `yaml:"sample_size"`
	Seed       uint64 `yaml:"seed"`
	MaxIter    int    `yaml:"max_iter"`
	// Tol stops the Lloyd iterations once the centroids' total squared
	// shift in one update is at most tol times the features' mean
	// variance (kmeans.Fit); 0, the default, iterates until no label
	// changes.
	Tol float64 `yaml:"tol"`
}

// RFM configures scoring and the named segments.
type RFM struct {
	Bins      int       `yaml:"bins"`
	Frequency string    `yaml:"frequency"` // orders | days
	Segments  []Segment `yaml:"segments"`
}

// Segment is one named RFM segment rule.
type Segment struct {
	Key      string `yaml:"key"`
	Name     string `yaml:"name"`
	NameZh   string `yaml:"name_zh"`
	R        []int  `yaml:"r"`  // [min, max] recency score
	FM       []int  `yaml:"fm"` // [min, max] mean of F and M scores
	Action   string `yaml:"action"`
	ActionZh string `yaml:"action_zh"`
	// Statuses are the churn statuses (active, at_risk, churned) the
	// segment may hold; empty allows any.
	Statuses []string `yaml:"statuses"`
}

// Tiers are the value-interval shares of total value.
type Tiers struct {
	Key       float64 `yaml:"key"`
	Important float64 `yaml:"important"`
	Ordinary  float64 `yaml:"ordinary"`
	Small     float64 `yaml:"small"`
}

// Churn holds the inactivity thresholds.
type Churn struct {
	AtRiskDays    int     `yaml:"at_risk_days"`
	ChurnedDays   int     `yaml:"churned_days"`
	RhythmAtRisk  float64 `yaml:"rhythm_at_risk"`
	RhythmChurned float64 `yaml:"rhythm_churned"`
	RhythmMinDays int     `yaml:"rhythm_min_days"`
}

// Job is one scheduled report.
type Job struct {
	Name string `yaml:"name"`
	// Title is the job's name as the reports show it to their readers, in
	// the reports' language ("每周客户分群"); "" shows Name.
	Title    string        `yaml:"title"`
	Cron     string        `yaml:"cron"`
	TimeZone string        `yaml:"time_zone"`
	Timeout  time.Duration `yaml:"timeout"`
	// Audiences are the names of the email audiences that get this job's
	// reports (email.audiences).
	Audiences []string `yaml:"audiences"`
	// CatchUp runs a missed fire once when the scheduler starts.
	CatchUp bool `yaml:"catch_up"`
}

// Delivery says where finished runs are published.
type Delivery struct {
	// SharedFolder, when set, receives <job>/<as-of>/ and <job>/latest/ for
	// every successful run (not on --dry-run).
	SharedFolder string `yaml:"shared_folder"`
	// Retention is how many runs per job the shared folder keeps (0: all).
	Retention int `yaml:"retention"`
	// LinkBase is how readers reach the shared folder (a URL or a UNC path);
	// emails link there instead of attaching files over the size limit.
	LinkBase string `yaml:"link_base"`
}

// Email configures SMTP delivery and failure alerts.
type Email struct {
	Enabled  bool   `yaml:"enabled"`
	Host     string `yaml:"host"`
	Port     int    `yaml:"port"`
	Security string `yaml:"security"` // starttls | tls | none
	Username string `yaml:"username"`
	Password string `yaml:"password"`
	From     string `yaml:"from"`
	// Timeout bounds connecting and each SMTP command but the last.
	Timeout time.Duration `yaml:"timeout"`
	// FinalReplyTimeout is how long the server may take to confirm a
	// message whose data it has received in full (RFC 5321 §4.5.3.2.6
	// recommends 10 minutes). A reply that does not come in time leaves
	// the message "unknown": it may have been delivered and is not resent.
	FinalReplyTimeout time.Duration `yaml:"final_reply_timeout"`
	// AttachmentLimitMB: larger files are linked, not attached.
	AttachmentLimitMB float64       `yaml:"attachment_limit_mb"`
	Retries           int           `yaml:"retries"`
	RetryBackoff      time.Duration `yaml:"retry_backoff"`
	Audiences         []Audience    `yaml:"audiences"`
	// Alerts are the addresses told when a run fails.
	Alerts []string `yaml:"alerts"`
}

// Audience is a group of recipients and what they get.
type Audience struct {
	Name string   `yaml:"name"`
	To   []string `yaml:"to"`
	// Gets is "report" (HTML summary in the body, the HTML report attached:
	// management), "workbook" (marketing) or "both".
	Gets string `yaml:"gets"`
}

// Schedule configures `custseg schedule`.
type Schedule struct {
	// GracePeriod is how long a running job may finish after SIGTERM before
	// it is cancelled.
	GracePeriod time.Duration `yaml:"grace_period"`
	// Lock takes a MySQL GET_LOCK per job so that several schedulers against
	// the same database run each fire once.
	Lock bool `yaml:"lock"`
	// Listen, when set (e.g. 127.0.0.1:9090), serves /healthz and /metrics.
	Listen string `yaml:"listen"`
}

// Writeback configures the optional write-back of each run's results into
// MySQL: per customer and as-of date the segment, value tier, churn status,
// P(alive), lifetime value and pyramid level (table custseg_customer_scores),
// and one row per run (custseg_runs), in Schema on the server of DSN. The
// source database is never written: Schema must be another database.
type Writeback struct {
	Enabled bool `yaml:"enabled"`
	// DSN is a go-sql-driver/mysql DSN of a connection allowed to write
	// Schema (and to create it when absent), e.g.
	// "custseg_rw:${CUSTSEG_WRITEBACK_PASSWORD}@tcp(db:3306)/".
	DSN string `yaml:"dsn"`
	// Schema is the database the tables are written in; created if absent.
	Schema string `yaml:"schema"`
}

// Outputs says where and how reports are written.
type Outputs struct {
	Dir      string `yaml:"dir"`
	Locale   string `yaml:"locale"`   // en | zh-CN
	Currency string `yaml:"currency"` // symbol shown before money
	// SegmentSheets are the segment keys that get a workbook sheet of their own.
	SegmentSheets []string `yaml:"segment_sheets"`
	// History is how many earlier runs the trends look back over.
	History int `yaml:"history"`
	// FileMode and DirMode are the permissions of what runs create, in
	// octal ("0640", "0750").
	FileMode string `yaml:"file_mode"`
	DirMode  string `yaml:"dir_mode"`
	// MaskContacts masks emails and phone numbers in the workbook too
	// (the HTML report and emails never show them).
	MaskContacts bool `yaml:"mask_contacts"`
	// NamesInReport shows customers' names in the HTML report's list of
	// high-value customers at risk (ids only by default).
	NamesInReport bool `yaml:"names_in_report"`
	// CustomerList is where the full customer list goes: xlsx (the
	// workbook's Customers sheet), csv.gz (a separate file, for lists too
	// long for Excel to be pleasant) or both.
	CustomerList string `yaml:"customer_list"`
}

// Modes returns FileMode and DirMode as permissions; where either is not
// one (a config that was not validated), both are the defaults, 0640 and
// 0750.
func (o Outputs) Modes() (file, dir os.FileMode) {
	f, ok1 := Perm(o.FileMode)
	d, ok2 := Perm(o.DirMode)
	if !ok1 || !ok2 {
		return 0o640, 0o750
	}
	return os.FileMode(f), os.FileMode(d)
}

// Perm parses an octal permission such as "0640"; ok is false when it is
// not one.
func Perm(s string) (mode uint32, ok bool) {
	v, err := strconv.ParseUint(s, 8, 32)
	if err != nil || v > 0o777 {
		return 0, false
	}
	return uint32(v), true
}

// Default returns the configuration used for every key the file leaves out.
func Default() *Config {
	p := analysis.DefaultParams()
	segs := make([]Segment, len(p.RFM.Segments))
	for i, s := range p.RFM.Segments {
		// The default segments' names and actions are the reports' (their
		// catalogue); spelled out here so that a file can show and change them.
		segs[i] = Segment{Key: s.Key, Name: reports.SegmentName(s, "en"), NameZh: reports.SegmentName(s, "zh-CN"),
			R: []int{s.RMin, s.RMax}, FM: []int{s.FMMin, s.FMMax},
			Action: reports.SegmentAction(s, "en"), ActionZh: reports.SegmentAction(s, "zh-CN")}
		for _, st := range s.Statuses {
			segs[i].Statuses = append(segs[i].Statuses, st.String())
		}
	}
	return &Config{
		MemoryLimit: "auto",
		Database: Database{Host: "127.0.0.1", Port: 3306, TimeZone: "UTC", MaxOpenConns: 2,
			ConnectTimeout: 10 * time.Second, QueryTimeout: 30 * time.Minute, TempTableMB: 256,
			Heartbeat: 10 * time.Second},
		Analysis: Analysis{AsOf: "yesterday", Value: p.ValueMeasure, ZeroAmountOrders: "purchases",
			RFM:   RFM{Bins: p.RFM.Bins, Frequency: p.RFM.Frequency, Segments: segs},
			Tiers: Tiers{p.Tiers.Key, p.Tiers.Important, p.Tiers.Ordinary, p.Tiers.Small},
			Churn: Churn{p.Churn.AtRiskDays, p.Churn.ChurnedDays, p.Churn.RhythmAtRisk, p.Churn.RhythmChurned, p.Churn.RhythmMinDays},
			Models: Models{p.Models.TimeUnitDays, p.Models.PurchaseHorizon, p.Models.CLVMonths,
				p.Models.MonthlyDiscount, p.Models.PAliveAtRisk, p.Models.HoldoutUnits, p.Models.PurchaseModel},
			Pyramid:   Pyramid{p.Pyramid.Platinum, p.Pyramid.Gold, p.Pyramid.Iron},
			Lifecycle: Lifecycle{p.Lifecycle.WindowDays, p.Lifecycle.ExplorationDays},
			Clusters: Clusters{p.Clusters.KMin, p.Clusters.KMax, p.Clusters.SampleSize, p.Clusters.Seed,
				p.Clusters.MaxIter, p.Clusters.Tol},
			Insights: Insights{p.Insights.TopValues, p.Insights.TooSmallShare, p.Insights.DealSeekerShare,
				p.Insights.RelationshipMaxDiscount},
			StaleAfter: StaleAuto, StaleAction: p.Guards.StaleAction, FanoutMaxShare: p.Guards.FanoutMaxShare},
		Jobs: []Job{{Name: "weekly", Cron: "0 7 * * MON", TimeZone: "UTC", Timeout: time.Hour,
			Audiences: []string{"management", "marketing"}, CatchUp: true}},
		Delivery: Delivery{Retention: 12},
		Email: Email{Port: 587, Security: "starttls", Timeout: 30 * time.Second, FinalReplyTimeout: 10 * time.Minute, AttachmentLimitMB: 10,
			Retries: 3, RetryBackoff: 10 * time.Second,
			Audiences: []Audience{{Name: "management", Gets: "report"}, {Name: "marketing", Gets: "workbook"}}},
		Schedule: Schedule{GracePeriod: 5 * time.Minute, Lock: true},
		Outputs: Outputs{Dir: "custseg-out", Locale: "en", Currency: "¥",
			SegmentSheets: []string{"champions", "at_risk", "cant_lose", "need_attention", "new"}, History: 26,
			FileMode: "0640", DirMode: "0750", CustomerList: "xlsx"},
	}
}

// Load reads, expands and validates the config file at path.
func Load(path string) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, &Error{Msg: err.Error()}
	}
	return Parse(path, data)
}

// Parse is Load on data already read; path names the file in errors.
func Parse(path string, data []byte) (*Config, error) {
	cfg := Default()
	cfg.Path = path
	name := filepath.Base(path)
	if len(bytes.TrimSpace(data)) > 0 {
		// Lists in the file replace the defaults rather than merging into them.
		var probe struct {
			Jobs     []yaml.MapSlice `yaml:"jobs"`
			Analysis struct {
				RFM struct {
					Segments []yaml.MapSlice `yaml:"segments"`
				} `yaml:"rfm"`
			} `yaml:"analysis"`
			Outputs struct {
				SegmentSheets []string `yaml:"segment_sheets"`
			} `yaml:"outputs"`
			Email struct {
				Audiences []yaml.MapSlice `yaml:"audiences"`
			} `yaml:"email"`
		}
		if err := yaml.Unmarshal(data, &probe); err == nil {
			if probe.Jobs != nil {
				cfg.Jobs = nil
			}
			if probe.Analysis.RFM.Segments != nil {
				cfg.Analysis.RFM.Segments = nil
			}
			if probe.Outputs.SegmentSheets != nil {
				cfg.Outputs.SegmentSheets = nil
			}
			if probe.Email.Audiences != nil {
				cfg.Email.Audiences = nil
			}
		}
		dec := yaml.NewDecoder(bytes.NewReader(data), yaml.DisallowUnknownField())
		if err := dec.Decode(cfg); err != nil {
			return nil, &Error{Msg: fmt.Sprintf("%s: %s", name, yamlMessage(err, data))}
		}
	}
	if err := expandEnv(cfg); err != nil {
		return nil, &Error{Msg: fmt.Sprintf("%s: %v", name, err)}
	}
	switch t := cfg.Database.TLS; t {
	case "", "true", "skip-verify":
	default:
		cfg.Database.TLS = cfg.Resolve(t)
	}
	if err := cfg.Validate(); err != nil {
		return nil, &Error{Msg: fmt.Sprintf("%s: %v", name, err)}
	}
	return cfg, nil
}

var yamlPos = regexp.MustCompile(`^\[(\d+):(\d+)\]\s*`)

// yamlMessage turns a go-yaml error into one line: "line L: message"; a
// value of the wrong type names its key: "line L: key: want W, got V".
func yamlMessage(err error, data []byte) string {
	if msg := wrongType(err, data); msg != "" {
		return msg
	}
	msg := yaml.FormatError(err, false, false)
	if m := yamlPos.FindStringSubmatch(msg); m != nil {
		msg = "line " + m[1] + ": " + msg[len(m[0]):]
	}
	if i := bytes.IndexByte([]byte(msg), '\n'); i >= 0 {
		msg = msg[:i]
	}
	return msg
}

// Dir returns the folder relative config paths are resolved against.
func (c *Config) Dir() string {
	if c.Path == "" {
		return "."
	}
	return filepath.Dir(c.Path)
}

// Resolve makes p absolute-or-relative-to-cwd by joining it to the config's
// folder when it is relative.
func (c *Config) Resolve(p string) string {
	if p == "" || filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(c.Dir(), p)
}

// Job returns the job named name, or the first job when name is "".
func (c *Config) Job(name string) (Job, error) {
	if name == "" {
		return c.Jobs[0], nil
	}
	for _, j := range c.Jobs {
		if j.Name == name {
			return j, nil
		}
	}
	names := make([]string, len(c.Jobs))
	for i, j := range c.Jobs {
		names[i] = strconv.Quote(j.Name)
	}
	return Job{}, fmt.Errorf("no job named %q in the config (jobs: %s)", name, joinComma(names))
}

// Params converts the analysis section to analysis.Params.
func (c *Config) Params() analysis.Params {
	a := c.Analysis
	staleDays, _ := StaleAfterDays(a.StaleAfter)
	segs := make([]analysis.SegmentRule, len(a.RFM.Segments))
	for i, s := range a.RFM.Segments {
		segs[i] = analysis.SegmentRule{Key: s.Key, Name: s.Name, NameZh: s.NameZh,
			Action: s.Action, ActionZh: s.ActionZh}
		if len(s.R) == 2 {
			segs[i].RMin, segs[i].RMax = s.R[0], s.R[1]
		}
		if len(s.FM) == 2 {
			segs[i].FMMin, segs[i].FMMax = s.FM[0], s.FM[1]
		}
		for _, name := range s.Statuses {
			// Validate names a status that does not parse; here it is skipped.
			if st, err := analysis.ParseStatus(name); err == nil {
				segs[i].Statuses = append(segs[i].Statuses, st)
			}
		}
	}
	return analysis.Params{
		RFM:   analysis.RFMParams{Bins: a.RFM.Bins, Frequency: a.RFM.Frequency, Segments: segs},
		Tiers: analysis.TierParams{Key: a.Tiers.Key, Important: a.Tiers.Important, Ordinary: a.Tiers.Ordinary, Small: a.Tiers.Small},
		Churn: analysis.ChurnParams{AtRiskDays: a.Churn.AtRiskDays, ChurnedDays: a.Churn.ChurnedDays,
			RhythmAtRisk: a.Churn.RhythmAtRisk, RhythmChurned: a.Churn.RhythmChurned, RhythmMinDays: a.Churn.RhythmMinDays},
		ValueMeasure: a.Value,
		Models: analysis.ModelParams{TimeUnitDays: a.Models.TimeUnitDays, PurchaseHorizon: a.Models.PurchaseHorizon,
			CLVMonths: a.Models.CLVMonths, MonthlyDiscount: a.Models.MonthlyDiscountRate, PAliveAtRisk: a.Models.PAliveAtRisk,
			HoldoutUnits: a.Models.HoldoutUnits, PurchaseModel: a.Models.PurchaseModel},
		Pyramid:   analysis.PyramidParams{Platinum: a.Pyramid.Platinum, Gold: a.Pyramid.Gold, Iron: a.Pyramid.Iron},
		Lifecycle: analysis.LifecycleParams{WindowDays: a.Lifecycle.WindowDays, ExplorationDays: a.Lifecycle.ExplorationDays},
		Clusters: analysis.KMeansParams{KMin: a.Clusters.KMin, KMax: a.Clusters.KMax, SampleSize: a.Clusters.SampleSize,
			Seed: a.Clusters.Seed, MaxIter: a.Clusters.MaxIter, Tol: a.Clusters.Tol},
		Insights: analysis.InsightParams{TopValues: a.Insights.TopValues, TooSmallShare: a.Insights.TooSmallShare,
			DealSeekerShare: a.Insights.DealSeekerShare, RelationshipMaxDiscount: a.Insights.RelationshipMaxDiscount},
		Guards: analysis.GuardParams{StaleAfterDays: staleDays, StaleAction: a.StaleAction, FanoutMaxShare: a.FanoutMaxShare},
	}
}

func joinComma(s []string) string {
	var b bytes.Buffer
	for i, x := range s {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(x)
	}
	return b.String()
}

// Error is a configuration problem; its message names the file and the key
// or line. The CLI maps it to its own exit code.
type Error struct{ Msg string }

func (e *Error) Error() string { return e.Msg }

// StaleAuto is the analysis.stale_after that derives the limit from the
// shop's own purchase rhythm (also the meaning of an empty value).
const StaleAuto = "auto"

// StaleAfterDays reads analysis.stale_after: 0 for "" or auto (the limit
// from the shop's rhythm), else a whole number of days, at least 1.
func StaleAfterDays(s string) (int, error) {
	s = strings.TrimSpace(s)
	if s == "" || strings.EqualFold(s, StaleAuto) {
		return 0, nil
	}
	n, err := strconv.Atoi(strings.TrimSuffix(s, "d"))
	if err != nil || n < 1 {
		return 0, fmt.Errorf("%q is not a number of days (at least 1) or auto", s)
	}
	return n, nil
}

// The memory_limit values that are not sizes.
const (
	MemoryLimitAuto = "auto"
	MemoryLimitOff  = "off"
)

// minMemoryLimit is the smallest memory_limit that is a size: below it a
// run would spend its time collecting garbage.
const minMemoryLimit = 64 << 20

// MemoryLimitBytes returns the size memory_limit gives ("900MiB", "2GB",
// "1073741824"); ok is false for auto and off.
func MemoryLimitBytes(s string) (n uint64, ok bool, err error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", MemoryLimitAuto, MemoryLimitOff:
		return 0, false, nil
	}
	n, err = humanize.ParseBytes(s)
	if err != nil {
		return 0, false, fmt.Errorf("memory_limit: %q is not auto, off or a size such as 900MiB", s)
	}
	if n < minMemoryLimit {
		return 0, false, fmt.Errorf("memory_limit: %q is below 64MiB", s)
	}
	return n, true, nil
}
