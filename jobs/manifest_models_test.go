package jobs

import (
	"bytes"
	"encoding/json"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/custseg/custseg/analysis"
	"github.com/custseg/custseg/analysis/btyd"
)

// manifestModelsFixture is a run's models with BG/NBD and MBG/NBD fitted
// (no Pareto/NBD), BG/NBD chosen on the back-test, and a verdict of
// caution; nan puts NaN and infinities wherever a number can be.
func manifestModelsFixture(nan bool) *analysis.Result {
	asOf := time.Date(2026, 9, 30, 0, 0, 0, 0, time.UTC)
	bg := btyd.BGNBD{R: 0.243, Alpha: 4.414, A: 0.793, B: 2.426, LogLikelihood: -9582.43, Converged: true, N: 1200}
	mbg := btyd.MBGNBD{R: 0.251, Alpha: 4.62, A: 0.61, B: 2.9, LogLikelihood: -9590.12, Converged: true, N: 1200}
	bad := math.NaN()
	if nan {
		mbg.Alpha, mbg.LogLikelihood = math.NaN(), math.Inf(-1)
	} else {
		bad = 0.9
	}
	res := &analysis.Result{AsOf: asOf}
	res.Models = analysis.Models{
		BGNBD: bg, TimeUnitDays: 7, Usable: true,
		Purchase: []analysis.FittedModel{{Key: btyd.ModelBGNBD, Model: bg}, {Key: btyd.ModelMBGNBD, Model: mbg}},
		Chosen:   btyd.ModelBGNBD, ChoiceReason: analysis.ChoiceHoldout,
		Backtest: analysis.Backtest{
			CalibrationEnd: analysis.DateOf(asOf.AddDate(0, 0, -91)), HoldoutEnd: analysis.DateOf(asOf), HoldoutUnits: 13,
			Customers: 1500, RepeatBuyers: 620, ActualRepeat: 1880, NaivePredicted: 2400, NaiveMAE: 1.02,
			Models: []analysis.BacktestModel{
				{Key: btyd.ModelBGNBD, Predicted: 1650, MAE: 0.84},
				{Key: btyd.ModelMBGNBD, Predicted: 1710, MAE: bad},
				{Key: btyd.ModelParetoNBD, Error: "not fitted"},
			},
			ByFrequency: []analysis.FrequencyBucket{
				{Frequency: 0, Customers: 700, ActualMean: 0.2, PredictedMean: map[string]float64{btyd.ModelBGNBD: 0.15, btyd.ModelMBGNBD: bad}},
				{Frequency: 7, Customers: 0, ActualMean: bad, PredictedMean: map[string]float64{}},
			},
		},
		Verdict: analysis.Verdict{Level: analysis.VerdictCaution, Reasons: []analysis.VerdictReason{
			{Code: analysis.ReasonTracking, Model: btyd.ModelBGNBD, Predicted: 1650, Actual: 1880, Units: 13, Share: (1650.0 - 1880) / 1880},
			{Code: analysis.ReasonSpendRelated, Share: 0.34},
		}},
		SpendCorrelation: 0.34, SpendCorrelationN: 620,
	}
	return res
}

// manifestModelsJSON is the models record of res as manifest.json has it,
// decoded generically.
func manifestModelsJSON(t *testing.T, res *analysis.Result) (map[string]any, string) {
	t.Helper()
	var buf bytes.Buffer
	if err := json.NewEncoder(&buf).Encode(modelsRecord(res)); err != nil {
		t.Fatalf("encode: %v", err)
	}
	var out map[string]any
	if err := json.Unmarshal(buf.Bytes(), &out); err != nil {
		t.Fatal(err)
	}
	return out, buf.String()
}

