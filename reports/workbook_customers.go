package reports

import (
	"fmt"
	"math"

	"github.com/xuri/excelize/v2"

	"github.com/custseg/custseg/analysis"
)

// Columns of the Customers sheet after the attribute columns, as offsets
// from the first of them.
const (
	ccFirst = iota
	ccLast
	ccRecency
	ccFrequency
	ccMonetary
	ccValue
	ccR
	ccF
	ccM
	ccFM
	ccSegment
	ccTier
	ccStatus
	ccOrders
	ccGross
	ccRefunds
	ccCount
)

// Columns before the attribute columns.
const (
	ccID = iota
	ccName
	ccEmail
	ccPhone
	ccRegistered
	ccAttrs // the first attribute column
)

// customerSheetRows is how many customers one sheet holds: an Excel sheet
// has 1,048,576 rows, the first three are title, explanation and header.
// Tests lower it.
var customerSheetRows = excelize.TotalRows - headerRow

// customerSheetNames names the Customers sheets: "Customers", then
// "Customers (2)" and so on when one sheet cannot hold them all.
func (wb *workbook) customerSheetNames() []string {
	name := wb.t(wbSheetCustomers)
	names := []string{name}
	for k := 2; (k-1)*customerSheetRows < len(wb.ds.Customers); k++ {
		names = append(names, fmt.Sprintf("%s (%d)", name, k))
	}
	return names
}

type column struct {
	header string
	kind   kind
}

// customerColumns lists the Customers sheet's columns.
func (wb *workbook) customerColumns() []column {
	cols := []column{
		{wb.t(wbColID), kText}, {wb.t(wbColName), kText}, {wb.t(wbColEmail), kText},
		{wb.t(wbColPhone), kText}, {wb.t(wbColReg), kDate},
	}
	for _, a := range wb.ds.AttrNames {
		cols = append(cols, column{a, kText})
	}
	value := wb.t(wbColValueRevenue)
	if wb.res.ValueMeasure == "margin" {
		value = wb.t(wbColValueMargin)
	}
	return append(cols,
		column{wb.t(wbColFirst), kDate}, column{wb.t(wbColLast), kDate},
		column{wb.t(wbColRecency), kInt}, column{wb.t(wbColFrequency), kInt},
		column{wb.t(wbColMonetary), kMoney}, column{value, kMoney},
		column{wb.t(wbColR), kInt}, column{wb.t(wbColF), kInt},
		column{wb.t(wbColM), kInt}, column{wb.t(wbColFM), kInt},
		column{wb.t(wbColSegment), kText}, column{wb.t(wbColTier), kText},
		column{wb.t(wbColStatus), kText}, column{wb.t(wbColOrders), kInt},
		column{wb.t(wbColGross), kMoney}, column{wb.t(wbColRefunds), kMoney},
	)
}

func (wb *workbook) measureLabel() Label {
	if wb.res.ValueMeasure == "margin" {
		return wbMeasureMargin
	}
	return wbMeasureRevenue
}

// customerNames are the localized segment, tier and status names, looked
// up once rather than per row.
type customerNames struct {
	segments []string
	tiers    map[analysis.Tier]string
	statuses map[analysis.Status]string
	none     string
}

func (wb *workbook) customerNames() customerNames {
	n := customerNames{
		tiers:    map[analysis.Tier]string{},
		statuses: map[analysis.Status]string{},
		none:     TierLabels[analysis.TierNone].In(wb.loc),
	}
	for _, s := range wb.res.Segments {
		n.segments = append(n.segments, SegmentName(s.Rule, wb.loc))
	}
	for t, l := range TierLabels {
		n.tiers[t] = l.In(wb.loc)
	}
	for s, l := range StatusLabels {
		n.statuses[s] = l.In(wb.loc)
	}
	return n
}

func (n *customerNames) segment(i int) string {
	if i < 0 || i >= len(n.segments) {
		return n.none
	}
	return n.segments[i]
}

func (n *customerNames) tier(t analysis.Tier) string {
	if s, ok := n.tiers[t]; ok {
		return s
	}
	return string(t)
}

func (n *customerNames) status(s analysis.Status) string {
	if l, ok := n.statuses[s]; ok {
		return l
	}
	return string(s)
}

