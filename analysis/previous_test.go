package analysis

import (
	"encoding/json"
	"testing"
)

func TestPreviousSegments(t *testing.T) {
	prev := &Snapshot{AsOf: "2026-09-01", Customers: map[string]SnapshotRow{
		"a": {Segment: "s1"},      // now s0
		"c": {Segment: "s1"},      // now s1
		"d": {Segment: ""},        // not a buyer then, a buyer now
		"f": {Segment: ""},        // not a buyer then or now
		"j": {Segment: "retired"}, // a key the rules no longer have
	}}
	// e is not in the previous snapshot: a new customer who bought.
	ids := []string{"a", "c", "d", "e", "f", "j"}
	segs := []int{0, 1, 2, 0, -1, 1}
	tests := []struct {
		id      string
		prev    int16
		entered bool
		ok      bool // EnteredSegment has an answer
	}{
		{"a", 1, true, true},
		{"c", 1, false, true},
		{"d", PrevNotBuyer, true, true},
		{"e", PrevNotBuyer, true, true},
		{"f", PrevNotBuyer, false, false},
		{"j", PrevRetired, true, true},
	}
	d, res := migrationRun(ids, segs, prev)
	res.PrevSegment = previousSegments(d, res)
	for k, tt := range tests {
		if got := res.PreviousSegment(k); got != tt.prev {
			t.Errorf("%s: previous segment %d, want %d", tt.id, got, tt.prev)
		}
		entered, ok := res.EnteredSegment(k)
		if entered != tt.entered || ok != tt.ok {
			t.Errorf("%s: entered %v, %v; want %v, %v", tt.id, entered, ok, tt.entered, tt.ok)
		}
	}

	// First run: no previous segments, no answer on entering.
	d, res = migrationRun(ids, segs, nil)
	if res.PrevSegment = previousSegments(d, res); res.PrevSegment != nil {
		t.Errorf("first run: PrevSegment %v, want nil", res.PrevSegment)
	}
	for k := range ids {
		if got := res.PreviousSegment(k); got != PrevNoRun {
			t.Errorf("first run, %s: previous segment %d, want PrevNoRun", ids[k], got)
		}
		if _, ok := res.EnteredSegment(k); ok {
			t.Errorf("first run, %s: EnteredSegment answers", ids[k])
		}
	}
}

func TestParseConsent(t *testing.T) {
	tests := []struct {
		v    string
		null bool
		want Consent
	}{
		{"1", false, ConsentYes}, {"true", false, ConsentYes}, {" YES ", false, ConsentYes},
		{"y", false, ConsentYes}, {"True", false, ConsentYes},
		{"0", false, ConsentNo}, {"false", false, ConsentNo}, {"no", false, ConsentNo},
		{"N", false, ConsentNo}, {"", true, ConsentNo}, {"", false, ConsentNo},
		{"maybe", false, ConsentNo}, {"2", false, ConsentNo},
	}
	for _, tt := range tests {
		if got := ParseConsent(tt.v, tt.null); got != tt.want {
			t.Errorf("ParseConsent(%q, %v) = %d, want %d", tt.v, tt.null, got, tt.want)
		}
	}
}

func TestReachable(t *testing.T) {
	tests := []struct {
		email      string
		consent    Consent
		hasConsent bool
		want       bool
	}{
		{"a@example.com", ConsentUnknown, false, true},
		{"", ConsentUnknown, false, false},
		{"  ", ConsentYes, true, false},
		{"a@example.com", ConsentYes, true, true},
		{"a@example.com", ConsentNo, true, false},
	}
	for _, tt := range tests {
		c := Customer{Email: tt.email, Consent: tt.consent}
		if got := c.Reachable(tt.hasConsent); got != tt.want {
			t.Errorf("Reachable(%q, consent %d, column %v) = %v, want %v", tt.email, tt.consent, tt.hasConsent, got, tt.want)
		}
	}
}

// A manifest written before the churn rate was defined once has churn_rate
// (then the churned share of buyers) and period_churn_rate (the churn
// rate); it reads as the churn rate and the churned share.
func TestKPIsJSONChurnRate(t *testing.T) {
	tests := []struct {
		name, json         string
		churnRate, churned float64
	}{
		{"now", `{"buyers": 10, "churn_rate": 0.15, "churned_share": 0.58}`, 0.15, 0.58},
		{"before", `{"buyers": 10, "churn_rate": 0.58, "period_churn_rate": 0.15}`, 0.15, 0.58},
	}
	for _, tt := range tests {
		var k KPIs
		if err := json.Unmarshal([]byte(tt.json), &k); err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if k.PeriodChurnRate != tt.churnRate || k.ChurnedShare != tt.churned || k.Buyers != 10 {
			t.Errorf("%s: churn rate %v, churned share %v, buyers %d; want %v, %v, 10", tt.name, k.PeriodChurnRate, k.ChurnedShare, k.Buyers, tt.churnRate, tt.churned)
		}
	}
	// And back: the churn rate is written as churn_rate.
	b, err := json.Marshal(KPIs{PeriodChurnRate: 0.15, ChurnedShare: 0.58})
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	if m["churn_rate"] != 0.15 || m["churned_share"] != 0.58 || m["period_churn_rate"] != nil {
		t.Errorf("marshalled %s", b)
	}
}
