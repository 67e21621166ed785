package reports

import (
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/custseg/custseg/analysis"
)

// WriteWorkbook writes the marketing workbook of one run to w as .xlsx: the
// sheets Summary, Customers, Segments, Value tiers, Data quality and About,
// in that order, with texts in in.Locale ("zh-CN" or English).
//
// Every sheet starts with a title row and a one-line explanation, then a
// table with a bold header row, frozen panes below it and an autofilter. The
// Customers sheet is streamed, so a million customers fit in modest memory.
// An empty dataset, or one without buyers, still gives every sheet with its
// headers; no cell ever holds NaN or an infinity.
//
// in.Result must be the analysis of in.Dataset (Scores aligned with
// Customers); a nil Dataset counts as no customers.
func WriteWorkbook(w io.Writer, in *Input) error {
	if in == nil || in.Result == nil {
		return errors.New("workbook: no analysis result to write")
	}
	ds := in.Dataset
	if ds == nil {
		ds = &analysis.Dataset{}
	}
	if len(in.Result.Scores) != len(ds.Customers) {
		return fmt.Errorf("workbook: %d scores for %d customers; the result is not the analysis of this dataset",
			len(in.Result.Scores), len(ds.Customers))
	}
	wb := &workbook{in: in, ds: ds, res: in.Result, loc: in.Locale, asOf: in.AsOf}
	if wb.asOf.IsZero() {
		wb.asOf = in.Result.AsOf
	}
	f := excelize.NewFile()
	defer f.Close()
	wb.f = f
	if err := wb.write(); err != nil {
		return fmt.Errorf("workbook: %w", err)
	}
	if err := f.Write(w); err != nil {
		return fmt.Errorf("workbook: write: %w", err)
	}
	return nil
}

// workbook is the state of one WriteWorkbook call.
type workbook struct {
	f    *excelize.File
	in   *Input
	ds   *analysis.Dataset
	res  *analysis.Result
	loc  string
	asOf time.Time
	st   styles

	summary, customers, segments, tiers, quality, about string
}

func (wb *workbook) t(l Label) string { return l.In(wb.loc) }

func (wb *workbook) write() error {
	wb.summary = wb.t(wbSheetSummary)
	wb.customers = wb.t(wbSheetCustomers)
	wb.segments = wb.t(wbSheetSegments)
	wb.tiers = wb.t(wbSheetTiers)
	wb.quality = wb.t(wbSheetQuality)
	wb.about = wb.t(wbSheetAbout)
	names := []string{wb.summary, wb.customers, wb.segments, wb.tiers, wb.quality, wb.about}
	// Create every sheet first, in order, so sheet indexes (which autofilter
	// names refer to) are final before anything is written.
	if err := wb.f.SetSheetName("Sheet1", names[0]); err != nil {
		return fmt.Errorf("sheet %q: %w", names[0], err)
	}
	for _, n := range names[1:] {
		if _, err := wb.f.NewSheet(n); err != nil {
			return fmt.Errorf("sheet %q: %w", n, err)
		}
	}
	wb.f.SetActiveSheet(0)
	if err := wb.st.create(wb.f, wb.in.Currency); err != nil {
		return fmt.Errorf("styles: %w", err)
	}
	for _, step := range []struct {
		sheet string
		fn    func() error
	}{
		{wb.customers, wb.writeCustomers},
		{wb.segments, wb.writeSegments},
		{wb.tiers, wb.writeTiers},
		{wb.quality, wb.writeQuality},
		{wb.about, wb.writeAbout},
		{wb.summary, wb.writeSummary}, // last: its charts refer to the other sheets
	} {
		if err := step.fn(); err != nil {
			return fmt.Errorf("sheet %q: %w", step.sheet, err)
		}
	}
	title := wb.t(wbTitleSummary)
	if wb.in.Job != "" {
		title += " — " + wb.in.Job
	}
	props := &excelize.DocProperties{Title: title, Creator: "custseg", Language: wb.loc}
	if !wb.in.GeneratedAt.IsZero() {
		props.Created = wb.in.GeneratedAt.UTC().Format(time.RFC3339)
		props.Modified = props.Created
	}
	if err := wb.f.SetDocProps(props); err != nil {
		return fmt.Errorf("document properties: %w", err)
	}
	return nil
}

// kind is how a cell is formatted; each kind has one style, created once.
type kind int

const (
	kText    kind = iota
	kWrap         // text wrapped in its cell
	kInt          // integer with thousands separators
	kMoney        // currency symbol, thousands separators, 2 decimals
	kPct          // 0.0%
	kDec          // 2 decimals with thousands separators
	kRatio        // 3 decimals, for the Gini coefficient
	kDate         // yyyy-mm-dd
	kTitle        // sheet title
	kExplain      // the explanation under the title
	kHeader       // table header
	kLabel        // bold label (section headings, row labels)
	kLink         // hyperlink
	kindCount
)

type styles struct {
	id       [kindCount]int
	curWidth float64 // display width of the currency symbol
}

