package workbook

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/custseg/custseg/reports"

	"github.com/custseg/custseg/analysis"
)

// params are the analysis settings of the run, for thresholds in words;
// the shipped defaults when the input does not carry them.
func (wb *workbook) params() analysis.Params {
	if wb.in.Analysis.RFM.Bins == 0 {
		return analysis.DefaultParams()
	}
	return wb.in.Analysis
}

// mergeHeader writes a header cell spanning the columns from..to of row.
func (s *sheetWriter) mergeHeader(from, to, row int, text string) {
	s.put(from, row, text, kHeader)
	for c := from + 1; c <= to; c++ {
		s.put(c, row, nil, kHeader)
	}
	if s.err == nil && to > from {
		if err := s.f.MergeCell(s.name, cellRef(from, row), cellRef(to, row)); err != nil {
			s.err = fmt.Errorf("merge %s: %w", cellRef(from, row), err)
		}
	}
}

// note writes an explanatory line in the first column of row; it overflows
// to the right and widens nothing.
func (s *sheetWriter) note(row int, text string) {
	s.put(1, row, text, kExplain)
}

func (wb *workbook) writePyramid() error {
	s := wb.sheet(wb.pyramid)
	s.heading(wb.t("workbook.titlePyramid"), wb.t("workbook.explainPyramid"))
	s.header(headerRow, wb.t("workbook.pyrTier"), wb.t("workbook.pyrWho"), wb.t("workbook.tierCustomers"), wb.t("workbook.tierShare"),
		wb.t("workbook.tierValue"), wb.t("workbook.tierValShare"), wb.t("workbook.colCLV"), wb.t("workbook.pyrCLVShare"))
	usable := wb.res.Models.Usable
	p := wb.params().Pyramid
	rules := []string{
		fmt.Sprintf(wb.t("workbook.pyrTop"), reports.PctText(p.Platinum)),
		fmt.Sprintf(wb.t("workbook.pyrNext"), reports.PctText(p.Gold)),
		fmt.Sprintf(wb.t("workbook.pyrNext"), reports.PctText(p.Iron)),
		fmt.Sprintf(wb.t("workbook.pyrRest"), reports.PctText(1-p.Platinum-p.Gold-p.Iron)),
	}
	row := headerRow
	for k, g := range wb.res.Pyramid {
		row++
		name := g.Key
		if t, err := analysis.ParsePyramidTier(g.Key); err == nil {
			if l, ok := reports.PyramidLabels[t]; ok {
				name = l.In(wb.loc)
			}
		}
		s.put(1, row, name, kLabel)
		if k < len(rules) {
			s.put(2, row, rules[k], kText)
		} else {
			s.put(2, row, nil, kText)
		}
		s.put(3, row, g.Customers, kInt)
		s.put(4, row, g.Share, kPct)
		s.put(5, row, g.Value, kMoney)
		s.put(6, row, g.ValueShare, kPct)
		if usable {
			s.put(7, row, g.CLV, kMoney)
			s.put(8, row, g.CLVShare, kPct)
		} else {
			s.put(7, row, nil, kMoney)
			s.put(8, row, nil, kPct)
		}
	}
	s.table(headerRow, row, 8)
	row += 2
	s.put(1, row, wb.t("workbook.pyrRankedBy"), kLabel)
	by := reports.Label("workbook.pyrByCLV")
	if wb.res.Models.PyramidBy != "clv" {
		by = reports.Label("workbook.pyrByValue")
	}
	s.put(2, row, wb.t(by), kExplain)
	return s.finish()
}

// churnRules states each status's rule with the run's thresholds.
func (wb *workbook) churnRules() map[analysis.Status]string {
	c := wb.params().Churn
	g := func(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }
	return map[analysis.Status]string{
		analysis.StatusPotential: wb.t("workbook.dfPotential"),
		analysis.StatusActive:    fmt.Sprintf(wb.t("workbook.dfActive"), g(c.RhythmAtRisk), c.RhythmMinDays, c.AtRiskDays),
		analysis.StatusAtRisk:    fmt.Sprintf(wb.t("workbook.dfAtRisk"), g(c.RhythmChurned), c.RhythmMinDays+1, c.ChurnedDays),
		analysis.StatusChurned:   fmt.Sprintf(wb.t("workbook.dfChurned"), g(c.RhythmChurned), c.RhythmMinDays+1, c.ChurnedDays),
	}
}

