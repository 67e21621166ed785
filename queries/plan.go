package queries

import (
	"context"
	"database/sql"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/jmoiron/sqlx"
)

// Plan is how the server means to read the orders for a run, from its
// EXPLAIN.
type Plan struct {
	Table  string // the orders table as the plan names it (often orders.sql's alias)
	Access string // EXPLAIN's access type: ALL, index, range, ref, ...
	Key    string // the index used; "" for none
	Rows   int64  // the server's estimate of rows read
	Extra  string // EXPLAIN's Extra column
	// Lookup reports a read through a secondary index that is not
	// covering: one row lookup per order, several times slower than a
	// plain scan of the table.
	Lookup bool
	// Covering reports that the index holds every column the query reads.
	Covering bool
	// Sorts reports that the server sorts the orders by customer itself
	// (EXPLAIN's "Using filesort"): no index gives them in that order.
	Sorts bool
	// BaseTable is the table behind Table, when orders.sql names it; and
	// Index is a covering index for the orders statement on it ("" when the
	// columns could not be told from orders.sql).
	BaseTable string
	Index     string
}

// Summary says in one line how the server reads the orders.
func (p Plan) Summary() string {
	table, rows := p.Table, thousands(p.Rows)
	if p.BaseTable != "" && !strings.EqualFold(p.BaseTable, p.Table) {
		table = p.BaseTable + " (" + p.Table + ")"
	}
	switch {
	case p.Lookup:
		return fmt.Sprintf("reads about %s rows of table %s through index %s with a row lookup per order (3–5× slower than a plain scan)", rows, table, p.Key)
	case p.Covering:
		return fmt.Sprintf("reads about %s rows of table %s from the covering index %s alone", rows, table, p.Key)
	case p.Access == "ALL" && p.Sorts:
		return fmt.Sprintf("scans table %s once (about %s rows) and sorts the rows by customer", table, rows)
	case p.Access == "ALL":
		return fmt.Sprintf("scans table %s once (about %s rows)", table, rows)
	default:
		s := fmt.Sprintf("reads about %s rows of table %s (access %s", rows, table, p.Access)
		if p.Key != "" {
			s += ", index " + p.Key
		}
		return s + ")"
	}
}

// Advice is what to do about a plan with lookups: the covering index to
// create, or the hint that makes the server scan instead. "" when the plan
// is fine.
func (p Plan) Advice() string {
	if !p.Lookup {
		return ""
	}
	hint := fmt.Sprintf("add IGNORE INDEX (%s) after the table in orders.sql so the server scans it instead", p.Key)
	if p.Index == "" {
		return "create an index on the orders table holding every column orders.sql reads, customer first, or " + hint
	}
	return "create a covering index (" + p.Index + "), or " + hint
}

// Hint is how to spare the server the sort of a plan that sorts the
// orders (and reads them without row lookups): a covering index with the
// customer first, which gives the rows in customer order (at 10M orders
// here the statement took 6.5 s with it instead of 11.3 s). "" when the
// plan does not sort or the index cannot be told from orders.sql.
func (p Plan) Hint() string {
	if !p.Sorts || p.Lookup || p.Index == "" {
		return ""
	}
	return "to read the orders in customer order without sorting them, create a covering index (" + p.Index + ")"
}

// ExplainOrders asks the server how it would run the statement a run
// reads src's orders with (OrdersSQL; byBytes as Extract decides it from
// the customer_id column's type) and reports how it reads the orders
// table, with a covering index when the plan looks up rows one by one
// through a secondary index.
func ExplainOrders(ctx context.Context, q sqlx.QueryerContext, src Source, opt Optional, byBytes bool) (Plan, error) {
	rows, err := q.QueryContext(ctx, "EXPLAIN "+OrdersSQL(src.Orders.SQL, opt, byBytes))
	if err != nil {
		return Plan{}, fmt.Errorf("%s: EXPLAIN of the orders: %w", src.Orders.Name, err)
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return Plan{}, err
	}
	var best *Plan
	for rows.Next() {
		vals := make([]sql.NullString, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return Plan{}, fmt.Errorf("%s: EXPLAIN of the orders: %w", src.Orders.Name, err)
		}
		get := func(name string) string {
			for i, c := range cols {
				if strings.EqualFold(c, name) {
					return vals[i].String
				}
			}
			return ""
		}
		p := Plan{Table: get("table"), Access: get("type"), Key: get("key"), Extra: get("Extra")}
		p.Rows, _ = strconv.ParseInt(get("rows"), 10, 64)
		if p.Table == "" || strings.HasPrefix(p.Table, "<") {
			continue // a derived table or a union result, not a table of the shop
		}
		if best == nil || p.Rows > best.Rows {
			best = &p
		}
	}
	if err := rows.Err(); err != nil {
		return Plan{}, fmt.Errorf("%s: EXPLAIN of the orders: %w", src.Orders.Name, err)
	}
	if best == nil {
		return Plan{}, fmt.Errorf("%s: EXPLAIN of the orders names no table", src.Orders.Name)
	}
	p := *best
	p.Covering = p.Key != "" && strings.Contains(p.Extra, "Using index") && !strings.Contains(p.Extra, "Using index condition")
	switch p.Access {
	case "index", "ref", "range", "ref_or_null", "eq_ref", "index_merge":
		p.Lookup = p.Key != "" && !p.Covering
	}
	p.Sorts = strings.Contains(p.Extra, "filesort")
	p.BaseTable = baseTable(src.Orders.SQL, p.Table)
	if (p.Lookup || p.Sorts) && p.BaseTable != "" {
		p.Index = coveringIndex(ctx, q, src.Orders.SQL, p.BaseTable)
	}
	return p, nil
}

