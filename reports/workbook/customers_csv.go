package workbook

import (
	"compress/gzip"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/custseg/custseg/reports"
	"github.com/custseg/custseg/texts"

	"github.com/custseg/custseg/analysis"
)

// WriteCustomersCSV writes the customer list as gzip-compressed CSV (UTF-8
// with a byte-order mark, so Excel reads Chinese correctly): one row per
// customer with contact fields, attributes, RFM values and scores,
// segment, tier, status, lifecycle stage, the model fields (with the
// expected next order, YYYY-MM-DD or blank) and the
// campaign columns of the workbook's lists (segment last run, entered
// segment since, email consent when customers.sql has it, reachable by
// email). It is the list for shops whose customers outgrow a workbook
// sheet; texts are in in.Locale. Values starting with = + - @ are prefixed with ' so a
// spreadsheet never runs them as formulas.
func WriteCustomersCSV(w io.Writer, in *reports.Input) error {
	if in == nil || in.Result == nil || in.Dataset == nil {
		return fmt.Errorf("customers csv: no analysis result to write")
	}
	ds, res, loc := in.Dataset, in.Result, in.Locale
	if len(res.Scores) != len(ds.Customers) {
		return fmt.Errorf("customers csv: %d scores for %d customers", len(res.Scores), len(ds.Customers))
	}
	zw := gzip.NewWriter(w)
	if _, err := zw.Write([]byte("\ufeff")); err != nil {
		return err
	}
	cw := csv.NewWriter(zw)
	head := []string{"customer_id", "name", "email", "phone", "registered_at"}
	head = append(head, ds.AttrNames...)
	head = append(head, "first_order", "last_order", "recency_days", "frequency", "monetary", "value",
		"r", "f", "m", "segment", "value_tier", "churn_status", "lifecycle_stage",
		"p_alive", "next_order_date", "expected_purchases", "clv", "pyramid", "cluster", "behaviour",
		"segment_last_run", "entered_segment_since_last_run")
	if ds.HasConsent {
		head = append(head, "email_consent")
	}
	head = append(head, "reachable_by_email")
	if err := cw.Write(head); err != nil {
		return err
	}
	day := func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.Format("2006-01-02")
	}
	// Numbers as the workbook shows them: never NaN or an infinity (0).
	num := func(x float64, prec int) string { return strconv.FormatFloat(cellNum(kText, x), 'f', prec, 64) }
	row := make([]string, 0, len(head))
	// The segment names and words of the campaign columns, as the workbook
	// writes them.
	names := &customerNames{none: ""}
	for _, g := range res.Segments {
		names.segments = append(names.segments, reports.SegmentName(g.Rule, loc))
	}
	words := campaignTexts{reports.Label("workbook.yes").In(loc), reports.Label("workbook.no").In(loc), reports.Label("reports.PrevFirstPurchase").In(loc), reports.Label("reports.PrevRetired").In(loc)}
	yesNo := func(b bool) string {
		if b {
			return words.yes
		}
		return words.no
	}
	clusters := reports.ClusterNames(res, loc)
	for i := range ds.Customers {
		c, s := &ds.Customers[i], &res.Scores[i]
		row = row[:0]
		row = append(row, inert(c.ID), inert(c.Name), inert(c.Email), inert(c.Phone), day(c.RegisteredAt.Time()))
		for _, a := range c.Attrs {
			row = append(row, inert(a))
		}
		seg, cluster := "", ""
		if s.Segment >= 0 && int(s.Segment) < len(res.Segments) {
			seg = reports.SegmentName(res.Segments[s.Segment].Rule, loc)
		}
		if s.Cluster >= 0 && int(s.Cluster) < len(res.Clusters.Profiles) {
			cluster = ClusterName(int(s.Cluster), clusters[s.Cluster])
		}
		recency, model := "", []string{"", "", "", ""}
		if c.IsBuyer() {
			recency = strconv.Itoa(int(s.Recency))
			if res.Models.Usable {
				// The expected next order is blank when unknown (Score.NextOrder).
				model = []string{num(s.PAlive, 4), s.NextOrder.String(), num(s.ExpPurchases, 3), num(s.CLV, 2)}
			}
		}
		row = append(row, day(c.FirstOrder.Time()), day(c.LastOrder.Time()), recency, strconv.Itoa(int(s.Frequency)),
			num(s.Monetary, 2), num(s.Value, 2), strconv.Itoa(int(s.R)), strconv.Itoa(int(s.F)), strconv.Itoa(int(s.M)), seg,
			label(reports.TierLabels[s.Tier], loc), label(reports.StatusLabels[s.Status], loc), label(reports.StageLabels[s.Lifecycle], loc))
		row = append(row, model...)
		row = append(row, label(reports.PyramidLabels[s.Pyramid], loc), cluster, label(reports.BehaviourLabels[s.Behaviour], loc))
		entered := ""
		if e, ok := res.EnteredSegment(i); ok {
			entered = yesNo(e)
		}
		row = append(row, prevSegmentText(res, i, names, &words), entered)
		if ds.HasConsent {
			row = append(row, yesNo(c.Consent == analysis.ConsentYes))
		}
		row = append(row, yesNo(c.Reachable(ds.HasConsent)))
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	return zw.Close()
}

func label(l reports.Label, loc string) string {
	if l.In(texts.Default) == "—" {
		return ""
	}
	return l.In(loc)
}

// inert keeps a spreadsheet from reading a value as a formula: a value
// whose first character other than whitespace is =, +, - or @ (Excel and
// LibreOffice skip leading spaces, tabs and line breaks before a formula),
// or that starts with a tab or carriage return (OWASP's CSV injection
// list), gets a leading apostrophe.
func inert(s string) string {
	if s == "" {
		return s
	}
	if s[0] == '\t' || s[0] == '\r' {
		return "'" + s
	}
	if t := strings.TrimLeftFunc(s, unicode.IsSpace); t != "" && strings.ContainsRune("=+-@", rune(t[0])) {
		return "'" + s
	}
	return s
}