// writeCustomers writes the Customers sheets.
func (wb *workbook) writeCustomers() error {
	cols := wb.customerColumns()
	names := wb.customerNames()
	widths := wb.customerWidths(cols, &names)
	n := len(wb.ds.Customers)
	for k, sheet := range wb.customers {
		lo, hi := k*customerSheetRows, min((k+1)*customerSheetRows, n)
		if err := wb.writeCustomerSheet(sheet, lo, hi, cols, widths, &names); err != nil {
			return fmt.Errorf("sheet %q: %w", sheet, err)
		}
	}
	return nil
}

// writeCustomerSheet streams customers lo..hi-1, one per row. Autofilter
// and conditional formats are set on the sheet before the stream writer is
// created (set later, the stream writer drops them); widths and panes go
// through the stream writer before the first row.
func (wb *workbook) writeCustomerSheet(name string, lo, hi int, cols []column, widths []float64, names *customerNames) error {
	f := wb.f
	nattr := len(wb.ds.AttrNames)
	after := ccAttrs + nattr // first column after the attributes, 0-based
	last := headerRow + hi - lo

	ref := cellRef(1, headerRow) + ":" + cellRef(len(cols), last)
	if err := f.AutoFilter(name, ref, nil); err != nil {
		return fmt.Errorf("autofilter %s: %w", ref, err)
	}
	if hi > lo {
		// Colour scale on the R, F and M scores: low red, high green.
		scores := cellRef(after+ccR+1, headerRow+1) + ":" + cellRef(after+ccM+1, last)
		err := f.SetConditionalFormat(name, scores, []excelize.ConditionalFormatOptions{{
			Type: "3_color_scale", Criteria: "=",
			MinType: "num", MinValue: "1", MinColor: "#F8696B",
			MidType: "percentile", MidValue: "50", MidColor: "#FFEB84",
			MaxType: "num", MaxValue: fmt.Sprint(max(wb.res.Bins, 2)), MaxColor: "#63BE7B",
		}})
		if err != nil {
			return fmt.Errorf("colour scale %s: %w", scores, err)
		}
	}

	sw, err := f.NewStreamWriter(name)
	if err != nil {
		return err
	}
	for c := len(cols); c >= 1; c-- {
		if err := sw.SetColWidth(c, c, widths[c-1]); err != nil {
			return fmt.Errorf("column %d width: %w", c, err)
		}
	}
	if err := sw.SetPanes(freezeBelow(headerRow)); err != nil {
		return fmt.Errorf("panes: %w", err)
	}
	st := &wb.st
	explain := wb.t(wbExplainCustomers)
	if len(wb.customers) > 1 {
		explain = fmt.Sprintf(wb.t(wbCustomersPart), lo+1, hi, len(wb.ds.Customers)) + " " + explain
	}
	if err := sw.SetRow(cellRef(1, titleRow), []any{excelize.Cell{StyleID: st.id[kTitle], Value: wb.t(wbTitleCustomers)}},
		excelize.RowOpts{Height: 24}); err != nil {
		return err
	}
	if err := sw.SetRow(cellRef(1, explainRow), []any{excelize.Cell{StyleID: st.id[kExplain], Value: explain}}); err != nil {
		return err
	}
	hdr := make([]any, len(cols))
	for i, c := range cols {
		hdr[i] = excelize.Cell{StyleID: st.id[kHeader], Value: c.header}
	}
	if err := sw.SetRow(cellRef(1, headerRow), hdr); err != nil {
		return err
	}

	// One Cell per column, reused for every row; row holds pointers to
	// them, or nil for a blank cell.
	cells := make([]excelize.Cell, len(cols))
	for i, c := range cols {
		cells[i].StyleID = st.id[c.kind]
	}
	row := make([]any, len(cols))
	set := func(i int, v any) { cells[i].Value = v; row[i] = &cells[i] }
	text := func(i int, v string) {
		if v == "" {
			row[i] = nil // a true blank, which the filter lists as (Blanks)
		} else {
			set(i, v)
		}
	}
	money := func(i int, x float64) { set(i, num(x)) }
	setDate := func(i int, d float64, ok bool) {
		if ok {
			set(i, d)
		} else {
			row[i] = nil
		}
	}
	for i := lo; i < hi; i++ {
		c := &wb.ds.Customers[i]
		s := &wb.res.Scores[i]
		text(ccID, c.ID)
		text(ccName, c.Name)
		text(ccEmail, c.Email)
		text(ccPhone, c.Phone)
		d, ok := excelDate(c.RegisteredAt)
		setDate(ccRegistered, d, ok)
		for j := range nattr {
			if j < len(c.Attrs) {
				text(ccAttrs+j, c.Attrs[j])
			} else {
				row[ccAttrs+j] = nil
			}
		}
		d, ok = excelDate(c.FirstOrder)
		setDate(after+ccFirst, d, ok)
		d, ok = excelDate(c.LastOrder)
		setDate(after+ccLast, d, ok)
		if s.Recency >= 0 { // -1 for customers who never bought
			set(after+ccRecency, s.Recency)
		} else {
			row[after+ccRecency] = nil
		}
		set(after+ccFrequency, s.Frequency)
		money(after+ccMonetary, s.Monetary)
		money(after+ccValue, s.Value)
		for k, v := range [4]int{s.R, s.F, s.M, s.FM} {
			if v > 0 {
				set(after+ccR+k, v)
			} else {
				row[after+ccR+k] = nil
			}
		}
		set(after+ccSegment, names.segment(s.Segment))
		set(after+ccTier, names.tier(s.Tier))
		set(after+ccStatus, names.status(s.Status))
		set(after+ccOrders, c.Orders)
		money(after+ccGross, c.Gross)
		money(after+ccRefunds, c.Refunds)
		if err := sw.SetRow(cellRef(1, headerRow+1+i-lo), row); err != nil {
			return fmt.Errorf("customer %q (row %d): %w", c.ID, headerRow+1+i-lo, err)
		}
	}
	return sw.Flush()
}

