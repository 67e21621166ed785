package demo

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Schema holds the CREATE TABLE statements of the demo shop. The tables
// have no PRIMARY KEY on purpose: the embedded engine inserts into keyless
// tables many times faster, and Load adds the indexes (Indexes) after the
// rows. The utf8mb4 option keeps the Chinese names intact on servers whose
// default character set is latin1.
var Schema = []string{
	`CREATE TABLE customers (
  id BIGINT NOT NULL, full_name VARCHAR(64), email VARCHAR(128), mobile VARCHAR(20),
  province VARCHAR(32), city VARCHAR(32), gender VARCHAR(8), birth_date DATE,
  channel VARCHAR(16), created_at DATETIME NOT NULL) DEFAULT CHARSET=utf8mb4`,
	`CREATE TABLE orders (
  id BIGINT NOT NULL, order_no VARCHAR(32) NOT NULL, customer_id BIGINT NULL, created_at DATETIME NOT NULL,
  status VARCHAR(16) NOT NULL, total_amount DECIMAL(12,2) NOT NULL, discount_amount DECIMAL(12,2) NOT NULL,
  cost_amount DECIMAL(12,2) NOT NULL, category VARCHAR(32)) DEFAULT CHARSET=utf8mb4`,
}

// Indexes holds the CREATE INDEX statements Load runs after the rows are in.
var Indexes = []string{
	`CREATE INDEX idx_customers_id ON customers (id)`,
	`CREATE INDEX idx_orders_customer_id ON orders (customer_id)`,
	`CREATE INDEX idx_orders_created_at ON orders (created_at)`,
}

// dropTables runs before Schema, so Load replaces an earlier demo shop.
var dropTables = []string{
	`DROP TABLE IF EXISTS orders`,
	`DROP TABLE IF EXISTS customers`,
}

// batchRows is the number of rows per multi-row INSERT: large enough that
// parsing dominates less than round trips, small enough to stay far below
// max_allowed_packet (a 2000-row orders statement is about 200 KB).
const batchRows = 2000

// Load replaces the tables customers and orders in db's current database
// with the shop's rows: it drops them, creates them (Schema), inserts the
// rows with multi-row INSERT statements and then creates the indexes
// (Indexes). It works the same on MySQL, MariaDB and the embedded server.
// Load runs on one connection; it is not atomic, so an error leaves the
// tables partly loaded.
func Load(ctx context.Context, db *sql.DB, shop *Shop) error {
	conn, err := db.Conn(ctx)
	if err != nil {
		return fmt.Errorf("demo: load: connect: %w", err)
	}
	defer conn.Close()

	// String literals are escaped the way the session reads them.
	var mode string
	if err := conn.QueryRowContext(ctx, "SELECT @@SESSION.sql_mode").Scan(&mode); err != nil {
		return fmt.Errorf("demo: load: read sql_mode: %w", err)
	}
	q := quoter{backslash: !strings.Contains(strings.ToUpper(mode), "NO_BACKSLASH_ESCAPES")}

	for _, stmt := range append(append([]string(nil), dropTables...), Schema...) {
		if _, err := conn.ExecContext(ctx, stmt); err != nil {
			return fmt.Errorf("demo: load: %s: %w", firstLine(stmt), err)
		}
	}
	if err := insertBatches(ctx, conn, "customers", len(shop.Customers), customerColumns, func(b *strings.Builder, i int) {
		q.customer(b, &shop.Customers[i])
	}); err != nil {
		return err
	}
	if err := insertBatches(ctx, conn, "orders", len(shop.Orders), orderColumns, func(b *strings.Builder, i int) {
		q.order(b, &shop.Orders[i])
	}); err != nil {
		return err
	}
	for _, stmt := range Indexes {
		if _, err := conn.ExecContext(ctx, stmt); err != nil {
			return fmt.Errorf("demo: load: %s: %w", stmt, err)
		}
	}
	return nil
}

const (
	customerColumns = "id, full_name, email, mobile, province, city, gender, birth_date, channel, created_at"
	orderColumns    = "id, order_no, customer_id, created_at, status, total_amount, discount_amount, cost_amount, category"
)

