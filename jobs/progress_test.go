package jobs

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/custseg/custseg/analysis"
	"github.com/custseg/custseg/config"
	"github.com/custseg/custseg/demo"
	"github.com/custseg/custseg/internal/testdb"
	"github.com/custseg/custseg/queries"
)

// piece is one piece of work a run showed progress for.
type piece struct {
	what        string
	total, done int64
	described   []string
	finished    bool
}

// recordProgress records every call a run makes on its Progress and
// fails the test on a call out of order.
type recordProgress struct {
	t      *testing.T
	pieces []*piece
}

func (r *recordProgress) cur(call string) *piece {
	if n := len(r.pieces); n > 0 && !r.pieces[n-1].finished {
		return r.pieces[n-1]
	}
	r.t.Errorf("%s with no piece of work started", call)
	return &piece{}
}

func (r *recordProgress) Start(what string, total int64) {
	if n := len(r.pieces); n > 0 && !r.pieces[n-1].finished {
		r.t.Errorf("Start(%q) while %q is not done", what, r.pieces[n-1].what)
	}
	r.pieces = append(r.pieces, &piece{what: what, total: total})
}
func (r *recordProgress) Describe(now string) {
	p := r.cur("Describe")
	p.described = append(p.described, now)
}
func (r *recordProgress) Add(n int64)      { r.cur("Add").done += n }
func (r *recordProgress) SetTotal(t int64) { r.cur("SetTotal").total = t }
func (r *recordProgress) Done()            { r.cur("Done").finished = true }

func (r *recordProgress) find(what string) *piece {
	for _, p := range r.pieces {
		if p.what == what {
			return p
		}
	}
	var names []string
	for _, p := range r.pieces {
		names = append(names, p.what)
	}
	r.t.Fatalf("no progress for %q; got %s", what, strings.Join(names, ", "))
	return nil
}

// TestProgressOnSmallShop: a run on a small generated shop tells its
// Progress each extract statement's rows against the count, each analysis
// of how many, and the workbook's customer rows; the manifest records the
// rows of each statement.
func TestProgressOnSmallShop(t *testing.T) {
	tdb := testdb.New(t)
	shop := demo.Generate(demo.Options{Customers: 500, Orders: 5000})
	if err := demo.Load(context.Background(), tdb.Open(t), shop); err != nil {
		t.Fatal(err)
	}
	src := queries.Builtin()
	rec := &recordProgress{t: t}
	m, err := Run(context.Background(), config.Default(), Options{AsOf: asOf, OutDir: t.TempDir(), Queries: &src,
		DSN: tdb.DSN, Progress: rec})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range rec.pieces {
		t.Logf("%s: %d of %d %v", p.what, p.done, p.total, p.described)
		if !p.finished || p.done != p.total {
			t.Errorf("%s: finished %v, %d done of %d; want finished, all done", p.what, p.finished, p.done, p.total)
		}
	}
	cust := rec.find("extract: " + src.Customers.Name)
	if cust.total != int64(len(shop.Customers)) || m.QueryRows[src.Customers.Name] != cust.total {
		t.Errorf("customers: total %d, manifest %d; want the %d rows of the customers table", cust.total,
			m.QueryRows[src.Customers.Name], len(shop.Customers))
	}
	ord := rec.find("extract: orders (" + src.Orders.Name + " wrapped by custseg)")
	if ord.done != m.Counts.SourceRows || m.QueryRows["orders ("+src.Orders.Name+" wrapped by custseg)"] != ord.done {
		t.Errorf("orders: %d rows, manifest %v; want every row orders.sql returns (%d)", ord.done, m.QueryRows, m.Counts.SourceRows)
	}
	if len(m.QueryRows) != 2 {
		t.Errorf("manifest query_rows = %v; want customers and orders, each read once", m.QueryRows)
	}
	an := rec.find("analyse")
	if an.total != int64(len(analysis.AnalyzeStages)) || !slices.Equal(an.described, analysis.AnalyzeStages) {
		t.Errorf("analyse: total %d, stages %v; want %d: %v", an.total, an.described, len(analysis.AnalyzeStages), analysis.AnalyzeStages)
	}
	wb := rec.find("workbook: Customers")
	if wb.total != int64(m.Counts.Customers) {
		t.Errorf("workbook Customers: total %d, want %d customers", wb.total, m.Counts.Customers)
	}
}

func TestCheckAsOf(t *testing.T) {
	sh, _ := time.LoadLocation("Asia/Shanghai")
	// 2026-12-05 20:00 UTC is already 2026-12-06 04:00 in Shanghai.
	now := time.Date(2026, 12, 5, 20, 0, 0, 0, time.UTC)
	tests := []struct {
		day    string
		loc    *time.Location
		refuse bool
	}{
		{"2026-12-04", time.UTC, false},
		{"2026-12-05", time.UTC, false},
		{"2026-12-06", time.UTC, true},
		{"2026-12-06", sh, false},
		{"2026-12-07", sh, true},
		{"2027-01-01", time.UTC, true},
	}
	for _, tt := range tests {
		day, _ := time.Parse(time.DateOnly, tt.day)
		err := CheckAsOf(day, now, tt.loc)
		if (err != nil) != tt.refuse {
			t.Errorf("CheckAsOf(%s, %s) = %v; want refused %v", tt.day, tt.loc, err, tt.refuse)
		}
		if err != nil && !strings.Contains(err.Error(), "is after today") {
			t.Errorf("message %q does not say the date is after today", err)
		}
	}
}

func TestAsOfSource(t *testing.T) {
	sh, _ := time.LoadLocation("Asia/Shanghai")
	start := time.Date(2026, 12, 5, 1, 0, 0, 0, time.UTC) // 09:00 in Shanghai
	fire := time.Date(2026, 12, 5, 1, 0, 0, 0, time.UTC)
	day := time.Date(2026, 12, 4, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		opts Options
		rule string
		want string
	}{
		{"flag", Options{AsOf: day}, "yesterday", "flag --as-of"},
		{"rule at start", Options{}, "yesterday", "as_of rule yesterday at the run's start (2026-12-05 09:00 Asia/Shanghai)"},
		{"default rule", Options{}, "", "as_of rule yesterday at the run's start (2026-12-05 09:00 Asia/Shanghai)"},
		{"scheduled", Options{AsOf: day, ScheduledAt: &fire}, "previous_week_end",
			"as_of rule previous_week_end at the scheduled fire 2026-12-05T09:00+08:00"},
		{"caller says", Options{AsOf: day, AsOfSource: "demo week 3 of 4"}, "yesterday", "demo week 3 of 4"},
	}
	for _, tt := range tests {
		if got := asOfSource(tt.opts, tt.rule, start, sh); got != tt.want {
			t.Errorf("%s: %q, want %q", tt.name, got, tt.want)
		}
	}
}
