package btyd

import (
	"math"
	"runtime"
	"sync"
)

// ConditionalCurves returns, for each history of hs, E[Y(t) | x, t_x, T]
// at each t of ts: out[i][k] = m.ConditionalExpectedPurchases(ts[k],
// hs[i].X, hs[i].Tx, hs[i].T), the same numbers, computed on all cores
// with the work that several of them share done once:
//   - BG/NBD and MBG/NBD give P(alive | x, t_x, T) times the purchases
//     expected of an active customer, which depend on x and T only (the
//     costly hypergeometric series): that second factor is computed once
//     per distinct (x, T) and t;
//   - Pareto/NBD's ln Q, the costly part, does not depend on t: it is
//     computed once per history.
//
// Any other model is asked point by point.
func ConditionalCurves(m PurchaseModel, hs []RFT, ts []float64) [][]float64 {
	out := make([][]float64, len(hs))
	flat := make([]float64, len(hs)*len(ts))
	for i := range out {
		out[i] = flat[i*len(ts) : (i+1)*len(ts) : (i+1)*len(ts)]
	}
	switch mm := m.(type) {
	case BGNBD:
		if mm.valid() {
			splitCurves(hs, ts, out, mm.pAlive, mm.aliveExpectation)
		}
	case MBGNBD:
		if mm.valid() {
			splitCurves(hs, ts, out, mm.pAlive, func(t, x, T float64) float64 {
				return expectedWhileAlive(mm.R+x, mm.Alpha+T, mm.A, mm.B+x+1, t)
			})
		}
	case ParetoNBD:
		if mm.valid() {
			EachRange(len(hs), func(from, to int) {
				for i := from; i < to; i++ {
					mm.curve(ts, hs[i], out[i])
				}
			})
		}
	default:
		EachRange(len(hs), func(from, to int) {
			for i := from; i < to; i++ {
				for k, t := range ts {
					out[i][k] = m.ConditionalExpectedPurchases(t, hs[i].X, hs[i].Tx, hs[i].T)
				}
			}
		})
	}
	return out
}

// Distinct returns the distinct histories of data in the order of their
// first appearance, and for each of data the index of its history in
// them: what several predictions over the same customers share.
func Distinct(data []RFT) (distinct []RFT, at []int32) {
	index := make(map[RFT]int32, len(data)/4)
	at = make([]int32, len(data))
	for i, h := range data {
		k, ok := index[h]
		if !ok {
			k = int32(len(distinct))
			index[h] = k
			distinct = append(distinct, h)
		}
		at[i] = k
	}
	return distinct, at
}

// splitCurves fills out for a model whose E[Y(t) | x, t_x, T] is
// pAlive(x, t_x, T) · alive(t, x, T) on cleaned histories, computing alive
// once per distinct cleaned (x, T).
func splitCurves(hs []RFT, ts []float64, out [][]float64, pAlive func(x, tx, T float64) float64, alive func(t, x, T float64) float64) {
	type xT struct{ x, T float64 }
	cleaned := make([]RFT, len(hs))
	at := make([]int32, len(hs)) // each history's (x, T) in pairs
	index := make(map[xT]int32, len(hs)/4)
	var pairs []xT
	for i, h := range hs {
		x, tx, T := bgClean(h.X, h.Tx, h.T)
		cleaned[i] = RFT{X: x, Tx: tx, T: T}
		k, ok := index[xT{x, T}]
		if !ok {
			k = int32(len(pairs))
			index[xT{x, T}] = k
			pairs = append(pairs, xT{x, T})
		}
		at[i] = k
	}
	curves := make([]float64, len(pairs)*len(ts))
	EachRange(len(pairs), func(from, to int) {
		for p := from; p < to; p++ {
			for k, t := range ts {
				curves[p*len(ts)+k] = alive(t, pairs[p].x, pairs[p].T)
			}
		}
	})
	EachRange(len(hs), func(from, to int) {
		for i := from; i < to; i++ {
			h := cleaned[i]
			pa := pAlive(h.X, h.Tx, h.T)
			c := curves[int(at[i])*len(ts):]
			for k := range ts {
				out[i][k] = pa * c[k]
			}
		}
	})
}

// curve sets out[k] to ConditionalExpectedPurchases(ts[k], h.X, h.Tx,
// h.T), with ln Q computed once.
func (m ParetoNBD) curve(ts []float64, h RFT, out []float64) {
	x, tx, T := bgClean(h.X, h.Tx, h.T)
	logQ := m.logQ(x, tx, T)
	for k, t := range ts {
		if !(t > 0) {
			out[k] = 0
			continue
		}
		t = math.Min(t, bgMaxValue)
		l := math.Log(m.R+x) + math.Log(m.Beta+T) - math.Log(m.Alpha+T) +
			pnLogLifetimeFactor(m.S-1, math.Log1p(t/(m.Beta+T))) - logQ
		out[k] = pnExpClamped(l)
	}
}

// parallelRange calls f on consecutive ranges of [0, n) on all cores.
func EachRange(n int, f func(from, to int)) {
	workers := max(1, min(runtime.GOMAXPROCS(0), n/256))
	if workers == 1 {
		f(0, n)
		return
	}
	const chunk = 1024
	var (
		wg   sync.WaitGroup
		mu   sync.Mutex
		next int
	)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				mu.Lock()
				from := next
				next += chunk
				mu.Unlock()
				if from >= n {
					return
				}
				f(from, min(from+chunk, n))
			}
		}()
	}
	wg.Wait()
}
