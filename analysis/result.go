package analysis

import "time"

// Tier is a value interval (value tier) of a customer.
type Tier string

// Value tiers, from the customers who bring the first share of value down.
const (
	TierKey       Tier = "key"       // 大客户
	TierImportant Tier = "important" // 重要客户
	TierOrdinary  Tier = "ordinary"  // 普通客户
	TierSmall     Tier = "small"     // 小客户
	TierNoValue   Tier = "no_value"  // bought, but net value is not positive
	TierNone      Tier = ""          // never bought
)

// Tiers lists the tiers in report order.
var Tiers = []Tier{TierKey, TierImportant, TierOrdinary, TierSmall, TierNoValue}

// Status is a customer's churn status.
type Status string

// Churn statuses.
const (
	StatusPotential Status = "potential" // registered, never bought
	StatusActive    Status = "active"
	StatusAtRisk    Status = "at_risk"
	StatusChurned   Status = "churned"
)

// Statuses lists the statuses in report order.
var Statuses = []Status{StatusActive, StatusAtRisk, StatusChurned, StatusPotential}

// Score is the analysis of one customer, aligned by index with
// Dataset.Customers.
type Score struct {
	Recency   int     // days from the last purchase to the as-of date; -1 for non-buyers
	Frequency int     // orders or order days (RFMParams.Frequency)
	Monetary  float64 // net revenue
	Value     float64 // the value measure: net revenue or margin
	R, F, M   int     // 1..bins; 0 for non-buyers
	FM        int     // (F + M) / 2 rounded half up; 0 for non-buyers
	Segment   int     // index into Result.Segments; -1 for non-buyers
	Tier      Tier
	Status    Status
}

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
	ChurnRate      float64 `json:"churn_rate"`
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
}
