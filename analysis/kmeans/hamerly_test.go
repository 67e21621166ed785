package kmeans

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// kmUniform draws n rows of d columns uniform on [0, 1).
func kmUniform(n, d int, seed uint64) Matrix {
	rng := rand.New(rand.NewPCG(seed, 1))
	m := Matrix{N: n, D: d, Data: make([]float64, n*d)}
	for i := range m.Data {
		m.Data[i] = rng.Float64()
	}
	return m
}

// kmGrid draws n rows of d columns from the integers 0..levels−1: many
// duplicate rows, exact ties between centroids and, with few levels, fewer
// distinct rows than k (empty clusters, relocation).
func kmGrid(n, d, levels int, seed uint64) Matrix {
	rng := rand.New(rand.NewPCG(seed, 2))
	m := Matrix{N: n, D: d, Data: make([]float64, n*d)}
	for i := range m.Data {
		m.Data[i] = float64(rng.IntN(levels))
	}
	return m
}

// kmDatasets are the random data on which the bounded step must match the
// plain one. Each has more rows than one chunk of the parallel step.
func kmDatasets() []struct {
	name string
	m    Matrix
} {
	blobs, _ := kmBlobs(4000, kmCorners, 1.5, 3)
	return []struct {
		name string
		m    Matrix
	}{
		{"customers 4-D", kmCustomers(5000)},
		{"blobs 4-D", blobs},
		{"uniform 4-D", kmUniform(5000, 4, 1)},
		{"uniform 2-D", kmUniform(5000, 2, 2)},
		{"uniform 1-D", kmUniform(3000, 1, 3)},
		{"uniform 5-D", kmUniform(3000, 5, 4)},
		{"grid 4-D, 3 levels", kmGrid(5000, 4, 3, 5)},
		{"grid 2-D, 2 levels (4 distinct rows)", kmGrid(5000, 2, 2, 6)},
		{"grid 1-D, 3 levels (3 distinct rows)", kmGrid(3000, 1, 3, 7)},
	}
}

// TestHamerlyMatchesLloyd checks that Hamerly's step gives, after each of
// the first 40 iterations and at the end, the labels, centroids and
// inertia of plain Lloyd iterations bit for bit, with and without the
// tolerance.
func TestHamerlyMatchesLloyd(t *testing.T) {
	for _, ds := range kmDatasets() {
		for _, k := range []int{1, 2, 3, 5, 8} {
			for _, tol := range []float64{0, DefaultTol} {
				m := ds.m
				seeds := Matrix{N: k, D: m.D, Data: make([]float64, k*m.D)}
				seedCentres(m, seeds, newRand(uint64(k), saltSeeding))
				tolAbs := tol * meanVariance(m)
				run := func(maxIter int, bounded bool) ([]int, Matrix, float64) {
					cent := Matrix{N: k, D: m.D, Data: slices.Clone(seeds.Data)}
					labels := make([]int, m.N)
					w := lloyd(m, cent, labels, maxIter, tolAbs, bounded)
					return labels, cent, w
				}
				_, _, final := run(300, false)
				for maxIter := 0; maxIter <= 300; maxIter++ {
					if maxIter > 40 && maxIter < 300 {
						continue // the first 40 iterations, then the end
					}
					l0, c0, w0 := run(maxIter, false)
					l1, c1, w1 := run(maxIter, true)
					if !slices.Equal(l0, l1) || !slices.Equal(c0.Data, c1.Data) || w0 != w1 {
						diff := 0
						for i := range l0 {
							if l0[i] != l1[i] {
								diff++
							}
						}
						t.Fatalf("%s, k = %d, tol %g, %d iterations: %d labels differ, inertia %v vs %v, centroids %v vs %v",
							ds.name, k, tol, maxIter, diff, w0, w1, c0.Data, c1.Data)
					}
					if w0 == final {
						break // converged: later iterations repeat this one
					}
				}
			}
		}
	}
}

