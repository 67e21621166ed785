package workbook

import (
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/custseg/custseg/reports"

	"github.com/xuri/excelize/v2"

	"github.com/custseg/custseg/analysis"
)

// kind is how a cell is formatted; each kind has one style, created once.
type kind int

const (
	kText      kind = iota
	kWrap           // text wrapped in its cell
	kInt            // integer with thousands separators
	kMoney          // currency symbol, thousands separators, 2 decimals
	kPct            // 0.0%
	kDec            // 2 decimals with thousands separators
	kRatio          // 3 decimals, for the Gini coefficient
	kDate           // yyyy-mm-dd
	kTitle          // sheet title
	kExplain        // the explanation under the title
	kHeader         // table header
	kLabel          // bold label (section headings, row labels)
	kLink           // hyperlink
	kDec1           // 1 decimal with thousands separators (days, counts)
	kSection        // bold heading of a block below the first table; widens nothing
	kLabelWrap      // bold label, wrapped beyond maxLabelWidth
	// Changes since the last run, with a sign.
	kDeltaInt
	kDeltaMoney
	kDeltaPct // a change of a share, in percentage points
	kDeltaRatio
	kDeltaDec
	kindCount
)

type styles struct {
	id       [kindCount]int
	curWidth float64 // display width of the currency symbol
	ppWidth  float64 // display width of the percentage-point unit
}

func (st *styles) create(f *excelize.File, currency, locale string) error {
	top := &excelize.Alignment{Vertical: "top"}
	money, dMoney := "#,##0.00", "+#,##0.00;-#,##0.00;0.00"
	if c := strings.ReplaceAll(currency, `"`, ""); c != "" {
		money = `"` + c + `"#,##0.00;-"` + c + `"#,##0.00`
		dMoney = `+"` + c + `"#,##0.00;-"` + c + `"#,##0.00;"` + c + `"0.00`
		st.curWidth = displayWidth(c)
	}
	pct, date, dec, ratio := "0.0%", "yyyy-mm-dd", "#,##0.00", "0.000"
	dec1, dInt, dRatio, dDec := "#,##0.0", "+#,##0;-#,##0;0", "+0.000;-0.000;0.000", "+#,##0.0;-#,##0.0;0.0"
	pp := ` pp`
	if locale == "zh-CN" {
		pp = ` 个百分点`
	}
	st.ppWidth = displayWidth(pp)
	dPct := `+0.0"` + pp + `";-0.0"` + pp + `";0.0"` + pp + `"`
	defs := [kindCount]*excelize.Style{
		kText:    {Alignment: top},
		kWrap:    {Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}},
		kInt:     {NumFmt: 3, Alignment: top},
		kMoney:   {CustomNumFmt: &money, Alignment: top},
		kPct:     {CustomNumFmt: &pct, Alignment: top},
		kDec:     {CustomNumFmt: &dec, Alignment: top},
		kRatio:   {CustomNumFmt: &ratio, Alignment: top},
		kDate:    {CustomNumFmt: &date, Alignment: top},
		kTitle:   {Font: &excelize.Font{Bold: true, Size: 16, Color: "1F3864"}},
		kExplain: {Font: &excelize.Font{Italic: true, Color: "595959"}},
		kHeader: {
			Font:      &excelize.Font{Bold: true},
			Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"D9E1F2"}},
			Border:    []excelize.Border{{Type: "bottom", Color: "8EA9DB", Style: 1}},
			Alignment: &excelize.Alignment{Vertical: "center", WrapText: true},
		},
		kLabel:   {Font: &excelize.Font{Bold: true}, Alignment: top},
		kLink:    {Font: &excelize.Font{Color: "0563C1", Underline: "single"}, Alignment: top},
		kDec1:    {CustomNumFmt: &dec1, Alignment: top},
		kSection: {Font: &excelize.Font{Bold: true, Size: 12, Color: "1F3864"}},
		kLabelWrap: {Font: &excelize.Font{Bold: true},
			Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}},
		kDeltaInt:   {CustomNumFmt: &dInt, Alignment: top},
		kDeltaMoney: {CustomNumFmt: &dMoney, Alignment: top},
		kDeltaPct:   {CustomNumFmt: &dPct, Alignment: top},
		kDeltaRatio: {CustomNumFmt: &dRatio, Alignment: top},
		kDeltaDec:   {CustomNumFmt: &dDec, Alignment: top},
	}
	for k, d := range defs {
		id, err := f.NewStyle(d)
		if err != nil {
			return err
		}
		st.id[k] = id
	}
	return nil
}

