package jobs

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/custseg/custseg/analysis"
	"github.com/custseg/custseg/config"
	"github.com/custseg/custseg/internal/testdb"
	"github.com/custseg/custseg/reports"
)

// nextOrderInput is a run of three customers: c1 a buyer expected to buy
// again by 2026-10-14, c2 a buyer whose next order is unknown, c3 who
// never bought (given a next order that must not be written).
func nextOrderInput(usable bool) *reports.Input {
	ds := &analysis.Dataset{Customers: []analysis.Customer{{ID: "c1"}, {ID: "c2"}, {ID: "c3"}}}
	res := &analysis.Result{
		Segments: []analysis.SegmentSummary{{Rule: analysis.SegmentRule{Key: "champions"}}},
		Scores: []analysis.Score{
			{Segment: 0, Status: analysis.StatusActive, PAlive: 0.9, CLV: 120,
				NextOrder: analysis.DateOf(time.Date(2026, 10, 14, 0, 0, 0, 0, time.UTC))},
			{Segment: 0, Status: analysis.StatusActive, PAlive: 0.3, CLV: 10},
			{Segment: -1, Status: analysis.StatusPotential, Recency: -1,
				NextOrder: analysis.DateOf(time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC))},
		},
	}
	res.Models.Usable = usable
	return &reports.Input{Dataset: ds, Result: res}
}

// scoresDDLBefore is custseg_customer_scores as versions before the
// expected next order created it.
func scoresDDLBefore() string {
	var lines []string
	for _, l := range strings.Split(scoresDDL, "\n") {
		if !strings.Contains(l, "next_order_date") {
			lines = append(lines, l)
		}
	}
	return strings.Join(lines, "\n")
}

// readNextOrders returns the next_order_date of each customer of the
// job's rows of asOf, "NULL" for NULL.
func readNextOrders(t *testing.T, admin *sql.DB, schema, asOf string) map[string]string {
	t.Helper()
	rows, err := admin.Query("SELECT customer_id, DATE_FORMAT(next_order_date, '%Y-%m-%d') FROM `"+schema+
		"`.custseg_customer_scores WHERE job = 'weekly' AND as_of = ?", asOf)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var id string
		var d sql.NullString
		if err := rows.Scan(&id, &d); err != nil {
			t.Fatal(err)
		}
		out[id] = "NULL"
		if d.Valid {
			out[id] = d.String
		}
	}
	return out
}

// TestWritebackNextOrderDate: the scores table has a nullable
// next_order_date, the expected next order of buyers with usable models
// and NULL otherwise; a table made by an earlier version gets the column
// (its rows NULL), and checking the tables again changes nothing.
func TestWritebackNextOrderDate(t *testing.T) {
	tdb := testdb.New(t)
	tests := []struct {
		name   string
		before bool // the table exists in its earlier form, with a row
		usable bool
		want   map[string]string
	}{
		{"new table", false, true, map[string]string{"c1": "2026-10-14", "c2": "NULL", "c3": "NULL"}},
		{"earlier table", true, true, map[string]string{"c1": "2026-10-14", "c2": "NULL", "c3": "NULL"}},
		{"models not usable", false, false, map[string]string{"c1": "NULL", "c2": "NULL", "c3": "NULL"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := config.Default()
			// A schema of its own per case: writebackTarget names it after
			// the end of the database name.
			schema, admin := writebackTarget(t, &testdb.DB{DSN: tdb.DSN, Kind: tdb.Kind, Name: tdb.Name + fmt.Sprint(len(tt.name))}, cfg)
			if tt.before && tdb.Kind != "mariadb" {
				t.Skipf("the %s engine cannot find the column it has just added to the earlier table; tested on MariaDB, which CI always has", tdb.Kind)
			}
			if tt.before {
				for _, q := range []string{
					"CREATE DATABASE `" + schema + "`",
					fmt.Sprintf(scoresDDLBefore(), "`"+schema+"`.`"+ScoresTable+"`"),
					"INSERT INTO `" + schema + "`.`" + ScoresTable + "` (job, as_of, run_id, customer_id, churn_status, frequency, monetary, value) " +
						"VALUES ('weekly', '2026-09-23', 'old', 'c1', 'active', 3, 100, 100)",
				} {
					if _, err := admin.Exec(q); err != nil {
						t.Fatalf("%s: %v", q, err)
					}
				}
			}
			m := &Manifest{RunID: "r-" + tt.name, Job: "weekly", AsOf: "2026-09-30"}
			in := nextOrderInput(tt.usable)
			rows, err := scoreRows(m, in.Dataset, in.Result)
			if err != nil {
				t.Fatal(err)
			}
			now := time.Now()
			rec := RunRecord{RunID: m.RunID, Job: m.Job, AsOf: m.AsOf, StartedAt: now, FinishedAt: now, Status: "ok"}
			ctx := context.Background()
			if err := writeScores(ctx, cfg, Options{DSN: tdb.DSN}, m, rows, rec); err != nil {
				t.Fatal(err)
			}
			if got := readNextOrders(t, admin, schema, "2026-09-30"); fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("next_order_date %v, want %v", got, tt.want)
			}
			if tt.before {
				if got := readNextOrders(t, admin, schema, "2026-09-23"); got["c1"] != "NULL" {
					t.Errorf("the earlier row's next_order_date = %q, want NULL", got["c1"])
				}
			}
			var typ, nullable string
			if err := admin.QueryRow("SELECT DATA_TYPE, IS_NULLABLE FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? AND COLUMN_NAME = 'next_order_date'",
				schema, ScoresTable).Scan(&typ, &nullable); err != nil || strings.ToLower(typ) != "date" || nullable != "YES" {
				t.Errorf("next_order_date column: %q %q, %v; want a nullable DATE", typ, nullable, err)
			}
			// Checking the tables again adds nothing and fails nothing.
			db, names, err := openWriteback(ctx, cfg, Options{DSN: tdb.DSN})
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			if err := ensureTables(ctx, db, schema, names); err != nil {
				t.Errorf("ensureTables again: %v", err)
			}
		})
	}
}
