package workbook

import (
	"fmt"

	"github.com/xuri/excelize/v2"
)

// streamTable is a sheet streamed one row per customer, the way the
// Customers sheets and the call lists are written: the column widths and
// the frozen header first (the stream writer takes them only before the
// first row), the title and explanation, the header row, the note of an
// empty table, then the rows, each built in one reused set of cells styled
// by its column's kind.
type streamTable struct {
	sw    *excelize.StreamWriter
	cells []excelize.Cell
	row   []any // pointers into cells, or nil for a blank cell
	// keep, when not nil, are the columns of row the sheet shows, in
	// order (a segment sheet shows fewer than the Customers sheet);
	// shown is the row written.
	keep  []int
	shown []any
}

// startTable creates the stream writer of sheet name and writes everything
// above the first customer: widths (as given), panes, title, explain, the
// header row, and empty in the first data row when the table has no rows
// (n == 0) and empty is not "". Conditional formats, filters and page setup
// must be set on the sheet before it: the stream writer drops them.
func (wb *workbook) startTable(name, title, explain string, cols []column, widths []float64, n int, empty string) (*streamTable, error) {
	st := &wb.st
	sw, err := wb.f.NewStreamWriter(name)
	if err != nil {
		return nil, err
	}
	for c := len(cols); c >= 1; c-- {
		if err := sw.SetColWidth(c, c, widths[c-1]); err != nil {
			return nil, fmt.Errorf("column %d width: %w", c, err)
		}
	}
	if err := sw.SetPanes(freezeBelow(headerRow)); err != nil {
		return nil, fmt.Errorf("panes: %w", err)
	}
	if err := streamHeading(sw, st, title, explain); err != nil {
		return nil, err
	}
	hdr := make([]any, len(cols))
	for i, c := range cols {
		hdr[i] = excelize.Cell{StyleID: st.id[kHeader], Value: c.header}
	}
	if err := sw.SetRow(cellRef(1, headerRow), hdr, excelize.RowOpts{Height: headerHeight(headers(cols), widths)}); err != nil {
		return nil, err
	}
	if n == 0 && empty != "" {
		if err := sw.SetRow(cellRef(1, firstDataRow), []any{excelize.Cell{StyleID: st.id[kExplain], Value: empty}}); err != nil {
			return nil, err
		}
	}
	t := &streamTable{sw: sw, cells: make([]excelize.Cell, len(cols)), row: make([]any, len(cols))}
	for i, c := range cols {
		t.cells[i].StyleID = st.id[c.kind]
	}
	return t, nil
}

// set puts v in column i of the row being built.
func (t *streamTable) set(i int, v any) { t.cells[i].Value = v; t.row[i] = &t.cells[i] }

// text puts a text in column i: a string, which the stream writer always
// writes as inline text, so a name like "=HYPERLINK(...)" stays text, never
// a formula; "" is a true blank, which a filter lists as (Blanks).
func (t *streamTable) text(i int, v string) {
	if v == "" {
		t.row[i] = nil
	} else {
		t.set(i, v)
	}
}

// write writes the row built so far as sheet row r.
func (t *streamTable) write(r int) error {
	if t.keep == nil {
		return t.sw.SetRow(cellRef(1, r), t.row)
	}
	for k, i := range t.keep {
		t.shown[k] = t.row[i]
	}
	return t.sw.SetRow(cellRef(1, r), t.shown)
}

// showOnly makes the table show only the columns keep of the rows it is
// given (startTable was given those columns alone); all is the number of
// columns the rows are built with, and kinds their kinds, for the styles.
func (t *streamTable) showOnly(keep []int, all []column, st *styles) {
	t.keep, t.shown = keep, make([]any, len(keep))
	t.cells, t.row = make([]excelize.Cell, len(all)), make([]any, len(all))
	for i, c := range all {
		t.cells[i].StyleID = st.id[c.kind]
	}
}

// flush ends the sheet.
func (t *streamTable) flush() error { return t.sw.Flush() }