// width estimates the display width, in characters, of v shown as k.
func (st *styles) width(k kind, v any) float64 {
	switch v := v.(type) {
	case nil:
		return 0
	case string:
		if k == kTitle || k == kExplain || k == kSection || k == kHeader {
			// Titles and explanations overflow into the empty cells to
			// their right; headers wrap (sheetWriter.header sizes them).
			return 0
		}
		switch k {
		case kWrap:
			return math.Min(displayWidth(v), maxWrapWidth)
		case kLabelWrap:
			return math.Min(displayWidth(v), maxLabelWidth)
		}
		return displayWidth(v)
	case int:
		if k == kDeltaInt {
			return 1 + numWidth(math.Abs(float64(v)), 0)
		}
		return numWidth(float64(v), 0)
	case int64:
		return numWidth(float64(v), 0)
	case float64:
		switch k {
		case kMoney:
			return st.curWidth + numWidth(v, 2)
		case kDeltaMoney:
			return 1 + st.curWidth + numWidth(math.Abs(v), 2)
		case kPct:
			return float64(len(strconv.FormatFloat(v*100, 'f', 1, 64))) + 1
		case kDeltaPct:
			return 1 + numWidth(math.Abs(v), 1) + st.ppWidth
		case kRatio:
			return numWidth(v, 3)
		case kDeltaRatio:
			return 1 + numWidth(math.Abs(v), 3)
		case kDec1:
			return numWidth(v, 1)
		case kDeltaDec:
			return 1 + numWidth(math.Abs(v), 1)
		case kDeltaInt:
			return 1 + numWidth(math.Abs(v), 0)
		case kDate:
			return 10
		case kInt:
			return numWidth(v, 0)
		default:
			return numWidth(v, 2)
		}
	}
	return 0
}

// numWidth is the width of x with thousands separators and dec decimals.
func numWidth(x float64, dec int) float64 {
	w := 1.0
	if x < 0 {
		w++
		x = -x
	}
	digits := 1
	for x >= 10 && digits < 20 {
		x /= 10
		digits++
	}
	w += float64(digits-1) + float64((digits-1)/3)
	if dec > 0 {
		w += float64(dec + 1)
	}
	return w
}

// displayWidth counts characters, East Asian wide ones as two.
func displayWidth(s string) float64 {
	w := 0
	for _, r := range s {
		if isWide(r) {
			w += 2
		} else {
			w++
		}
	}
	return float64(w)
}

func isWide(r rune) bool {
	switch {
	case r < 0x1100:
		return false
	case r <= 0x115F, r >= 0x2E80 && r <= 0xA4CF, r >= 0xAC00 && r <= 0xD7A3,
		r >= 0xF900 && r <= 0xFAFF, r >= 0xFE30 && r <= 0xFE4F,
		r >= 0xFF00 && r <= 0xFF60, r >= 0xFFE0 && r <= 0xFFE6,
		r >= 0x20000 && r <= 0x3FFFD:
		return true
	}
	return false
}

// Column widths: content plus padding, within these bounds.
const (
	minColWidth = 8
	maxColWidth = 60
	// headerPad leaves room for the autofilter button beside a header.
	headerPad = 3
	// maxHeaderWidth is the most a header widens its column; longer
	// headers wrap.
	maxHeaderWidth = 16
	// maxWrapWidth and maxLabelWidth are the most wrapped texts and
	// wrapped labels widen their column.
	maxWrapWidth  = 48
	maxLabelWidth = 28
)

func fitWidth(w float64) float64 {
	return math.Min(math.Max(math.Ceil(w)+2, minColWidth), maxColWidth)
}

// shownPlaces is how many decimals of a cell's value the number format of
// each numeric kind shows (a percentage format shows a fraction, so 0.0%
// is three places); kinds not listed are not numbers.
var shownPlaces = map[kind]int{
	kInt: 0, kMoney: 2, kPct: 3, kDec: 2, kRatio: 3, kDec1: 1,
	kDeltaInt: 0, kDeltaMoney: 2, kDeltaPct: 1, kDeltaRatio: 3, kDeltaDec: 1,
}

// cellNum is num for a cell shown as k: a negative value that the format
// rounds to zero (and −0) becomes 0, so the cell never shows "-0.0%" or
// "-¥0.00". Other values are kept as they are.
func cellNum(k kind, x float64) float64 {
	x = reports.Num(x)
	places, ok := shownPlaces[k]
	if !ok || x > 0 {
		return x
	}
	if p := math.Pow(10, float64(places)); math.Round(-x*p) == 0 {
		return 0
	}
	return x
}

// excelEpoch is day 0 of Excel's 1900 date system (after its leap-year bug).
var excelEpoch = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)

// excelDate is t's calendar date (read in t's own location) as an Excel
// serial day number; ok is false for zero or out-of-range dates, which are
// left blank.
func excelDate(t time.Time) (serial float64, ok bool) {
	if t.IsZero() || t.Year() < 1900 || t.Year() > 9999 || (t.Year() == 1900 && t.Month() < 3) {
		return 0, false
	}
	return float64(analysis.DaysBetween(excelEpoch, t)), true
}

func cellRef(col, row int) string {
	name, _ := excelize.ColumnNumberToName(col)
	return name + strconv.Itoa(row)
}

// quoteSheet quotes a sheet name for use in a formula or a link.
func quoteSheet(name string) string {
	return "'" + strings.ReplaceAll(name, "'", "''") + "'"
}

// freezeBelow freezes the rows up to and including row.
func freezeBelow(row int) *excelize.Panes {
	tl := cellRef(1, row+1)
	return &excelize.Panes{
		Freeze: true, YSplit: row, TopLeftCell: tl, ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: tl, ActiveCell: tl, Pane: "bottomLeft"}},
	}
}
