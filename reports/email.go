package reports

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/custseg/custseg/templates"
)

// The email bodies of a run: one for management (the headline numbers, what
// changed and what to do) and one for marketing (what the workbook holds).
// Each is an HTML body made for mail clients — no script, every style
// inline, tables at most 640 px wide (templates/email_*.html.tmpl) — and a
// plain-text alternative with the same content. Texts follow in.Locale;
// every name from the data is escaped by html/template.

// ManagementEmail returns the subject, HTML body and plain-text body of the
// email to management: the narrative of the HTML report ("what changed,
// what to do"), the headline numbers with their changes against the
// previous run, the movements between segments and the top three actions.
// The subject names the period and net revenue with its change, e.g.
// "Customer report, week to 2026-09-30: net revenue ¥45.7M (+2.1%)".
func ManagementEmail(in *Input) (subject, html, text string, err error) {
	if in == nil || in.Result == nil {
		return "", "", "", errors.New("management email: no analysis result")
	}
	d := newEmailManagement(in)
	html, text, err = emailRender(templates.EmailManagementHTML, templates.EmailManagementText, d)
	if err != nil {
		return "", "", "", fmt.Errorf("management email: %w", err)
	}
	return d.Subject, html, text, nil
}

// MarketingEmail returns the subject, HTML body and plain-text body of the
// email to marketing: what the workbook of the run holds (its sheets, in
// the workbook's own names), the customers per segment, the segments that
// have a sheet of their own, and the high-value customers at risk.
func MarketingEmail(in *Input) (subject, html, text string, err error) {
	if in == nil || in.Result == nil {
		return "", "", "", errors.New("marketing email: no analysis result")
	}
	d := newEmailMarketing(in)
	html, text, err = emailRender(templates.EmailMarketingHTML, templates.EmailMarketingText, d)
	if err != nil {
		return "", "", "", fmt.Errorf("marketing email: %w", err)
	}
	return d.Subject, html, text, nil
}

// emailRender executes an HTML and a text template on data.
func emailRender(htmlName, textName string, data any) (html, text string, err error) {
	ht, err := templates.EmailHTML(htmlName)
	if err != nil {
		return "", "", fmt.Errorf("template: %w", err)
	}
	var hb bytes.Buffer
	if err := ht.ExecuteTemplate(&hb, htmlName, data); err != nil {
		return "", "", err
	}
	tt, err := templates.EmailText(textName)
	if err != nil {
		return "", "", fmt.Errorf("template: %w", err)
	}
	var tb bytes.Buffer
	if err := tt.Execute(&tb, data); err != nil {
		return "", "", err
	}
	return hb.String(), tb.String(), nil
}

// emailLine is one sentence of the narrative; the last, the top action, is
// strong.
type emailLine struct {
	Text   string
	Strong bool
}

// emailAction is one numbered action: who, and what to do.
type emailAction struct {
	N         int
	Who, What string
}

// emailFrame is what both emails' layout shows.
type emailFrame struct {
	Lang, Subject, Title, Preheader string
	Meta                            []htmlPair
	Footer                          []string
}

type emailManagement struct {
	emailFrame
	// Alerts are the data alerts shown first (dataAlerts).
	Alerts           []string
	NarrativeHeading string
	Narrative        []emailLine

	KPIsHeading, KPIsBasis string
	KPICols                []string
	KPIs                   []htmlKPI
	// Verdict is the line under the key numbers with the verdict on the
	// purchase model's predictions and its first reason; "" without one.
	Verdict string

	MovesHeading string
	Moves        []htmlPair // label, count
	FlowsIntro   string
	Flows        []htmlPair
	NoMoves      string

	ActionsHeading string
	Actions        []emailAction
	NoActions      string

	// SaveNow holds the first rows of the Save now list (customer, tier,
	// reason, value to keep); SaveNowMore says how many there are and
	// where the whole list is.
	SaveNowHeading string
	SaveNowCols    []string
	SaveNow        [][]string
	SaveNowMore    string

	Closing string
}

type emailSegmentRow struct {
	Name, Buyers, Share, ValueShare string
	Sheet                           bool // the segment has a sheet of its own
}

