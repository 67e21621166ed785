package kmeans

import (
	"fmt"
	"math"
)

// silChunk is the number of evaluated rows per unit of parallel work.
const silChunk = 32

// Silhouette returns the mean silhouette coefficient of the rows listed in
// sample (all rows when sample is nil), and its mean per label. For row i
// in cluster A, with Euclidean distances d,
//
//	a(i) = (1/(|A| − 1)) Σ_{j∈A, j≠i} d(i, j)
//	b(i) = min_{C≠A, |C|>0} (1/|C|) Σ_{j∈C} d(i, j)
//	s(i) = (b(i) − a(i)) / max(a(i), b(i))
//
// where every cluster holds ALL rows of m with its label, not only the
// sampled ones. Following Rousseeuw, s(i) = 0 when |A| = 1; it is also 0
// when no other cluster has rows and when a(i) = b(i) = 0 (duplicates).
// byLabel[c] is the mean s(i) over the evaluated rows labelled c, 0 when
// there are none; mean is 0 when no row is evaluated. Neither is ever NaN.
//
// The cost is O(len(sample)·N·D), or O(N²·D) for all rows, split across
// GOMAXPROCS goroutines; the sums run in a fixed order, so the result does
// not depend on the number of cores. For large N, pass a random subset of
// the rows as m to get the sample's own silhouette (Select does).
//
// Silhouette panics if k < 0, if len(labels) != m.N, if a label lies
// outside [0, k) or if a sampled row lies outside [0, N).
//
// References:
//
//	Rousseeuw, P. J. (1987). Silhouettes: a graphical aid to the
//	interpretation and validation of cluster analysis. Journal of
//	Computational and Applied Mathematics 20, 53–65.
func Silhouette(m Matrix, labels []int, k int, sample []int) (mean float64, byLabel []float64) {
	m.check("Silhouette")
	if len(labels) != m.N {
		panic(fmt.Sprintf("kmeans: Silhouette: %d labels for %d rows", len(labels), m.N))
	}
	if k < 0 {
		panic(fmt.Sprintf("kmeans: Silhouette: k = %d < 0", k))
	}
	n, d := m.N, m.D
	size := make([]int, k)
	for _, l := range labels {
		if l < 0 || l >= k {
			panic(fmt.Sprintf("kmeans: Silhouette: label %d outside [0, %d)", l, k))
		}
		size[l]++
	}
	if sample == nil {
		sample = make([]int, n)
		for i := range sample {
			sample[i] = i
		}
	}
	for _, i := range sample {
		if i < 0 || i >= n {
			panic(fmt.Sprintf("kmeans: Silhouette: sampled row %d outside [0, %d)", i, n))
		}
	}

	// The rows grouped by label, so that each cluster is one contiguous
	// run [off[c], off[c+1]) of pts.
	off := make([]int, k+1)
	for c, s := range size {
		off[c+1] = off[c] + s
	}
	pts := make([]float64, n*d)
	next := append([]int(nil), off[:k]...)
	for i, l := range labels {
		copy(pts[next[l]*d:], m.Row(i))
		next[l]++
	}

	s := make([]float64, len(sample))
	parallel(len(sample), silChunk, func(_, lo, hi int) {
		sums := make([]float64, k)
		for t := lo; t < hi; t++ {
			i := sample[t]
			own := labels[i]
			if size[own] < 2 {
				continue // s(i) = 0
			}
			x := m.Row(i)
			for c := range sums {
				sums[c] = silSumDist(x, pts[off[c]*d:off[c+1]*d])
			}
			a := sums[own] / float64(size[own]-1)
			b := math.Inf(1)
			for c, sum := range sums {
				if c != own && size[c] > 0 {
					b = min(b, sum/float64(size[c]))
				}
			}
			if math.IsInf(b, 1) || max(a, b) == 0 {
				continue
			}
			s[t] = (b - a) / max(a, b)
		}
	})

	byLabel = make([]float64, len(size))
	count := make([]int, len(size))
	for t, v := range s {
		mean += v
		byLabel[labels[sample[t]]] += v
		count[labels[sample[t]]]++
	}
	if len(s) > 0 {
		mean /= float64(len(s))
	}
	for c, cnt := range count {
		if cnt > 0 {
			byLabel[c] /= float64(cnt)
		}
	}
	return mean, byLabel
}

// AdjustedRandIndex compares two labellings of the same rows: 1 when they
// are identical up to renaming the labels, about 0 for independent random
// labellings, negative when worse than chance. With nᵢⱼ the rows labelled i
// in a and j in b, aᵢ and bⱼ the row and column sums and C(x) = x(x−1)/2,
//
//	index    = Σᵢⱼ C(nᵢⱼ)
//	expected = Σᵢ C(aᵢ) · Σⱼ C(bⱼ) / C(n)
//	maximum  = (Σᵢ C(aᵢ) + Σⱼ C(bⱼ)) / 2
//	ARI      = (index − expected) / (maximum − expected)
//
// computed as (index·C(n) − Σ C(aᵢ)·Σ C(bⱼ)) / (maximum·C(n) − Σ C(aᵢ)·Σ C(bⱼ))
// from exact integer sums. When the denominator is 0 (fewer than 2 rows,
// or both labellings put every row in one cluster, or every row in its own
// cluster) the labellings agree and the result is 1, as in scikit-learn's
// adjusted_rand_score. Labels may be any ints. AdjustedRandIndex panics if
// len(a) != len(b).
//
// References:
//
//	Hubert, L. and Arabie, P. (1985). Comparing partitions. Journal of
//	Classification 2(1), 193–218.
func AdjustedRandIndex(a, b []int) float64 {
	if len(a) != len(b) {
		panic(fmt.Sprintf("kmeans: AdjustedRandIndex: labellings of %d and %d rows", len(a), len(b)))
	}
	type pair struct{ a, b int }
	nij := map[pair]int64{}
	ai := map[int]int64{}
	bj := map[int]int64{}
	for t := range a {
		nij[pair{a[t], b[t]}]++
		ai[a[t]]++
		bj[b[t]]++
	}
	c2 := func(x int64) int64 { return x * (x - 1) / 2 }
	var index, sa, sb int64
	for _, v := range nij {
		index += c2(v)
	}
	for _, v := range ai {
		sa += c2(v)
	}
	for _, v := range bj {
		sb += c2(v)
	}
	total := float64(c2(int64(len(a))))
	prod := float64(sa) * float64(sb)
	num := float64(index)*total - prod
	den := float64(sa+sb)/2*total - prod
	if den == 0 {
		return 1
	}
	return num / den
}

// silSumDist returns Σ ‖x − p‖ over the rows p of pts (row-major, len(x)
// columns), with an unrolled path for four columns that sums in the same
// order as sqDist, without fused multiply-adds either.
func silSumDist(x, pts []float64) float64 {
	d := len(x)
	sum := 0.0
	switch d {
	case 0:
		return 0
	case 4:
		x0, x1, x2, x3 := x[0], x[1], x[2], x[3]
		for p := 0; p+4 <= len(pts); p += 4 {
			q := pts[p : p+4 : p+4]
			t0, t1, t2, t3 := x0-q[0], x1-q[1], x2-q[2], x3-q[3]
			sum += math.Sqrt(float64(t0*t0) + float64(t1*t1) + float64(t2*t2) + float64(t3*t3))
		}
	default:
		for p := 0; p+d <= len(pts); p += d {
			sum += math.Sqrt(sqDist(x, pts[p:p+d]))
		}
	}
	return sum
}
