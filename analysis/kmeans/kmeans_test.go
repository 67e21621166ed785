package kmeans

import (
	"errors"
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"testing"
)

// kmBlobs draws n rows of isotropic Gaussian blobs with standard deviation
// sd around centres, taking the blobs in turn, and returns the matrix and
// the true blob of each row.
func kmBlobs(n int, centres [][]float64, sd float64, seed uint64) (Matrix, []int) {
	rng := rand.New(rand.NewPCG(seed, 0))
	d := len(centres[0])
	m := Matrix{N: n, D: d, Data: make([]float64, n*d)}
	truth := make([]int, n)
	for i := range n {
		c := i % len(centres)
		truth[i] = c
		for j, mu := range centres[c] {
			m.Data[i*d+j] = mu + sd*rng.NormFloat64()
		}
	}
	return m, truth
}

// kmCorners are 5 centres in 4-D: the origin and 6 along each axis, at
// least 6 standard deviations apart with sd = 1.
var kmCorners = [][]float64{{0, 0, 0, 0}, {6, 0, 0, 0}, {0, 6, 0, 0}, {0, 0, 6, 0}, {0, 0, 0, 6}}

func kmNoNaN(t *testing.T, name string, xs ...float64) {
	t.Helper()
	for _, x := range xs {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			t.Errorf("%s: got %v", name, x)
		}
	}
}

func TestSelectKMeansFindsBlobs(t *testing.T) {
	tests := []struct {
		name   string
		blobs  int
		n      int
		sample int // silhouette sample; < n exercises the sample's own silhouette
		tol    float64
	}{
		{"3 blobs", 3, 3000, 10000, 0},
		{"4 blobs", 4, 4000, 10000, 0},
		{"5 blobs", 5, 5000, 10000, 0},
		{"5 blobs, silhouette on 2000 rows", 5, 5000, 2000, 0},
		{"5 blobs, tolerance", 5, 5000, 10000, DefaultTol},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, truth := kmBlobs(tt.n, kmCorners[:tt.blobs], 1, 7)
			Standardize(m)
			p := DefaultParams()
			p.SampleSize, p.Tol = tt.sample, tt.tol
			c, err := Select(m, p)
			if err != nil {
				t.Fatal(err)
			}
			if c.K != tt.blobs {
				t.Errorf("K = %d, want %d; scores %+v", c.K, tt.blobs, c.Scores)
			}
			// The threshold 0.95 leaves room for the few points of a blob
			// that fall nearer another centre.
			if ari := AdjustedRandIndex(c.Labels, truth); ari < 0.95 {
				t.Errorf("ARI against the true blobs = %.4f, want ≥ 0.95", ari)
			}
			if len(c.Scores) != p.KMax-p.KMin+1 {
				t.Errorf("%d scores, want %d", len(c.Scores), p.KMax-p.KMin+1)
			}
			for _, s := range c.Scores {
				kmNoNaN(t, "score", s.Silhouette, s.Inertia)
			}
			if c.Centroids.N != c.K || len(c.Sizes) != c.K || len(c.Labels) != m.N {
				t.Errorf("shapes: %d centroids, %d sizes, %d labels for K = %d, N = %d",
					c.Centroids.N, len(c.Sizes), len(c.Labels), c.K, m.N)
			}
			total := 0
			for _, s := range c.Sizes {
				total += s
			}
			if total != m.N {
				t.Errorf("sizes sum to %d, want %d", total, m.N)
			}
		})
	}
}

// TestSelectKMeansFitSample covers N > 100000, where Fit runs on a sample
// and all rows are then assigned.
func TestSelectKMeansFitSample(t *testing.T) {
	if testing.Short() {
		t.Skip("120000 rows")
	}
	m, truth := kmBlobs(120_000, kmCorners[:3], 1, 11)
	Standardize(m)
	p := DefaultParams()
	p.KMin, p.KMax, p.SampleSize = 2, 4, 2000
	c, err := Select(m, p)
	if err != nil {
		t.Fatal(err)
	}
	if c.K != 3 {
		t.Errorf("K = %d, want 3", c.K)
	}
	if ari := AdjustedRandIndex(c.Labels, truth); ari < 0.95 {
		t.Errorf("ARI = %.4f, want ≥ 0.95", ari)
	}
	// Every row carries the label of its nearest centroid.
	for i := 0; i < m.N; i += 997 {
		x, best, bd := m.Row(i), -1, math.Inf(1)
		for k := range c.K {
			if d := sqDist(x, c.Centroids.Row(k)); d < bd {
				best, bd = k, d
			}
		}
		if c.Labels[i] != best {
			t.Fatalf("row %d: label %d, nearest centroid %d", i, c.Labels[i], best)
		}
	}
}

