package email

import (
	"regexp"
	"strings"
	"testing"

	"github.com/custseg/custseg/reports"
	"github.com/custseg/custseg/reports/reportstest"

	"github.com/custseg/custseg/analysis"
)

var (
	eventAttr = regexp.MustCompile(`(?i)<[^>]*\son[a-z]+\s*=`)
	tag       = regexp.MustCompile(`<[a-zA-Z/!][^>]*>`)
)

// checkHTML checks what every HTML email body must satisfy: no
// script, no style sheet or class (all CSS inline), nothing fetched from
// the network, at most 640 px wide, no number that is not one.
func checkHTML(t *testing.T, html, lang string) {
	t.Helper()
	if !strings.HasPrefix(html, "<!DOCTYPE html>") || !strings.Contains(html, `<html lang="`+lang+`">`) {
		t.Errorf("not an HTML document in %s: %.200s", lang, html)
	}
	low := strings.ToLower(html)
	for _, s := range []string{"<script", "<style", "<link", "<iframe", "<object", "<embed", "<form", "<img", "class=",
		"javascript:", "http://", "https://", "url(", "@import", "expression("} {
		if strings.Contains(low, s) {
			i := strings.Index(low, s)
			t.Errorf("email HTML contains %q: …%s…", s, html[max(i-80, 0):min(i+80, len(html))])
		}
	}
	if m := eventAttr.FindString(html); m != "" {
		t.Errorf("email HTML has an event handler: %s", m)
	}
	if !strings.Contains(html, "max-width:640px") {
		t.Error("email body is not limited to 640 px")
	}
	if !strings.Contains(html, `role="presentation"`) {
		t.Error("email body has no layout table")
	}
	checkClean(t, "HTML", html)
}

// checkClean checks a body for what must never show.
func checkClean(t *testing.T, what, body string) {
	t.Helper()
	for _, s := range []string{"NaN", "Infinity", "%!", "<no value>", "ZgotmplZ", "{{"} {
		if i := strings.Index(body, s); i >= 0 {
			t.Errorf("%s contains %q: …%s…", what, s, body[max(i-80, 0):min(i+80, len(body))])
		}
	}
}

