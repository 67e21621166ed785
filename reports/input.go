package reports

import (
	"time"

	"github.com/custseg/custseg/analysis"
)

// Input is everything a report shows about one run.
type Input struct {
	// Job is the job's name as readers see it (its title, else its name).
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
	Warnings []analysis.Warning

	// SegmentSheets are the keys of the segments that get a sheet of their
	// own in the workbook (config outputs.segment_sheets), in order.
	SegmentSheets []string
	// History holds the KPIs of earlier runs of the job, oldest first (the
	// current run not included), for trends; empty on the first run.
	History []HistoryPoint
	// Params of the analysis, for the definitions (thresholds in words).
	Analysis analysis.Params
	// NamesInReport lets the HTML report show customers' names beside
	// their ids (outputs.names_in_report); off by default, so the report
	// and the management email carry no personal data.
	NamesInReport bool
	// CustomerList is where the full customer list goes: "xlsx" (the
	// Customers sheet, the default), "csv.gz" (WriteCustomersCSV only; the
	// workbook keeps every other sheet) or "both".
	CustomerList string
	// RunFolder is where readers find this run's files (the workbook with
	// the full campaign lists): a link under delivery.link_base, or the
	// shared folder's path; "" when the run is not delivered anywhere
	// readers can reach.
	RunFolder string
	// Version is the custseg build that made the run (internal/version),
	// shown beside the run id; "" shows none.
	Version string
	// RowsWritten, when not nil, is told how many rows of a streamed sheet
	// (Customers, a segment sheet, Save now, Win back) the workbook has
	// written, of how many: with 0 as the sheet starts, every few
	// thousand rows and when it is done.
	RowsWritten func(sheet string, rows, total int)
}

// HistoryPoint is one earlier run's headline numbers.
type HistoryPoint struct {
	AsOf string // YYYY-MM-DD
	KPIs analysis.KPIs
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
	// Kind and Source say, for a statement custseg wraps around the
	// operator's orders.sql (Source), which one it is (queries.Statement);
	// Kind is "" for a query sent as the file gives it.
	Kind, Source string
}