// insertBatches inserts n rows into table, batchRows per statement; row
// appends the parenthesised values of row i.
func insertBatches(ctx context.Context, conn *sql.Conn, table string, n int, columns string, row func(*strings.Builder, int)) error {
	var b strings.Builder
	for lo := 0; lo < n; lo += batchRows {
		hi := min(lo+batchRows, n)
		b.Reset()
		b.Grow((hi - lo) * 160)
		b.WriteString("INSERT INTO ")
		b.WriteString(table)
		b.WriteString(" (")
		b.WriteString(columns)
		b.WriteString(") VALUES ")
		for i := lo; i < hi; i++ {
			if i > lo {
				b.WriteByte(',')
			}
			row(&b, i)
		}
		if _, err := conn.ExecContext(ctx, b.String()); err != nil {
			return fmt.Errorf("demo: load %s rows %d-%d: %w", table, lo+1, hi, err)
		}
	}
	return nil
}

// quoter writes SQL literals.
type quoter struct {
	backslash bool // the session treats backslash as an escape character
}

func (q quoter) customer(b *strings.Builder, c *CustomerRow) {
	b.WriteByte('(')
	b.WriteString(strconv.FormatInt(c.ID, 10))
	b.WriteByte(',')
	q.str(b, c.FullName)
	b.WriteByte(',')
	if c.Email.Valid {
		q.str(b, c.Email.String)
	} else {
		b.WriteString("NULL")
	}
	for _, s := range []string{c.Mobile, c.Province, c.City, c.Gender} {
		b.WriteByte(',')
		q.str(b, s)
	}
	b.WriteString(",'")
	b.WriteString(c.BirthDate.Format(time.DateOnly))
	b.WriteString("',")
	q.str(b, c.Channel)
	b.WriteString(",'")
	b.WriteString(c.CreatedAt.Format(time.DateTime))
	b.WriteString("')")
}

func (q quoter) order(b *strings.Builder, o *OrderRow) {
	b.WriteByte('(')
	b.WriteString(strconv.FormatInt(o.ID, 10))
	b.WriteByte(',')
	q.str(b, o.OrderNo)
	b.WriteByte(',')
	if o.CustomerID.Valid {
		b.WriteString(strconv.FormatInt(o.CustomerID.Int64, 10))
	} else {
		b.WriteString("NULL")
	}
	b.WriteString(",'")
	b.WriteString(o.CreatedAt.Format(time.DateTime))
	b.WriteString("',")
	q.str(b, o.Status)
	for _, c := range []int64{o.TotalCents, o.DiscountCents, o.CostCents} {
		b.WriteByte(',')
		b.WriteString(FormatCents(c))
	}
	b.WriteByte(',')
	q.str(b, o.Category)
	b.WriteByte(')')
}

// str writes s as a single-quoted string literal. Quotes are doubled, which
// every mode reads; backslashes and control characters are escaped only when
// the session treats backslash as an escape character, as MySQL does by
// default.
func (q quoter) str(b *strings.Builder, s string) {
	b.WriteByte('\'')
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '\'':
			b.WriteString("''")
		case !q.backslash:
			b.WriteByte(c)
		case c == '\\':
			b.WriteString(`\\`)
		case c == 0:
			b.WriteString(`\0`)
		case c == '\n':
			b.WriteString(`\n`)
		case c == '\r':
			b.WriteString(`\r`)
		case c == 0x1a:
			b.WriteString(`\Z`)
		default:
			b.WriteByte(c)
		}
	}
	b.WriteByte('\'')
}

// FormatCents formats an amount in cents as a decimal literal, e.g. -1234
// as "-12.34".
func FormatCents(c int64) string {
	sign := ""
	u := uint64(c)
	if c < 0 {
		sign, u = "-", uint64(-c)
	}
	frac := u % 100
	return sign + strconv.FormatUint(u/100, 10) + "." + string([]byte{byte('0' + frac/10), byte('0' + frac%10)})
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}