// kmSeedReference is the k-means++ seeding written as one sequential loop
// over the rows (the code before the seeding was split into chunks):
// seedCentres must choose the same rows.
func kmSeedReference(m, cent Matrix, rng *rand.Rand) {
	n, k := m.N, cent.N
	trials := 2 + int(math.Log(float64(k)))
	closest := make([]float64, n)
	cand := make([]float64, n)
	best := make([]float64, n)
	copy(cent.Row(0), m.Row(rng.IntN(n)))
	pot := 0.0
	for i := range closest {
		closest[i] = sqDist(m.Row(i), cent.Row(0))
		pot += closest[i]
	}
	draw := func(r float64) int {
		acc, last := 0.0, 0
		for i, x := range closest {
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
	for c := 1; c < k; c++ {
		if !(pot > 0) {
			copy(cent.Row(c), m.Row(rng.IntN(n)))
			continue
		}
		bestIdx, bestPot := -1, math.Inf(1)
		for range trials {
			idx := draw(rng.Float64() * pot)
			p := 0.0
			for i := range cand {
				cand[i] = min(closest[i], sqDist(m.Row(i), m.Row(idx)))
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

func TestSeedCentresSequential(t *testing.T) {
	for _, ds := range kmDatasets() {
		for _, k := range []int{1, 2, 5, 8, 21} {
			for seed := range uint64(3) {
				m := ds.m
				got := Matrix{N: k, D: m.D, Data: make([]float64, k*m.D)}
				want := Matrix{N: k, D: m.D, Data: make([]float64, k*m.D)}
				seedCentres(m, got, newRand(seed, saltSeeding))
				kmSeedReference(m, want, newRand(seed, saltSeeding))
				if !slices.Equal(got.Data, want.Data) {
					t.Errorf("%s, k = %d, seed %d: seeds %v, want %v", ds.name, k, seed, got.Data, want.Data)
				}
			}
		}
	}
}

func TestD2Draw(t *testing.T) {
	// Three chunks: weights 1 on rows 0, 2050 and 4100, 0.5 on the last
	// row, zeros elsewhere; the running sum is 1, 2, 3, 3.5.
	n := 2*chunkRows + 10
	d := newD2(n)
	d.w[0], d.w[2050], d.w[4100], d.w[n-1] = 1, 1, 1, 0.5
	d.sum()
	tests := []struct {
		r    float64
		want int
	}{
		{0, 0},
		{0.999, 0},
		{1, 2050}, // the running sum must exceed r
		{2.5, 4100},
		{3, n - 1},
		{3.49, n - 1},
		{3.5, n - 1}, // r ≥ the total: the last positive weight
		{9, n - 1},
	}
	for _, tt := range tests {
		if got := d.draw(tt.r); got != tt.want {
			t.Errorf("draw(%v) = %d, want %d", tt.r, got, tt.want)
		}
	}
	if d.total() != 3.5 {
		t.Errorf("total %v, want 3.5", d.total())
	}
	t.Run("last positive weight is row 0", func(t *testing.T) {
		d := newD2(5)
		d.w[0] = 2
		d.sum()
		if got := d.draw(2); got != 0 {
			t.Errorf("draw(2) = %d, want 0", got)
		}
	})
}

func TestMeanVariance(t *testing.T) {
	tests := []struct {
		name string
		m    Matrix
		want float64
	}{
		// Columns 1..4 (population variance 1.25) and 0, 0, 0, 8 (12).
		{"two columns", Matrix{N: 4, D: 2, Data: []float64{1, 0, 2, 0, 3, 0, 4, 8}}, (1.25 + 12) / 2},
		{"constant", Matrix{N: 3, D: 1, Data: []float64{5, 5, 5}}, 0},
		{"no rows", Matrix{N: 0, D: 3}, 0},
		{"standardised", kmCustomers(5000), 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := meanVariance(tt.m); math.Abs(got-tt.want) > 1e-12 {
				t.Errorf("meanVariance = %.17g, want %.17g", got, tt.want)
			}
		})
	}
}

// TestFitTolerance checks the stopping rule: tol = +Inf stops after the
// first update, with the labels of the next assignment and the centroids
// of the next update; a tolerance leaves every centroid at the mean of its
// rows; stopping early never lowers the inertia and raises it by under
// 10⁻³ against iterating until no label changes. (On kmCustomers with k
// from 2 to 8 and seeds 1 to 5 the default tolerance raised it by at most
// 7.6·10⁻⁴ at 3000 rows, 2.5·10⁻⁴ at 20000 and 1.7·10⁻⁴ at 100000; the
// best of 10 starts at 1M, BenchmarkFit1M, by 4·10⁻⁷.)
func TestFitTolerance(t *testing.T) {
	m := kmCustomers(20_000)
	t.Run("+Inf is one update", func(t *testing.T) {
		labels, cent, w := Fit(m, 5, 1, 100, math.Inf(1))
		l1, _, _ := Fit(m, 5, 1, 1, 0)
		_, c2, _ := Fit(m, 5, 1, 2, 0)
		if !slices.Equal(labels, l1) || !slices.Equal(cent.Data, c2.Data) {
			t.Errorf("labels or centroids differ from one and two updates at tol 0")
		}
		kmCheckMeans(t, m, labels, cent, w)
	})
	sameLabels := 0
	for k := 2; k <= 8; k++ {
		t.Run(fmt.Sprintf("default, k = %d", k), func(t *testing.T) {
			labels, cent, w := Fit(m, k, 1, 300, DefaultTol)
			l0, c0, w0 := Fit(m, k, 1, 300, 0)
			if d := (w - w0) / w0; d > 1e-3 || d < -1e-12 {
				t.Errorf("inertia %v, %v at tol 0: relative difference %.2g, want in [0, 1e-3]", w, w0, d)
			}
			kmCheckMeans(t, m, labels, cent, w)
			if slices.Equal(labels, l0) {
				sameLabels++
				if !slices.Equal(cent.Data, c0.Data) || w != w0 {
					t.Errorf("the labels of tol 0, but centroids %v, want %v", cent.Data, c0.Data)
				}
			}
		})
	}
	if sameLabels == 0 {
		t.Error("no k whose labels equal those of tol 0: the bit-for-bit case is not tested")
	}
	for _, tol := range []float64{-1e-4, math.NaN()} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("Fit with tol %v did not panic", tol)
				}
			}()
			Fit(m, 2, 1, 10, tol)
		}()
	}
}

// kmCheckMeans checks that each centroid with rows is the mean of its rows
// and that w is the inertia against the centroids.
func kmCheckMeans(t *testing.T, m Matrix, labels []int, cent Matrix, w float64) {
	t.Helper()
	sums := make([]float64, cent.N*m.D)
	counts := make([]int, cent.N)
	want := 0.0
	for i, l := range labels {
		counts[l]++
		for j, v := range m.Row(i) {
			sums[l*m.D+j] += v
		}
		want += sqDist(m.Row(i), cent.Row(l))
	}
	for c, n := range counts {
		for j := range m.D {
			if mean := sums[c*m.D+j] / float64(n); n > 0 && math.Abs(mean-cent.Data[c*m.D+j]) > 1e-12 {
				t.Errorf("centroid %d column %d: %v, mean of its %d rows %v", c, j, cent.Data[c*m.D+j], n, mean)
			}
		}
	}
	if math.Abs(w-want) > 1e-9*want {
		t.Errorf("inertia %v, recomputed %v", w, want)
	}
}
