package reports

import (
	"bytes"
	"compress/gzip"
	"encoding/csv"
	"io"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/custseg/custseg/analysis"
)

// Tests that every number and word of the reports agrees with the data and
// with each other ("one true story").

func TestPctParts(t *testing.T) {
	third := 1.0 / 3
	tests := []struct {
		name     string
		shares   []float64
		decimals int
		want     []float64
	}{
		{"thirds", []float64{third, third, third}, 1, []float64{33.4, 33.3, 33.3}},
		{"already round", []float64{0.125, 0.125, 0.75}, 1, []float64{12.5, 12.5, 75}},
		// The missing 0.1 goes to the first of the equal remainders.
		{"equal remainders", []float64{0.12345, 0.12345, 0.7531}, 1, []float64{12.4, 12.3, 75.3}},
		{"sevenths, whole percent", slices.Repeat([]float64{1.0 / 7}, 7), 0, []float64{15, 15, 14, 14, 14, 14, 14}},
		{"binary noise", []float64{0.35, 0.65}, 1, []float64{35, 65}},
		// Not a whole: the parts add up to the rounded sum (98.7%).
		{"part of a whole", []float64{0.5, 0.48735}, 1, []float64{50, 48.7}},
		{"not a number counts as 0", []float64{math.NaN(), 0.5, 0.5}, 1, []float64{0, 50, 50}},
		{"tiny negative", []float64{-0.00001, 0.6, 0.40001}, 1, []float64{0, 60, 40}},
		{"none", nil, 1, []float64{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := pctParts(tt.shares, tt.decimals)
			if len(got) != len(tt.want) {
				t.Fatalf("pctParts = %v, want %v", got, tt.want)
			}
			for i := range got {
				if math.Abs(got[i]-tt.want[i]) > 1e-9 || math.Signbit(got[i]) {
					t.Errorf("pctParts = %v, want %v", got, tt.want)
					break
				}
			}
		})
	}
	if got := htmlPctParts([]float64{third, third, third}); !slices.Equal(got, []string{"33.4%", "33.3%", "33.3%"}) {
		t.Errorf("htmlPctParts = %q", got)
	}
}

