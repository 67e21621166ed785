package reports

import (
	"strings"
	"testing"

	"github.com/custseg/custseg/analysis"
)

// TestManagementEmailSaveNow: the management email shows the first five
// customers of the Save now list by id (names only when allowed), with the
// reason each is on it, how many the list holds and where the whole list
// is; an empty list says so and shows no table.
func TestManagementEmailSaveNow(t *testing.T) {
	for _, loc := range []string{"en", "zh-CN"} {
		in := htmlTestFull(t, 1500, loc, htmlFull{Previous: true, Models: true})
		res := in.Result
		if len(res.SaveNow) < 6 {
			t.Fatalf("%s: fixture has %d customers to save, want more than 5", loc, len(res.SaveNow))
		}
		in.RunFolder = "https://reports.example.com/weekly/2026-09-30/"
		_, html, text, err := ManagementEmail(in)
		if err != nil {
			t.Fatal(err)
		}
		for k, e := range res.SaveNow {
			c := in.Dataset.Customers[e.Index]
			shown := strings.Contains(text, "- "+c.ID+" · ")
			if shown != (k < emailSaveNowRows) {
				t.Errorf("%s: customer %d of the list (%s) shown: %v", loc, k+1, c.ID, shown)
			}
			if k < emailSaveNowRows {
				if c.Name != "" && strings.Contains(text, c.Name) {
					t.Errorf("%s: the email names customer %s without names allowed", loc, c.ID)
				}
				if r := listReason(in.Dataset, res, e, loc); r == "" || !strings.Contains(text, r) {
					t.Errorf("%s: customer %s lacks its reason %q", loc, c.ID, r)
				}
			}
		}
		more := htmlFormat(emailSaveNowMore, loc, htmlInt(emailSaveNowRows), htmlInt(len(res.SaveNow)), listNameSaveNow.In(loc),
			htmlFormat(emailSaveNowAt, loc, in.RunFolder))
		if !strings.Contains(text, more) || !strings.Contains(html, htmlEscapeText(more)) {
			t.Errorf("%s: email lacks %q", loc, more)
		}

		res.SaveNow = nil
		_, _, text, err = ManagementEmail(in)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(text, htmlSaveNowNone.In(loc)) {
			t.Errorf("%s: an empty Save now list does not say so", loc)
		}
	}
}

// TestListReasons: every reason reads the customer's own numbers.
func TestListReasons(t *testing.T) {
	ds := &analysis.Dataset{WindowDays: 90, Customers: []analysis.Customer{{ID: "a", RecentOrders: 1, PreviousOrders: 4}, {ID: "b"}}}
	res := &analysis.Result{Scores: []analysis.Score{{Recency: 75, RhythmDays: 30, PAlive: 0.31}, {Recency: 200}}}
	tests := []struct {
		e    analysis.ListEntry
		want string
	}{
		{analysis.ListEntry{Index: 0, Reason: analysis.ReasonLapsing}, "Lapsing: 75 days since the last order, usually every 30 days"},
		{analysis.ListEntry{Index: 0, Reason: analysis.ReasonDeclining}, "Buying less: orders fell from 4 to 1 (the last 90 days against the 90 days before)"},
		{analysis.ListEntry{Index: 0, Reason: analysis.ReasonUnlikelyAlive}, "Purchase model: only 31.0% likely to still be a customer"},
		{analysis.ListEntry{Index: 1, Reason: analysis.ReasonChurned}, "Churned: 200 days since their only order"},
	}
	for _, tt := range tests {
		if got := listReason(ds, res, tt.e, "en"); got != tt.want {
			t.Errorf("%v: %q, want %q", tt.e.Reason, got, tt.want)
		}
		if zh := listReason(ds, res, tt.e, "zh-CN"); zh == "" || strings.Contains(zh, "%!") {
			t.Errorf("%v in zh-CN: %q", tt.e.Reason, zh)
		}
	}
}

// TestPeriodLeads: with this period's figures, the headline numbers, the
// narrative and the management email's subject lead with the period and
// its change against the period before; all-time figures say so.
func TestPeriodLeads(t *testing.T) {
	for _, loc := range []string{"en", "zh-CN"} {
		in := htmlTestFull(t, 1500, loc, htmlFull{Previous: true, Models: true})
		in.Result.KPIs.Period = &analysis.PeriodKPIs{
			PeriodFigures: analysis.PeriodFigures{From: "2026-09-24", To: "2026-09-30", Revenue: 31200, Orders: 120, Buyers: 100, NewBuyers: 12},
			Days:          7,
			Previous:      &analysis.PeriodFigures{From: "2026-09-17", To: "2026-09-23", Revenue: 30000, Orders: 110, Buyers: 95, NewBuyers: 10},
		}
		kpis := reportKPIs(in, loc)
		if kpis[0].Label != kpiNamePeriodRevenue.In(loc) || kpis[0].Change == "" || kpis[0].Tone != "good" {
			t.Errorf("%s: first headline number %+v, want this period's net revenue, up", loc, kpis[0])
		}
		want := map[string]bool{kpiNamePeriodOrders.In(loc): true, kpiNamePeriodBuyers.In(loc): true, kpiNamePeriodNew.In(loc): true}
		for _, k := range kpis[1:4] {
			delete(want, k.Label)
		}
		if len(want) > 0 {
			t.Errorf("%s: the first four headline numbers lack %v", loc, want)
		}
		narrative := reportNarrative(in, loc)
		if !strings.Contains(narrative[0], "2026-09-24") || !strings.Contains(narrative[0], htmlRelChange(0.04)) {
			t.Errorf("%s: narrative starts %q", loc, narrative[0])
		}
		subject, _, _, err := ManagementEmail(in)
		if err != nil {
			t.Fatal(err)
		}
		if want := htmlFormat(emailSubjectPeriod, loc, emailPeriod(in), htmlMoneyShort(in.Currency, 31200, loc),
			htmlFormat(emailSubjectPeriodChange, loc, htmlRelChange(0.04))); subject != want {
			t.Errorf("%s: subject %q, want %q", loc, subject, want)
		}
	}
}
