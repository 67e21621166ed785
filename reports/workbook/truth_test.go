package workbook

import (
	"bytes"
	"compress/gzip"
	"encoding/csv"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/custseg/custseg/reports"
	"github.com/custseg/custseg/reports/html"
	"github.com/custseg/custseg/reports/reportstest"

	"github.com/custseg/custseg/analysis"
	"github.com/custseg/custseg/analysis/btyd"
)

// TestCustomersCSVModelCells: the model columns of the CSV list are empty
// without usable models, filled with them.
func TestCustomersCSVModelCells(t *testing.T) {
	for _, usable := range []bool{false, true} {
		in := reportstest.RichInput("en", usable, false)
		var buf bytes.Buffer
		if err := WriteCustomersCSV(&buf, in); err != nil {
			t.Fatal(err)
		}
		zr, err := gzip.NewReader(&buf)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(zr)
		recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte("\ufeff")))).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		cols := []int{slices.Index(recs[0], "p_alive"), slices.Index(recs[0], "expected_purchases"), slices.Index(recs[0], "clv")}
		for _, r := range recs[1:] {
			if r[0] != "c1" {
				continue
			}
			for _, c := range cols {
				if (r[c] != "") != usable {
					t.Errorf("usable %v: %s = %q", usable, recs[0][c], r[c])
				}
			}
		}
	}
}

// TestWorkbookCountNotes: a count that differs from the same count on
// another sheet is explained under its table.
func TestWorkbookCountNotes(t *testing.T) {
	in := reportstest.RichInput("en", true, false)
	res := in.Result
	noValue := 0
	for _, t := range res.Tiers {
		if t.Tier == analysis.TierNoValue {
			noValue = t.Customers
		}
	}
	in.Quality = append(in.Quality, analysis.QualityCheck{Check: analysis.CheckBuyersNonPositive, Rows: int64(noValue + 2)})
	f, _ := open(t, in)
	for _, c := range []struct{ sheet, prefix string }{
		{"Data quality", "The “Value tiers” sheet has " + reports.Int(noValue) + " buyers under “"},
	} {
		rows, err := f.GetRows(c.sheet)
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, r := range rows {
			found = found || (len(r) > 0 && strings.HasPrefix(r[0], c.prefix))
		}
		if !found {
			t.Errorf("%s: no note starting %q", c.sheet, c.prefix)
		}
	}
}

// TestWorkbookRowsWritten: the workbook tells RowsWritten each streamed
// sheet's rows, starting at 0 and ending at its total.
func TestWorkbookRowsWritten(t *testing.T) {
	in := reportstest.WorkbookInput(reportstest.WorkbookDataset(), "en")
	type call struct {
		sheet       string
		rows, total int
	}
	var calls []call
	in.RowsWritten = func(sheet string, rows, total int) { calls = append(calls, call{sheet, rows, total}) }
	open(t, in)
	n := len(in.Dataset.Customers)
	if len(calls) < 2 || calls[0] != (call{"Customers", 0, n}) || calls[1] != (call{"Customers", n, n}) {
		t.Errorf("calls %v; want Customers 0 of %d, then %d of %d", calls, n, n, n)
	}
	last := map[string]call{}
	for _, c := range calls {
		if p, ok := last[c.sheet]; ok && (c.rows < p.rows || c.total != p.total) {
			t.Errorf("%s: %v after %v", c.sheet, c, p)
		}
		last[c.sheet] = c
	}
	for s, c := range last {
		if c.rows != c.total {
			t.Errorf("%s ended at %d of %d", s, c.rows, c.total)
		}
	}
}

