package html

import (
	"html/template"
	"strconv"
	"strings"
	"testing"

	"github.com/custseg/custseg/reports"
	"github.com/custseg/custseg/reports/reportstest"

	"github.com/custseg/custseg/analysis"
	"github.com/custseg/custseg/analysis/btyd"
)

// markChurnedAlive marks the first n churned buyers of res as likely active
// to the purchase model (P(alive) 0.7) and returns how many churned buyers
// have a P(alive) of at least ½ afterwards.
func markChurnedAlive(res *analysis.Result, n int) int {
	count := 0
	for i := range res.Scores {
		s := &res.Scores[i]
		if s.Status != analysis.StatusChurned {
			continue
		}
		if n > 0 {
			s.PAlive = 0.7
			n--
		}
		if s.PAlive >= 0.5 {
			count++
		}
	}
	return count
}

// TestWriteHTMLBacktest renders the report with a back-test, with one
// skipped for each reason and with no purchase model converged, in both
// languages: the tracking and calibration charts are there exactly when
// there is a back-test, the verdict card gives the level, its reasons, why
// there is no back-test and the chosen model in plain words, and a
// sentence under the P(alive) chart explains the buyers the rhythm rule
// calls Churned whom the model thinks likely active.
func TestWriteHTMLBacktest(t *testing.T) {
	type texts struct{ en, zh string }
	tests := []struct {
		name   string
		models bool // usable models
		setup  func(m *analysis.Models)
		charts bool // tracking and calibration charts
		want   []texts
		absent []texts
	}{
		{
			name: "back-test", models: true, charts: true,
			setup: func(m *analysis.Models) { reportstest.FillBacktest(m, reportstest.AsOf) },
			want: []texts{
				{"How far to trust the predictions", "预测的可信度"},
				{"Verdict on the predictions: Use with caution", "预测结论：谨慎使用"},
				{"BG/NBD predicted 1,650 repeat purchases for the last 13 weeks; there were 1,880: it under-predicts by 12.2%.",
					"BG/NBD 预测最近 13 周有 1,650 次复购，实际为 1,880 次：预测偏低 12.2%。"},
				{"Per customer, the model's error (0.84) is lower than simply repeating each customer's past rate (1.02).",
					"按客户计，模型的误差（0.84）低于简单沿用每位客户过去购买速度的误差（1.02）。"},
				{"Spend per purchase rises with purchase frequency (correlation 0.34): the spend model assumes they are unrelated, so lifetime values are rough.",
					"单次消费金额随购买频次上升（相关系数 0.34）：消费模型假设两者无关，因此终身价值只是粗略估计。"},
				{"The chosen purchase model is BG/NBD: its error per customer in the back-test was the lowest (0.84).",
					"选用的购买模型为 BG/NBD：它在回测中的单客户误差最低（0.84）。"},
				{"Back-test: repeat purchases over the holdout", "回测：留出期内的累计复购"},
				{"Back-test: repeat purchases by past frequency", "回测：按过去购买频次的复购"},
				{`"name":"Weeks since 2026-07-01"`, `"name":"2026-07-01 之后的周数"`},
				{`"name":"BG/NBD (chosen)"`, `"name":"BG/NBD（选用）"`},
				{`"name":"MBG/NBD"`, `"name":"MBG/NBD"`},
				{`"name":"Actual"`, `"name":"实际"`},
				{"The purchase model (BG/NBD) estimates", "购买模型（BG/NBD）根据"},
				{`<div class="verdict warn" id="model-verdict">`, `<div class="verdict warn" id="model-verdict">`},
				{">7&#43;<", ">7&#43;<"},
			},
			// Pareto/NBD ran to a boundary: no line of its own.
			absent: []texts{{`"name":"Pareto/NBD"`, `"name":"Pareto/NBD"`}, {"No back-test", "未做回测"}},
		},
		{
			name: "short history", models: true,
			setup: func(m *analysis.Models) { reportstest.SkipBacktest(m, analysis.BacktestSkippedHistory) },
			want: []texts{
				{"Verdict on the predictions: Use with caution", "预测结论：谨慎使用"},
				{"No back-test: the data holds less history than a back-test over the last 13 weeks needs. The predictions could not be checked against what customers did.",
					"未做回测：数据的历史不够长，无法对最近 13 周做回测。因此无法用客户的实际购买检验预测。"},
				{"The chosen purchase model is BG/NBD: without a back-test, it fits the whole history best (lowest BIC, 19,193).",
					"选用的购买模型为 BG/NBD：没有回测时，它对全部历史数据的拟合最好（BIC 最低，19,193）。"},
			},
			absent: []texts{{"Back-test: repeat purchases", "回测：留出期"}},
		},
		{
			name: "few repeat buyers", models: true,
			setup: func(m *analysis.Models) { reportstest.SkipBacktest(m, analysis.BacktestSkippedFew) },
			want: []texts{{"No back-test: only 40 customers bought more than once before the last 13 weeks, too few to check the models on.",
				"未做回测：最近 13 周之前只有 40 位客户多次购买，太少，无法检验模型。"}},
		},
		{
			name: "turned off", models: true,
			setup: func(m *analysis.Models) { reportstest.SkipBacktest(m, analysis.BacktestSkippedOff) },
			want: []texts{{"No back-test: it is turned off (analysis.models.holdout_units is 0).",
				"未做回测：回测已关闭（analysis.models.holdout_units 为 0）。"}},
		},
		{
			name: "skipped, said apart from the reasons", models: true,
			setup: func(m *analysis.Models) {
				reportstest.SkipBacktest(m, analysis.BacktestSkippedHistory)
				m.Verdict.Reasons = []analysis.VerdictReason{{Code: analysis.ReasonSpendRelated, Share: -0.41}}
			},
			want: []texts{
				{"<p>No back-test: the data holds less history than a back-test over the last 13 weeks needs.</p>",
					"<p>未做回测：数据的历史不够长，无法对最近 13 周做回测。</p>"},
				{"Spend per purchase falls with purchase frequency (correlation −0.41)", "单次消费金额随购买频次下降（相关系数 −0.41）"},
			},
		},
		{
			name: "no purchase model converged", models: false,
			setup: func(m *analysis.Models) {
				reportstest.SkipBacktest(m, analysis.BacktestSkippedFew)
				m.Purchase[0].Error = "analysis: BG/NBD fit on 40 customers: " + btyd.ErrNotConverged.Error()
				m.Chosen, m.ChoiceReason = "", analysis.ChoiceNone
				m.Verdict = analysis.Verdict{Level: analysis.VerdictNotUsable, Reasons: []analysis.VerdictReason{
					{Code: analysis.ReasonNotConverged, Model: btyd.ModelBGNBD},
					{Code: analysis.ReasonFewRepeatBuyers, Count: 40},
					{Code: analysis.ReasonSpendFailed},
				}}
				m.GGError = btyd.ErrTooLittleData.Error()
			},
			want: []texts{
				{`<div class="verdict bad" id="model-verdict">`, `<div class="verdict bad" id="model-verdict">`},
				{"Verdict on the predictions: Unreliable", "预测结论：不可靠"},
				{"The purchase model (BG/NBD) did not converge (its parameters ran off to a boundary or did not settle), so there are no predictions: the customer pyramid ranks buyers by the value they brought so far instead of lifetime value.",
					"购买模型（BG/NBD）未收敛（参数估计跑到边界或未能稳定），因此没有预测：客户价值金字塔改按迄今贡献的价值而非终身价值排序。"},
				{"Only 40 customers bought more than once: too few to trust a purchase model's predictions.",
					"只有 40 位客户多次购买：数量太少，购买模型的预测难以信赖。"},
				{"The spend model (Gamma-Gamma) could not be used (too few customers, or too few distinct ones, for it), so there is no lifetime value.",
					"消费模型（Gamma-Gamma）无法使用（客户或不同的客户太少），因此没有终身价值。"},
				{"No purchase model converged, so there are no predictions.", "没有购买模型收敛，因此没有预测。"},
				// No reason says why there is no back-test: a line does.
				{"<p>No back-test: only 40 customers bought more than once before the last 13 weeks, too few to check the models on.</p>",
					"<p>未做回测：最近 13 周之前只有 40 位客户多次购买，太少，无法检验模型。</p>"},
			},
			absent: []texts{{"by their own rhythm yet", "按自身购买节奏判定为"}},
		},
		{
			name: "no verdict", models: true,
			setup:  func(m *analysis.Models) { m.Verdict = analysis.Verdict{} },
			absent: []texts{{"How far to trust the predictions", "预测的可信度"}, {`class="verdict`, `class="verdict`}},
		},
	}
	for _, tt := range tests {
		for _, loc := range []string{"en", "zh-CN"} {
			t.Run(tt.name+"/"+loc, func(t *testing.T) {
				in := reportstest.HtmlTestFull(t, 1500, loc, reportstest.HtmlFull{Models: tt.models})
				res := in.Result
				tt.setup(&res.Models)
				alive := 0
				if tt.models {
					alive = markChurnedAlive(res, 3)
				}
				page := render(t, in)
				checkPage(t, in, page)
				pick := func(x texts) string {
					if loc == "zh-CN" {
						return x.zh
					}
					return x.en
				}
				esc := func(s string) string {
					if strings.HasPrefix(s, "<") || strings.HasPrefix(s, `"`) || strings.HasPrefix(s, ">") {
						return s // markup or chart JSON, as it is
					}
					return template.HTMLEscapeString(s)
				}
				for _, w := range tt.want {
					if s := esc(pick(w)); !strings.Contains(page, s) {
						t.Errorf("page lacks %q", s)
					}
				}
				for _, w := range tt.absent {
					if s := esc(pick(w)); strings.Contains(withoutECharts(t, page), s) {
						t.Errorf("page has %q", s)
					}
				}
				for _, id := range []string{chartTracking, chartCalibration} {
					if got := strings.Contains(page, `id="`+id+`"`); got != tt.charts {
						t.Errorf("chart %s on the page: %v, want %v", id, got, tt.charts)
					}
				}
				if tt.models {
					if alive < 3 {
						t.Fatalf("the fixture has %d churned buyers", alive)
					}
					want := map[string]string{
						"en":    strconv.Itoa(alive) + " buyers are Churned by their own rhythm yet the purchase model gives them at least a 50% chance of still being active: the rhythm rule judges each customer's silence against their own past gaps, the model against the whole shop's buying patterns.",
						"zh-CN": strconv.Itoa(alive) + " 位购买客户按自身购买节奏判定为“已流失”，但购买模型认为他们仍活跃的概率至少为 50%：节奏规则用客户自己过去的购买间隔衡量其沉默，模型则参照全店的购买规律。",
					}[loc]
					if !strings.Contains(page, `<p class="footnote">`+template.HTMLEscapeString(want)+`</p>`) {
						t.Errorf("page lacks the churned-but-likely-active footnote %q", want)
					}
				}
				if loc == "zh-CN" {
					for _, s := range []string{"Verdict", "repeat purchases", "No back-test", "The chosen purchase model"} {
						if strings.Contains(withoutECharts(t, page), s) {
							t.Errorf("Chinese page has English %q", s)
						}
					}
				}
			})
		}
	}
}

