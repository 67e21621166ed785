package reports

import (
	"strings"
	"testing"

	"github.com/custseg/custseg/analysis"
)

// TestListReasons: every reason reads the customer's own numbers.
func TestListReasons(t *testing.T) {
	ds := &analysis.Dataset{WindowDays: 90, Customers: []analysis.Customer{{ID: "a", RecentOrders: 1, PreviousOrders: 4}, {ID: "b"}}}
	res := &analysis.Result{Scores: []analysis.Score{{Recency: 75, RhythmDays: 30, PAlive: 0.31}, {Recency: 200}}}
	tests := []struct {
		e    analysis.ListEntry
		want string
	}{
		{analysis.ListEntry{Index: 0, Reason: analysis.ReasonLapsing}, "Lapsing: 75 days since the last order, usually every 30 days"},
		{analysis.ListEntry{Index: 0, Reason: analysis.ReasonDeclining}, "Buying less: orders fell from 4 to 1 (the last 90 days against the 90 days before)"},
		{analysis.ListEntry{Index: 0, Reason: analysis.ReasonUnlikelyAlive}, "Purchase model: only 31.0% likely to still be a customer"},
		{analysis.ListEntry{Index: 1, Reason: analysis.ReasonChurned}, "Churned: 200 days since their only order"},
	}
	for _, tt := range tests {
		if got := ListReason(ds, res, tt.e, "en"); got != tt.want {
			t.Errorf("%v: %q, want %q", tt.e.Reason, got, tt.want)
		}
		if zh := ListReason(ds, res, tt.e, "zh-CN"); zh == "" || strings.Contains(zh, "%!") {
			t.Errorf("%v in zh-CN: %q", tt.e.Reason, zh)
		}
	}
}
