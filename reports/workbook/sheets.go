package workbook

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/custseg/custseg/reports"

	"github.com/xuri/excelize/v2"

	"github.com/custseg/custseg/analysis"
)

const (
	// firstDataRow is the first row of every table under its header.
	firstDataRow = headerRow + 1
	// chartRows is the number of default-height rows one chart spans, with
	// a gap (charts are 360 px high; a row is 20 px).
	chartRows = 20
)

func (wb *workbook) writeSummary() error {
	s := wb.sheet(wb.summary)
	title := wb.t("workbook.titleSummary")
	if wb.in.Job != "" {
		title += " — " + wb.in.Job
	}
	if !wb.asOf.IsZero() {
		title = fmt.Sprintf(wb.t("workbook.titleAsOf"), title, wb.asOf.Format("2006-01-02"))
	}
	s.heading(title, wb.t("workbook.explainSummary"))
	prev, deltas, prevAsOf := wb.previous()
	change := wb.t("workbook.hdrChange")
	if prevAsOf != "" {
		change = fmt.Sprintf(wb.t("workbook.hdrChangeSince"), prevAsOf)
	}
	s.header(headerRow, wb.t("workbook.hdrMeasure"), wb.t("workbook.hdrValue"), change, wb.t("workbook.hdrMeaning"))
	firstRun := prev == nil && deltas == nil
	row := headerRow
	for _, x := range wb.kpis() {
		row++
		s.put(1, row, x.label, kLabel)
		if x.blank {
			s.put(2, row, nil, x.kind)
		} else {
			s.put(2, row, x.get(&wb.res.KPIs), x.kind)
		}
		switch d, ok := x.delta(&wb.res.KPIs, prev, deltas); {
		case firstRun:
			s.put(3, row, wb.t("workbook.wbFirstRun"), kExplain)
		case ok && !x.blank:
			s.put(3, row, d, deltaKind(x.kind))
		default:
			s.put(3, row, nil, kText)
		}
		s.put(4, row, x.meaning, kWrap)
	}
	s.table(headerRow, row, 4)

	row += 2
	s.put(1, row, wb.t("workbook.report"), kHeader)
	s.put(2, row, nil, kHeader)
	// The report's facts span the columns of the table above rather than
	// widen its Value column.
	asOf := ""
	if !wb.asOf.IsZero() {
		asOf = wb.asOf.Format("2006-01-02")
	}
	for _, x := range []struct {
		l reports.Label
		v string
	}{
		{reports.Label("workbook.job"), wb.in.Job},
		{reports.Label("workbook.runID"), wb.in.RunID},
		{reports.Label("workbook.version"), wb.in.Version},
		{reports.Label("workbook.wbAsOf"), asOf},
		{reports.Label("workbook.generatedAt"), wb.generatedAt()},
		{reports.Label("workbook.measure"), wb.t(wb.measureLabel())},
	} {
		if x.l == reports.Label("workbook.version") && x.v == "" {
			continue // a report made outside a run
		}
		row++
		s.put(1, row, wb.t(x.l), kLabel)
		if x.v == "" {
			s.put(2, row, nil, kText)
		} else {
			s.mergeNote(2, 4, row, x.v)
		}
	}

	row += 2
	s.put(1, row, wb.t("workbook.contents"), kHeader)
	for c := 2; c <= 4; c++ {
		s.put(c, row, nil, kHeader)
	}
	for _, x := range wb.sheets[1:] {
		row++
		s.link(1, row, x.name)
		s.mergeNote(2, 4, row, x.explain)
	}
	if err := s.finish(); err != nil {
		return err
	}
	return wb.addCharts(row + 2)
}

