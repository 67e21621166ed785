package workbook

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strconv"
	"sync/atomic"

	"github.com/custseg/custseg/reports"

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
	ccRhythm
	ccStage
	ccPAlive
	ccNextOrder
	ccExpPurchases
	ccExpSpend
	ccCLV
	ccKeep
	ccPyramid
	ccCluster
	ccDiscount
	ccBehaviour
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
	name := wb.t("workbook.SheetCustomers")
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

func headers(cols []column) []string {
	out := make([]string, len(cols))
	for i, c := range cols {
		out[i] = c.header
	}
	return out
}

// customerColumns lists the Customers sheet's columns.
func (wb *workbook) customerColumns() []column {
	cols := []column{
		{wb.t("workbook.colID"), kText}, {wb.t("workbook.colName"), kText}, {wb.t("workbook.colEmail"), kText},
		{wb.t("workbook.colPhone"), kText}, {wb.t("workbook.colReg"), kDate},
	}
	for _, a := range wb.ds.AttrNames {
		cols = append(cols, column{wb.columnName(a), kText})
	}
	value := wb.t("workbook.colValueRevenue")
	if wb.res.ValueMeasure == "margin" {
		value = wb.t("workbook.colValueMargin")
	}
	cols = append(cols,
		column{wb.t("workbook.colFirst"), kDate}, column{wb.t("workbook.colLast"), kDate},
		column{wb.t("workbook.colRecency"), kInt}, column{wb.t("workbook.colFrequency"), kInt},
		column{wb.t("workbook.colMonetary"), kMoney}, column{value, kMoney},
		column{wb.t("workbook.colR"), kInt}, column{wb.t("workbook.colF"), kInt},
		column{wb.t("workbook.colM"), kInt}, column{wb.t("workbook.colFM"), kInt},
		column{wb.t("reports.ColSegmentSheet"), kText}, column{wb.t("workbook.colTier"), kText},
		column{wb.t("workbook.colStatus"), kText}, column{wb.t("workbook.colOrders"), kInt},
		column{wb.t("workbook.colGross"), kMoney}, column{wb.t("workbook.colRefunds"), kMoney},
		column{wb.t("workbook.colRhythm"), kDec1}, column{wb.t("workbook.colStage"), kText},
		column{wb.t("workbook.colPAlive"), kPct}, column{wb.t("workbook.colNextOrder"), kDate},
		column{wb.t("workbook.colExpPurchases") + fmt.Sprintf(wb.t("workbook.paren"), wb.horizon()), kDec},
		column{wb.t("workbook.colExpSpend"), kMoney},
		column{wb.t("workbook.colCLV") + fmt.Sprintf(wb.t("workbook.paren"), fmt.Sprintf(wb.t("workbook.months"), wb.res.Models.CLVMonths)), kMoney},
		column{wb.t("workbook.colKeep"), kMoney}, column{wb.t("workbook.colPyramid"), kText},
		column{wb.t("workbook.colCluster"), kText}, column{wb.t("workbook.colDiscount"), kPct},
		column{wb.t("workbook.colBehaviour"), kText},
	)
	return append(cols, wb.campaignColumns()...)
}

// horizon is the purchase horizon of the models in words, e.g. "52 weeks".
func (wb *workbook) horizon() string {
	m := wb.res.Models
	switch {
	case m.TimeUnitDays == 7:
		return fmt.Sprintf(wb.t("workbook.weeks"), reports.Num(m.PurchaseHorizon))
	case m.TimeUnitDays > 0:
		return fmt.Sprintf(wb.t("workbook.days"), math.Round(reports.Num(m.PurchaseHorizon*m.TimeUnitDays)))
	}
	return fmt.Sprintf(wb.t("workbook.days"), reports.Num(m.PurchaseHorizon))
}

func (wb *workbook) measureLabel() reports.Label {
	if wb.res.ValueMeasure == "margin" {
		return reports.Label("workbook.measureMargin")
	}
	return reports.Label("workbook.measureRevenue")
}

// customerNames are the localized segment, tier and status names, looked
// up once rather than per row.
type customerNames struct {
	segments   []string
	tiers      map[analysis.Tier]string
	statuses   map[analysis.Status]string
	stages     map[analysis.Stage]string
	pyramid    map[analysis.PyramidTier]string
	behaviours map[analysis.Behaviour]string
	clusters   []string
	none       string
}

