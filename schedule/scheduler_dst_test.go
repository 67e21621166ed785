package schedule

import (
	"testing"
	"time"

	"github.com/jonboulle/clockwork"

	"github.com/custseg/custseg/config"
)

// The scheduler across both clock changes, on a fake clock, in New York and
// Berlin: a daily fire whose local time the clocks jump over runs at the
// first instant after the jump (its as-of date is still reported), and a
// daily fire whose local time happens twice runs once.
func TestSchedulerDaylightSaving(t *testing.T) {
	tests := []struct {
		name, zone, cron, start string
		// fires are the fires, in UTC, in order, and no other comes
		// between them. The last, a day after the change, ends the walk: a
		// stray fire before it would be run before it.
		fires []string
	}{
		{"New York spring forward", "America/New_York", "30 2 * * *", "2026-03-07T12:00:00Z",
			[]string{"2026-03-08T07:00:00Z", "2026-03-09T06:30:00Z", "2026-03-10T06:30:00Z"}},
		{"New York fall back", "America/New_York", "30 1 * * *", "2026-10-31T12:00:00Z",
			[]string{"2026-11-01T05:30:00Z", "2026-11-02T06:30:00Z", "2026-11-03T06:30:00Z"}},
		{"Berlin spring forward", "Europe/Berlin", "30 2 * * *", "2026-03-28T12:00:00Z",
			[]string{"2026-03-29T01:00:00Z", "2026-03-30T00:30:00Z", "2026-03-31T00:30:00Z"}},
		{"Berlin fall back", "Europe/Berlin", "30 2 * * *", "2026-10-24T12:00:00Z",
			[]string{"2026-10-25T00:30:00Z", "2026-10-26T01:30:00Z", "2026-10-27T01:30:00Z"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			at := func(s string) time.Time {
				v, err := time.Parse(time.RFC3339, s)
				if err != nil {
					t.Fatal(err)
				}
				return v
			}
			clock := clockwork.NewFakeClockAt(at(tt.start))
			cfg := schedConfig(t, config.Job{Name: "daily", Cron: tt.cron, TimeZone: tt.zone})
			rec := newRecorder(nil)
			s := startScheduler(t, cfg, clock, rec.run, Options{})
			// Walk the clock in quarter hours, so that a fire at a wrong
			// time (the repeated hour, or never) shows.
			var got []time.Time
			drain := func() {
				for {
					select {
					case f := <-rec.calls:
						got = append(got, f.at)
					default:
						return
					}
				}
			}
			end := at(tt.fires[len(tt.fires)-1])
			for clock.Now().Before(end) {
				waiters(t, clock, 1)
				from := clock.Now()
				clock.Advance(15 * time.Minute)
				// A fire due in this quarter hour reaches the run function
				// before the clock moves on (the fire reads its time from
				// the clock), and its run ends, so that the only timer left
				// is the next fire's; any other fire is collected as it
				// comes.
				for _, w := range tt.fires {
					if w := at(w); w.After(from) && !w.After(clock.Now()) {
						got = append(got, rec.next(t).at)
						idle(t, s)
					}
				}
				drain()
			}
			idle(t, s)
			drain()
			if len(got) != len(tt.fires) {
				t.Fatalf("fires %v, want %v", got, tt.fires)
			}
			for i, w := range tt.fires {
				if !got[i].Equal(at(w)) {
					t.Errorf("fire %d at %s (%s), want %s", i+1, got[i].UTC().Format(time.RFC3339), got[i].Format(time.RFC3339), w)
				}
			}
		})
	}
}