// mergeNote writes text wrapped across the columns from..to of row,
// without widening any of them: finish makes the row tall enough.
func (s *sheetWriter) mergeNote(from, to, row int, text string) {
	if s.err != nil {
		return
	}
	a, b := cellRef(from, row), cellRef(to, row)
	if err := s.f.SetCellValue(s.name, a, text); err != nil {
		s.err = fmt.Errorf("cell %s: %w", a, err)
		return
	}
	if err := s.f.SetCellStyle(s.name, a, b, s.st.id[kWrap]); err != nil {
		s.err = fmt.Errorf("cell %s: %w", a, err)
		return
	}
	if err := s.f.MergeCell(s.name, a, b); err != nil {
		s.err = fmt.Errorf("merge %s:%s: %w", a, b, err)
		return
	}
	s.merged = append(s.merged, mergedCell{from, to, row, text})
}

func (wb *workbook) generatedAt() string {
	if wb.in.GeneratedAt.IsZero() {
		return ""
	}
	return wb.in.GeneratedAt.Format("2006-01-02 15:04:05 -07:00")
}

// link writes the name of a sheet of this workbook, linked to its top.
func (s *sheetWriter) link(col, row int, sheet string) {
	s.put(col, row, sheet, kLink)
	if s.err != nil {
		return
	}
	ref := cellRef(col, row)
	if err := s.f.SetCellHyperLink(s.name, ref, quoteSheet(sheet)+"!A1", "Location"); err != nil {
		s.err = fmt.Errorf("link %s: %w", ref, err)
	}
}

// addCharts puts three native charts on the Summary sheet from row on, one
// under the other, drawn from the tables of the Segments, Value tiers and
// Pyramid sheets. Without buyers there is nothing to draw and no chart.
func (wb *workbook) addCharts(row int) error {
	if wb.res.KPIs.Buyers == 0 {
		return nil
	}
	abs := func(sheet string, col, row int) string {
		name, _ := excelize.ColumnNumberToName(col)
		return quoteSheet(sheet) + "!$" + name + "$" + strconv.Itoa(row)
	}
	span := func(sheet string, col, n int) string {
		name, _ := excelize.ColumnNumberToName(col)
		return abs(sheet, col, firstDataRow) + ":$" + name + "$" + strconv.Itoa(firstDataRow+n-1)
	}
	plain := false
	title := func(l reports.Label) excelize.ChartTitle {
		return excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: wb.t(l), Font: &excelize.Font{Bold: true, Size: 12}}}}
	}
	if n := len(wb.res.Segments); n > 0 {
		err := wb.f.AddChart(wb.summary, cellRef(1, row), &excelize.Chart{
			Type: excelize.Bar,
			Series: []excelize.ChartSeries{{
				Name:       abs(wb.segments, 2, headerRow),
				Categories: span(wb.segments, 1, n),
				Values:     span(wb.segments, 2, n),
			}},
			Title:      title("workbook.chartSegments"),
			VaryColors: &plain,
			Legend:     excelize.ChartLegend{Position: "none"},
			XAxis:      excelize.ChartAxis{ReverseOrder: true},
			PlotArea:   excelize.ChartPlotArea{ShowVal: true},
			Dimension:  excelize.ChartDimension{Width: 640, Height: 360},
			Format:     excelize.GraphicOptions{AltText: wb.t("workbook.chartSegments")},
		})
		if err != nil {
			return fmt.Errorf("segment chart: %w", err)
		}
	}
	if n := len(wb.res.Tiers); n > 0 {
		err := wb.f.AddChart(wb.summary, cellRef(1, row+chartRows), &excelize.Chart{
			Type: excelize.Col,
			Series: []excelize.ChartSeries{
				{Name: abs(wb.tiers, 3, headerRow), Categories: span(wb.tiers, 1, n), Values: span(wb.tiers, 3, n)},
				{Name: abs(wb.tiers, 5, headerRow), Categories: span(wb.tiers, 1, n), Values: span(wb.tiers, 5, n)},
			},
			Title:      title("workbook.chartTiers"),
			VaryColors: &plain,
			Legend:     excelize.ChartLegend{Position: "bottom"},
			YAxis:      excelize.ChartAxis{NumFmt: excelize.ChartNumFmt{CustomNumFmt: "0%"}, MajorGridLines: true},
			Dimension:  excelize.ChartDimension{Width: 640, Height: 360},
			Format:     excelize.GraphicOptions{AltText: wb.t("workbook.chartTiers")},
		})
		if err != nil {
			return fmt.Errorf("tier chart: %w", err)
		}
	}
	if n := len(wb.res.Pyramid); n > 0 {
		// Shares of buyers (D) and of CLV (H), or of value (F) when the
		// pyramid ranks by value.
		share, l := 8, reports.Label("workbook.chartPyramid")
		if !wb.res.Models.Usable {
			share, l = 6, reports.Label("workbook.chartPyramidValue")
		}
		err := wb.f.AddChart(wb.summary, cellRef(1, row+2*chartRows), &excelize.Chart{
			Type: excelize.Bar,
			Series: []excelize.ChartSeries{
				{Name: abs(wb.pyramid, 4, headerRow), Categories: span(wb.pyramid, 1, n), Values: span(wb.pyramid, 4, n)},
				{Name: abs(wb.pyramid, share, headerRow), Categories: span(wb.pyramid, 1, n), Values: span(wb.pyramid, share, n)},
			},
			Title:      title(l),
			VaryColors: &plain,
			Legend:     excelize.ChartLegend{Position: "bottom"},
			XAxis:      excelize.ChartAxis{ReverseOrder: true},
			YAxis:      excelize.ChartAxis{NumFmt: excelize.ChartNumFmt{CustomNumFmt: "0%"}, MajorGridLines: true},
			Dimension:  excelize.ChartDimension{Width: 640, Height: 360},
			Format:     excelize.GraphicOptions{AltText: wb.t(l)},
		})
		if err != nil {
			return fmt.Errorf("pyramid chart: %w", err)
		}
	}
	return nil
}

