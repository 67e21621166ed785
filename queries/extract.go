package queries

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/custseg/custseg/analysis"
)

// Window is the period a run reads: every order before End, with the
// recent and previous trend windows of TrendDays each ending at End.
type Window struct {
	AsOf      time.Time // the as-of date at midnight in the data's time zone
	End       time.Time // AsOf + 1 day: orders at or after End are "future"
	TrendDays int       // length of the recent and previous trend windows
	// PeriodDays, when positive, is the length of the reporting period
	// that ends on the as-of date (the days since the previous run); the
	// extract sums the purchases and refunds of the period and of the
	// period of the same length before it.
	PeriodDays int
	// HoldoutUnits, when positive, is the back-test's holdout: that many
	// time units of UnitDays days each, ending on the as-of date.
	HoldoutUnits int
	UnitDays     float64
}

// HoldoutStarts returns the start of each time unit of the holdout, at
// midnight: the first is the day after the calibration period, unit k
// starts ⌈k × UnitDays⌉ days after it (the days d after the start with
// ⌊d ÷ UnitDays⌋ = k, as the extract counts them). Nil without a
// holdout.
func (w Window) HoldoutStarts() []time.Time {
	if w.HoldoutUnits <= 0 || w.UnitDays <= 0 {
		return nil
	}
	start := w.End.AddDate(0, 0, -int(math.Round(float64(w.HoldoutUnits)*w.UnitDays)))
	out := make([]time.Time, w.HoldoutUnits)
	for k := range out {
		out[k] = start.AddDate(0, 0, int(math.Ceil(float64(k)*w.UnitDays-1e-9)))
	}
	return out
}

// NewWindow returns the window of the as-of date day, in loc, with trend
// windows of trendDays.
func NewWindow(day time.Time, loc *time.Location, trendDays int) Window {
	asOf := time.Date(day.Year(), day.Month(), day.Day(), 0, 0, 0, 0, loc)
	return Window{AsOf: asOf, End: asOf.AddDate(0, 0, 1), TrendDays: trendDays}
}

// Bounds returns the instants the extract classifies rows by.
func (w Window) Bounds() Bounds {
	recent := w.End.AddDate(0, 0, -w.TrendDays)
	b := Bounds{End: w.End, RecentStart: recent, PrevStart: recent.AddDate(0, 0, -w.TrendDays)}
	if w.PeriodDays > 0 {
		b.PeriodStart = w.End.AddDate(0, 0, -w.PeriodDays)
		b.PrevPeriodStart = b.PeriodStart.AddDate(0, 0, -w.PeriodDays)
	}
	b.Holdout, b.HoldoutUnitDays = w.HoldoutStarts(), w.UnitDays
	return b
}

// Statement is one SQL statement a run sent.
type Statement struct {
	Name string // in English, for the log and the manifest
	SQL  string
	// Kind names a statement custseg wraps around Source (orders.sql):
	// "orders" (OrdersSQL); "" for a query the operator's file gives as it
	// is.
	Kind, Source string
}

// Extracted is what the extract step hands to the analysis.
type Extracted struct {
	Dataset    *analysis.Dataset
	Quality    []analysis.QualityCheck
	SourceRows int64 // rows orders.sql returned in all
	Statements []Statement
	// Rows is how many rows each statement returned, by statement name
	// (the statements that were read row by row).
	Rows map[string]int64
}

