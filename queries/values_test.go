package queries

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"io"
	"math"
	"testing"
	"time"
)

// TestAppendValueAsDatabaseSQL checks that the orders' reader, which takes
// the driver's values itself, gives each the text database/sql's Scan
// gives it in sql.RawBytes, for every kind of value a driver hands over
// (go-sql-driver/mysql: bytes for text and DECIMAL, int64 and uint64,
// float32 and float64, time.Time).
func TestAppendValueAsDatabaseSQL(t *testing.T) {
	vals := []driver.Value{
		[]byte("12.50"), []byte(""), "text", "",
		int64(0), int64(-42), int64(math.MaxInt64), int64(math.MinInt64), uint64(math.MaxUint64),
		0.1, 1e21, -2.5e-7, math.Inf(1), 123456789.125,
		float32(0.1), float32(3e10), float32(-1.5),
		true, false,
		time.Date(2024, 2, 29, 13, 4, 5, 123456789, time.FixedZone("", 8*3600)),
		time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC),
	}
	db := sql.OpenDB(valuesConnector{vals})
	defer db.Close()
	rows, err := db.QueryContext(context.Background(), "the values")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	raw := make([]sql.RawBytes, len(vals))
	dest := make([]any, len(vals))
	for i := range raw {
		dest[i] = &raw[i]
	}
	if !rows.Next() {
		t.Fatal("no row")
	}
	if err := rows.Scan(dest...); err != nil {
		t.Fatal(err)
	}
	for i, v := range vals {
		got, err := appendValue([]byte("x"), v)
		if err != nil {
			t.Errorf("%T %v: %v", v, v, err)
			continue
		}
		if string(got[1:]) != string(raw[i]) {
			t.Errorf("%T %v: %q, database/sql gives %q", v, v, got[1:], raw[i])
		}
	}
	if _, err := appendValue(nil, struct{}{}); err == nil {
		t.Error("a value of no driver type gave no error")
	}
}

// valuesConnector is a database whose every query returns one row: vals.
type valuesConnector struct{ vals []driver.Value }

func (c valuesConnector) Connect(context.Context) (driver.Conn, error) { return valuesConn(c), nil }
func (c valuesConnector) Driver() driver.Driver                        { return nil }

type valuesConn valuesConnector

func (c valuesConn) Prepare(string) (driver.Stmt, error) { return valuesStmt(c), nil }
func (valuesConn) Close() error                          { return nil }
func (valuesConn) Begin() (driver.Tx, error)             { return nil, driver.ErrSkip }

type valuesStmt valuesConn

func (valuesStmt) Close() error                               { return nil }
func (valuesStmt) NumInput() int                              { return -1 }
func (valuesStmt) Exec([]driver.Value) (driver.Result, error) { return nil, driver.ErrSkip }
func (s valuesStmt) Query([]driver.Value) (driver.Rows, error) {
	return &valuesRows{vals: s.vals}, nil
}

type valuesRows struct {
	vals []driver.Value
	done bool
}

func (r *valuesRows) Columns() []string {
	cols := make([]string, len(r.vals))
	for i := range cols {
		cols[i] = "c"
	}
	return cols
}
func (*valuesRows) Close() error { return nil }
func (r *valuesRows) Next(dest []driver.Value) error {
	if r.done {
		return io.EOF
	}
	r.done = true
	copy(dest, r.vals)
	return nil
}