type emailMarketing struct {
	emailFrame
	Intro, Risk string

	SegmentsHeading string
	SegmentCols     []string
	Segments        []emailSegmentRow
	NoSegments      string

	SegmentSheetsHeading, SegmentSheetsIntro string
	SegmentSheets                            []htmlPair
	NoSegmentSheets                          string

	SheetsHeading string
	Sheets        []htmlPair

	HowTo string
}

// newEmailFrame fills the parts both emails share.
func newEmailFrame(in *Input, title Label, subject string) emailFrame {
	loc := in.Locale
	f := emailFrame{Lang: htmlLang(loc), Subject: subject, Title: title.In(loc)}
	f.Meta = append(f.Meta, htmlPair{htmlAsOf.In(loc), htmlDate(htmlAsOfDate(in))})
	if in.Job != "" {
		f.Meta = append(f.Meta, htmlPair{htmlJob.In(loc), in.Job})
	}
	if in.RunID != "" {
		f.Footer = append(f.Footer, htmlFormat(emailFooter, loc, in.RunID))
	} else {
		f.Footer = append(f.Footer, emailFooterNoRun.In(loc))
	}
	return f
}

// emailPeriod names the period a run covers from the previous run's as-of
// date to this one's: "week to 2026-09-30", or "as of 2026-09-30" on a first
// run or an irregular gap.
func emailPeriod(in *Input) string {
	loc := in.Locale
	asOf := htmlAsOfDate(in)
	date := htmlDate(asOf)
	prev, ok := htmlDay(in.Result.Migration.PreviousAsOf)
	if !ok || asOf.IsZero() {
		return htmlFormat(emailAsOf, loc, date)
	}
	days := int(asOf.Sub(prev).Round(time.Hour).Hours() / 24)
	switch {
	case days == 1:
		return htmlFormat(emailPeriodDay, loc, date)
	case days >= 6 && days <= 8:
		return htmlFormat(emailPeriodWeek, loc, date)
	case days >= 13 && days <= 15:
		return htmlFormat(emailPeriod2Weeks, loc, date)
	case days >= 28 && days <= 31:
		return htmlFormat(emailPeriodMonth, loc, date)
	case days >= 89 && days <= 92:
		return htmlFormat(emailPeriodQuarter, loc, date)
	}
	return htmlFormat(emailAsOf, loc, date)
}

// emailManagementSubject is the subject of the management email.
func emailManagementSubject(in *Input) string {
	loc := in.Locale
	res := in.Result
	change := ""
	if p := res.KPIs.Period; p != nil {
		if d := kpiSpecPeriodRevenue.delta(res); d.ok && d.relOK {
			change = htmlFormat(emailSubjectPeriodChange, loc, htmlRelChange(d.rel))
		}
		return htmlFormat(emailSubjectPeriod, loc, emailPeriod(in), htmlMoneyShort(in.Currency, p.Revenue, loc), change)
	}
	if d := kpiSpecNetRevenue.delta(res); d.ok && d.relOK {
		change = htmlFormat(emailSubjectChange, loc, htmlRelChange(d.rel))
	}
	return htmlFormat(emailSubjectMgmt, loc, emailPeriod(in), htmlMoneyShort(in.Currency, res.KPIs.NetRevenue, loc), change)
}

