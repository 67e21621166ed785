package analysis

import (
	"time"

	"github.com/custseg/custseg/analysis/btyd"
)

// Tier is a value interval (value tier) of a customer. Its text (String,
// MarshalText) is its key: key, important, ordinary, small, no_value, or
// "" for none.
type Tier uint8

// Value tiers, from the customers who bring the first share of value down.
const (
	TierNone      Tier = iota // never bought
	TierKey                   // 大客户
	TierImportant             // 重要客户
	TierOrdinary              // 普通客户
	TierSmall                 // 小客户
	TierNoValue               // bought, but net value is not positive
)

var tierKeys = []string{"", "key", "important", "ordinary", "small", "no_value"}

// Tiers lists the tiers in report order.
var Tiers = []Tier{TierKey, TierImportant, TierOrdinary, TierSmall, TierNoValue}

// Status is a customer's churn status; its text is potential, active,
// at_risk or churned ("" before one is assigned).
type Status uint8

// Churn statuses.
const (
	StatusPotential Status = iota + 1 // registered, never bought
	StatusActive
	StatusAtRisk
	StatusChurned
)

var statusKeys = []string{"", "potential", "active", "at_risk", "churned"}

// Statuses lists the statuses in report order.
var Statuses = []Status{StatusActive, StatusAtRisk, StatusChurned, StatusPotential}

// Score is the analysis of one customer, aligned by index with
// Dataset.Customers.
type Score struct {
	Monetary float64 // net revenue
	Value    float64 // the value measure: net revenue or margin
	// RhythmDays is the mean number of days between the customer's purchase
	// days (0 for fewer than two).
	RhythmDays float64
	// Model fields; zero when the models are not usable (Models.Usable).
	PAlive        float64 // probability the customer is still active
	ExpPurchases  float64 // expected purchase days over the purchase horizon
	ExpSpend      float64 // expected spend per purchase day
	CLV           float64 // discounted value over the CLV horizon
	KeepValue     float64 // yearly value pace × chance of still being a customer
	DiscountShare float64 // discount ÷ (gross + discount); 0 without discount data

	// The small fields last, so the struct packs without holes (96 bytes,
	// no pointers).
	// NextOrder is the day by which the customer, if still active, is
	// expected to have bought again (chosen purchase model); zero when
	// unknown, or when P(alive) is below ModelParams.PAliveAtRisk.
	NextOrder Date
	Recency   int32 // days from the last purchase to the as-of date; -1 for non-buyers
	Frequency int32 // orders or order days (RFMParams.Frequency)
	Segment   int16 // index into Result.Segments; -1 for non-buyers
	Cluster   int16 // index into Result.Clusters.Profiles; -1 when none
	R, F, M   int8  // 1..bins; 0 for non-buyers
	FM        int8  // (F + M) / 2 rounded half up; 0 for non-buyers
	Tier      Tier
	Status    Status
	Lifecycle Stage
	Pyramid   PyramidTier
	Behaviour Behaviour
}

// PyramidTier is a customer-pyramid level by lifetime value; its text is
// platinum, gold, iron, lead or "" for none.
type PyramidTier uint8

// Pyramid tiers, from the top.
const (
	PyramidNone     PyramidTier = iota // never bought
	PyramidPlatinum                    // 铂金
	PyramidGold                        // 黄金
	PyramidIron                        // 钢铁
	PyramidLead                        // 重铅
)

var pyramidKeys = []string{"", "platinum", "gold", "iron", "lead"}

// PyramidTiers lists the pyramid tiers from the top.
var PyramidTiers = []PyramidTier{PyramidPlatinum, PyramidGold, PyramidIron, PyramidLead}

// Stage is a customer-lifecycle stage; its text is exploration,
// formation, stability, decline, lost or "" for none.
type Stage uint8

// Lifecycle stages.
const (
	StageNone        Stage = iota // never bought
	StageExploration              // 考察期: new, or one purchase
	StageFormation                // 形成期: buying more often
	StageStability                // 稳定期: steady
	StageDecline                  // 退化期: buying less often, or slipping
	StageLost                     // churned
)