// Extract runs the operator's queries against db inside one READ ONLY
// transaction bounded by ctx: it checks both queries' columns, reads the
// customers, then reads the orders once, sorted by customer (OrdersSQL),
// and folds them into each customer's figures, the cohort table, the
// categories (when orders.sql has them) and the data-quality counts.
func Extract(ctx context.Context, db *sqlx.DB, src Source, win Window, rules Rules) (_ *Extracted, err error) {
	defer func() { err = oneLine(err) }()
	if !rules.AllowLocking {
		if err := CheckLocking(src); err != nil {
			return nil, err
		}
	}
	ctx, finish := heartbeat(ctx, db, rules.Heartbeat)
	defer func() { err = finish(err) }()
	tx, err := db.BeginTxx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, fmt.Errorf("start read-only transaction: %w", err)
	}
	defer tx.Rollback() //nolint:errcheck // read-only; nothing to keep
	g := guard(ctx, db, tx)
	defer func() { err = g.stop(err) }()
	if rules.TempTableBytes > 0 {
		// Best effort: engines without the variables (the embedded demo
		// engine) refuse the SET and run as they are.
		_, _ = tx.ExecContext(ctx, "SET SESSION tmp_table_size = ?, max_heap_table_size = ?", rules.TempTableBytes, rules.TempTableBytes)
	}

	out := &Extracted{Dataset: &analysis.Dataset{AsOf: win.AsOf}}
	mt := newMeter(rules.RowsRead)
	if _, _, err := probe(ctx, tx, src.Customers, CustomerColumns); err != nil {
		return nil, err
	}
	orderCols, cols, err := probe(ctx, tx, src.Orders, OrderColumns)
	if err != nil {
		return nil, err
	}
	ds := out.Dataset
	ds.HasCost, ds.HasDiscount = orderCols["cost"], orderCols["discount"]

	out.Statements = append(out.Statements, Statement{Name: src.Customers.Name, SQL: src.Customers.SQL})
	index, nullIDs, err := readCustomers(ctx, tx, src.Customers, ds, mt)
	if err != nil {
		return nil, err
	}
	if rules.CustomersRead != nil {
		rules.CustomersRead(ds)
	}

	ds.WindowDays = win.TrendDays
	if starts := win.HoldoutStarts(); len(starts) > 0 {
		ds.Holdout = analysis.Holdout{Known: true, Units: len(starts), UnitDays: win.UnitDays,
			Start: analysis.DateOf(starts[0])}
	}
	if b := win.Bounds(); win.PeriodDays > 0 {
		ds.Period = analysis.Period{Days: win.PeriodDays, Known: true,
			From: analysis.DateOf(b.PeriodStart), To: analysis.DateOf(win.AsOf),
			PrevFrom: analysis.DateOf(b.PrevPeriodStart), PrevTo: analysis.DateOf(b.PeriodStart.AddDate(0, 0, -1))}
	}
	opt := Optional{Cost: ds.HasCost, Discount: ds.HasDiscount, Category: orderCols["category"]}
	stmt := OrdersSQL(src.Orders.SQL, opt, SortsByBytes(cols))
	out.Statements = append(out.Statements, Statement{Name: "orders (" + src.Orders.Name + " wrapped by custseg)", SQL: stmt, Kind: "orders", Source: src.Orders.Name})
	mt.begin(out.Statements, 0)
	q, err := readOrders(ctx, tx, src.Orders.Name, stmt, ds, index, newFold(ds, win, rules, opt.Category), mt)
	if err != nil {
		return nil, err
	}
	mt.end()
	q.customersNullID = nullIDs
	out.Rows = mt.counts
	out.SourceRows = q.sourceRows
	out.Quality = q.checks(ds, rules)
	return out, nil
}

// probe runs the query with LIMIT 0 and checks its columns; it returns
// the columns present, by custseg's names, and the columns.
func probe(ctx context.Context, tx *sqlx.Tx, f File, specs []ColumnSpec) (map[string]bool, []Column, error) {
	cols, err := Columns(ctx, tx, f, 0)
	if err != nil {
		return nil, nil, err
	}
	present, err := CheckColumns(f.Name, cols, specs)
	if err != nil {
		return nil, nil, err
	}
	return present, cols, nil
}

// Columns runs f wrapped with a LIMIT and returns its result columns.
func Columns(ctx context.Context, q sqlx.QueryerContext, f File, limit int) (_ []Column, err error) {
	defer func() { err = oneLine(err) }()
	rows, err := q.QueryContext(ctx, ProbeSQL(f.SQL, limit))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", f.Name, err)
	}
	defer rows.Close()
	types, err := rows.ColumnTypes()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", f.Name, err)
	}
	cols := make([]Column, len(types))
	for i, t := range types {
		cols[i] = Column{Name: t.Name(), DBType: t.DatabaseTypeName()}
	}
	for rows.Next() {
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", f.Name, err)
	}
	return cols, nil
}

