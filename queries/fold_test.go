package queries

import (
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/custseg/custseg/analysis"
)

// foldRow is one row of orders.sql as the server sends it ("" order or
// amount: NULL; a zero time: NULL).
type foldRow struct {
	customer, order string
	at              string // 2006-01-02 15:04:05
	amount          string
	category        string
}

// foldRows folds rows, sorted by customer as OrdersSQL asks, into a
// dataset of the customers ids under the window ending 2026-09-30 with
// 30-day trend windows, and returns the dataset and the counts.
func foldRows(t *testing.T, ids []string, rows []foldRow, win Window, rules Rules) (*analysis.Dataset, *qualityCounts, error) {
	t.Helper()
	ds := &analysis.Dataset{AsOf: win.AsOf, Period: analysis.Period{Known: win.PeriodDays > 0}}
	index := map[string]int32{}
	for i, id := range ids {
		ds.Customers = append(ds.Customers, analysis.Customer{ID: id})
		index[id] = int32(i)
	}
	if starts := win.HoldoutStarts(); len(starts) > 0 {
		ds.Holdout = analysis.Holdout{Known: true, Units: len(starts), UnitDays: win.UnitDays, Start: analysis.DateOf(starts[0])}
	}
	f := newFold(ds, win, rules, true)
	cur, started := "", false
	for n, r := range rows {
		if r.customer == "" {
			f.q.sourceRows++
			f.q.nullCustomer++
			continue
		}
		if !started || r.customer != cur {
			if err := f.close(); err != nil {
				return nil, nil, err
			}
			cur, started = r.customer, true
			i, known := index[r.customer]
			if err := f.open(i, known); err != nil {
				return nil, nil, fmt.Errorf("row %d: %w", n+1, err)
			}
		}
		var at sql.NullTime
		if r.at != "" {
			tm, err := time.ParseInLocation("2006-01-02 15:04:05", r.at, time.UTC)
			if err != nil {
				t.Fatal(err)
			}
			at = sql.NullTime{Time: tm, Valid: true}
		}
		if err := f.row(bytesOrNil(r.order), at, bytesOrNil(r.amount), nil, nil, []byte(r.category)); err != nil {
			return nil, nil, fmt.Errorf("row %d: %w", n+1, err)
		}
	}
	if err := f.close(); err != nil {
		return nil, nil, err
	}
	f.finish()
	return ds, &f.q, nil
}

func bytesOrNil(s string) []byte {
	if s == "" {
		return nil
	}
	return []byte(s)
}

// testWindow is the window of 2026-09-30 with 30-day trend windows: recent
// from 2026-09-01, previous from 2026-08-02.
func testWindow() Window {
	return NewWindow(time.Date(2026, 9, 30, 0, 0, 0, 0, time.UTC), time.UTC, 30)
}

// TestFoldOrderInTwoWindows checks the fault of the grouped aggregate this
// replaced: an order whose lines fall into two trend windows (or two
// reporting periods) counted once in each. An order counts once, in the
// window of its first line.
func TestFoldOrderInTwoWindows(t *testing.T) {
	win := testWindow()
	win.PeriodDays = 30 // this period from 2026-09-01, the one before from 2026-08-02
	ds, q, err := foldRows(t, []string{"c1"}, []foldRow{
		{customer: "c1", order: "A", at: "2026-08-31 23:50:00", amount: "10.00"},
		{customer: "c1", order: "A", at: "2026-09-01 00:10:00", amount: "5.00"},
		{customer: "c1", order: "B", at: "2026-09-15 12:00:00", amount: "7.50"},
	}, win, Rules{})
	if err != nil {
		t.Fatal(err)
	}
	c := ds.Customers[0]
	if c.Orders != 2 || c.RecentOrders != 1 || c.PreviousOrders != 1 {
		t.Errorf("orders %d, recent %d, previous %d; want 2, 1 (B), 1 (A, by its first line)", c.Orders, c.RecentOrders, c.PreviousOrders)
	}
	if c.PeriodOrders != 1 || c.PrevPeriodOrders != 1 {
		t.Errorf("period orders %d, previous period %d; want 1 and 1", c.PeriodOrders, c.PrevPeriodOrders)
	}
	if c.RecentOrders+c.PreviousOrders > c.Orders {
		t.Errorf("the windows count %d orders of %d", c.RecentOrders+c.PreviousOrders, c.Orders)
	}
	// The money stays with the day it was paid on.
	if ds.Period.Gross != 12.5 || ds.Period.PrevGross != 10 {
		t.Errorf("period gross %v, previous %v; want 12.5 and 10", ds.Period.Gross, ds.Period.PrevGross)
	}
	// Purchase days are days: the order's two lines fall on two.
	if c.OrderDays != 3 || c.FirstOrder.String() != "2026-08-31" || c.LastOrder.String() != "2026-09-15" ||
		c.LastBeforeRecent.String() != "2026-08-31" || c.FirstDayGross != 10 {
		t.Errorf("days %d, first %v, last %v, last before recent %v, first day %v", c.OrderDays, c.FirstOrder, c.LastOrder, c.LastBeforeRecent, c.FirstDayGross)
	}
	if q.duplicates != 1 {
		t.Errorf("rows merged into orders = %d, want 1", q.duplicates)
	}
}

