package jobs

import (
	"bufio"
	"context"
	"fmt"
	"math"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/custseg/custseg/config"
	"github.com/custseg/custseg/internal/testdb"
	"github.com/custseg/custseg/queries"
)

// TestCDNOWThroughTheWholeJob loads the raw CDNOW sample transactions (the
// data of Fader, Hardie & Lee 2005) into the database and runs the whole
// job with as-of 1997-09-30, the end of the papers' 39-week calibration
// period. The fitted models must reproduce the published parameters; see
// analysis/testdata/cdnow/PROVENANCE.txt for the values and their sources.
func TestCDNOWThroughTheWholeJob(t *testing.T) {
	tdb := testdb.New(t)
	db := tdb.Open(t)
	if _, err := db.Exec(`CREATE TABLE cdnow_tx (id INT NOT NULL, customer_id INT NOT NULL, tx_date DATE NOT NULL,
		cds INT NOT NULL, amount DECIMAL(10,2) NOT NULL)`); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open("../analysis/testdata/cdnow/CDNOW_sample.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var rows []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fl := strings.Fields(sc.Text())
		if len(fl) != 5 {
			continue
		}
		d, err := time.Parse("20060102", fl[2])
		if err != nil {
			t.Fatal(err)
		}
		rows = append(rows, fmt.Sprintf("(%d,%s,'%s',%s,%s)", len(rows)+1, strings.TrimLeft(fl[1], "0"), d.Format("2006-01-02"), fl[3], fl[4]))
	}
	if len(rows) != 6919 {
		t.Fatalf("read %d transactions, want 6919", len(rows))
	}
	for i := 0; i < len(rows); i += 1000 {
		if _, err := db.Exec("INSERT INTO cdnow_tx VALUES " + strings.Join(rows[i:min(i+1000, len(rows))], ",")); err != nil {
			t.Fatal(err)
		}
	}
	src := queries.Source{
		Customers: queries.File{Name: "cdnow/customers.sql", SQL: "SELECT DISTINCT customer_id FROM cdnow_tx"},
		Orders: queries.File{Name: "cdnow/orders.sql",
			SQL: "SELECT id AS order_id, customer_id, tx_date AS ordered_at, amount FROM cdnow_tx"},
	}
	m, err := Run(context.Background(), config.Default(), Options{
		AsOf: time.Date(1997, 9, 30, 0, 0, 0, 0, time.UTC), OutDir: t.TempDir(), Queries: &src, DSN: tdb.DSN})
	if err != nil {
		t.Fatal(err)
	}
	bg, gg := m.Models.BGNBD, m.Models.GammaGamma
	if !bg.Converged || bg.NCustomers != 2357 || bg.TimeUnit != "weeks" {
		t.Fatalf("BG/NBD: %+v", bg)
	}
	rel := func(got, want float64) float64 { return math.Abs(got-want) / want }
	for _, c := range []struct {
		name      string
		got, want float64
	}{
		// Fader, Hardie & Lee (2005), to the digits other implementations report; 0.5 %.
		{"r", bg.R, 0.2426}, {"alpha", bg.Alpha, 4.4135}, {"a", bg.A, 0.7929}, {"b", bg.B, 2.4258},
		// Fader & Hardie (2013) Gamma-Gamma note, on the 946 repeat buyers; 0.5 %.
		{"p", gg.P, 6.25}, {"q", gg.Q, 3.74}, {"v", gg.V, 15.44},
	} {
		if rel(c.got, c.want) > 0.005 {
			t.Errorf("%s = %.4f, want %.4f within 0.5 %%", c.name, c.got, c.want)
		}
	}
	// Published log-likelihood −9582.43, within 0.05.
	if math.Abs(bg.LogLikelihood-(-9582.43)) > 0.05 {
		t.Errorf("log-likelihood = %.3f, want −9582.43 ± 0.05", bg.LogLikelihood)
	}
	if !gg.Converged || gg.NCustomers != 946 {
		t.Errorf("Gamma-Gamma: %+v", gg)
	}
	// The 8 zero-value transactions count as purchases (as in the papers'
	// summaries), and every later transaction lies after the as-of date.
	for _, q := range m.DataQuality {
		if q.Check == "orders_zero_amount_purchase" && q.Rows != 8 {
			t.Errorf("zero-amount rows = %d, want 8", q.Rows)
		}
	}
}