// readCustomers reads customers.sql into ds and returns the index of each
// customer id and the number of rows without one. mt counts its rows
// against the count.
func readCustomers(ctx context.Context, tx *sqlx.Tx, f File, ds *analysis.Dataset, mt *meter) (map[string]int32, int64, error) {
	// Count first (in the same transaction, so the same snapshot): the
	// customers are then read into one exact allocation instead of a slice
	// that grows and copies itself, which at a million customers costs
	// five times the final size in garbage. An engine that cannot count
	// the query gets a growing slice.
	var n int
	if err := tx.QueryRowContext(ctx, "SELECT COUNT(*) FROM (\n"+f.SQL+"\n) q").Scan(&n); err != nil || n < 0 {
		n = 0
	}
	ds.Customers = make([]analysis.Customer, 0, n)
	mt.start(f.Name, int64(n))
	rows, err := tx.QueryContext(ctx, f.SQL)
	if err != nil {
		return nil, 0, fmt.Errorf("%s: %w", f.Name, err)
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return nil, 0, fmt.Errorf("%s: %w", f.Name, err)
	}
	std := map[string]int{}
	var attrCols []int
	for i, c := range cols {
		switch strings.ToLower(c) {
		case "customer_id", "name", "email", "phone", "registered_at", "email_consent":
			std[strings.ToLower(c)] = i
		default:
			attrCols = append(attrCols, i)
			ds.AttrNames = append(ds.AttrNames, c)
		}
	}
	_, ds.HasConsent = std["email_consent"]
	types, err := rows.ColumnTypes()
	if err != nil {
		return nil, 0, fmt.Errorf("%s: %w", f.Name, err)
	}
	cells := newCustomerCells(cols, types)
	vals, ptrs := cells.vals, cells.ptrs
	cell := cells.text
	index := make(map[string]int32, n)
	var (
		nullIDs int64
		rowOf   = make([]int32, 0, n) // the row of each customer, for the duplicate message
		slab    []string
	)
	// Attribute values repeat (provinces, channels, genders): each column
	// keeps one copy of each of its first maxInterned distinct values.
	interned := make([]map[string]string, len(attrCols))
	for k := range interned {
		interned[k] = map[string]string{}
	}
	row := 0
	for rows.Next() {
		row++
		mt.row()
		if err := rows.Scan(ptrs...); err != nil {
			return nil, 0, fmt.Errorf("%s: row %d: %w", f.Name, row, err)
		}
		id := cell(std["customer_id"]) // NULL reads as ""
		if id == "" {
			nullIDs++
			continue
		}
		if prev, dup := index[id]; dup {
			return nil, 0, duplicateID(f, id, int(rowOf[prev]), row)
		}
		rowOf = append(rowOf, int32(row))
		c := analysis.Customer{ID: id}
		if i, ok := std["name"]; ok {
			c.Name = cell(i)
		}
		if i, ok := std["email"]; ok {
			c.Email = cell(i)
		}
		if i, ok := std["phone"]; ok {
			c.Phone = cell(i)
		}
		if i, ok := std["registered_at"]; ok {
			if t, ok := vals[i].(time.Time); ok {
				c.RegisteredAt = analysis.DateOf(t)
			}
		}
		if i, ok := std["email_consent"]; ok {
			c.Consent = consent(vals[i])
		}
		if len(attrCols) > 0 {
			// The customers' attribute slices share large backing arrays.
			if len(slab)+len(attrCols) > cap(slab) {
				slab = make([]string, 0, len(attrCols)*4096)
			}
			slab = slab[:len(slab)+len(attrCols)]
			c.Attrs = slab[len(slab)-len(attrCols) : len(slab) : len(slab)]
			for k, i := range attrCols {
				c.Attrs[k] = cells.interned(interned[k], i)
			}
		}
		index[id] = int32(len(ds.Customers))
		ds.Customers = append(ds.Customers, c)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, fmt.Errorf("%s: %w", f.Name, err)
	}
	mt.end()
	return index, nullIDs, nil
}