// TestFoldCohortsKnowTheCustomers checks the other fault of the grouped
// queries: the cohorts counted the orders of customer ids customers.sql
// does not return. They count the same buyers as every other figure.
func TestFoldCohortsKnowTheCustomers(t *testing.T) {
	ds, q, err := foldRows(t, []string{"c1", "c2"}, []foldRow{
		{customer: "c1", order: "1", at: "2026-07-03 10:00:00", amount: "20"},
		{customer: "c1", order: "2", at: "2026-07-20 10:00:00", amount: "5"},
		{customer: "c1", order: "3", at: "2026-09-02 10:00:00", amount: "7"},
		{customer: "c2", order: "4", at: "2026-08-09 10:00:00", amount: "-3"}, // a refund only: not a buyer
		{customer: "x9", order: "5", at: "2026-07-04 10:00:00", amount: "60"}, // not in customers.sql
		{customer: "x9", order: "6", at: "2026-08-04 10:00:00", amount: "1"},
		{customer: "y8", order: "7", at: "2026-08-04 10:00:00", amount: "-1"}, // unknown, no purchase
	}, testWindow(), Rules{})
	if err != nil {
		t.Fatal(err)
	}
	var cells []string
	buyers := 0
	for _, c := range ds.CohortCells {
		cells = append(cells, fmt.Sprintf("%s/%s:%d:%g", c.Cohort, c.Month, c.Customers, c.Revenue))
		if c.Cohort == c.Month {
			buyers += c.Customers
		}
	}
	if got, want := strings.Join(cells, " "), "2026-07/2026-07:1:25 2026-07/2026-09:1:7"; got != want {
		t.Errorf("cohort cells %s, want %s", got, want)
	}
	if buyers != 1 || ds.UnknownBuyers != 1 || q.unknown != 3 {
		t.Errorf("cohort buyers %d, unknown buyers %d, unknown rows %d; want 1, 1, 3", buyers, ds.UnknownBuyers, q.unknown)
	}
	if c2 := ds.Customers[1]; c2.IsBuyer() || c2.Refunds != 3 {
		t.Errorf("c2: %+v", c2)
	}
}

