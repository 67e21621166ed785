package analysis

import (
	"slices"
	"testing"
)

// TestAnalyzeProgress: every stage is announced once, in order, with its
// index and the number of stages, and the result is Analyze's.
func TestAnalyzeProgress(t *testing.T) {
	p := DefaultParams()
	if err := p.Validate(); err != nil {
		t.Fatal(err)
	}
	var stages []string
	res := AnalyzeProgress(&Dataset{}, p, func(stage string, k, n int) {
		if k != len(stages) || n != len(AnalyzeStages) {
			t.Errorf("stage %q announced as %d of %d after %d stages", stage, k, n, len(stages))
		}
		stages = append(stages, stage)
	})
	if !slices.Equal(stages, AnalyzeStages) {
		t.Errorf("stages %v, want %v", stages, AnalyzeStages)
	}
	if res.KPIs != Analyze(&Dataset{}, p).KPIs {
		t.Errorf("AnalyzeProgress and Analyze differ on an empty dataset")
	}
}
