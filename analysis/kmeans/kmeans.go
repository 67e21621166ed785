package kmeans

import (
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"sync"
	"sync/atomic"
)

// Fit clusters the rows of m into k clusters by minimising the inertia,
// the within-cluster sum of squared Euclidean distances,
//
//	W = Σᵢ ‖xᵢ − c_{ℓ(i)}‖²,
//
// and returns each row's label ℓ(i) in [0, k), the k×D centroids and W.
//
// Seeding is greedy k-means++: the first centre is a uniformly drawn row;
// each further centre is the best, by the resulting W, of 2 + ⌊ln k⌋ rows
// drawn with probability proportional to D(x)², the squared distance from x
// to the nearest centre chosen so far. With one candidate per step this is
// the k-means++ seeding of Arthur & Vassilvitskii; the greedy variant, which
// they also describe and scikit-learn uses, avoids most of the bad seedings
// that plain k-means++ makes on well-separated clusters.
//
// Lloyd iterations follow: assign every row to its nearest centroid (ties:
// the lower index), then move each centroid to the mean of its rows, until
// an assignment changes no label or maxIter updates have been made
// (maxIter ≤ 0: labels are the nearest seeds). The returned labels are
// always the nearest centroids and W is measured against the returned
// centroids. A cluster left empty is re-seeded with the farthest point, the
// row farthest from its centroid among clusters of two or more rows; when
// every such row sits on its centroid (m has fewer than k distinct rows),
// the cluster stays empty and its centroid duplicates a seed.
//
// The randomness comes from a PCG source seeded with seed, and the
// assignment step, split across GOMAXPROCS goroutines, sums per fixed chunk
// of rows and combines the chunks in order, so the result depends only on
// (m, k, seed, maxIter), not on the number of cores. The cost is
// O(N·k·D) per iteration; Select fits a sample when N is large.
//
// Fit panics if k < 1. With N = 0 it returns no labels, zero centroids
// and W = 0. m must not contain NaN or ±Inf.
//
// References:
//
//	Arthur, D. and Vassilvitskii, S. (2007). k-means++: the advantages of
//	careful seeding. Proceedings of the 18th Annual ACM-SIAM Symposium on
//	Discrete Algorithms (SODA), 1027–1035.
//	Lloyd, S. P. (1982). Least squares quantization in PCM. IEEE
//	Transactions on Information Theory 28(2), 129–137.
func Fit(m Matrix, k int, seed uint64, maxIter int) (labels []int, centroids Matrix, inertia float64) {
	m.check("Fit")
	if k < 1 {
		panic(fmt.Sprintf("kmeans: Fit: k = %d < 1", k))
	}
	labels = make([]int, m.N)
	centroids = Matrix{N: k, D: m.D, Data: make([]float64, k*m.D)}
	if m.N == 0 {
		return labels, centroids, 0
	}
	seedCentres(m, centroids, newRand(seed, saltSeeding))
	inertia = lloyd(m, centroids, labels, maxIter)
	return labels, centroids, inertia
}

// Salts that give each use of a seed its own random stream.
const (
	saltSeeding    = 0x9e3779b97f4a7c15
	saltFitSample  = 0xbf58476d1ce4e5b9
	saltSilhouette = 0x94d049bb133111eb
)

// newRand returns the PCG generator of seed for one use (salt).
func newRand(seed, salt uint64) *rand.Rand {
	return rand.New(rand.NewPCG(seed, seed^salt))
}

// sqDist is the squared Euclidean distance ‖a − b‖²; len(b) ≥ len(a).
func sqDist(a, b []float64) float64 {
	b = b[:len(a)]
	s := 0.0
	for j, x := range a {
		t := x - b[j]
		s += t * t
	}
	return s
}

// nearest returns the nearest of the k centroids in cent (row-major,
// len(x) columns) to x, ties to the lower index, and its squared distance.
// Four columns, the RFM-and-tenure case, take an unrolled path that sums in
// the same order as sqDist.
func nearest(x, cent []float64, k int) (best int, bd float64) {
	d := len(x)
	bd = math.Inf(1)
	if d == 4 {
		x0, x1, x2, x3 := x[0], x[1], x[2], x[3]
		for j := 0; j < k; j++ {
			c := cent[j*4 : j*4+4 : j*4+4]
			t0, t1, t2, t3 := x0-c[0], x1-c[1], x2-c[2], x3-c[3]
			if dd := t0*t0 + t1*t1 + t2*t2 + t3*t3; dd < bd {
				best, bd = j, dd
			}
		}
		return best, bd
	}
	for j := 0; j < k; j++ {
		if dd := sqDist(x, cent[j*d:]); dd < bd {
			best, bd = j, dd
		}
	}
	return best, bd
}

// seedCentres writes greedy k-means++ seeds into the rows of cent.
func seedCentres(m, cent Matrix, rng *rand.Rand) {
	n, k := m.N, cent.N
	trials := 2 + int(math.Log(float64(k)))
	closest := make([]float64, n) // D(x)² to the nearest chosen centre
	cand := make([]float64, n)    // the same with the candidate added
	best := make([]float64, n)    // the same with the best candidate added
	copy(cent.Row(0), m.Row(rng.IntN(n)))
	pot := 0.0 // Σ D(x)², the inertia of the seeds so far
	c0 := cent.Row(0)
	for i := range closest {
		closest[i] = sqDist(m.Row(i), c0)
		pot += closest[i]
	}
	for c := 1; c < k; c++ {
		if !(pot > 0) {
			// Every row sits on a centre: fewer distinct rows than k.
			copy(cent.Row(c), m.Row(rng.IntN(n)))
			continue
		}
		bestIdx, bestPot := -1, math.Inf(1)
		for range trials {
			idx := drawD2(closest, rng.Float64()*pot)
			x := m.Row(idx)
			p := 0.0
			for i := range cand {
				cand[i] = min(closest[i], sqDist(m.Row(i), x))
				p += cand[i]
			}
			if p < bestPot {
				bestIdx, bestPot = idx, p
				best, cand = cand, best
			}
		}
		copy(cent.Row(c), m.Row(bestIdx))
		closest, best = best, closest
		pot = bestPot
	}
}