func TestKMeansHandCase(t *testing.T) {
	// Two pairs on a line: centroids 0.5 and 10.5, inertia 4 · 0.5² = 1.
	m := Matrix{N: 4, D: 1, Data: []float64{10, 0, 11, 1}}
	labels, cent, inertia := Fit(m, 2, 1, 100, DefaultTol)
	got := slices.Clone(cent.Data)
	slices.Sort(got)
	if math.Abs(got[0]-0.5) > 1e-15 || math.Abs(got[1]-10.5) > 1e-15 {
		t.Errorf("centroids %v, want {0.5, 10.5}", cent.Data)
	}
	if math.Abs(inertia-1) > 1e-15 {
		t.Errorf("inertia %v, want 1", inertia)
	}
	if labels[0] != labels[2] || labels[1] != labels[3] || labels[0] == labels[1] {
		t.Errorf("labels %v, want {10, 11} and {0, 1} apart", labels)
	}
}

func TestKMeansDeterministic(t *testing.T) {
	// 20000 rows are 10 chunks of the parallel assignment step.
	m, _ := kmBlobs(20_000, kmCorners, 1.5, 3)
	Standardize(m)
	type run struct {
		labels []int
		cent   []float64
		w      float64
	}
	kmRun := func(procs int) run {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
		l, c, w := Fit(m, 6, 42, 100, DefaultTol)
		return run{l, c.Data, w}
	}
	ref := kmRun(2)
	for _, tt := range []struct {
		name  string
		procs int
	}{{"same seed again", 2}, {"GOMAXPROCS 1", 1}, {"GOMAXPROCS 4", 4}} {
		t.Run(tt.name, func(t *testing.T) {
			got := kmRun(tt.procs)
			if !slices.Equal(got.labels, ref.labels) || !slices.Equal(got.cent, ref.cent) || got.w != ref.w {
				t.Errorf("differs from the first run (inertia %v vs %v)", got.w, ref.w)
			}
		})
	}
	t.Run("another seed", func(t *testing.T) {
		_, _, w := Fit(m, 6, 43, 100, DefaultTol)
		kmNoNaN(t, "inertia", w)
	})
}

// TestKMeansFourColumnPath checks that the unrolled four-column distance code
// gives bit-identical results to the general code: appending a zero column
// adds exact zeros at the end of every sum.
func TestKMeansFourColumnPath(t *testing.T) {
	m4, _ := kmBlobs(3000, kmCorners[:3], 1.5, 9)
	m5 := Matrix{N: m4.N, D: 5}
	for i := range m4.N {
		m5.Data = append(m5.Data, m4.Row(i)...)
		m5.Data = append(m5.Data, 0)
	}
	l4, c4, w4 := Fit(m4, 4, 1, 100, 0)
	l5, c5, w5 := Fit(m5, 4, 1, 100, 0)
	if !slices.Equal(l4, l5) || w4 != w5 {
		t.Errorf("Fit: labels or inertia differ (%v vs %v)", w4, w5)
	}
	for k := range c4.N {
		if !slices.Equal(c4.Row(k), c5.Row(k)[:4]) {
			t.Errorf("centroid %d: %v vs %v", k, c4.Row(k), c5.Row(k))
		}
	}
	s4, b4 := Silhouette(m4, l4, 4, nil)
	s5, b5 := Silhouette(m5, l4, 4, nil)
	if s4 != s5 || !slices.Equal(b4, b5) {
		t.Errorf("Silhouette: %v %v vs %v %v", s4, b4, s5, b5)
	}
}

