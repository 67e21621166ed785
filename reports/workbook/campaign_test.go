package workbook

import (
	"bytes"
	"compress/gzip"
	"encoding/csv"
	"fmt"
	"io"
	"slices"
	"strings"
	"testing"

	"github.com/custseg/custseg/reports"
	"github.com/custseg/custseg/reports/reportstest"

	"github.com/xuri/excelize/v2"

	"github.com/custseg/custseg/analysis"
)

// campaignDataset is wbTestDataset seen for the second time: the previous
// run's snapshot has c1 in Loyal (a Champion now: entered), c2 in the
// segment it is in now, c3 as a non-buyer (a buyer now: first purchase),
// c4 in a segment the rules no longer have, c7 as a non-buyer (still
// one); c5 and c6 are new customers (c6 bought). With consent, c2 said no,
// c4, c6 and c7 have no email: four customers cannot be emailed.
func campaignDataset(t *testing.T, previous, consent bool) *analysis.Dataset {
	t.Helper()
	ds := reportstest.WorkbookDataset()
	if previous {
		first := analysis.Analyze(reportstest.WorkbookDataset(), analysis.DefaultParams())
		key := func(id string) string {
			i := slices.IndexFunc(ds.Customers, func(c analysis.Customer) bool { return c.ID == id })
			return first.Segments[first.Scores[i].Segment].Rule.Key
		}
		if key("c1") != "champions" {
			t.Fatalf("c1 is in %s, want champions", key("c1"))
		}
		ds.Previous = &analysis.Snapshot{AsOf: "2024-06-23", Customers: map[string]analysis.SnapshotRow{
			"c1": {Segment: "loyal"},
			"c2": {Segment: key("c2")},
			"c3": {Segment: ""},
			"c4": {Segment: "vip_retired"},
			"c7": {Segment: ""},
		}}
	}
	if consent {
		ds.HasConsent = true
		for i, v := range []analysis.Consent{analysis.ConsentYes, analysis.ConsentNo, analysis.ConsentYes,
			analysis.ConsentYes, analysis.ConsentYes, analysis.ConsentYes, analysis.ConsentNo} {
			ds.Customers[i].Consent = v
		}
	}
	return ds
}

// campaignRow is what the campaign columns of one customer read.
type campaignRow struct{ prev, entered, consent, reachable string }