func (wb *workbook) customerNames() customerNames {
	n := customerNames{
		tiers:    map[analysis.Tier]string{},
		statuses: map[analysis.Status]string{},
		none:     reports.TierLabels[analysis.TierNone].In(wb.loc),
	}
	for _, s := range wb.res.Segments {
		n.segments = append(n.segments, reports.SegmentName(s.Rule, wb.loc))
	}
	for t, l := range reports.TierLabels {
		n.tiers[t] = l.In(wb.loc)
	}
	for s, l := range reports.StatusLabels {
		n.statuses[s] = l.In(wb.loc)
	}
	n.stages = localize(reports.StageLabels, wb.loc)
	n.pyramid = localize(reports.PyramidLabels, wb.loc)
	n.behaviours = localize(reports.BehaviourLabels, wb.loc)
	for k, name := range reports.ClusterNames(wb.res, wb.loc) {
		n.clusters = append(n.clusters, ClusterName(k, name))
	}
	return n
}

// ClusterName is the name of cluster k as customer lists show it: its
// number from 1, then its descriptive name ("2. Recent, frequent"; see
// reports.ClusterNames). The number keeps it apart from every group name
// of the vocabulary, since a cluster may describe itself with a word such
// as "New".
func ClusterName(k int, name string) string {
	if name == "" {
		return strconv.Itoa(k + 1)
	}
	return strconv.Itoa(k+1) + ". " + name
}

// localize looks up the labels of a map in locale.
func localize[K comparable](m map[K]reports.Label, locale string) map[K]string {
	out := make(map[K]string, len(m))
	for k, l := range m {
		out[k] = l.In(locale)
	}
	return out
}

// lookup returns the name of k, or k itself when it has none.
func lookup[K comparable](m map[K]string, k K) string {
	if s, ok := m[k]; ok {
		return s
	}
	return fmt.Sprint(k)
}

func (n *customerNames) cluster(k int) string {
	if k < 0 || k >= len(n.clusters) {
		return n.none
	}
	return n.clusters[k]
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
	return t.String()
}

func (n *customerNames) status(s analysis.Status) string {
	if l, ok := n.statuses[s]; ok {
		return l
	}
	return s.String()
}

// writeCustomers writes the Customers sheets.
func (wb *workbook) writeCustomers() error {
	cols, widths, names := wb.customerLayout()
	n := len(wb.ds.Customers)
	for k, sheet := range wb.customers {
		lo, hi := k*customerSheetRows, min((k+1)*customerSheetRows, n)
		explain := wb.t("workbook.explainCustomers")
		if len(wb.customers) > 1 {
			explain = fmt.Sprintf(wb.t("workbook.customersPart"), lo+1, hi, n) + " " + explain
		}
		at := func(j int) int { return lo + j }
		if err := wb.writeCustomerSheet(sheet, wb.t("workbook.titleCustomers"), explain, hi-lo, at, "", cols, widths, names, nil, true); err != nil {
			return err
		}
	}
	return nil
}

// writeSegmentSheet writes the customers of one segment, the most valuable
// first (ties in dataset order), with the columns of the Customers sheet.
func (wb *workbook) writeSegmentSheet(s segSheet) error {
	var members []int32
	for i := range wb.res.Scores {
		if int(wb.res.Scores[i].Segment) == s.seg {
			members = append(members, int32(i))
		}
	}
	scores := wb.res.Scores
	slices.SortStableFunc(members, func(a, b int32) int {
		return cmp.Compare(reports.Num(scores[b].Value), reports.Num(scores[a].Value))
	})
	g := wb.res.Segments[s.seg]
	cols, widths, names := wb.customerLayout()
	explain := fmt.Sprintf(wb.t("workbook.explainSegmentSheet"), len(members), reports.SegmentAction(g.Rule, wb.loc))
	if all := len(members); all > customerSheetRows {
		// Past Excel's row limit: the most valuable, and where the rest are.
		members = members[:customerSheetRows]
		explain = wb.sentences(explain, fmt.Sprintf(wb.t("workbook.segmentSheetCapped"), reports.Int(len(members)), reports.Int(all)))
	}
	note := ""
	if len(members) == 0 {
		note = wb.t("workbook.emptySegment")
	}
	at := func(j int) int { return int(members[j]) }
	return wb.writeCustomerSheet(s.name, reports.SegmentName(g.Rule, wb.loc), explain, len(members), at, note, cols, widths, names, wb.segmentColumns(len(cols)), false)
}

