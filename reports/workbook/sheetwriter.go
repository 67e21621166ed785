package workbook

import (
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
)

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
	merged []mergedCell
	// wrapMax, when set, replaces maxWrapWidth: how far wrapped texts
	// widen their column.
	wrapMax float64
	err     error
}

// mergedCell is wrapped text over the merged columns from..to of a row.
type mergedCell struct {
	from, to, row int
	text          string
}

type wrapCell struct {
	col, row int
	text     string
	pad      float64 // room taken by other things in the cell (the filter button)
}

func (wb *workbook) sheet(name string) *sheetWriter {
	return &sheetWriter{f: wb.f, name: name, st: &wb.st}
}

// put writes v (nil: blank) with the style of k.
func (s *sheetWriter) put(col, row int, v any, k kind) {
	if s.err != nil {
		return
	}
	switch x := v.(type) {
	case float64:
		v = cellNum(k, x)
	case string:
		if x == "" {
			v = nil // a true blank
		}
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
	w := s.st.width(k, v)
	if str, ok := v.(string); ok && k == kWrap && s.wrapMax > 0 {
		w = math.Min(displayWidth(str), s.wrapMax)
	}
	s.grow(col, w)
	if str, ok := v.(string); ok && (k == kWrap || k == kLabelWrap) {
		s.wraps = append(s.wraps, wrapCell{col, row, str, 0})
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

// header writes a table header row. Long headers wrap rather than widen
// their column beyond headerWidth.
func (s *sheetWriter) header(row int, headers ...string) {
	for i, h := range headers {
		s.put(i+1, row, h, kHeader)
		s.grow(i+1, headerWidth(h))
		if h != "" {
			s.wraps = append(s.wraps, wrapCell{i + 1, row, h, headerPad})
		}
	}
}

// headerWidth is the width a header asks of its column: its text and room
// for the autofilter button, up to maxHeaderWidth (it wraps beyond).
func headerWidth(h string) float64 {
	return math.Min(displayWidth(h)+headerPad, maxHeaderWidth)
}

// headerHeight is the height of a header row whose headers wrap in columns
// of the given (fitted) widths.
func headerHeight(headers []string, widths []float64) float64 {
	h := 15.0
	for i, t := range headers {
		if i < len(widths) {
			h = math.Max(h, wrapHeight(t, widths[i]-headerPad))
		}
	}
	return h
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
	width := func(col int) float64 {
		if col > len(s.widths) {
			return minColWidth
		}
		return fitWidth(s.widths[col-1])
	}
	for _, c := range s.wraps {
		heights[c.row] = math.Max(heights[c.row], wrapHeight(c.text, width(c.col)-c.pad))
	}
	for _, c := range s.merged {
		w := 0.0
		for col := c.from; col <= c.to; col++ {
			w += width(col)
		}
		heights[c.row] = math.Max(heights[c.row], wrapHeight(c.text, w))
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
//
// A column's width counts widths of the digit 0; most letters are
// narrower, so they count 0.9 here; wide (CJK) characters count 2.2,
// a little more than their two columns, as some fonts draw them.
func wrapHeight(text string, width float64) float64 {
	lines := 0
	for _, line := range strings.Split(text, "\n") {
		w := 0.0
		for _, r := range line {
			if isWide(r) {
				w += 2.2
			} else {
				w += 0.9
			}
		}
		lines += max(1, int(math.Ceil(w/math.Max(width-1, 1))))
	}
	return math.Min(math.Max(15, 15*float64(lines)), 409)
}

// rowsEvery is how many streamed rows pass between two calls of
// Input.RowsWritten.
const rowsEvery = 4096

// rowsWritten tells in.RowsWritten that rows of the total of a streamed
// sheet are written: at the start (0), every rowsEvery rows and at the end;
// nothing while a background sheet reports its own rows.
func (wb *workbook) rowsWritten(sheet string, rows, total int) {
	if wb.bgActive.Load() {
		return // the background sheet reports its own
	}
	wb.reportRows(sheet, rows, total)
}

// reportRows tells in.RowsWritten, every rowsEvery rows and at the ends.
func (wb *workbook) reportRows(sheet string, rows, total int) {
	if wb.in.RowsWritten != nil && (rows == 0 || rows == total || rows%rowsEvery == 0) {
		wb.in.RowsWritten(sheet, rows, total)
	}
}