// customerCells are the scan targets of one row of customers.sql. Text
// and numbers are read as the connection's bytes (sql.RawBytes), which
// database/sql does not copy: custseg makes the one string it keeps, or
// none when an attribute's value is already interned. Times (DATE,
// DATETIME, TIMESTAMP, which the driver turns into time.Time),
// registered_at and email_consent are read as values.
type customerCells struct {
	vals  []any
	raw   []sql.RawBytes
	isRaw []bool
	ptrs  []any // what Scan fills: &raw[i] or &vals[i]
}

func newCustomerCells(cols []string, types []*sql.ColumnType) *customerCells {
	c := &customerCells{vals: make([]any, len(cols)), raw: make([]sql.RawBytes, len(cols)),
		isRaw: make([]bool, len(cols)), ptrs: make([]any, len(cols))}
	for i := range cols {
		c.ptrs[i] = &c.vals[i]
		switch strings.ToLower(cols[i]) {
		case "registered_at", "email_consent":
			continue
		}
		switch strings.ToUpper(types[i].DatabaseTypeName()) {
		case "DATE", "DATETIME", "TIMESTAMP":
			continue
		}
		c.ptrs[i], c.isRaw[i] = &c.raw[i], true
	}
	return c
}

// text is column i of the row as text ("" for NULL).
func (c *customerCells) text(i int) string {
	if c.isRaw[i] {
		return string(c.raw[i])
	}
	return text(c.vals[i])
}

// interned is column i as text, the copy in seen when there is one.
func (c *customerCells) interned(seen map[string]string, i int) string {
	if c.isRaw[i] {
		return internBytes(seen, c.raw[i])
	}
	return intern(seen, text(c.vals[i]))
}

// maxInterned bounds the distinct values interned per attribute column, so
// a column of unique values (a street address) does not build a second
// copy of itself.
const maxInterned = 10_000

// internBytes is intern for a value read as bytes: it makes a string only
// when seen has no copy of it.
func internBytes(seen map[string]string, b []byte) string {
	if u, ok := seen[string(b)]; ok {
		return u
	}
	return intern(seen, string(b))
}

// intern returns the copy of v kept in seen, keeping v when there is none
// and seen has room.
func intern(seen map[string]string, v string) string {
	if u, ok := seen[v]; ok {
		return u
	}
	if len(seen) < maxInterned {
		seen[v] = v
	}
	return v
}

// consent reads a scanned email_consent value: a BIT(1) column arrives as
// one byte 0 or 1, anything else as text (analysis.ParseConsent).
func consent(v any) analysis.Consent {
	if b, ok := v.([]byte); ok && len(b) == 1 && b[0] <= 1 {
		v = int64(b[0])
	}
	return analysis.ParseConsent(text(v), v == nil)
}

// text renders a scanned value for people: dates without a midnight time,
// numbers without exponents.
func text(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case []byte:
		return string(x)
	case string:
		return x
	case int64:
		return strconv.FormatInt(x, 10)
	case uint64:
		return strconv.FormatUint(x, 10)
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case float32:
		return strconv.FormatFloat(float64(x), 'f', -1, 32)
	case bool:
		return strconv.FormatBool(x)
	case time.Time:
		if x.Hour() == 0 && x.Minute() == 0 && x.Second() == 0 && x.Nanosecond() == 0 {
			return x.Format("2006-01-02")
		}
		return x.Format("2006-01-02 15:04:05")
	}
	return fmt.Sprint(v)
}

// oneLine puts err's message on one line: the server quotes the SQL near a
// syntax error, line breaks included. errors.Is and errors.As still see
// the server's error.
func oneLine(err error) error {
	if err == nil || !strings.ContainsAny(err.Error(), "\r\n") {
		return err
	}
	return &flatError{msg: lineBreaks.ReplaceAllString(err.Error(), " "), err: err}
}

var lineBreaks = regexp.MustCompile(`[ \t]*[\r\n]+\s*`)

type flatError struct {
	msg string
	err error
}

func (e *flatError) Error() string { return e.msg }
func (e *flatError) Unwrap() error { return e.err }
