package html

import (
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/custseg/custseg/reports"
	"github.com/custseg/custseg/reports/reportstest"

	"github.com/custseg/custseg/analysis"
)

// cardOption returns the option of chart id in a rendered page.
func cardOption(t *testing.T, page, id string) string {
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

// sumPcts adds the first percentage captured by re in s.
func sumPcts(t *testing.T, re *regexp.Regexp, s string) (float64, int) {
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
			in := reportstest.HtmlTestFull(t, 3000, loc, reportstest.HtmlFull{Models: true, Previous: true})
			res := in.Result
			res.Segments[len(res.Segments)-1].ValueShare = -0.00001
			page := withoutECharts(t, render(t, in))
			for _, bad := range []string{"-0.0%", "−0.0%", "-0.0 ", "−0.0 ", "-¥0.00", "−¥0.00", "-¥0<", "−¥0<", `"-0"`, ":-0,", ":-0}"} {
				if i := strings.Index(page, bad); i >= 0 {
					t.Errorf("page shows %q: …%s…", bad, page[max(i-80, 0):min(i+80, len(page))])
				}
			}
			buyerLabel := regexp.MustCompile(`"formatter":"[0-9,]+ · ([0-9.]+)%"`)
			for _, id := range []string{chartSegments, chartTiers, chartCharPrefix + "1", chartCharPrefix + "2"} {
				if sum, n := sumPcts(t, buyerLabel, cardOption(t, page, id)); n < 2 || sum != 100 {
					t.Errorf("%s: %d shares of buyers add up to %v%%", id, n, sum)
				}
			}
			status := regexp.MustCompile(`\\n[0-9,]+ · ([0-9.]+)%`)
			if sum, n := sumPcts(t, status, cardOption(t, page, chartStatus)); n < 2 || sum != 100 {
				t.Errorf("status: %d shares add up to %v%%", n, sum)
			}
			life := regexp.MustCompile(`"formatter":"[0-9,]+\\n([0-9.]+)%"`)
			if sum, n := sumPcts(t, life, cardOption(t, page, chartLifecycle)); n != len(analysis.Stages) || sum != 100 {
				t.Errorf("lifecycle: %d shares add up to %v%%", n, sum)
			}
			clv := regexp.MustCompile(`\{"value":([0-9.]+)\}`)
			if sum, n := sumPcts(t, clv, cardOption(t, page, chartCLV)); n < 2 || sum != 100 {
				t.Errorf("CLV bands: %d shares of the total add up to %v%%", n, sum)
			}
			// The cluster table: "1,234 (40.9%)".
			i := strings.Index(page, `id="`+chartClusters+`"`)
			table := page[i:]
			table = table[:strings.Index(table, "</table>")]
			if sum, n := sumPcts(t, regexp.MustCompile(`[0-9,]+ \(([0-9.]+)%\)`), table); n != len(res.Clusters.Profiles) || sum != 100 {
				t.Errorf("clusters: %d shares add up to %v%%", n, sum)
			}
		})
	}
}

