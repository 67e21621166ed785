package workbook

import (
	"fmt"

	"github.com/custseg/custseg/reports"

	"github.com/xuri/excelize/v2"

	"github.com/custseg/custseg/analysis"
)

// migrationName is the name of a migration matrix key: a segment key, or
// "none" for customers who were not buyers or not present.
func (wb *workbook) migrationName(key string) string {
	if key == analysis.MigrationNone {
		return wb.t("workbook.mgNone")
	}
	for _, g := range wb.res.Segments {
		if g.Rule.Key == key {
			return reports.SegmentName(g.Rule, wb.loc)
		}
	}
	return key // a segment that the rules no longer have
}

func (wb *workbook) writeMigration() error {
	s := wb.sheet(wb.migration)
	s.heading(wb.t("workbook.titleMigration"), wb.t("workbook.explainMigration"))
	m := wb.res.Migration
	if m.PreviousAsOf == "" {
		s.put(1, headerRow, wb.t("workbook.mgFirstRun"), kSection)
		return s.finish()
	}
	// The meanings span the columns of the tables below rather than widen
	// one of them.
	last := max(5, 1+len(m.Keys))
	s.header(headerRow, wb.t("workbook.mgMovement"), wb.t("workbook.segCustomers"))
	s.mergeHeader(3, last, headerRow, wb.t("workbook.hdrMeaning"))
	row := headerRow
	for _, x := range []struct {
		l [2]reports.Label
		n int
	}{
		{reports.MgUp, m.MovedUp}, {reports.MgDown, m.MovedDown}, {reports.MgSame, m.Same}, {reports.MgNew, m.New},
		{reports.MgReclassified, m.Reclassified}, {reports.MgLost, m.Lost},
	} {
		if x.l == reports.MgReclassified && x.n == 0 {
			continue
		}
		row++
		s.put(1, row, wb.t(x.l[0]), kLabel)
		s.put(2, row, x.n, kInt)
		s.mergeNote(3, last, row, wb.t(x.l[1]))
	}
	s.table(headerRow, row, 2)
	row += 2
	s.put(1, row, wb.t("workbook.mgCompared"), kLabel)
	s.put(2, row, m.PreviousAsOf, kText)

	// The transition matrix: last run's segment down, this run's across.
	if n := len(m.Keys); n > 0 {
		row += 2
		s.put(1, row, wb.t("workbook.mgMatrixTitle"), kSection)
		row++
		hdr := []string{wb.t("workbook.mgMatrix")}
		for _, k := range m.Keys {
			hdr = append(hdr, wb.migrationName(k))
		}
		s.header(row, hdr...)
		first := row + 1
		for i, k := range m.Keys {
			row++
			s.put(1, row, wb.migrationName(k), kLabel)
			for j := range m.Keys {
				v := 0
				if i < len(m.Matrix) && j < len(m.Matrix[i]) {
					v = m.Matrix[i][j]
				}
				s.put(2+j, row, v, kInt)
			}
		}
		if s.err == nil {
			ref := cellRef(2, first) + ":" + cellRef(1+n, row)
			if err := s.f.SetConditionalFormat(s.name, ref, []excelize.ConditionalFormatOptions{{
				Type: "2_color_scale", Criteria: "=",
				MinType: "min", MinColor: "#FFFFFF",
				MaxType: "max", MaxColor: "#5B9BD5",
			}}); err != nil {
				s.err = fmt.Errorf("colour scale %s: %w", ref, err)
			}
		}
	}

	// The headline numbers then and now.
	row += 2
	s.put(1, row, wb.t("workbook.mgKPIs"), kSection)
	row++
	s.header(row, wb.t("workbook.hdrMeasure"), wb.t("workbook.mgPrev"), wb.t("workbook.mgNow"), wb.t("workbook.mgChange"))
	for _, x := range wb.kpis() {
		row++
		s.put(1, row, x.label, kLabel)
		if m.PrevKPIs != nil && !x.blank && x.has(m.PrevKPIs) {
			s.put(2, row, x.get(m.PrevKPIs), x.kind)
		} else {
			s.put(2, row, nil, x.kind)
		}
		if x.blank {
			s.put(3, row, nil, x.kind)
		} else {
			s.put(3, row, x.get(&wb.res.KPIs), x.kind)
		}
		if d, ok := x.delta(&wb.res.KPIs, m.PrevKPIs, m.KPIDeltas); ok && !x.blank {
			s.put(4, row, d, deltaKind(x.kind))
		} else {
			s.put(4, row, nil, kText)
		}
	}
	return s.finish()
}

func (wb *workbook) writeCohorts() error {
	s := wb.sheet(wb.cohorts)
	s.heading(wb.t("workbook.titleCohorts"), wb.t("workbook.explainCohorts"))
	cohorts := wb.res.Cohorts
	months := 0
	for _, c := range cohorts {
		months = max(months, len(c.Retention), len(c.Revenue))
	}
	header := func(row int) {
		hdr := []string{wb.t("workbook.coMonth"), wb.t("workbook.coSize")}
		for k := range months {
			hdr = append(hdr, fmt.Sprintf(wb.t("workbook.coMonthK"), k))
		}
		s.header(row, hdr...)
	}
	header(headerRow)
	row := headerRow
	for _, c := range cohorts {
		row++
		s.put(1, row, c.Month, kLabel)
		s.put(2, row, c.Size, kInt)
		for k := range months {
			if k < len(c.Retention) {
				s.put(3+k, row, c.Retention[k], kPct)
			} else {
				s.put(3+k, row, nil, kPct)
			}
		}
	}
	s.table(headerRow, row, 2+months)
	if len(cohorts) == 0 {
		s.note(row+1, wb.t("workbook.coNone"))
		return s.finish()
	}
	// Month 0 is 100% by definition; the scale starts at month 1 so that
	// it does not drown the months that matter.
	if months > 1 && s.err == nil {
		ref := cellRef(4, firstDataRow) + ":" + cellRef(2+months, firstDataRow+len(cohorts)-1)
		if err := s.f.SetConditionalFormat(s.name, ref, []excelize.ConditionalFormatOptions{{
			Type: "3_color_scale", Criteria: "=",
			MinType: "num", MinValue: "0", MinColor: "#F8696B",
			MidType: "percentile", MidValue: "50", MidColor: "#FFEB84",
			MaxType: "max", MaxColor: "#63BE7B",
		}}); err != nil {
			s.err = fmt.Errorf("colour scale %s: %w", ref, err)
		}
	}
	row += 2
	s.put(1, row, wb.t("workbook.coRevenue"), kSection)
	row++
	header(row)
	for _, c := range cohorts {
		row++
		s.put(1, row, c.Month, kLabel)
		s.put(2, row, c.Size, kInt)
		for k := range months {
			if k < len(c.Revenue) {
				s.put(3+k, row, c.Revenue[k], kMoney)
			} else {
				s.put(3+k, row, nil, kMoney)
			}
		}
	}
	return s.finish()
}
