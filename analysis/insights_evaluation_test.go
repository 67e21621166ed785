package analysis

import (
	"math"
	"slices"
	"testing"

	"github.com/custseg/custseg/analysis/kmeans"
)

func TestSegmentDistinctness(t *testing.T) {
	// Buyers on a line (one feature): 0 and 1 in segment 0, 10 and 11 in
	// segment 1, segment 2 empty; a fifth row without a segment is left
	// out. Whole data:
	//   x=0:  a = 1, b = (10 + 11)/2 = 10.5, s = 9.5/10.5
	//   x=1:  a = 1, b = (9 + 10)/2  = 9.5,  s = 8.5/9.5
	//   segment 0: (9.5/10.5 + 8.5/9.5)/2 ≈ 0.8997; segment 1 the same by
	//   symmetry (x=10 mirrors x=1, x=11 mirrors x=0).
	// Sample rows {0, 1, 2} (x = 0, 1, 10), measured against the sample
	// only:
	//   x=0:  a = 1, b = 10, s = 0.9;  x=1: a = 1, b = 9, s = 8/9
	//   x=10: alone in its segment, s = 0
	whole := (9.5/10.5 + 8.5/9.5) / 2
	tests := []struct {
		name string
		segs []int
		sil  []int
		want []float64
	}{
		{"whole", []int{0, 0, 1, 1, -1}, nil, []float64{whole, whole, 0}},
		{"sample", []int{0, 0, 1, 1, -1}, []int{0, 1, 2}, []float64{(0.9 + 8.0/9) / 2, 0, 0}},
		{"one segment", []int{0, 0, 0, 0, -1}, nil, []float64{0, 0, 0}},
	}
	for _, tt := range tests {
		cd := &clusterData{
			m:    kmeans.Matrix{N: 5, D: 1, Data: []float64{0, 1, 10, 11, 5}},
			rows: []int{0, 1, 2, 3, 4},
			sil:  tt.sil,
		}
		scores := make([]Score, 5)
		for i, g := range tt.segs {
			scores[i].Segment = int16(g)
		}
		got := segmentDistinctness(cd, scores, 3)
		for g := range got {
			if math.Abs(got[g]-tt.want[g]) > 1e-12 {
				t.Errorf("%s: segment %d distinctness %v, want %v", tt.name, g, got[g], tt.want[g])
			}
		}
	}
}

func TestEvaluateSegmentsStability(t *testing.T) {
	// shop(): a Champions, b Loyal, c Potential Loyalist, d Need Attention,
	// e Hibernating, f never bought: 6 customers, each segment 1/6.
	prev := &Snapshot{AsOf: "2026-06-30", Customers: map[string]SnapshotRow{
		"a": {Segment: "champions"},      // stayed
		"b": {Segment: "champions"},      // moved to loyal
		"d": {Segment: "need_attention"}, // stayed
		"e": {Segment: ""},               // did not buy then
		"f": {Segment: ""},
		// c was not in the previous run
	}}
	p := DefaultParams()
	p.Insights.TooSmallShare = 0.2 // 1/6 ≈ 0.167 is too small
	tests := []struct {
		name string
		prev *Snapshot
		want map[string]float64 // stability by key; -1 everywhere without a previous run
	}{
		{"previous", prev, map[string]float64{"champions": 1, "loyal": 0, "potential_loyalist": 0, "need_attention": 1, "hibernating": 0}},
		{"first run", nil, nil},
	}
	for _, tt := range tests {
		d := shop()
		d.Previous = tt.prev
		res := Analyze(d, p)
		if len(res.Evaluation) != len(res.Segments) {
			t.Fatalf("%s: %d evaluations for %d segments", tt.name, len(res.Evaluation), len(res.Segments))
		}
		for g, e := range res.Evaluation {
			s := res.Segments[g]
			wantShare := float64(s.Customers) / 6
			if e.Key != s.Rule.Key || e.Customers != s.Customers || math.Abs(e.Share-wantShare) > 1e-12 || e.ValueShare != s.ValueShare {
				t.Errorf("%s: %s = %+v", tt.name, s.Rule.Key, e)
			}
			if !e.TooSmall {
				t.Errorf("%s: %s (share %v) not too small", tt.name, e.Key, e.Share)
			}
			if e.Distinctness < -1 || e.Distinctness > 1 {
				t.Errorf("%s: %s distinctness %v", tt.name, e.Key, e.Distinctness)
			}
			want := -1.0
			if tt.prev != nil {
				want = tt.want[e.Key] // 0 for the empty segments
			}
			if e.Stability != want {
				t.Errorf("%s: %s stability %v, want %v", tt.name, e.Key, e.Stability, want)
			}
		}
	}

	p.Insights.TooSmallShare = 0.1
	res := Analyze(shop(), p)
	for _, e := range res.Evaluation {
		if e.TooSmall != (e.Customers == 0) {
			t.Errorf("share limit 0.1: %s (%d customers) too small = %v", e.Key, e.Customers, e.TooSmall)
		}
	}
}

func TestClusterDataSample(t *testing.T) {
	// The silhouette sample is kmeans.Select's: at most SampleSize rows,
	// increasing; nil when all rows fit.
	d := shop()
	p := DefaultParams()
	scores := Analyze(d, p).Scores
	cd := newClusterData(d, p.Clusters, scores)
	if cd.m.N != 5 || cd.sil != nil || !slices.Equal(cd.rows, []int{0, 1, 2, 3, 4}) {
		t.Errorf("small shop: %d rows %v, sample %v", cd.m.N, cd.rows, cd.sil)
	}
	d = syntheticShop(3000, 7)
	p.Clusters.SampleSize = 1000
	res := Analyze(d, p)
	cd = newClusterData(d, p.Clusters, res.Scores)
	if len(cd.sil) != 1000 || !slices.IsSorted(cd.sil) || !slices.Equal(cd.sil, kmeans.SilhouetteSample(cd.m.N, p.Clusters)) {
		t.Errorf("sample of %d rows", len(cd.sil))
	}
	for _, e := range res.Evaluation {
		if e.Customers > 0 && (e.Distinctness == 0 || e.Distinctness < -1 || e.Distinctness > 1) {
			t.Errorf("%s: distinctness %v", e.Key, e.Distinctness)
		}
	}
}