func newEmailManagement(in *Input) *emailManagement {
	loc := in.Locale
	res := in.Result
	d := &emailManagement{
		emailFrame:       newEmailFrame(in, emailMgmtTitle, emailManagementSubject(in)),
		NarrativeHeading: htmlNarrHeading.In(loc),
		KPIsHeading:      htmlKPIsHeading.In(loc),
		KPIsBasis:        kpisBasis(res, loc),
		KPICols:          []string{emailColMeasure.In(loc), emailColValue.In(loc), emailColChange.In(loc)},
		KPIs:             reportKPIs(in, loc),
		MovesHeading:     emailMovesHead.In(loc),
		NoMoves:          htmlMigFirstRun.In(loc),
		ActionsHeading:   emailActionsHead.In(loc),
		NoActions:        htmlNoBuyers.In(loc),
		Closing:          emailClosing.In(loc),
	}
	narrative := reportNarrative(in, loc)
	for i, s := range narrative {
		d.Narrative = append(d.Narrative, emailLine{s, i == len(narrative)-1 && len(narrative) > 2})
	}
	if len(narrative) > 0 {
		d.Preheader = narrative[0]
	}
	if d.Alerts = dataAlerts(in, loc); len(d.Alerts) > 0 {
		d.Preheader = d.Alerts[0]
	}
	m := &res.Migration
	if m.PreviousAsOf != "" {
		d.Moves = []htmlPair{
			{emailMovedUp.In(loc), htmlInt(m.MovedUp)},
			{emailMovedDown.In(loc), htmlInt(m.MovedDown)},
			{emailStayed.In(loc), htmlInt(m.Same)},
			{emailNew.In(loc), htmlInt(m.New)},
			{emailGone.In(loc), htmlInt(m.Lost)},
		}
		d.FlowsIntro = htmlMigTopFlows.In(loc)
		for _, f := range htmlTopFlows(res, loc, 3) {
			d.Flows = append(d.Flows, htmlPair{fmt.Sprintf(htmlMigFlow.In(loc), f.From, f.To), htmlFormat(htmlMigCount, loc, htmlInt(f.N))})
		}
	}
	d.Verdict = emailVerdict(in)
	d.Actions = emailTopActions(in, 3)
	d.SaveNowHeading = htmlFormat(emailSaveNowHead, loc, listNameSaveNow.In(loc))
	if n := len(res.SaveNow); n > 0 {
		d.SaveNowCols = []string{htmlColCustomer.In(loc), htmlColTier.In(loc), htmlColReason.In(loc), htmlColKeep.In(loc)}
		for _, e := range res.SaveNow[:min(n, emailSaveNowRows)] {
			i := int(e.Index)
			if i < 0 || i >= len(res.Scores) {
				continue
			}
			s := &res.Scores[i]
			reason := ""
			if in.Dataset != nil {
				reason = listReason(in.Dataset, res, e, loc)
			}
			d.SaveNow = append(d.SaveNow, []string{htmlCustomerName(in.Dataset, i, in.NamesInReport),
				TierLabels[s.Tier].In(loc), reason, htmlMoneyWhole(in.Currency, s.KeepValue)})
		}
		where := emailSaveNowInWorkbook.In(loc)
		if in.RunFolder != "" {
			where = htmlFormat(emailSaveNowAt, loc, in.RunFolder)
		}
		d.SaveNowMore = htmlFormat(emailSaveNowMore, loc, htmlInt(len(d.SaveNow)), htmlInt(n), listNameSaveNow.In(loc), where)
	} else {
		d.SaveNowMore = htmlSaveNowNone.In(loc)
	}
	return d
}

// emailVerdict is the management email's line on the predictions: the
// verdict level and its first reason (DescribeVerdict); "" when the run
// has no verdict.
func emailVerdict(in *Input) string {
	m := in.Result.Models
	if m.Verdict.Level == "" {
		return ""
	}
	v := DescribeVerdict(m, inputModelParams(in), in.Locale)
	return strings.TrimSpace(htmlFormat(btVerdictLine, in.Locale, v.Level, v.First()))
}

// emailSaveNowRows is how many customers of the Save now list the
// management email shows.
const emailSaveNowRows = 5

// emailTopActions returns at most n actions: winning back the high-value
// customers at risk when there are any, then the actions of the segments
// that bring the most value.
func emailTopActions(in *Input, n int) []emailAction {
	loc := in.Locale
	res := in.Result
	var out []emailAction
	if k := len(res.SaveNow); k > 0 {
		out = append(out, emailAction{Who: htmlFormat(emailActionSaveNow, loc, htmlInt(k)),
			What: htmlFormat(emailActionSaveNowD, loc, htmlMoneyShort(in.Currency, listKeepTotal(res), loc))})
	}
	_, value := htmlSegmentPctsByKey(res)
	for _, s := range htmlTopSegments(res, n) {
		if len(out) == n {
			break
		}
		out = append(out, emailAction{Who: htmlFormat(emailActionSeg, loc, SegmentName(s.Rule, loc), htmlInt(s.Customers), value[s.Rule.Key]),
			What: SegmentAction(s.Rule, loc)})
	}
	for i := range out {
		out[i].N = i + 1
	}
	return out
}

