package kmeans

import (
	"math"
	"math/rand/v2"
	"testing"
)

// silhouetteOneByOne is s(i) computed as the silhouette was before
// silhouetteRows: for each evaluated row, each cluster's distances summed
// one row after another in increasing row order.
func silhouetteOneByOne(m Matrix, labels []int, k int, sample []int) []float64 {
	size := make([]int, k)
	for _, l := range labels {
		size[l]++
	}
	out := make([]float64, len(sample))
	for t, i := range sample {
		own := labels[i]
		if size[own] < 2 {
			continue
		}
		sums := make([]float64, k)
		for j := range m.N {
			x, y := m.Row(i), m.Row(j)
			var d float64
			if m.D == 4 {
				t0, t1, t2, t3 := x[0]-y[0], x[1]-y[1], x[2]-y[2], x[3]-y[3]
				d = math.Sqrt(float64(t0*t0) + float64(t1*t1) + float64(t2*t2) + float64(t3*t3))
			} else {
				d = math.Sqrt(sqDist(x, y))
			}
			sums[labels[j]] += d
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
		out[t] = (b - a) / max(a, b)
	}
	return out
}

// TestSilhouetteRowsBitForBit scores several labellings of the same rows
// at once and checks every s(i) against the one-by-one computation, float
// bits equal: four columns and three, samples whose length is not a
// multiple of the block (a short last block), empty and singleton clusters.
func TestSilhouetteRowsBitForBit(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	for _, c := range []struct {
		name   string
		n, d   int
		ks     []int
		sample int // rows evaluated; 0: all
	}{
		{"four columns, all rows", 203, 4, []int{2, 3, 5, 8}, 0},
		{"four columns, a sample", 500, 4, []int{2, 4, 7}, 37},
		{"three columns", 150, 3, []int{2, 6}, 0},
		{"one row short of a block", 7, 4, []int{2, 3}, 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			m := Matrix{N: c.n, D: c.d, Data: make([]float64, c.n*c.d)}
			for i := range m.Data {
				m.Data[i] = rng.NormFloat64()
				if i%17 == 0 {
					m.Data[i] = m.Data[max(0, i-c.d)] // some duplicate values
				}
			}
			sample := make([]int, 0, c.n)
			for i := range c.n {
				if c.sample == 0 || rng.IntN(c.n) < c.sample {
					sample = append(sample, i)
				}
			}
			var labellings []silLabelling
			var all [][]int
			for _, k := range c.ks {
				labels := make([]int, c.n)
				size := make([]int, k)
				for i := range labels {
					labels[i] = rng.IntN(k - 1) // the last cluster stays empty
					size[labels[i]]++
				}
				if k > 2 {
					// a singleton: row 0 alone in its cluster
					size[labels[0]]--
					labels[0] = k - 1
					size[k-1]++
				}
				labellings = append(labellings, newSilLabelling(labels, size))
				all = append(all, labels)
			}
			got := silhouetteRows(m, sample, labellings)
			for l, k := range c.ks {
				want := silhouetteOneByOne(m, all[l], k, sample)
				for t2 := range sample {
					if math.Float64bits(got[l][t2]) != math.Float64bits(want[t2]) {
						t.Fatalf("k=%d row %d: s = %.17g, one by one %.17g", k, sample[t2], got[l][t2], want[t2])
					}
				}
			}
		})
	}
}