// shown returns the columns keep of cols and their widths (all of them
// when keep is nil), and col: the sheet column (1-based) that shows
// column i of cols, 0 when it is not shown.
func shown(cols []column, widths []float64, keep []int) ([]column, []float64, func(i int) int) {
	if keep == nil {
		return cols, widths, func(i int) int { return i + 1 }
	}
	shownCols, shownWidths := make([]column, len(keep)), make([]float64, len(keep))
	pos := make([]int, len(cols))
	for k, i := range keep {
		shownCols[k], shownWidths[k] = cols[i], widths[i]
		pos[i] = k + 1
	}
	return shownCols, shownWidths, func(i int) int { return pos[i] }
}

// segmentColumns are the columns of the Customers sheet (n in all) that a
// segment sheet shows: what a marketer works a segment's list with — who
// the customers are and how to reach them, their attributes, when they
// last bought, the R, F and M scores that put them in the segment, their
// value, tier, churn status and predicted value, their buying behaviour
// and the campaign columns. It leaves out what is the same on the whole
// sheet (the segment), what the Customers sheet has for analysis
// (registration and first order, FM, gross and refunds beside the net,
// the purchase rhythm, lifecycle stage, the model's parts, pyramid tier,
// cluster) and the orders, which the frequency already counts.
func (wb *workbook) segmentColumns(n int) []int {
	after := ccAttrs + len(wb.ds.AttrNames)
	drop := map[int]bool{ccRegistered: true}
	for _, c := range []int{ccFirst, ccFM, ccSegment, ccOrders, ccGross, ccRefunds, ccRhythm, ccStage,
		ccExpPurchases, ccExpSpend, ccPyramid, ccCluster} {
		drop[after+c] = true
	}
	keep := make([]int, 0, n)
	for i := range n {
		if !drop[i] {
			keep = append(keep, i)
		}
	}
	return keep
}

// customerLayout returns the columns, their widths and the localized names
// of the sheets with a row per customer, worked out on the first call.
func (wb *workbook) customerLayout() ([]column, []float64, *customerNames) {
	if wb.cust.cols == nil {
		wb.cust.cols = wb.customerColumns()
		wb.cust.names = wb.customerNames()
		wb.cust.widths = wb.customerWidths(wb.cust.cols, &wb.cust.names)
	}
	return wb.cust.cols, wb.cust.widths, &wb.cust.names
}

// customerLayoutCache is what customerLayout works out once.
type customerLayoutCache struct {
	cols   []column
	widths []float64
	names  customerNames
}

// writeCustomerSheet streams n customers, at(0) to at(n-1), one per row.
// An empty sheet shows note under its header. Autofilter and conditional
// formats are set on the sheet before the stream writer is created (set
// later, the stream writer drops them); widths and panes go through the
// stream writer before the first row.
//
// keep, when not nil, are the columns of cols the sheet shows, in order
// (segmentColumns); the conditional formats and notes name them where
// they are shown. With inBackground the rows are written on another
// goroutine while the workbook goes on (see background).
func (wb *workbook) writeCustomerSheet(name, title, explain string, n int, at func(int) int, note string,
	cols []column, widths []float64, names *customerNames, keep []int, inBackground bool) error {
	f := wb.f
	nattr := len(wb.ds.AttrNames)
	after := ccAttrs + nattr // first column after the attributes, 0-based
	last := headerRow + n
	shownCols, shownWidths, col := shown(cols, widths, keep)

	ref := cellRef(1, headerRow) + ":" + cellRef(len(shownCols), last)
	if err := f.AutoFilter(name, ref, nil); err != nil {
		return fmt.Errorf("autofilter %s: %w", ref, err)
	}
	if n > 0 {
		// Colour scale on the R, F and M scores: low red, high green.
		scores := cellRef(col(after+ccR), headerRow+1) + ":" + cellRef(col(after+ccM), last)
		if err := f.SetConditionalFormat(name, scores, scoreScale(wb.res.Bins)); err != nil {
			return fmt.Errorf("colour scale %s: %w", scores, err)
		}
		if wb.res.Models.Usable && col(after+ccPAlive) > 0 {
			palive := cellRef(col(after+ccPAlive), headerRow+1) + ":" + cellRef(col(after+ccPAlive), last)
			if err := f.SetConditionalFormat(name, palive, probabilityScale()); err != nil {
				return fmt.Errorf("colour scale %s: %w", palive, err)
			}
		}
	}

	// The campaign columns come last; the note says who cannot be emailed.
	campaign := after + ccCount
	explain = wb.sentences(explain, wb.campaignNote(n, at, col(campaign)))
	t, err := wb.startTable(name, title, explain, shownCols, shownWidths, n, note)
	if err != nil {
		return err
	}
	if keep != nil {
		t.showOnly(keep, cols, &wb.st)
	}
	writeRow := wb.customerRow(t, at, names, after, campaign, nattr)
	report := wb.rowsWritten
	if inBackground {
		report = wb.reportRows
	}
	rows := func(stop *atomic.Bool) error {
		report(name, 0, n)
		for j := range n {
			if stop.Load() {
				return errStopped
			}
			if err := writeRow(j); err != nil {
				return err
			}
			report(name, j+1, n)
		}
		return nil
	}
	if inBackground {
		return wb.startBackground(name, rows, t.flush)
	}
	if err := rows(new(atomic.Bool)); err != nil {
		return err
	}
	return t.flush()
}