func (st *styles) create(f *excelize.File, currency string) error {
	top := &excelize.Alignment{Vertical: "top"}
	money := "#,##0.00"
	if c := strings.ReplaceAll(currency, `"`, ""); c != "" {
		money = `"` + c + `"#,##0.00;-"` + c + `"#,##0.00`
		st.curWidth = displayWidth(c)
	}
	pct, date, dec, ratio := "0.0%", "yyyy-mm-dd", "#,##0.00", "0.000"
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
			Alignment: &excelize.Alignment{Vertical: "center"},
		},
		kLabel: {Font: &excelize.Font{Bold: true}, Alignment: top},
		kLink:  {Font: &excelize.Font{Color: "0563C1", Underline: "single"}, Alignment: top},
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
		if k == kTitle || k == kExplain {
			return 0 // they overflow into the empty cells to their right
		}
		return displayWidth(v)
	case int:
		return numWidth(float64(v), 0)
	case int64:
		return numWidth(float64(v), 0)
	case float64:
		switch k {
		case kMoney:
			return st.curWidth + numWidth(v, 2)
		case kPct:
			return float64(len(strconv.FormatFloat(v*100, 'f', 1, 64))) + 1
		case kRatio:
			return numWidth(v, 3)
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
)

func fitWidth(w float64) float64 {
	return math.Min(math.Max(math.Ceil(w)+2, minColWidth), maxColWidth)
}

// num makes a number safe for a cell: NaN and infinities become 0.
func num(x float64) float64 {
	if math.IsNaN(x) || math.IsInf(x, 0) {
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

// Row layout shared by every sheet.
const (
	titleRow   = 1
	explainRow = 2
	headerRow  = 3
)

// sheetWriter writes a small sheet cell by cell (not streamed), keeping the
// first error and the widest content of each column.
type sheetWriter struct {
	f      *excelize.File
	name   string
	st     *styles
	widths []float64
	wraps  []wrapCell
	err    error
}

type wrapCell struct {
	col, row int
	text     string
}

func (wb *workbook) sheet(name string) *sheetWriter {
	return &sheetWriter{f: wb.f, name: name, st: &wb.st}
}

// put writes v (nil: blank) with the style of k.
func (s *sheetWriter) put(col, row int, v any, k kind) {
	if s.err != nil {
		return
	}
	if f, ok := v.(float64); ok {
		v = num(f)
	}
	ref := cellRef(col, row)
	if v != nil {
		if err := s.f.SetCellValue(s.name, ref, v); err != nil {
			s.err = fmt.Errorf("cell %s: %w", ref, err)
			return
		}
	}
	if err := s.f.SetCellStyle(s.name, ref, ref, s.st.id[k]); err != nil {
		s.err = fmt.Errorf("cell %s: %w", ref, err)
		return
	}
	s.grow(col, s.st.width(k, v))
	if str, ok := v.(string); ok && k == kWrap {
		s.wraps = append(s.wraps, wrapCell{col, row, str})
	}
}

// date writes t as a date, or a blank cell when t is unknown.
func (s *sheetWriter) date(col, row int, t time.Time) {
	if d, ok := excelDate(t); ok {
		s.put(col, row, d, kDate)
		return
	}
	s.put(col, row, nil, kDate)
}

func (s *sheetWriter) grow(col int, w float64) {
	for len(s.widths) < col {
		s.widths = append(s.widths, 0)
	}
	s.widths[col-1] = math.Max(s.widths[col-1], w)
}

// heading writes the title and explanation rows.
func (s *sheetWriter) heading(title, explain string) {
	s.put(1, titleRow, title, kTitle)
	s.put(1, explainRow, explain, kExplain)
	if s.err == nil {
		s.err = s.f.SetRowHeight(s.name, titleRow, 24)
	}
}

// header writes a table header row.
func (s *sheetWriter) header(row int, headers ...string) {
	for i, h := range headers {
		s.put(i+1, row, h, kHeader)
		s.grow(i+1, displayWidth(h)+headerPad)
	}
}

// table sets the autofilter over rows first..last (first is the header) and
// freezes the panes below the header.
func (s *sheetWriter) table(first, last, cols int) {
	if s.err != nil {
		return
	}
	ref := cellRef(1, first) + ":" + cellRef(cols, max(last, first))
	if err := s.f.AutoFilter(s.name, ref, nil); err != nil {
		s.err = fmt.Errorf("autofilter %s: %w", ref, err)
		return
	}
	if err := s.f.SetPanes(s.name, freezeBelow(first)); err != nil {
		s.err = fmt.Errorf("panes: %w", err)
	}
}

// finish fits the column widths and the heights of rows with wrapped text,
// and returns the first error.
func (s *sheetWriter) finish() error {
	if s.err != nil {
		return s.err
	}
	for i := len(s.widths); i >= 1; i-- {
		name, _ := excelize.ColumnNumberToName(i)
		if err := s.f.SetColWidth(s.name, name, name, fitWidth(s.widths[i-1])); err != nil {
			return fmt.Errorf("column %s width: %w", name, err)
		}
	}
	heights := map[int]float64{}
	for _, c := range s.wraps {
		heights[c.row] = math.Max(heights[c.row], wrapHeight(c.text, fitWidth(s.widths[c.col-1])))
	}
	for row, h := range heights {
		if err := s.f.SetRowHeight(s.name, row, h); err != nil {
			return fmt.Errorf("row %d height: %w", row, err)
		}
	}
	return nil
}

// wrapHeight estimates the height in points of text wrapped in a column of
// the given width.
func wrapHeight(text string, width float64) float64 {
	lines := 0
	for _, line := range strings.Split(text, "\n") {
		lines += max(1, int(math.Ceil(displayWidth(line)/math.Max(width-1, 1))))
	}
	return math.Min(math.Max(15, 15*float64(lines)), 409)
}
