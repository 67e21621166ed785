package email

import (
	"strings"
	"testing"

	"github.com/custseg/custseg/reports"
	"github.com/custseg/custseg/reports/reportstest"

	"github.com/custseg/custseg/analysis"
)

// TestManagementEmailSaveNow: the management email shows the first five
// customers of the Save now list by id (names only when allowed), with the
// reason each is on it, how many the list holds and where the whole list
// is; an empty list says so and shows no table.
func TestManagementEmailSaveNow(t *testing.T) {
	for _, loc := range []string{"en", "zh-CN"} {
		in := reportstest.HtmlTestFull(t, 1500, loc, reportstest.HtmlFull{Previous: true, Models: true})
		res := in.Result
		if len(res.SaveNow) < 6 {
			t.Fatalf("%s: fixture has %d customers to save, want more than 5", loc, len(res.SaveNow))
		}
		in.RunFolder = "https://reports.example.com/weekly/2026-09-30/"
		_, html, text, err := Management(in)
		if err != nil {
			t.Fatal(err)
		}
		for k, e := range res.SaveNow {
			c := in.Dataset.Customers[e.Index]
			shown := strings.Contains(text, "- "+c.ID+" · ")
			if shown != (k < saveNowRows) {
				t.Errorf("%s: customer %d of the list (%s) shown: %v", loc, k+1, c.ID, shown)
			}
			if k < saveNowRows {
				if c.Name != "" && strings.Contains(text, c.Name) {
					t.Errorf("%s: the email names customer %s without names allowed", loc, c.ID)
				}
				if r := reports.ListReason(in.Dataset, res, e, loc); r == "" || !strings.Contains(text, r) {
					t.Errorf("%s: customer %s lacks its reason %q", loc, c.ID, r)
				}
			}
		}
		more := reports.Format("email.saveNowMore", loc, reports.Int(saveNowRows), reports.Int(len(res.SaveNow)), reports.Label("reports.ListNameSaveNow").In(loc),
			reports.Format("email.saveNowAt", loc, in.RunFolder))
		if !strings.Contains(text, more) || !strings.Contains(html, reportstest.EscapeText(more)) {
			t.Errorf("%s: email lacks %q", loc, more)
		}

		res.SaveNow = nil
		_, _, text, err = Management(in)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(text, reports.Label("reports.SaveNowNone").In(loc)) {
			t.Errorf("%s: an empty Save now list does not say so", loc)
		}
	}
}

// TestPeriodLeads: with this period's figures, the headline numbers, the
// narrative and the management email's subject lead with the period and
// its change against the period before; all-time figures say so.
func TestPeriodLeads(t *testing.T) {
	for _, loc := range []string{"en", "zh-CN"} {
		in := reportstest.HtmlTestFull(t, 1500, loc, reportstest.HtmlFull{Previous: true, Models: true})
		in.Result.KPIs.Period = &analysis.PeriodKPIs{
			PeriodFigures: analysis.PeriodFigures{From: "2026-09-24", To: "2026-09-30", Revenue: 31200, Orders: 120, Buyers: 100, NewBuyers: 12},
			Days:          7,
			Previous:      &analysis.PeriodFigures{From: "2026-09-17", To: "2026-09-23", Revenue: 30000, Orders: 110, Buyers: 95, NewBuyers: 10},
		}
		kpis := reports.ReportKPIs(in, loc)
		if kpis[0].Label != reports.Label("reports.KpiNamePeriodRevenue").In(loc) || kpis[0].Change == "" || kpis[0].Tone != "good" {
			t.Errorf("%s: first headline number %+v, want this period's net revenue, up", loc, kpis[0])
		}
		want := map[string]bool{reports.Label("reports.KpiNamePeriodOrders").In(loc): true, reports.Label("reports.KpiNamePeriodBuyers").In(loc): true, reports.Label("reports.KpiNamePeriodNew").In(loc): true}
		for _, k := range kpis[1:4] {
			delete(want, k.Label)
		}
		if len(want) > 0 {
			t.Errorf("%s: the first four headline numbers lack %v", loc, want)
		}
		narrative := reports.ReportNarrative(in, loc)
		if !strings.Contains(narrative[0], "2026-09-24") || !strings.Contains(narrative[0], reports.RelChange(0.04)) {
			t.Errorf("%s: narrative starts %q", loc, narrative[0])
		}
		subject, _, _, err := Management(in)
		if err != nil {
			t.Fatal(err)
		}
		if want := reports.Format("email.subjectPeriod", loc, period(in), reports.MoneyShort(in.Currency, 31200, loc),
			reports.Format("email.subjectPeriodChange", loc, reports.RelChange(0.04))); subject != want {
			t.Errorf("%s: subject %q, want %q", loc, subject, want)
		}
	}
}

// TestEmailsPointToWhatTheyCarry: the management email does not send the
// reader to lists the HTML report does not hold; the marketing email of a
// run whose customer list is a CSV file points to that file, never to a
// Customers sheet the workbook does not have.
func TestEmailsPointToWhatTheyCarry(t *testing.T) {
	for _, loc := range []string{"en", "zh-CN"} {
		t.Run(loc, func(t *testing.T) {
			in := reportstest.HtmlTestFull(t, 800, loc, reportstest.HtmlFull{Models: true})
			_, html, text, err := Management(in)
			if err != nil {
				t.Fatal(err)
			}
			for _, bad := range []string{"full lists", "完整名单见本次运行的 HTML 报告", "listed below", "见下方名单"} {
				if strings.Contains(text, bad) || strings.Contains(html, bad) {
					t.Errorf("management email says %q", bad)
				}
			}
			in.CustomerList = "csv.gz"
			in.RunFolder = "https://intranet.example/reports/weekly/2026-09-30/"
			_, html, text, err = Marketing(in)
			if err != nil {
				t.Fatal(err)
			}
			for _, body := range []string{text, html} {
				if strings.Contains(body, "“”") {
					t.Errorf("marketing email names a sheet without a name")
				}
				if !strings.Contains(body, "customers-") || !strings.Contains(body, in.RunFolder) {
					t.Errorf("marketing email does not point to the CSV customer list in the run folder")
				}
			}
		})
	}
}

// TestNotAttachedNote: the note on linked files is in the email's
// language, with each link on a line of its own.
func TestNotAttachedNote(t *testing.T) {
	files := []NotAttached{{Name: "customer-segments-2026-09-30.xlsx", SentMB: 13.02, LimitMB: 10, Where: "https://x.example/a&b"}}
	tests := []struct{ loc, text, html string }{
		{"en", "Not attached, too large:\ncustomer-segments-2026-09-30.xlsx (13.0 MB as an attachment; the message would be over the 10 MB limit):\nhttps://x.example/a&b\n",
			"<br>https://x.example/a&amp;b</p>"},
		{"zh-CN", "未作为附件发送（文件过大）：\ncustomer-segments-2026-09-30.xlsx（作为附件为 13.0 MB，邮件将超过 10 MB 的上限）：\nhttps://x.example/a&b\n", "未作为附件发送"},
	}
	for _, tt := range tests {
		text, html := NotAttachedNote(tt.loc, files)
		if text != tt.text || !strings.Contains(html, tt.html) {
			t.Errorf("%s: %q / %q", tt.loc, text, html)
		}
	}
	if text, html := NotAttachedNote("en", nil); text != "" || html != "" {
		t.Errorf("no files: %q %q", text, html)
	}
}
