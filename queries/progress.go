package queries

// RowsRead is told how far a statement of the extract has got: rows is how
// many rows the statement has returned so far, total how many it is
// expected to return (the exact count for customers.sql; the customer
// count for the first purchase days, at most one row per customer; 0 when
// there is no estimate). It is called with rows 0 as the statement starts,
// every few thousand rows, and once when its rows are all read, with total
// then equal to rows. Calls come one after another, never two at once,
// but not all from the goroutine that runs Extract: the orders' rows are
// counted on the goroutine that reads them.
type RowsRead func(statement string, rows, total int64)

// rowsEvery is how many rows pass between two calls of RowsRead.
const rowsEvery = 4096

// meter counts the rows each statement of one extract returns and tells
// RowsRead. A nil *meter counts nothing.
type meter struct {
	fn          RowsRead
	name        string
	rows, total int64
	counts      map[string]int64
}

func newMeter(fn RowsRead) *meter { return &meter{fn: fn, counts: map[string]int64{}} }

// begin starts counting the last statement of st, expected to return
// total rows (0: unknown).
func (m *meter) begin(st []Statement, total int64) {
	if m == nil || len(st) == 0 {
		return
	}
	m.start(st[len(st)-1].Name, total)
}

// start starts counting the statement name, expected to return total rows.
func (m *meter) start(name string, total int64) {
	if m == nil {
		return
	}
	m.name, m.rows, m.total = name, 0, total
	if m.fn != nil {
		m.fn(name, 0, total)
	}
}

// row counts one row of the current statement.
func (m *meter) row() {
	if m == nil {
		return
	}
	m.rows++
	if m.total > 0 && m.rows > m.total {
		m.total = m.rows
	}
	if m.fn != nil && m.rows%rowsEvery == 0 {
		m.fn(m.name, m.rows, m.total)
	}
}

// end records the current statement's rows, once they are all read.
func (m *meter) end() {
	if m == nil || m.name == "" {
		return
	}
	m.counts[m.name] += m.rows
	if m.fn != nil {
		m.fn(m.name, m.rows, m.rows) // the estimate gives way to the count
	}
	m.name = ""
}
