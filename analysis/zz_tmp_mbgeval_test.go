package analysis

import (
	"math"
	"testing"
)

func TestTmpEvalTrace(t *testing.T) {
	data := simulatedCDNOWMBG(1_000_000)
	g, _ := groupRFT(data)
	gs, _ := groupRFT(strided(data, bgSampleSize))
	start := maximizeLikelihood(gs.mbgObjective, []float64{0, math.Log(g.sumT / g.sumX), 0, 0}, false)
	n := 0
	res := maximizeLikelihood(func(th, gr []float64) float64 {
		n++
		f := g.mbgObjective(th, gr)
		if gr != nil {
			t.Logf("%3d θ=%.6f f=%.12f g=%.3g", n, th, f, gr)
		} else {
			t.Logf("%3d θ=%.6f f=%.12f (no grad)", n, th, f)
		}
		return f
	}, start.theta, true)
	t.Logf("conv %v it %d", res.converged, res.iterations)
}
