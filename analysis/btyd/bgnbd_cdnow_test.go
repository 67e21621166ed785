package btyd

import (
	"bufio"
	"encoding/csv"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"
)

// The CDNOW sample (2,357 customers of the Q1 1997 cohort) and the
// summaries lifetimes derives from it; see testdata/cdnow/PROVENANCE.txt.
const cdnowDir = "testdata/cdnow"

// cdnowRow is one customer of the CDNOW summaries: x, t_x and T in weeks,
// zbar the mean spend over the repeat purchase days (0 when x = 0).
type cdnowRow struct {
	ID          int
	X, Tx, T, Z float64
}

// readCSV returns the records of a comma-separated file without its header.
func readCSV(t testing.TB, name string) [][]string {
	t.Helper()
	f, err := os.Open(filepath.Join(cdnowDir, name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return recs[1:]
}

func parseFloats(t testing.TB, name string, rec []string) []float64 {
	t.Helper()
	out := make([]float64, len(rec))
	for i, s := range rec {
		v, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		out[i] = v
	}
	return out
}

// loadCDNOWSummary reads cdnow_customers_summary.csv (ID, frequency,
// recency, T).
func loadCDNOWSummary(t testing.TB) []cdnowRow {
	const name = "cdnow_customers_summary.csv"
	var rows []cdnowRow
	for _, rec := range readCSV(t, name) {
		v := parseFloats(t, name, rec)
		rows = append(rows, cdnowRow{ID: int(v[0]), X: v[1], Tx: v[2], T: v[3]})
	}
	return rows
}

// loadCDNOWWithSpend reads cdnow_customers_summary_with_transactions.csv
// (ID, x, t_x, T, zbar).
func loadCDNOWWithSpend(t testing.TB) []cdnowRow {
	const name = "cdnow_customers_summary_with_transactions.csv"
	var rows []cdnowRow
	for _, rec := range readCSV(t, name) {
		v := parseFloats(t, name, rec)
		rows = append(rows, cdnowRow{ID: int(v[0]), X: v[1], Tx: v[2], T: v[3], Z: v[4]})
	}
	return rows
}

func cdnowRFT(rows []cdnowRow) []RFT {
	data := make([]RFT, len(rows))
	for i, r := range rows {
		data[i] = RFT{X: r.X, Tx: r.Tx, T: r.T}
	}
	return data
}

// buildCDNOWSummaries derives the summaries from the raw transactions of
// CDNOW_sample.txt the way PROVENANCE.txt states: calibration 1997-01-01 ..
// 1997-09-30, purchases collapsed to one per day, x = distinct days − 1,
// t_x and T in days/7, zbar the mean daily spend over the repeat days. The
// values are not rounded.
func buildCDNOWSummaries(t testing.TB) []cdnowRow {
	f, err := os.Open(filepath.Join(cdnowDir, "CDNOW_sample.txt"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	end := time.Date(1997, 9, 30, 0, 0, 0, 0, time.UTC)
	spend := map[int]map[int]float64{} // customer → day (since end) → spend
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) == 0 {
			continue
		}
		if len(fields) != 5 {
			t.Fatalf("CDNOW_sample.txt: %q: want 5 fields", sc.Text())
		}
		id, err := strconv.Atoi(fields[1])
		if err != nil {
			t.Fatal(err)
		}
		date, err := time.Parse("20060102", fields[2])
		if err != nil {
			t.Fatal(err)
		}
		value, err := strconv.ParseFloat(fields[4], 64)
		if err != nil {
			t.Fatal(err)
		}
		if date.After(end) {
			continue
		}
		day := int(date.Sub(end).Hours() / 24) // ≤ 0
		if spend[id] == nil {
			spend[id] = map[int]float64{}
		}
		spend[id][day] += value
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	rows := make([]cdnowRow, 0, len(spend))
	for id, days := range spend {
		ds := make([]int, 0, len(days))
		for d := range days {
			ds = append(ds, d)
		}
		sort.Ints(ds)
		first, last := ds[0], ds[len(ds)-1]
		row := cdnowRow{
			ID: id,
			X:  float64(len(ds) - 1),
			Tx: float64(last-first) / 7,
			T:  float64(-first) / 7,
		}
		if len(ds) > 1 {
			var sum float64
			for _, d := range ds[1:] {
				sum += days[d]
			}
			row.Z = sum / float64(len(ds)-1)
		}
		rows = append(rows, row)
	}
	sort.Slice(rows, func(i, j int) bool { return rows[i].ID < rows[j].ID })
	return rows
}

// TestCDNOWSummariesFromRaw proves our definitions of x, t_x, T and zbar:
// built from the raw transactions, they equal both published summaries to
// their two printed decimals, and the fit on them matches the fit on the
// summary file.
func TestCDNOWSummariesFromRaw(t *testing.T) {
	built := buildCDNOWSummaries(t)
	summary := loadCDNOWSummary(t)
	withSpend := loadCDNOWWithSpend(t)
	if len(built) != 2357 || len(summary) != 2357 || len(withSpend) != 2357 {
		t.Fatalf("customers: built %d, summary %d, with spend %d; want 2357 each (PROVENANCE.txt)",
			len(built), len(summary), len(withSpend))
	}
	// The files print two decimals: a value matches when it is within half
	// a unit of the last one (ties such as 18.135 round either way).
	const tol = 0.005 + 1e-9
	mismatches := 0
	for i, b := range built {
		s, w := summary[i], withSpend[i]
		if b.ID != s.ID || b.ID != w.ID {
			t.Fatalf("row %d: IDs built %d, summary %d, with spend %d", i, b.ID, s.ID, w.ID)
		}
		want := []float64{s.X, s.Tx, s.T, w.X, w.Tx, w.T, w.Z}
		got := []float64{b.X, b.Tx, b.T, b.X, b.Tx, b.T, b.Z}
		for k := range want {
			if math.Abs(got[k]-want[k]) > tol || (k == 0 || k == 3) && got[k] != want[k] {
				mismatches++
				if mismatches <= 10 {
					t.Errorf("customer %d: built %v, files say %v", b.ID, got, want)
				}
				break
			}
		}
	}
	if mismatches > 0 {
		t.Fatalf("%d of 2357 customers differ", mismatches)
	}

	if testing.Short() {
		t.Skip("fit comparison skipped under -short")
	}
	fromFile, err := FitBGNBD(cdnowRFT(summary))
	if err != nil {
		t.Fatal(err)
	}
	fromRaw, err := FitBGNBD(cdnowRFT(built))
	if err != nil {
		t.Fatal(err)
	}
	// The summary file rounds t_x and T to 0.01 week (≤ 0.005 week of
	// error); that moves the estimates by far less than 0.1 %.
	for _, c := range []struct {
		name      string
		raw, file float64
	}{
		{"r", fromRaw.R, fromFile.R},
		{"alpha", fromRaw.Alpha, fromFile.Alpha},
		{"a", fromRaw.A, fromFile.A},
		{"b", fromRaw.B, fromFile.B},
	} {
		if rel := math.Abs(c.raw/c.file - 1); rel > 1e-3 {
			t.Errorf("%s: raw-built fit %.6f, summary-file fit %.6f (rel. diff %.2g > 1e-3)", c.name, c.raw, c.file, rel)
		}
	}
	if d := math.Abs(fromRaw.LogLikelihood - fromFile.LogLikelihood); d > 0.5 {
		t.Errorf("log-likelihood: raw-built %.3f, summary-file %.3f (diff %.3f > 0.5)", fromRaw.LogLikelihood, fromFile.LogLikelihood, d)
	}
	t.Logf("raw-built fit: r=%.6f α=%.6f a=%.6f b=%.6f LL=%.4f", fromRaw.R, fromRaw.Alpha, fromRaw.A, fromRaw.B, fromRaw.LogLikelihood)
}
