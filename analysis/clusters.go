package analysis

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strconv"

	"github.com/custseg/custseg/analysis/kmeans"
	"github.com/custseg/custseg/analysis/stats"
)

// KMeansParams configure the clustering of the buyers (kmeans.Select).
type KMeansParams = kmeans.Params

// KScore is the clustering's result for one candidate k.
type KScore = kmeans.Score

// ErrTooFewPoints is the clustering's error when the buyers cannot be
// split: fewer than 3 or fewer than 2 distinct ones (Clusters.Error).
var ErrTooFewPoints = kmeans.ErrTooFewPoints

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
	// then standardised (kmeans.Standardize).
	m kmeans.Matrix
	// rows[j] is the index in Dataset.Customers of the buyer in row j.
	rows []int
	// sil lists the rows of m whose silhouette is computed, in increasing
	// order: the same fixed-seed sample of at most KMeansParams.SampleSize
	// rows that kmeans.Select draws; nil means every row.
	sil []int
	// segSil is the mean silhouette of each RFM segment's sampled rows,
	// scored by kmeans.SelectScoring (segmentScoring); nil when it scored
	// none.
	segSil []float64
}

// newClusterData builds the standardised log features of the buyers and
// draws the silhouette sample exactly as kmeans.Select does
// (kmeans.SilhouetteSample). Without buyers the matrix has no rows.
func newClusterData(d *Dataset, p KMeansParams, scores []Score) *clusterData {
	var rows []int
	for i := range d.Customers {
		if d.Customers[i].IsBuyer() {
			rows = append(rows, i)
		}
	}
	m := kmeans.Matrix{N: len(rows), D: len(clusterFeatures), Data: make([]float64, len(rows)*len(clusterFeatures))}
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
		kmeans.Standardize(m)
	}
	return &clusterData{m: m, rows: rows, sil: kmeans.SilhouetteSample(m.N, p)}
}

// clusterBuyers describes the clustering cl (or its error) of the buyers
// of cd, which kmeans.Select made: each cluster in original units, with a
// name read from its centroid.
func clusterBuyers(d *Dataset, cd *clusterData, cl kmeans.Clustering, err error, scores []Score, res *Result) {
	res.Clusters.Features = clusterFeatures
	for i := range scores {
		scores[i].Cluster = -1
	}
	rows := cd.rows
	if err != nil {
		res.Clusters.Error = err.Error()
		res.Warnings = append(res.Warnings, Warning{Code: WarnClustering, Args: []string{err.Error()}, Text: "clustering not done: " + err.Error()})
		return
	}
	res.Clusters.K, res.Clusters.Silhouette, res.Clusters.Scores = cl.K, stats.Finite(cl.Silhouette), cl.Scores
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
		g.Share = stats.Ratio(n, float64(len(rows)))
		g.MeanRecency, g.MeanFrequency = stats.Ratio(g.MeanRecency, n), stats.Ratio(g.MeanFrequency, n)
		g.MeanMonetary, g.MeanTenure = stats.Ratio(g.MeanMonetary, n), stats.Ratio(g.MeanTenure, n)
		g.ValueShare = stats.Ratio(g.ValueShare, total)
		g.Centroid = append([]float64(nil), cl.Centroids.Row(k)...)
	}
	nameClusters(prof, shopProfile(d, rows, scores))
	res.Clusters.Profiles = prof
}

// clusterShop is the buyers' mean and median of each cluster feature in
// original units (days since the last purchase, purchases, net spend,
// days since the first purchase), the figures a cluster's profile is
// named against.
type clusterShop struct {
	mean, median [4]float64
}

// shopProfile returns the mean and median of each feature over the buyers
// in rows.
func shopProfile(d *Dataset, rows []int, scores []Score) clusterShop {
	var sh clusterShop
	if len(rows) == 0 {
		return sh
	}
	asOf := DateOf(d.AsOf)
	buf := make([]float64, len(rows))
	for f := range sh.mean {
		sum := 0.0
		for j, i := range rows {
			s := &scores[i]
			switch f {
			case 0:
				buf[j] = float64(s.Recency)
			case 1:
				buf[j] = float64(s.Frequency)
			case 2:
				buf[j] = s.Monetary
			default:
				buf[j] = float64(d.Customers[i].FirstOrder.DaysTo(asOf))
			}
			sum += buf[j]
		}
		sh.mean[f] = sum / float64(len(rows))
		slices.Sort(buf)
		n := len(buf)
		sh.median[f] = (buf[(n-1)/2] + buf[n/2]) / 2
	}
	return sh
}