// TestModelKPIsNotAvailable: without usable models the model KPIs are
// blank — in the workbook's Summary, the CSV list — and the report says
// which model failed and which converged.
func TestModelKPIsNotAvailable(t *testing.T) {
	tests := []struct {
		name   string
		bg, gg string
		want   string
	}{
		{"spend model only", "", btyd.ErrTooLittleData.Error(), "The spend model (Gamma-Gamma) could not be used on this data (too few customers, or too few distinct ones, for it); the purchase model (BG/NBD) converged."},
		{"purchase model only", btyd.ErrNotConverged.Error(), "", "No purchase model (BG/NBD, MBG/NBD, Pareto/NBD) could be used on this data (its parameters ran off to a boundary or did not settle); the spend model (Gamma-Gamma) converged."},
		{"both", btyd.ErrNotConverged.Error(), "analysis: Gamma-Gamma: 3 purchase counts but 2 mean spends", "Neither a purchase model (BG/NBD, MBG/NBD, Pareto/NBD) nor the spend model (Gamma-Gamma) could be used on this data (purchase models: its parameters ran off to a boundary or did not settle; spend model: the fit failed; the run's manifest.json has the details)."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := reportstest.Input(t, reportstest.Shop(), "en")
			res := in.Result
			reportstest.DropModels(res)
			res.Models.BGNBDError, res.Models.PurchaseError, res.Models.GGError = tt.bg, tt.bg, tt.gg
			if tt.bg == "" {
				res.Models.Chosen = btyd.ModelBGNBD
			}
			page := renderHTML(t, in)
			if !strings.Contains(page, reportstest.EscapeText(tt.want)) || strings.Contains(page, "did not converge on this data, so") {
				t.Errorf("page does not say %q", tt.want)
			}
			f, _ := open(t, in)
			row := findRow(t, f, "Summary", "A", kpiclv[0].In("en"))
			if v, _ := f.GetCellValue("Summary", "B"+strconv.Itoa(row)); v != "" {
				t.Errorf("Summary: CLV %q without usable models", v)
			}
			if m, _ := f.GetCellValue("Summary", "D"+strconv.Itoa(row)); !strings.Contains(m, tt.want) {
				t.Errorf("Summary: meaning %q does not say %q", m, tt.want)
			}
		})
	}
}

// TestVocabularyDistinct walks every name a reader sees for a group, a
// list, a movement or a headline number, in both locales, for the default
// config, and fails on any name that stands for two things. Beyond the
// vocabulary it takes the names the reports actually print: the KPI labels
// of the workbook's Summary and of the HTML report (one name per KPI in
// both, none a group's name) and the clusters as customer lists name them.
func TestVocabularyDistinct(t *testing.T) {
	for _, loc := range []string{"en", "zh-CN"} {
		t.Run(loc, func(t *testing.T) {
			v := reports.Names(analysis.DefaultSegments(), loc)
			for _, d := range v.Duplicates() {
				t.Error(d)
			}
			for kind, m := range map[string]map[string]string{"segment": v.Segment, "tier": v.Tier, "pyramid": v.Pyramid,
				"status": v.Status, "stage": v.Stage, "behaviour": v.Behaviour, "list": v.List, "kpi": v.KPI,
				"verdict": v.Verdict} {
				if len(m) == 0 {
					t.Errorf("no %s names", kind)
				}
			}
			if len(v.Segment) != len(analysis.DefaultSegments()) || len(v.Verdict) != len(reports.VerdictLevels) || len(v.Status) != len(analysis.Statuses) ||
				len(v.Stage) != len(analysis.Stages) || len(v.Tier) != len(analysis.Tiers) || len(v.Pyramid) != len(analysis.PyramidTiers) {
				t.Errorf("vocabulary misses names: %+v", v.GroupLabels)
			}

			// Names other than KPIs, by normalised name.
			groups := map[string]string{}
			for _, e := range v.Entries() {
				if e.Kind != "kpi" {
					groups[reports.VocabNorm(e.Name)] = e.String()
				}
			}
			// The KPI names the reports print, by KPI key.
			in := reportstest.RichInput(loc, true, true)
			wb := &workbook{in: in, ds: in.Dataset, res: in.Result, loc: loc, asOf: in.AsOf}
			printed := map[string]map[string]bool{} // key → names
			note := func(key, name string) {
				if printed[key] == nil {
					printed[key] = map[string]bool{}
				}
				printed[key][name] = true
			}
			for _, k := range wb.kpis() {
				note(k.key, k.label)
			}
			for _, s := range reports.ReportKPISpecs(in.Result) {
				note(s.Key, s.Label.In(loc))
			}
			byName := map[string]string{}
			for key, names := range printed {
				if len(names) > 1 {
					t.Errorf("KPI %s has several names: %v", key, names)
				}
				for name := range names {
					n := reports.VocabNorm(name)
					if g, ok := groups[n]; ok {
						t.Errorf("KPI %s is named %q, like %s", key, name, g)
					}
					if other, ok := byName[n]; ok && other != key {
						t.Errorf("KPIs %s and %s are both named %q", other, key, name)
					}
					byName[n] = key
					if want, ok := v.KPI[key]; ok && want != name {
						t.Errorf("KPI %s is printed %q, but the vocabulary calls it %q", key, name, want)
					}
				}
			}
			// Only the period churn rate is called churn rate.
			churn := reports.VocabNorm(reports.Label("reports.KpiNameChurnRate").In(loc))
			for key, names := range printed {
				for name := range names {
					if reports.VocabNorm(name) == churn && key != "churn_rate" {
						t.Errorf("KPI %s is called %q", key, name)
					}
				}
			}
			// Clusters, as customer lists name them.
			for k, cn := range reports.ClusterNames(in.Result, loc) {
				for _, name := range []string{ClusterName(k, cn), ClusterName(k, reports.SegmentName(analysis.DefaultSegments()[3], loc))} {
					if g, ok := groups[reports.VocabNorm(name)]; ok {
						t.Errorf("cluster %d is named %q, like %s", k+1, name, g)
					}
				}
			}
		})
	}
}