func newEmailMarketing(in *Input) *emailMarketing {
	loc := in.Locale
	res := in.Result
	wb := emailWorkbookSheets(in)
	buyers, segments := 0, 0
	for _, s := range res.Segments {
		if s.Customers > 0 {
			buyers += s.Customers
			segments++
		}
	}
	subject := htmlFormat(emailSubjectMkt, loc, emailPeriod(in), htmlInt(buyers), htmlInt(segments))
	d := &emailMarketing{
		emailFrame:           newEmailFrame(in, emailMktTitle, subject),
		Intro:                emailMktIntro.In(loc),
		SegmentsHeading:      emailMktSegHead.In(loc),
		SegmentCols:          []string{htmlColSegment.In(loc), htmlColBuyers.In(loc), emailColShare.In(loc), htmlColValueShare.In(loc)},
		NoSegments:           htmlNoBuyers.In(loc),
		SegmentSheetsHeading: emailMktSegSheets.In(loc),
		SegmentSheetsIntro:   emailMktSegSheetsIn.In(loc),
		NoSegmentSheets:      htmlFormat(emailMktNoSegSheets, loc, wb.customers, wbColSegment.In(loc)),
		SheetsHeading:        emailMktSheetsHead.In(loc),
		Sheets:               wb.sheets,
		HowTo:                htmlFormat(emailMktHowTo, loc, wb.customers, wbColSegment.In(loc)),
	}
	if wb.customers == "" {
		// The customer list is a CSV file of the run (outputs.customer_list:
		// csv.gz), not a sheet of the workbook: point there.
		where := emailMktCSVInFolder.In(loc)
		if in.RunFolder != "" {
			where = htmlFormat(emailMktCSVAt, loc, in.RunFolder)
		}
		d.Intro = htmlFormat(emailMktIntroCSV, loc, where)
		d.NoSegmentSheets = emailMktNoSegSheetsCSV.In(loc)
		d.HowTo = emailMktHowToCSV.In(loc)
	}
	d.Preheader = d.Intro
	if k := len(res.SaveNow); k > 0 {
		d.Risk = htmlFormat(emailMktSaveNow, loc, htmlInt(k), htmlMoneyShort(in.Currency, listKeepTotal(res), loc), wb.save,
			htmlInt(len(res.WinBack)), wb.win)
		d.Preheader = d.Risk
	} else if k := len(res.WinBack); k > 0 {
		d.Risk = htmlFormat(emailMktWinBack, loc, htmlInt(k), wb.win)
	}
	sp, vp := htmlSegmentPcts(res)
	for i, s := range res.Segments {
		if s.Customers == 0 {
			continue
		}
		_, sheet := wb.segments[i]
		d.Segments = append(d.Segments, emailSegmentRow{Name: SegmentName(s.Rule, loc), Buyers: htmlInt(s.Customers),
			Share: htmlPctShown(sp[i]), ValueShare: htmlPctShown(vp[i]), Sheet: sheet})
	}
	for i, s := range res.Segments {
		if name, ok := wb.segments[i]; ok {
			d.SegmentSheets = append(d.SegmentSheets, htmlPair{name,
				htmlFormat(emailMktSegSheetRow, loc, htmlInt(s.Customers), SegmentAction(s.Rule, loc))})
		}
	}
	return d
}

// emailWorkbook is what the marketing email says about the workbook.
type emailWorkbook struct {
	sheets               []htmlPair     // sheet name, the first sentence of its explanation
	customers, save, win string         // names of the Customers, Save now and Win back sheets
	segments             map[int]string // segment index → name of its own sheet
}

// emailWorkbookSheets names the workbook's sheets as WriteWorkbook does,
// without writing it, so that the email and the workbook never disagree.
func emailWorkbookSheets(in *Input) emailWorkbook {
	l := wbSheets(in)
	out := emailWorkbook{save: l.Save, win: l.Win, customers: l.Customers, segments: l.Segments}
	for _, s := range l.Sheets {
		out.sheets = append(out.sheets, htmlPair{s.Name, emailFirstSentence(s.Explain)})
	}
	return out
}

// emailFirstSentence is the first sentence of s (to its first ". " or "。").
func emailFirstSentence(s string) string {
	if i := strings.Index(s, "。"); i >= 0 {
		return s[:i+len("。")]
	}
	if i := strings.Index(s, ". "); i >= 0 {
		return s[:i+1]
	}
	return s
}