func TestManagementEmail(t *testing.T) {
	tests := []struct {
		name, loc   string
		o           reportstest.HtmlFull
		subject     string // prefix; the amount follows
		subjectTail string
	}{
		{"first-en", "en", reportstest.HtmlFull{Models: true}, "Customer report, as of 2026-09-30: all-time net revenue ¥", ""},
		{"previous-en", "en", reportstest.HtmlFull{Previous: true, Models: true}, "Customer report, week to 2026-09-30: all-time net revenue ¥", " (+2.1%)"},
		{"previous-zh", "zh-CN", reportstest.HtmlFull{Previous: true}, "客户报告（截至 2026-09-30 的一周）：累计净收入 ¥", "（+2.1%）"},
		{"hostile-en", "en", reportstest.HtmlFull{Previous: true, Models: true, Hostile: true}, "Customer report, week to 2026-09-30: all-time net revenue ¥", " (+2.1%)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := reportstest.HtmlTestFull(t, 1500, tt.loc, tt.o)
			subject, html, text, err := Management(in)
			if err != nil {
				t.Fatal(err)
			}
			want := tt.subject + strings.TrimPrefix(reports.MoneyShort("¥", in.Result.KPIs.NetRevenue, tt.loc), "¥") + tt.subjectTail
			if subject != want {
				t.Errorf("subject %q, want %q", subject, want)
			}
			checkHTML(t, html, reports.Lang(tt.loc))
			checkClean(t, "text", text)
			if tag.MatchString(strings.ReplaceAll(text, reportstest.Hostile[0], "")) && !tt.o.Hostile {
				t.Errorf("text alternative has markup: %s", tag.FindString(text))
			}
			// The text alternative carries every KPI with its value and
			// change, the narrative and the actions; so does the HTML.
			for _, k := range reports.ReportKPIs(in, tt.loc) {
				line := "- " + k.Label + ": " + k.Value
				if k.Change != "" {
					line += " · " + k.Arrow + " " + k.Change
				}
				if !strings.Contains(text, line+"\n") {
					t.Errorf("text lacks KPI line %q", line)
				}
				if !strings.Contains(html, ">"+reportstest.EscapeText(k.Value)+"<") {
					t.Errorf("HTML lacks KPI value %q", k.Value)
				}
			}
			for _, s := range reports.ReportNarrative(in, tt.loc) {
				if !strings.Contains(text, s) {
					t.Errorf("text lacks sentence %q", s)
				}
				if !strings.Contains(html, reportstest.EscapeText(s)) {
					t.Errorf("HTML lacks sentence %q", s)
				}
			}
			actions := topActions(in, 3)
			if len(actions) != 3 {
				t.Errorf("%d actions, want 3", len(actions))
			}
			for _, a := range actions {
				if !strings.Contains(text, a.What) || !strings.Contains(html, reportstest.EscapeText(a.What)) {
					t.Errorf("email lacks action %q", a.What)
				}
			}
			m := in.Result.Migration
			if m.PreviousAsOf != "" {
				for _, s := range []string{reports.Label("email.movedUp").In(tt.loc) + " " + reports.Int(m.MovedUp), reports.Label("email.gone").In(tt.loc) + " " + reports.Int(m.Lost)} {
					if !strings.Contains(text, s) {
						t.Errorf("text lacks movement %q", s)
					}
				}
				if f := reports.TopFlows(in.Result, tt.loc, 1); len(f) == 0 || !strings.Contains(text, f[0].From+" → "+f[0].To) {
					t.Error("text lacks the largest move between segments")
				}
			} else if !strings.Contains(text, reports.Label("reports.MigFirstRun").In(tt.loc)) || !strings.Contains(html, reports.Label("reports.MigFirstRun").In(tt.loc)) {
				t.Error("first run: email does not say there is nothing to compare")
			}
			if tt.o.Hostile {
				if strings.Contains(html, "<script>alert") || strings.Contains(html, "<img src=x") {
					t.Error("HTML contains a hostile name unescaped")
				}
				if !strings.Contains(html, "&lt;script&gt;alert(1)&lt;/script&gt;") {
					t.Error("HTML lacks the escaped hostile segment name")
				}
				if !strings.Contains(text, "Seg <script>alert(1)</script>") {
					t.Error("text alternative escaped or lost a name")
				}
			}
			if tt.loc == "zh-CN" {
				for _, s := range []string{"关键指标", "变化与行动", "首要行动", "与上次运行相比的客户流动", "净收入"} {
					if !strings.Contains(html, s) || !strings.Contains(text, s) {
						t.Errorf("Chinese email lacks %q", s)
					}
				}
				if strings.Contains(text, "Net revenue") || strings.Contains(html, "Top actions") {
					t.Error("Chinese email has English labels")
				}
			}
		})
	}
}

