package html

import (
	"bufio"
	"errors"
	"fmt"
	"html/template"
	"io"
	"strings"

	"github.com/custseg/custseg/reports"

	"github.com/custseg/custseg/analysis"
	"github.com/custseg/custseg/templates"
)

// actionRows is how many segments the "what to do" table lists.
const actionRows = 6

// Write writes the HTML chart report of one run to w: a single
// self-contained page for management that opens offline. The echarts script
// is inlined and nothing is loaded from the network, so the file can be
// attached to an email or opened from a shared folder. Texts follow
// in.Locale ("zh-CN" for Chinese, anything else English). An analysis
// without buyers renders too, with empty charts that say so.
func Write(w io.Writer, in *reports.Input) error {
	if in == nil || in.Result == nil {
		return errors.New("html report: no analysis result")
	}
	page, err := newHTMLPage(in)
	if err != nil {
		return fmt.Errorf("html report: %w", err)
	}
	tmpl, err := templates.Report()
	if err != nil {
		return fmt.Errorf("html report: template: %w", err)
	}
	bw := bufio.NewWriter(w)
	if err := tmpl.Execute(bw, page); err != nil {
		return fmt.Errorf("html report: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("html report: %w", err)
	}
	return nil
}

// page is what templates/report.html.tmpl renders. Every text is
// localized and every number formatted here; the template only lays out.
type page struct {
	Lang, Title string
	Meta        []reports.Pair
	// Alerts are the data alerts shown atop the page (dataAlerts).
	Alerts []string

	NarrativeHeading string
	Narrative        []string

	KPIsHeading, KPIsBasis string
	KPIs                   []reports.KPI

	Sections []section
	NoScript string

	ActionsHeading, ActionsIntro string
	Actions                      *table
	Lists                        []listSection

	WarningsHeading string
	Warnings        []string

	Footer []string

	EChartsJS  template.JS // the vendored echarts.min.js
	ChartSpecs template.JS // [{id, option}, ...] for the page script
}

// section is a group of charts under one heading.
type section struct {
	Heading, Intro string
	Charts         []chart
}

// table is a table of texts; on a phone each row becomes a block whose
// cells after the first carry their column name (data-label).
type table struct {
	Cols  []string
	Rows  [][]cell
	Empty string // shown in place of rows when there are none
}

// cell is one table cell; Class is "num" for numbers, "key" for the
// row's name.
type cell struct{ Text, Class string }

// ColClass returns the class of column j's header: "num" when the first
// row's cell is a number, so that headers align with their numbers.
func (t *table) ColClass(j int) string {
	if len(t.Rows) > 0 && j < len(t.Rows[0]) && t.Rows[0][j].Class == "num" {
		return "num"
	}
	return ""
}

func newHTMLPage(in *reports.Input) (*page, error) {
	loc := in.Locale
	res := in.Result
	p := &page{
		Lang:             reports.Lang(loc),
		Title:            reports.Label("html.title").In(loc),
		NarrativeHeading: reports.Label("reports.NarrHeading").In(loc),
		Narrative:        reports.ReportNarrative(in, loc),
		Alerts:           reports.DataAlerts(in, loc),
		KPIsHeading:      reports.Label("reports.KPIsHeading").In(loc),
		KPIs:             reports.ReportKPIs(in, loc),
		NoScript:         reports.Label("html.noScript").In(loc),
		ActionsHeading:   reports.Label("html.actionsHeading").In(loc),
		ActionsIntro:     reports.Label("html.actionsIntro").In(loc),
		Actions:          actions(res, loc),
		Lists:            lists(in, loc),
		WarningsHeading:  reports.Label("html.warningsHeading").In(loc),
		Warnings:         reports.Warnings(in, loc),
		EChartsJS:        template.JS(templates.EChartsJS),
	}
	if in.Job != "" {
		p.Meta = append(p.Meta, reports.Pair{Label: reports.Label("reports.Job").In(loc), Value: in.Job})
	}
	measure := reports.Label("html.measureRevenue")
	if res.ValueMeasure == "margin" {
		measure = reports.Label("html.measureMargin")
	}
	p.Meta = append(p.Meta,
		reports.Pair{Label: reports.Label("reports.AsOf").In(loc), Value: reports.Date(reports.AsOfDate(in))},
		reports.Pair{Label: reports.Label("html.generated").In(loc), Value: reports.DateTime(in.GeneratedAt)},
		reports.Pair{Label: reports.Label("html.valueMeasure").In(loc), Value: measure.In(loc)})
	p.KPIsBasis = reports.KpisBasis(res, loc)

	type builder func(*reports.Input, string) ([]chart, error)
	one := func(f func(*reports.Input, string) (chart, error)) builder {
		return func(in *reports.Input, loc string) ([]chart, error) {
			c, err := f(in, loc)
			return []chart{c}, err
		}
	}
	groups := []struct {
		heading, intro reports.Label
		builders       []builder
	}{
		{reports.Label("html.secValue"), reports.Label("html.secValueInt"), []builder{one(segmentChart), one(rfChart), one(paretoChart),
			one(tierChart), one(pyramidChart)}},
		{reports.Label("html.secChurn"), reports.Label("html.secChurnInt"), []builder{one(statusChart), one(churnTrendChart), one(lifecycleChart),
			one(pAliveChart), one(clvChart), one(verdictCard), one(trackingChart), one(calibrationChart)}},
		{reports.Label("html.secWho"), reports.Label("html.secWhoInt"), []builder{one(clusterChart), characteristicCharts}},
		{reports.Label("html.secTime"), reports.Label("html.secTimeInt"), []builder{one(migrationChart), one(cohortChart)}},
	}
	var specs strings.Builder
	specs.WriteString("[")
	n := 0
	for _, g := range groups {
		sec := section{Heading: g.heading.In(loc), Intro: g.intro.In(loc)}
		for _, build := range g.builders {
			charts, err := build(in, loc)
			if err != nil {
				return nil, err
			}
			for _, ch := range charts {
				if ch.ID == "" {
					continue // nothing to show, not even a note
				}
				sec.Charts = append(sec.Charts, ch)
				if ch.option == "" {
					continue
				}
				if n > 0 {
					specs.WriteString(",")
				}
				n++
				fmt.Fprintf(&specs, "\n{\"id\":%q,\"option\":%s}", ch.ID, ch.option)
			}
		}
		p.Sections = append(p.Sections, sec)
	}
	specs.WriteString("\n]")
	p.ChartSpecs = template.JS(specs.String())

	if in.RunID != "" {
		p.Footer = append(p.Footer, reports.Label("html.footerRun").In(loc)+" "+in.RunID)
	}
	if in.Version != "" {
		p.Footer = append(p.Footer, reports.Label("html.footerVersion").In(loc)+" "+in.Version)
	}
	p.Footer = append(p.Footer, fmt.Sprintf(reports.Label("html.footerCharts").In(loc), templates.EChartsVersion))
	return p, nil
}

// actions lists the segments with buyers, most value first, with their
// suggested actions.
func actions(res *analysis.Result, loc string) *table {
	t := &table{
		Cols:  []string{reports.Label("reports.ColSegment").In(loc), reports.Label("reports.ColBuyers").In(loc), reports.Label("reports.ColValueShare").In(loc), reports.Label("html.colAction").In(loc)},
		Empty: reports.Label("reports.NoBuyers").In(loc),
	}
	share, value := reports.SegmentPctsByKey(res)
	for _, s := range reports.TopSegments(res, actionRows) {
		t.Rows = append(t.Rows, []cell{
			{reports.SegmentName(s.Rule, loc), "key"},
			{reports.Int(s.Customers) + " (" + share[s.Rule.Key] + ")", "num"},
			{value[s.Rule.Key], "num"},
			{reports.SegmentAction(s.Rule, loc), ""},
		})
	}
	return t
}

// listRows is how many customers of each campaign list the page shows.
const listRows = 20

// listSection is one campaign list on the page.
type listSection struct {
	Heading, Intro string
	Table          *table
}

// lists returns the Save now and Win back sections.
func lists(in *reports.Input, loc string) []listSection {
	res := in.Result
	out := []listSection{
		{reports.Label("reports.ListNameSaveNow").In(loc), reports.Format("html.saveNowIntro", loc, reports.Int(len(res.SaveNow)), reports.Int(listRows)),
			listTable(in, loc, res.SaveNow, true)},
		{reports.Label("reports.ListNameWinBack").In(loc), reports.Format("html.winBackIntro", loc, reports.Int(len(res.WinBack)), reports.Int(listRows)),
			listTable(in, loc, res.WinBack, false)},
	}
	// An empty list says so once, in its table, not also in an intro that
	// counts nobody.
	for k := range out {
		if len(out[k].Table.Rows) == 0 {
			out[k].Intro = ""
		}
	}
	return out
}

// listTable shows the first htmlListRows customers of a campaign list
// with the reason each is on it; keep adds the value to keep a year (Save
// now), otherwise the past value is shown (Win back). The lifetime-value
// column is there only with usable models.
func listTable(in *reports.Input, loc string, list []analysis.ListEntry, keep bool) *table {
	res := in.Result
	cur := in.Currency
	empty := reports.Label("html.winBackNone")
	if keep {
		empty = reports.Label("reports.SaveNowNone")
	}
	t := &table{Empty: empty.In(loc),
		Cols: []string{reports.Label("reports.ColCustomer").In(loc), reports.Label("reports.ColTier").In(loc), reports.Label("reports.ColSegment").In(loc), reports.Label("reports.ColReason").In(loc)}}
	if res.Models.Usable && keep {
		t.Cols = append(t.Cols, reports.Label("html.colCLV").In(loc))
	}
	if keep {
		t.Cols = append(t.Cols, reports.Label("reports.ColKeep").In(loc))
	} else {
		t.Cols = append(t.Cols, reports.Label("html.colPastValue").In(loc))
	}
	for _, e := range list {
		if len(t.Rows) == listRows {
			break
		}
		i := int(e.Index)
		if i < 0 || i >= len(res.Scores) {
			continue
		}
		s := &res.Scores[i]
		seg := "—"
		if s.Segment >= 0 && int(s.Segment) < len(res.Segments) {
			seg = reports.SegmentName(res.Segments[s.Segment].Rule, loc)
		}
		reason := ""
		if in.Dataset != nil {
			reason = reports.ListReason(in.Dataset, res, e, loc)
		}
		row := []cell{
			{reports.CustomerName(in.Dataset, i, in.NamesInReport), "key"},
			{reports.TierLabels[s.Tier].In(loc), ""},
			{seg, ""},
			{reason, ""},
		}
		if res.Models.Usable && keep {
			row = append(row, cell{reports.MoneyWhole(cur, s.CLV), "num"})
		}
		if keep {
			row = append(row, cell{reports.MoneyWhole(cur, s.KeepValue), "num"})
		} else {
			row = append(row, cell{reports.MoneyWhole(cur, s.Value), "num"})
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}