// customerWidths fits each column to its header and widest value, in one
// pass over the customers that allocates nothing per customer.
func (wb *workbook) customerWidths(cols []column, names *customerNames) []float64 {
	nattr := len(wb.ds.AttrNames)
	after := ccAttrs + nattr
	w := make([]float64, len(cols))
	for i, c := range cols {
		w[i] = displayWidth(c.header) + headerPad
	}
	grow := func(i int, x float64) { w[i] = math.Max(w[i], x) }
	// Money columns: the widest value is the smallest or the largest.
	moneyCols := [4]int{after + ccMonetary, after + ccValue, after + ccGross, after + ccRefunds}
	var lo, hi [4]float64
	maxRec, maxFreq, maxOrders := 0, 0, 0
	for i := range wb.ds.Customers {
		c := &wb.ds.Customers[i]
		s := &wb.res.Scores[i]
		grow(ccID, displayWidth(c.ID))
		grow(ccName, displayWidth(c.Name))
		grow(ccEmail, displayWidth(c.Email))
		grow(ccPhone, displayWidth(c.Phone))
		for j := 0; j < nattr && j < len(c.Attrs); j++ {
			grow(ccAttrs+j, displayWidth(c.Attrs[j]))
		}
		for k, x := range [4]float64{s.Monetary, s.Value, c.Gross, c.Refunds} {
			lo[k], hi[k] = math.Min(lo[k], num(x)), math.Max(hi[k], num(x))
		}
		maxRec = max(maxRec, s.Recency)
		maxFreq = max(maxFreq, s.Frequency)
		maxOrders = max(maxOrders, c.Orders)
	}
	for k, i := range moneyCols {
		grow(i, math.Max(wb.st.width(kMoney, lo[k]), wb.st.width(kMoney, hi[k])))
	}
	for _, i := range []int{ccRegistered, after + ccFirst, after + ccLast} {
		grow(i, 10)
	}
	grow(after+ccRecency, numWidth(float64(maxRec), 0))
	grow(after+ccFrequency, numWidth(float64(maxFreq), 0))
	grow(after+ccOrders, numWidth(float64(maxOrders), 0))
	grow(after+ccSegment, displayWidth(names.none))
	for _, s := range names.segments {
		grow(after+ccSegment, displayWidth(s))
	}
	for _, s := range names.tiers {
		grow(after+ccTier, displayWidth(s))
	}
	for _, s := range names.statuses {
		grow(after+ccStatus, displayWidth(s))
	}
	for i := range w {
		w[i] = fitWidth(w[i])
	}
	return w
}