// TestDescribeVerdictReasons words every reason code in both languages,
// with no verb left unfilled and no code shown as it is.
func TestDescribeVerdictReasons(t *testing.T) {
	m := analysis.Models{TimeUnitDays: 7, GGError: btyd.ErrTooLittleData.Error(), Backtest: analysis.Backtest{HoldoutUnits: 13, Skipped: analysis.BacktestSkippedFew}}
	reasons := []analysis.VerdictReason{
		{Code: analysis.ReasonTracking, Model: btyd.ModelMBGNBD, Predicted: 120, Actual: 100, Units: 13, Share: 0.2},
		{Code: analysis.ReasonTracking, Predicted: 100, Actual: 100},
		{Code: analysis.ReasonTracking, Model: btyd.ModelParetoNBD, Predicted: 5, Actual: 0},
		{Code: analysis.ReasonNaiveBetter, MAE: 1.1, NaiveMAE: 1.02},
		{Code: analysis.ReasonNaiveWorse, MAE: 0.5, NaiveMAE: 1.02},
		{Code: analysis.ReasonNoHoldout},
		{Code: analysis.ReasonNotConverged, Model: btyd.ModelParetoNBD},
		{Code: analysis.ReasonNotConverged},
		{Code: analysis.ReasonFewRepeatBuyers, Count: 12},
		{Code: analysis.ReasonSpendRelated, Share: 0.5},
		{Code: analysis.ReasonSpendFailed},
	}
	want := []texts2{
		{"MBG/NBD predicted 120 repeat purchases for the last 13 weeks; there were 100: it over-predicts by 20.0%.", "MBG/NBD 预测最近 13 周有 120 次复购，实际为 100 次：预测偏高 20.0%。"},
		{"The model predicted 100 repeat purchases for the last 13 weeks; there were 100: the prediction matches.", "预测最近 13 周有 100 次复购，实际为 100 次：预测与实际相符。"},
		{"Pareto/NBD predicted 5 repeat purchases for the last 13 weeks; there were none.", "Pareto/NBD 预测最近 13 周有 5 次复购，实际没有复购。"},
		{"Per customer, the model's error (1.10) is no lower than simply repeating each customer's past rate (1.02): for single customers its predictions add little.", "按客户计，模型的误差（1.10）并不低于简单沿用每位客户过去购买速度的误差（1.02）：对单个客户的预测帮助有限。"},
		{"Per customer, the model's error (0.50) is lower than simply repeating each customer's past rate (1.02).", "按客户计，模型的误差（0.50）低于简单沿用每位客户过去购买速度的误差（1.02）。"},
		{"No back-test: only 0 customers bought more than once before the last 13 weeks, too few to check the models on. The predictions could not be checked against what customers did.", "未做回测：最近 13 周之前只有 0 位客户多次购买，太少，无法检验模型。因此无法用客户的实际购买检验预测。"},
		{"The purchase model (Pareto/NBD) did not converge (the fit did not succeed), so there are no predictions: the customer pyramid ranks buyers by the value they brought so far instead of lifetime value.", "购买模型（Pareto/NBD）未收敛（拟合未成功），因此没有预测：客户价值金字塔改按迄今贡献的价值而非终身价值排序。"},
		{"No purchase model converged (the fit did not succeed), so there are no predictions: the customer pyramid ranks buyers by the value they brought so far instead of lifetime value.", "没有购买模型收敛（拟合未成功），因此没有预测：客户价值金字塔改按迄今贡献的价值而非终身价值排序。"},
		{"Only 12 customers bought more than once: too few to trust a purchase model's predictions.", "只有 12 位客户多次购买：数量太少，购买模型的预测难以信赖。"},
		{"Spend per purchase rises with purchase frequency (correlation 0.50): the spend model assumes they are unrelated, so lifetime values are rough.", "单次消费金额随购买频次上升（相关系数 0.50）：消费模型假设两者无关，因此终身价值只是粗略估计。"},
		{"The spend model (Gamma-Gamma) could not be used (too few customers, or too few distinct ones, for it), so there is no lifetime value.", "消费模型（Gamma-Gamma）无法使用（客户或不同的客户太少），因此没有终身价值。"},
	}
	for _, level := range reports.VerdictLevels {
		m.Verdict = analysis.Verdict{Level: level, Reasons: reasons}
		for _, loc := range []string{"en", "zh-CN"} {
			v := reports.DescribeVerdict(m, analysis.DefaultParams().Models, loc)
			if v.Level != reports.VerdictLabels[level].In(loc) || v.Meaning == "" {
				t.Errorf("%s %s: level %q, meaning %q", level, loc, v.Level, v.Meaning)
			}
			if v.Skipped != "" {
				t.Errorf("%s: the skip is said twice: %q", loc, v.Skipped)
			}
			if len(v.Reasons) != len(want) {
				t.Fatalf("%s: %d reasons, want %d", loc, len(v.Reasons), len(want))
			}
			for i, r := range v.Reasons {
				if w := want[i].in(loc); r != w {
					t.Errorf("%s reason %s:\n got  %q\n want %q", loc, reasons[i].Code, r, w)
				}
			}
			if v.First() != v.Reasons[0] {
				t.Errorf("First() = %q", v.First())
			}
		}
	}
}