// keysOf lists the keys of a JSON object, sorted.
func keysOf(t *testing.T, v any) []string {
	t.Helper()
	m, ok := v.(map[string]any)
	if !ok {
		t.Fatalf("%v is not an object", v)
	}
	var keys []string
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// TestManifestModels checks the shape of manifest.json's models: the
// BG/NBD and Gamma-Gamma records as before, the MBG/NBD and Pareto/NBD
// (converged false with an error when the run did not fit it), the model
// choice, the back-test with the verdict and its reasons in words, and the
// spend check; with NaN and infinities in the result, still valid JSON
// without them.
func TestManifestModels(t *testing.T) {
	for _, nan := range []bool{false, true} {
		res := manifestModelsFixture(nan)
		m, raw := manifestModelsJSON(t, res)
		for _, s := range []string{"NaN", "Inf"} {
			if strings.Contains(raw, s) {
				t.Errorf("nan %v: JSON holds %s: %s", nan, s, raw)
			}
		}
		for key, want := range map[string][]string{
			"bgnbd":             {"a", "alpha", "b", "converged", "log_likelihood", "n_customers", "r", "time_unit"},
			"gamma_gamma":       {"converged", "excluded", "n_customers", "p", "q", "v"},
			"mbgnbd":            {"a", "alpha", "b", "converged", "log_likelihood", "n_customers", "r"},
			"pareto_nbd":        {"alpha", "beta", "converged", "error", "log_likelihood", "n_customers", "r", "s"},
			"purchase_model":    {"chosen", "reason"},
			"spend_correlation": {"n", "value"},
			"backtest": {"actual_repeat", "by_frequency", "calibration_end", "customers", "holdout_end", "holdout_units",
				"mae", "naive_mae", "naive_predicted", "predicted_repeat", "reasons", "repeat_buyers", "skipped", "verdict"},
		} {
			if got := keysOf(t, m[key]); !slices.Equal(got, want) {
				t.Errorf("models.%s keys %q, want %q", key, got, want)
			}
		}
		pn := m["pareto_nbd"].(map[string]any)
		if pn["converged"] != false || pn["error"] != notFitted {
			t.Errorf("pareto_nbd %v: want converged false and why", pn)
		}
		mbg := m["mbgnbd"].(map[string]any)
		if mbg["r"] != 0.251 || mbg["converged"] != true {
			t.Errorf("mbgnbd %v", mbg)
		}
		if pm := m["purchase_model"].(map[string]any); pm["chosen"] != "bgnbd" || pm["reason"] != "holdout" {
			t.Errorf("purchase_model %v", pm)
		}
		bt := m["backtest"].(map[string]any)
		if bt["calibration_end"] != "2026-07-01" || bt["holdout_end"] != "2026-09-30" || bt["holdout_units"] != 13.0 ||
			bt["actual_repeat"] != 1880.0 || bt["naive_mae"] != 1.02 || bt["verdict"] != "caution" || bt["skipped"] != "" {
			t.Errorf("backtest %v", bt)
		}
		pred := bt["predicted_repeat"].(map[string]any)
		if pred["bgnbd"] != 1650.0 || pred["mbgnbd"] != 1710.0 || len(pred) != 2 {
			t.Errorf("predicted_repeat %v", pred)
		}
		mae := bt["mae"].(map[string]any)
		if wantN := map[bool]int{false: 2, true: 1}[nan]; mae["bgnbd"] != 0.84 || len(mae) != wantN {
			t.Errorf("nan %v: mae %v", nan, mae)
		}
		freq := bt["by_frequency"].([]any)
		if len(freq) != 2 {
			t.Fatalf("by_frequency %v", freq)
		}
		if got := keysOf(t, freq[0]); !slices.Equal(got, []string{"actual_mean", "customers", "frequency", "predicted_mean"}) {
			t.Errorf("by_frequency item keys %q", got)
		}
		if pm := freq[0].(map[string]any)["predicted_mean"].(map[string]any); pm["bgnbd"] != 0.15 || len(pm) != map[bool]int{false: 2, true: 1}[nan] {
			t.Errorf("nan %v: predicted_mean %v", nan, pm)
		}
		reasons := bt["reasons"].([]any)
		if len(reasons) != 2 {
			t.Fatalf("reasons %v", reasons)
		}
		r0 := reasons[0].(map[string]any)
		if r0["code"] != "tracking" || r0["model"] != "bgnbd" ||
			r0["text"] != "BG/NBD predicted 1,650 repeat purchases for the last 13 weeks; there were 1,880: it under-predicts by 12.2%." {
			t.Errorf("reason %v", r0)
		}
		if sc := m["spend_correlation"].(map[string]any); sc["value"] != 0.34 || sc["n"] != 620.0 {
			t.Errorf("spend_correlation %v", sc)
		}
	}
}

// TestManifestModelsSkipped: a back-test that did not run says why, with
// empty maps and lists rather than nulls; a run that never fitted the
// other models says so for each.
func TestManifestModelsSkipped(t *testing.T) {
	res := &analysis.Result{}
	res.Models = analysis.Models{
		Backtest:      analysis.Backtest{Skipped: analysis.BacktestSkippedFew, HoldoutUnits: 13, RepeatBuyers: 4},
		ChoiceReason:  analysis.ChoiceNone,
		PurchaseError: btyd.ErrTooLittleData.Error(),
		Verdict:       analysis.Verdict{Level: analysis.VerdictNotUsable, Reasons: []analysis.VerdictReason{{Code: analysis.ReasonNotConverged}}},
	}
	m, raw := manifestModelsJSON(t, res)
	bt := m["backtest"].(map[string]any)
	if bt["skipped"] != "few_buyers" || bt["calibration_end"] != "" || bt["verdict"] != "not_usable" {
		t.Errorf("backtest %v", bt)
	}
	for _, k := range []string{"predicted_repeat", "mae", "by_frequency", "reasons"} {
		if bt[k] == nil {
			t.Errorf("backtest.%s is null: %s", k, raw)
		}
	}
	if r := bt["reasons"].([]any)[0].(map[string]any); r["code"] != "not_converged" ||
		!strings.HasPrefix(r["text"].(string), "No purchase model converged (too few customers, or too few distinct ones, for it)") {
		t.Errorf("reason %v", r)
	}
	for _, k := range []string{"mbgnbd", "pareto_nbd"} {
		if r := m[k].(map[string]any); r["converged"] != false || r["error"] != notFitted {
			t.Errorf("%s %v", k, r)
		}
	}
	if pm := m["purchase_model"].(map[string]any); pm["chosen"] != "" || pm["reason"] != "none" || pm["error"] != btyd.ErrTooLittleData.Error() {
		t.Errorf("purchase_model %v", pm)
	}
}