func (wb *workbook) writeSegments() error {
	s := wb.sheet(wb.segments)
	s.heading(wb.t("workbook.titleSegments"), wb.t("workbook.explainSegments"))
	s.header(headerRow, wb.t("workbook.segName"), wb.t("workbook.segCustomers"), wb.t("workbook.segShare"), wb.t("workbook.segValue"),
		wb.t("workbook.segValShare"), wb.t("workbook.segRecency"), wb.t("workbook.segFrequency"), wb.t("workbook.segMonetary"),
		wb.t("workbook.segAOV"), wb.t("workbook.segShareAll"), wb.t("workbook.segDistinct"), wb.t("workbook.segTooSmall"), wb.t("workbook.segStability"),
		wb.t("workbook.segRule"), wb.t("workbook.segAction"))
	eval := map[string]*analysis.SegmentEvaluation{}
	for i := range wb.res.Evaluation {
		eval[wb.res.Evaluation[i].Key] = &wb.res.Evaluation[i]
	}
	row := headerRow
	for _, g := range wb.res.Segments {
		row++
		s.put(1, row, reports.SegmentName(g.Rule, wb.loc), kLabel)
		s.put(2, row, g.Customers, kInt)
		s.put(3, row, g.Share, kPct)
		s.put(4, row, g.Value, kMoney)
		s.put(5, row, g.ValueShare, kPct)
		s.put(6, row, g.AvgRecency, kDec)
		s.put(7, row, g.AvgFrequency, kDec)
		s.put(8, row, g.AvgMonetary, kMoney)
		s.put(9, row, g.AvgOrderValue, kMoney)
		if e := eval[g.Rule.Key]; e != nil {
			s.put(10, row, e.Share, kPct)
			if math.IsNaN(e.Distinctness) || math.IsInf(e.Distinctness, 0) {
				s.put(11, row, nil, kRatio)
			} else {
				s.put(11, row, e.Distinctness, kRatio)
			}
			if e.TooSmall {
				s.put(12, row, wb.t("workbook.yes"), kText)
			} else {
				s.put(12, row, nil, kText)
			}
			if e.Stability >= 0 && !math.IsNaN(e.Stability) {
				s.put(13, row, e.Stability, kPct)
			} else {
				s.put(13, row, nil, kPct)
			}
		} else {
			for c := 10; c <= 13; c++ {
				s.put(c, row, nil, kText)
			}
		}
		s.put(14, row, segmentRule(g.Rule, wb.loc), kText)
		s.put(15, row, reports.SegmentAction(g.Rule, wb.loc), kWrap)
	}
	s.table(headerRow, row, 15)
	s.mergeNote(1, 9, row+2, fmt.Sprintf(wb.t("workbook.segEvalNote"), reports.PctText(wb.params().Insights.TooSmallShare)))
	return s.finish()
}