// stageMeanings says who is in each lifecycle stage, with the run's windows.
func (wb *workbook) stageMeanings() map[analysis.Stage]string {
	l := wb.params().Lifecycle
	return map[analysis.Stage]string{
		analysis.StageExploration: fmt.Sprintf(wb.t("workbook.dfStageExploration"), l.ExplorationDays),
		analysis.StageFormation:   fmt.Sprintf(wb.t("workbook.dfStageFormation"), l.WindowDays, l.WindowDays),
		analysis.StageStability:   wb.t("workbook.dfStageStability"),
		analysis.StageDecline:     fmt.Sprintf(wb.t("workbook.dfStageDecline"), l.WindowDays, l.WindowDays),
		analysis.StageLost:        wb.t("workbook.dfStageLost"),
	}
}

func (wb *workbook) writeChurn() error {
	s := wb.sheet(wb.churn)
	s.heading(wb.t("workbook.titleChurn"), wb.t("workbook.explainChurn"))
	s.header(headerRow, wb.t("workbook.chStatus"), wb.t("workbook.segCustomers"), wb.t("workbook.chShareAll"), wb.t("workbook.tierValue"))
	s.mergeHeader(5, 8, headerRow, wb.t("workbook.chRule"))
	rules := wb.churnRules()
	row := headerRow
	for _, st := range wb.res.Statuses {
		row++
		s.put(1, row, lookup(localize(reports.StatusLabels, wb.loc), st.Status), kLabel)
		s.put(2, row, st.Customers, kInt)
		s.put(3, row, st.Share, kPct)
		s.put(4, row, st.Value, kMoney)
		s.mergeNote(5, 8, row, rules[st.Status])
	}
	s.table(headerRow, row, 4)

	row += 2
	if days := wb.res.ChurnPeriodDays; days > 0 {
		s.put(1, row, wb.t("reports.KpiNameChurnRate"), kLabel)
		s.put(2, row, wb.res.KPIs.PeriodChurnRate, kPct)
		s.mergeNote(3, 8, row, fmt.Sprintf(wb.t("workbook.chPeriodWhat"), days))
	} else {
		s.put(1, row, wb.t("reports.KpiNameChurnRate"), kLabel)
		s.put(2, row, nil, kPct)
		s.mergeNote(3, 8, row, wb.t("workbook.chPeriodMissing"))
	}
	row++
	s.put(1, row, wb.t("workbook.chRhythm"), kLabel)
	s.mergeNote(2, 8, row, wb.t(dfRhythm[1]))

	row += 2
	s.header(row, wb.t("workbook.chStage"), wb.t("workbook.segCustomers"), wb.t("workbook.segShare"), wb.t("workbook.tierValue"),
		wb.t("workbook.tierValShare"), wb.t("workbook.colCLV"), wb.t("workbook.chStageMeans"), wb.t("workbook.chStrategy"))
	means := wb.stageMeanings()
	for _, g := range wb.res.Lifecycle {
		row++
		st, _ := analysis.ParseStage(g.Key)
		s.put(1, row, lookup(localize(reports.StageLabels, wb.loc), st), kLabel)
		s.put(2, row, g.Customers, kInt)
		s.put(3, row, g.Share, kPct)
		s.put(4, row, g.Value, kMoney)
		s.put(5, row, g.ValueShare, kPct)
		if wb.res.Models.Usable {
			s.put(6, row, g.CLV, kMoney)
		} else {
			s.put(6, row, nil, kMoney)
		}
		s.put(7, row, means[st], kWrap)
		s.put(8, row, reports.StageStrategies[st].In(wb.loc), kWrap)
	}
	return s.finish()
}

