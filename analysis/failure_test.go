package analysis

import (
	"fmt"
	"testing"

	"github.com/custseg/custseg/analysis/backtest"
	"github.com/custseg/custseg/analysis/btyd"
)

// TestFailureReasons: each failure the analysis records reads back as its
// reason, wrapped as the fitters wrap it.
func TestFailureReasons(t *testing.T) {
	tests := []struct {
		text string
		want FailReason
	}{
		{"", ""},
		{fmt.Errorf("analysis: BG/NBD fit on 12 customers (r=1): %w", btyd.ErrNotConverged).Error(), FailNotConverged},
		{fmt.Errorf("analysis: Pareto/NBD: %w", btyd.ErrTooLittleData).Error(), FailTooLittleData},
		{btyd.ErrTooLittleData.Error(), FailTooLittleData},
		{ErrTooFewPoints.Error(), FailTooLittleData},
		{errFirstDaysMissing, FailFirstDaysMissing},
		{errNotFittedPrefix + "pareto_nbd", FailNotFitted},
		{backtest.NotBacktested, FailNotBacktested},
		{"[" + fmt.Errorf("x: %w", btyd.ErrNotConverged).Error() + " " + btyd.ErrTooLittleData.Error() + "]", FailNotConverged},
		{"analysis: Gamma-Gamma: 3 purchase counts but 2 mean spends", FailOther},
	}
	for _, tt := range tests {
		if got := Failure(tt.text); got != tt.want {
			t.Errorf("Failure(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}
