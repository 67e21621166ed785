package kmeans

import (
	"errors"
	"fmt"
	"slices"
)

// ErrTooFewPoints is returned by Select when the data cannot be split:
// fewer than 3 rows or fewer than 2 distinct rows. Its text is the one
// runs have always recorded (Clusters.Error in package analysis, the
// manifest), so it keeps the prefix "analysis: k-means:".
var ErrTooFewPoints = errors.New("analysis: k-means: fewer than 3 customers or fewer than 2 distinct ones")

// Params configure model selection by Select.
type Params struct {
	KMin, KMax int // the range of k tried, 2 ≤ KMin ≤ KMax
	// SampleSize is the most rows whose silhouette is computed (≥ 2); the
	// silhouette costs O(SampleSize²·D) per k.
	SampleSize int
	Seed       uint64 // seeds every random choice: samples and k-means++
	MaxIter    int    // Lloyd iterations per k, at most (≥ 1)
	// Tol stops the Lloyd iterations once an update moves the centroids
	// by a total squared shift of at most Tol times the mean per-feature
	// variance of the rows fitted (see Fit; ≥ 0, 0: until no label
	// changes).
	Tol float64
}

// DefaultParams returns the shipped defaults: k from 2 to 8, a
// silhouette sample of 10000 rows, seed 1, at most 100 Lloyd iterations
// and Tol 0, iterating until no label changes. Select's time goes to the
// silhouettes, and a tolerance saves nothing there (1M rows: 2.0 s at Tol
// 0 and at DefaultTol), while it moves the inertia and silhouette of every
// k tried, which the workbook shows, in their fourth digit.
func DefaultParams() Params {
	return Params{KMin: 2, KMax: 8, SampleSize: 10000, Seed: 1, MaxIter: 100, Tol: 0}
}

// Score is the result for one candidate k.
type Score struct {
	K          int
	Silhouette float64 // mean silhouette over the silhouette sample
	Inertia    float64 // within-cluster sum of squares over all rows
}

// Clustering is the k-means solution chosen by Select.
type Clustering struct {
	K          int
	Labels     []int   // per row of the input, in [0, K)
	Centroids  Matrix  // K×D, in the units of the input (standardised)
	Silhouette float64 // mean silhouette of the chosen k
	Scores     []Score // every k tried, in increasing k
	Sizes      []int   // rows per cluster
}

// fitSize is the most rows that Select runs Lloyd iterations on.
const fitSize = 100_000

// Select clusters the rows of m, which should already be
// standardised (Standardize), with Fit for each k in [p.KMin, p.KMax]
// and keeps the k with the highest mean silhouette (Silhouette); ties go to
// the smaller k. k never exceeds the number of distinct rows: when there
// are fewer distinct rows than p.KMin, only k = that number is tried.
//
// To scale to millions of customers two fixed-seed samples are drawn, both
// by selection sampling (Knuth's Algorithm S) from p.Seed, so the result is
// deterministic:
//
//   - The fit sample: when N > 100000, Fit runs on 100000 rows drawn
//     without replacement, and then every row is assigned to its nearest
//     centroid; Labels and Score.Inertia cover all rows. A centroid's
//     sampling error is about σ/√(its sampled rows), under 1% of a
//     standard deviation for 8 equal clusters, at a tenth of the cost of
//     Lloyd iterations on 1M rows. (Like a different seed, the sample can
//     lead Lloyd to another local optimum.) At N ≤ 100000 Fit runs on
//     all rows.
//   - The silhouette sample: when N > p.SampleSize, the silhouette of k is
//     the sample's own silhouette, the mean s(i) of p.SampleSize rows drawn
//     without replacement, with a(i) and b(i) measured against the sampled
//     rows only (as scikit-learn's silhouette_score with sample_size). The
//     exact silhouette costs O(N²) distances; the sample's is an estimate
//     of it with standard error about σₛ/√SampleSize. The same sample
//     scores every k.
//
// Data with fewer than 3 rows or fewer than 2 distinct rows cannot be
// split: Select returns a one-cluster Clustering (K = 1, every label
// 0, the centroid the column means, or zeros when N = 0, Silhouette 0, no
// Scores) and ErrTooFewPoints. Invalid p returns a zero Clustering and an
// error naming the field.
func Select(m Matrix, p Params) (Clustering, error) {
	c, _, err := SelectScoring(m, p, Scoring{})
	return c, err
}

// Scoring is another labelling of a matrix's rows that SelectScoring
// scores along with its candidates.
type Scoring struct {
	Labels []int // per row: its group in [0, K), or −1 for a row in no group
	K      int
}

