package schedule

import (
	"testing"
	"time"
)

// TestWallCronDaylightSaving walks schedules across both clock changes of
// 2026 in America/New_York (8 March, 1 November) and Europe/Berlin
// (29 March, 25 October): a local time the clocks jump over runs at the
// first instant after the jump, a local time that happens twice runs once.
func TestWallCronDaylightSaving(t *testing.T) {
	utc := func(s string) time.Time {
		v, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	tests := []struct {
		name, zone, spec, from string
		want                   []string // the next fires, UTC
	}{
		{"New York spring forward, daily 02:30", "America/New_York", "30 2 * * *", "2026-03-07T12:00:00Z",
			[]string{"2026-03-08T07:00:00Z" /* 03:00 EDT */, "2026-03-09T06:30:00Z" /* 02:30 EDT */}},
		{"New York fall back, daily 01:30", "America/New_York", "30 1 * * *", "2026-10-31T12:00:00Z",
			[]string{"2026-11-01T05:30:00Z" /* 01:30 EDT, once */, "2026-11-02T06:30:00Z" /* 01:30 EST */}},
		{"New York fall back, started in the repeated hour", "America/New_York", "30 1 * * *", "2026-11-01T06:10:00Z",
			[]string{"2026-11-02T06:30:00Z" /* today's 01:30 was at 05:30Z */}},
		{"New York fall back, hourly", "America/New_York", "30 * * * *", "2026-11-01T04:00:00Z",
			[]string{"2026-11-01T04:30:00Z", "2026-11-01T05:30:00Z", "2026-11-01T07:30:00Z"}},
		{"New York spring forward, hourly", "America/New_York", "30 * * * *", "2026-03-08T06:00:00Z",
			[]string{"2026-03-08T06:30:00Z", "2026-03-08T07:00:00Z", "2026-03-08T07:30:00Z"}},
		{"New York spring forward, two fires in the gap run once", "America/New_York", "0,30 2 * * *", "2026-03-08T05:00:00Z",
			[]string{"2026-03-08T07:00:00Z", "2026-03-09T06:00:00Z", "2026-03-09T06:30:00Z"}},
		{"Berlin spring forward, daily 02:30", "Europe/Berlin", "30 2 * * *", "2026-03-28T12:00:00Z",
			[]string{"2026-03-29T01:00:00Z" /* 03:00 CEST */, "2026-03-30T00:30:00Z"}},
		{"Berlin fall back, daily 02:30", "Europe/Berlin", "30 2 * * *", "2026-10-24T12:00:00Z",
			[]string{"2026-10-25T00:30:00Z" /* 02:30 CEST, once */, "2026-10-26T01:30:00Z" /* 02:30 CET */}},
		{"Berlin weekly Monday 07:00 across the change", "Europe/Berlin", "0 7 * * 1", "2026-10-20T00:00:00Z",
			[]string{"2026-10-26T06:00:00Z", "2026-11-02T06:00:00Z"}},
		{"CRON_TZ in the spec wins", "UTC", "CRON_TZ=America/New_York 30 2 * * *", "2026-03-07T12:00:00Z",
			[]string{"2026-03-08T07:00:00Z"}},
		{"Shanghai has no daylight saving", "Asia/Shanghai", "0 9 * * *", "2026-12-05T00:00:00Z",
			[]string{"2026-12-05T01:00:00Z", "2026-12-06T01:00:00Z"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			loc, err := time.LoadLocation(tt.zone)
			if err != nil {
				t.Fatal(err)
			}
			c, err := ParseWallCron(tt.spec, loc)
			if err != nil {
				t.Fatal(err)
			}
			at := utc(tt.from)
			for i, w := range tt.want {
				at = c.Next(at)
				if !at.Equal(utc(w)) {
					t.Fatalf("fire %d: got %s (%s), want %s", i+1, at.UTC().Format(time.RFC3339), at.Format(time.RFC3339), w)
				}
			}
		})
	}
}

// TestWallCronPrevAcrossDaylightSaving: the catch-up's latest fire before
// now agrees with Next across both changes (schedJob.prev walks Next).
func TestWallCronPrevAcrossDaylightSaving(t *testing.T) {
	loc, _ := time.LoadLocation("America/New_York")
	c, err := ParseWallCron("30 2 * * *", loc)
	if err != nil {
		t.Fatal(err)
	}
	j := &schedJob{name: "w", sched: c, loc: loc}
	for _, tt := range []struct{ now, want string }{
		{"2026-03-08T08:00:00Z", "2026-03-08T07:00:00Z"}, // the jumped-over 02:30 ran at 03:00
		{"2026-03-08T06:59:59Z", "2026-03-07T07:30:00Z"},
		{"2026-11-01T07:45:00Z", "2026-11-01T07:30:00Z"}, // 02:30 EST, the day the clocks went back
		{"2026-11-01T07:00:00Z", "2026-10-31T06:30:00Z"}, // 02:00 EST: today's 02:30 is still to come
	} {
		now, _ := time.Parse(time.RFC3339, tt.now)
		want, _ := time.Parse(time.RFC3339, tt.want)
		if got := j.prev(now); !got.Equal(want) {
			t.Errorf("prev(%s) = %s, want %s", tt.now, got.UTC().Format(time.RFC3339), tt.want)
		}
	}
}

func TestParseWallCronErrors(t *testing.T) {
	for _, spec := range []string{"61 * * * *", "CRON_TZ=Nowhere/Land 0 9 * * *", "CRON_TZ=UTC", "* * *"} {
		if _, err := ParseWallCron(spec, time.UTC); err == nil {
			t.Errorf("%q: no error", spec)
		}
	}
}