func TestMarketingEmail(t *testing.T) {
	for _, loc := range []string{"en", "zh-CN"} {
		t.Run(loc, func(t *testing.T) {
			in := reportstest.HtmlTestFull(t, 1500, loc, reportstest.HtmlFull{Previous: true, Models: true, Hostile: true})
			in.SegmentSheets = []string{"loyal", "cant_lose"}
			subject, html, text, err := Marketing(in)
			if err != nil {
				t.Fatal(err)
			}
			checkHTML(t, html, reports.Lang(loc))
			checkClean(t, "text", text)
			res := in.Result
			buyers, segs := 0, 0
			for _, s := range res.Segments {
				if s.Customers > 0 {
					buyers, segs = buyers+s.Customers, segs+1
				}
			}
			want := map[string]string{
				"en":    "Customer segment lists, week to 2026-09-30: " + reports.Int(buyers) + " buyers in " + reports.Int(segs) + " segments",
				"zh-CN": "客户分群名单（截至 2026-09-30 的一周）：" + reports.Int(segs) + " 个客群共 " + reports.Int(buyers) + " 位购买客户",
			}[loc]
			if subject != want {
				t.Errorf("subject %q, want %q", subject, want)
			}
			// Every sheet of the workbook, by the workbook's own name.
			wb := workbookSheets(in)
			if len(wb.sheets) < 8 {
				t.Errorf("only %d sheets listed: %v", len(wb.sheets), wb.sheets)
			}
			for _, s := range wb.sheets {
				if !strings.Contains(text, "- "+s.Label+": ") || !strings.Contains(html, ">"+reportstest.EscapeText(s.Label)+"<") {
					t.Errorf("email lacks sheet %q", s.Label)
				}
			}
			for _, name := range []string{reports.Label("workbook.SheetCustomers").In(loc), reports.Label("reports.ListNameSaveNow").In(loc), reports.SegmentName(res.Segments[1].Rule, loc)} {
				if !strings.Contains(text, name) {
					t.Errorf("text lacks %q", name)
				}
			}
			// The segment sheets, and the segment counts.
			if len(wb.segments) != 2 {
				t.Errorf("segment sheets %v, want loyal and cant_lose", wb.segments)
			}
			for i, s := range res.Segments {
				if s.Customers == 0 {
					continue
				}
				line := "- " + reports.SegmentName(s.Rule, loc) + ": " + reports.Int(s.Customers) + " (" + reports.Pct(s.Share) + ")"
				if !strings.Contains(text, line) {
					t.Errorf("text lacks segment line %q", line)
				}
				if _, ok := wb.segments[i]; ok && !strings.Contains(text, reports.Label("email.mktSegSheetsIn").In(loc)) {
					t.Error("text lacks the segment sheets")
				}
			}
			if risk := reports.Int(len(res.SaveNow)); !strings.Contains(text, risk+" ") || !strings.Contains(html, risk+" ") {
				t.Errorf("email lacks the %s customers to save now", risk)
			}
			if strings.Contains(html, "<script>alert") || !strings.Contains(html, "&lt;script&gt;alert(1)&lt;/script&gt;") {
				t.Error("hostile segment name not escaped in HTML")
			}
		})
	}
}

func TestEmailsEmpty(t *testing.T) {
	for _, ds := range []*analysis.Dataset{{AsOf: reportstest.AsOf}, {AsOf: reportstest.AsOf, Customers: []analysis.Customer{{ID: "a"}}}} {
		for _, loc := range []string{"en", "zh-CN"} {
			in := reportstest.Input(t, ds, loc)
			for name, f := range map[string]func(*reports.Input) (string, string, string, error){"management": Management, "marketing": Marketing} {
				subject, html, text, err := f(in)
				if err != nil {
					t.Fatalf("%s %s: %v", name, loc, err)
				}
				if subject == "" {
					t.Errorf("%s %s: no subject", name, loc)
				}
				checkHTML(t, html, reports.Lang(loc))
				checkClean(t, name+" text", text)
				if !strings.Contains(text, reports.Label("reports.NoBuyers").In(loc)) && !strings.Contains(text, reports.Label("reports.NarrNoBuyers").In(loc)) {
					t.Errorf("%s %s: text does not say there are no purchases", name, loc)
				}
			}
		}
	}
	for name, f := range map[string]func(*reports.Input) (string, string, string, error){"management": Management, "marketing": Marketing} {
		if _, _, _, err := f(&reports.Input{}); err == nil {
			t.Errorf("%s email without a result: no error", name)
		}
	}
}

func TestEmailPeriod(t *testing.T) {
	tests := []struct{ prev, want string }{
		{"", "as of 2026-09-30"},
		{"2026-09-29", "day to 2026-09-30"},
		{"2026-09-23", "week to 2026-09-30"},
		{"2026-09-16", "two weeks to 2026-09-30"},
		{"2026-08-31", "month to 2026-09-30"},
		{"2026-07-01", "quarter to 2026-09-30"},
		{"2026-09-10", "as of 2026-09-30"},
		{"not a date", "as of 2026-09-30"},
	}
	for _, tt := range tests {
		in := reportstest.Input(t, reportstest.Shop(), "en")
		in.Result.Migration.PreviousAsOf = tt.prev
		if got := period(in); got != tt.want {
			t.Errorf("previous %q: %q, want %q", tt.prev, got, tt.want)
		}
	}
	in := reportstest.Input(t, reportstest.Shop(), "zh-CN")
	in.Result.Migration.PreviousAsOf = "2026-08-31"
	if got := period(in); got != "截至 2026-09-30 的一个月" {
		t.Errorf("zh-CN month: %q", got)
	}
}