// texts2 is a text in English and Chinese.
type texts2 struct{ en, zh string }

func (x texts2) in(loc string) string {
	if loc == "zh-CN" {
		return x.zh
	}
	return x.en
}

// TestChoiceSentence words each reason for the choice of the purchase
// model.
func TestChoiceSentence(t *testing.T) {
	m := analysis.Models{}
	reportstest.FillBacktest(&m, reportstest.AsOf)
	tests := []struct {
		chosen, reason string
		want           texts2
	}{
		{btyd.ModelMBGNBD, analysis.ChoiceConfigured, texts2{"The chosen purchase model is MBG/NBD, as named in the configuration (analysis.models.purchase_model).", "选用的购买模型为 MBG/NBD：由配置（analysis.models.purchase_model）指定。"}},
		{btyd.ModelMBGNBD, analysis.ChoiceHoldout, texts2{"The chosen purchase model is MBG/NBD: its error per customer in the back-test was the lowest (0.86).", "选用的购买模型为 MBG/NBD：它在回测中的单客户误差最低（0.86）。"}},
		{btyd.ModelBGNBD, analysis.ChoiceBIC, texts2{"The chosen purchase model is BG/NBD: without a back-test, it fits the whole history best (lowest BIC, 19,193).", "选用的购买模型为 BG/NBD：没有回测时，它对全部历史数据的拟合最好（BIC 最低，19,193）。"}},
		{btyd.ModelParetoNBD, analysis.ChoiceOnly, texts2{"The chosen purchase model is Pareto/NBD, the only one that converged.", "选用的购买模型为 Pareto/NBD：唯一收敛的购买模型。"}},
		{"", analysis.ChoiceNone, texts2{"No purchase model converged, so there are no predictions.", "没有购买模型收敛，因此没有预测。"}},
		{btyd.ModelBGNBD, "", texts2{"The chosen purchase model is BG/NBD.", "选用的购买模型为 BG/NBD。"}},
		{"", "", texts2{"", ""}},
	}
	for _, tt := range tests {
		m.Chosen, m.ChoiceReason = tt.chosen, tt.reason
		for _, loc := range []string{"en", "zh-CN"} {
			if got := reports.ChoiceSentence(m, loc); got != tt.want.in(loc) {
				t.Errorf("%s/%s %s:\n got  %q\n want %q", tt.chosen, tt.reason, loc, got, tt.want.in(loc))
			}
		}
	}
}

