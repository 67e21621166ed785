package analysis

import (
	"math"
	"strings"
	"testing"
)

// testShop is a shop whose buyers have, on average, 120 days since the
// last purchase (median 90), 4 purchases (median 2), 800 net spend (median
// 300) and 400 days since the first purchase (median 350).
var testShop = clusterShop{
	mean:   [4]float64{120, 4, 800, 400},
	median: [4]float64{90, 2, 300, 350},
}

// testProfile is a cluster profile with the given means and standardised
// centroid.
func testProfile(recency, freq, spend, tenure float64, centroid ...float64) ClusterProfile {
	return ClusterProfile{MeanRecency: recency, MeanFrequency: freq, MeanMonetary: spend, MeanTenure: tenure, Centroid: centroid}
}

// describe writes a cluster name in short: "recency:high frequency:low",
// then the trait that tells it apart in brackets; "typical" for none.
func describe(n ClusterName) string {
	var parts []string
	for _, t := range n.Traits {
		parts = append(parts, clusterFeatures[t.Feature]+":"+t.Side.String())
	}
	s := strings.Join(parts, " ")
	if s == "" {
		s = "typical"
	}
	if n.Apart != nil {
		s += " (" + clusterFeatures[n.Apart.Feature] + ":" + n.Apart.Side.String() + ")"
	}
	return s
}

// TestClusterNameAgainstShop: a trait is earned only when the profile is
// on the trait's side of the shop's mean and median, not from the
// log-scale centroid alone.
func TestClusterNameAgainstShop(t *testing.T) {
	tests := []struct {
		name string
		p    ClusterProfile
		want string
	}{
		{"lapsed when worse than the shop",
			testProfile(400, 1.5, 200, 500, 1.2, -0.8, -0.9, 0.2),
			"recency:high frequency:low monetary:low"},
		// Log scale: the centroid says "long ago", but the buyers' mean
		// days since the last purchase (100) beat the shop's mean (120).
		{"not lapsed when better than the shop's mean",
			testProfile(100, 1.5, 200, 500, 0.7, -0.8, -0.9, 0.2),
			"frequency:low monetary:low"},
		// Between the median (90) and the mean (120): not "lapsed" either.
		{"not lapsed between median and mean",
			testProfile(110, 4, 800, 400, 0.9, 0, 0, 0),
			"typical"},
		// The centroid says "frequent", but 3 purchases are below the
		// shop's mean of 4.
		{"not frequent below the shop's mean",
			testProfile(60, 3, 800, 400, -0.9, 0.8, 0, 0),
			"recency:low"},
		{"big spenders above mean and median",
			testProfile(30, 12, 5000, 600, -1, 1.4, 1.5, 0.6),
			"recency:low frequency:high monetary:high tenure:high"},
		{"new",
			testProfile(120, 4, 800, 40, 0, 0, 0, -1.5),
			"tenure:low"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := describe(clusterName(&tt.p, testShop)); got != tt.want {
				t.Errorf("clusterName = %s, want %s", got, tt.want)
			}
		})
	}
}

// TestNameClustersDistinct: clusters of the same traits are told apart by
// the feature on which they differ most, and no two names say the same
// unless the clusters are alike on every feature (the reports number
// those; reports.TestClusterNames).
func TestNameClustersDistinct(t *testing.T) {
	tests := []struct {
		name string
		prof []ClusterProfile
		want []string
	}{
		{"two alike, told apart by recency",
			[]ClusterProfile{
				testProfile(20, 9, 3000, 500, -1.5, 1, 1, 0.1),
				testProfile(60, 9, 3000, 500, -0.6, 1.1, 1, 0.1),
			},
			// Fewer days since the last purchase: recency:less ("more recent").
			[]string{"recency:low frequency:high monetary:high (recency:less)", "recency:low frequency:high monetary:high (recency:more)"}},
		{"three alike, the middle one between",
			[]ClusterProfile{
				testProfile(120, 4, 800, 400, 0, 0.1, 0, 0),
				testProfile(120, 4, 800, 400, 0, -0.3, 0, 0),
				testProfile(120, 4, 800, 400, 0, 0.4, 0, 0),
			},
			[]string{"typical (frequency:mid)", "typical (frequency:less)", "typical (frequency:more)"}},
		{"one of its kind keeps its traits alone",
			[]ClusterProfile{testProfile(120, 4, 800, 400, 0, 0, 0, 0), testProfile(30, 12, 5000, 600, -1, 1.4, 1.5, 0.6)},
			[]string{"typical", "recency:low frequency:high monetary:high tenure:high"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			nameClusters(tt.prof, testShop)
			for k, p := range tt.prof {
				if got := describe(p.Name); got != tt.want[k] {
					t.Errorf("cluster %d: %s, want %s", k, got, tt.want[k])
				}
			}
		})
	}
}

func TestParamsValidateClustersTol(t *testing.T) {
	tests := []struct {
		tol   float64
		valid bool
	}{
		{0, true},
		{1e-4, true},
		{1, true},
		{-1e-4, false},
		{1.5, false},
		{math.NaN(), false},
	}
	for _, tt := range tests {
		p := DefaultParams()
		p.Clusters.Tol = tt.tol
		if err := p.Validate(); (err == nil) != tt.valid {
			t.Errorf("clusters.tol %v: err %v, want valid %v", tt.tol, err, tt.valid)
		}
	}
}
