package workbook

import (
	"fmt"

	"github.com/custseg/custseg/reports"

	"github.com/xuri/excelize/v2"

	"github.com/custseg/custseg/analysis"
)

// This file holds the campaign columns that every list of customers in the
// workbook ends with — the Customers sheets, the segment sheets, Save now
// and Win back — so a list can go to a campaign as it is: the customer's
// segment in the previous run and whether they entered their segment since
// then, their email consent (when customers.sql has an email_consent
// column) and whether they can be emailed at all. Each list also says at
// the top how many of its customers cannot be emailed.

// campaignCols are the positions of the campaign columns, 0-based from the
// first of them; consent is -1 without a consent column.
type campaignCols struct {
	prev, entered, consent, reachable int
	n                                 int // how many there are
}

// campaignLayout returns the campaign columns of this workbook.
func (wb *workbook) campaignLayout() campaignCols {
	c := campaignCols{prev: 0, entered: 1, consent: -1, reachable: 2, n: 3}
	if wb.ds.HasConsent {
		c.consent, c.reachable, c.n = 2, 3, 4
	}
	return c
}

// campaignColumns returns the campaign columns' headers and kinds.
func (wb *workbook) campaignColumns() []column {
	l := wb.campaignLayout()
	cols := make([]column, l.n)
	cols[l.prev] = column{wb.t("reports.ColPrevSegment"), kText}
	cols[l.entered] = column{wb.t("reports.ColEntered"), kText}
	if l.consent >= 0 {
		cols[l.consent] = column{wb.t("reports.ColConsent"), kText}
	}
	cols[l.reachable] = column{wb.t("reports.ColReachable"), kText}
	return cols
}

// campaignTexts are the localized words of the campaign columns, looked up
// once.
type campaignTexts struct {
	yes, no, firstPurchase, retired string
}

func (wb *workbook) campaignTexts() campaignTexts {
	return campaignTexts{wb.t("workbook.yes"), wb.t("workbook.no"), wb.t("reports.PrevFirstPurchase"), wb.t("reports.PrevRetired")}
}

// prevSegmentText is what the column "Segment last run" shows for
// customer i: last run's segment name; "(first purchase)" for a buyer who
// was not one then; blank on a first run and for customers who are not
// buyers in either run.
func prevSegmentText(res *analysis.Result, i int, names *customerNames, t *campaignTexts) string {
	p := res.PreviousSegment(i)
	switch {
	case p >= 0:
		return names.segment(int(p))
	case p == analysis.PrevRetired:
		return t.retired
	case p == analysis.PrevNotBuyer && i < len(res.Scores) && res.Scores[i].Segment >= 0:
		return t.firstPurchase
	}
	return ""
}

// campaignValues fills the campaign columns of customer i: put(k, v) with
// k the campaign column (campaignCols) and v its text, "" for a blank.
func (wb *workbook) campaignValues(i int, l campaignCols, names *customerNames, t *campaignTexts, put func(k int, v string)) {
	put(l.prev, prevSegmentText(wb.res, i, names, t))
	entered := ""
	if e, ok := wb.res.EnteredSegment(i); ok {
		entered = t.no
		if e {
			entered = t.yes
		}
	}
	put(l.entered, entered)
	c := &wb.ds.Customers[i]
	if l.consent >= 0 {
		consent := t.no
		if c.Consent == analysis.ConsentYes {
			consent = t.yes
		}
		put(l.consent, consent)
	}
	reach := t.no
	if c.Reachable(wb.ds.HasConsent) {
		reach = t.yes
	}
	put(l.reachable, reach)
}

// campaignWidths grows the widths of the campaign columns, which start at
// widths[from], to their widest values.
func (wb *workbook) campaignWidths(widths []float64, from int, names *customerNames) {
	l := wb.campaignLayout()
	t := wb.campaignTexts()
	grow := func(k int, s string) {
		if w := displayWidth(s); w > widths[from+k] {
			widths[from+k] = w
		}
	}
	for _, s := range names.segments {
		grow(l.prev, s)
	}
	grow(l.prev, t.firstPurchase)
	grow(l.prev, t.retired)
	for _, k := range []int{l.entered, l.consent, l.reachable} {
		if k >= 0 {
			grow(k, t.yes)
			grow(k, t.no)
		}
	}
}

// campaignNote says, for the n customers at(0) … at(n-1) of a list whose
// campaign columns start at column from (1-based), how many cannot be
// emailed and where they are marked; on a first run it adds that the
// previous-segment columns fill in from the next run on. "" for an empty
// list.
func (wb *workbook) campaignNote(n int, at func(int) int, from int) string {
	if n == 0 {
		return ""
	}
	l := wb.campaignLayout()
	unreachable := 0
	for j := range n {
		if !wb.ds.Customers[at(j)].Reachable(wb.ds.HasConsent) {
			unreachable++
		}
	}
	col, _ := excelize.ColumnNumberToName(from + l.reachable)
	header := wb.t("reports.ColReachable")
	var note string
	switch {
	case unreachable == 0:
		note = fmt.Sprintf(wb.t("reports.ReachAll"), reports.Int(n), col, header)
	case wb.ds.HasConsent:
		note = fmt.Sprintf(wb.t("reports.ReachNote"), reports.Int(unreachable), reports.Int(n), col, header)
	default:
		note = fmt.Sprintf(wb.t("reports.ReachNoteNoEmail"), reports.Int(unreachable), reports.Int(n), col, header)
	}
	if wb.res.PrevSegment == nil {
		note = wb.sentences(note, wb.t("reports.PrevFirstRunNote"))
	}
	return note
}

// sentences joins sentences: with a space in English, without in Chinese.
func (wb *workbook) sentences(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "":
		return a
	case wb.loc == "zh-CN":
		return a + b
	}
	return a + " " + b
}