var stageKeys = []string{"", "exploration", "formation", "stability", "decline", "lost"}

// Stages lists the lifecycle stages in order.
var Stages = []Stage{StageExploration, StageFormation, StageStability, StageDecline, StageLost}

// SegmentSummary describes one named RFM segment.
type SegmentSummary struct {
	Rule          SegmentRule
	Customers     int     // buyers in the segment
	Share         float64 // of buyers
	Value         float64 // sum of the value measure
	ValueShare    float64 // of the total positive value
	AvgRecency    float64 // days
	AvgFrequency  float64
	AvgMonetary   float64
	AvgOrderValue float64 // gross revenue per order
}

// TierSummary describes one value tier.
type TierSummary struct {
	Tier       Tier
	Customers  int
	Share      float64 // of buyers
	Value      float64
	ValueShare float64 // of the total positive value
	MinValue   float64
	MaxValue   float64
}

// LorenzPoint is one point of the Lorenz curve: the poorest CustomerShare of
// buyers hold ValueShare of the value.
type LorenzPoint struct {
	CustomerShare float64 `json:"customer_share"`
	ValueShare    float64 `json:"value_share"`
}

// Concentration measures how value concentrates on few customers.
type Concentration struct {
	Top20Share float64       // value share of the top 20 % of buyers
	Gini       float64       // 0 = everyone equal, 1 = one customer has all
	Lorenz     []LorenzPoint // 0..1 in steps of 1 %, when there are buyers
}

// StatusSummary counts the customers of one churn status.
type StatusSummary struct {
	Status    Status
	Customers int
	Share     float64 // of all customers
	Value     float64
}

// KPIs are the headline numbers of a run.
type KPIs struct {
	Customers      int     `json:"customers"`
	Buyers         int     `json:"buyers"`
	Orders         int     `json:"orders"`
	GrossRevenue   float64 `json:"gross_revenue"`
	Refunds        float64 `json:"refunds"`
	NetRevenue     float64 `json:"net_revenue"`
	Margin         float64 `json:"margin,omitempty"`
	AvgOrderValue  float64 `json:"avg_order_value"`
	RepeatRate     float64 `json:"repeat_purchase_rate"`
	Top20Share     float64 `json:"top20_value_share"`
	Gini           float64 `json:"gini"`
	ActiveCustomer int     `json:"active_customers"`
	AtRisk         int     `json:"at_risk_customers"`
	Churned        int     `json:"churned_customers"`
	// ChurnedShare is churned customers ÷ buyers, all time: a share of the
	// buyers, not the churn rate.
	ChurnedShare float64 `json:"churned_share"`
	// PeriodChurnRate is the churn rate, the only one: of the buyers
	// active at the start of the last period (Result.ChurnPeriodDays), the
	// share who are churned at its end. Its JSON name is churn_rate; a
	// manifest written before it was (churn_rate then meant ChurnedShare,
	// period_churn_rate this) still reads right (UnmarshalJSON).
	PeriodChurnRate float64 `json:"churn_rate"`
	// ExpectedPurchases and CLV are totals over the model horizons; nil
	// (null in JSON) when the purchase and spend models are not usable
	// (Models.Usable): not available is not 0. Read them with Avail.
	ExpectedPurchases *float64 `json:"expected_purchases"`
	CLV               *float64 `json:"clv_total"`
	// SaveNow and WinBack count the customers on the two campaign lists
	// (Result.SaveNow, Result.WinBack).
	SaveNow int `json:"save_now"`
	WinBack int `json:"win_back"`
	// Period holds the sales of the reporting period (the days since the
	// previous run, or the last 7 days) and of the period before it; nil
	// when they were not extracted. Every other figure here is all-time.
	Period *PeriodKPIs `json:"period,omitempty"`
}

// GroupSummary counts the buyers and value of one group (a pyramid tier or
// a lifecycle stage).
type GroupSummary struct {
	Key        string
	Customers  int
	Share      float64 // of buyers
	Value      float64 // historical value
	ValueShare float64
	CLV        float64 // sum of lifetime value (0 without models)
	CLVShare   float64
}

