package config

import (
	"fmt"
	"net/mail"
	"os"
	"regexp"
	"strings"
	"time"

	"github.com/robfig/cron/v3"

	"github.com/custseg/custseg/reports"
)

// cronParser accepts the standard five-field cron specs that gocron's
// CronJob(spec, false) accepts, with an optional CRON_TZ= prefix.
var cronParser = cron.NewParser(cron.Minute | cron.Hour | cron.Dom | cron.Month | cron.Dow | cron.Descriptor)

// Validate checks every value once and returns the first problem, naming
// its key.
func (c *Config) Validate() error {
	if _, _, err := MemoryLimitBytes(c.MemoryLimit); err != nil {
		return err
	}
	d := c.Database
	if d.Host == "" {
		return fmt.Errorf("database.host: must not be empty")
	}
	if strings.ContainsAny(d.Host, "@/()?,; \t\r\n") {
		// Not quoted: a host that holds these is often a DSN or
		// user:password pasted into the wrong key.
		return fmt.Errorf("database.host: is not a host name or IP address (it holds '@', '/', '(', a space or the like); put the user in database.user and the password in database.password, or the whole DSN in %s", EnvDSN)
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
	if d.MaxOpenConns < 2 {
		return fmt.Errorf("database.max_open_conns: %d is below 2 (a run needs one connection to read and one to stop its query when cancelled)", d.MaxOpenConns)
	}
	switch d.TLS {
	case "", "true", "skip-verify":
	default:
		if _, err := os.Stat(d.TLS); err != nil {
			return fmt.Errorf("database.tls: %q is not true, skip-verify or a readable CA file: %v", d.TLS, err)
		}
	}
	if d.TempTableMB < 0 || d.TempTableMB > 1<<20 {
		return fmt.Errorf("database.temp_table_mb: %d is not between 0 (the server's settings) and 1048576", d.TempTableMB)
	}
	if d.QueryTimeout <= 0 {
		return fmt.Errorf("database.query_timeout: must be positive, e.g. 30m")
	}
	if d.Heartbeat != 0 && d.Heartbeat < time.Second {
		return fmt.Errorf("database.heartbeat: %v is too short; use 0 (off) or at least 1s, e.g. 10s", d.Heartbeat)
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
		for j, st := range s.Statuses {
			if st != "active" && st != "at_risk" && st != "churned" {
				return fmt.Errorf("analysis.rfm.segments[%d].statuses[%d]: %q is not active, at_risk or churned", i, j, st)
			}
		}
	}
	if _, err := StaleAfterDays(c.Analysis.StaleAfter); err != nil {
		return fmt.Errorf("analysis.stale_after: %v", err)
	}
	if err := c.Params().Validate(); err != nil {
		return fmt.Errorf("analysis.%w", err)
	}
	// One word, one group: a segment may not be named like another segment
	// or like one of custseg's own groups (a churn status, a stage…).
	if err := reports.CheckSegmentNames(c.Params().RFM.Segments); err != nil {
		return fmt.Errorf("analysis.%w", err)
	}
	if err := c.validateDelivery(); err != nil {
		return err
	}
	if err := c.validateWriteback(); err != nil {
		return err
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
		for k, a := range j.Audiences {
			if !c.hasAudience(a) {
				return fmt.Errorf("jobs[%d].audiences[%d]: %q is not an audience in email.audiences", i, k, a)
			}
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
	if _, ok := Perm(c.Outputs.FileMode); !ok {
		return fmt.Errorf("outputs.file_mode: %q is not an octal permission like 0640", c.Outputs.FileMode)
	}
	if _, ok := Perm(c.Outputs.DirMode); !ok {
		return fmt.Errorf("outputs.dir_mode: %q is not an octal permission like 0750", c.Outputs.DirMode)
	}
	switch c.Outputs.CustomerList {
	case "xlsx", "csv.gz", "both":
	default:
		return fmt.Errorf("outputs.customer_list: %q is not xlsx, csv.gz or both", c.Outputs.CustomerList)
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

func (c *Config) hasAudience(name string) bool {
	for _, a := range c.Email.Audiences {
		if a.Name == name {
			return true
		}
	}
	return false
}

func (c *Config) validateDelivery() error {
	if c.Delivery.Retention < 0 {
		return fmt.Errorf("delivery.retention: must not be negative")
	}
	e := c.Email
	seen := map[string]bool{}
	for i, a := range e.Audiences {
		if a.Name == "" {
			return fmt.Errorf("email.audiences[%d].name: must not be empty", i)
		}
		if seen[a.Name] {
			return fmt.Errorf("email.audiences[%d].name: %q is used twice", i, a.Name)
		}
		if a.Name == "shared_folder" || a.Name == "writeback" {
			return fmt.Errorf("email.audiences[%d].name: %q is reserved (the run history uses it for the %s)", i, a.Name,
				strings.ReplaceAll(a.Name, "_", " "))
		}
		seen[a.Name] = true
		switch a.Gets {
		case "report", "workbook", "both":
		default:
			return fmt.Errorf("email.audiences[%d].gets: %q is not report, workbook or both", i, a.Gets)
		}
		for k, to := range a.To {
			if !looksLikeAddress(to) {
				return fmt.Errorf("email.audiences[%d].to[%d]: %q is not an email address", i, k, to)
			}
		}
	}
	for k, to := range e.Alerts {
		if !looksLikeAddress(to) {
			return fmt.Errorf("email.alerts[%d]: %q is not an email address", k, to)
		}
	}
	if !e.Enabled {
		return nil
	}
	if e.Host == "" {
		return fmt.Errorf("email.host: must not be empty when email.enabled is true")
	}
	if e.Port < 1 || e.Port > 65535 {
		return fmt.Errorf("email.port: %d is not a TCP port", e.Port)
	}
	switch e.Security {
	case "starttls", "tls", "none":
	default:
		return fmt.Errorf("email.security: %q is not starttls, tls or none", e.Security)
	}
	if !looksLikeAddress(e.From) {
		return fmt.Errorf("email.from: %q is not an email address", e.From)
	}
	if e.Timeout <= 0 || e.AttachmentLimitMB <= 0 || e.Retries < 0 || e.RetryBackoff < 0 {
		return fmt.Errorf("email: timeout and attachment_limit_mb must be positive, retries and retry_backoff not negative")
	}
	if e.FinalReplyTimeout <= 0 {
		return fmt.Errorf("email.final_reply_timeout: %s must be positive (10m is what RFC 5321 recommends)", e.FinalReplyTimeout)
	}
	return nil
}

// looksLikeAddress accepts "name@host" and "Name <name@host>".
func looksLikeAddress(s string) bool {
	_, err := mail.ParseAddress(s)
	return err == nil
}

// plainIdentifier is what writeback.schema may be: it is quoted with
// backticks in the write-back's SQL, and this keeps it from needing more.
var plainIdentifier = regexp.MustCompile(`^[A-Za-z0-9_$]{1,64}$`)

// PlainIdentifier reports whether s is a database or table name custseg
// accepts in the SQL it writes: letters, digits, _ and $, at most 64.
func PlainIdentifier(s string) bool { return plainIdentifier.MatchString(s) }

// systemSchemas are the server's own databases, never a write-back target.
var systemSchemas = []string{"mysql", "information_schema", "performance_schema", "sys"}

func (c *Config) validateWriteback() error {
	w := c.Writeback
	if !w.Enabled {
		return nil
	}
	if strings.TrimSpace(w.DSN) == "" {
		return fmt.Errorf("writeback.dsn: must not be empty when writeback.enabled is true")
	}
	if _, err := ParseDSN("writeback.dsn", w.DSN); err != nil {
		return err
	}
	if w.Schema == "" {
		return fmt.Errorf("writeback.schema: must not be empty when writeback.enabled is true")
	}
	if !PlainIdentifier(w.Schema) {
		return fmt.Errorf("writeback.schema: %q is not a plain database name (letters, digits, _ and $, at most 64)", w.Schema)
	}
	for _, s := range systemSchemas {
		if strings.EqualFold(w.Schema, s) {
			return fmt.Errorf("writeback.schema: %q is a system database of the server", w.Schema)
		}
	}
	if strings.EqualFold(w.Schema, c.Database.Name) {
		return fmt.Errorf("writeback.schema: %q is the source database (database.name), which custseg only reads; name another database", w.Schema)
	}
	return nil
}
