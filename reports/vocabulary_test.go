package reports

import (
	"strings"
	"testing"

	"github.com/custseg/custseg/analysis"
)

// TestVocabularyDistinct walks every name a reader sees for a group, a
// list, a movement or a headline number, in both locales, for the default
// config, and fails on any name that stands for two things. Beyond the
// vocabulary it takes the names the reports actually print: the KPI labels
// of the workbook's Summary and of the HTML report (one name per KPI in
// both, none a group's name) and the clusters as customer lists name them.
func TestVocabularyDistinct(t *testing.T) {
	for _, loc := range []string{"en", "zh-CN"} {
		t.Run(loc, func(t *testing.T) {
			v := Names(analysis.DefaultSegments(), loc)
			for _, d := range v.Duplicates() {
				t.Error(d)
			}
			for kind, m := range map[string]map[string]string{"segment": v.Segment, "tier": v.Tier, "pyramid": v.Pyramid,
				"status": v.Status, "stage": v.Stage, "behaviour": v.Behaviour, "list": v.List, "kpi": v.KPI,
				"verdict": v.Verdict} {
				if len(m) == 0 {
					t.Errorf("no %s names", kind)
				}
			}
			if len(v.Segment) != len(analysis.DefaultSegments()) || len(v.Verdict) != len(verdictLevels) || len(v.Status) != len(analysis.Statuses) ||
				len(v.Stage) != len(analysis.Stages) || len(v.Tier) != len(analysis.Tiers) || len(v.Pyramid) != len(analysis.PyramidTiers) {
				t.Errorf("vocabulary misses names: %+v", v.GroupLabels)
			}

			// Names other than KPIs, by normalised name.
			groups := map[string]string{}
			for _, e := range v.entries() {
				if e.kind != "kpi" {
					groups[vocabNorm(e.name)] = e.String()
				}
			}
			// The KPI names the reports print, by KPI key.
			in := wbRichInput(loc, true, true)
			wb := &workbook{in: in, ds: in.Dataset, res: in.Result, loc: loc, asOf: in.AsOf}
			printed := map[string]map[string]bool{} // key → names
			note := func(key, name string) {
				if printed[key] == nil {
					printed[key] = map[string]bool{}
				}
				printed[key][name] = true
			}
			for _, k := range wb.kpis() {
				note(k.key, k.label)
			}
			for _, s := range reportKPISpecs(in.Result) {
				note(s.key, s.label.In(loc))
			}
			byName := map[string]string{}
			for key, names := range printed {
				if len(names) > 1 {
					t.Errorf("KPI %s has several names: %v", key, names)
				}
				for name := range names {
					n := vocabNorm(name)
					if g, ok := groups[n]; ok {
						t.Errorf("KPI %s is named %q, like %s", key, name, g)
					}
					if other, ok := byName[n]; ok && other != key {
						t.Errorf("KPIs %s and %s are both named %q", other, key, name)
					}
					byName[n] = key
					if want, ok := v.KPI[key]; ok && want != name {
						t.Errorf("KPI %s is printed %q, but the vocabulary calls it %q", key, name, want)
					}
				}
			}
			// Only the period churn rate is called churn rate.
			churn := vocabNorm(kpiNameChurnRate.In(loc))
			for key, names := range printed {
				for name := range names {
					if vocabNorm(name) == churn && key != "churn_rate" {
						t.Errorf("KPI %s is called %q", key, name)
					}
				}
			}
			// Clusters, as customer lists name them.
			for k, p := range in.Result.Clusters.Profiles {
				for _, name := range []string{ClusterName(k, p, loc), ClusterName(k, analysis.ClusterProfile{Name: analysis.Label{En: "New", Zh: "新客户"}}, loc)} {
					if g, ok := groups[vocabNorm(name)]; ok {
						t.Errorf("cluster %d is named %q, like %s", k+1, name, g)
					}
				}
			}
		})
	}
}