func TestWorkbookCampaignColumns(t *testing.T) {
	tests := []struct {
		name              string
		loc               string
		previous, consent bool
		headers           []string // the last columns of the Customers sheet
		rows              map[string]campaignRow
		note              []string // in the explanation row of the Customers sheet
		champions         []string // in the explanation row of the Champions sheet
	}{
		{
			name: "two runs, consent", loc: "en", previous: true, consent: true,
			headers: []string{"Buying behaviour", "Segment last run", "Entered segment since last run", "Consent", "Reachable by email"},
			rows: map[string]campaignRow{
				"c1": {"Loyal", "yes", "yes", "yes"},
				"c2": {"=c2", "no", "no", "no"}, // =c2: the segment c2 is in now
				"c3": {"(first purchase)", "yes", "yes", "yes"},
				"c4": {"(segment retired)", "yes", "yes", "no"},
				"c5": {"", "", "yes", "yes"},
				"c6": {"(first purchase)", "yes", "yes", "no"},
				"c7": {"", "", "no", "no"},
			},
			note: []string{"4 of these 7 customers have no email address or no consent to be emailed: marked “no” in column AM (Reachable by email)"},
			// %s: the Reachable by email column of the segment sheet.
			champions: []string{"Every customer here (1) can be emailed (column %s, Reachable by email)."},
		},
		{
			name: "two runs, no consent column", loc: "en", previous: true,
			headers: []string{"Buying behaviour", "Segment last run", "Entered segment since last run", "Reachable by email"},
			rows: map[string]campaignRow{
				"c1": {"Loyal", "yes", "-", "yes"},
				"c2": {"=c2", "no", "-", "yes"},
				"c4": {"(segment retired)", "yes", "-", "no"},
				"c7": {"", "", "-", "no"},
			},
			note: []string{"3 of these 7 customers have no email address: marked “no” in column AL (Reachable by email). customers.sql has no email_consent column"},
		},
		{
			name: "first run, consent", loc: "en", consent: true,
			headers: []string{"Buying behaviour", "Segment last run", "Entered segment since last run", "Consent", "Reachable by email"},
			rows: map[string]campaignRow{
				"c1": {"", "", "yes", "yes"},
				"c2": {"", "", "no", "no"},
				"c6": {"", "", "yes", "no"},
			},
			note: []string{"4 of these 7 customers", "First run: the columns “Segment last run” and “Entered segment since last run” fill in from the next run on."},
		},
		{
			name: "two runs, consent, Chinese", loc: "zh-CN", previous: true, consent: true,
			headers: []string{"购买行为", "上次所属分群", "自上次运行后新进入该分群", "同意接收邮件", "可通过邮件联系"},
			rows: map[string]campaignRow{
				"c1": {"忠诚客户", "是", "是", "是"},
				"c2": {"=c2", "否", "否", "否"},
				"c3": {"（首次购买）", "是", "是", "是"},
				"c7": {"", "", "否", "否"},
			},
			note: []string{"这 7 位客户中有 4 位没有邮箱或未同意接收邮件：已在 AM 列（可通过邮件联系）标为“否”"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := reportstest.WorkbookInput(campaignDataset(t, tt.previous, tt.consent), tt.loc)
			f, _ := open(t, in)
			customers := reports.Label("workbook.SheetCustomers").In(tt.loc)
			rows, err := f.GetRows(customers)
			if err != nil {
				t.Fatal(err)
			}
			hdr := rows[headerRow-1]
			if got := hdr[len(hdr)-len(tt.headers):]; !slices.Equal(got, tt.headers) {
				t.Errorf("last headers %q, want %q", got, tt.headers)
			}
			col := func(h string) int { return slices.Index(hdr, h) }
			segCol := col(reports.Label("reports.ColSegmentSheet").In(tt.loc))
			prev, entered, consent, reach := col(reports.Label("reports.ColPrevSegment").In(tt.loc)), col(reports.Label("reports.ColEntered").In(tt.loc)),
				col(reports.Label("reports.ColConsent").In(tt.loc)), col(reports.Label("reports.ColReachable").In(tt.loc))
			cell := func(r []string, c int) string {
				if c < 0 {
					return "-" // no such column
				}
				if c < len(r) {
					return r[c]
				}
				return ""
			}
			seen := 0
			for _, r := range rows[headerRow:] {
				want, ok := tt.rows[r[0]]
				if !ok {
					continue
				}
				seen++
				if want.prev == "=c2" {
					want.prev = cell(r, segCol)
				}
				got := campaignRow{cell(r, prev), cell(r, entered), cell(r, consent), cell(r, reach)}
				if got != want {
					t.Errorf("%s: %+v, want %+v", r[0], got, want)
				}
			}
			if seen != len(tt.rows) {
				t.Errorf("found %d of the %d customers", seen, len(tt.rows))
			}
			explain := rows[explainRow-1][0]
			for _, s := range tt.note {
				if !strings.Contains(explain, s) {
					t.Errorf("Customers explanation %q\nlacks %q", explain, s)
				}
			}
			if len(tt.champions) > 0 {
				rows, err := f.GetRows(reports.SegmentName(analysis.DefaultSegments()[0], tt.loc))
				if err != nil {
					t.Fatal(err)
				}
				h := rows[headerRow-1]
				if !slices.Equal(h[len(h)-len(tt.headers):], tt.headers) {
					t.Errorf("Champions: last headers %q", h[len(h)-len(tt.headers):])
				}
				reachCol, _ := excelize.ColumnNumberToName(slices.Index(h, reports.Label("reports.ColReachable").In(tt.loc)) + 1)
				for _, s := range tt.champions {
					if strings.Contains(s, "%s") {
						s = fmt.Sprintf(s, reachCol)
					}
					if !strings.Contains(rows[explainRow-1][0], s) {
						t.Errorf("Champions explanation %q\nlacks %q", rows[explainRow-1][0], s)
					}
				}
			}
			// The column the note names is the Reachable by email column.
			if name, _ := excelize.ColumnNumberToName(reach + 1); !strings.Contains(explain, " "+name+" ") && !strings.Contains(explain, "在 "+name+" 列") && !strings.Contains(explain, "（"+name+" 列") {
				t.Errorf("the note does not name column %s: %q", name, explain)
			}
		})
	}
}

