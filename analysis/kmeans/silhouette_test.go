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

// TestSelectScoringIsSilhouette checks that SelectScoring scores another
// labelling bit for bit as Silhouette does on the silhouette sample's
// rows that have a label (−1 leaves a row out), with a sample (N above
// SampleSize) and without; and that its clustering is Select's.
func TestSelectScoringIsSilhouette(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 5))
	for _, c := range []struct {
		name       string
		n, sample  int
		k, without int // groups; one row in without has no group
	}{
		{"every row scored", 400, 1000, 4, 0},
		{"a sample, some rows in no group", 900, 300, 5, 7},
		{"a sample, one group never sampled", 900, 250, 6, 3},
	} {
		t.Run(c.name, func(t *testing.T) {
			m := Matrix{N: c.n, D: 4, Data: make([]float64, c.n*4)}
			for i := range m.Data {
				m.Data[i] = rng.NormFloat64() + float64(i%3)
			}
			labels := make([]int, c.n)
			for i := range labels {
				labels[i] = rng.IntN(c.k - 1) // the last group stays empty, but for row 0
				if c.without > 0 && rng.IntN(c.without) == 0 {
					labels[i] = -1
				}
			}
			labels[0] = c.k - 1
			p := DefaultParams()
			p.SampleSize = c.sample
			p.KMax = 4
			got, byLabel, err := SelectScoring(m, p, Scoring{Labels: labels, K: c.k})
			if err != nil {
				t.Fatal(err)
			}
			plain, err := Select(m, p)
			if err != nil {
				t.Fatal(err)
			}
			if got.K != plain.K || got.Silhouette != plain.Silhouette || len(got.Scores) != len(plain.Scores) {
				t.Errorf("SelectScoring chose k=%d (%v), Select k=%d (%v)", got.K, got.Silhouette, plain.K, plain.Silhouette)
			}
			rows := SilhouetteSample(m.N, p)
			if rows == nil {
				rows = make([]int, m.N)
				for i := range rows {
					rows[i] = i
				}
			}
			var in, inLabels []int
			for _, i := range rows {
				if labels[i] >= 0 {
					in = append(in, i)
					inLabels = append(inLabels, labels[i])
				}
			}
			_, want := Silhouette(m.Rows(in), inLabels, c.k, nil)
			if len(byLabel) != len(want) {
				t.Fatalf("%d groups scored, want %d", len(byLabel), len(want))
			}
			for g := range want {
				if math.Float64bits(byLabel[g]) != math.Float64bits(want[g]) {
					t.Errorf("group %d: %v, Silhouette gives %v", g, byLabel[g], want[g])
				}
			}
		})
	}
	if _, byLabel, err := SelectScoring(Matrix{N: 2, D: 1, Data: []float64{0, 0}}, DefaultParams(), Scoring{Labels: []int{0, 1}, K: 2}); err == nil || byLabel != nil {
		t.Errorf("too few rows: byLabel %v, err %v; want nil and an error", byLabel, err)
	}
}