func TestSelectKMeansDeterministic(t *testing.T) {
	m, _ := kmBlobs(12_000, kmCorners[:4], 1.2, 5)
	Standardize(m)
	p := DefaultParams()
	p.SampleSize = 3000
	sel := func(procs int) Clustering {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
		c, err := Select(m, p)
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	a, b, c := sel(2), sel(2), sel(1)
	for _, o := range []Clustering{b, c} {
		if o.K != a.K || !slices.Equal(o.Labels, a.Labels) || !slices.Equal(o.Centroids.Data, a.Centroids.Data) ||
			!slices.Equal(o.Scores, a.Scores) || o.Silhouette != a.Silhouette {
			t.Errorf("runs differ: K %d vs %d, silhouette %v vs %v", o.K, a.K, o.Silhouette, a.Silhouette)
		}
	}
}

func TestSilhouetteHandCase(t *testing.T) {
	// Points on a line, listed out of label order: cluster 0 = {0, 1},
	// cluster 1 = {4, 5, 7}. Worked out by hand from Rousseeuw (1987):
	//
	//	x  a(x)              b(x)                 s(x) = (b − a) / max(a, b)
	//	0  1                 (4+5+7)/3 = 16/3     (16/3 − 1)/(16/3) = 13/16
	//	1  1                 (3+4+6)/3 = 13/3     (13/3 − 1)/(13/3) = 10/13
	//	4  (1+3)/2 = 2       (4+3)/2   = 7/2      (7/2 − 2)/(7/2)   = 3/7
	//	5  (1+2)/2 = 3/2     (5+4)/2   = 9/2      (9/2 − 3/2)/(9/2) = 2/3
	//	7  (3+2)/2 = 5/2     (7+6)/2   = 13/2     (13/2 − 5/2)/(13/2) = 8/13
	//
	// Adding a point at 20 alone in cluster 2 changes no b(x) (its
	// distances 20, 19, 16, 15, 13 all exceed the b above) and has s = 0.
	s0, s1, s4, s5, s7 := 13.0/16, 10.0/13, 3.0/7, 2.0/3, 8.0/13
	line := Matrix{N: 5, D: 1, Data: []float64{4, 0, 7, 1, 5}}
	lineLabels := []int{1, 0, 1, 0, 1}
	tests := []struct {
		name        string
		m           Matrix
		labels      []int
		k           int
		sample      []int
		wantMean    float64
		wantByLabel []float64
	}{
		{"all rows", line, lineLabels, 2, nil,
			(s0 + s1 + s4 + s5 + s7) / 5, []float64{(s0 + s1) / 2, (s4 + s5 + s7) / 3}},
		{"sampled rows 1 (x=0) and 4 (x=5) against all", line, lineLabels, 2, []int{1, 4},
			(s0 + s5) / 2, []float64{s0, s5}},
		{"singleton cluster", Matrix{N: 6, D: 1, Data: []float64{4, 0, 7, 1, 5, 20}}, []int{1, 0, 1, 0, 1, 2}, 3, nil,
			(s0 + s1 + s4 + s5 + s7) / 6, []float64{(s0 + s1) / 2, (s4 + s5 + s7) / 3, 0}},
		{"one cluster: 0", line, []int{1, 1, 1, 1, 1}, 2, nil, 0, []float64{0, 0}},
		// a = 0, b = 3: s = 1 for every point.
		{"duplicates", Matrix{N: 4, D: 1, Data: []float64{0, 0, 3, 3}}, []int{0, 0, 1, 1}, 2, nil, 1, []float64{1, 1}},
		{"empty sample", line, lineLabels, 2, []int{}, 0, []float64{0, 0}},
		{"no rows", Matrix{}, nil, 2, nil, 0, []float64{0, 0}},
	}
	const tol = 1e-12
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			mean, by := Silhouette(tt.m, tt.labels, tt.k, tt.sample)
			if math.Abs(mean-tt.wantMean) > tol {
				t.Errorf("mean = %.17g, want %.17g", mean, tt.wantMean)
			}
			if len(by) != len(tt.wantByLabel) {
				t.Fatalf("byLabel = %v, want %v", by, tt.wantByLabel)
			}
			for c := range by {
				if math.Abs(by[c]-tt.wantByLabel[c]) > tol {
					t.Errorf("byLabel[%d] = %.17g, want %.17g", c, by[c], tt.wantByLabel[c])
				}
			}
		})
	}
}

