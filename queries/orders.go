package queries

import (
	"bytes"
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"
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

// ordersReader reads the rows of OrdersSQL off the connection into
// batches, on a goroutine of its own, while the run's goroutine folds
// them (foldOrders): the reading of the next rows does not wait for the
// summing of the last. It takes the rows from the driver itself, as
// database/sql would hand them to Scan: at ten million rows,
// database/sql's Rows and Scan (a lock and a conversion per value) were a
// quarter of the reading, which is the extract's bottleneck.
type ordersReader struct {
	file       string
	cancel     context.CancelFunc // ends the statement's context, once its rows are read
	header     chan error         // the statement's answer: nil once its rows come
	done       chan error         // the reading's end
	full, free chan *batch
	stop       chan struct{} // closed when the fold fails
}

// startOrders sends query (OrdersSQL with opt, of orders.sql named file)
// on conn, the transaction's connection, and reads its rows on another
// goroutine; mt counts them. Until the reading ends, conn must not be
// used.
func startOrders(ctx context.Context, conn *sqlx.Conn, query, file string, opt Optional, mt *meter) *ordersReader {
	qctx, cancel := context.WithCancel(ctx)
	r := &ordersReader{file: file, cancel: cancel, header: make(chan error, 1), done: make(chan error, 1),
		full: make(chan *batch, 2), free: make(chan *batch, 3), stop: make(chan struct{})}
	for range cap(r.free) {
		r.free <- &batch{}
	}
	// The cell of each result column: customer_id, order_id, ordered_at,
	// amount, then the optional columns the statement has.
	slots := []int{0, 1, 2, 3}
	for k, on := range []bool{opt.Cost, opt.Discount, opt.Category} {
		if on {
			slots = append(slots, 4+k)
		}
	}
	go func() {
		answered := false
		err := conn.Raw(func(dc any) error {
			qc, ok := dc.(driver.QueryerContext)
			if !ok {
				return fmt.Errorf("%s: orders: the database driver (%T) cannot run a query", file, dc)
			}
			rows, err := qc.QueryContext(qctx, query, nil)
			answered = true
			r.header <- err
			if err != nil {
				return nil // the header's error
			}
			defer rows.Close()
			return r.read(rows, slots, mt)
		})
		if !answered {
			r.header <- err
			err = nil
		}
		close(r.full)
		r.done <- err
	}()
	return r
}

// wait waits for the statement's answer: nil once its rows come.
func (r *ordersReader) wait() error {
	if err := <-r.header; err != nil {
		<-r.done
		r.cancel()
		return fmt.Errorf("%s: orders: %w", r.file, err)
	}
	return nil
}

// abandon stops the statement when its rows are no longer wanted: it has
// g kill the query on the server, which would otherwise go on sorting
// rows nobody reads, ends the statement's context and waits for the
// reader.
func (r *ordersReader) abandon(g *guarded) {
	if g.id != 0 {
		_ = g.kill()
	}
	r.cancel()
	close(r.stop)
	for range r.full {
	}
	<-r.done
}

// read reads the rows into batches and hands them to the fold.
func (r *ordersReader) read(rows driver.Rows, slots []int, mt *meter) error {
	vals := make([]driver.Value, len(rows.Columns()))
	if len(vals) != len(slots) {
		return fmt.Errorf("%s: orders: %d columns, want %d", r.file, len(vals), len(slots))
	}
	var n int64
	b := <-r.free
	b.reset(n)
	for {
		err := rows.Next(vals)
		if err == io.EOF {
			break
		}
		if err != nil {
			return fmt.Errorf("%s: orders: %w", r.file, err)
		}
		n++
		mt.row()
		if err := b.addValues(vals, slots); err != nil {
			id, _ := appendValue(nil, vals[0])
			return fmt.Errorf("%s: orders: row %d (customer_id %q): %w", r.file, n, id, err)
		}
		if len(b.rows) == batchRows {
			select {
			case r.full <- b:
			case <-r.stop:
				return nil
			}
			select {
			case b = <-r.free:
			case <-r.stop:
				return nil
			}
			b.reset(n)
		}
	}
	select {
	case r.full <- b:
	case <-r.stop:
	}
	return nil
}

// foldOrders folds the rows r reads into f's dataset, customer by
// customer, on the calling goroutine, and returns the data-quality
// counts; index is the index of each customer id in the dataset. It
// returns once r has stopped reading.
func foldOrders(r *ordersReader, index map[string]int32, f *fold) (*qualityCounts, error) {
	defer r.cancel()
	foldErr := foldBatches(r.full, r.free, r.stop, r.file, index, f)
	readErr := <-r.done
	if foldErr != nil {
		return nil, foldErr
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

// addValues copies one row of the driver's values, in the statement's
// columns, into the cells slots gives them, as database/sql would scan
// them: into sql.RawBytes the text (appendValue), and ordered_at (cell 2)
// into sql.NullTime.
func (b *batch) addValues(vals []driver.Value, slots []int) error {
	var r batchRow
	for k := range r.cells {
		r.cells[k] = [2]int32{-1, -1}
	}
	mark := len(b.text)
	for c, v := range vals {
		k := slots[c]
		switch {
		case k == 2:
			switch t := v.(type) {
			case nil:
			case time.Time:
				r.at = sql.NullTime{Time: t, Valid: true}
			default:
				b.text = b.text[:mark]
				return fmt.Errorf("ordered_at: a value of type %T is not a date or datetime", v)
			}
		case v != nil:
			start := len(b.text)
			var err error
			if b.text, err = appendValue(b.text, v); err != nil {
				b.text = b.text[:mark]
				return err
			}
			r.cells[k] = [2]int32{int32(start), int32(len(b.text))}
		}
	}
	b.rows = append(b.rows, r)
	return nil
}

// appendValue appends the text database/sql gives a driver value scanned
// into sql.RawBytes: bytes and strings as they are, numbers in Go's
// shortest form ('g' for floats), a time in RFC 3339 with nanoseconds.
func appendValue(dst []byte, v driver.Value) ([]byte, error) {
	switch x := v.(type) {
	case []byte:
		return append(dst, x...), nil
	case string:
		return append(dst, x...), nil
	case int64:
		return strconv.AppendInt(dst, x, 10), nil
	case uint64:
		return strconv.AppendUint(dst, x, 10), nil
	case float64:
		return strconv.AppendFloat(dst, x, 'g', -1, 64), nil
	case float32:
		return strconv.AppendFloat(dst, float64(x), 'g', -1, 32), nil
	case bool:
		return strconv.AppendBool(dst, x), nil
	case time.Time:
		return x.AppendFormat(dst, time.RFC3339Nano), nil
	case nil:
		return dst, nil
	}
	return dst, fmt.Errorf("a value of type %T", v)
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