// segmentRule writes a segment's score rule, e.g. "R 4–5, FM 2–3", and
// the churn statuses it holds when it does not hold every one, e.g.
// "R 1–2, FM 3–4; Lapsing or Churned".
func segmentRule(r analysis.SegmentRule, loc string) string {
	span := func(lo, hi int) string {
		if lo == hi {
			return strconv.Itoa(lo)
		}
		return strconv.Itoa(lo) + "–" + strconv.Itoa(hi)
	}
	rule := "R " + span(r.RMin, r.RMax) + ", FM " + span(r.FMMin, r.FMMax)
	if len(r.Statuses) == 0 {
		return rule
	}
	names := make([]string, len(r.Statuses))
	for k, st := range r.Statuses {
		names[k] = reports.StatusLabels[st].In(loc)
	}
	or := reports.Label("workbook.segmentRule.or").In(loc)
	return rule + reports.Label("workbook.segmentRule.ret").In(loc) + strings.Join(names, or)
}

func (wb *workbook) writeTiers() error {
	s := wb.sheet(wb.tiers)
	s.heading(wb.t("workbook.titleTiers"), wb.t("workbook.explainTiers"))
	s.header(headerRow, wb.t("workbook.tierName"), wb.t("workbook.tierCustomers"), wb.t("workbook.tierShare"), wb.t("workbook.tierValue"),
		wb.t("workbook.tierValShare"), wb.t("workbook.tierMin"), wb.t("workbook.tierMax"))
	row := headerRow
	for _, t := range wb.res.Tiers {
		row++
		name := t.Tier.String()
		if l, ok := reports.TierLabels[t.Tier]; ok {
			name = l.In(wb.loc)
		}
		s.put(1, row, name, kLabel)
		s.put(2, row, t.Customers, kInt)
		s.put(3, row, t.Share, kPct)
		s.put(4, row, t.Value, kMoney)
		s.put(5, row, t.ValueShare, kPct)
		s.put(6, row, t.MinValue, kMoney)
		s.put(7, row, t.MaxValue, kMoney)
	}
	s.table(headerRow, row, 7)

	c := wb.res.Concentration
	row += 2
	s.put(1, row, wb.t("workbook.concentration"), kHeader)
	s.put(2, row, nil, kHeader)
	row++
	s.put(1, row, wb.t("workbook.top20"), kLabel)
	s.put(2, row, c.Top20Share, kPct)
	s.put(3, row, fmt.Sprintf(wb.t("workbook.top20Explain"), reports.Num(c.Top20Share)*100), kExplain)
	row++
	s.put(1, row, wb.t("workbook.gini"), kLabel)
	s.put(2, row, c.Gini, kRatio)
	s.put(3, row, wb.t("workbook.giniExplain"), kExplain)
	row++
	s.put(1, row, wb.t("workbook.measure"), kLabel)
	s.put(2, row, wb.t(wb.measureLabel()), kExplain)
	return s.finish()
}

