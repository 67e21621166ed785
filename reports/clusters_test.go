package reports

import (
	"strings"
	"testing"

	"github.com/custseg/custseg/analysis"
)

// trait is a ClusterTrait in short.
func trait(f int, s analysis.Side) analysis.ClusterTrait {
	return analysis.ClusterTrait{Feature: f, Side: s}
}

// TestClusterNames: the reports put a cluster's traits in words in both
// languages, and number a name another cluster or a segment already has,
// in either language.
func TestClusterNames(t *testing.T) {
	const rec, freq, mon, ten = 0, 1, 2, 3
	apart := func(f int, s analysis.Side) *analysis.ClusterTrait { t := trait(f, s); return &t }
	segments := func(names ...[2]string) []analysis.SegmentSummary {
		var out []analysis.SegmentSummary
		for _, s := range analysis.DefaultSegments() {
			out = append(out, analysis.SegmentSummary{Rule: s})
		}
		for _, n := range names {
			out = append(out, analysis.SegmentSummary{Rule: analysis.SegmentRule{Name: n[0], NameZh: n[1]}})
		}
		return out
	}
	tests := []struct {
		name     string
		clusters []analysis.ClusterName
		segments []analysis.SegmentSummary
		en, zh   []string
	}{
		{"traits in order",
			[]analysis.ClusterName{
				{Traits: []analysis.ClusterTrait{trait(rec, analysis.High), trait(freq, analysis.Low), trait(mon, analysis.Low)}},
				{Traits: []analysis.ClusterTrait{trait(rec, analysis.Low), trait(freq, analysis.High), trait(mon, analysis.High), trait(ten, analysis.High)}},
				{},
				{Traits: []analysis.ClusterTrait{trait(ten, analysis.Low)}},
			}, segments(),
			[]string{"Lapsed, occasional, low-spend buyers", "Recent, frequent, high-spend, long-standing buyers", "Typical buyers", "New buyers"},
			[]string{"久未购买、低频、低消费客户群", "近期购买、高频、高消费、长期客户群", "典型客户群", "新加入客户群"}},
		{"told apart",
			[]analysis.ClusterName{
				{Apart: apart(freq, analysis.Mid)}, {Apart: apart(freq, analysis.Less)}, {Apart: apart(freq, analysis.More)},
				{Traits: []analysis.ClusterTrait{trait(rec, analysis.Low)}, Apart: apart(rec, analysis.Less)},
				{Traits: []analysis.ClusterTrait{trait(rec, analysis.Low)}, Apart: apart(rec, analysis.More)},
			}, segments(),
			[]string{"Typical buyers (mid frequency)", "Typical buyers (less frequent)", "Typical buyers (more frequent)",
				"Recent buyers (more recent)", "Recent buyers (less recent)"},
			[]string{"典型客户群（频度居中）", "典型客户群（更低频）", "典型客户群（更高频）", "近期购买客户群（购买更近）", "近期购买客户群（购买稍早）"}},
		{"alike on every feature: numbered",
			[]analysis.ClusterName{{Apart: apart(mon, analysis.Mid)}, {Apart: apart(mon, analysis.Mid)}, {Apart: apart(mon, analysis.Mid)}},
			segments(),
			[]string{"Typical buyers (mid spend)", "Typical buyers (mid spend) 2", "Typical buyers (mid spend) 3"},
			[]string{"典型客户群（消费居中）", "典型客户群（消费居中） 2", "典型客户群（消费居中） 3"}},
		{"a name a segment has, in English",
			[]analysis.ClusterName{{}},
			segments([2]string{"typical buyers", "普通"}),
			[]string{"Typical buyers 2"}, []string{"典型客户群 2"}},
		{"a name a segment has, in Chinese",
			[]analysis.ClusterName{{}, {}},
			segments([2]string{"Ordinary", "典型客户群 2"}),
			[]string{"Typical buyers", "Typical buyers 3"}, []string{"典型客户群", "典型客户群 3"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := &analysis.Result{Segments: tt.segments}
			for _, n := range tt.clusters {
				res.Clusters.Profiles = append(res.Clusters.Profiles, analysis.ClusterProfile{Name: n})
			}
			for _, loc := range []struct {
				locale string
				want   []string
			}{{"en", tt.en}, {"zh-CN", tt.zh}} {
				got := ClusterNames(res, loc.locale)
				if strings.Join(got, "|") != strings.Join(loc.want, "|") {
					t.Errorf("%s: %q, want %q", loc.locale, got, loc.want)
				}
				seen := map[string]bool{}
				for _, n := range got {
					if seen[strings.ToLower(n)] {
						t.Errorf("%s: name %q given twice", loc.locale, n)
					}
					seen[strings.ToLower(n)] = true
					for _, s := range tt.segments {
						if strings.EqualFold(n, SegmentName(s.Rule, "en")) || n == SegmentName(s.Rule, "zh-CN") {
							t.Errorf("%s: cluster name %q is the segment name %q/%q", loc.locale, n, SegmentName(s.Rule, "en"), SegmentName(s.Rule, "zh-CN"))
						}
					}
				}
			}
		})
	}
}
