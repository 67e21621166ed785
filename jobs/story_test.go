package jobs

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/custseg/custseg/analysis"
	"github.com/custseg/custseg/config"
	"github.com/custseg/custseg/queries"
)

// TestRunShopOfRecentBuyers is the rental shop that readers found telling
// two stories: every buyer paid within the last weeks and most of them on
// the same recent day. All are active by their own rhythm, so no one may be
// named About to Sleep, At Risk, Can't Lose Them, Hibernating or Lost, and
// the top action may not be a win-back; nobody is on the Win back list.
func TestRunShopOfRecentBuyers(t *testing.T) {
	tdb := loadFixture(t) // the demo schema
	db := tdb.Open(t)
	defer db.Close()
	ctx := context.Background()
	for _, q := range []string{"DELETE FROM orders", "DELETE FROM customers"} {
		if _, err := db.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	const n = 200
	var cust, ord []string
	id := 0
	for c := 1; c <= n; c++ {
		cust = append(cust, fmt.Sprintf("(%d, 'C%d', 'c%d@example.com', NULL, '广东', '广州', 'F', NULL, 'app', '2026-05-01 09:00:00')", c, c, c))
		// 60 % bought last on 2026-09-22 (8 days before the as-of date),
		// the rest a few days earlier; each every 3 to 7 days since July.
		last := asOf.AddDate(0, 0, -8)
		if c%5 >= 3 {
			last = asOf.AddDate(0, 0, -9-c%6)
		}
		gap := 3 + c%5
		for d := last; d.After(time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC)); d = d.AddDate(0, 0, -gap) {
			id++
			ord = append(ord, fmt.Sprintf("(%d, 'R%d', %d, '%s', 'paid', %d.99, 0, 0, '影片')", id, id, c, d.Add(20*time.Hour).Format("2006-01-02 15:04:05"), 1+(c*id)%9))
		}
	}
	for _, ins := range []string{
		"INSERT INTO customers VALUES " + strings.Join(cust, ","),
		"INSERT INTO orders VALUES " + strings.Join(ord, ","),
	} {
		if _, err := db.ExecContext(ctx, ins); err != nil {
			t.Fatal(err)
		}
	}
	out := t.TempDir()
	src := queries.Builtin()
	m, err := Run(ctx, config.Default(), Options{AsOf: asOf, OutDir: out, Queries: &src, DSN: tdb.DSN})
	if err != nil {
		t.Fatal(err)
	}
	if m.Counts.Statuses["active"] != n {
		t.Fatalf("statuses %v, want all %d active", m.Counts.Statuses, n)
	}
	for _, lapsed := range []string{"about_to_sleep", "at_risk", "cant_lose", "hibernating", "lost"} {
		if k := m.Counts.Segments[lapsed]; k != 0 {
			t.Errorf("%d active customers in the segment %s", k, lapsed)
		}
	}
	rows, err := readSnapshot(filepath.Join(m.Dir, SnapshotFile))
	if err != nil {
		t.Fatal(err)
	}
	for id, r := range rows {
		if r.Status != analysis.StatusActive || r.Segment == "" {
			t.Errorf("customer %s: status %s, segment %q", id, r.Status, r.Segment)
		}
	}
	if m.KPIs.WinBack != 0 {
		t.Errorf("win back lists %d customers of a shop where everyone is active", m.KPIs.WinBack)
	}
	page, err := os.ReadFile(filepath.Join(m.Dir, ReportFile("2026-09-30")))
	if err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"Top action, for At Risk", "Top action, for Hibernating", "Top action, for Lost", "Top action, for Can&#39;t Lose Them"} {
		if strings.Contains(string(page), bad) {
			t.Errorf("report says %q", bad)
		}
	}
}
