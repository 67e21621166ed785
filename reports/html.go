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
	KPIsHeading string
	KPIs        []htmlKPI

	ChartsHeading string
	Charts        []htmlChart
	NoScript      string

	ActionsHeading, ActionsIntro string
	ActionCols                   []string
	Actions                      []htmlAction
	NoActions                    string

	WarningsHeading string
	Warnings        []string

	Footer []string

	EChartsJS  template.JS // the vendored echarts.min.js
	ChartSpecs template.JS // [{id, option}, ...] for the page script
}

type htmlPair struct{ Label, Value string }

type htmlKPI struct{ Label, Value, Note string }

type htmlAction struct{ Segment, Buyers, ValueShare, Action string }

func newHTMLPage(in *Input) (*htmlPage, error) {
	loc := in.Locale
	res := in.Result
	p := &htmlPage{
		Lang:            htmlLang(loc),
		Title:           htmlTitle.In(loc),
		KPIsHeading:     htmlKPIsHeading.In(loc),
		ChartsHeading:   htmlChartsHeading.In(loc),
		NoScript:        htmlNoScript.In(loc),
		ActionsHeading:  htmlActionsHeading.In(loc),
		ActionsIntro:    htmlActionsIntro.In(loc),
		ActionCols:      []string{htmlColSegment.In(loc), htmlColBuyers.In(loc), htmlColValueShare.In(loc), htmlColAction.In(loc)},
		NoActions:       htmlNoBuyers.In(loc),
		WarningsHeading: htmlWarningsHeading.In(loc),
		Warnings:        in.Warnings,
		EChartsJS:       template.JS(templates.EChartsJS),
	}
	if in.Job != "" {
		p.Meta = append(p.Meta, htmlPair{htmlJob.In(loc), in.Job})
	}
	asOf := in.AsOf
	if asOf.IsZero() {
		asOf = res.AsOf
	}
	measure := htmlMeasureRevenue
	if res.ValueMeasure == "margin" {
		measure = htmlMeasureMargin
	}
	p.Meta = append(p.Meta,
		htmlPair{htmlAsOf.In(loc), htmlDate(asOf)},
		htmlPair{htmlGenerated.In(loc), htmlDateTime(in.GeneratedAt)},
		htmlPair{htmlValueMeasure.In(loc), measure.In(loc)})
	p.KPIs = htmlKPIs(in, loc)
	p.Actions = htmlActions(res, loc)

	builders := []func(*Input, string) (htmlChart, error){htmlSegmentChart, htmlRFChart, htmlParetoChart, htmlTierChart, htmlStatusChart}
	var specs strings.Builder
	specs.WriteString("[")
	for i, build := range builders {
		ch, err := build(in, loc)
		if err != nil {
			return nil, fmt.Errorf("chart %s: %w", htmlChartIDs[i], err)
		}
		p.Charts = append(p.Charts, ch)
		if i > 0 {
			specs.WriteString(",")
		}
		fmt.Fprintf(&specs, "\n{\"id\":%q,\"option\":%s}", ch.ID, ch.option)
	}
	specs.WriteString("\n]")
	p.ChartSpecs = template.JS(specs.String())

	if in.RunID != "" {
		p.Footer = append(p.Footer, htmlFooterRun.In(loc)+" "+in.RunID)
	}
	p.Footer = append(p.Footer, fmt.Sprintf(htmlFooterCharts.In(loc), templates.EChartsVersion))
	return p, nil
}

func htmlKPIs(in *Input, loc string) []htmlKPI {
	k := in.Result.KPIs
	cur := in.Currency
	revenueNote := fmt.Sprintf(htmlKPIOrdersNote.In(loc), htmlInt(k.Orders))
	if k.Refunds > 0 {
		revenueNote = fmt.Sprintf(htmlKPIRefundsNote.In(loc), htmlMoney(cur, k.Refunds))
	}
	buyerShare := 0.0
	if k.Customers > 0 {
		buyerShare = float64(k.Buyers) / float64(k.Customers)
	}
	return []htmlKPI{
		{htmlKPICustomers.In(loc), htmlInt(k.Customers), ""},
		{htmlKPIBuyers.In(loc), htmlInt(k.Buyers), fmt.Sprintf(htmlKPIBuyersNote.In(loc), htmlPct(buyerShare))},
		{htmlKPINetRevenue.In(loc), htmlMoney(cur, k.NetRevenue), revenueNote},
		{htmlKPIAOV.In(loc), htmlMoney(cur, k.AvgOrderValue), htmlKPIAOVNote.In(loc)},
		{htmlKPIRepeat.In(loc), htmlPct(k.RepeatRate), htmlKPIRepeatNote.In(loc)},
		{htmlKPITop20.In(loc), htmlPct(k.Top20Share), htmlKPITop20Note.In(loc)},
		{htmlKPIChurn.In(loc), htmlPct(k.ChurnRate), fmt.Sprintf(htmlKPIChurnNote.In(loc), htmlInt(k.Churned))},
		{htmlKPIActive.In(loc), htmlInt(k.ActiveCustomer), fmt.Sprintf(htmlKPIActiveNote.In(loc), htmlInt(k.AtRisk))},
	}
}

// htmlActions lists the segments with buyers, most value first, with their
// suggested actions.
func htmlActions(res *analysis.Result, loc string) []htmlAction {
	segs := slices.Clone(res.Segments)
	segs = slices.DeleteFunc(segs, func(s analysis.SegmentSummary) bool { return s.Customers == 0 })
	slices.SortStableFunc(segs, func(a, b analysis.SegmentSummary) int { return cmp.Compare(b.Value, a.Value) })
	if len(segs) > htmlActionRows {
		segs = segs[:htmlActionRows]
	}
	rows := make([]htmlAction, len(segs))
	for i, s := range segs {
		rows[i] = htmlAction{
			Segment:    SegmentName(s.Rule, loc),
			Buyers:     htmlInt(s.Customers) + " (" + htmlPct(s.Share) + ")",
			ValueShare: htmlPct(s.ValueShare),
			Action:     SegmentAction(s.Rule, loc),
		}
	}
	return rows
}
