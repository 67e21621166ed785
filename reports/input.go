package reports

import (
	"time"

	"github.com/custseg/custseg/analysis"
)

// Input is everything a report shows about one run.
type Input struct {
	Job         string
	RunID       string
	AsOf        time.Time // the as-of date (midnight, data time zone)
	GeneratedAt time.Time
	Locale      string // "en" or "zh-CN"
	Currency    string // symbol shown before money, e.g. "¥" or "$"

	Dataset *analysis.Dataset
	Result  *analysis.Result
	Quality []analysis.QualityCheck
	// SourceRows is the number of rows orders.sql returned (all of them,
	// before any data-quality rule).
	SourceRows int64

	Params   []Param // the run's parameters, for the About sheet
	Queries  []Query // the SQL that ran, for the About sheet
	Warnings []string
}

// Param is one named run parameter shown to readers.
type Param struct {
	Name  string
	Value string
}

// Query is one SQL statement the run sent, with where it came from.
type Query struct {
	Name string // e.g. "orders aggregate (queries/orders.sql wrapped)"
	SQL  string
}
