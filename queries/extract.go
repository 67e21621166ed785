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
// customers' rows, then reads the orders once, sorted by customer
// (OrdersSQL), and folds them into each customer's figures, the cohort
// table, the categories (when orders.sql has them) and the data-quality
// counts. The customers are built from their rows while the server
// sorts the orders.
func Extract(ctx context.Context, db *sqlx.DB, src Source, win Window, rules Rules) (_ *Extracted, err error) {
	defer func() { err = oneLine(err) }()
	if !rules.AllowLocking {
		if err := CheckLocking(src); err != nil {
			return nil, err
		}
	}
	ctx, finish := heartbeat(ctx, db, rules.Heartbeat)
	defer func() { err = finish(err) }()
	// The transaction's connection: the orders are read from its driver
	// connection (startOrders).
	conn, err := db.Connx(ctx)
	if err != nil {
		return nil, fmt.Errorf("start read-only transaction: %w", err)
	}
	defer conn.Close()
	tx, err := conn.BeginTxx(ctx, &sql.TxOptions{ReadOnly: true})
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
	customers, err := readCustomers(ctx, tx, src.Customers, ds, mt)
	if err != nil {
		return nil, err
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
	// The orders statement goes to the server now: its first row comes
	// only once the server has sorted them all, and meanwhile the
	// customers are built and the run takes its memory claim.
	orders := startOrders(ctx, conn, stmt, src.Orders.Name, opt, mt)
	index, nullIDs, err := customers.wait()
	if err != nil {
		orders.abandon(g)
		return nil, err
	}
	if rules.CustomersRead != nil {
		rules.CustomersRead(ds)
	}
	if err := orders.wait(); err != nil {
		return nil, err
	}
	q, err := foldOrders(orders, index, newFold(ds, win, rules, opt.Category))
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

// readCustomers reads customers.sql into ds. It returns once the rows
// are read off the connection, copied as they came, so that the next
// statement can go to the server: the customers are then built from the
// copies on another goroutine while the server works on that statement
// (the orders' sort), and their wait gives the index of each customer id
// and the number of rows without one. mt counts the rows against the
// count.
func readCustomers(ctx context.Context, tx *sqlx.Tx, f File, ds *analysis.Dataset, mt *meter) (*pendingCustomers, error) {
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
		return nil, fmt.Errorf("%s: %w", f.Name, err)
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", f.Name, err)
	}
	b := newCustomerBuilder(f, ds, n, cols)
	types, err := rows.ColumnTypes()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", f.Name, err)
	}
	cells := newCustomerCells(cols, types)
	var (
		rb  = &customerBatch{first: 1}
		row int64
	)
	for rows.Next() {
		row++
		mt.row()
		if err := rows.Scan(cells.ptrs...); err != nil {
			return nil, fmt.Errorf("%s: row %d: %w", f.Name, row, err)
		}
		rb.add(cells, b.reg, b.consent)
		if rb.n == batchRows {
			b.batches = append(b.batches, rb)
			rb = &customerBatch{first: row + 1, // sized like the last
				text: make([]byte, 0, len(rb.text)+len(rb.text)/8), ends: make([]uint32, 0, len(rb.ends))}
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", f.Name, err)
	}
	b.batches = append(b.batches, rb)
	mt.end()
	return b.start(), nil
}

// pendingCustomers are customers being built from rows already read
// (readCustomers).
type pendingCustomers struct {
	done    chan struct{}
	index   map[string]int32
	nullIDs int64
	err     error
}

// wait waits for the customers and returns the index of each customer
// id and the number of rows without one.
func (p *pendingCustomers) wait() (map[string]int32, int64, error) {
	<-p.done
	return p.index, p.nullIDs, p.err
}

// customerBuilder turns the rows of customers.sql, read into batches,
// into ds's customers.
type customerBuilder struct {
	file File
	ds   *analysis.Dataset
	n    int // the rows counted, 0 when unknown
	cols int
	// The columns of custseg's names, −1 for none (customer_id is
	// required), and the attributes' columns.
	id, name, email, phone, reg, consent int
	attrs                                []int
	batches                              []*customerBatch
}

// newCustomerBuilder returns the builder of the customers of f, whose
// result columns are cols, into ds (n of them, counted; 0 when unknown).
// It records the attributes' names and whether there is consent in ds.
func newCustomerBuilder(f File, ds *analysis.Dataset, n int, cols []string) *customerBuilder {
	b := &customerBuilder{file: f, ds: ds, n: n, cols: len(cols), name: -1, email: -1, phone: -1, reg: -1, consent: -1}
	named := map[string]*int{"customer_id": &b.id, "name": &b.name, "email": &b.email, "phone": &b.phone,
		"registered_at": &b.reg, "email_consent": &b.consent}
	for i, c := range cols {
		if col, ok := named[strings.ToLower(c)]; ok {
			*col = i
			continue
		}
		b.attrs = append(b.attrs, i)
		ds.AttrNames = append(ds.AttrNames, c)
	}
	ds.HasConsent = b.consent >= 0
	return b
}

// start builds the customers from the batches on a goroutine of its own
// and returns their wait.
func (b *customerBuilder) start() *pendingCustomers {
	p := &pendingCustomers{done: make(chan struct{})}
	go func() {
		defer close(p.done)
		p.index, p.nullIDs, p.err = b.build()
	}()
	return p
}

// build builds the customers from the batches, letting go of each once
// built.
func (b *customerBuilder) build() (map[string]int32, int64, error) {
	ds := b.ds
	index := make(map[string]int32, b.n)
	var (
		nullIDs int64
		rowOf   = make([]int32, 0, b.n) // the row of each customer, for the duplicate message
		slab    []string
	)
	// Attribute values repeat (provinces, channels, genders): each column
	// keeps one copy of each of its first maxInterned distinct values.
	interned := make([]map[string]string, len(b.attrs))
	for k := range interned {
		interned[k] = map[string]string{}
	}
	text := func(rb *customerBatch, j, i int) string {
		if i < 0 {
			return ""
		}
		return string(rb.cell(j, i, b.cols))
	}
	for k, rb := range b.batches {
		b.batches[k] = nil
		for j := range rb.n {
			row := rb.first + int64(j)
			id := rb.cell(j, b.id, b.cols) // NULL reads as ""
			if len(id) == 0 {
				nullIDs++
				continue
			}
			if prev, dup := index[string(id)]; dup {
				return nil, 0, duplicateID(b.file, string(id), int(rowOf[prev]), int(row))
			}
			rowOf = append(rowOf, int32(row))
			c := analysis.Customer{ID: string(id), Name: text(rb, j, b.name), Email: text(rb, j, b.email), Phone: text(rb, j, b.phone)}
			if b.reg >= 0 {
				c.RegisteredAt = rb.reg[j]
			}
			if b.consent >= 0 {
				c.Consent = rb.consent[j]
			}
			if len(b.attrs) > 0 {
				// The customers' attribute slices share large backing arrays.
				if len(slab)+len(b.attrs) > cap(slab) {
					slab = make([]string, 0, len(b.attrs)*4096)
				}
				slab = slab[:len(slab)+len(b.attrs)]
				c.Attrs = slab[len(slab)-len(b.attrs) : len(slab) : len(slab)]
				for k, i := range b.attrs {
					c.Attrs[k] = internBytes(interned[k], rb.cell(j, i, b.cols))
				}
			}
			index[c.ID] = int32(len(ds.Customers))
			ds.Customers = append(ds.Customers, c)
		}
	}
	return index, nullIDs, nil
}

// customerBatch is rows of customers.sql, copied off the connection: each
// cell as text (NULL as empty text), registered_at and email_consent also
// as values.
type customerBatch struct {
	first   int64 // the number of the batch's first row, from 1
	n       int
	ends    []uint32 // where each cell ends in text, row by row; it starts where the one before ends
	text    []byte
	reg     []analysis.Date    // registered_at of each row, when present
	consent []analysis.Consent // email_consent of each row, when present
}

// add copies the scanned row c; reg and cons are the columns read as
// values only (−1: none).
func (rb *customerBatch) add(c *customerCells, reg, cons int) {
	for i := range c.ptrs {
		switch {
		case i == reg || i == cons:
		case c.isRaw[i]:
			rb.text = append(rb.text, c.raw[i]...)
		default:
			rb.text = append(rb.text, text(c.vals[i])...)
		}
		rb.ends = append(rb.ends, uint32(len(rb.text)))
	}
	if reg >= 0 {
		var d analysis.Date
		if t, ok := c.vals[reg].(time.Time); ok {
			d = analysis.DateOf(t)
		}
		rb.reg = append(rb.reg, d)
	}
	if cons >= 0 {
		rb.consent = append(rb.consent, consent(c.vals[cons]))
	}
	rb.n++
}

// cell is column i of row j of a batch of cols columns.
func (rb *customerBatch) cell(j, i, cols int) []byte {
	k := j*cols + i
	start := uint32(0)
	if k > 0 {
		start = rb.ends[k-1]
	}
	return rb.text[start:rb.ends[k]:rb.ends[k]]
}

// customerCells are the scan targets of one row of customers.sql. Text
// and numbers are read as the connection's bytes (sql.RawBytes), which
// database/sql does not copy, into a batch (customerBatch): custseg makes
// the one string it keeps from there, or none when an attribute's value
// is already interned. Times (DATE,
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
