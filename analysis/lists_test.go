package analysis

import (
	"fmt"
	"testing"
	"time"
)

// TestCampaignLists: Save now holds only high-value customers who are
// still here but slipping, ranked by the value that can still be kept;
// Win back only churned ones, ranked by past value. No one is on both.
func TestCampaignLists(t *testing.T) {
	asOf := time.Date(2026, 9, 30, 0, 0, 0, 0, time.UTC)
	day := func(ago int) Date { return DateOf(asOf.AddDate(0, 0, -ago)) }
	d := &Dataset{AsOf: asOf, WindowDays: 90}
	// Ten small buyers keep the big ones in the key and important tiers.
	for i := 0; i < 10; i++ {
		d.Customers = append(d.Customers, Customer{ID: fmt.Sprint("s", i), Orders: 1, OrderDays: 1, Gross: 10,
			FirstOrder: day(20), LastOrder: day(20)})
	}
	big := []Customer{
		// Active and steady: on neither list.
		{ID: "steady", Orders: 12, OrderDays: 12, Gross: 9000, FirstOrder: day(365), LastOrder: day(10), RecentOrders: 3, PreviousOrders: 3},
		// Lapsing: every 30 days, quiet for 75 (at risk beyond 60).
		{ID: "lapsing", Orders: 10, OrderDays: 10, Gross: 8000, FirstOrder: day(345), LastOrder: day(75), PreviousOrders: 3},
		// Active but buying less.
		{ID: "declining", Orders: 8, OrderDays: 8, Gross: 7000, FirstOrder: day(300), LastOrder: day(20), RecentOrders: 1, PreviousOrders: 4},
		// Churned: every 20 days, quiet for 400.
		{ID: "gone-big", Orders: 10, OrderDays: 10, Gross: 8500, FirstOrder: day(580), LastOrder: day(400)},
		{ID: "gone-small", Orders: 6, OrderDays: 6, Gross: 6000, FirstOrder: day(500), LastOrder: day(400)},
	}
	d.Customers = append(d.Customers, big...)
	res := Analyze(d, DefaultParams())
	id := func(e ListEntry) string { return d.Customers[e.Index].ID }
	var save, win []string
	for _, e := range res.SaveNow {
		save = append(save, id(e)+":"+e.Reason.String())
		if st := res.Scores[e.Index].Status; st == StatusChurned {
			t.Errorf("save now holds churned %s", id(e))
		}
	}
	for _, e := range res.WinBack {
		win = append(win, id(e)+":"+e.Reason.String())
		if st := res.Scores[e.Index].Status; st != StatusChurned {
			t.Errorf("win back holds %s customer %s", st, id(e))
		}
	}
	// declining: keep 7000 × 365/365 × 1; lapsing: 8000 × ½.
	if fmt.Sprint(save) != "[declining:declining lapsing:lapsing]" {
		t.Errorf("save now = %v", save)
	}
	// gone-small is in the ordinary tier (the cumulative 84–100 % of value):
	// not a high-value customer.
	if fmt.Sprint(win) != "[gone-big:churned]" {
		t.Errorf("win back = %v", win)
	}
	if res.KPIs.SaveNow != 2 || res.KPIs.WinBack != 1 {
		t.Errorf("KPIs save now %d, win back %d", res.KPIs.SaveNow, res.KPIs.WinBack)
	}
	for i, s := range res.Scores {
		if s.Status == StatusChurned && s.KeepValue != 0 && !res.Models.Usable {
			t.Errorf("%s: churned, keep value %v", d.Customers[i].ID, s.KeepValue)
		}
	}
}