// means returns the profile's means in the order of clusterFeatures.
func (g *ClusterProfile) means() [4]float64 {
	return [4]float64{g.MeanRecency, g.MeanFrequency, g.MeanMonetary, g.MeanTenure}
}

// ClusterName is what a cluster's name says, for the reports to put in
// words: the features on which its buyers differ from the shop's (Traits,
// in the order of Clusters.Features; none for typical buyers) and, when
// other clusters have the same traits, the feature that tells them apart
// (Apart; nil when the traits alone are the cluster's own).
type ClusterName struct {
	Traits []ClusterTrait
	Apart  *ClusterTrait
}

// ClusterTrait is how a cluster stands on one feature (an index into
// Clusters.Features).
type ClusterTrait struct {
	Feature int
	Side    Side
}

// Side is how a cluster stands on a feature: High or Low against the
// shop's buyers (for recency, High is long ago), or More, Less or Mid
// against the other clusters of the same traits.
type Side int8

// The sides of a ClusterTrait.
const (
	High Side = iota
	Low
	More
	Less
	Mid
)

// String is the side's name in the code's words: high, low, more, less
// or mid.
func (s Side) String() string {
	switch s {
	case High:
		return "high"
	case Low:
		return "low"
	case More:
		return "more"
	case Less:
		return "less"
	case Mid:
		return "mid"
	}
	return "Side(" + strconv.Itoa(int(s)) + ")"
}

// Equal reports whether n and o say the same.
func (n ClusterName) Equal(o ClusterName) bool {
	if !slices.Equal(n.Traits, o.Traits) || (n.Apart == nil) != (o.Apart == nil) {
		return false
	}
	return n.Apart == nil || *n.Apart == *o.Apart
}

// clusterName describes a profile against the shop's buyers (sh). A
// feature earns a trait when the centroid is more than half a standard
// deviation from the mean (on the standardised log scale the clustering
// uses) and the profile's mean in original units is on the same side of
// both the shop's mean and its median: a cluster is "lapsed" only when
// its buyers' mean days since the last purchase are more than the
// shop's, "frequent" only when they buy more often than the shop's buyers
// do, and so on. No trait makes typical buyers.
func clusterName(g *ClusterProfile, sh clusterShop) ClusterName {
	var n ClusterName
	m := g.means()
	for f, z := range g.Centroid {
		if f >= len(clusterFeatures) {
			break
		}
		switch {
		case z > 0.5 && m[f] > math.Max(sh.mean[f], sh.median[f]):
			n.Traits = append(n.Traits, ClusterTrait{f, High})
		case z < -0.5 && m[f] < math.Min(sh.mean[f], sh.median[f]):
			n.Traits = append(n.Traits, ClusterTrait{f, Low})
		}
	}
	return n
}

// nameClusters names each profile (clusterName). Clusters with the same
// traits are told apart by the feature on which their centroids differ
// most: More, Less, and Mid between. Reports number any name still
// shared, or taken by a segment, in their words.
func nameClusters(prof []ClusterProfile, sh clusterShop) {
	groups := map[string][]int{}
	var order []string
	for k := range prof {
		prof[k].Name = clusterName(&prof[k], sh)
		key := fmt.Sprint(prof[k].Name.Traits)
		if _, ok := groups[key]; !ok {
			order = append(order, key)
		}
		groups[key] = append(groups[key], k)
	}
	for _, key := range order {
		ks := groups[key]
		if len(ks) < 2 {
			continue
		}
		// The feature with the widest spread of centroids in the group.
		best, spread := 0, -1.0
		for f := range clusterFeatures {
			lo, hi := math.Inf(1), math.Inf(-1)
			for _, k := range ks {
				if f < len(prof[k].Centroid) {
					lo, hi = math.Min(lo, prof[k].Centroid[f]), math.Max(hi, prof[k].Centroid[f])
				}
			}
			if hi-lo > spread {
				best, spread = f, hi-lo
			}
		}
		sorted := slices.Clone(ks)
		slices.SortStableFunc(sorted, func(a, b int) int {
			return cmp.Compare(centroidAt(prof[a], best), centroidAt(prof[b], best))
		})
		for r, k := range sorted {
			side := Mid
			switch r {
			case 0:
				side = Less
			case len(sorted) - 1:
				side = More
			}
			prof[k].Name.Apart = &ClusterTrait{best, side}
		}
	}
}

// centroidAt is the profile's standardised centroid on feature f (0 when
// it has none).
func centroidAt(g ClusterProfile, f int) float64 {
	if f < len(g.Centroid) {
		return g.Centroid[f]
	}
	return 0
}