// TestNoNegativeZero: a value that rounds to zero prints without a sign,
// in the HTML and email formats and in workbook cells.
func TestNoNegativeZero(t *testing.T) {
	negZero := math.Copysign(0, -1)
	tests := []struct{ got, want string }{
		{htmlPct(-0.00001), "0.0%"},
		{htmlPct(negZero), "0.0%"},
		{htmlPct(-0.0006), "-0.1%"},
		{htmlMoney("¥", -0.001), "¥0.00"},
		{htmlMoney("¥", -0.006), "-¥0.01"},
		{htmlMoneyShort("¥", -0.001, "en"), "¥0.00"},
		{htmlMoneyShort("¥", negZero, "zh-CN"), "¥0"},
		{htmlMoneyShort("$", -2_500_000, "en"), "-$2.5M"},
		{htmlMoneyWhole("¥", -0.4), "¥0"},
		{htmlPctShown(negZero), "0.0%"},
		{htmlRelChange(-0.00001), "0.0%"},
		{htmlPoints(-0.00001, "en"), "0.0 pp"},
		{pctText(-1e-17), "0%"},
		{pctText(1 - 0.01 - 0.04 - 0.15), "80%"},
	}
	for i, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("case %d: %q, want %q", i, tt.got, tt.want)
		}
	}
	if p := htmlPct1(-0.00001); p != 0 || math.Signbit(p) {
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

// htmlCardOption returns the option of chart id in a rendered page.
func htmlCardOption(t *testing.T, page, id string) string {
	t.Helper()
	i := strings.Index(page, `{"id":"`+id+`","option":`)
	if i < 0 {
		t.Fatalf("no chart %s", id)
	}
	rest := page[i+1:]
	if j := strings.Index(rest, "\n{\"id\":"); j >= 0 {
		rest = rest[:j]
	}
	return rest
}

// htmlSumPcts adds the first percentage captured by re in s.
func htmlSumPcts(t *testing.T, re *regexp.Regexp, s string) (float64, int) {
	t.Helper()
	sum, n := 0.0, 0
	for _, m := range re.FindAllStringSubmatch(s, -1) {
		v, err := strconv.ParseFloat(m[1], 64)
		if err != nil {
			t.Fatal(err)
		}
		sum += v
		n++
	}
	return math.Round(sum*10) / 10, n
}

// TestRenderedSharesAddUp renders a report of a generated shop, with one
// segment's value share a hair below zero, and checks that the shares of
// each whole add up to 100.0% as shown and that nothing prints as −0.
func TestRenderedSharesAddUp(t *testing.T) {
	for _, loc := range []string{"en", "zh-CN"} {
		t.Run(loc, func(t *testing.T) {
			in := htmlTestFull(t, 3000, loc, htmlFull{Models: true, Previous: true})
			res := in.Result
			res.Segments[len(res.Segments)-1].ValueShare = -0.00001
			page := htmlWithoutECharts(t, htmlRender(t, in))
			for _, bad := range []string{"-0.0%", "−0.0%", "-0.0 ", "−0.0 ", "-¥0.00", "−¥0.00", "-¥0<", "−¥0<", `"-0"`, ":-0,", ":-0}"} {
				if i := strings.Index(page, bad); i >= 0 {
					t.Errorf("page shows %q: …%s…", bad, page[max(i-80, 0):min(i+80, len(page))])
				}
			}
			buyerLabel := regexp.MustCompile(`"formatter":"[0-9,]+ · ([0-9.]+)%"`)
			for _, id := range []string{htmlChartSegments, htmlChartTiers, htmlChartCharPrefix + "1", htmlChartCharPrefix + "2"} {
				if sum, n := htmlSumPcts(t, buyerLabel, htmlCardOption(t, page, id)); n < 2 || sum != 100 {
					t.Errorf("%s: %d shares of buyers add up to %v%%", id, n, sum)
				}
			}
			status := regexp.MustCompile(`\\n[0-9,]+ · ([0-9.]+)%`)
			if sum, n := htmlSumPcts(t, status, htmlCardOption(t, page, htmlChartStatus)); n < 2 || sum != 100 {
				t.Errorf("status: %d shares add up to %v%%", n, sum)
			}
			life := regexp.MustCompile(`"formatter":"[0-9,]+\\n([0-9.]+)%"`)
			if sum, n := htmlSumPcts(t, life, htmlCardOption(t, page, htmlChartLifecycle)); n != len(analysis.Stages) || sum != 100 {
				t.Errorf("lifecycle: %d shares add up to %v%%", n, sum)
			}
			clv := regexp.MustCompile(`\{"value":([0-9.]+)\}`)
			if sum, n := htmlSumPcts(t, clv, htmlCardOption(t, page, htmlChartCLV)); n < 2 || sum != 100 {
				t.Errorf("CLV bands: %d shares of the total add up to %v%%", n, sum)
			}
			// The cluster table: "1,234 (40.9%)".
			i := strings.Index(page, `id="`+htmlChartClusters+`"`)
			table := page[i:]
			table = table[:strings.Index(table, "</table>")]
			if sum, n := htmlSumPcts(t, regexp.MustCompile(`[0-9,]+ \(([0-9.]+)%\)`), table); n != len(res.Clusters.Profiles) || sum != 100 {
				t.Errorf("clusters: %d shares add up to %v%%", n, sum)
			}
		})
	}
}

// TestCLVBandsReadable: the lifetime-value bands have round, distinct
// edges; a band below zero only with negative values; no "¥0.00".
func TestCLVBandsReadable(t *testing.T) {
	nearZero := append(slices.Repeat([]float64{1e-5, 0.003}, 450), htmlSeq(30, 2000, 100)...)
	slices.Sort(nearZero)
	withNeg := append([]float64{-12, -3}, htmlSeq(5, 800, 50)...)
	tests := []struct {
		name  string
		vals  []float64
		first string // the first band
		neg   bool
	}{
		{"demo-like: most buyers near zero", nearZero, "¥0–¥2.50", false},
		// Nobody below the first edge: no empty band from 0.
		{"a shop's spread", htmlSeq(12, 480, 100), "¥10–¥25", false},
		{"from zero", append([]float64{0, 3}, htmlSeq(12, 480, 100)...), "¥0–¥10", false},
		{"negative values", withNeg, "< ¥0", true},
		{"all zero", []float64{0, 0, 0}, "¥0", false},
		{"one value", []float64{100}, "≥ ¥100", false},
		{"only negative", []float64{-5, -1}, "< ¥0", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			bands := htmlCLVBands(tt.vals, "¥", "en")
			if len(bands) == 0 || bands[0].name != tt.first {
				t.Fatalf("bands %+v, want the first %q", bands, tt.first)
			}
			n := 0
			seen := map[string]bool{}
			for _, b := range bands {
				n += b.n
				if seen[b.name] {
					t.Errorf("band %q twice", b.name)
				}
				seen[b.name] = true
				if strings.Contains(b.name, "0.00") || (strings.HasPrefix(b.name, "<") && !tt.neg) {
					t.Errorf("band %q", b.name)
				}
				if lo, hi, ok := strings.Cut(b.name, "–"); ok && lo == hi {
					t.Errorf("zero-width band %q", b.name)
				}
			}
			if n != len(tt.vals) {
				t.Errorf("bands hold %d values of %d", n, len(tt.vals))
			}
		})
	}
}