// drawD2 returns the first index whose running sum of w exceeds r, the
// D²-weighted draw of k-means++; rounding falls back to the last positive
// weight.
func drawD2(w []float64, r float64) int {
	acc, last := 0.0, 0
	for i, x := range w {
		if x > 0 {
			acc += x
			last = i
			if acc > r {
				return i
			}
		}
	}
	return last
}

// chunkRows is the number of rows per unit of parallel work. Chunk
// boundaries depend only on N, which keeps every sum independent of the
// number of goroutines.
const chunkRows = 2048

// parallel calls fn(c, lo, hi) for the chunks [lo, hi) of [0, n), chunk c
// starting at c·chunk, on up to GOMAXPROCS goroutines.
func parallel(n, chunk int, fn func(c, lo, hi int)) {
	nc := (n + chunk - 1) / chunk
	workers := min(runtime.GOMAXPROCS(0), nc)
	if workers <= 1 {
		for c := 0; c < nc; c++ {
			fn(c, c*chunk, min(n, (c+1)*chunk))
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for {
				c := int(next.Add(1) - 1)
				if c >= nc {
					return
				}
				fn(c, c*chunk, min(n, (c+1)*chunk))
			}
		})
	}
	wg.Wait()
}

// partial is one chunk's share of an assignment step.
type partial struct {
	sums    []float64 // k×D coordinate sums per cluster
	counts  []int
	inertia float64
	changed int
}

// assigner runs assignment steps over the rows of m.
type assigner struct {
	m      Matrix
	labels []int
	dist   []float64 // squared distance of each row to its centroid
	parts  []partial
	sums   []float64 // combined, k×D
	counts []int     // combined
}

func newAssigner(m Matrix, k int, labels []int) *assigner {
	a := &assigner{
		m:      m,
		labels: labels,
		dist:   make([]float64, m.N),
		parts:  make([]partial, (m.N+chunkRows-1)/chunkRows),
		sums:   make([]float64, k*m.D),
		counts: make([]int, k),
	}
	for c := range a.parts {
		a.parts[c].sums = make([]float64, k*m.D)
		a.parts[c].counts = make([]int, k)
	}
	return a
}

// assign labels every row with its nearest centroid of cent and fills
// a.sums and a.counts. It returns the inertia and how many labels changed.
func (a *assigner) assign(cent Matrix) (inertia float64, changed int) {
	m, k, d := a.m, cent.N, a.m.D
	parallel(m.N, chunkRows, func(c, lo, hi int) {
		p := &a.parts[c]
		clear(p.sums)
		clear(p.counts)
		p.inertia, p.changed = 0, 0
		for i := lo; i < hi; i++ {
			x := m.Row(i)
			best, bd := nearest(x, cent.Data, k)
			if a.labels[i] != best {
				a.labels[i] = best
				p.changed++
			}
			a.dist[i] = bd
			p.inertia += bd
			p.counts[best]++
			s := p.sums[best*d : best*d+d]
			for j, v := range x {
				s[j] += v
			}
		}
	})
	clear(a.sums)
	clear(a.counts)
	for c := range a.parts {
		p := &a.parts[c]
		inertia += p.inertia
		changed += p.changed
		for j, v := range p.sums {
			a.sums[j] += v
		}
		for j, v := range p.counts {
			a.counts[j] += v
		}
	}
	return inertia, changed
}

// relocate re-seeds each empty cluster with the farthest point (ties: the
// lower row) of a cluster that keeps at least one row, moving that row's
// share of a.sums and a.counts with it.
func (a *assigner) relocate() {
	d := a.m.D
	for c, cnt := range a.counts {
		if cnt > 0 {
			continue
		}
		far := -1
		for i, di := range a.dist {
			if di > 0 && a.counts[a.labels[i]] > 1 && (far < 0 || di > a.dist[far]) {
				far = i
			}
		}
		if far < 0 {
			return // every row sits on its centroid
		}
		old, x := a.labels[far], a.m.Row(far)
		for j, v := range x {
			a.sums[old*d+j] -= v
			a.sums[c*d+j] = v
		}
		a.counts[old]--
		a.counts[c] = 1
		a.labels[far] = c
		a.dist[far] = 0
	}
}

// lloyd runs Lloyd iterations from the centroids in cent, which it
// updates, and fills labels; it returns the final inertia.
func lloyd(m, cent Matrix, labels []int, maxIter int) float64 {
	for i := range labels {
		labels[i] = -1
	}
	a := newAssigner(m, cent.N, labels)
	d := m.D
	for it := 0; ; it++ {
		inertia, changed := a.assign(cent)
		if changed == 0 || it >= maxIter {
			return inertia
		}
		a.relocate()
		for c, cnt := range a.counts {
			if cnt == 0 {
				continue
			}
			row, s := cent.Row(c), a.sums[c*d:c*d+d]
			for j := range row {
				row[j] = s[j] / float64(cnt)
			}
		}
	}
}
