package analysis

import (
	"math"
	"testing"
)

// needsShop is a shop with categories, a channel column and discounts:
// three buyers in segment 0, one in segment 1, one non-buyer.
func needsShop() (*Dataset, *Result) {
	cats := []string{"books", "toys", "food", "games", "music", "garden"}
	const books, toys, food, games, music, garden = 0, 1, 2, 3, 4, 5
	d := &Dataset{
		AttrNames: []string{"province", "Channel"}, HasDiscount: true,
		HasCategory: true, CategoryNames: cats,
		Customers: []Customer{
			{ID: "a", Attrs: []string{"x", "web"}, Orders: 2, Gross: 200, Discount: 50,
				Categories: []CategorySpend{{books, 100}, {toys, 100}}},
			{ID: "b", Attrs: []string{"x", "store"}, Orders: 1, Gross: 100,
				Categories: []CategorySpend{{books, 60}, {food, 40}}},
			{ID: "c", Attrs: []string{"y", "web"}, Orders: 3, Gross: 300,
				Categories: []CategorySpend{{games, 300}}},
			{ID: "d", Attrs: []string{"y", ""}, Orders: 1, Gross: 21,
				Categories: []CategorySpend{{books, 6}, {toys, 5}, {food, 4}, {games, 3}, {music, 2}, {garden, 1}}},
			{ID: "e", Attrs: []string{"y", "web"}},
		},
	}
	res := &Result{
		Segments: []SegmentSummary{{Rule: SegmentRule{Key: "s0"}}, {Rule: SegmentRule{Key: "s1"}}},
		Scores: []Score{
			{Segment: 0, Tier: TierKey, Behaviour: BehaviourDealSeeker},
			{Segment: 0, Tier: TierKey, Behaviour: BehaviourRelationship},
			{Segment: 0, Tier: TierImportant, Behaviour: BehaviourTransactional},
			{Segment: 1, Tier: TierNoValue, Behaviour: BehaviourTransactional},
			{Segment: -1, Tier: TierNone},
		},
	}
	return d, res
}

func sharesEqual(got, want []Share) bool {
	if len(got) != len(want) {
		return false
	}
	for k := range got {
		if got[k].Name != want[k].Name || math.Abs(got[k].Share-want[k].Share) > 1e-12 || math.Abs(got[k].Value-want[k].Value) > 1e-12 {
			return false
		}
	}
	return true
}

func TestNeedsBySegment(t *testing.T) {
	d, res := needsShop()
	got := NeedsBySegment(d, res, 10)
	want := []Need{
		// s0 = a, b, c. Gross 600, discount 50: 50/650. Orders 6: AOV
		// 600/6 = 100. Repeat: a (2) and c (3) of 3. Categories bought:
		// 2 + 2 + 1 = 5 over 3. By value: games 300, books 160, toys 100,
		// food 40 of 600. Channels: web 2, store 1 of 3.
		{Group: "s0", Customers: 3, DiscountShare: 50.0 / 650, AvgOrderValue: 100, RepeatRate: 2.0 / 3, AvgCategories: 5.0 / 3,
			DealSeekers: 1, Relationship: 1,
			TopCategories: []Share{{"games", 0.5, 300}, {"books", 160.0 / 600, 160}, {"toys", 100.0 / 600, 100}, {"food", 40.0 / 600, 40}},
			Channels:      []Share{{"web", 2.0 / 3, 2}, {"store", 1.0 / 3, 1}}},
		// s1 = d: six categories worth 21, the top 5 listed (garden 1
		// dropped, not folded); channel not given.
		{Group: "s1", Customers: 1, DiscountShare: 0, AvgOrderValue: 21, RepeatRate: 0, AvgCategories: 6,
			TopCategories: []Share{{"books", 6.0 / 21, 6}, {"toys", 5.0 / 21, 5}, {"food", 4.0 / 21, 4}, {"games", 3.0 / 21, 3}, {"music", 2.0 / 21, 2}},
			Channels:      []Share{{"", 1, 1}}},
	}
	checkNeeds(t, "by segment", got, want)

	// Channels folded beyond the top 1: web 2/3, then store in Other.
	got = NeedsBySegment(d, res, 1)
	if w := []Share{{"web", 2.0 / 3, 2}, {OtherName, 1.0 / 3, 1}}; !sharesEqual(got[0].Channels, w) {
		t.Errorf("folded channels %v, want %v", got[0].Channels, w)
	}

	// Without categories, channel column or discount data.
	d.HasCategory, d.HasDiscount, d.AttrNames = false, false, []string{"province", "region"}
	got = NeedsBySegment(d, res, 10)
	want[0].TopCategories, want[0].Channels, want[0].AvgCategories, want[0].DiscountShare = nil, nil, 0, 0
	want[1].TopCategories, want[1].Channels, want[1].AvgCategories = nil, nil, 0
	checkNeeds(t, "bare", got, want)
}

func TestNeedsByTier(t *testing.T) {
	d, res := needsShop()
	got := NeedsByTier(d, res, 10)
	if len(got) != len(Tiers) {
		t.Fatalf("%d needs, want one per tier", len(got))
	}
	// key = a, b: gross 300, discount 50 → 50/350; orders 3 → AOV 100.
	// important = c; no_value = d; ordinary and small empty; the
	// non-buyer (tier none) nowhere.
	wantCustomers := []int{2, 1, 0, 0, 1}
	for k, n := range got {
		if n.Group != Tiers[k].String() || n.Customers != wantCustomers[k] {
			t.Errorf("tier %d: group %q customers %d, want %q %d", k, n.Group, n.Customers, Tiers[k], wantCustomers[k])
		}
	}
	key := got[0]
	if math.Abs(key.DiscountShare-50.0/350) > 1e-12 || key.AvgOrderValue != 100 || key.RepeatRate != 0.5 || key.DealSeekers != 1 || key.Relationship != 1 {
		t.Errorf("key tier %+v", key)
	}
	empty := got[2]
	if empty.DiscountShare != 0 || empty.AvgOrderValue != 0 || empty.RepeatRate != 0 || empty.AvgCategories != 0 ||
		empty.TopCategories != nil || empty.Channels != nil {
		t.Errorf("empty tier %+v", empty)
	}
}

func checkNeeds(t *testing.T, name string, got, want []Need) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: %d needs, want %d", name, len(got), len(want))
	}
	for k, w := range want {
		g := got[k]
		if g.Group != w.Group || g.Customers != w.Customers || g.DealSeekers != w.DealSeekers || g.Relationship != w.Relationship ||
			math.Abs(g.DiscountShare-w.DiscountShare) > 1e-12 || math.Abs(g.AvgOrderValue-w.AvgOrderValue) > 1e-12 ||
			math.Abs(g.RepeatRate-w.RepeatRate) > 1e-12 || math.Abs(g.AvgCategories-w.AvgCategories) > 1e-12 {
			t.Errorf("%s: need %d = %+v, want %+v", name, k, g, w)
		}
		if !sharesEqual(g.TopCategories, w.TopCategories) || (g.TopCategories == nil) != (w.TopCategories == nil) {
			t.Errorf("%s: %s categories %v, want %v", name, w.Group, g.TopCategories, w.TopCategories)
		}
		if !sharesEqual(g.Channels, w.Channels) || (g.Channels == nil) != (w.Channels == nil) {
			t.Errorf("%s: %s channels %v, want %v", name, w.Group, g.Channels, w.Channels)
		}
	}
}