// TestCohortHeadlineDescribesTheHeatmap: the headline speaks of the cells
// drawn — the mean over the cohorts old enough for the column, named —
// never of a column no cohort has, and the running month is not drawn.
func TestCohortHeadlineDescribesTheHeatmap(t *testing.T) {
	cohort := func(month string, active ...int) analysis.Cohort {
		c := analysis.Cohort{Month: month, Size: active[0], Active: active}
		for _, a := range active {
			c.Retention = append(c.Retention, float64(a)/float64(active[0]))
		}
		return c
	}
	tests := []struct {
		name    string
		asOf    time.Time
		cohorts []analysis.Cohort
		want    []string
		not     []string
	}{
		{"young shop: no third month",
			time.Date(2026, 9, 15, 0, 0, 0, 0, time.UTC),
			[]analysis.Cohort{cohort("2026-07", 10, 10, 4), cohort("2026-08", 20, 5), cohort("2026-09", 30)},
			[]string{"Of the 10 buyers who first bought in 2026-07, 100.0% bought again 1 month later (column 1).",
				"The current month is still running and is not shown."},
			[]string{" 0.0%", "column 3", "2026-08"}},
		{"both columns",
			time.Date(2026, 9, 30, 0, 0, 0, 0, time.UTC), // the last day: September is complete
			[]analysis.Cohort{cohort("2026-05", 100, 40, 30, 20, 10), cohort("2026-06", 50, 10, 5, 5), cohort("2026-08", 10, 2)},
			[]string{"Of the 160 buyers who first bought from 2026-05 to 2026-08, 32.5% bought again 1 month later (column 1); of the 150 who first bought from 2026-05 to 2026-06, 16.7% 3 months later (column 3)."},
			[]string{"still running"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := htmlTestInput(t, htmlTestShop(), "en")
			in.AsOf = tt.asOf
			in.Result.Cohorts = tt.cohorts
			ch, err := htmlCohortChart(in, "en")
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range tt.want {
				if !strings.Contains(ch.Highlight, w) {
					t.Errorf("headline %q lacks %q", ch.Highlight, w)
				}
			}
			for _, w := range tt.not {
				if strings.Contains(ch.Highlight, w) {
					t.Errorf("headline %q has %q", ch.Highlight, w)
				}
			}
			// The heatmap has no cell in the running month: the young
			// shop's 2026-08 cohort (its month 1 is September) has no row.
			if strings.Contains(ch.option, `"2026-09"`) || (tt.asOf.Day() == 15 && strings.Contains(ch.option, `"2026-08"`)) {
				t.Errorf("the heatmap draws a cohort without a complete month: %s", ch.option[:min(len(ch.option), 400)])
			}
		})
	}
}

// TestRFUnusedScores: an empty row or column of the R × F grid is
// explained under the chart.
func TestRFUnusedScores(t *testing.T) {
	tests := []struct {
		name string
		grid [][]int
		want string
	}{
		{"all used", [][]int{{1, 2}, {3, 4}}, ""},
		{"F 2 unused", [][]int{{5, 0, 3}, {2, 0, 1}, {4, 0, 9}},
			"No buyer has frequency score 2: customers with equal values share a score, so ties leave some scores unused."},
		{"R 1 and F 2, 3 unused", [][]int{{0, 0, 0}, {2, 0, 0}, {4, 0, 0}},
			"No buyer has frequency score 2, 3 or recency score 1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := htmlRFUnused(tt.grid, "en")
			if (tt.want == "") != (got == "") || !strings.HasPrefix(got, tt.want) {
				t.Errorf("htmlRFUnused = %q, want %q", got, tt.want)
			}
		})
	}
	in := htmlTestInput(t, htmlTestShop(), "en")
	in.Result.RFGrid = [][]int{{5, 0, 3, 1, 1}, {2, 0, 1, 1, 1}, {4, 0, 9, 1, 1}, {1, 0, 1, 1, 1}, {1, 0, 1, 1, 1}}
	page := htmlRender(t, in)
	if !strings.Contains(page, `<p class="footnote">No buyer has frequency score 2:`) {
		t.Errorf("the R × F card does not explain the empty column")
	}
}

