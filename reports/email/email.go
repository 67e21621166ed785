package email

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/custseg/custseg/reports"
	"github.com/custseg/custseg/reports/workbook"

	"github.com/custseg/custseg/templates"
)

// The email bodies of a run: one for management (the headline numbers, what
// changed and what to do) and one for marketing (what the workbook holds).
// Each is an HTML body made for mail clients — no script, every style
// inline, tables at most 640 px wide (templates/email_*.html.tmpl) — and a
// plain-text alternative with the same content. Texts follow in.Locale;
// every name from the data is escaped by html/template.

// Management returns the subject, HTML body and plain-text body of the
// email to management: the narrative of the HTML report ("what changed,
// what to do"), the headline numbers with their changes against the
// previous run, the movements between segments and the top three actions.
// The subject names the period and net revenue with its change, e.g.
// "Customer report, week to 2026-09-30: net revenue ¥45.7M (+2.1%)".
func Management(in *reports.Input) (subject, html, text string, err error) {
	if in == nil || in.Result == nil {
		return "", "", "", errors.New("management email: no analysis result")
	}
	d := newEmailManagement(in)
	html, text, err = render(templates.EmailManagementHTML, templates.EmailManagementText, d)
	if err != nil {
		return "", "", "", fmt.Errorf("management email: %w", err)
	}
	return d.Subject, html, text, nil
}

// Marketing returns the subject, HTML body and plain-text body of the
// email to marketing: what the workbook of the run holds (its sheets, in
// the workbook's own names), the customers per segment, the segments that
// have a sheet of their own, and the high-value customers at risk.
func Marketing(in *reports.Input) (subject, html, text string, err error) {
	if in == nil || in.Result == nil {
		return "", "", "", errors.New("marketing email: no analysis result")
	}
	d := newEmailMarketing(in)
	html, text, err = render(templates.EmailMarketingHTML, templates.EmailMarketingText, d)
	if err != nil {
		return "", "", "", fmt.Errorf("marketing email: %w", err)
	}
	return d.Subject, html, text, nil
}

