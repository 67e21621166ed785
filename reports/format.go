package reports

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/custseg/custseg/analysis"
)

// Number and date formats of the HTML report and the emails. None of them
// ever prints NaN or an infinity: non-finite values show as "—".

// Lang is the value of <html lang> for a locale.
func Lang(locale string) string {
	if locale == "zh-CN" {
		return "zh-CN"
	}
	return "en"
}

// Int formats n with thousands separators: 1234567 → "1,234,567".
func Int(n int) string {
	s := strconv.Itoa(n)
	neg := strings.HasPrefix(s, "-")
	if neg {
		s = s[1:]
	}
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// Money formats v with the currency symbol and thousands separators;
// cents are shown below 1,000 only. Non-finite values give "—"; an amount
// that rounds to zero has no sign.
func Money(currency string, v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "—"
	}
	sign := ""
	if v < 0 && math.Round(-v*100) > 0 {
		sign = "-"
	}
	v = math.Abs(v)
	if v >= 1000 {
		return sign + currency + Int(int(math.Round(v)))
	}
	s := strconv.FormatFloat(v, 'f', 2, 64)
	if s == "1000.00" {
		s = "1,000.00"
	}
	return sign + currency + s
}

// Pct formats a share in [0, 1] as a percentage with one decimal:
// 0.1234 → "12.3%". Non-finite values give "—".
func Pct(x float64) string {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return "—"
	}
	return strconv.FormatFloat(Pct1(x), 'f', 1, 64) + "%"
}

// Pct1 converts a share to a percentage rounded to one decimal, with
// non-finite values as 0, for chart data. A share that rounds to zero is
// +0, never −0 (which would print as "-0.0").
func Pct1(x float64) float64 {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return 0
	}
	return NoNegZero(math.Round(x*1000) / 10)
}

// NoNegZero maps −0 to +0, so that a value that rounded to zero prints
// without a sign.
func NoNegZero(x float64) float64 {
	if x == 0 {
		return 0
	}
	return x
}

// PctParts turns shares of one whole into percentages rounded to decimals
// places by largest remainder: each is rounded down, and the units still
// missing from the rounded total go to the largest remainders (the first
// of equal ones), so the parts add up to exactly the total rounded to the
// same places — 100.0% for shares that partition a whole. Non-finite
// shares count as 0. Showing the parts of one whole with this, rather
// than rounding each on its own, keeps a table from adding up to 99.9% or
// 100.1%.
func PctParts(shares []float64, decimals int) []float64 {
	scale := math.Pow(10, float64(decimals+2)) // share → units of the last shown place
	units := make([]float64, len(shares))
	rem := make([]float64, len(shares))
	sum, floors := 0.0, 0.0
	for i, x := range shares {
		if !Finite(x) {
			x = 0
		}
		u := x * scale
		// Absorb the binary noise of a share such as 0.35 (34.999…).
		if r := math.Round(u); math.Abs(u-r) < 1e-9*math.Max(1, math.Abs(u)) {
			u = r
		}
		units[i] = math.Floor(u)
		rem[i] = u - units[i]
		sum += u
		floors += units[i]
	}
	missing := int(math.Round(sum) - floors)
	order := make([]int, len(shares))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return rem[order[a]] > rem[order[b]] })
	for k := 0; k < missing && k < len(order); k++ {
		units[order[k]]++
	}
	out := make([]float64, len(shares))
	for i, u := range units {
		out[i] = NoNegZero(u / math.Pow(10, float64(decimals)))
	}
	return out
}

// pctParts formats shares of one whole as percentages with one decimal
// that add up to the rounded total (pctParts): 100.0% for a partition.
func pctParts(shares []float64) []string {
	parts := PctParts(shares, 1)
	out := make([]string, len(parts))
	for i, p := range parts {
		out[i] = strconv.FormatFloat(p, 'f', 1, 64) + "%"
	}
	return out
}

// Date formats a date, or "—" when it is zero.
func Date(t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	return t.Format("2006-01-02")
}

// DateTime formats a moment with its zone, or "—" when it is zero.
func DateTime(t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	return t.Format("2006-01-02 15:04 MST")
}

// ChartText makes a data-derived string safe as an echarts label: echarts
// reads {…} in label formatters as templates and rich-text styles.
func ChartText(s string) string {
	return strings.NewReplacer("{", "(", "}", ")").Replace(s)
}

// Finite reports whether x is a number that may be shown.
func Finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }

// MoneyShort formats money compactly for tiles, sentences and axes:
// ¥45.7M, ¥950k in English; ¥4,570万, ¥1.2亿 in Chinese. Amounts under a
// thousand (ten thousand in Chinese) are written out.
func MoneyShort(currency string, v float64, loc string) string {
	if !Finite(v) {
		return "—"
	}
	sign := ""
	if v < 0 {
		sign, v = "-", -v
	}
	s := compact(v, loc)
	if strings.Trim(s, "0.,") == "" {
		sign = "" // rounds to zero: no sign
	}
	return sign + currency + s
}