func (wb *workbook) writeClusters() error {
	s := wb.sheet(wb.clusters)
	s.heading(wb.t("workbook.titleClusters"), wb.t("workbook.explainClusters"))
	s.header(headerRow, wb.t("workbook.clNumber"), wb.t("workbook.clName"), wb.t("workbook.segCustomers"), wb.t("workbook.segShare"),
		wb.t("workbook.segValShare"), wb.t("workbook.segRecency"), wb.t("workbook.segFrequency"), wb.t("workbook.segMonetary"), wb.t("workbook.clTenure"))
	c := wb.res.Clusters
	row := headerRow
	names := reports.ClusterNames(wb.res, wb.loc)
	for k, p := range c.Profiles {
		row++
		s.put(1, row, k+1, kInt)
		s.put(2, row, names[k], kLabel)
		s.put(3, row, p.Customers, kInt)
		s.put(4, row, p.Share, kPct)
		s.put(5, row, p.ValueShare, kPct)
		s.put(6, row, p.MeanRecency, kDec1)
		s.put(7, row, p.MeanFrequency, kDec)
		s.put(8, row, p.MeanMonetary, kMoney)
		s.put(9, row, p.MeanTenure, kDec1)
	}
	s.table(headerRow, row, 9)
	if len(c.Profiles) == 0 {
		row++
		msg := reports.Why(c.Error, wb.loc)
		if msg == "" {
			msg = "—"
		}
		s.note(row, fmt.Sprintf(wb.t("workbook.clError"), msg))
	}
	if len(c.Scores) > 0 {
		row += 2
		s.header(row, wb.t("workbook.clChoosing"), wb.t("workbook.clSil"), wb.t("workbook.clInertia"), wb.t("workbook.clChosen"))
		for _, k := range c.Scores {
			row++
			s.put(1, row, k.K, kInt)
			s.put(2, row, k.Silhouette, kRatio)
			s.put(3, row, k.Inertia, kDec)
			if k.K == c.K && len(c.Profiles) > 0 {
				s.put(4, row, "✓", kLabel)
			} else {
				s.put(4, row, nil, kText)
			}
		}
		row++
		s.mergeNote(1, 9, row, wb.t("workbook.clSilWhat"))
	}
	return s.finish()
}

// attributeName is the name of a characteristic's attribute as the sheets
// show it: the column name, or the age band and the date column it comes
// from.
func (wb *workbook) attributeName(ch analysis.Characteristic) string {
	if ch.Attribute != analysis.AgeBandAttribute {
		return wb.columnName(ch.Attribute)
	}
	if ch.Column == "" || ch.Column == ch.Attribute {
		return wb.t("workbook.ageBand")
	}
	return wb.t("workbook.ageBand") + fmt.Sprintf(wb.t("workbook.paren"), wb.columnName(ch.Column))
}

// columnName is an attribute column's name as the sheets show it
// (reports.AttributeName).
func (wb *workbook) columnName(col string) string {
	return reports.AttributeName(col, wb.loc)
}

// attributeValue is the name of one value of a characteristic.
func (wb *workbook) attributeValue(ch analysis.Characteristic, v analysis.AttributeValue) string {
	age := ch.Attribute == analysis.AgeBandAttribute
	switch {
	case v.Other && ch.MostlyUnique && v.Folded > 0:
		return fmt.Sprintf(wb.t("workbook.otherUnique"), v.Folded)
	case v.Other && v.Folded > 0:
		return fmt.Sprintf(wb.t("workbook.otherN"), v.Folded)
	case v.Other:
		return wb.t("workbook.other")
	case v.Name == "" && age:
		return wb.t("workbook.ageUnknown")
	case v.Name == "":
		return wb.t("workbook.notGiven")
	case age:
		return reports.AgeBandName(v.Name, wb.loc)
	}
	return v.Name
}

func (wb *workbook) writeChars() error {
	s := wb.sheet(wb.chars)
	s.heading(wb.t("workbook.titleChars"), wb.t("workbook.explainChars"))
	hdr := []string{wb.t("workbook.chAttribute"), wb.t("workbook.chValue"), wb.t("workbook.segCustomers"), wb.t("workbook.chBuyers"),
		wb.t("workbook.chShareAll"), wb.t("workbook.tierValue"), wb.t("workbook.tierValShare")}
	for _, g := range wb.res.Segments {
		hdr = append(hdr, reports.SegmentName(g.Rule, wb.loc))
	}
	s.header(headerRow, hdr...)
	row := headerRow
	for _, ch := range wb.res.Characteristics {
		attr := wb.attributeName(ch)
		for _, v := range ch.Values {
			row++
			name := wb.attributeValue(ch, v)
			s.put(1, row, attr, kLabel)
			s.put(2, row, name, kText)
			s.put(3, row, v.Customers, kInt)
			s.put(4, row, v.Buyers, kInt)
			s.put(5, row, v.Share, kPct)
			s.put(6, row, v.Value, kMoney)
			s.put(7, row, v.ValueShare, kPct)
			for k := range wb.res.Segments {
				if k < len(v.Segments) {
					s.put(8+k, row, v.Segments[k], kInt)
				} else {
					s.put(8+k, row, nil, kInt)
				}
			}
		}
	}
	s.table(headerRow, row, len(hdr))
	if row == headerRow {
		s.note(row+1, wb.t("workbook.noChars"))
	}
	return s.finish()
}

