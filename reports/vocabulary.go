package reports

import (
	"fmt"
	"slices"
	"strings"

	"github.com/custseg/custseg/analysis"
)

// This file is custseg's vocabulary: every name a reader sees for a group
// of customers (segment, value tier, pyramid level, churn status,
// lifecycle stage, buying behaviour), for a customer list, for a
// headline number and for the verdict on the predictions, in one place. The HTML report, the emails, the workbook,
// the customer CSV and manifest.json all read their names from here (the
// maps in labels.go and the KPI names below), and no name stands for two
// things in a locale: "At Risk" is an RFM segment, "Lapsing" the churn
// status, "Save now" a list.

// KPILabels name the headline numbers, keyed by their JSON names in
// analysis.KPIs (and manifest.json's kpis).
var KPILabels = map[string]Label{
	"customers":            "reports.KpiNameCustomers",
	"buyers":               "reports.KpiNameBuyers",
	"orders":               "reports.KpiNameOrders",
	"gross_revenue":        "reports.KpiNameGross",
	"refunds":              "reports.KpiNameRefunds",
	"net_revenue":          "reports.KpiNameNet",
	"margin":               "reports.KpiNameMargin",
	"avg_order_value":      "reports.KpiNameAOV",
	"repeat_purchase_rate": "reports.KpiNameRepeat",
	"top20_value_share":    "reports.KpiNameTop20",
	"gini":                 "reports.KpiNameGini",
	"active_customers":     "reports.KpiNameActive",
	"at_risk_customers":    "reports.KpiNameLapsing",
	"churned_customers":    "reports.KpiNameChurned",
	"churn_rate":           "reports.KpiNameChurnRate",
	"churned_share":        "reports.KpiNameChurnedShare",
	"expected_purchases":   "reports.KpiNameExpPurchases",
	"clv_total":            "reports.KpiNameCLV",
	"save_now":             "reports.KpiNameSaveNow",
	"win_back":             "reports.KpiNameWinBack",
	"period.revenue":       "reports.KpiNamePeriodRevenue",
	"period.orders":        "reports.KpiNamePeriodOrders",
	"period.buyers":        "reports.KpiNamePeriodBuyers",
	"period.new_buyers":    "reports.KpiNamePeriodNew",
}

// ListLabels name the workbook's lists of customers beyond the segments
// and the full Customers sheet, keyed by a stable list key.
var ListLabels = map[string]Label{
	"save_now": "reports.ListNameSaveNow",
	"win_back": "reports.ListNameWinBack",
}

// MovementLabels name how a customer moved between segments since the
// previous run (the Migration sheet, the HTML report and the emails).
var MovementLabels = map[string]Label{
	"up":     MgUp[0],
	"down":   MgDown[0],
	"same":   MgSame[0],
	"joined": MgNew[0],
	"gone":   MgLost[0],
	// "reclassified" only appears when the segment rules changed.
	"reclassified": MgReclassified[0],
}

// GroupLabels are the names of the groups a customer is in, keyed as the
// write-back table, the snapshot and manifest.json's counts key them, in
// one locale: manifest.json's labels.
type GroupLabels struct {
	Segment map[string]string `json:"segment"` // RFM segment key → name
	Tier    map[string]string `json:"tier"`    // value tier key → name
	Pyramid map[string]string `json:"pyramid"` // pyramid level key → name
	Status  map[string]string `json:"status"`  // churn status key → name
	Stage   map[string]string `json:"stage"`   // lifecycle stage key → name
}

// Vocabulary is every name a reader sees for a group, a list, a movement,
// or a headline number, in one locale, each keyed by its stable key.
type Vocabulary struct {
	GroupLabels
	Behaviour map[string]string // buying behaviour key → name
	List      map[string]string // ListLabels key → name
	Movement  map[string]string // MovementLabels key → name
	KPI       map[string]string // analysis.KPIs JSON name → name
	Verdict   map[string]string // verdict level key (analysis.Verdict*) → name
}

