package btyd

import (
	"math"
	"runtime"
	"sync"
)

// pnGroups adds to the distinct triples of rftGroups the distinct times
// y (the values of t_x and T together) and the distinct (x, y) pairs, at
// which G is computed once per evaluation.
type pnGroups struct {
	*rftGroups
	ys       []float64 // distinct values of t_x and T
	txY, tY  []int32   // index into ys of each distinct t_x, T
	pairX    []int32   // per (x, y) pair: index into xs
	pairY    []int32   // per (x, y) pair: index into ys
	pTx, pTT []int32   // per triple: pair of (x, t_x), of (x, T)
}

func newPNGroups(g *rftGroups) *pnGroups {
	pg := &pnGroups{rftGroups: g}
	yIdx := make(map[float64]int32, len(g.txs)+len(g.ts))
	index := func(v float64) int32 {
		i, ok := yIdx[v]
		if !ok {
			i = int32(len(pg.ys))
			yIdx[v] = i
			pg.ys = append(pg.ys, v)
		}
		return i
	}
	pg.txY = make([]int32, len(g.txs))
	for i, v := range g.txs {
		pg.txY[i] = index(v)
	}
	pg.tY = make([]int32, len(g.ts))
	for i, v := range g.ts {
		pg.tY[i] = index(v)
	}
	pairIdx := make(map[uint64]int32)
	pair := func(xi, yi int32) int32 {
		k := uint64(xi)<<32 | uint64(yi)
		i, ok := pairIdx[k]
		if !ok {
			i = int32(len(pg.pairX))
			pairIdx[k] = i
			pg.pairX = append(pg.pairX, xi)
			pg.pairY = append(pg.pairY, yi)
		}
		return i
	}
	pg.pTx = make([]int32, len(g.w))
	pg.pTT = make([]int32, len(g.w))
	for j := range g.w {
		pg.pTx[j] = pair(g.ix[j], pg.txY[g.itx[j]])
		pg.pTT[j] = pair(g.ix[j], pg.tY[g.iT[j]])
	}
	return pg
}

// objective is the mean negative log-likelihood over the groups at
// θ = (ln r, ln α, ln s, ln β), with its gradient in grad when not nil.
func (pg *pnGroups) objective(theta, grad []float64) float64 {
	r, alpha := math.Exp(theta[0]), math.Exp(theta[1])
	s, beta := math.Exp(theta[2]), math.Exp(theta[3])

	// Per distinct x: ln Γ(r+x) − ln Γ(r) and its derivative in ln r.
	var ll, gr float64
	psiR := bgDigamma(r)
	for j, x := range pg.xs {
		if x == 0 {
			continue
		}
		n := pg.xCount[j]
		ll += n * (bgLgamma(r+x) - bgLgamma(r))
		gr += n * r * (bgDigamma(r+x) - psiR)
	}

	// Per distinct y: ln(1+y/α), ln(α+y), y/(α+y), ln(1+y/β), y/(β+y).
	t := pnTerms{r: r, s: s}
	t.l1pA, t.lA, t.fA = bgTimeTerms(pg.ys, alpha)
	t.l1pB, _, t.fB = bgTimeTerms(pg.ys, beta)

	// Per distinct (x, y): ln G and its gradient, G and 1 − G.
	np := len(pg.pairX)
	t.g, t.gv, t.om = make([]pnG, np), make([]float64, np), make([]float64, np)
	forChunks(np, func(_, from, to int) {
		for i := from; i < to; i++ {
			t.g[i] = pnLogG(r+pg.xs[pg.pairX[i]], s, alpha, beta, pg.ys[pg.pairY[i]])
			t.gv[i], t.om[i] = math.Exp(t.g[i].LnG), -math.Expm1(t.g[i].LnG)
		}
	})

	parts := make([]pnSums, (len(pg.w)+bgChunk-1)/bgChunk)
	forChunks(len(pg.w), func(k, from, to int) { parts[k] = pg.sumRange(&t, from, to) })
	var sum pnSums
	for _, p := range parts { // in chunk order: the result does not depend on the cores
		for i := range sum {
			sum[i] += p[i]
		}
	}
	ll += sum[0]
	gr += sum[1]
	n := float64(pg.n)
	if grad != nil {
		grad[0], grad[1], grad[2], grad[3] = -gr/n, -sum[2]/n, -sum[3]/n, -sum[4]/n
	}
	return -ll / n
}

