package backtest

import (
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/custseg/custseg/analysis/btyd"
)

// The end-to-end back-test, with the three models fitted and the choice
// made on real data, is jobs' TestCDNOWBacktest; these tests cover the
// rules on hand-made inputs.

// calibration is n customers: the first `repeat` of them with x = 2, the
// rest with x = 0, all with T = 26 weeks; each bought once in the 13-week
// holdout, in its first week.
func calibration(n, repeat int) Calibration {
	c := Calibration{End: 100, HoldoutEnd: 191, HoldoutUnits: 13, Units: 13, PerUnit: make([]float64, 13)}
	for i := range n {
		r := btyd.RFT{T: 26}
		if i < repeat {
			r.X, r.Tx = 2, 20
		}
		c.Data = append(c.Data, r)
		c.Actual = append(c.Actual, 1)
		c.PerUnit[0]++
	}
	return c
}

func TestRunSkipped(t *testing.T) {
	few := Run(calibration(100, 19), nil)
	if few.Skipped != SkippedFew || few.Customers != 100 || few.RepeatBuyers != 19 || few.CalibrationEnd != 100 || few.HoldoutEnd != 191 {
		t.Errorf("19 repeat buyers: %+v", few)
	}
	short := calibration(100, 50)
	for i := range short.Data {
		short.Data[i].T = 6 // under half of 13 units
	}
	if bt := Run(short, nil); bt.Skipped != SkippedHistory || bt.Models != nil {
		t.Errorf("6 weeks of history for a 13-week holdout: %+v", bt)
	}
}

func TestRunBaselineAndNotBacktested(t *testing.T) {
	// No model converged on all the data: none is fitted again, each is
	// listed as not back-tested, and the actual figures and the naive
	// baseline are there.
	full := []FittedModel{{Key: btyd.ModelBGNBD, Error: "did not converge"}, {Key: btyd.ModelParetoNBD, Error: "did not converge"}}
	bt := Run(calibration(40, 20), full)
	if bt.Skipped != "" || bt.ActualRepeat != 40 || bt.RepeatBuyers != 20 {
		t.Fatalf("back-test %+v", bt)
	}
	// Naive: x ÷ T × 13 = 1 purchase for each repeat buyer, 0 for the rest;
	// every customer bought once, so the error is 0 and 1.
	if bt.NaivePredicted != 20 || bt.NaiveMAE != 0.5 {
		t.Errorf("naive predicted %v, MAE %v; want 20, 0.5", bt.NaivePredicted, bt.NaiveMAE)
	}
	if len(bt.Models) != 2 || bt.Models[0].Error != NotBacktested || bt.Models[1].Key != btyd.ModelParetoNBD {
		t.Errorf("models %+v", bt.Models)
	}
	if bt.Tracking.Actual[0] != 40 || bt.Tracking.Actual[12] != 40 || len(bt.Tracking.Predicted) != 0 {
		t.Errorf("tracking %+v", bt.Tracking)
	}
	if len(bt.ByFrequency) != 8 || bt.ByFrequency[0].Customers != 20 || bt.ByFrequency[2].Customers != 20 || bt.ByFrequency[2].ActualMean != 1 {
		t.Errorf("by frequency %+v", bt.ByFrequency)
	}
}

// fitted returns a converged BG/NBD or MBG/NBD with the given
// log-likelihood over 1000 customers, or one that did not converge.
func fitted(key string, ll float64, errText string) FittedModel {
	f := FittedModel{Key: key, Error: errText}
	switch key {
	case btyd.ModelBGNBD:
		f.Model = btyd.BGNBD{R: 0.24, Alpha: 4.4, A: 0.79, B: 2.4, LogLikelihood: ll, Converged: errText == "", N: 1000}
	case btyd.ModelMBGNBD:
		f.Model = btyd.MBGNBD{R: 0.25, Alpha: 4.6, A: 0.61, B: 2.9, LogLikelihood: ll, Converged: errText == "", N: 1000}
	}
	return f
}