// TestCLVBandsReadable: the lifetime-value bands have round, distinct
// edges; a band below zero only with negative values; no "¥0.00".
func TestCLVBandsReadable(t *testing.T) {
	nearZero := append(slices.Repeat([]float64{1e-5, 0.003}, 450), seq(30, 2000, 100)...)
	slices.Sort(nearZero)
	withNeg := append([]float64{-12, -3}, seq(5, 800, 50)...)
	tests := []struct {
		name  string
		vals  []float64
		first string // the first band
		neg   bool
	}{
		{"demo-like: most buyers near zero", nearZero, "¥0–¥2.50", false},
		// Nobody below the first edge: no empty band from 0.
		{"a shop's spread", seq(12, 480, 100), "¥10–¥25", false},
		{"from zero", append([]float64{0, 3}, seq(12, 480, 100)...), "¥0–¥10", false},
		{"negative values", withNeg, "< ¥0", true},
		{"all zero", []float64{0, 0, 0}, "¥0", false},
		{"one value", []float64{100}, "≥ ¥100", false},
		{"only negative", []float64{-5, -1}, "< ¥0", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			bands := clvBands(tt.vals, "¥", "en")
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
			in := reportstest.Input(t, reportstest.Shop(), "en")
			in.AsOf = tt.asOf
			in.Result.Cohorts = tt.cohorts
			ch, err := cohortChart(in, "en")
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
			got := rfUnused(tt.grid, "en")
			if (tt.want == "") != (got == "") || !strings.HasPrefix(got, tt.want) {
				t.Errorf("htmlRFUnused = %q, want %q", got, tt.want)
			}
		})
	}
	in := reportstest.Input(t, reportstest.Shop(), "en")
	in.Result.RFGrid = [][]int{{5, 0, 3, 1, 1}, {2, 0, 1, 1, 1}, {4, 0, 9, 1, 1}, {1, 0, 1, 1, 1}, {1, 0, 1, 1, 1}}
	page := render(t, in)
	if !strings.Contains(page, `<p class="footnote">No buyer has frequency score 2:`) {
		t.Errorf("the R × F card does not explain the empty column")
	}
}

// TestCharacteristicsLeftOut: an attribute with one given value, or mostly
// Other and "(not given)", has no chart but a one-line note; no highlight
// calls Other or "(not given)" the top value.
func TestCharacteristicsLeftOut(t *testing.T) {
	in := reportstest.Input(t, reportstest.Shop(), "en")
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
	page := render(t, in)
	for _, want := range []string{
		"Largest province: Guangdong (30.0% of customers). Most value: Guangdong (30.0% of value).",
		"city: left out — 87.0% of customers fall in Other (2,300 distinct values).",
		"gender: left out — every customer with a value has the same one (F).",
	} {
		if !strings.Contains(page, reportstest.EscapeText(want)) {
			t.Errorf("page lacks %q", want)
		}
	}
	for _, bad := range []string{": Other (", ": (not given) (", chartCharPrefix + "2\"", chartCharPrefix + "3\""} {
		if strings.Contains(page, reportstest.EscapeText(bad)) {
			t.Errorf("page has %q", bad)
		}
	}
}

// TestClusterNamesAreTheirOwn: the clusters of a generated shop have
// distinct names, none of them the name of a segment, tier, status,
// lifecycle stage or pyramid level, in either language.
func TestClusterNamesAreTheirOwn(t *testing.T) {
	in := reportstest.Input(t, reportstest.LargeShop(3000), "en")
	taken := map[string]string{}
	for _, s := range in.Result.Segments {
		taken[strings.ToLower(reports.SegmentName(s.Rule, "en"))], taken[reports.SegmentName(s.Rule, "zh-CN")] = "segment", "segment"
	}
	add := func(what string, ls []reports.Label) {
		for _, l := range ls {
			taken[strings.ToLower(l.In("en"))], taken[l.In("zh-CN")] = what, what
		}
	}
	for _, l := range reports.TierLabels {
		add("tier", []reports.Label{l})
	}
	for _, l := range reports.StatusLabels {
		add("status", []reports.Label{l})
	}
	for _, l := range reports.StageLabels {
		add("stage", []reports.Label{l})
	}
	for _, l := range reports.PyramidLabels {
		add("pyramid level", []reports.Label{l})
	}
	if len(in.Result.Clusters.Profiles) < 2 {
		t.Fatalf("clusters: %+v", in.Result.Clusters)
	}
	seen := map[string]bool{}
	en, zh := reports.ClusterNames(in.Result, "en"), reports.ClusterNames(in.Result, "zh-CN")
	for k := range in.Result.Clusters.Profiles {
		for _, n := range []string{strings.ToLower(en[k]), zh[k]} {
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
