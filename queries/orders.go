package queries

import (
	"bytes"
	"database/sql"
	"fmt"
	"strings"

	"github.com/custseg/custseg/analysis"
)

// OrdersSQL wraps orders.sql in the one statement a run reads the orders
// with: every row of it, its columns as orders.sql names them, sorted by
// customer so that each customer's rows arrive together and are summed
// the moment the next customer's start (readOrders). The database only
// scans and sorts; the grouping into orders, purchase days, trend windows,
// categories and cohorts is custseg's, in one pass over the rows.
//
// With byBytes the rows are sorted by the customer id's bytes rather than
// by the column's collation: under a case-insensitive collation "ab" and
// "AB" sort as one value and their rows could interleave, while custseg
// tells customer ids apart by their bytes, as customers.sql returns them.
// Numeric ids need no such care and keep their own order, which an index
// on the orders table may already give.
//
// The result columns: customer_id, order_id, ordered_at, amount[, cost]
// [, discount][, category].
func OrdersSQL(orders string, opt Optional, byBytes bool) string {
	var s strings.Builder
	s.WriteString("SELECT o.customer_id AS customer_id, o.order_id AS order_id, o.ordered_at AS ordered_at, o.amount AS amount")
	if opt.Cost {
		s.WriteString(", o.cost AS cost")
	}
	if opt.Discount {
		s.WriteString(", o.discount AS discount")
	}
	if opt.Category {
		s.WriteString(", o.category AS category")
	}
	fmt.Fprintf(&s, "\nFROM (\n%s\n) o\nORDER BY ", orders)
	if byBytes {
		s.WriteString("CAST(o.customer_id AS BINARY)")
	} else {
		s.WriteString("o.customer_id")
	}
	return s.String()
}

// SortsByBytes reports whether OrdersSQL must sort the customer ids of
// orders.sql, whose columns are cols, by their bytes: unless customer_id
// is a number.
func SortsByBytes(cols []Column) bool {
	for _, c := range cols {
		if strings.EqualFold(c.Name, "customer_id") {
			return KindOf(c.DBType) != KindNumber
		}
	}
	return true
}

// readOrders reads the rows of OrdersSQL and folds them into ds,
// customer by customer; it closes rows and returns the data-quality
// counts. Two goroutines share the
// work, one core each: this one reads the rows off the connection into
// batches, another folds them, so the reading of the next rows does not
// wait for the summing of the last.
func readOrders(rows *sql.Rows, file string, ds *analysis.Dataset, index map[string]int32, f *fold, mt *meter) (*qualityCounts, error) {
	defer rows.Close()
	var (
		cells [7]sql.RawBytes // customer_id, order_id, -, amount, cost, discount, category
		at    sql.NullTime
	)
	dest := []any{&cells[0], &cells[1], &at, &cells[3]}
	for k, on := range []bool{ds.HasCost, ds.HasDiscount, f.hasCategory} {
		if on {
			dest = append(dest, &cells[4+k])
		}
	}

	full, free := make(chan *batch, 2), make(chan *batch, 3)
	for range cap(free) {
		free <- &batch{}
	}
	stop := make(chan struct{}) // closed when the fold fails
	folded := make(chan error, 1)
	go func() { folded <- foldBatches(full, free, stop, file, index, f) }()

	var n int64
	b := <-free
	b.reset(n)
	readErr := func() error {
		for rows.Next() {
			n++
			mt.row()
			if err := rows.Scan(dest...); err != nil {
				return fmt.Errorf("%s: orders: row %d (customer_id %q): %w", file, n, cells[0], err)
			}
			b.add(&cells, at)
			if len(b.rows) == batchRows {
				select {
				case full <- b:
				case <-stop:
					return nil
				}
				select {
				case b = <-free:
				case <-stop:
					return nil
				}
				b.reset(n)
			}
		}
		if err := rows.Err(); err != nil {
			return fmt.Errorf("%s: orders: %w", file, err)
		}
		return nil
	}()
	if readErr == nil {
		select {
		case full <- b:
		case <-stop:
		}
	}
	close(full)
	if err := <-folded; err != nil {
		return nil, err
	}
	if readErr != nil {
		return nil, readErr
	}
	f.finish()
	return &f.q, nil
}

// batchRows is how many rows the reader hands the fold at a time.
const batchRows = 4096

// batch is rows of the orders statement, copied off the connection: each
// text cell as a range of text (start −1: NULL).
type batch struct {
	first int64 // the number of the batch's first row, from 1
	rows  []batchRow
	text  []byte
}

// batchRow is one row of a batch.
type batchRow struct {
	cells [7][2]int32 // start and end in batch.text of each text cell; start −1 for NULL
	at    sql.NullTime
}

func (b *batch) reset(read int64) {
	b.first, b.rows, b.text = read+1, b.rows[:0], b.text[:0]
}

func (b *batch) add(cells *[7]sql.RawBytes, at sql.NullTime) {
	r := batchRow{at: at}
	for k, c := range cells {
		if c == nil {
			r.cells[k] = [2]int32{-1, -1}
			continue
		}
		start := len(b.text)
		b.text = append(b.text, c...)
		r.cells[k] = [2]int32{int32(start), int32(len(b.text))}
	}
	b.rows = append(b.rows, r)
}

// cell returns cell k of row r, nil for NULL.
func (b *batch) cell(r *batchRow, k int) []byte {
	if r.cells[k][0] < 0 {
		return nil
	}
	return b.text[r.cells[k][0]:r.cells[k][1]:r.cells[k][1]]
}

// foldBatches folds the batches from full into f, customer by customer,
// handing each back on free; on an error it closes stop and drains full.
func foldBatches(full <-chan *batch, free chan<- *batch, stop chan<- struct{}, file string, index map[string]int32, f *fold) error {
	fail := func(err error) error {
		close(stop)
		for range full {
		}
		return err
	}
	var (
		cur     []byte // the customer id of the rows being folded
		started bool
	)
	for b := range full {
		for j := range b.rows {
			r := &b.rows[j]
			n := b.first + int64(j)
			id := b.cell(r, 0)
			if id == nil {
				f.q.sourceRows++
				f.q.nullCustomer++
				continue
			}
			if !started || !bytes.Equal(id, cur) {
				if err := f.close(); err != nil {
					return fail(fmt.Errorf("%s: orders: row %d: %w", file, n, err))
				}
				cur = append(cur[:0], id...)
				started = true
				i, known := index[string(id)]
				if err := f.open(i, known); err != nil {
					return fail(fmt.Errorf("%s: orders: row %d (customer_id %q): %w", file, n, id, err))
				}
			}
			if err := f.row(b.cell(r, 1), r.at, b.cell(r, 3), b.cell(r, 4), b.cell(r, 5), b.cell(r, 6)); err != nil {
				return fail(fmt.Errorf("%s: orders: row %d (customer_id %q): %w", file, n, id, err))
			}
		}
		free <- b
	}
	if err := f.close(); err != nil {
		return fail(fmt.Errorf("%s: orders: %w", file, err))
	}
	return nil
}