// TestCharacteristicsLeftOut: an attribute with one given value, or mostly
// Other and "(not given)", has no chart but a one-line note; no highlight
// calls Other or "(not given)" the top value.
func TestCharacteristicsLeftOut(t *testing.T) {
	in := htmlTestInput(t, htmlTestShop(), "en")
	val := func(name string, n int, share, vshare float64) analysis.AttributeValue {
		return analysis.AttributeValue{Name: name, Customers: n, Share: share, ValueShare: vshare}
	}
	other := func(n, folded int, share, vshare float64) analysis.AttributeValue {
		v := val(analysis.OtherName, n, share, vshare)
		v.Other, v.Folded = true, folded
		return v
	}
	in.Result.Characteristics = []analysis.Characteristic{
		{Attribute: "province", Values: []analysis.AttributeValue{
			other(40, 25, 0.4, 0.45), val("Guangdong", 30, 0.3, 0.3), val("Zhejiang", 20, 0.2, 0.15), val("", 10, 0.1, 0.1)}},
		{Attribute: "city", Values: []analysis.AttributeValue{
			val("Shenzhen", 10, 0.1, 0.1), val("Hangzhou", 3, 0.03, 0.03), other(87, 2300, 0.87, 0.87)}},
		{Attribute: "gender", Values: []analysis.AttributeValue{val("F", 80, 0.8, 0.9), val("", 20, 0.2, 0.1)}},
	}
	page := htmlRender(t, in)
	for _, want := range []string{
		"Largest province: Guangdong (30.0% of customers). Most value: Guangdong (30.0% of value).",
		"city: left out — 87.0% of customers fall in Other (2,300 distinct values).",
		"gender: left out — every customer with a value has the same one (F).",
	} {
		if !strings.Contains(page, htmlEscapeText(want)) {
			t.Errorf("page lacks %q", want)
		}
	}
	for _, bad := range []string{": Other (", ": (not given) (", htmlChartCharPrefix + "2\"", htmlChartCharPrefix + "3\""} {
		if strings.Contains(page, htmlEscapeText(bad)) {
			t.Errorf("page has %q", bad)
		}
	}
}

// TestClusterNamesAreTheirOwn: the clusters of a generated shop have
// distinct names, none of them the name of a segment, tier, status,
// lifecycle stage or pyramid level, in either language.
func TestClusterNamesAreTheirOwn(t *testing.T) {
	in := htmlTestInput(t, htmlTestLargeShop(3000), "en")
	taken := map[string]string{}
	for _, s := range in.Result.Segments {
		taken[strings.ToLower(s.Rule.Name)], taken[s.Rule.NameZh] = "segment", "segment"
	}
	add := func(what string, ls []Label) {
		for _, l := range ls {
			taken[strings.ToLower(l.En)], taken[l.Zh] = what, what
		}
	}
	for _, l := range TierLabels {
		add("tier", []Label{l})
	}
	for _, l := range StatusLabels {
		add("status", []Label{l})
	}
	for _, l := range StageLabels {
		add("stage", []Label{l})
	}
	for _, l := range PyramidLabels {
		add("pyramid level", []Label{l})
	}
	if len(in.Result.Clusters.Profiles) < 2 {
		t.Fatalf("clusters: %+v", in.Result.Clusters)
	}
	seen := map[string]bool{}
	for _, p := range in.Result.Clusters.Profiles {
		for _, n := range []string{strings.ToLower(p.Name.En), p.Name.Zh} {
			if what, ok := taken[n]; ok {
				t.Errorf("cluster %q is the name of a %s", n, what)
			}
			if seen[n] {
				t.Errorf("two clusters named %q", n)
			}
			seen[n] = true
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
		{"spend model only", "", "too little data", "The spend model (Gamma-Gamma) could not be used on this data (too little data); the purchase model (BG/NBD) converged."},
		{"purchase model only", "did not converge", "", "No purchase model (BG/NBD, MBG/NBD, Pareto/NBD) could be used on this data (did not converge); the spend model (Gamma-Gamma) converged."},
		{"both", "x", "y", "Neither a purchase model (BG/NBD, MBG/NBD, Pareto/NBD) nor the spend model (Gamma-Gamma) could be used on this data (purchase models: x; spend model: y)."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := htmlTestInput(t, htmlTestShop(), "en")
			res := in.Result
			htmlDropModels(res)
			res.Models.BGNBDError, res.Models.PurchaseError, res.Models.GGError = tt.bg, tt.bg, tt.gg
			if tt.bg == "" {
				res.Models.Chosen = analysis.ModelBGNBD
			}
			page := htmlRender(t, in)
			if !strings.Contains(page, htmlEscapeText(tt.want)) || strings.Contains(page, "did not converge on this data, so") {
				t.Errorf("page does not say %q", tt.want)
			}
			f, _ := wbOpen(t, in)
			row := wbFindRow(t, f, "Summary", "A", wbKPICLV[0].In("en"))
			if v, _ := f.GetCellValue("Summary", "B"+strconv.Itoa(row)); v != "" {
				t.Errorf("Summary: CLV %q without usable models", v)
			}
			if m, _ := f.GetCellValue("Summary", "D"+strconv.Itoa(row)); !strings.Contains(m, tt.want) {
				t.Errorf("Summary: meaning %q does not say %q", m, tt.want)
			}
		})
	}
}

