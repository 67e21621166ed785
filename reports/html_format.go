package reports

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// Number and date formats of the HTML report and the emails. None of them
// ever prints NaN or an infinity: non-finite values show as "—".

// htmlLang is the value of <html lang> for a locale.
func htmlLang(locale string) string {
	if locale == "zh-CN" {
		return "zh-CN"
	}
	return "en"
}

// htmlInt formats n with thousands separators: 1234567 → "1,234,567".
func htmlInt(n int) string {
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

// htmlMoney formats v with the currency symbol and thousands separators;
// cents are shown below 1,000 only. Non-finite values give "—".
func htmlMoney(currency string, v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "—"
	}
	sign := ""
	if v < 0 {
		sign, v = "-", -v
	}
	if v >= 1000 {
		return sign + currency + htmlInt(int(math.Round(v)))
	}
	s := strconv.FormatFloat(v, 'f', 2, 64)
	if s == "1000.00" {
		s = "1,000.00"
	}
	return sign + currency + s
}

// htmlPct formats a share in [0, 1] as a percentage with one decimal:
// 0.1234 → "12.3%". Non-finite values give "—".
func htmlPct(x float64) string {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return "—"
	}
	return strconv.FormatFloat(htmlPct1(x), 'f', 1, 64) + "%"
}

// htmlPct1 converts a share to a percentage rounded to one decimal, with
// non-finite values as 0, for chart data.
func htmlPct1(x float64) float64 {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return 0
	}
	return math.Round(x*1000) / 10
}

// htmlDate formats a date, or "—" when it is zero.
func htmlDate(t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	return t.Format("2006-01-02")
}

// htmlDateTime formats a moment with its zone, or "—" when it is zero.
func htmlDateTime(t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	return t.Format("2006-01-02 15:04 MST")
}

// htmlChartText makes a data-derived string safe as an echarts label: echarts
// reads {…} in label formatters as templates and rich-text styles.
func htmlChartText(s string) string {
	return strings.NewReplacer("{", "(", "}", ")").Replace(s)
}

// htmlFinite reports whether x is a number that may be shown.
func htmlFinite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }

// htmlMoneyShort formats money compactly for tiles, sentences and axes:
// ¥45.7M, ¥950k in English; ¥4,570万, ¥1.2亿 in Chinese. Amounts under a
// thousand (ten thousand in Chinese) are written out.
func htmlMoneyShort(currency string, v float64, loc string) string {
	if !htmlFinite(v) {
		return "—"
	}
	sign := ""
	if v < 0 {
		sign, v = "-", -v
	}
	return sign + currency + htmlCompact(v, loc)
}

// htmlCompact writes a non-negative number compactly (see htmlMoneyShort):
// one decimal under 100 units, whole units above, and the next unit up once
// rounding reaches a thousand units.
func htmlCompact(v float64, loc string) string {
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
			return htmlInt(int(math.Round(v)))
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
		return htmlInt(n) + u.suffix
	}
	return htmlInt(int(math.Round(v)))
}

// htmlSigned puts an explicit sign before a formatted magnitude: "+" for
// positive, "−" (minus sign) for negative, nothing for zero.
func htmlSigned(neg, zero bool, s string) string {
	switch {
	case zero:
		return s
	case neg:
		return "−" + s
	}
	return "+" + s
}

// htmlRelChange formats a relative change: 0.021 → "+2.1%".
func htmlRelChange(x float64) string {
	if !htmlFinite(x) {
		return "—"
	}
	p := htmlPct1(math.Abs(x))
	return htmlSigned(x < 0, p == 0, strconv.FormatFloat(p, 'f', 1, 64)+"%")
}

// htmlPoints formats a change of a share in percentage points:
// 0.004 → "+0.4 pp" ("+0.4 个百分点").
func htmlPoints(x float64, loc string) string {
	if !htmlFinite(x) {
		return "—"
	}
	p := htmlPct1(math.Abs(x))
	return htmlSigned(x < 0, p == 0, strconv.FormatFloat(p, 'f', 1, 64)) + htmlPointsUnit.In(loc)
}

// htmlDay parses a YYYY-MM-DD date; ok is false when s is not one.
func htmlDay(s string) (time.Time, bool) {
	t, err := time.Parse("2006-01-02", s)
	return t, err == nil
}

// htmlFormat fills a label's %s verbs, in locale.
func htmlFormat(l Label, loc string, args ...any) string {
	return fmt.Sprintf(l.In(loc), args...)
}

// htmlMoneyWhole formats v in whole currency units with thousands
// separators, for table columns: ¥880.64 → "¥881". Non-finite values give
// "—".
func htmlMoneyWhole(currency string, v float64) string {
	if !htmlFinite(v) {
		return "—"
	}
	n := int(math.Round(v))
	if n < 0 {
		return "-" + currency + htmlInt(-n)
	}
	return currency + htmlInt(n)
}