// TestFoldRules checks each row rule and count on one customer's rows.
func TestFoldRules(t *testing.T) {
	rows := []foldRow{
		{customer: ""}, // no customer id
		{customer: "c1", order: "1", amount: "5"},                            // no date
		{customer: "c1", order: "2", at: "2026-09-03 08:00:00"},              // no amount
		{customer: "c1", order: "3", at: "2026-10-01 00:00:00", amount: "9"}, // after the as-of date
		{customer: "c1", order: "4", at: "2026-09-30 23:59:59", amount: "0"}, // zero
		{customer: "c1", order: "5", at: "2026-09-10 09:00:00", amount: "-2.5"},
		{customer: "c1", at: "2026-09-10 09:00:00", amount: "3"}, // no order id: an order of its own
		{customer: "c1", at: "2026-09-10 09:00:00", amount: "3"},
		{customer: "c1", order: "6", at: "2026-06-01 09:00:00", amount: "0.1"},
		{customer: "c1", order: "6", at: "2026-06-01 09:00:00", amount: "0.1"}, // an exact repeat
		{customer: "c1", order: "6", at: "2026-06-01 09:00:00", amount: "0.2"},
	}
	for _, tt := range []struct {
		name                    string
		rules                   Rules
		orders                  int32
		gross                   float64
		zero, duplicates, lines int64
	}{
		{"zero kept out", Rules{}, 3, 6.4, 1, 2, 5},
		{"zero is a purchase", Rules{ZeroIsPurchase: true}, 4, 6.4, 1, 2, 6},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ds, q, err := foldRows(t, []string{"c1"}, rows, testWindow(), tt.rules)
			if err != nil {
				t.Fatal(err)
			}
			c := ds.Customers[0]
			// 0.1 + 0.1 + 0.2 + 3 + 3 added as decimals: exactly 6.4, where
			// adding floats gives 6.3999999999999995.
			if c.Orders != tt.orders || c.Gross != tt.gross || c.Refunds != 2.5 || c.Net() != tt.gross-2.5 {
				t.Errorf("orders %d, gross %v, refunds %v; want %d, %v, 2.5", c.Orders, c.Gross, c.Refunds, tt.orders, tt.gross)
			}
			want := qualityCounts{sourceRows: 11, nullCustomer: 1, nullRows: 2, future: 1, zero: tt.zero, refunds: 1, duplicates: tt.duplicates}
			if *q != want {
				t.Errorf("counts %+v, want %+v", *q, want)
			}
			if ds.Repeats.PurchaseRows != tt.lines || ds.Repeats.ExactRepeats != 1 {
				t.Errorf("purchase rows %d, exact repeats %d; want %d, 1", ds.Repeats.PurchaseRows, ds.Repeats.ExactRepeats, tt.lines)
			}
		})
	}
}

// TestFoldRepeatedOrders checks the fan-out counts: repeats in orders
// every line of which repeats (as a JOIN that fans out leaves them) apart
// from identical lines of an order that also has other lines.
func TestFoldRepeatedOrders(t *testing.T) {
	line := func(order, amount string) foldRow {
		return foldRow{customer: "c1", order: order, at: "2026-09-10 09:00:00", amount: amount}
	}
	var rows []foldRow
	for _, order := range []string{"A1", "A2", "A3", "A4", "A5"} {
		rows = append(rows, line(order, "1"), line(order, "1"), line(order, "2"), line(order, "2")) // every line twice
	}
	rows = append(rows, line("B", "1"), line("B", "1"), line("B", "3"), // one line twice, one once
		line("C", "4"))
	ds, _, err := foldRows(t, []string{"c1"}, rows, testWindow(), Rules{FanoutMaxShare: 0.01})
	if err != nil {
		t.Fatal(err)
	}
	r := ds.Repeats
	if !r.PerOrder || r.PurchaseRows != 24 || r.ExactRepeats != 11 || r.OrderRows != 24 || r.InRepeatedOrders != 10 {
		t.Errorf("repeats %+v; want 24 rows, 11 exact repeats, 10 of them in orders A1 to A5", r)
	}
	// Under the share the guard allows, the per-order counts stay unset,
	// as the reports expect.
	ds, _, err = foldRows(t, []string{"c1"}, rows, testWindow(), Rules{FanoutMaxShare: 0.5})
	if err != nil {
		t.Fatal(err)
	}
	if ds.Repeats.PerOrder || ds.Repeats.ExactRepeats != 11 {
		t.Errorf("repeats under the allowed share: %+v", ds.Repeats)
	}
}

// TestFoldHoldout checks the back-test's purchase days per holdout unit.
func TestFoldHoldout(t *testing.T) {
	win := testWindow()
	win.HoldoutUnits, win.UnitDays = 2, 7 // units from 2026-09-17 and 2026-09-24
	ds, _, err := foldRows(t, []string{"c1"}, []foldRow{
		{customer: "c1", order: "1", at: "2026-09-01 10:00:00", amount: "1"},
		{customer: "c1", order: "2", at: "2026-09-16 10:00:00", amount: "1"},
		{customer: "c1", order: "3", at: "2026-09-17 10:00:00", amount: "1"},
		{customer: "c1", order: "4", at: "2026-09-17 11:00:00", amount: "1"},
		{customer: "c1", order: "5", at: "2026-09-23 10:00:00", amount: "1"},
		{customer: "c1", order: "6", at: "2026-09-30 10:00:00", amount: "1"},
	}, win, Rules{})
	if err != nil {
		t.Fatal(err)
	}
	c := ds.Customers[0]
	if c.CalOrderDays != 2 || c.CalLastOrder.String() != "2026-09-16" || c.HoldoutDays != 3 {
		t.Errorf("calibration days %d, last %v, holdout days %d; want 2, 2026-09-16, 3", c.CalOrderDays, c.CalLastOrder, c.HoldoutDays)
	}
	if got := fmt.Sprint(ds.Holdout.Cells); got != "[{0 0 2} {0 1 1}]" {
		t.Errorf("holdout cells %s, want [{0 0 2} {0 1 1}]", got)
	}
}

