package analysis

import (
	"math"
	"strings"
)

// clusterFeatures are the k-means features, each log(1 + x) then
// standardised: days since the last purchase, purchases, net value (floored
// at 0) and days since the first purchase.
var clusterFeatures = []string{"recency", "frequency", "monetary", "tenure"}

// clusterData is the k-means input, built once by newClusterData and
// shared by the clustering (clusterBuyers) and the segment evaluation
// (evaluateSegments), so both measure on the same features and the same
// silhouette sample.
type clusterData struct {
	// m holds one row per buyer: the clusterFeatures, each log(1 + x),
	// then standardised (Standardize).
	m Matrix
	// rows[j] is the index in Dataset.Customers of the buyer in row j.
	rows []int
	// sil lists the rows of m whose silhouette is computed, in increasing
	// order: the same fixed-seed sample of at most KMeansParams.SampleSize
	// rows that SelectKMeans draws; nil means every row.
	sil []int
}

// newClusterData builds the standardised log features of the buyers and
// draws the silhouette sample exactly as SelectKMeans does (selection
// sampling seeded by p.Seed, salted for the silhouette). Without buyers
// the matrix has no rows.
func newClusterData(d *Dataset, p KMeansParams, scores []Score) *clusterData {
	var rows []int
	for i := range d.Customers {
		if d.Customers[i].IsBuyer() {
			rows = append(rows, i)
		}
	}
	m := Matrix{N: len(rows), D: len(clusterFeatures), Data: make([]float64, len(rows)*len(clusterFeatures))}
	asOf := DateOf(d.AsOf)
	for j, i := range rows {
		c := &d.Customers[i]
		s := &scores[i]
		r := m.Row(j)
		r[0] = math.Log1p(float64(max(s.Recency, 0)))
		r[1] = math.Log1p(float64(s.Frequency))
		r[2] = math.Log1p(math.Max(s.Monetary, 0))
		r[3] = math.Log1p(float64(max(c.FirstOrder.DaysTo(asOf), 0)))
	}
	if m.N > 0 {
		Standardize(m)
	}
	cd := &clusterData{m: m, rows: rows}
	if p.SampleSize >= 2 && m.N > p.SampleSize {
		cd.sil = kmSample(m.N, p.SampleSize, p.Seed, kmSaltSilhouette)
	}
	return cd
}

// clusterBuyers clusters the buyers of cd with SelectKMeans and describes
// each cluster in original units, with a name read from its centroid.
func clusterBuyers(d *Dataset, cd *clusterData, p KMeansParams, scores []Score, res *Result) {
	res.Clusters.Features = clusterFeatures
	for i := range scores {
		scores[i].Cluster = -1
	}
	m, rows := cd.m, cd.rows
	cl, err := SelectKMeans(m, p)
	if err != nil {
		res.Clusters.Error = err.Error()
		res.Warnings = append(res.Warnings, "clustering not done: "+err.Error())
		return
	}
	res.Clusters.K, res.Clusters.Silhouette, res.Clusters.Scores = cl.K, finite(cl.Silhouette), cl.Scores
	prof := make([]ClusterProfile, cl.K)
	total := 0.0
	asOf := DateOf(d.AsOf)
	for j, i := range rows {
		k := cl.Labels[j]
		scores[i].Cluster = int16(k)
		s := &scores[i]
		g := &prof[k]
		g.Customers++
		g.MeanRecency += float64(s.Recency)
		g.MeanFrequency += float64(s.Frequency)
		g.MeanMonetary += s.Monetary
		g.MeanTenure += float64(d.Customers[i].FirstOrder.DaysTo(asOf))
		g.ValueShare += math.Max(s.Value, 0)
		total += math.Max(s.Value, 0)
	}
	for k := range prof {
		g := &prof[k]
		n := float64(g.Customers)
		g.Share = ratio(n, float64(len(rows)))
		g.MeanRecency, g.MeanFrequency = ratio(g.MeanRecency, n), ratio(g.MeanFrequency, n)
		g.MeanMonetary, g.MeanTenure = ratio(g.MeanMonetary, n), ratio(g.MeanTenure, n)
		g.ValueShare = ratio(g.ValueShare, total)
		g.Centroid = append([]float64(nil), cl.Centroids.Row(k)...)
		g.Name = clusterName(g.Centroid)
	}
	res.Clusters.Profiles = prof
}

// clusterName describes a centroid in standardised units: each feature more
// than half a standard deviation from the mean earns a word.
func clusterName(c []float64) Label {
	type word struct{ hi, lo Label }
	words := []word{
		{Label{"lapsed", "久未购买"}, Label{"recent", "近期购买"}}, // recency: high = long ago
		{Label{"frequent", "高频"}, Label{"occasional", "低频"}},
		{Label{"high-spend", "高消费"}, Label{"low-spend", "低消费"}},
		{Label{"long-standing", "老客户"}, Label{"new", "新客户"}},
	}
	var en, zh []string
	for f, z := range c {
		if f >= len(words) {
			break
		}
		switch {
		case z > 0.5:
			en, zh = append(en, words[f].hi.En), append(zh, words[f].hi.Zh)
		case z < -0.5:
			en, zh = append(en, words[f].lo.En), append(zh, words[f].lo.Zh)
		}
	}
	if len(en) == 0 {
		return Label{"Average customers", "普通客户群"}
	}
	s := strings.Join(en, ", ")
	return Label{strings.ToUpper(s[:1]) + s[1:], strings.Join(zh, "、")}
}