// shareList writes shares as "服装 42%, 美妆 20%", rounded by largest
// remainder (pctParts) so that the shares of a whole add up to 100%.
func (wb *workbook) shareList(shares []analysis.Share) string {
	fr := make([]float64, len(shares))
	for i, x := range shares {
		fr[i] = x.Share
	}
	pcts := reports.PctParts(fr, 0)
	parts := make([]string, 0, len(shares))
	for i, x := range shares {
		name := x.Name
		if name == analysis.OtherName {
			name = wb.t("workbook.other")
		}
		parts = append(parts, name+" "+strconv.FormatFloat(pcts[i], 'f', 0, 64)+"%")
	}
	return strings.Join(parts, ", ")
}

func (wb *workbook) writeNeeds() error {
	s := wb.sheet(wb.needs)
	s.heading(wb.t("workbook.titleNeeds"), wb.t("workbook.explainNeeds"))
	s.header(headerRow, wb.t("workbook.ndGrouping"), wb.t("workbook.ndGroup"), wb.t("workbook.segCustomers"), wb.t("workbook.ndTopCats"),
		wb.t("workbook.ndChannels"), wb.t("workbook.colDiscount"), wb.t("workbook.segAOV"), wb.t("workbook.ndRepeat"), wb.t("workbook.ndAvgCats"),
		wb.t("workbook.ndDealSeekers"), wb.t("workbook.ndRelationship"), wb.t("workbook.segAction"))
	discount := wb.ds.HasDiscount
	rules := map[string]analysis.SegmentRule{}
	for _, g := range wb.res.Segments {
		rules[g.Rule.Key] = g.Rule
	}
	row := headerRow
	write := func(grouping reports.Label, n analysis.Need, name, action string) {
		row++
		s.put(1, row, wb.t(grouping), kText)
		s.put(2, row, name, kLabel)
		s.put(3, row, n.Customers, kInt)
		s.put(4, row, wb.shareList(n.TopCategories), kWrap)
		s.put(5, row, wb.shareList(n.Channels), kWrap)
		if discount {
			s.put(6, row, n.DiscountShare, kPct)
		} else {
			s.put(6, row, nil, kPct)
		}
		s.put(7, row, n.AvgOrderValue, kMoney)
		s.put(8, row, n.RepeatRate, kPct)
		if wb.ds.HasCategory {
			s.put(9, row, n.AvgCategories, kDec1)
		} else {
			s.put(9, row, nil, kDec1)
		}
		if discount {
			s.put(10, row, n.DealSeekers, kInt)
			s.put(11, row, n.Relationship, kInt)
		} else {
			s.put(10, row, nil, kInt)
			s.put(11, row, nil, kInt)
		}
		s.put(12, row, action, kWrap)
	}
	for _, n := range wb.res.NeedsBySegment {
		name, action := n.Group, ""
		if r, ok := rules[n.Group]; ok {
			name, action = reports.SegmentName(r, wb.loc), reports.SegmentAction(r, wb.loc)
		}
		write("workbook.ndBySegment", n, name, action)
	}
	for _, n := range wb.res.NeedsByTier {
		name := n.Group
		if t, err := analysis.ParseTier(n.Group); err == nil {
			if l, ok := reports.TierLabels[t]; ok {
				name = l.In(wb.loc)
			}
		}
		write("workbook.ndByTier", n, name, "")
	}
	s.table(headerRow, row, 12)
	if row == headerRow {
		s.note(row+1, wb.t("workbook.noNeeds"))
	}
	return s.finish()
}
