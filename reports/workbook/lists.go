package workbook

import (
	"fmt"
	"math"

	"github.com/custseg/custseg/reports"

	"github.com/custseg/custseg/analysis"
)

// campaignList is one of the two campaign lists: Save now or Win back.
type campaignList struct {
	sheet          string
	title, explain reports.Label
	none           reports.Label
	entries        []analysis.ListEntry
	// keep adds the value-to-keep column (Save now).
	keep bool
}

// saveNowList and winBackList describe the two campaign lists of the run.
func (wb *workbook) saveNowList() campaignList {
	return campaignList{wb.save, reports.Label("workbook.titleSaveNow"), reports.Label("workbook.explainSaveNow"), reports.Label("workbook.saveNowNone"), wb.res.SaveNow, true}
}

func (wb *workbook) winBackList() campaignList {
	return campaignList{wb.win, reports.Label("workbook.titleWinBack"), reports.Label("workbook.explainWinBack"), reports.Label("workbook.winBackNone"), wb.res.WinBack, false}
}

// writeList streams a campaign list sheet: its customers in the list's
// order, each with the reason they are on it.
func (wb *workbook) writeList(cl campaignList) error {
	f, name, st := wb.f, cl.sheet, &wb.st
	_, _, names := wb.customerLayout()
	usable := wb.res.Models.Usable
	cols := []column{
		{wb.t("workbook.colRank"), kInt}, {wb.t("workbook.colID"), kText}, {wb.t("workbook.colName"), kText}, {wb.t("workbook.colEmail"), kText},
		{wb.t("workbook.colPhone"), kText}, {wb.t("workbook.colTier"), kText}, {wb.t("reports.ColSegmentSheet"), kText},
		{wb.t("workbook.colStatus"), kText}, {wb.t("workbook.colReason"), kText}, {wb.t("workbook.colLast"), kDate}, {wb.t("workbook.colRecency"), kInt},
		{wb.measureColumn(), kMoney}, {wb.t("workbook.colPAlive"), kPct}, {wb.t("workbook.colCLV"), kMoney},
	}
	if cl.keep {
		cols = append(cols, column{wb.t("workbook.colKeep"), kMoney})
	}
	// The campaign columns come last (workbook_campaign.go).
	campaign := len(cols)
	cols = append(cols, wb.campaignColumns()...)
	camp, ctexts := wb.campaignLayout(), wb.campaignTexts()
	const (
		rRank = iota
		rID
		rName
		rEmail
		rPhone
		rTier
		rSegment
		rStatus
		rReason
		rLast
		rRecency
		rValue
		rPAlive
		rCLV
		rKeep
	)
	var list []int
	reasons := map[int]string{}
	for _, e := range cl.entries {
		if i := int(e.Index); i >= 0 && i < len(wb.ds.Customers) {
			list = append(list, i)
			reasons[i] = reports.ListReason(wb.ds, wb.res, e, wb.loc)
		}
	}
	// Widths: headers, then the content of the listed customers.
	widths := make([]float64, len(cols))
	for i, c := range cols {
		widths[i] = headerWidth(c.header)
	}
	grow := func(i int, w float64) { widths[i] = math.Max(widths[i], w) }
	grow(rRank, numWidth(float64(len(list)), 0))
	grow(rLast, 10)
	grow(rPAlive, 6)
	for _, i := range list {
		c, s := &wb.ds.Customers[i], &wb.res.Scores[i]
		grow(rID, displayWidth(c.ID))
		grow(rName, displayWidth(c.Name))
		grow(rEmail, displayWidth(c.Email))
		grow(rPhone, displayWidth(c.Phone))
		grow(rTier, displayWidth(names.tier(s.Tier)))
		grow(rSegment, displayWidth(names.segment(int(s.Segment))))
		grow(rStatus, displayWidth(names.status(s.Status)))
		grow(rRecency, numWidth(float64(s.Recency), 0))
		grow(rValue, st.width(kMoney, reports.Num(s.Value)))
		grow(rCLV, st.width(kMoney, reports.Num(s.CLV)))
		grow(rReason, math.Min(displayWidth(reasons[i]), 60))
		if cl.keep {
			grow(rKeep, st.width(kMoney, reports.Num(s.KeepValue)))
		}
	}
	wb.campaignWidths(widths, campaign, names)

	last := headerRow + len(list)
	ref := cellRef(1, headerRow) + ":" + cellRef(len(cols), last)
	if err := f.AutoFilter(name, ref, nil); err != nil {
		return fmt.Errorf("autofilter %s: %w", ref, err)
	}
	if len(list) > 0 && usable {
		palive := cellRef(rPAlive+1, firstDataRow) + ":" + cellRef(rPAlive+1, last)
		if err := f.SetConditionalFormat(name, palive, probabilityScale()); err != nil {
			return fmt.Errorf("colour scale %s: %w", palive, err)
		}
	}
	// Page setup goes on the sheet before the stream writer takes it over.
	if err := wb.printSetup(name); err != nil {
		return fmt.Errorf("page setup: %w", err)
	}
	explain := wb.sentences(wb.t(cl.explain), wb.campaignNote(len(list), func(j int) int { return list[j] }, campaign+1))
	fitted := make([]float64, len(widths))
	for i, w := range widths {
		fitted[i] = fitWidth(w)
	}
	t, err := wb.startTable(name, wb.t(cl.title), explain, cols, fitted, len(list), wb.t(cl.none))
	if err != nil {
		return err
	}
	set, text, row := t.set, t.text, t.row
	wb.rowsWritten(name, 0, len(list))
	for k, i := range list {
		c, s := &wb.ds.Customers[i], &wb.res.Scores[i]
		set(rRank, k+1)
		text(rID, c.ID)
		text(rName, c.Name)
		text(rEmail, c.Email)
		text(rPhone, c.Phone)
		set(rTier, names.tier(s.Tier))
		set(rSegment, names.segment(int(s.Segment)))
		set(rStatus, names.status(s.Status))
		text(rReason, reasons[i])
		if d, ok := excelDate(c.LastOrder.Time()); ok {
			set(rLast, d)
		} else {
			row[rLast] = nil
		}
		if s.Recency >= 0 {
			set(rRecency, s.Recency)
		} else {
			row[rRecency] = nil
		}
		set(rValue, reports.Num(s.Value))
		if usable {
			set(rPAlive, reports.Num(s.PAlive))
			set(rCLV, reports.Num(s.CLV))
		} else {
			row[rPAlive], row[rCLV] = nil, nil
		}
		if cl.keep {
			set(rKeep, reports.Num(s.KeepValue))
		}
		wb.campaignValues(i, camp, names, &ctexts, func(k int, v string) { text(campaign+k, v) })
		if err := t.write(firstDataRow + k); err != nil {
			return fmt.Errorf("customer %q (row %d): %w", c.ID, firstDataRow+k, err)
		}
		wb.rowsWritten(name, k+1, len(list))
	}
	return t.flush()
}

// measureColumn heads a column of the value measure.
func (wb *workbook) measureColumn() string {
	if wb.res.ValueMeasure == "margin" {
		return wb.t("workbook.colValueMargin")
	}
	return wb.t("workbook.colValueRevenue")
}
