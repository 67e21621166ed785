package queries

import (
	"context"
	"fmt"
	"time"

	"github.com/custseg/custseg/analysis"
	"github.com/jmoiron/sqlx"
)

// ProbeSQL wraps a query so that it returns at most limit rows; the run
// and `custseg check` use it to read the column names and types. The query
// starts on the first line, so the line numbers of the server's syntax
// errors are the query's own.
func ProbeSQL(query string, limit int) string {
	return fmt.Sprintf("SELECT * FROM (%s\n) q LIMIT %d", query, limit)
}

const timeLiteralFmt = "2006-01-02 15:04:05"

// Rules are the data rules the extract applies, and the session settings
// it reads the orders with.
type Rules struct {
	// ZeroIsPurchase counts orders with a zero amount as purchases (worth
	// nothing); otherwise they are kept out of the purchases.
	ZeroIsPurchase bool
	// FanoutMaxShare: when more than this share of the purchase rows
	// repeat another row exactly (and at least guards.FanoutMinRows),
	// the extract also groups the purchases per order, to count the
	// repeats in orders every row of which repeats (FanoutSQL).
	FanoutMaxShare float64
	// TempTableBytes, when positive, is set as the session's tmp_table_size
	// and max_heap_table_size before the grouped queries run, so their
	// temporary tables stay in memory (an engine without these variables
	// is left as it is).
	TempTableBytes int64
	// AllowLocking runs queries that hold a locking read clause (FOR
	// UPDATE, FOR SHARE, LOCK IN SHARE MODE); otherwise Extract refuses
	// them (CheckLocking).
	AllowLocking bool
	// Heartbeat, when positive, is how often a second connection checks
	// that the server still answers while Extract runs; two missed
	// answers in a row stop the queries with ErrStalled.
	Heartbeat time.Duration
	// RowsRead, when not nil, is told the rows each statement of Extract
	// has read (progress on a terminal); it changes nothing in the SQL.
	RowsRead RowsRead
	// CustomersRead, when not nil, is called with the dataset once the
	// customers are built, before the orders are folded into them (the
	// run puts the previous run's snapshot beside them and sets its
	// memory budget there: the customers are most of what it will hold).
	// The orders statement is running on the server meanwhile, so the
	// call must not use the database.
	CustomersRead func(*analysis.Dataset)
}

// Optional says which optional columns orders.sql returns, for the SQL
// custseg wraps around it.
type Optional struct{ Cost, Discount, Category bool }

// Bounds are the instants the extract classifies rows by (fold).
type Bounds struct {
	End         time.Time // exclusive end of the window: the day after the as-of date
	RecentStart time.Time // start of the recent trend window
	PrevStart   time.Time // start of the window before it
	// PeriodStart starts the reporting period, which ends at End (the days
	// since the previous run); PrevPeriodStart starts the period of the
	// same length before it. Both zero: no period figures are summed.
	PeriodStart     time.Time
	PrevPeriodStart time.Time
	// Holdout, when not empty, holds the start of each time unit of the
	// back-test's holdout (Holdout[0] is the first day after the
	// calibration period, each at midnight); the extract then also counts
	// each customer's purchase days per holdout unit.
	Holdout []time.Time
	// HoldoutUnitDays is the length of a holdout unit in days.
	HoldoutUnitDays float64
}

// bigResultHint returns the SQL_BIG_RESULT hint when on is set.
func bigResultHint(on bool) string {
	if on {
		return "SQL_BIG_RESULT "
	}
	return ""
}

// takesHints reports whether the server accepts MySQL's SELECT modifiers
// (MySQL and MariaDB do, the embedded demo engine does not; any other
// server is asked the same way).
func takesHints(ctx context.Context, q sqlx.QueryerContext) bool {
	var one int
	return q.QueryRowxContext(ctx, "SELECT SQL_BIG_RESULT 1").Scan(&one) == nil
}

// purchase is the condition that makes a row a purchase under rules.
func purchase(rules Rules) string {
	if rules.ZeroIsPurchase {
		return "o.amount >= 0"
	}
	return "o.amount > 0"
}