// TestVocabularyRenamed pins the names that used to collide: the churn
// statuses and the lifecycle's last stage are not named like the segments
// At Risk and Lost.
func TestVocabularyRenamed(t *testing.T) {
	tests := []struct {
		loc, kind, key, want string
	}{
		{"en", "status", "at_risk", "Lapsing"},
		{"en", "status", "churned", "Churned"},
		{"en", "status", "potential", "Prospect (never bought)"},
		{"en", "stage", "lost", "Ended"},
		{"en", "segment", "at_risk", "At Risk"},
		{"en", "segment", "lost", "Lost"},
		{"en", "list", "save_now", "Save now"},
		{"en", "list", "win_back", "Win back"},
		{"en", "kpi", "at_risk_customers", "Lapsing customers"},
		{"en", "kpi", "churn_rate", "Churn rate"},
		{"zh-CN", "status", "active", "活跃"},
		{"zh-CN", "status", "at_risk", "流失预警"},
		{"zh-CN", "status", "churned", "已流失"},
		{"zh-CN", "status", "potential", "潜在（未购买）"},
		{"zh-CN", "stage", "lost", "关系终止期"},
		{"zh-CN", "segment", "at_risk", "有流失风险客户"},
		{"zh-CN", "segment", "lost", "流失已久客户"},
		{"zh-CN", "list", "save_now", "立即挽留"},
		{"zh-CN", "list", "win_back", "流失召回"},
		{"en", "verdict", "usable", "Reliable"},
		{"en", "verdict", "caution", "Use with caution"},
		{"en", "verdict", "not_usable", "Unreliable"},
		{"zh-CN", "verdict", "usable", "可靠"},
		{"zh-CN", "verdict", "caution", "谨慎使用"},
		{"zh-CN", "verdict", "not_usable", "不可靠"},
	}
	for _, tt := range tests {
		v := Names(analysis.DefaultSegments(), tt.loc)
		got := map[string]map[string]string{"status": v.Status, "stage": v.Stage, "segment": v.Segment,
			"list": v.List, "kpi": v.KPI, "verdict": v.Verdict}[tt.kind][tt.key]
		if got != tt.want {
			t.Errorf("%s %s %s = %q, want %q", tt.loc, tt.kind, tt.key, got, tt.want)
		}
	}
}

// TestCheckSegmentNames: operator segment names may not repeat each other
// or name a built-in group, in either language; the error names the key.
func TestCheckSegmentNames(t *testing.T) {
	seg := func(key, en, zh string) analysis.SegmentRule {
		return analysis.SegmentRule{Key: key, Name: en, NameZh: zh, RMin: 1, RMax: 5, FMMin: 1, FMMax: 5}
	}
	tests := []struct {
		name string
		segs []analysis.SegmentRule
		want string // error prefix; "" for none
	}{
		{"defaults", analysis.DefaultSegments(), ""},
		{"own names", []analysis.SegmentRule{seg("a", "VIP", "贵宾"), seg("b", "Others", "其他客户群")}, ""},
		{"no Chinese name", []analysis.SegmentRule{seg("a", "VIP", "")}, ""},
		{"the old Chinese Lost", []analysis.SegmentRule{seg("lost", "Lost", "已流失客户")}, ""},
		{"status", []analysis.SegmentRule{seg("a", "VIP", ""), seg("b", "Churned", "")},
			`rfm.segments[1].name: "Churned" is also the churn status "Churned" (churned)`},
		{"status, case and spaces", []analysis.SegmentRule{seg("a", "  LAPSING", "")},
			`rfm.segments[0].name: "  LAPSING" is also the churn status "Lapsing" (at_risk)`},
		{"status in Chinese", []analysis.SegmentRule{seg("a", "VIP", "流失预警")},
			`rfm.segments[0].name_zh: "流失预警" is also the churn status "流失预警" (at_risk)`},
		{"English name in Chinese reports", []analysis.SegmentRule{seg("a", "活跃", "")},
			`rfm.segments[0].name: "活跃" is also the churn status "活跃" (active)`},
		{"stage", []analysis.SegmentRule{seg("a", "Ended", "")},
			`rfm.segments[0].name: "Ended" is also the lifecycle stage "Ended" (lost)`},
		{"tier", []analysis.SegmentRule{seg("a", "VIP", "大客户")},
			`rfm.segments[0].name_zh: "大客户" is also the value tier "大客户" (key)`},
		{"list", []analysis.SegmentRule{seg("a", "Save now", "")},
			`rfm.segments[0].name: "Save now" is also the customer list "Save now" (save_now)`},
		{"verdict", []analysis.SegmentRule{seg("a", "VIP", "谨慎使用")},
			`rfm.segments[0].name_zh: "谨慎使用" is also the verdict on the predictions "谨慎使用" (caution)`},
		{"kpi", []analysis.SegmentRule{seg("a", "Churn rate", "")},
			`rfm.segments[0].name: "Churn rate" is also the headline number "Churn rate" (churn_rate)`},
		{"twice", []analysis.SegmentRule{seg("a", "VIP", "贵宾"), seg("b", "vip", "贵宾二")},
			`rfm.segments[1].name: "vip" is also the name of the segment "a"`},
		{"twice in Chinese", []analysis.SegmentRule{seg("a", "VIP", "贵宾"), seg("b", "Gold members", "贵宾")},
			`rfm.segments[1].name_zh: "贵宾" is also the name of the segment "a"`},
		{"empty", []analysis.SegmentRule{seg("a", " ", "")}, `rfm.segments[0].name: the segment "a" has no name`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := CheckSegmentNames(tt.segs)
			switch {
			case tt.want == "" && err != nil:
				t.Errorf("error %v", err)
			case tt.want != "" && err == nil:
				t.Errorf("no error, want %q", tt.want)
			case tt.want != "" && !strings.HasPrefix(err.Error(), tt.want):
				t.Errorf("error %q\nwant prefix %q", err, tt.want)
			}
		})
	}
}