func TestAdjustedRandIndex(t *testing.T) {
	tests := []struct {
		name string
		a, b []int
		want float64
	}{
		// Values from the examples of scikit-learn's adjusted_rand_score.
		{"identical", []int{0, 0, 1, 1}, []int{0, 0, 1, 1}, 1},
		{"identical relabelled", []int{0, 0, 1, 1, 2, 2}, []int{5, 5, -1, -1, 3, 3}, 1},
		// Σ C(nᵢⱼ) = 1, Σ C(aᵢ) = 2, Σ C(bⱼ) = 1, C(4) = 6:
		// (1 − 2/6) / (3/2 − 2/6) = 4/7. scikit-learn prints 0.57...; the
		// 0.5714285714285715 sometimes quoted is the last-bit rounding of the
		// unscaled formula, 4/7 itself is 0.5714285714285714.
		{"pure but split", []int{0, 0, 1, 1}, []int{0, 0, 1, 2}, 4.0 / 7},
		{"symmetric", []int{0, 0, 1, 2}, []int{0, 0, 1, 1}, 4.0 / 7},
		{"every row split", []int{0, 0, 0, 0}, []int{0, 1, 2, 3}, 0},
		{"discordant", []int{0, 0, 1, 1}, []int{0, 1, 0, 1}, -0.5},
		{"both one cluster", []int{3, 3, 3}, []int{1, 1, 1}, 1},
		{"both all singletons", []int{0, 1, 2}, []int{2, 0, 1}, 1},
		{"one row", []int{0}, []int{7}, 1},
		{"no rows", nil, nil, 1},
	}
	const tol = 1e-15
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := AdjustedRandIndex(tt.a, tt.b); math.Abs(got-tt.want) > tol {
				t.Errorf("AdjustedRandIndex(%v, %v) = %.17g, want %.17g", tt.a, tt.b, got, tt.want)
			}
		})
	}
}

func TestStandardize(t *testing.T) {
	// Columns: 1..4 (mean 2.5, population SD √1.25), the constant 0.1
	// whose sum is not exactly 0.4 in floating point, and 0, 0, 0, 8
	// (mean 2, SD √12).
	m := Matrix{N: 4, D: 3, Data: []float64{
		1, 0.1, 0,
		2, 0.1, 0,
		3, 0.1, 0,
		4, 0.1, 8,
	}}
	mean, sd := Standardize(m)
	const tol = 1e-12
	wantMean := []float64{2.5, 0.1, 2}
	wantSD := []float64{math.Sqrt(1.25), 0, math.Sqrt(12)}
	for j := range wantMean {
		if math.Abs(mean[j]-wantMean[j]) > tol || math.Abs(sd[j]-wantSD[j]) > tol {
			t.Errorf("column %d: mean %v, sd %v; want %v, %v", j, mean[j], sd[j], wantMean[j], wantSD[j])
		}
	}
	want := []float64{
		-1.5 / math.Sqrt(1.25), 0, -2 / math.Sqrt(12),
		-0.5 / math.Sqrt(1.25), 0, -2 / math.Sqrt(12),
		0.5 / math.Sqrt(1.25), 0, -2 / math.Sqrt(12),
		1.5 / math.Sqrt(1.25), 0, 6 / math.Sqrt(12),
	}
	for i, w := range want {
		if math.Abs(m.Data[i]-w) > tol {
			t.Errorf("Data[%d] = %v, want %v", i, m.Data[i], w)
		}
	}

	t.Run("long constant column", func(t *testing.T) {
		m := Matrix{N: 1000, D: 1, Data: make([]float64, 1000)}
		for i := range m.Data {
			m.Data[i] = 0.1
		}
		mean, sd := Standardize(m)
		if mean[0] != 0.1 || sd[0] != 0 || slices.ContainsFunc(m.Data, func(x float64) bool { return x != 0 }) {
			t.Errorf("mean %v, sd %v; want 0.1, 0 and all zeros", mean[0], sd[0])
		}
	})
	t.Run("no rows", func(t *testing.T) {
		mean, sd := Standardize(Matrix{N: 0, D: 2})
		if !slices.Equal(mean, []float64{0, 0}) || !slices.Equal(sd, []float64{0, 0}) {
			t.Errorf("mean %v, sd %v; want zeros", mean, sd)
		}
	})
}

