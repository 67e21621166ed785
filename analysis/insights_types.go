package analysis

import "github.com/custseg/custseg/analysis/cohorts"

// This file holds the result types of the seeds' remaining segmentation
// steps: characteristics (step 1), common needs (step 3), segment
// evaluation (step 5), deal seekers and migration.

// CategorySpend is a customer's purchases in one product category.
type CategorySpend struct {
	Cat    uint16  // index into Dataset.CategoryNames
	Amount float64 // sum of purchase amounts in the category
}

// Characteristic breaks customers down by one attribute column.
type Characteristic struct {
	Attribute string           // column name, e.g. "province"; "age band" for birth_date
	Values    []AttributeValue // most customers first; the long tail folded into one "other" value
	// Column is the attribute column the breakdown comes from: Attribute
	// itself, or the date column read as age bands.
	Column string
	// Distinct counts the distinct given (non-empty) values of the column.
	Distinct int
	// MostlyUnique marks a column whose given values are mostly distinct
	// (free text, identifiers): all of them are folded into Other.
	MostlyUnique bool
}

// AttributeValue is one value of an attribute and who has it.
type AttributeValue struct {
	Name       string // "" is shown as "(not given)"; Other marks the folded tail
	Other      bool
	Customers  int
	Buyers     int
	Share      float64 // of all customers
	Value      float64 // sum of the value measure
	ValueShare float64
	// Segments counts the buyers of each RFM segment (index as Result.Segments).
	Segments []int
	// Folded counts the distinct values folded into an Other value (0 for
	// the others).
	Folded int
}

// Need is the common-needs profile of one group of buyers (a segment or a
// value tier): what they buy, where, at what discount.
type Need struct {
	Group         string // segment key or tier
	Customers     int
	TopCategories []Share // by value, at most 5
	Channels      []Share // channel mix by customers (when a "channel" attribute exists)
	DiscountShare float64 // discount ÷ (gross + discount)
	AvgOrderValue float64
	RepeatRate    float64 // share with two or more orders
	AvgCategories float64 // distinct categories bought (cross-buying)
	DealSeekers   int
	Relationship  int
}

// Share is a named share of a whole.
type Share struct {
	Name  string
	Share float64
	Value float64
}

// Behaviour is a customer's buying style (the seeds' Boots example and the
// transaction/relationship split).
type Behaviour uint8

// Behaviours.
const (
	BehaviourNone          Behaviour = iota // never bought, or no discount data
	BehaviourDealSeeker                     // buys mostly on discount
	BehaviourRelationship                   // pays full price and contributes margin
	BehaviourTransactional                  // the rest
)

var behaviourKeys = []string{"", "deal_seeker", "relationship", "transactional"}

// SegmentEvaluation rates one RFM segment on the seeds' step-5 criteria.
type SegmentEvaluation struct {
	Key          string
	Customers    int
	Share        float64 // of all customers
	ValueShare   float64
	Distinctness float64 // mean silhouette of its members on the clustering features, −1..1
	TooSmall     bool    // under the configured share of customers
	// Stability is the share of its members who were in the same segment in
	// the previous run; -1 when there is no previous run.
	Stability float64
}

// Snapshot is what a run remembers of each customer for the next run.
type Snapshot struct {
	AsOf string // YYYY-MM-DD
	// Customers are the previous run's customers by id, until Align puts
	// them beside this run's customers (and drops the map).
	Customers map[string]SnapshotRow
	KPIs      KPIs

	// After Align: the previous row of each of this run's customers
	// (present: the customer was in the previous run), and how many of
	// the previous run's customers were in each segment key.
	aligned   []SnapshotRow
	present   []bool
	bySegment map[string]int
}

// Align puts the previous run's rows beside customers, the run's
// customers (the same as Dataset.Customers), and drops the map by id: at
// a million customers the map and its ids hold about 130 MB through the
// whole run, the aligned rows about 25 MB. The analysis reads the
// snapshot the same way before and after.
func (s *Snapshot) Align(customers []Customer) {
	if s == nil || s.aligned != nil {
		return
	}
	s.bySegment = s.segmentCounts()
	s.aligned, s.present = make([]SnapshotRow, len(customers)), make([]bool, len(customers))
	for i := range customers {
		s.aligned[i], s.present[i] = s.Customers[customers[i].ID]
	}
	s.Customers = nil
}

// row returns the previous run's row of this run's customer i, whose id
// is id; ok is false when the customer was not in the previous run.
func (s *Snapshot) row(i int, id string) (SnapshotRow, bool) {
	if s.aligned != nil {
		return s.aligned[i], s.present[i]
	}
	r, ok := s.Customers[id]
	return r, ok
}

// segmentCounts returns how many of the previous run's customers were in
// each segment key ("" for non-buyers).
func (s *Snapshot) segmentCounts() map[string]int {
	if s.bySegment != nil {
		return s.bySegment
	}
	out := map[string]int{}
	for _, r := range s.Customers {
		out[r.Segment]++
	}
	return out
}

// SnapshotRow is one customer's place in a run.
type SnapshotRow struct {
	Segment string // segment key; "" for non-buyers
	Tier    Tier
	Status  Status
	Pyramid PyramidTier
}

// Migration compares this run with the previous one.
type Migration struct {
	PreviousAsOf string // "" when there is nothing to compare with
	// Matrix[i][j] counts customers in segment i last run and j now; the
	// last row and column stand for "not a buyer / not present".
	Matrix [][]int
	Keys   []string // segment keys of the matrix rows/columns, then "none"
	// MovedUp, MovedDown, Same, New and Reclassified partition the buyers
	// of this run: MovedUp + MovedDown + Same + New + Reclassified = buyers
	// now (Reclassified is 0 unless the segment rules changed).
	MovedUp   int // to a segment listed earlier in the segment rules
	MovedDown int
	Same      int
	// New counts the first-time buyers: buyers now who were not buyers in
	// the previous run (new customers, or customers who had not bought).
	New int
	// Reclassified counts buyers of both runs whose previous segment the
	// current rules no longer have, so no direction can be told.
	Reclassified int
	// Lost counts the previous run's buyers who are not buyers now (no
	// longer in the customer list, or no longer in a segment).
	Lost      int
	KPIDeltas map[string]float64
	PrevKPIs  *KPIs
}

// Cohort is one monthly acquisition cohort (cohorts.Cohort).
type Cohort = cohorts.Cohort

// CohortCell is one (acquisition month, order month) cell as the database
// aggregated it (cohorts.Cell).
type CohortCell = cohorts.Cell

// InsightParams configure characteristics, needs and segment evaluation.
type InsightParams struct {
	TopValues       int     // attribute values shown before "other" (10)
	TooSmallShare   float64 // segments under this share of customers are too small to act on (0.01)
	DealSeekerShare float64 // discount share at or above which a buyer is a deal seeker (0.20)
	// RelationshipMaxDiscount: buyers under this discount share whose margin
	// contribution is above the buyers' median are relationship customers (0.05).
	RelationshipMaxDiscount float64
}
