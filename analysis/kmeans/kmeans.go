package kmeans

import (
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
)

// DefaultTol is the default convergence tolerance of Fit, scikit-learn's
// (KMeans tol = 1e-4): Lloyd iterations stop once the centroids' total
// squared shift in one update is at most 10⁻⁴ of the data's mean
// per-feature variance. The benchmarks use it. Select's DefaultParams do
// not (see there).
const DefaultTol = 1e-4

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
// an assignment changes no label, or maxIter updates have been made
// (maxIter ≤ 0: labels are the nearest seeds), or an update moves the
// centroids by a total squared shift
//
//	Σⱼ ‖cⱼ′ − cⱼ‖² ≤ tol · (1/D) Σ_d Var(x_d)
//
// (Var the population variance of column d; scikit-learn's rule, whose
// default tol is DefaultTol). tol = 0 iterates until no label changes. In
// the first two cases the returned labels are the nearest centroids. In
// the third, the labels are those of one more assignment, and the
// centroids are moved once more, to the means of their rows, as they are
// at convergence (scikit-learn returns the centroids before that move): so
// the centroids depend only on the labels, and equal, bit for bit, those
// of tol = 0 run to convergence whenever the labels do; a row within the
// tolerance of a boundary may then lie nearer another centroid. W is
// always measured against the returned centroids. A cluster left empty is
// re-seeded with the farthest point, the row farthest from its centroid
// among clusters of two or more rows; when every such row sits on its
// centroid (m has fewer than k distinct rows), the cluster stays empty and
// its centroid duplicates a seed.
//
// The assignment step is Hamerly's: each row keeps an upper bound on the
// distance to its centroid and a lower bound on the distance to every
// other, moved by how far the centroids moved; a row whose upper bound
// lies below the larger of its lower bound and half the distance from its
// centroid to the nearest other centroid keeps its label without any
// distance computed. The bounds are widened by a relative 2⁻⁴⁰ at every
// step to cover rounding, so every row skipped is one whose nearest
// centroid a full computation would not change: the labels, centroids and
// W are bit for bit those of plain Lloyd iterations.
//
// The randomness comes from a PCG source seeded with seed. The distances
// of the seeding and the assignment step are split across GOMAXPROCS
// goroutines in fixed chunks of rows; the seeding's sums run in row order,
// and the centroids' sums are made per chunk and combined in chunk order,
// so the result depends only on (m, k, seed, maxIter, tol), not on the
// number of cores. The cost is O(N·k·D) for the first assignment and
// O(N·D) plus O(k·D) for each row not skipped for each later one; Select
// fits a sample when N is large.
//
// Fit panics if k < 1 or unless tol ≥ 0 (tol = +Inf stops after one
// update). With N = 0 it returns no labels, zero centroids and W = 0. m
// must not contain NaN or ±Inf.
//
// References:
//
//	Arthur, D. and Vassilvitskii, S. (2007). k-means++: the advantages of
//	careful seeding. Proceedings of the 18th Annual ACM-SIAM Symposium on
//	Discrete Algorithms (SODA), 1027–1035.
//	Hamerly, G. (2010). Making k-means even faster. Proceedings of the
//	2010 SIAM International Conference on Data Mining (SDM), 130–140.
//	Lloyd, S. P. (1982). Least squares quantization in PCM. IEEE
//	Transactions on Information Theory 28(2), 129–137.
func Fit(m Matrix, k int, seed uint64, maxIter int, tol float64) (labels []int, centroids Matrix, inertia float64) {
	m.check("Fit")
	if k < 1 {
		panic(fmt.Sprintf("kmeans: Fit: k = %d < 1", k))
	}
	if !(tol >= 0) {
		panic(fmt.Sprintf("kmeans: Fit: tol = %v: want tol ≥ 0", tol))
	}
	labels = make([]int, m.N)
	centroids = Matrix{N: k, D: m.D, Data: make([]float64, k*m.D)}
	if m.N == 0 {
		return labels, centroids, 0
	}
	seedCentres(m, centroids, newRand(seed, saltSeeding))
	tolAbs := 0.0
	if tol > 0 {
		if v := meanVariance(m); v > 0 {
			tolAbs = tol * v
		}
	}
	inertia = lloyd(m, centroids, labels, maxIter, tolAbs, true)
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
// The conversion of each square forbids fused multiply-adds, so that every
// path that measures a distance rounds alike on every platform.
func sqDist(a, b []float64) float64 {
	b = b[:len(a)]
	s := 0.0
	for j, x := range a {
		t := x - b[j]
		s += float64(t * t)
	}
	return s
}

// sqDist4 is sqDist for four columns, x = (x0, x1, x2, x3) and c[:4],
// unrolled, summing in the same order.
func sqDist4(x0, x1, x2, x3 float64, c []float64) float64 {
	c = c[:4:4]
	t0, t1, t2, t3 := x0-c[0], x1-c[1], x2-c[2], x3-c[3]
	return float64(t0*t0) + float64(t1*t1) + float64(t2*t2) + float64(t3*t3)
}

// sqDistTo is the squared distance from x to centroid j of cent
// (row-major, len(x) columns), computed as nearest computes it.
func sqDistTo(x, cent []float64, j int) float64 {
	d := len(x)
	if d == 4 {
		return sqDist4(x[0], x[1], x[2], x[3], cent[j*4:])
	}
	return sqDist(x, cent[j*d:])
}

// nearest returns the nearest of the k centroids in cent (row-major,
// len(x) columns) to x, ties to the lower index, and its squared distance.
// Four columns, the RFM-and-tenure case, take an unrolled path that sums in
// the same order as sqDist.
func nearest(x, cent []float64, k int) (best int, bd float64) {
	d := len(x)
	bd = math.Inf(1)
	if d == 4 {
		// Branch-free: the nearest centroid is hard to predict.
		x0, x1, x2, x3 := x[0], x[1], x[2], x[3]
		for j := 0; j < k; j++ {
			dd := sqDist4(x0, x1, x2, x3, cent[j*4:])
			if dd < bd {
				best = j
			}
			bd = min(bd, dd)
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

// meanVariance returns (1/D) Σ_d Var(x_d), the population variance of each
// column of m averaged over the columns (0 without rows or columns), by
// two passes with per-chunk sums combined in chunk order.
func meanVariance(m Matrix) float64 {
	n, d := m.N, m.D
	if n == 0 || d == 0 {
		return 0
	}
	nc := (n + chunkRows - 1) / chunkRows
	part := make([]float64, nc*d)
	combine := func() []float64 {
		s := make([]float64, d)
		for c := range nc {
			for j := range s {
				s[j] += part[c*d+j]
			}
		}
		clear(part)
		return s
	}
	parallel(n, chunkRows, func(c, lo, hi int) {
		s := part[c*d : c*d+d]
		for i := lo; i < hi; i++ {
			for j, x := range m.Row(i) {
				s[j] += x
			}
		}
	})
	mean := combine()
	for j := range mean {
		mean[j] /= float64(n)
	}
	parallel(n, chunkRows, func(c, lo, hi int) {
		s := part[c*d : c*d+d]
		for i := lo; i < hi; i++ {
			for j, x := range m.Row(i) {
				t := x - mean[j]
				s[j] += float64(t * t)
			}
		}
	})
	v := 0.0
	for _, ss := range combine() {
		v += ss / float64(n)
	}
	return v / float64(d)
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
	bounds           // Hamerly's step only
}

func newAssigner(m Matrix, k int, labels []int) *assigner {
	a := &assigner{
		m:      m,
		labels: labels,
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
// a.sums, a.counts and a.dist. It returns the inertia and how many labels
// changed.
func (a *assigner) assign(cent Matrix) (inertia float64, changed int) {
	m, k, d := a.m, cent.N, a.m.D
	if a.dist == nil {
		a.dist = make([]float64, m.N)
	}
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
	return a.combine()
}

// combine adds up the chunks' shares in chunk order into a.sums and
// a.counts and returns their inertia and changed labels.
func (a *assigner) combine() (inertia float64, changed int) {
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
// share of a.sums and a.counts with it. a.dist must hold each row's
// squared distance to its centroid.
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
		a.forget(far)
	}
}

// update moves each centroid of cent that has rows to the mean of its rows
// and returns the total squared shift Σⱼ ‖cⱼ′ − cⱼ‖². For Hamerly's step
// it records how far each centroid moved.
func (a *assigner) update(cent Matrix) (shift float64) {
	d := a.m.D
	for c, cnt := range a.counts {
		sq := 0.0
		if cnt > 0 {
			row, s := cent.Row(c), a.sums[c*d:c*d+d]
			for j := range row {
				v := s[j] / float64(cnt)
				t := v - row[j]
				sq += float64(t * t)
				row[j] = v
			}
		}
		shift += sq
		a.moved(c, sq)
	}
	a.refresh(cent)
	return shift
}

// lloyd runs Lloyd iterations from the centroids in cent, which it
// updates, and fills labels; it returns the final inertia. The iterations
// stop as Fit says, tolAbs being the bound on the total squared shift (0:
// none). bounded chooses Hamerly's assignment step, plain Lloyd's
// otherwise; the results are the same, bit for bit.
func lloyd(m, cent Matrix, labels []int, maxIter int, tolAbs float64, bounded bool) float64 {
	for i := range labels {
		labels[i] = -1
	}
	a := newAssigner(m, cent.N, labels)
	if bounded {
		a.bounds = newBounds(m.N, cent.N)
	}
	stop := false
	for it := 0; ; it++ {
		var inertia float64
		var changed int
		if bounded {
			changed = a.assignBounded(cent)
		} else {
			inertia, changed = a.assign(cent)
		}
		if stop && changed > 0 {
			// Stopped by the tolerance: the centroids move once more, to
			// the means of their rows, as they are at convergence.
			a.update(cent)
			return a.inertia(cent)
		}
		if changed == 0 || it >= maxIter || stop {
			if bounded {
				inertia = a.inertia(cent)
			}
			return inertia
		}
		if bounded && slices.Contains(a.counts, 0) {
			a.fillDist(cent)
		}
		a.relocate()
		stop = a.update(cent) <= tolAbs && tolAbs > 0
	}
}
