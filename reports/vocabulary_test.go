package reports

import (
	"strings"
	"testing"

	"github.com/custseg/custseg/analysis"
)

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