// TestCustomersCSVCampaignColumns: the CSV list carries the same campaign
// columns as the workbook's lists.
func TestCustomersCSVCampaignColumns(t *testing.T) {
	in := reportstest.WorkbookInput(campaignDataset(t, true, true), "en")
	var buf bytes.Buffer
	if err := WriteCustomersCSV(&buf, in); err != nil {
		t.Fatal(err)
	}
	zr, err := gzip.NewReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte("\ufeff")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"segment_last_run", "entered_segment_since_last_run", "email_consent", "reachable_by_email"}
	if got := recs[0][len(recs[0])-4:]; !slices.Equal(got, want) {
		t.Fatalf("last columns %q, want %q", got, want)
	}
	tests := map[string][]string{
		"c1": {"Loyal", "yes", "yes", "yes"},
		"c3": {"(first purchase)", "yes", "yes", "yes"},
		"c4": {"(segment retired)", "yes", "yes", "no"},
		"c7": {"", "", "no", "no"},
	}
	for _, r := range recs[1:] {
		if want, ok := tests[r[0]]; ok {
			if got := r[len(r)-4:]; !slices.Equal(got, want) {
				t.Errorf("%s: %q, want %q", r[0], got, want)
			}
		}
	}
}

// TestWorkbookListCampaignColumns: Save now and Win back end with the same
// campaign columns, and say at the top who cannot be emailed.
func TestWorkbookListCampaignColumns(t *testing.T) {
	in := reportstest.RichInput("en", true, true)
	ds, res := in.Dataset, in.Result
	ds.HasConsent = true
	at := func(id string) int {
		return slices.IndexFunc(ds.Customers, func(c analysis.Customer) bool { return c.ID == id })
	}
	ds.Customers[at("c2")].Consent = analysis.ConsentYes
	ds.Customers[at("c8")].Consent = analysis.ConsentNo
	// Last run: c8 was Loyal, c2 not a buyer.
	res.PrevSegment = make([]int16, len(ds.Customers))
	for i := range res.PrevSegment {
		res.PrevSegment[i] = analysis.PrevNotBuyer
	}
	res.PrevSegment[at("c8")] = 1
	c8Entered := "yes"
	if res.Scores[at("c8")].Segment == 1 {
		c8Entered = "no"
	}
	f, _ := open(t, in)
	want := []string{"Segment last run", "Entered segment since last run", "Consent", "Reachable by email"}
	for _, tt := range []struct {
		sheet string
		rows  map[string][]string
		note  string
	}{
		{"Save now", map[string][]string{
			"c8": {"Loyal", c8Entered, "no", "no"},
			"c2": {"(first purchase)", "yes", "yes", "yes"},
		}, "1 of these 2 customers have no email address or no consent to be emailed: marked “no” in column "},
		{"Win back", nil, ""},
	} {
		rows, err := f.GetRows(tt.sheet)
		if err != nil {
			t.Fatal(err)
		}
		hdr := rows[headerRow-1]
		if got := hdr[len(hdr)-len(want):]; !slices.Equal(got, want) {
			t.Errorf("%s: last headers %q, want %q", tt.sheet, got, want)
		}
		if !strings.Contains(rows[explainRow-1][0], tt.note) {
			t.Errorf("%s: explanation %q\nlacks %q", tt.sheet, rows[explainRow-1][0], tt.note)
		}
		seen := 0
		for _, r := range rows[headerRow:] {
			if len(r) < 2 {
				continue // the note of an empty list
			}
			w, ok := tt.rows[r[1]] // column B: customer id (A is the rank)
			if !ok {
				continue
			}
			seen++
			got := make([]string, len(want))
			for k := range want {
				if c := len(hdr) - len(want) + k; c < len(r) {
					got[k] = r[c]
				}
			}
			if !slices.Equal(got, w) {
				t.Errorf("%s, %s: %q, want %q", tt.sheet, r[1], got, w)
			}
		}
		if seen != len(tt.rows) {
			t.Errorf("%s: found %d of the %d customers", tt.sheet, seen, len(tt.rows))
		}
	}
}