func (wb *workbook) writeQuality() error {
	s := wb.sheet(wb.quality)
	s.heading(wb.t("workbook.titleQuality"), wb.t("workbook.explainQuality"))
	s.header(headerRow, wb.t("workbook.qWhat"), wb.t("workbook.qRows"), wb.t("workbook.qRule"))
	row := firstDataRow
	s.put(1, row, wb.t("workbook.qSource"), kText)
	s.put(2, row, wb.in.SourceRows, kInt)
	s.put(3, row, wb.t("workbook.qSourceRule"), kText)
	for _, q := range wb.in.Quality {
		row++
		what, rule := q.Check, ""
		if l, ok := reports.QualityLabels[q.Check]; ok {
			what, rule = l.What.In(wb.loc), l.Rule.In(wb.loc)
		}
		s.put(1, row, what, kText)
		s.put(2, row, q.Rows, kInt)
		s.put(3, row, rule, kText)
	}
	s.table(headerRow, row, 3)
	if note := wb.nonPositiveNote(); note != "" {
		s.note(row+2, note)
	}
	return s.finish()
}

// nonPositiveNote explains, when they differ, why the buyers whose net
// value is not positive (a data-quality count, on net revenue) are not as
// many as the buyers of the no-value tier (on the value measure, margin
// when orders have a cost); "" when the two agree.
func (wb *workbook) nonPositiveNote() string {
	var dq int64 = -1
	for _, q := range wb.in.Quality {
		if q.Check == analysis.CheckBuyersNonPositive {
			dq = q.Rows
		}
	}
	for _, t := range wb.res.Tiers {
		if t.Tier == analysis.TierNoValue && dq >= 0 && int64(t.Customers) != dq {
			return fmt.Sprintf(wb.t("workbook.qNonPositiveNote"), reports.Int(t.Customers), wb.t(reports.TierLabels[analysis.TierNoValue]),
				wb.tiers, reports.Int(int(dq)))
		}
	}
	return ""
}

func (wb *workbook) writeAbout() error {
	s := wb.sheet(wb.about)
	s.heading(wb.t("workbook.titleAbout"), wb.t("workbook.explainAbout"))
	s.header(headerRow, wb.t("workbook.aSection"), wb.t("workbook.aItem"), wb.t("workbook.aValue"))
	row := headerRow
	add := func(section reports.Label, item string, v any, k kind) {
		row++
		s.put(1, row, wb.t(section), kText)
		s.put(2, row, item, kLabel)
		s.put(3, row, v, k)
	}
	add("workbook.aRun", wb.t("workbook.job"), wb.in.Job, kText)
	add("workbook.aRun", wb.t("workbook.runID"), wb.in.RunID, kText)
	if wb.in.Version != "" {
		add("workbook.aRun", wb.t("workbook.version"), wb.in.Version, kText)
	}
	add("workbook.aRun", wb.t("workbook.wbAsOf"), nil, kDate)
	s.date(3, row, wb.asOf)
	add("workbook.aRun", wb.t("workbook.generatedAt"), wb.generatedAt(), kText)
	add("workbook.aRun", wb.t("workbook.locale"), wb.in.Locale, kText)
	add("workbook.aRun", wb.t("workbook.measure"), wb.t(wb.measureLabel()), kText)
	for _, p := range reports.Settings(wb.in, wb.loc) {
		add("workbook.aParam", p.Label, p.Value, kText)
	}
	warnings := reports.Warnings(wb.in, wb.loc)
	if len(warnings) == 0 {
		add("workbook.aWarning", "", wb.t("workbook.aNone"), kText)
	}
	for i, w := range warnings {
		add("workbook.aWarning", strconv.Itoa(i+1), w, kWrap)
	}
	for _, q := range wb.in.Queries {
		add("workbook.asql", reports.QueryName(q, wb.loc), q.SQL, kWrap)
	}
	s.table(headerRow, row, 3)
	return s.finish()
}
