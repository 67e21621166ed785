package email

import (
	"html/template"
	"strings"
	"testing"

	"github.com/custseg/custseg/reports"
	"github.com/custseg/custseg/reports/reportstest"

	"github.com/custseg/custseg/analysis"
)

// TestManagementEmailVerdict: the management email gives, under the key
// numbers, one line with the verdict on the predictions and its first
// reason, in both languages and both bodies; none without a verdict.
func TestManagementEmailVerdict(t *testing.T) {
	tests := []struct {
		name, loc string
		setup     func(m *analysis.Models)
		want      string // "" for no line
	}{
		{"back-test en", "en", func(m *analysis.Models) { reportstest.FillBacktest(m, reportstest.AsOf) },
			"Purchase model predictions: Use with caution. BG/NBD predicted 1,650 repeat purchases for the last 13 weeks; there were 1,880: it under-predicts by 12.2%."},
		{"back-test zh", "zh-CN", func(m *analysis.Models) { reportstest.FillBacktest(m, reportstest.AsOf) },
			"购买模型预测：谨慎使用。BG/NBD 预测最近 13 周有 1,650 次复购，实际为 1,880 次：预测偏低 12.2%。"},
		{"skipped en", "en", func(m *analysis.Models) { reportstest.SkipBacktest(m, analysis.BacktestSkippedFew) },
			"Purchase model predictions: Use with caution. No back-test: only 40 customers bought more than once before the last 13 weeks, too few to check the models on. The predictions could not be checked against what customers did."},
		{"unreliable zh", "zh-CN", func(m *analysis.Models) {
			m.Verdict = analysis.Verdict{Level: analysis.VerdictNotUsable, Reasons: []analysis.VerdictReason{{Code: analysis.ReasonFewRepeatBuyers, Count: 12}}}
		}, "购买模型预测：不可靠。只有 12 位客户多次购买：数量太少，购买模型的预测难以信赖。"},
		{"no verdict", "en", func(m *analysis.Models) { m.Verdict = analysis.Verdict{} }, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := reportstest.HtmlTestFull(t, 1500, tt.loc, reportstest.HtmlFull{Models: true})
			tt.setup(&in.Result.Models)
			_, html, text, err := Management(in)
			if err != nil {
				t.Fatal(err)
			}
			prefix := map[string]string{"en": "Purchase model predictions:", "zh-CN": "购买模型预测："}[tt.loc]
			if tt.want == "" {
				if strings.Contains(text, prefix) || strings.Contains(html, prefix) {
					t.Errorf("a verdict line without a verdict")
				}
				return
			}
			if !strings.Contains(text, "\n\n"+tt.want+"\n") {
				t.Errorf("text lacks the line %q", tt.want)
			}
			if !strings.Contains(html, template.HTMLEscapeString(tt.want)+"</p>") {
				t.Errorf("html lacks the line %q", tt.want)
			}
			// Under the key numbers, before the moves between segments.
			if k, v := strings.Index(text, reports.Label("reports.KPIsHeading").In(tt.loc)), strings.Index(text, tt.want); !(k >= 0 && k < v) || v > strings.Index(text, reports.Label("email.movesHead").In(tt.loc)) {
				t.Errorf("the verdict line is not under the key numbers:\n%s", text)
			}
		})
	}
}
