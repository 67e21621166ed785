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
	n := m.N
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

	s := silhouetteRows(m, sample, []silLabelling{newSilLabelling(labels, size)})[0]

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

// silLabelling is one labelling of the rows as silhouetteRows reads it.
type silLabelling struct {
	labels  []int     // per row
	size    []int     // per cluster: its rows
	members [][]int32 // per cluster: its rows, in increasing order
}

func newSilLabelling(labels, size []int) silLabelling {
	l := silLabelling{labels: labels, size: size, members: make([][]int32, len(size))}
	all := make([]int32, len(labels))
	off := 0
	for c, n := range size {
		l.members[c] = all[off : off : off+n]
		off += n
	}
	for i, c := range labels {
		if c >= 0 { // −1: a row in no cluster (Scoring)
			l.members[c] = append(l.members[c], int32(i))
		}
	}
	return l
}

// silBlock is the number of evaluated rows whose distances silhouetteRows
// holds at once.
const silBlock = 4

// silhouetteRows returns s(i) (see Silhouette) of the rows listed in sample
// under each labelling of the rows of m: out[l][t] for labelling l and
// row sample[t]. The distances from an evaluated row to every row are
// computed once for all labellings (Select scores every k on the same
// rows), silBlock evaluated rows at a time; each cluster's sum then adds
// its rows' distances in increasing row order, silBlock sums side by side,
// so the result is bit for bit that of summing each cluster's distances
// one row after another.
func silhouetteRows(m Matrix, sample []int, labellings []silLabelling) [][]float64 {
	n := m.N
	out := make([][]float64, len(labellings))
	kMax := 0
	for l, lab := range labellings {
		out[l] = make([]float64, len(sample))
		kMax = max(kMax, len(lab.size))
	}
	parallel(len(sample), silChunk, func(_, lo, hi int) {
		buf := make([]float64, silBlock*n)
		b0, b1, b2, b3 := buf[:n], buf[n:2*n], buf[2*n:3*n], buf[3*n:]
		sums := make([][silBlock]float64, kMax)
		var rows [silBlock]int
		for t := lo; t < hi; t += silBlock {
			r := min(silBlock, hi-t)
			for q := range rows {
				rows[q] = sample[t+min(q, r-1)] // a short block repeats its last row
			}
			silDistances(m, rows, buf)
			for l, lab := range labellings {
				for c, mem := range lab.members {
					var a0, a1, a2, a3 float64
					for _, j := range mem {
						a0 += b0[j]
						a1 += b1[j]
						a2 += b2[j]
						a3 += b3[j]
					}
					sums[c] = [silBlock]float64{a0, a1, a2, a3}
				}
				for q := range r {
					out[l][t+q] = silCoefficient(lab, rows[q], q, sums)
				}
			}
		}
	})
	return out
}

// silCoefficient is s(i) of row i under lab, from its sums of distances
// to each cluster's rows, sums[c][q].
func silCoefficient(lab silLabelling, i, q int, sums [][silBlock]float64) float64 {
	own := lab.labels[i]
	if own < 0 || lab.size[own] < 2 {
		return 0
	}
	a := sums[own][q] / float64(lab.size[own]-1)
	b := math.Inf(1)
	for c, size := range lab.size {
		if c != own && size > 0 {
			b = min(b, sums[c][q]/float64(size))
		}
	}
	if math.IsInf(b, 1) || max(a, b) == 0 {
		return 0
	}
	return (b - a) / max(a, b)
}

// silDistances fills buf[q·N + j] with ‖row rows[q] − row j‖ for every row
// j of m, with an unrolled path for four columns that sums in the same
// order as sqDist, without fused multiply-adds either.
func silDistances(m Matrix, rows [silBlock]int, buf []float64) {
	n, d := m.N, m.D
	for q, i := range rows {
		out := buf[q*n : (q+1)*n]
		x := m.Row(i)
		switch d {
		case 0:
			clear(out)
		case 4:
			x0, x1, x2, x3 := x[0], x[1], x[2], x[3]
			pts := m.Data[:n*4]
			for j := range out {
				p := pts[4*j : 4*j+4 : 4*j+4]
				t0, t1, t2, t3 := x0-p[0], x1-p[1], x2-p[2], x3-p[3]
				out[j] = math.Sqrt(float64(t0*t0) + float64(t1*t1) + float64(t2*t2) + float64(t3*t3))
			}
		default:
			for j := range out {
				out[j] = math.Sqrt(sqDist(x, m.Row(j)))
			}
		}
	}
}