// customerRow returns the function that builds and writes row j of a
// sheet of customers (see writeCustomerSheet) into t.
func (wb *workbook) customerRow(t *streamTable, at func(int) int, names *customerNames, after, campaign, nattr int) func(j int) error {
	set, text, row := t.set, t.text, t.row
	money := func(i int, x float64) { set(i, cellNum(kMoney, x)) }
	setDate := func(i int, d float64, ok bool) {
		if ok {
			set(i, d)
		} else {
			row[i] = nil
		}
	}
	usable := wb.res.Models.Usable
	discount := wb.ds.HasDiscount
	camp, ctexts := wb.campaignLayout(), wb.campaignTexts()
	putCampaign := func(k int, v string) { text(campaign+k, v) }
	return func(j int) error {
		i := at(j)
		c := &wb.ds.Customers[i]
		s := &wb.res.Scores[i]
		buyer := c.IsBuyer()
		text(ccID, c.ID)
		text(ccName, c.Name)
		text(ccEmail, c.Email)
		text(ccPhone, c.Phone)
		d, ok := excelDate(c.RegisteredAt.Time())
		setDate(ccRegistered, d, ok)
		for j := range nattr {
			if j < len(c.Attrs) {
				text(ccAttrs+j, c.Attrs[j])
			} else {
				row[ccAttrs+j] = nil
			}
		}
		d, ok = excelDate(c.FirstOrder.Time())
		setDate(after+ccFirst, d, ok)
		d, ok = excelDate(c.LastOrder.Time())
		setDate(after+ccLast, d, ok)
		if s.Recency >= 0 { // -1 for customers who never bought
			set(after+ccRecency, s.Recency)
		} else {
			row[after+ccRecency] = nil
		}
		set(after+ccFrequency, s.Frequency)
		money(after+ccMonetary, s.Monetary)
		money(after+ccValue, s.Value)
		for k, v := range [4]int{int(s.R), int(s.F), int(s.M), int(s.FM)} {
			if v > 0 {
				set(after+ccR+k, v)
			} else {
				row[after+ccR+k] = nil
			}
		}
		set(after+ccSegment, names.segment(int(s.Segment)))
		set(after+ccTier, names.tier(s.Tier))
		set(after+ccStatus, names.status(s.Status))
		set(after+ccOrders, c.Orders)
		money(after+ccGross, c.Gross)
		money(after+ccRefunds, c.Refunds)
		if s.RhythmDays > 0 && !math.IsInf(s.RhythmDays, 0) {
			set(after+ccRhythm, s.RhythmDays)
		} else {
			row[after+ccRhythm] = nil
		}
		set(after+ccStage, lookup(names.stages, s.Lifecycle))
		if usable && buyer && !s.NextOrder.IsZero() {
			d, ok = excelDate(s.NextOrder.Time())
			setDate(after+ccNextOrder, d, ok)
		} else {
			row[after+ccNextOrder] = nil
		}
		if usable && buyer {
			money(after+ccPAlive, s.PAlive)
			money(after+ccExpPurchases, s.ExpPurchases)
			money(after+ccExpSpend, s.ExpSpend)
			money(after+ccCLV, s.CLV)
		} else {
			row[after+ccPAlive], row[after+ccExpPurchases], row[after+ccExpSpend], row[after+ccCLV] = nil, nil, nil, nil
		}
		if buyer {
			money(after+ccKeep, s.KeepValue)
		} else {
			row[after+ccKeep] = nil
		}
		set(after+ccPyramid, lookup(names.pyramid, s.Pyramid))
		set(after+ccCluster, names.cluster(int(s.Cluster)))
		if discount && buyer {
			money(after+ccDiscount, s.DiscountShare)
		} else {
			row[after+ccDiscount] = nil
		}
		set(after+ccBehaviour, lookup(names.behaviours, s.Behaviour))
		wb.campaignValues(i, camp, names, &ctexts, putCampaign)
		if err := t.write(headerRow + 1 + j); err != nil {
			return fmt.Errorf("customer %q (row %d): %w", c.ID, headerRow+1+j, err)
		}
		return nil
	}
}