// TestNoNegativeZero: a value that rounds to zero prints without a sign,
// in the HTML and email formats and in workbook cells.
func TestNoNegativeZero(t *testing.T) {
	negZero := math.Copysign(0, -1)
	tests := []struct{ got, want string }{
		{reports.Pct(-0.00001), "0.0%"},
		{reports.Pct(negZero), "0.0%"},
		{reports.Pct(-0.0006), "-0.1%"},
		{reports.Money("¥", -0.001), "¥0.00"},
		{reports.Money("¥", -0.006), "-¥0.01"},
		{reports.MoneyShort("¥", -0.001, "en"), "¥0.00"},
		{reports.MoneyShort("¥", negZero, "zh-CN"), "¥0"},
		{reports.MoneyShort("$", -2_500_000, "en"), "-$2.5M"},
		{reports.MoneyWhole("¥", -0.4), "¥0"},
		{reports.PctShown(negZero), "0.0%"},
		{reports.RelChange(-0.00001), "0.0%"},
		{reports.Points(-0.00001, "en"), "0.0 pp"},
		{reports.PctText(-1e-17), "0%"},
		{reports.PctText(1 - 0.01 - 0.04 - 0.15), "80%"},
	}
	for i, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("case %d: %q, want %q", i, tt.got, tt.want)
		}
	}
	if p := reports.Pct1(-0.00001); p != 0 || math.Signbit(p) {
		t.Errorf("htmlPct1(-0.00001) = %v", p)
	}
	cells := []struct {
		k    kind
		x    float64
		want float64
	}{
		{kPct, -0.0004, 0}, {kPct, -0.0006, -0.0006}, {kMoney, -0.004, 0}, {kMoney, -0.006, -0.006},
		{kDeltaPct, -0.04, 0}, {kDeltaInt, -0.4, 0}, {kInt, negZero, 0}, {kDec1, 0.01, 0.01}, {kText, -0.001, -0.001},
	}
	for _, c := range cells {
		if got := cellNum(c.k, c.x); got != c.want || math.Signbit(got) != math.Signbit(c.want) {
			t.Errorf("cellNum(%d, %v) = %v, want %v", c.k, c.x, got, c.want)
		}
	}
}

// renderHTML renders the HTML report of in, for the tests that compare
// the workbook with it.
func renderHTML(t *testing.T, in *reports.Input) string {
	t.Helper()
	var buf bytes.Buffer
	if err := html.Write(&buf, in); err != nil {
		t.Fatalf("WriteHTML: %v", err)
	}
	return buf.String()
}