// pnTerms are the per-evaluation values the per-triple sum reads.
type pnTerms struct {
	r, s                   float64
	l1pA, lA, fA, l1pB, fB []float64 // per distinct y
	g                      []pnG     // per (x, y) pair
	gv, om                 []float64 // per (x, y) pair: G and 1 − G
}

// pnSums are the per-triple parts of ln L and of its gradient in
// (ln r, ln α, ln s, ln β).
type pnSums [5]float64

// sumRange sums the terms of triples [from, to).
func (pg *pnGroups) sumRange(t *pnTerms, from, to int) pnSums {
	var sum pnSums
	r, s := t.r, t.s
	for j := from; j < to; j++ {
		w := pg.w[j]
		x := pg.xs[pg.ix[j]]
		p := r + x
		ti, ki := pg.tY[pg.iT[j]], pg.txY[pg.itx[j]]
		gT, gx := &t.g[pg.pTT[j]], &t.g[pg.pTx[j]]
		dA := t.l1pA[ti] - t.l1pA[ki] // ln((α+T)/(α+t_x))
		dB := t.l1pB[ti] - t.l1pB[ki] // ln((β+T)/(β+t_x))

		// Q = (1 − G(T)) + G(t_x)·e^Δ ≥ 1, its log and the weights
		// w2 = G(t_x)·e^Δ/Q and cT = G(T)/Q of its parts: in linear space
		// when nothing can overflow or underflow, else by log-sum-exp.
		delta := p*dA + s*dB
		var lnQ, w2, cT float64
		if delta <= 600 && gx.LnG >= -600 {
			e := math.Exp(gx.LnG + delta)
			q := t.om[pg.pTT[j]] + e
			lnQ = math.Log(q)
			w2, cT = e/q, t.gv[pg.pTT[j]]/q
		} else {
			a1, a2 := pnLog1mExp(gT.LnG), delta+gx.LnG
			lnQ = bgLogAddExp(a1, a2)
			w2, cT = math.Exp(a2-lnQ), math.Exp(gT.LnG-lnQ)
		}
		sum[0] += w * (-r*t.l1pA[ti] - x*t.lA[ti] - s*t.l1pB[ti] + lnQ)
		sum[1] += w * (-r*t.l1pA[ti] - cT*r*gT.Dp + w2*r*(gx.Dp+dA))
		sum[2] += w * (r*t.fA[ti] - x*(1-t.fA[ti]) - cT*gT.DAlpha + w2*(gx.DAlpha+p*(t.fA[ki]-t.fA[ti])))
		sum[3] += w * (-s*t.l1pB[ti] - cT*gT.DS + w2*(gx.DS+s*dB))
		sum[4] += w * (s*t.fB[ti] - cT*gT.DBeta + w2*(gx.DBeta+s*(t.fB[ki]-t.fB[ti])))
	}
	return sum
}

// forChunks calls f(k, from, to) for the chunks [k·bgChunk, (k+1)·bgChunk)
// of [0, n), on all cores when there is more than one chunk.
func forChunks(n int, f func(k, from, to int)) {
	if n <= bgChunk {
		f(0, 0, n)
		return
	}
	var wg sync.WaitGroup
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	for k := 0; k*bgChunk < n; k++ {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			f(k, k*bgChunk, min((k+1)*bgChunk, n))
			<-sem
		}()
	}
	wg.Wait()
}