var (
	sqlComments = regexp.MustCompile(`(?s)--[^\n]*|#[^\n]*|/\*.*?\*/`)
	fromTables  = regexp.MustCompile("(?i)\\b(?:FROM|JOIN)\\s+([`\\w.]+)(?:\\s+(?:AS\\s+)?([`\\w]+))?")
	sqlStrings  = regexp.MustCompile(`'(?:[^'\\]|\\.|'')*'|"(?:[^"\\]|\\.|"")*"`)
	identifiers = regexp.MustCompile("[`\\w]+")
	aliasOf     = regexp.MustCompile("(?i)([`\\w.]+)\\s+AS\\s+`?customer_id`?\\b")
)

// baseTable returns the table orders.sql reads under name (a table name or
// an alias), or "" when orders.sql does not say.
func baseTable(query, name string) string {
	query = sqlComments.ReplaceAllString(query, " ")
	for _, m := range fromTables.FindAllStringSubmatch(query, -1) {
		table, alias := unquote(m[1]), unquote(m[2])
		if i := strings.LastIndex(table, "."); i >= 0 {
			table = table[i+1:]
		}
		if strings.EqualFold(alias, name) || strings.EqualFold(table, name) {
			return table
		}
	}
	return ""
}

// coveringIndex proposes the columns of an index on table that holds every
// column of table that orders.sql names: the column read as customer_id
// first (the run reads the orders sorted by it), then those of the WHERE clause, then
// the rest in the order the query names them. "" when the server does not
// list the table's columns.
func coveringIndex(ctx context.Context, q sqlx.QueryerContext, query, table string) string {
	rows, err := q.QueryContext(ctx, "SELECT COLUMN_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION", table)
	if err != nil {
		return ""
	}
	defer rows.Close()
	known := map[string]string{}
	for rows.Next() {
		var c string
		if rows.Scan(&c) == nil {
			known[strings.ToLower(c)] = c
		}
	}
	if rows.Err() != nil || len(known) == 0 {
		return ""
	}
	query = sqlStrings.ReplaceAllString(sqlComments.ReplaceAllString(query, " "), "''")
	var cols []string
	add := func(name string) {
		if c, ok := known[strings.ToLower(unquote(name))]; ok && !slices.Contains(cols, c) {
			cols = append(cols, c)
		}
	}
	if m := aliasOf.FindStringSubmatch(query); m != nil {
		add(m[1][strings.LastIndex(m[1], ".")+1:])
	}
	if i := strings.Index(strings.ToUpper(query), "WHERE"); i >= 0 {
		for _, id := range identifiers.FindAllString(query[i:], -1) {
			add(id)
		}
	}
	for _, id := range identifiers.FindAllString(query, -1) {
		if !strings.EqualFold(unquote(id), table) {
			add(id)
		}
	}
	if len(cols) == 0 {
		return ""
	}
	return fmt.Sprintf("CREATE INDEX custseg_orders_cover ON %s (%s)", table, strings.Join(cols, ", "))
}

// thousands writes n with thousands separators: 9,691,191.
func thousands(n int64) string {
	s := strconv.FormatInt(n, 10)
	for i := len(s) - 3; i > 0 && s[i-1] != '-'; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

func unquote(s string) string { return strings.Trim(s, "`") }