// TestBacktestSkipped words every reason for a missing back-test, and a
// chosen model whose calibration fit failed, in both languages.
func TestBacktestSkipped(t *testing.T) {
	tests := []struct {
		skipped string
		units   float64
		want    texts2
	}{
		{analysis.BacktestSkippedOff, 0, texts2{"No back-test: it is turned off (analysis.models.holdout_units is 0).", "未做回测：回测已关闭（analysis.models.holdout_units 为 0）。"}},
		{analysis.BacktestSkippedOff, 13, texts2{"No back-test: the purchases of the last 13 weeks were not read separately in this run.", "未做回测：本次运行没有单独读取最近 13 周的购买。"}},
		{analysis.BacktestSkippedHistory, 13, texts2{"No back-test: the data holds less history than a back-test over the last 13 weeks needs.", "未做回测：数据的历史不够长，无法对最近 13 周做回测。"}},
		{analysis.BacktestSkippedFew, 1, texts2{"No back-test: only 7 customers bought more than once before the last week, too few to check the models on.", "未做回测：最近 1 周之前只有 7 位客户多次购买，太少，无法检验模型。"}},
		{"mystery", 13, texts2{"No back-test (mystery).", "未做回测（mystery）。"}},
	}
	for _, tt := range tests {
		m := analysis.Models{TimeUnitDays: 7, Backtest: analysis.Backtest{Skipped: tt.skipped, HoldoutUnits: tt.units, RepeatBuyers: 7},
			Verdict: analysis.Verdict{Level: analysis.VerdictCaution}}
		for _, loc := range []string{"en", "zh-CN"} {
			v := reports.DescribeVerdict(m, analysis.ModelParams{}, loc)
			if v.Skipped != tt.want.in(loc) || v.First() != v.Skipped {
				t.Errorf("%s %s:\n got  %q\n want %q", tt.skipped, loc, v.Skipped, tt.want.in(loc))
			}
		}
	}
	// Days as the time unit.
	m := analysis.Models{TimeUnitDays: 1, Backtest: analysis.Backtest{Skipped: analysis.BacktestSkippedHistory, HoldoutUnits: 90}}
	if got := reports.BacktestSkipped(m, analysis.ModelParams{}, "en"); got != "No back-test: the data holds less history than a back-test over the last 90 days needs." {
		t.Errorf("days: %q", got)
	}
	// A back-test ran, but the chosen model could not be fitted on the
	// calibration period.
	m = analysis.Models{TimeUnitDays: 7, Chosen: btyd.ModelMBGNBD, Backtest: analysis.Backtest{HoldoutUnits: 13},
		Verdict: analysis.Verdict{Level: analysis.VerdictCaution, Reasons: []analysis.VerdictReason{{Code: analysis.ReasonNoHoldout, Model: btyd.ModelMBGNBD}}}}
	want := texts2{"MBG/NBD could not be fitted without the last 13 weeks of orders, so its predictions could not be checked against what customers did.",
		"MBG/NBD 在去掉最近 13 周的订单后无法拟合，因此无法用客户的实际购买检验其预测。"}
	for _, loc := range []string{"en", "zh-CN"} {
		if v := reports.DescribeVerdict(m, analysis.ModelParams{}, loc); len(v.Reasons) != 1 || v.Reasons[0] != want.in(loc) || v.Skipped != "" {
			t.Errorf("%s: %q, skipped %q", loc, v.Reasons, v.Skipped)
		}
	}
}