// SelectScoring is Select that also scores sc on Select's silhouette
// sample, with the distances Select computes anyway: byLabel[g] is the
// mean silhouette of the sampled rows of group g, bit for bit what
// Silhouette gives on the sampled rows that are in a group (byLabel is
// the second result of Silhouette(m.Rows(in), their labels, sc.K, nil),
// where in lists, in increasing order, the sample's rows with a label ≥
// 0). byLabel is nil when sc has no labels or Select scores no k (an
// error, or too few distinct rows).
func SelectScoring(m Matrix, p Params, sc Scoring) (_ Clustering, byLabel []float64, _ error) {
	m.check("Select")
	if sc.Labels != nil && len(sc.Labels) != m.N {
		return Clustering{}, nil, fmt.Errorf("kmeans: Select: %d labels to score for %d rows", len(sc.Labels), m.N)
	}
	switch {
	case p.KMin < 2 || p.KMax < p.KMin:
		return Clustering{}, nil, fmt.Errorf("kmeans: Select: KMin %d, KMax %d: want 2 ≤ KMin ≤ KMax", p.KMin, p.KMax)
	case p.SampleSize < 2:
		return Clustering{}, nil, fmt.Errorf("kmeans: Select: SampleSize %d: want at least 2", p.SampleSize)
	case p.MaxIter < 1:
		return Clustering{}, nil, fmt.Errorf("kmeans: Select: MaxIter %d: want at least 1", p.MaxIter)
	case !(p.Tol >= 0):
		return Clustering{}, nil, fmt.Errorf("kmeans: Select: Tol %v: want at least 0", p.Tol)
	}
	distinct := distinctRows(m, p.KMax)
	if m.N < 3 || distinct < 2 {
		return oneCluster(m), nil, ErrTooFewPoints
	}
	kLo, kHi := p.KMin, min(p.KMax, distinct)
	kLo = min(kLo, kHi)

	fit := m
	if m.N > fitSize {
		fit = m.Rows(selectRows(m.N, fitSize, p.Seed, saltFitSample))
	}
	sil, silRows := m, SilhouetteSample(m.N, p)
	if silRows != nil {
		sil = m.Rows(silRows)
	}
	// Fit every k, then score them together: the silhouettes share the
	// distances between the sampled rows (see silhouetteRows).
	cands, labellings := fitEach(m, fit, p, kLo, kHi, silRows)
	all := make([]int, sil.N)
	for i := range all {
		all[i] = i
	}
	var scored []int // sc's labels of the sampled rows
	if sc.Labels != nil {
		scored = sc.Labels
		if silRows != nil {
			scored = make([]int, len(silRows))
			for t, i := range silRows {
				scored[t] = sc.Labels[i]
			}
		}
		labellings = append(labellings, scoringLabelling(scored, sc.K))
	}
	rows := silhouetteRows(sil, all, labellings)
	if scored != nil {
		byLabel = meanByLabel(rows[len(rows)-1], scored, sc.K)
		rows = rows[:len(rows)-1]
	}

	best := choose(m, cands, rows, kLo)
	best.Sizes = make([]int, best.K)
	for _, l := range best.Labels {
		best.Sizes[l]++
	}
	return best, byLabel, nil
}

// choose returns the candidate with the highest mean silhouette (rows[at]
// holds each sampled row's s(i) under cands[at], the clustering for
// k = kLo + at), ties to the smaller k, with every candidate's Score and
// the labels of all rows of m; Sizes are left to the caller.
func choose(m Matrix, cands []candidate, rows [][]float64, kLo int) Clustering {
	var best Clustering
	bestAt := 0
	for at, c := range cands {
		k := kLo + at
		s := 0.0
		for _, v := range rows[at] {
			s += v
		}
		if len(rows[at]) > 0 {
			s /= float64(len(rows[at]))
		}
		best.Scores = append(best.Scores, Score{K: k, Silhouette: s, Inertia: c.inertia})
		if k == kLo || s > best.Silhouette {
			best.K, best.Centroids, best.Silhouette = k, c.cent, s
			bestAt = at
		}
	}
	best.Labels = cands[bestAt].labels
	if best.Labels == nil {
		// Every row to its nearest centroid again, as when it was scored.
		best.Labels = make([]int, m.N)
		newAssigner(m, best.K, best.Labels).assign(best.Centroids)
	}
	return best
}

// candidate is one k's clustering as Select scores it.
type candidate struct {
	cent    Matrix
	inertia float64 // of all rows
	labels  []int   // of all rows; nil when Fit fitted a sample
}