// TestCustomersCSVModelCells: the model columns of the CSV list are empty
// without usable models, filled with them.
func TestCustomersCSVModelCells(t *testing.T) {
	for _, usable := range []bool{false, true} {
		in := wbRichInput("en", usable, false)
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
	in := wbRichInput("en", true, false)
	res := in.Result
	buyers := res.KPIs.Buyers
	// The cohorts count two more buyers: two ids customers.sql lacks.
	res.Cohorts[0].Size += buyers - 3 + 2
	in.Dataset.UnknownBuyers = 2
	noValue := 0
	for _, t := range res.Tiers {
		if t.Tier == analysis.TierNoValue {
			noValue = t.Customers
		}
	}
	in.Quality = append(in.Quality, analysis.QualityCheck{Check: analysis.CheckBuyersNonPositive, Rows: int64(noValue + 2)})
	f, _ := wbOpen(t, in)
	for _, c := range []struct{ sheet, prefix string }{
		{"Cohorts", "The cohorts count " + htmlInt(buyers+2) + " buyers, the other sheets " + htmlInt(buyers) +
			": the cohorts are grouped by the database from the orders alone, so they also count the 2 customer ids"},
		{"Data quality", "The “Value tiers” sheet has " + htmlInt(noValue) + " buyers under “"},
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

// TestEmailsPointToWhatTheyCarry: the management email does not send the
// reader to lists the HTML report does not hold; the marketing email of a
// run whose customer list is a CSV file points to that file, never to a
// Customers sheet the workbook does not have.
func TestEmailsPointToWhatTheyCarry(t *testing.T) {
	for _, loc := range []string{"en", "zh-CN"} {
		t.Run(loc, func(t *testing.T) {
			in := htmlTestFull(t, 800, loc, htmlFull{Models: true})
			_, html, text, err := ManagementEmail(in)
			if err != nil {
				t.Fatal(err)
			}
			for _, bad := range []string{"full lists", "完整名单见本次运行的 HTML 报告", "listed below", "见下方名单"} {
				if strings.Contains(text, bad) || strings.Contains(html, bad) {
					t.Errorf("management email says %q", bad)
				}
			}
			in.CustomerList = "csv.gz"
			in.RunFolder = "https://intranet.example/reports/weekly/2026-09-30/"
			_, html, text, err = MarketingEmail(in)
			if err != nil {
				t.Fatal(err)
			}
			for _, body := range []string{text, html} {
				if strings.Contains(body, "“”") {
					t.Errorf("marketing email names a sheet without a name")
				}
				if !strings.Contains(body, "customers-") || !strings.Contains(body, in.RunFolder) {
					t.Errorf("marketing email does not point to the CSV customer list in the run folder")
				}
			}
		})
	}
}

// TestNotAttachedNote: the note on linked files is in the email's
// language, with each link on a line of its own.
func TestNotAttachedNote(t *testing.T) {
	files := []NotAttached{{Name: "customer-segments-2026-09-30.xlsx", SentMB: 13.02, LimitMB: 10, Where: "https://x.example/a&b"}}
	tests := []struct{ loc, text, html string }{
		{"en", "Not attached, too large:\ncustomer-segments-2026-09-30.xlsx (13.0 MB as an attachment; the message would be over the 10 MB limit):\nhttps://x.example/a&b\n",
			"<br>https://x.example/a&amp;b</p>"},
		{"zh-CN", "未作为附件发送（文件过大）：\ncustomer-segments-2026-09-30.xlsx（作为附件为 13.0 MB，邮件将超过 10 MB 的上限）：\nhttps://x.example/a&b\n", "未作为附件发送"},
	}
	for _, tt := range tests {
		text, html := NotAttachedNote(tt.loc, files)
		if text != tt.text || !strings.Contains(html, tt.html) {
			t.Errorf("%s: %q / %q", tt.loc, text, html)
		}
	}
	if text, html := NotAttachedNote("en", nil); text != "" || html != "" {
		t.Errorf("no files: %q %q", text, html)
	}
}