func TestChoose(t *testing.T) {
	bg, mbg := fitted(btyd.ModelBGNBD, -9600, ""), fitted(btyd.ModelMBGNBD, -9580, "")
	bgFailed := fitted(btyd.ModelBGNBD, -9600, "did not converge")
	holdout := &Result{Models: []Model{{Key: btyd.ModelBGNBD, MAE: 0.8}, {Key: btyd.ModelMBGNBD, MAE: 0.9}}}
	skipped := &Result{Skipped: SkippedFew}
	tests := []struct {
		name             string
		full             []FittedModel
		bt               *Result
		want             string
		key, reason, why string
	}{
		{"configured", []FittedModel{mbg}, skipped, btyd.ModelMBGNBD, btyd.ModelMBGNBD, ChoiceConfigured, ""},
		{"configured, not converged", []FittedModel{bgFailed}, holdout, btyd.ModelBGNBD, "", ChoiceNone,
			"bgnbd (analysis.models.purchase_model): did not converge"},
		{"none converged", []FittedModel{bgFailed}, holdout, "auto", "", ChoiceNone, "[bgnbd: did not converge]"},
		{"the only one", []FittedModel{bgFailed, mbg}, holdout, "auto", btyd.ModelMBGNBD, ChoiceOnly, ""},
		{"lowest holdout error", []FittedModel{bg, mbg}, holdout, "auto", btyd.ModelBGNBD, ChoiceHoldout, ""},
		// MBG/NBD has the higher likelihood with as many parameters.
		{"no back-test: lowest BIC", []FittedModel{bg, mbg}, skipped, "", btyd.ModelMBGNBD, ChoiceBIC, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			key, reason, why := Choose(tt.full, tt.bt, tt.want)
			if key != tt.key || reason != tt.reason || why != tt.why {
				t.Errorf("Choose = %q, %q, %q; want %q, %q, %q", key, reason, why, tt.key, tt.reason, tt.why)
			}
		})
	}
}

func TestJudge(t *testing.T) {
	// The chosen model predicted `predicted` repeat purchase days against
	// 1000 actual, with an error per customer of mae against the naive
	// baseline's 1.
	bt := func(predicted, mae float64) *Result {
		return &Result{ActualRepeat: 1000, NaiveMAE: 1, HoldoutUnits: 13,
			Models: []Model{{Key: btyd.ModelBGNBD, Predicted: predicted, MAE: mae}}}
	}
	codes := func(v Verdict) string {
		var cs []string
		for _, r := range v.Reasons {
			cs = append(cs, r.Code)
		}
		return strings.Join(cs, " ")
	}
	tests := []struct {
		name          string
		chosen        string
		bt            *Result
		repeat        int
		ggError       string
		corr          float64
		level         string
		reasons       string
		trackingShare float64
	}{
		{"on track, beats naive", btyd.ModelBGNBD, bt(1100, 0.8), 500, "", 0.1, VerdictUsable, "tracking beats_naive", 0.1},
		{"20% under", btyd.ModelBGNBD, bt(800, 0.8), 500, "", 0, VerdictCaution, "tracking beats_naive", -0.2},
		{"40% over", btyd.ModelBGNBD, bt(1400, 0.8), 500, "", 0, VerdictNotUsable, "tracking beats_naive", 0.4},
		{"naive as good", btyd.ModelBGNBD, bt(1000, 1), 500, "", 0, VerdictCaution, "tracking naive_better", 0},
		{"no back-test", btyd.ModelBGNBD, &Result{Skipped: SkippedOff}, 500, "", 0, VerdictCaution, "no_holdout", 0},
		{"few repeat buyers", btyd.ModelBGNBD, &Result{Skipped: SkippedFew}, 19, "", 0, VerdictNotUsable, "few_repeat_buyers no_holdout", 0},
		{"spend model failed", btyd.ModelBGNBD, bt(1000, 0.8), 500, "did not converge", 0.9, VerdictCaution, "tracking beats_naive spend_failed", 0},
		{"spend related to frequency", btyd.ModelBGNBD, bt(1000, 0.8), 500, "", -0.5, VerdictCaution, "tracking beats_naive spend_related", 0},
		{"nothing chosen", "", &Result{Skipped: SkippedFew}, 5, "", 0, VerdictNotUsable, "not_converged few_repeat_buyers", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := Judge(tt.chosen, tt.bt, tt.repeat, tt.ggError, tt.corr, 100)
			if v.Level != tt.level || codes(v) != tt.reasons {
				t.Errorf("verdict %s (%s), want %s (%s)", v.Level, codes(v), tt.level, tt.reasons)
			}
			if i := slices.IndexFunc(v.Reasons, func(r VerdictReason) bool { return r.Code == ReasonTracking }); i >= 0 {
				if r := v.Reasons[i]; math.Abs(r.Share-tt.trackingShare) > 1e-12 || r.Actual != 1000 || r.Units != 13 {
					t.Errorf("tracking reason %+v, want share %v", r, tt.trackingShare)
				}
			}
		})
	}
}