func TestKMeansDegenerate(t *testing.T) {
	rows := func(vals ...float64) Matrix { return Matrix{N: len(vals) / 2, D: 2, Data: vals} }
	tests := []struct {
		name    string
		m       Matrix
		wantErr error
		wantK   int // of Select
	}{
		{"no rows", rows(), ErrTooFewPoints, 1},
		{"one row", rows(1, 2), ErrTooFewPoints, 1},
		{"two rows", rows(1, 2, 3, 4), ErrTooFewPoints, 1},
		{"identical rows", rows(1, 2, 1, 2, 1, 2, 1, 2, 1, 2), ErrTooFewPoints, 1},
		{"two distinct rows", rows(0, 0, 0, 0, 0, 0, 5, 5, 5, 5), nil, 2},
		{"three distinct rows", rows(0, 0, 0, 0, 5, 5, 5, 5, 9, 0, 9, 0), nil, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Select(tt.m, DefaultParams())
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("err = %v, want %v", err, tt.wantErr)
			}
			if c.K != tt.wantK || len(c.Labels) != tt.m.N || c.Centroids.N != c.K || len(c.Sizes) != c.K {
				t.Errorf("K %d (want %d), %d labels, %d centroids, %d sizes", c.K, tt.wantK, len(c.Labels), c.Centroids.N, len(c.Sizes))
			}
			kmNoNaN(t, "silhouette", c.Silhouette)
			kmNoNaN(t, "centroids", c.Centroids.Data...)
			for _, s := range c.Scores {
				kmNoNaN(t, "score", s.Silhouette, s.Inertia)
			}

			// Fit with more clusters than distinct rows.
			for _, k := range []int{1, 2, 5} {
				labels, cent, w := Fit(tt.m, k, 1, 100, DefaultTol)
				kmNoNaN(t, "inertia", w)
				kmNoNaN(t, "centroids", cent.Data...)
				if len(labels) != tt.m.N || cent.N != k || w != 0 && tt.wantK > 1 && k >= tt.wantK {
					t.Errorf("k = %d: %d labels, %d centroids, inertia %v", k, len(labels), cent.N, w)
				}
			}
			mean, by := Silhouette(tt.m, make([]int, tt.m.N), 2, nil)
			kmNoNaN(t, "silhouette", append(by, mean)...)
		})
	}

	t.Run("one-cluster centroid is the mean", func(t *testing.T) {
		c, _ := Select(rows(1, 2, 3, 4), DefaultParams())
		if !slices.Equal(c.Centroids.Data, []float64{2, 3}) || c.Sizes[0] != 2 {
			t.Errorf("centroid %v, sizes %v; want [2 3], [2]", c.Centroids.Data, c.Sizes)
		}
	})
	t.Run("KMin above distinct rows", func(t *testing.T) {
		p := DefaultParams()
		p.KMin, p.KMax = 4, 6
		c, err := Select(rows(0, 0, 0, 0, 5, 5, 5, 5, 9, 0, 9, 0), p)
		if err != nil || c.K != 3 || len(c.Scores) != 1 {
			t.Errorf("K %d, scores %v, err %v; want only k = 3", c.K, c.Scores, err)
		}
	})
}

func TestSelectKMeansInvalidParams(t *testing.T) {
	m, _ := kmBlobs(30, kmCorners[:2], 1, 1)
	tests := []struct {
		name string
		edit func(*Params)
	}{
		{"KMin 1", func(p *Params) { p.KMin = 1 }},
		{"KMax < KMin", func(p *Params) { p.KMin, p.KMax = 5, 4 }},
		{"SampleSize 0", func(p *Params) { p.SampleSize = 0 }},
		{"MaxIter 0", func(p *Params) { p.MaxIter = 0 }},
		{"Tol negative", func(p *Params) { p.Tol = -1e-4 }},
		{"Tol NaN", func(p *Params) { p.Tol = math.NaN() }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := DefaultParams()
			tt.edit(&p)
			if _, err := Select(m, p); err == nil || errors.Is(err, ErrTooFewPoints) {
				t.Errorf("err = %v, want a parameter error", err)
			}
		})
	}
}