// render executes an HTML and a text template on data.
func render(htmlName, textName string, data any) (html, text string, err error) {
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

// line is one sentence of the narrative; the last, the top action, is
// strong.
type line struct {
	Text   string
	Strong bool
}

// action is one numbered action: who, and what to do.
type action struct {
	N         int
	Who, What string
}

// frame is what both emails' layout shows.
type frame struct {
	Lang, Subject, Title, Preheader string
	Meta                            []reports.Pair
	Footer                          []string
}

type management struct {
	frame
	// Alerts are the data alerts shown first (dataAlerts).
	Alerts           []string
	NarrativeHeading string
	Narrative        []line

	KPIsHeading, KPIsBasis string
	KPICols                []string
	KPIs                   []reports.KPI
	// Verdict is the line under the key numbers with the verdict on the
	// purchase model's predictions and its first reason; "" without one.
	Verdict string

	MovesHeading string
	Moves        []reports.Pair // label, count
	FlowsIntro   string
	Flows        []reports.Pair
	NoMoves      string

	ActionsHeading string
	Actions        []action
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

type segmentRow struct {
	Name, Buyers, Share, ValueShare string
	Sheet                           bool // the segment has a sheet of its own
}

type marketing struct {
	frame
	Intro, Risk string

	SegmentsHeading string
	SegmentCols     []string
	Segments        []segmentRow
	NoSegments      string

	SegmentSheetsHeading, SegmentSheetsIntro string
	SegmentSheets                            []reports.Pair
	NoSegmentSheets                          string

	SheetsHeading string
	Sheets        []reports.Pair

	HowTo string
}

// newEmailFrame fills the parts both emails share.
func newEmailFrame(in *reports.Input, title reports.Label, subject string) frame {
	loc := in.Locale
	f := frame{Lang: reports.Lang(loc), Subject: subject, Title: title.In(loc)}
	f.Meta = append(f.Meta, reports.Pair{Label: reports.Label("reports.AsOf").In(loc), Value: reports.Date(reports.AsOfDate(in))})
	if in.Job != "" {
		f.Meta = append(f.Meta, reports.Pair{Label: reports.Label("reports.Job").In(loc), Value: in.Job})
	}
	if in.RunID != "" {
		f.Footer = append(f.Footer, reports.Format("email.footer", loc, in.RunID))
	} else {
		f.Footer = append(f.Footer, reports.Label("email.footerNoRun").In(loc))
	}
	return f
}

// period names the period a run covers from the previous run's as-of
// date to this one's: "week to 2026-09-30", or "as of 2026-09-30" on a first
// run or an irregular gap.
func period(in *reports.Input) string {
	loc := in.Locale
	asOf := reports.AsOfDate(in)
	date := reports.Date(asOf)
	prev, ok := reports.Day(in.Result.Migration.PreviousAsOf)
	if !ok || asOf.IsZero() {
		return reports.Format("email.emailAsOf", loc, date)
	}
	days := int(asOf.Sub(prev).Round(time.Hour).Hours() / 24)
	switch {
	case days == 1:
		return reports.Format("email.periodDay", loc, date)
	case days >= 6 && days <= 8:
		return reports.Format("email.periodWeek", loc, date)
	case days >= 13 && days <= 15:
		return reports.Format("email.period2Weeks", loc, date)
	case days >= 28 && days <= 31:
		return reports.Format("email.periodMonth", loc, date)
	case days >= 89 && days <= 92:
		return reports.Format("email.periodQuarter", loc, date)
	}
	return reports.Format("email.emailAsOf", loc, date)
}

// managementSubject is the subject of the management email.
func managementSubject(in *reports.Input) string {
	loc := in.Locale
	res := in.Result
	change := ""
	if p := res.KPIs.Period; p != nil {
		if d := reports.KpiSpecPeriodRevenue.Delta(res); d.Ok && d.RelOK {
			change = reports.Format("email.subjectPeriodChange", loc, reports.RelChange(d.Rel))
		}
		return reports.Format("email.subjectPeriod", loc, period(in), reports.MoneyShort(in.Currency, p.Revenue, loc), change)
	}
	if d := reports.KpiSpecNetRevenue.Delta(res); d.Ok && d.RelOK {
		change = reports.Format("email.subjectChange", loc, reports.RelChange(d.Rel))
	}
	return reports.Format("email.subjectMgmt", loc, period(in), reports.MoneyShort(in.Currency, res.KPIs.NetRevenue, loc), change)
}

func newEmailManagement(in *reports.Input) *management {
	loc := in.Locale
	res := in.Result
	d := &management{
		frame:            newEmailFrame(in, "email.mgmtTitle", managementSubject(in)),
		NarrativeHeading: reports.Label("reports.NarrHeading").In(loc),
		KPIsHeading:      reports.Label("reports.KPIsHeading").In(loc),
		KPIsBasis:        reports.KpisBasis(res, loc),
		KPICols:          []string{reports.Label("email.colMeasure").In(loc), reports.Label("email.colValue").In(loc), reports.Label("email.colChange").In(loc)},
		KPIs:             reports.ReportKPIs(in, loc),
		MovesHeading:     reports.Label("email.movesHead").In(loc),
		NoMoves:          reports.Label("reports.MigFirstRun").In(loc),
		ActionsHeading:   reports.Label("email.actionsHead").In(loc),
		NoActions:        reports.Label("reports.NoBuyers").In(loc),
		Closing:          reports.Label("email.closing").In(loc),
	}
	narrative := reports.ReportNarrative(in, loc)
	for i, s := range narrative {
		d.Narrative = append(d.Narrative, line{s, i == len(narrative)-1 && len(narrative) > 2})
	}
	if len(narrative) > 0 {
		d.Preheader = narrative[0]
	}
	if d.Alerts = reports.DataAlerts(in, loc); len(d.Alerts) > 0 {
		d.Preheader = d.Alerts[0]
	}
	m := &res.Migration
	if m.PreviousAsOf != "" {
		d.Moves = []reports.Pair{
			{Label: reports.Label("email.movedUp").In(loc), Value: reports.Int(m.MovedUp)},
			{Label: reports.Label("email.movedDown").In(loc), Value: reports.Int(m.MovedDown)},
			{Label: reports.Label("email.stayed").In(loc), Value: reports.Int(m.Same)},
			{Label: reports.Label("email.emailNew").In(loc), Value: reports.Int(m.New)},
			{Label: reports.Label("email.gone").In(loc), Value: reports.Int(m.Lost)},
		}
		d.FlowsIntro = reports.Label("reports.MigTopFlows").In(loc)
		for _, f := range reports.TopFlows(res, loc, 3) {
			d.Flows = append(d.Flows, reports.Pair{Label: fmt.Sprintf(reports.Label("reports.MigFlow").In(loc), f.From, f.To), Value: reports.Format("reports.MigCount", loc, reports.Int(f.N))})
		}
	}
	d.Verdict = verdict(in)
	d.Actions = topActions(in, 3)
	d.SaveNowHeading = reports.Format("email.saveNowHead", loc, reports.Label("reports.ListNameSaveNow").In(loc))
	if n := len(res.SaveNow); n > 0 {
		d.SaveNowCols = []string{reports.Label("reports.ColCustomer").In(loc), reports.Label("reports.ColTier").In(loc), reports.Label("reports.ColReason").In(loc), reports.Label("reports.ColKeep").In(loc)}
		for _, e := range res.SaveNow[:min(n, saveNowRows)] {
			i := int(e.Index)
			if i < 0 || i >= len(res.Scores) {
				continue
			}
			s := &res.Scores[i]
			reason := ""
			if in.Dataset != nil {
				reason = reports.ListReason(in.Dataset, res, e, loc)
			}
			d.SaveNow = append(d.SaveNow, []string{reports.CustomerName(in.Dataset, i, in.NamesInReport),
				reports.TierLabels[s.Tier].In(loc), reason, reports.MoneyWhole(in.Currency, s.KeepValue)})
		}
		where := reports.Label("email.saveNowInWorkbook").In(loc)
		if in.RunFolder != "" {
			where = reports.Format("email.saveNowAt", loc, in.RunFolder)
		}
		d.SaveNowMore = reports.Format("email.saveNowMore", loc, reports.Int(len(d.SaveNow)), reports.Int(n), reports.Label("reports.ListNameSaveNow").In(loc), where)
	} else {
		d.SaveNowMore = reports.Label("reports.SaveNowNone").In(loc)
	}
	return d
}

// verdict is the management email's line on the predictions: the
// verdict level and its first reason (DescribeVerdict); "" when the run
// has no verdict.
func verdict(in *reports.Input) string {
	m := in.Result.Models
	if m.Verdict.Level == "" {
		return ""
	}
	v := reports.DescribeVerdict(m, reports.InputModelParams(in), in.Locale)
	return strings.TrimSpace(reports.Format("reports.BtVerdictLine", in.Locale, v.Level, v.First()))
}

// saveNowRows is how many customers of the Save now list the
// management email shows.
const saveNowRows = 5

// topActions returns at most n actions: winning back the high-value
// customers at risk when there are any, then the actions of the segments
// that bring the most value.
func topActions(in *reports.Input, n int) []action {
	loc := in.Locale
	res := in.Result
	var out []action
	if k := len(res.SaveNow); k > 0 {
		out = append(out, action{Who: reports.Format("email.actionSaveNow", loc, reports.Int(k)),
			What: reports.Format("email.actionSaveNowD", loc, reports.MoneyShort(in.Currency, reports.ListKeepTotal(res), loc))})
	}
	_, value := reports.SegmentPctsByKey(res)
	for _, s := range reports.TopSegments(res, n) {
		if len(out) == n {
			break
		}
		out = append(out, action{Who: reports.Format("email.actionSeg", loc, reports.SegmentName(s.Rule, loc), reports.Int(s.Customers), value[s.Rule.Key]),
			What: reports.SegmentAction(s.Rule, loc)})
	}
	for i := range out {
		out[i].N = i + 1
	}
	return out
}

func newEmailMarketing(in *reports.Input) *marketing {
	loc := in.Locale
	res := in.Result
	wb := workbookSheets(in)
	buyers, segments := 0, 0
	for _, s := range res.Segments {
		if s.Customers > 0 {
			buyers += s.Customers
			segments++
		}
	}
	subject := reports.Format("email.subjectMkt", loc, period(in), reports.Int(buyers), reports.Int(segments))
	d := &marketing{
		frame:                newEmailFrame(in, "email.mktTitle", subject),
		Intro:                reports.Label("email.mktIntro").In(loc),
		SegmentsHeading:      reports.Label("email.mktSegHead").In(loc),
		SegmentCols:          []string{reports.Label("reports.ColSegment").In(loc), reports.Label("reports.ColBuyers").In(loc), reports.Label("email.colShare").In(loc), reports.Label("reports.ColValueShare").In(loc)},
		NoSegments:           reports.Label("reports.NoBuyers").In(loc),
		SegmentSheetsHeading: reports.Label("email.mktSegSheets").In(loc),
		SegmentSheetsIntro:   reports.Label("email.mktSegSheetsIn").In(loc),
		NoSegmentSheets:      reports.Format("email.mktNoSegSheets", loc, wb.customers, reports.Label("reports.ColSegmentSheet").In(loc)),
		SheetsHeading:        reports.Label("email.mktSheetsHead").In(loc),
		Sheets:               wb.sheets,
		HowTo:                reports.Format("email.mktHowTo", loc, wb.customers, reports.Label("reports.ColSegmentSheet").In(loc)),
	}
	if wb.customers == "" {
		// The customer list is a CSV file of the run (outputs.customer_list:
		// csv.gz), not a sheet of the workbook: point there.
		where := reports.Label("email.mktCSVInFolder").In(loc)
		if in.RunFolder != "" {
			where = reports.Format("email.mktCSVAt", loc, in.RunFolder)
		}
		d.Intro = reports.Format("email.mktIntroCSV", loc, where)
		d.NoSegmentSheets = reports.Label("email.mktNoSegSheetsCSV").In(loc)
		d.HowTo = reports.Label("email.mktHowToCSV").In(loc)
	}
	d.Preheader = d.Intro
	if k := len(res.SaveNow); k > 0 {
		d.Risk = reports.Format("email.mktSaveNow", loc, reports.Int(k), reports.MoneyShort(in.Currency, reports.ListKeepTotal(res), loc), wb.save,
			reports.Int(len(res.WinBack)), wb.win)
		d.Preheader = d.Risk
	} else if k := len(res.WinBack); k > 0 {
		d.Risk = reports.Format("email.mktWinBack", loc, reports.Int(k), wb.win)
	}
	sp, vp := reports.SegmentPcts(res)
	for i, s := range res.Segments {
		if s.Customers == 0 {
			continue
		}
		_, sheet := wb.segments[i]
		d.Segments = append(d.Segments, segmentRow{Name: reports.SegmentName(s.Rule, loc), Buyers: reports.Int(s.Customers),
			Share: reports.PctShown(sp[i]), ValueShare: reports.PctShown(vp[i]), Sheet: sheet})
	}
	for i, s := range res.Segments {
		if name, ok := wb.segments[i]; ok {
			d.SegmentSheets = append(d.SegmentSheets, reports.Pair{Label: name,
				Value: reports.Format("email.mktSegSheetRow", loc, reports.Int(s.Customers), reports.SegmentAction(s.Rule, loc))})
		}
	}
	return d
}

// emailWorkbook is what the marketing email says about the workbook.
type emailWorkbook struct {
	sheets               []reports.Pair // sheet name, the first sentence of its explanation
	customers, save, win string         // names of the Customers, Save now and Win back sheets
	segments             map[int]string // segment index → name of its own sheet
}

// workbookSheets names the workbook's sheets as WriteWorkbook does,
// without writing it, so that the email and the workbook never disagree.
func workbookSheets(in *reports.Input) emailWorkbook {
	l := workbook.Sheets(in)
	out := emailWorkbook{save: l.Save, win: l.Win, customers: l.Customers, segments: l.Segments}
	for _, s := range l.Sheets {
		out.sheets = append(out.sheets, reports.Pair{Label: s.Name, Value: firstSentence(s.Explain)})
	}
	return out
}

// firstSentence is the first sentence of s (to its first ". " or "。").
func firstSentence(s string) string {
	if i := strings.Index(s, "。"); i >= 0 {
		return s[:i+len("。")]
	}
	if i := strings.Index(s, ". "); i >= 0 {
		return s[:i+1]
	}
	return s
}