// Models reports the purchase and spend models of a run.
type Models struct {
	BGNBD      btyd.BGNBD
	BGNBDError string // why the BG/NBD is not usable; "" when it is
	// PurchaseError says why no purchase model is used ("" when one is:
	// Chosen).
	PurchaseError string
	GammaGamma    btyd.GammaGamma
	GGError       string // why the spend model is not usable; "" when it is
	// Usable reports that both models converged, so the per-customer model
	// fields and the pyramid by lifetime value are filled in.
	Usable          bool
	TimeUnitDays    float64
	PurchaseHorizon float64
	CLVMonths       int
	MonthlyDiscount float64
	MarginRatio     float64 // shop-wide margin ÷ revenue used when cost is known (0 otherwise)
	// PyramidBy is "clv" or, without usable models, "value".
	PyramidBy string

	// Purchase lists the purchase models fitted on all the data to the
	// as-of date, in the order btyd.ModelBGNBD, btyd.ModelMBGNBD, btyd.ModelParetoNBD.
	Purchase []FittedModel
	// Chosen is the key of the purchase model every prediction uses ("" when
	// none converged); ChoiceReason one of the Choice* codes.
	Chosen       string
	ChoiceReason string
	// Backtest is the hold-out check of the purchase models.
	Backtest Backtest
	// Verdict says whether to trust the chosen model's predictions.
	Verdict Verdict
	// SpendCorrelation is the correlation between purchase frequency and
	// mean spend per purchase over the repeat buyers (Gamma-Gamma assumes
	// none); SpendCorrelationN the buyers it was measured on.
	SpendCorrelation  float64
	SpendCorrelationN int
}

// ClusterProfile describes one k-means cluster in original units.
type ClusterProfile struct {
	Name          ClusterName // what the profile's name says (reports put it in words)
	Customers     int
	Share         float64 // of buyers
	ValueShare    float64
	MeanRecency   float64 // days
	MeanFrequency float64
	MeanMonetary  float64
	MeanTenure    float64   // days since the first purchase
	Centroid      []float64 // standardised R, F, M, tenure (log scale)
}

// Clusters is the k-means clustering of the buyers.
type Clusters struct {
	K          int
	Silhouette float64
	Scores     []KScore
	Profiles   []ClusterProfile
	Error      string // why there is no clustering; "" when there is
	Features   []string
}

// Result is the whole analysis of one run.
type Result struct {
	AsOf          time.Time
	ValueMeasure  string // "revenue" or "margin"
	Bins          int
	Scores        []Score // aligned with Dataset.Customers
	Segments      []SegmentSummary
	RFGrid        [][]int // [R-1][F-1]: buyers with those scores
	Tiers         []TierSummary
	Concentration Concentration
	Statuses      []StatusSummary
	KPIs          KPIs

	Models    Models
	Pyramid   []GroupSummary // in PyramidTiers order
	Lifecycle []GroupSummary // in Stages order
	Clusters  Clusters
	// SaveNow lists the key and important customers who are slipping but
	// not churned, by the value that can still be kept (Score.KeepValue),
	// most first; WinBack the churned ones, by past value, most first.
	SaveNow []ListEntry
	WinBack []ListEntry
	// ChurnPeriodDays is the period of KPIs.PeriodChurnRate.
	ChurnPeriodDays int
	// Warnings explain what the analysis could not do (models that did not
	// converge, too little data), in English, for logs and the manifest.
	Warnings []Warning

	Characteristics []Characteristic
	NeedsBySegment  []Need // in Result.Segments order
	NeedsByTier     []Need // in Tiers order
	Evaluation      []SegmentEvaluation
	Migration       Migration
	Cohorts         []Cohort

	// Freshness says how recent the newest purchase is and whether the
	// data is stale; Fanout counts the orders.sql rows that repeat
	// another row exactly (guards.go, package guards).
	Freshness Freshness
	Fanout    Fanout
	// PrevSegment is each customer's segment in the previous run, aligned
	// with Scores: an index into Segments, or PrevNotBuyer, PrevRetired;
	// nil on a first run (read it with PreviousSegment).
	PrevSegment []int16
}