// TestFoldCategories checks the category sums, and the folding of the
// rarest categories into "(other)" beyond maxCategories.
func TestFoldCategories(t *testing.T) {
	var rows []foldRow
	for k := range maxCategories + 2 {
		rows = append(rows, foldRow{customer: "c1", order: fmt.Sprint(k), at: "2026-09-10 09:00:00",
			amount: fmt.Sprint(10000 - k), category: fmt.Sprintf("cat%04d", k)})
	}
	rows = append(rows, foldRow{customer: "c2", order: "x", at: "2026-09-10 09:00:00", amount: "5", category: "cat0000"},
		foldRow{customer: "c2", order: "y", at: "2026-09-11 09:00:00", amount: "6", category: "cat0000"})
	ds, _, err := foldRows(t, []string{"c1", "c2"}, rows, testWindow(), Rules{})
	if err != nil {
		t.Fatal(err)
	}
	names := ds.CategoryNames
	if len(names) != maxCategories || names[0] != "cat0000" || names[len(names)-2] != "cat0998" || names[len(names)-1] != otherCategory {
		t.Fatalf("%d names: %v … %v", len(names), names[:2], names[len(names)-2:])
	}
	c1 := ds.Customers[0].Categories
	total := 0.0
	for _, cs := range c1 {
		total += cs.Amount
	}
	if len(c1) != maxCategories || c1[len(c1)-1].Amount != float64(10000-999+10000-1000+10000-1001) || total != ds.Customers[0].Gross {
		t.Errorf("c1: %d categories, other %v, total %v of gross %v", len(c1), c1[len(c1)-1], total, ds.Customers[0].Gross)
	}
	if c2 := ds.Customers[1].Categories; len(c2) != 1 || c2[0].Cat != 0 || c2[0].Amount != 11 {
		t.Errorf("c2: %+v", c2)
	}
}

// TestFoldOutOfOrder checks that rows of one customer arriving apart
// stop the extract rather than give wrong counts.
func TestFoldOutOfOrder(t *testing.T) {
	_, _, err := foldRows(t, []string{"c1", "c2"}, []foldRow{
		{customer: "c1", order: "1", at: "2026-09-10 09:00:00", amount: "1"},
		{customer: "c2", order: "2", at: "2026-09-10 09:00:00", amount: "1"},
		{customer: "c1", order: "3", at: "2026-09-10 09:00:00", amount: "1"},
	}, testWindow(), Rules{})
	if !errors.Is(err, errOutOfOrder) || !strings.Contains(err.Error(), "row 3") {
		t.Errorf("err = %v", err)
	}
}

// TestParseMoney checks the exact reading of amounts.
func TestParseMoney(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want float64
		ok   bool
	}{
		{"12.50", 12.5, true}, {"-0.0100", -0.01, true}, {"3", 3, true}, {"+7.", 7, true},
		{"0.30000000000000004", 0.30000000000000004, true}, {"1.5e-07", 1.5e-07, true},
		{"123456789012345.5", 123456789012345.5, true}, {"2.1000000", 2.1, true},
		{"", 0, false}, {"-", 0, false}, {"abc", 0, false}, {"NaN", 0, false},
	} {
		m, ok := parseMoney([]byte(tt.in))
		if ok != tt.ok || (ok && m.float() != tt.want) {
			t.Errorf("parseMoney(%q) = %v, %v; want %v, %v", tt.in, m.float(), ok, tt.want, tt.ok)
		}
	}
	var sum money
	for range 10 {
		m, _ := parseMoney([]byte("0.10"))
		sum.add(m)
	}
	if sum.float() != 1 {
		t.Errorf("ten times 0.10 = %v, want exactly 1", sum.float())
	}
}
