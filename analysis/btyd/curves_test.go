package btyd

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestConditionalCurves checks that ConditionalCurves gives, bit for bit,
// what ConditionalExpectedPurchases gives point by point, for each model,
// on histories that share (x, T) and on degenerate ones.
func TestConditionalCurves(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	var hs []RFT
	for range 5000 {
		T := float64(rng.IntN(60)) + 0.5
		x := float64(rng.IntN(12))
		tx := math.Floor(rng.Float64()*T*7) / 7
		hs = append(hs, RFT{X: x, Tx: tx, T: T})
	}
	hs = append(hs, RFT{}, RFT{X: math.NaN(), Tx: 3, T: 2}, RFT{X: 3, Tx: 9, T: 5}, RFT{X: -1, Tx: -1, T: -1}, RFT{X: 2e12, Tx: 1, T: 3e12})
	ts := []float64{0, 0.5, 1, 2, 13, 52, math.Inf(1), math.NaN()}
	for _, m := range []PurchaseModel{
		BGNBD{R: 0.243, Alpha: 4.414, A: 0.793, B: 2.426},
		MBGNBD{R: 0.525, Alpha: 6.183, A: 0.891, B: 1.614},
		ParetoNBD{R: 0.553, Alpha: 10.58, S: 0.606, Beta: 11.67},
		BGNBD{}, // not a fitted model: zeros
	} {
		got := ConditionalCurves(m, hs, ts)
		for i, h := range hs {
			for k, tt := range ts {
				want := m.ConditionalExpectedPurchases(tt, h.X, h.Tx, h.T)
				if math.Float64bits(got[i][k]) != math.Float64bits(want) {
					t.Fatalf("%s %+v t=%v: curve %v, point %v", m.Key(), h, tt, got[i][k], want)
				}
			}
		}
	}
}