// compact writes a non-negative number compactly (see htmlMoneyShort):
// one decimal under 100 units, whole units above, and the next unit up once
// rounding reaches a thousand units.
func compact(v float64, loc string) string {
	type unit struct {
		size   float64
		suffix string
	}
	units := []unit{{1e9, "B"}, {1e6, "M"}, {1e3, "k"}}
	small := 1e3
	if loc == "zh-CN" {
		units = []unit{{1e8, "亿"}, {1e4, "万"}}
		small = 1e4
	}
	if v < small {
		if v >= 100 || v == math.Trunc(v) {
			return Int(int(math.Round(v)))
		}
		return strconv.FormatFloat(v, 'f', 2, 64)
	}
	for k, u := range units {
		if v < u.size*0.99995 && k < len(units)-1 {
			continue
		}
		x := v / u.size
		if x < 99.95 {
			return strings.TrimSuffix(strconv.FormatFloat(x, 'f', 1, 64), ".0") + u.suffix
		}
		n := int(math.Round(x))
		if n >= 1000 && k > 0 && loc != "zh-CN" {
			x = v / units[k-1].size
			return strings.TrimSuffix(strconv.FormatFloat(x, 'f', 1, 64), ".0") + units[k-1].suffix
		}
		return Int(n) + u.suffix
	}
	return Int(int(math.Round(v)))
}

// signed puts an explicit sign before a formatted magnitude: "+" for
// positive, "−" (minus sign) for negative, nothing for zero.
func signed(neg, zero bool, s string) string {
	switch {
	case zero:
		return s
	case neg:
		return "−" + s
	}
	return "+" + s
}

// RelChange formats a relative change: 0.021 → "+2.1%".
func RelChange(x float64) string {
	if !Finite(x) {
		return "—"
	}
	p := Pct1(math.Abs(x))
	return signed(x < 0, p == 0, strconv.FormatFloat(p, 'f', 1, 64)+"%")
}

// Points formats a change of a share in percentage points:
// 0.004 → "+0.4 pp" ("+0.4 个百分点").
func Points(x float64, loc string) string {
	if !Finite(x) {
		return "—"
	}
	p := Pct1(math.Abs(x))
	return signed(x < 0, p == 0, strconv.FormatFloat(p, 'f', 1, 64)) + Label("reports.pointsUnit").In(loc)
}

// Day parses a YYYY-MM-DD date; ok is false when s is not one.
func Day(s string) (time.Time, bool) {
	t, err := time.Parse("2006-01-02", s)
	return t, err == nil
}

// Format fills a label's %s verbs, in locale.
func Format(l Label, loc string, args ...any) string {
	return fmt.Sprintf(l.In(loc), args...)
}

// MoneyWhole formats v in whole currency units with thousands
// separators, for table columns: ¥880.64 → "¥881". Non-finite values give
// "—".
func MoneyWhole(currency string, v float64) string {
	if !Finite(v) {
		return "—"
	}
	n := int(math.Round(v))
	if n < 0 {
		return "-" + currency + Int(-n)
	}
	return currency + Int(n)
}

// PctShown formats a percentage that is already rounded to one decimal
// (a part of pctParts): 12.3 → "12.3%".
func PctShown(p float64) string {
	if !Finite(p) {
		return "—"
	}
	return strconv.FormatFloat(NoNegZero(p), 'f', 1, 64) + "%"
}

// SegmentPcts are the segments' shares of buyers and of value as the
// report shows them, by largest remainder (pctParts), so the chart, the
// tables, the narrative and the email give the same figures that add up.
func SegmentPcts(res *analysis.Result) (share, value []float64) {
	s := make([]float64, len(res.Segments))
	v := make([]float64, len(res.Segments))
	for i := range res.Segments {
		s[i], v[i] = res.Segments[i].Share, res.Segments[i].ValueShare
	}
	return PctParts(s, 1), PctParts(v, 1)
}

// TierPcts are the value tiers' shares of buyers and of value as
// shown (pctParts), aligned with Result.Tiers.
func TierPcts(res *analysis.Result) (share, value []float64) {
	s := make([]float64, len(res.Tiers))
	v := make([]float64, len(res.Tiers))
	for i := range res.Tiers {
		s[i], v[i] = res.Tiers[i].Share, res.Tiers[i].ValueShare
	}
	return PctParts(s, 1), PctParts(v, 1)
}

// SegmentPctsByKey is htmlSegmentPcts formatted and keyed by segment
// key.
func SegmentPctsByKey(res *analysis.Result) (share, value map[string]string) {
	sp, vp := SegmentPcts(res)
	share, value = make(map[string]string, len(sp)), make(map[string]string, len(vp))
	for i := range res.Segments {
		k := res.Segments[i].Rule.Key
		share[k], value[k] = PctShown(sp[i]), PctShown(vp[i])
	}
	return share, value
}

// Num makes a number safe for a cell: NaN and infinities become 0.
func Num(x float64) float64 {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return 0
	}
	return x
}