// Names returns the vocabulary of locale for the segment rules segments
// (the run's, or the configured ones).
func Names(segments []analysis.SegmentRule, locale string) Vocabulary {
	v := Vocabulary{GroupLabels: GroupLabels{
		Segment: make(map[string]string, len(segments)),
		Tier:    map[string]string{}, Pyramid: map[string]string{},
		Status: map[string]string{}, Stage: map[string]string{},
	}, Behaviour: map[string]string{}, List: map[string]string{}, Movement: map[string]string{}, KPI: map[string]string{},
		Verdict: map[string]string{}}
	for _, r := range segments {
		v.Segment[r.Key] = SegmentName(r, locale)
	}
	for _, t := range analysis.Tiers {
		v.Tier[t.String()] = TierLabels[t].In(locale)
	}
	for _, p := range analysis.PyramidTiers {
		v.Pyramid[p.String()] = PyramidLabels[p].In(locale)
	}
	for _, s := range analysis.Statuses {
		v.Status[s.String()] = StatusLabels[s].In(locale)
	}
	for _, s := range analysis.Stages {
		v.Stage[s.String()] = StageLabels[s].In(locale)
	}
	for b, l := range BehaviourLabels {
		if b != analysis.BehaviourNone {
			v.Behaviour[b.String()] = l.In(locale)
		}
	}
	for k, l := range ListLabels {
		v.List[k] = l.In(locale)
	}
	for k, l := range MovementLabels {
		v.Movement[k] = l.In(locale)
	}
	for k, l := range KPILabels {
		v.KPI[k] = l.In(locale)
	}
	for k, l := range VerdictLabels {
		v.Verdict[k] = l.In(locale)
	}
	return v
}

// vocabKind says what a kind of name is, in error messages.
var vocabKinds = []struct {
	kind, what string
	get        func(*Vocabulary) map[string]string
}{
	{"segment", "the RFM segment", func(v *Vocabulary) map[string]string { return v.Segment }},
	{"tier", "the value tier", func(v *Vocabulary) map[string]string { return v.Tier }},
	{"pyramid", "the pyramid level", func(v *Vocabulary) map[string]string { return v.Pyramid }},
	{"status", "the churn status", func(v *Vocabulary) map[string]string { return v.Status }},
	{"stage", "the lifecycle stage", func(v *Vocabulary) map[string]string { return v.Stage }},
	{"behaviour", "the buying behaviour", func(v *Vocabulary) map[string]string { return v.Behaviour }},
	{"list", "the customer list", func(v *Vocabulary) map[string]string { return v.List }},
	{"movement", "the segment movement", func(v *Vocabulary) map[string]string { return v.Movement }},
	{"kpi", "the headline number", func(v *Vocabulary) map[string]string { return v.KPI }},
	{"verdict", "the verdict on the predictions", func(v *Vocabulary) map[string]string { return v.Verdict }},
}

// VocabNorm is how names are compared: trimmed, case-insensitive.
func VocabNorm(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

// vocabEntry is one name of the vocabulary and what it stands for.
type vocabEntry struct {
	Kind, key, Name, what string
}

func (e vocabEntry) String() string { return fmt.Sprintf("%s %q (%s)", e.what, e.Name, e.key) }

// entries lists every name of v in a fixed order.
func (v *Vocabulary) Entries() []vocabEntry {
	var out []vocabEntry
	for _, k := range vocabKinds {
		m := k.get(v)
		keys := make([]string, 0, len(m))
		for key := range m {
			keys = append(keys, key)
		}
		slices.Sort(keys)
		for _, key := range keys {
			out = append(out, vocabEntry{k.kind, key, m[key], k.what})
		}
	}
	return out
}

// Duplicates lists each name of v that stands for more than one thing
// (names compared trimmed and case-insensitively), one message per clash;
// nil when every name is distinct.
func (v Vocabulary) Duplicates() []string {
	seen := map[string]vocabEntry{}
	var out []string
	for _, e := range v.Entries() {
		n := VocabNorm(e.Name)
		if n == "" {
			out = append(out, fmt.Sprintf("%s has an empty name", e))
			continue
		}
		if first, ok := seen[n]; ok {
			out = append(out, fmt.Sprintf("%s and %s share a name", first, e))
			continue
		}
		seen[n] = e
	}
	return out
}

// CheckSegmentNames reports the first operator-defined segment whose name
// (English, or Chinese: name_zh) is empty, repeats another segment's, or
// is one of custseg's own names for another group, list or number (a churn
// status, a lifecycle stage, a value tier…), naming the segment's key as
// config spells it: "rfm.segments[3].name_zh: …".
func CheckSegmentNames(segments []analysis.SegmentRule) error {
	for _, loc := range []string{"en", "zh-CN"} {
		v := Names(nil, loc)
		taken := map[string]string{}
		for _, e := range v.Entries() {
			taken[VocabNorm(e.Name)] = e.String()
		}
		for i, r := range segments {
			field, name := "name", SegmentName(r, loc)
			if loc == "zh-CN" && r.NameZh != "" {
				field = "name_zh"
			}
			n := VocabNorm(name)
			if n == "" {
				return fmt.Errorf("rfm.segments[%d].%s: the segment %q has no name", i, field, r.Key)
			}
			if what, ok := taken[n]; ok {
				return fmt.Errorf("rfm.segments[%d].%s: %q is also %s; give the segment %q a name of its own", i, field, name, what, r.Key)
			}
			taken[n] = fmt.Sprintf("the name of the segment %q", r.Key)
		}
	}
	return nil
}