// fitEach runs Fit on fit (m itself or a sample of its rows) for each k in
// [kLo, kHi] and returns each k's clustering, with the inertia of all rows
// of m, and its labelling of the silhouette's rows (silRows of m, or all
// rows when nil).
func fitEach(m, fit Matrix, p Params, kLo, kHi int, silRows []int) ([]candidate, []silLabelling) {
	var cands []candidate
	var labellings []silLabelling
	var buf []int // labels of all rows when Fit fits a sample
	if fit.N < m.N {
		buf = make([]int, m.N)
	}
	for k := kLo; k <= kHi; k++ {
		labels, cent, inertia := Fit(fit, k, p.Seed, p.MaxIter, p.Tol)
		c := candidate{cent: cent, inertia: inertia, labels: labels}
		if fit.N < m.N {
			c.inertia, _ = newAssigner(m, k, buf).assign(cent)
			labels, c.labels = buf, nil
		}
		silLabels := labels
		if silRows != nil {
			silLabels = make([]int, len(silRows))
			for i, r := range silRows {
				silLabels[i] = labels[r]
			}
		} else if c.labels == nil {
			silLabels = slices.Clone(labels) // buf is reused for the next k
		}
		size := make([]int, k)
		for _, l := range silLabels {
			size[l]++
		}
		cands = append(cands, c)
		labellings = append(labellings, newSilLabelling(silLabels, size))
	}
	return cands, labellings
}

// distinctRows counts the distinct rows of m, stopping at limit.
func distinctRows(m Matrix, limit int) int {
	var reps []int
rows:
	for i := 0; i < m.N; i++ {
		row := m.Row(i)
		for _, r := range reps {
			if slices.Equal(m.Row(r), row) {
				continue rows
			}
		}
		reps = append(reps, i)
		if len(reps) >= limit {
			break
		}
	}
	return len(reps)
}

// oneCluster is the trivial clustering: every row in cluster 0, whose
// centroid is the column means (zeros without rows).
func oneCluster(m Matrix) Clustering {
	cent := Matrix{N: 1, D: m.D, Data: make([]float64, m.D)}
	for i := 0; i < m.N; i++ {
		for j, v := range m.Row(i) {
			cent.Data[j] += v
		}
	}
	if m.N > 0 {
		for j := range cent.Data {
			cent.Data[j] /= float64(m.N)
		}
	}
	return Clustering{K: 1, Labels: make([]int, m.N), Centroids: cent, Sizes: []int{m.N}}
}

// SilhouetteSample returns the rows of an n-row matrix whose silhouette
// Select computes under p: p.SampleSize of them drawn without
// replacement by selection sampling seeded by p.Seed, in increasing order,
// or nil, meaning every row, when n ≤ p.SampleSize (or p.SampleSize < 2).
// A caller that measures other labellings of the same rows by the
// silhouette draws the same sample with it.
func SilhouetteSample(n int, p Params) []int {
	if p.SampleSize < 2 || n <= p.SampleSize {
		return nil
	}
	return selectRows(n, p.SampleSize, p.Seed, saltSilhouette)
}

// selectRows draws s of the rows [0, n) without replacement, in increasing
// order, by selection sampling: row t is taken with probability
// (s − taken) / (n − t) (Knuth, TAOCP vol. 2, §3.4.2, Algorithm S).
func selectRows(n, s int, seed, salt uint64) []int {
	rng := newRand(seed, salt)
	rows := make([]int, 0, s)
	for t := 0; t < n && len(rows) < s; t++ {
		if float64(n-t)*rng.Float64() < float64(s-len(rows)) {
			rows = append(rows, t)
		}
	}
	return rows
}

// scoringLabelling is the silhouette labelling of labels in [0, k), −1
// for a row in no group.
func scoringLabelling(labels []int, k int) silLabelling {
	size := make([]int, k)
	for _, l := range labels {
		if l >= k {
			panic(fmt.Sprintf("kmeans: Select: label %d outside [-1, %d)", l, k))
		}
		if l >= 0 {
			size[l]++
		}
	}
	return newSilLabelling(labels, size)
}

// meanByLabel is the mean of s over the rows of each label in [0, k),
// summed in row order as Silhouette sums them; rows labelled −1 are left
// out.
func meanByLabel(s []float64, labels []int, k int) []float64 {
	byLabel := make([]float64, k)
	count := make([]int, k)
	for t, v := range s {
		if l := labels[t]; l >= 0 {
			byLabel[l] += v
			count[l]++
		}
	}
	for c, n := range count {
		if n > 0 {
			byLabel[c] /= float64(n)
		}
	}
	return byLabel
}