// kmCustomers draws n customers' standardised features like log-transformed
// recency, frequency, monetary value and tenure: a mixture of five
// overlapping segments (new, active loyal, big spenders, at risk, churned).
func kmCustomers(n int) Matrix {
	type segment struct {
		weight float64
		mu, sd [4]float64 // of log recency days, log(1+orders), log spend, log tenure days
	}
	segs := []segment{
		{0.20, [4]float64{2.5, 0.7, 3.8, 3.0}, [4]float64{0.7, 0.2, 0.6, 0.5}},
		{0.25, [4]float64{3.0, 2.0, 5.5, 6.0}, [4]float64{0.6, 0.4, 0.5, 0.5}},
		{0.05, [4]float64{3.2, 2.8, 7.5, 6.5}, [4]float64{0.6, 0.4, 0.6, 0.4}},
		{0.20, [4]float64{4.7, 1.2, 4.5, 5.5}, [4]float64{0.3, 0.4, 0.7, 0.6}},
		{0.30, [4]float64{6.0, 0.8, 4.0, 6.3}, [4]float64{0.4, 0.3, 0.7, 0.5}},
	}
	rng := rand.New(rand.NewPCG(2026, 9))
	m := Matrix{N: n, D: 4, Data: make([]float64, n*4)}
	for i := range n {
		u, s := rng.Float64(), len(segs)-1
		for j, seg := range segs {
			if u < seg.weight {
				s = j
				break
			}
			u -= seg.weight
		}
		for j := range 4 {
			m.Data[i*4+j] = segs[s].mu[j] + segs[s].sd[j]*rng.NormFloat64()
		}
	}
	Standardize(m)
	return m
}

func benchmarkSelectKMeans(b *testing.B, n int) {
	m := kmCustomers(n)
	p := DefaultParams()
	var c Clustering
	for b.Loop() {
		var err error
		if c, err = Select(m, p); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(c.K), "k")
	b.ReportMetric(c.Silhouette, "silhouette")
}

func BenchmarkSelectKMeans100k(b *testing.B) { benchmarkSelectKMeans(b, 100_000) }
func BenchmarkSelectKMeans1M(b *testing.B)   { benchmarkSelectKMeans(b, 1_000_000) }

// TestSilhouetteSample checks the silhouette sample that Select scores
// every k on, and that callers draw to measure other labellings on the
// same rows: increasing distinct rows, fixed by the seed, nil when every
// row fits.
func TestSilhouetteSample(t *testing.T) {
	p := DefaultParams()
	p.SampleSize = 300
	if s := SilhouetteSample(300, p); s != nil {
		t.Errorf("n = SampleSize: %d rows, want nil (every row)", len(s))
	}
	s := SilhouetteSample(5000, p)
	if len(s) != 300 || !slices.IsSorted(s) || s[0] < 0 || s[len(s)-1] >= 5000 || len(slices.Compact(slices.Clone(s))) != 300 {
		t.Fatalf("sample of %d rows from %d..%d", len(s), s[0], s[len(s)-1])
	}
	if !slices.Equal(s, SilhouetteSample(5000, p)) {
		t.Error("the same seed draws another sample")
	}
	p.Seed++
	if slices.Equal(s, SilhouetteSample(5000, p)) {
		t.Error("another seed draws the same sample")
	}

	// Select's silhouette of the chosen k is the sample's own.
	m, _ := kmBlobs(2000, kmCorners[:3], 1, 3)
	Standardize(m)
	p = DefaultParams()
	p.SampleSize = 500
	c, err := Select(m, p)
	if err != nil {
		t.Fatal(err)
	}
	rows := SilhouetteSample(m.N, p)
	labels := make([]int, len(rows))
	for i, r := range rows {
		labels[i] = c.Labels[r]
	}
	if got, _ := Silhouette(m.Rows(rows), labels, c.K, nil); got != c.Silhouette {
		t.Errorf("silhouette of the sample %v, Select's %v", got, c.Silhouette)
	}
}
