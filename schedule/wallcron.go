package schedule

import (
	"fmt"
	"strings"
	"time"

	"github.com/go-co-op/gocron/v2"
	"github.com/robfig/cron/v3"
)

// WallCron is a cron schedule read on the wall clock of a time zone, with
// the two daylight-saving rules a report schedule needs:
//
//   - a fire whose local time does not exist (the clocks jump forward over
//     it) runs at the first valid instant after the jump, so the as-of date
//     of that day is still reported (a 02:30 job in America/New_York runs
//     at 03:00 EDT on the day the clocks go forward);
//   - a local time that happens twice (the clocks go back) fires once, at
//     its first occurrence.
//
// The cron fields are matched on wall-clock times (computed in UTC, which
// has no daylight saving) and each match is then placed in the zone. It is
// a gocron.Cron, so gocron schedules the job with it, and a cron.Schedule,
// so the catch-up's "latest fire before now" uses the same times.
type WallCron struct {
	sched cron.Schedule // the fields, evaluated in UTC standing for wall time
	loc   *time.Location
}

var (
	_ gocron.Cron   = (*WallCron)(nil)
	_ cron.Schedule = (*WallCron)(nil)
)

// ParseWallCron parses a standard five-field cron spec (or a descriptor
// such as @daily) in the time zone loc; a leading "CRON_TZ=<zone>" or
// "TZ=<zone>" replaces loc.
func ParseWallCron(spec string, loc *time.Location) (*WallCron, error) {
	spec = strings.TrimSpace(spec)
	for _, p := range []string{"CRON_TZ=", "TZ="} {
		if !strings.HasPrefix(spec, p) {
			continue
		}
		zone, rest, ok := strings.Cut(strings.TrimPrefix(spec, p), " ")
		if !ok {
			return nil, fmt.Errorf("%q: a time zone and no schedule", spec)
		}
		l, err := time.LoadLocation(zone)
		if err != nil {
			return nil, fmt.Errorf("time zone %q: %v", zone, err)
		}
		loc, spec = l, strings.TrimSpace(rest)
		break
	}
	if loc == nil {
		loc = time.Local
	}
	sched, err := cron.ParseStandard("CRON_TZ=UTC " + spec)
	if err != nil {
		return nil, err
	}
	return &WallCron{sched: sched, loc: loc}, nil
}

// Location is the zone the schedule's wall clock is read in.
func (c *WallCron) Location() *time.Location { return c.loc }

// IsValid is gocron's check of the job definition: the schedule was parsed
// by ParseWallCron already, so it only checks that it ever fires.
func (c *WallCron) IsValid(_ string, _ *time.Location, now time.Time) error {
	if c.Next(now).IsZero() {
		return fmt.Errorf("the schedule never fires")
	}
	return nil
}

// Next returns the first fire strictly after after (zero when none in the
// next few years).
func (c *WallCron) Next(after time.Time) time.Time {
	cursor := c.wall(after)
	for range 100000 {
		w := c.sched.Next(cursor)
		if w.IsZero() {
			return time.Time{}
		}
		if t := c.place(w); t.After(after) {
			return t
		}
		// That wall time has passed already: its first occurrence was at
		// or before after (the clocks went back in between), or a skipped
		// time resolved to a jump already behind us.
		cursor = w
	}
	return time.Time{}
}

// wall is t's local wall-clock time in c's zone, expressed in UTC.
func (c *WallCron) wall(t time.Time) time.Time {
	l := t.In(c.loc)
	return time.Date(l.Year(), l.Month(), l.Day(), l.Hour(), l.Minute(), l.Second(), l.Nanosecond(), time.UTC)
}

// place returns the instant the wall-clock time w (expressed in UTC)
// happens in c's zone: its first occurrence when the clocks go back over
// it, the first instant after the jump when they go forward over it.
func (c *WallCron) place(w time.Time) time.Time {
	probe := time.Date(w.Year(), w.Month(), w.Day(), w.Hour(), w.Minute(), w.Second(), w.Nanosecond(), c.loc)
	var first time.Time
	for _, near := range []time.Time{probe.Add(-24 * time.Hour), probe, probe.Add(24 * time.Hour)} {
		_, off := near.Zone()
		cand := w.Add(-time.Duration(off) * time.Second).In(c.loc)
		if c.wall(cand).Equal(w) && (first.IsZero() || cand.Before(first)) {
			first = cand
		}
	}
	if !first.IsZero() {
		return first
	}
	// w does not exist: the clocks jumped over it. Find the jump: the
	// first instant whose wall time is after w.
	_, before := probe.Add(-24 * time.Hour).Zone()
	lo := w.Add(-time.Duration(before)*time.Second - 24*time.Hour) // wall time before w
	hi := w.Add(-time.Duration(before) * time.Second)              // wall time after w
	for hi.Sub(lo) > time.Second {
		mid := lo.Add(hi.Sub(lo) / 2).Truncate(time.Second)
		if mid.Equal(lo) {
			break
		}
		if c.wall(mid).After(w) {
			hi = mid
		} else {
			lo = mid
		}
	}
	return hi.In(c.loc)
}
