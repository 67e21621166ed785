package reports

import (
	"bufio"
	"cmp"
	"errors"
	"fmt"
	"html/template"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/custseg/custseg/analysis"
	"github.com/custseg/custseg/templates"
)

// htmlActionRows is how many segments the "what to do" table lists.
const htmlActionRows = 6

// WriteHTML writes the HTML chart report of one run to w: a single
// self-contained page for management that opens offline. The echarts script
// is inlined and nothing is loaded from the network, so the file can be
// attached to an email or opened from a shared folder. Texts follow
// in.Locale ("zh-CN" for Chinese, anything else English). An analysis
// without buyers renders too, with empty charts that say so.
func WriteHTML(w io.Writer, in *Input) error {
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

// htmlPage is what templates/report.html.tmpl renders. Every text is
// localized and every number formatted here; the template only lays out.
type htmlPage struct {
	Lang, Title string
	Meta        []htmlPair
	// Alerts are the data alerts shown atop the page (dataAlerts).
	Alerts []string

	NarrativeHeading string
	Narrative        []string

	KPIsHeading, KPIsBasis string
	KPIs                   []htmlKPI

	Sections []htmlSection
	NoScript string

	ActionsHeading, ActionsIntro string
	Actions                      *htmlTable
	Lists                        []htmlListSection

	WarningsHeading string
	Warnings        []string

	Footer []string

	EChartsJS  template.JS // the vendored echarts.min.js
	ChartSpecs template.JS // [{id, option}, ...] for the page script
}

type htmlPair struct{ Label, Value string }

// htmlSection is a group of charts under one heading.
type htmlSection struct {
	Heading, Intro string
	Charts         []htmlChart
}

// htmlTable is a table of texts; on a phone each row becomes a block whose
// cells after the first carry their column name (data-label).
type htmlTable struct {
	Cols  []string
	Rows  [][]htmlCell
	Empty string // shown in place of rows when there are none
}

// htmlCell is one table cell; Class is "num" for numbers, "key" for the
// row's name.
type htmlCell struct{ Text, Class string }

// ColClass returns the class of column j's header: "num" when the first
// row's cell is a number, so that headers align with their numbers.
func (t *htmlTable) ColClass(j int) string {
	if len(t.Rows) > 0 && j < len(t.Rows[0]) && t.Rows[0][j].Class == "num" {
		return "num"
	}
	return ""
}

func newHTMLPage(in *Input) (*htmlPage, error) {
	loc := in.Locale
	res := in.Result
	p := &htmlPage{
		Lang:             htmlLang(loc),
		Title:            htmlTitle.In(loc),
		NarrativeHeading: htmlNarrHeading.In(loc),
		Narrative:        reportNarrative(in, loc),
		Alerts:           dataAlerts(in, loc),
		KPIsHeading:      htmlKPIsHeading.In(loc),
		KPIs:             reportKPIs(in, loc),
		NoScript:         htmlNoScript.In(loc),
		ActionsHeading:   htmlActionsHeading.In(loc),
		ActionsIntro:     htmlActionsIntro.In(loc),
		Actions:          htmlActions(res, loc),
		Lists:            htmlLists(in, loc),
		WarningsHeading:  htmlWarningsHeading.In(loc),
		Warnings:         in.Warnings,
		EChartsJS:        template.JS(templates.EChartsJS),
	}
	if in.Job != "" {
		p.Meta = append(p.Meta, htmlPair{htmlJob.In(loc), in.Job})
	}
	measure := htmlMeasureRevenue
	if res.ValueMeasure == "margin" {
		measure = htmlMeasureMargin
	}
	p.Meta = append(p.Meta,
		htmlPair{htmlAsOf.In(loc), htmlDate(htmlAsOfDate(in))},
		htmlPair{htmlGenerated.In(loc), htmlDateTime(in.GeneratedAt)},
		htmlPair{htmlValueMeasure.In(loc), measure.In(loc)})
	p.KPIsBasis = kpisBasis(res, loc)

	type builder func(*Input, string) ([]htmlChart, error)
	one := func(f func(*Input, string) (htmlChart, error)) builder {
		return func(in *Input, loc string) ([]htmlChart, error) {
			c, err := f(in, loc)
			return []htmlChart{c}, err
		}
	}
	groups := []struct {
		heading, intro Label
		builders       []builder
	}{
		{htmlSecValue, htmlSecValueInt, []builder{one(htmlSegmentChart), one(htmlRFChart), one(htmlParetoChart),
			one(htmlTierChart), one(htmlPyramidChart)}},
		{htmlSecChurn, htmlSecChurnInt, []builder{one(htmlStatusChart), one(htmlChurnTrendChart), one(htmlLifecycleChart),
			one(htmlPAliveChart), one(htmlCLVChart), one(htmlVerdictCard), one(htmlTrackingChart), one(htmlCalibrationChart)}},
		{htmlSecWho, htmlSecWhoInt, []builder{one(htmlClusterChart), htmlCharacteristicCharts}},
		{htmlSecTime, htmlSecTimeInt, []builder{one(htmlMigrationChart), one(htmlCohortChart)}},
	}
	var specs strings.Builder
	specs.WriteString("[")
	n := 0
	for _, g := range groups {
		sec := htmlSection{Heading: g.heading.In(loc), Intro: g.intro.In(loc)}
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
		p.Footer = append(p.Footer, htmlFooterRun.In(loc)+" "+in.RunID)
	}
	if in.Version != "" {
		p.Footer = append(p.Footer, htmlFooterVersion.In(loc)+" "+in.Version)
	}
	p.Footer = append(p.Footer, fmt.Sprintf(htmlFooterCharts.In(loc), templates.EChartsVersion))
	return p, nil
}

// htmlAsOfDate is the run's as-of date.
func htmlAsOfDate(in *Input) time.Time {
	if in.AsOf.IsZero() {
		return in.Result.AsOf
	}
	return in.AsOf
}

// htmlActions lists the segments with buyers, most value first, with their
// suggested actions.
func htmlActions(res *analysis.Result, loc string) *htmlTable {
	t := &htmlTable{
		Cols:  []string{htmlColSegment.In(loc), htmlColBuyers.In(loc), htmlColValueShare.In(loc), htmlColAction.In(loc)},
		Empty: htmlNoBuyers.In(loc),
	}
	share, value := htmlSegmentPctsByKey(res)
	for _, s := range htmlTopSegments(res, htmlActionRows) {
		t.Rows = append(t.Rows, []htmlCell{
			{SegmentName(s.Rule, loc), "key"},
			{htmlInt(s.Customers) + " (" + share[s.Rule.Key] + ")", "num"},
			{value[s.Rule.Key], "num"},
			{SegmentAction(s.Rule, loc), ""},
		})
	}
	return t
}

// htmlTopSegments returns at most n segments with buyers, most value first.
func htmlTopSegments(res *analysis.Result, n int) []analysis.SegmentSummary {
	segs := slices.Clone(res.Segments)
	segs = slices.DeleteFunc(segs, func(s analysis.SegmentSummary) bool { return s.Customers == 0 })
	slices.SortStableFunc(segs, func(a, b analysis.SegmentSummary) int { return cmp.Compare(b.Value, a.Value) })
	return segs[:min(len(segs), n)]
}

// htmlListRows is how many customers of each campaign list the page shows.
const htmlListRows = 20

// htmlListSection is one campaign list on the page.
type htmlListSection struct {
	Heading, Intro string
	Table          *htmlTable
}

// htmlLists returns the Save now and Win back sections.
func htmlLists(in *Input, loc string) []htmlListSection {
	res := in.Result
	out := []htmlListSection{
		{listNameSaveNow.In(loc), htmlFormat(htmlSaveNowIntro, loc, htmlInt(len(res.SaveNow)), htmlInt(htmlListRows)),
			htmlListTable(in, loc, res.SaveNow, true)},
		{listNameWinBack.In(loc), htmlFormat(htmlWinBackIntro, loc, htmlInt(len(res.WinBack)), htmlInt(htmlListRows)),
			htmlListTable(in, loc, res.WinBack, false)},
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

// htmlListTable shows the first htmlListRows customers of a campaign list
// with the reason each is on it; keep adds the value to keep a year (Save
// now), otherwise the past value is shown (Win back). The lifetime-value
// column is there only with usable models.
func htmlListTable(in *Input, loc string, list []analysis.ListEntry, keep bool) *htmlTable {
	res := in.Result
	cur := in.Currency
	empty := htmlWinBackNone
	if keep {
		empty = htmlSaveNowNone
	}
	t := &htmlTable{Empty: empty.In(loc),
		Cols: []string{htmlColCustomer.In(loc), htmlColTier.In(loc), htmlColSegment.In(loc), htmlColReason.In(loc)}}
	if res.Models.Usable && keep {
		t.Cols = append(t.Cols, htmlColCLV.In(loc))
	}
	if keep {
		t.Cols = append(t.Cols, htmlColKeep.In(loc))
	} else {
		t.Cols = append(t.Cols, htmlColPastValue.In(loc))
	}
	for _, e := range list {
		if len(t.Rows) == htmlListRows {
			break
		}
		i := int(e.Index)
		if i < 0 || i >= len(res.Scores) {
			continue
		}
		s := &res.Scores[i]
		seg := "—"
		if s.Segment >= 0 && int(s.Segment) < len(res.Segments) {
			seg = SegmentName(res.Segments[s.Segment].Rule, loc)
		}
		reason := ""
		if in.Dataset != nil {
			reason = listReason(in.Dataset, res, e, loc)
		}
		row := []htmlCell{
			{htmlCustomerName(in.Dataset, i, in.NamesInReport), "key"},
			{TierLabels[s.Tier].In(loc), ""},
			{seg, ""},
			{reason, ""},
		}
		if res.Models.Usable && keep {
			row = append(row, htmlCell{htmlMoneyWhole(cur, s.CLV), "num"})
		}
		if keep {
			row = append(row, htmlCell{htmlMoneyWhole(cur, s.KeepValue), "num"})
		} else {
			row = append(row, htmlCell{htmlMoneyWhole(cur, s.Value), "num"})
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

// htmlCustomerName is customer i's id; with names, their name and id. The
// report goes to management by email, so by default it holds no personal
// data: marketing finds the names in the workbook.
func htmlCustomerName(ds *analysis.Dataset, i int, names bool) string {
	if ds == nil || i < 0 || i >= len(ds.Customers) {
		return "—"
	}
	c := &ds.Customers[i]
	if !names {
		if c.ID != "" {
			return c.ID
		}
		return "—"
	}
	switch {
	case c.Name != "" && c.ID != "":
		return c.Name + " (" + c.ID + ")"
	case c.Name != "":
		return c.Name
	case c.ID != "":
		return c.ID
	}
	return "—"
}