// streamHeading writes the title and explanation rows of a streamed sheet.
func streamHeading(sw *excelize.StreamWriter, st *styles, title, explain string) error {
	if err := sw.SetRow(cellRef(1, titleRow), []any{excelize.Cell{StyleID: st.id[kTitle], Value: title}},
		excelize.RowOpts{Height: 24}); err != nil {
		return err
	}
	return sw.SetRow(cellRef(1, explainRow), []any{excelize.Cell{StyleID: st.id[kExplain], Value: explain}})
}

// scoreScale colours R, F and M scores from red (1) to green (bins).
func scoreScale(bins int) []excelize.ConditionalFormatOptions {
	return []excelize.ConditionalFormatOptions{{
		Type: "3_color_scale", Criteria: "=",
		MinType: "num", MinValue: "1", MinColor: "#F8696B",
		MidType: "percentile", MidValue: "50", MidColor: "#FFEB84",
		MaxType: "num", MaxValue: strconv.Itoa(max(bins, 2)), MaxColor: "#63BE7B",
	}}
}

// probabilityScale colours a probability from red (0) through yellow (½)
// to green (1).
func probabilityScale() []excelize.ConditionalFormatOptions {
	return []excelize.ConditionalFormatOptions{{
		Type: "3_color_scale", Criteria: "=",
		MinType: "num", MinValue: "0", MinColor: "#F8696B",
		MidType: "num", MidValue: "0.5", MidColor: "#FFEB84",
		MaxType: "num", MaxValue: "1", MaxColor: "#63BE7B",
	}}
}

// customerWidths fits each column to its header and widest value, in one
// pass over the customers that allocates nothing per customer.
func (wb *workbook) customerWidths(cols []column, names *customerNames) []float64 {
	nattr := len(wb.ds.AttrNames)
	after := ccAttrs + nattr
	w := make([]float64, len(cols))
	for i, c := range cols {
		w[i] = headerWidth(c.header)
	}
	grow := func(i int, x float64) { w[i] = math.Max(w[i], x) }
	// Money columns: the widest value is the smallest or the largest.
	moneyCols := [8]int{after + ccMonetary, after + ccValue, after + ccGross, after + ccRefunds,
		after + ccExpSpend, after + ccCLV, after + ccKeep, after + ccExpPurchases}
	var lo, hi [8]float64
	maxRec, maxFreq, maxOrders, maxRhythm := 0, 0, 0, 0.0
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
		for k, x := range [8]float64{s.Monetary, s.Value, c.Gross, c.Refunds, s.ExpSpend, s.CLV, s.KeepValue, s.ExpPurchases} {
			lo[k], hi[k] = math.Min(lo[k], reports.Num(x)), math.Max(hi[k], reports.Num(x))
		}
		maxRhythm = math.Max(maxRhythm, reports.Num(s.RhythmDays))
		maxRec = max(maxRec, int(s.Recency))
		maxFreq = max(maxFreq, int(s.Frequency))
		maxOrders = max(maxOrders, int(c.Orders))
	}
	for k, i := range moneyCols {
		grow(i, math.Max(wb.st.width(cols[i].kind, lo[k]), wb.st.width(cols[i].kind, hi[k])))
	}
	grow(after+ccRhythm, numWidth(maxRhythm, 1))
	grow(after+ccPAlive, 6)   // 100.0%
	grow(after+ccDiscount, 6) // 100.0%
	for _, v := range names.stages {
		grow(after+ccStage, displayWidth(v))
	}
	for _, v := range names.pyramid {
		grow(after+ccPyramid, displayWidth(v))
	}
	for _, v := range names.behaviours {
		grow(after+ccBehaviour, displayWidth(v))
	}
	grow(after+ccCluster, displayWidth(names.none))
	for _, v := range names.clusters {
		grow(after+ccCluster, displayWidth(v))
	}
	for _, i := range []int{ccRegistered, after + ccFirst, after + ccLast, after + ccNextOrder} {
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
	wb.campaignWidths(w, after+ccCount, names)
	for i := range w {
		w[i] = fitWidth(w[i])
	}
	return w
}
