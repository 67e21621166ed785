package config

import (
	"fmt"
	"time"

	"github.com/robfig/cron/v3"
)

// cronParser accepts the standard five-field cron specs that gocron's
// CronJob(spec, false) accepts, with an optional CRON_TZ= prefix.
var cronParser = cron.NewParser(cron.Minute | cron.Hour | cron.Dom | cron.Month | cron.Dow | cron.Descriptor)

// Validate checks every value once and returns the first problem, naming
// its key.
func (c *Config) Validate() error {
	d := c.Database
	if d.Host == "" {
		return fmt.Errorf("database.host: must not be empty")
	}
	if d.Port < 1 || d.Port > 65535 {
		return fmt.Errorf("database.port: %d is not a TCP port", d.Port)
	}
	if _, err := time.LoadLocation(d.TimeZone); err != nil || d.TimeZone == "" {
		return fmt.Errorf("database.time_zone: %q is not an IANA time zone (e.g. Asia/Shanghai, UTC)", d.TimeZone)
	}
	if d.ConnectTimeout <= 0 {
		return fmt.Errorf("database.connect_timeout: must be positive, e.g. 10s")
	}
	if d.QueryTimeout <= 0 {
		return fmt.Errorf("database.query_timeout: must be positive, e.g. 30m")
	}
	switch c.Analysis.AsOf {
	case "yesterday", "previous_week_end", "previous_month_end":
	default:
		return fmt.Errorf("analysis.as_of: %q is not yesterday, previous_week_end or previous_month_end", c.Analysis.AsOf)
	}
	switch c.Analysis.ZeroAmountOrders {
	case "purchases", "ignore":
	default:
		return fmt.Errorf("analysis.zero_amount_orders: %q is not purchases or ignore", c.Analysis.ZeroAmountOrders)
	}
	for i, s := range c.Analysis.RFM.Segments {
		if len(s.R) != 2 {
			return fmt.Errorf("analysis.rfm.segments[%d].r: want [min, max], got %v", i, s.R)
		}
		if len(s.FM) != 2 {
			return fmt.Errorf("analysis.rfm.segments[%d].fm: want [min, max], got %v", i, s.FM)
		}
	}
	if err := c.Params().Validate(); err != nil {
		return fmt.Errorf("analysis.%w", err)
	}
	if len(c.Jobs) == 0 {
		return fmt.Errorf("jobs: at least one job is needed")
	}
	seen := map[string]bool{}
	for i, j := range c.Jobs {
		if j.Name == "" {
			return fmt.Errorf("jobs[%d].name: must not be empty", i)
		}
		if seen[j.Name] {
			return fmt.Errorf("jobs[%d].name: %q is used twice", i, j.Name)
		}
		seen[j.Name] = true
		if _, err := cronParser.Parse(j.Cron); err != nil {
			return fmt.Errorf("jobs[%d].cron: %q: %v", i, j.Cron, err)
		}
		if _, err := time.LoadLocation(j.TimeZone); err != nil || j.TimeZone == "" {
			return fmt.Errorf("jobs[%d].time_zone: %q is not an IANA time zone", i, j.TimeZone)
		}
		if j.Timeout <= 0 {
			return fmt.Errorf("jobs[%d].timeout: must be positive, e.g. 1h", i)
		}
	}
	if c.Outputs.Dir == "" {
		return fmt.Errorf("outputs.dir: must not be empty")
	}
	if c.Outputs.Locale != "en" && c.Outputs.Locale != "zh-CN" {
		return fmt.Errorf("outputs.locale: %q is not en or zh-CN", c.Outputs.Locale)
	}
	keys := map[string]bool{}
	for _, s := range c.Analysis.RFM.Segments {
		keys[s.Key] = true
	}
	for i, k := range c.Outputs.SegmentSheets {
		if !keys[k] {
			return fmt.Errorf("outputs.segment_sheets[%d]: %q is not the key of a segment in analysis.rfm.segments", i, k)
		}
	}
	if c.Outputs.History < 0 {
		return fmt.Errorf("outputs.history: must not be negative")
	}
	in := c.Analysis.Insights
	if in.TopValues < 1 || in.TooSmallShare < 0 || in.TooSmallShare >= 1 || in.DealSeekerShare <= 0 || in.DealSeekerShare > 1 ||
		in.RelationshipMaxDiscount < 0 || in.RelationshipMaxDiscount >= in.DealSeekerShare {
		return fmt.Errorf("analysis.insights: want top_values ≥ 1, shares between 0 and 1, relationship_max_discount below deal_seeker_share")
	}
	return nil
}
