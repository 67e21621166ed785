package analysis

import (
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

// TestClusterNameAgainstShop: a word is earned only when the profile is on
// the word's side of the shop's mean and median, not from the log-scale
// centroid alone.
func TestClusterNameAgainstShop(t *testing.T) {
	tests := []struct {
		name string
		p    ClusterProfile
		want Label
	}{
		{"lapsed when worse than the shop",
			testProfile(400, 1.5, 200, 500, 1.2, -0.8, -0.9, 0.2),
			Label{"Lapsed, occasional, low-spend buyers", "久未购买、低频、低消费客户群"}},
		// Log scale: the centroid says "long ago", but the buyers' mean
		// days since the last purchase (100) beat the shop's mean (120).
		{"not lapsed when better than the shop's mean",
			testProfile(100, 1.5, 200, 500, 0.7, -0.8, -0.9, 0.2),
			Label{"Occasional, low-spend buyers", "低频、低消费客户群"}},
		// Between the median (90) and the mean (120): not "lapsed" either.
		{"not lapsed between median and mean",
			testProfile(110, 4, 800, 400, 0.9, 0, 0, 0),
			Label{"Typical buyers", "典型客户群"}},
		// The centroid says "frequent", but 3 purchases are below the
		// shop's mean of 4.
		{"not frequent below the shop's mean",
			testProfile(60, 3, 800, 400, -0.9, 0.8, 0, 0),
			Label{"Recent buyers", "近期购买客户群"}},
		{"big spenders above mean and median",
			testProfile(30, 12, 5000, 600, -1, 1.4, 1.5, 0.6),
			Label{"Recent, frequent, high-spend, long-standing buyers", "近期购买、高频、高消费、长期客户群"}},
		// Only "new": the name is not the RFM segment "New".
		{"new is not the segment New",
			testProfile(120, 4, 800, 40, 0, 0, 0, -1.5),
			Label{"New buyers", "新加入客户群"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := clusterName(&tt.p, testShop); got != tt.want {
				t.Errorf("clusterName = %+v, want %+v", got, tt.want)
			}
		})
	}
}

// TestNameClustersDistinct: clusters that would share a name are told
// apart, and no name is an RFM segment's (or any reserved) name.
func TestNameClustersDistinct(t *testing.T) {
	var reserved []Label
	for _, s := range DefaultSegments() {
		reserved = append(reserved, Label{s.Name, s.NameZh})
	}
	tests := []struct {
		name     string
		prof     []ClusterProfile
		reserved []Label
		want     []string // English names
	}{
		{"two alike, told apart by recency",
			[]ClusterProfile{
				testProfile(20, 9, 3000, 500, -1.5, 1, 1, 0.1),
				testProfile(60, 9, 3000, 500, -0.6, 1.1, 1, 0.1),
			}, reserved,
			[]string{"Recent, frequent, high-spend buyers (more recent)", "Recent, frequent, high-spend buyers (less recent)"}},
		{"three alike, the middle one between",
			[]ClusterProfile{
				testProfile(120, 4, 800, 400, 0, 0.1, 0, 0),
				testProfile(120, 4, 800, 400, 0, -0.3, 0, 0),
				testProfile(120, 4, 800, 400, 0, 0.4, 0, 0),
			}, reserved,
			[]string{"Typical buyers (mid frequency)", "Typical buyers (less frequent)", "Typical buyers (more frequent)"}},
		{"a name a segment has",
			[]ClusterProfile{testProfile(120, 4, 800, 400, 0, 0, 0, 0)},
			append(reserved, Label{"Typical buyers", "典型客户群"}),
			[]string{"Typical buyers 2"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			nameClusters(tt.prof, testShop, tt.reserved)
			seen := map[string]bool{}
			for k, p := range tt.prof {
				if p.Name.En != tt.want[k] {
					t.Errorf("cluster %d: %q, want %q", k, p.Name.En, tt.want[k])
				}
				for _, n := range []string{p.Name.En, p.Name.Zh} {
					if seen[n] {
						t.Errorf("name %q given twice", n)
					}
					seen[n] = true
					for _, r := range tt.reserved {
						if strings.EqualFold(n, r.En) || n == r.Zh {
							t.Errorf("cluster name %q is the reserved name %+v", n, r)
						}
					}
				}
			}
		})
	}
}
