package kmeans

import (
	"math"
	"math/rand/v2"
	"sort"
)

// d2 holds the weights of the D²-weighted draw of k-means++, each row's
// squared distance to the nearest centre chosen so far, and their running
// sum at the end of each chunk of chunkRows rows, summed in row order.
type d2 struct {
	w   []float64
	cum []float64
}

func newD2(n int) d2 {
	return d2{w: make([]float64, n), cum: make([]float64, (n+chunkRows-1)/chunkRows)}
}

// sum fills d.cum: one sequential pass, so that each running sum is that
// of a plain loop over the rows.
func (d *d2) sum() {
	acc := 0.0
	for c := range d.cum {
		for _, x := range d.w[c*chunkRows : min(len(d.w), (c+1)*chunkRows)] {
			acc += x
		}
		d.cum[c] = acc
	}
}

// total is Σ w, the inertia of the centres chosen so far.
func (d *d2) total() float64 { return d.cum[len(d.cum)-1] }

// draw returns the first row at which the running sum of w exceeds r;
// rounding (r ≥ the total) falls back to the last positive weight. The
// chunk is found by bisecting d.cum, whose values are the running sums of
// a plain loop (adding a zero weight leaves a sum as it is), so the row is
// that of a linear scan.
func (d *d2) draw(r float64) int {
	c := sort.Search(len(d.cum), func(c int) bool { return d.cum[c] > r })
	if c == len(d.cum) {
		for i := len(d.w) - 1; i > 0; i-- {
			if d.w[i] > 0 {
				return i
			}
		}
		return 0
	}
	acc := 0.0
	if c > 0 {
		acc = d.cum[c-1]
	}
	hi := min(len(d.w), (c+1)*chunkRows)
	for i := c * chunkRows; i < hi; i++ {
		acc += d.w[i]
		if acc > r {
			return i
		}
	}
	return hi - 1 // not reached: acc ends at d.cum[c] > r
}

// seedCentres writes greedy k-means++ seeds into the rows of cent. The
// distances to the candidates are computed per chunk of rows in parallel;
// every sum over the rows runs in row order (the candidates' sums side by
// side), so the seeds do not depend on the number of cores.
func seedCentres(m, cent Matrix, rng *rand.Rand) {
	n, k := m.N, cent.N
	trials := 2 + int(math.Log(float64(k)))
	closest := newD2(n) // D(x)² to the nearest chosen centre
	cands := make([]d2, trials)
	for t := range cands {
		cands[t] = newD2(n) // the same with candidate t added
	}
	picks := make([]int, trials)
	copy(cent.Row(0), m.Row(rng.IntN(n)))
	parallel(n, chunkRows, func(_, lo, hi int) {
		minDist(m, lo, hi, cent.Row(0), nil, closest.w[lo:hi])
	})
	closest.sum()
	for c := 1; c < k; c++ {
		pot := closest.total() // Σ D(x)², the inertia of the seeds so far
		if !(pot > 0) {
			// Every row sits on a centre: fewer distinct rows than k.
			copy(cent.Row(c), m.Row(rng.IntN(n)))
			continue
		}
		for t := range picks {
			picks[t] = closest.draw(rng.Float64() * pot)
		}
		parallel(n, chunkRows, func(_, lo, hi int) {
			for t, idx := range picks {
				minDist(m, lo, hi, m.Row(idx), closest.w[lo:hi], cands[t].w[lo:hi])
			}
		})
		parallel(trials, 1, func(t, _, _ int) { cands[t].sum() })
		best := 0
		for t := 1; t < trials; t++ {
			if cands[t].total() < cands[best].total() {
				best = t
			}
		}
		copy(cent.Row(c), m.Row(picks[best]))
		closest, cands[best] = cands[best], closest
	}
}

// minDist sets w[i−lo] to the squared distance from row i of m to x, for
// the rows [lo, hi), or to the smaller of that and prev[i−lo] when prev is
// not nil.
func minDist(m Matrix, lo, hi int, x, prev, w []float64) {
	w = w[:hi-lo]
	if prev != nil {
		prev = prev[:len(w)]
	}
	if m.D != 4 {
		for i := range w {
			dd := sqDist(m.Row(lo+i), x)
			if prev != nil {
				dd = min(prev[i], dd)
			}
			w[i] = dd
		}
		return
	}
	xs := m.Data[4*lo : 4*hi]
	if prev == nil {
		for i := range w {
			r := xs[4*i : 4*i+4 : 4*i+4]
			w[i] = sqDist4(r[0], r[1], r[2], r[3], x)
		}
		return
	}
	for i := range w {
		r := xs[4*i : 4*i+4 : 4*i+4]
		w[i] = min(prev[i], sqDist4(r[0], r[1], r[2], r[3], x))
	}
}
