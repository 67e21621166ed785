package config

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestExampleConfigIsTheDefault(t *testing.T) {
	t.Setenv("CUSTSEG_DB_PASSWORD", "s3cret")
	cfg, err := Load("../config.example.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Database.Password != "s3cret" {
		t.Errorf("password = %q, want the expanded variable", cfg.Database.Password)
	}
	// Apart from the keys that have no default, the example documents the defaults.
	def := Default()
	def.Path = cfg.Path
	def.Database.User, def.Database.Password, def.Database.Name = cfg.Database.User, cfg.Database.Password, cfg.Database.Name
	def.Database.Params = cfg.Database.Params
	def.Queries.Dir = cfg.Queries.Dir
	def.Email.Host, def.Email.From = cfg.Email.Host, cfg.Email.From
	for i := range def.Email.Audiences {
		def.Email.Audiences[i].To = cfg.Email.Audiences[i].To
	}
	def.Email.Alerts = cfg.Email.Alerts
	if !reflect.DeepEqual(cfg, def) {
		t.Errorf("config.example.yaml differs from Default():\n got %+v\nwant %+v", cfg, def)
	}
	if got := cfg.Resolve(cfg.Queries.Dir); got != filepath.Join("..", "queries") {
		t.Errorf("Resolve(queries.dir) = %q", got)
	}
}

func TestEmptyFileGivesDefaults(t *testing.T) {
	cfg, err := Parse("custseg.yaml", nil)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Jobs[0].Name != "weekly" || cfg.Analysis.RFM.Bins != 5 || len(cfg.Analysis.RFM.Segments) != 11 {
		t.Errorf("defaults not applied: %+v", cfg)
	}
}

func TestListsReplaceDefaults(t *testing.T) {
	cfg, err := Parse("c.yaml", []byte("jobs:\n  - name: daily\n    cron: '0 6 * * *'\n    time_zone: Asia/Shanghai\n    timeout: 30m\n"))
	if err != nil {
		t.Fatal(err)
	}
	if len(cfg.Jobs) != 1 || cfg.Jobs[0].Name != "daily" || cfg.Jobs[0].Timeout != 30*time.Minute {
		t.Errorf("jobs = %+v", cfg.Jobs)
	}
	if _, err := cfg.Job("weekly"); err == nil || !strings.Contains(err.Error(), `no job named "weekly"`) {
		t.Errorf("Job(weekly) err = %v", err)
	}
}

func TestConfigErrorsNameTheKey(t *testing.T) {
	os.Unsetenv("CUSTSEG_TEST_UNSET")
	tests := []struct {
		name, yaml, want string
	}{
		{"unknown key", "database:\n  hots: x\n", `c.yaml: line 2: unknown field "hots"`},
		{"wrong type", "database:\n  port: abc\n", "c.yaml: line 2:"},
		{"yaml syntax", "database:\n  host: [\n", "c.yaml: line"},
		{"bad port", "database:\n  port: 0\n", "c.yaml: database.port: 0 is not a TCP port"},
		{"bad zone", "database:\n  time_zone: Mars/Base\n", `c.yaml: database.time_zone: "Mars/Base" is not an IANA time zone`},
		{"unset env", "database:\n  password: ${CUSTSEG_TEST_UNSET}\n", "c.yaml: database.password: environment variable CUSTSEG_TEST_UNSET is not set"},
		{"bad cron", "jobs:\n  - name: w\n    cron: '61 * * * *'\n    time_zone: UTC\n    timeout: 1h\n", `c.yaml: jobs[0].cron: "61 * * * *"`},
		{"job zone", "jobs:\n  - name: w\n    cron: '0 7 * * MON'\n    time_zone: Nowhere\n    timeout: 1h\n", `c.yaml: jobs[0].time_zone: "Nowhere"`},
		{"empty job name", "jobs:\n  - cron: '0 7 * * MON'\n    time_zone: UTC\n    timeout: 1h\n", "c.yaml: jobs[0].name: must not be empty"},
		{"tiers sum", "analysis:\n  tiers:\n    key: 0.6\n", "c.yaml: analysis.tiers: shares sum to 1.1, not 1"},
		{"bins", "analysis:\n  rfm:\n    bins: 1\n", "c.yaml: analysis.rfm.bins: 1 is not between 2 and 10"},
		{"as_of", "analysis:\n  as_of: tomorrow\n", `c.yaml: analysis.as_of: "tomorrow"`},
		{"locale", "outputs:\n  locale: fr\n", `c.yaml: outputs.locale: "fr" is not en or zh-CN`},
		{"churn", "analysis:\n  churn:\n    at_risk_days: 200\n", "c.yaml: analysis.churn: at_risk_days (200) must be at least 1 and below churned_days (180)"},
		{"segment gap", "analysis:\n  rfm:\n    segments:\n      - key: a\n        name: A\n        r: [1, 5]\n        fm: [1, 4]\n", "c.yaml: analysis.rfm.segments: no segment covers R=1, FM=5"},
		{"unknown audience", "jobs:\n  - name: w\n    cron: '0 7 * * MON'\n    time_zone: UTC\n    timeout: 1h\n    audiences: [board]\n", `c.yaml: jobs[0].audiences[0]: "board" is not an audience in email.audiences`},
		{"bad recipient", "email:\n  audiences:\n    - name: m\n      to: [not-an-address]\n      gets: report\n", `c.yaml: email.audiences[0].to[0]: "not-an-address" is not an email address`},
		{"bad security", "email:\n  enabled: true\n  host: smtp.x\n  from: a@b.c\n  security: ssl3\n", `c.yaml: email.security: "ssl3" is not starttls, tls or none`},
		{"enabled without host", "email:\n  enabled: true\n  host: ''\n", "c.yaml: email.host: must not be empty when email.enabled is true"},
		{"segment sheet", "outputs:\n  segment_sheets: [vips]\n", `c.yaml: outputs.segment_sheets[0]: "vips" is not the key of a segment`},
		{"file mode", "outputs:\n  file_mode: rw-r-----\n", `c.yaml: outputs.file_mode: "rw-r-----" is not an octal permission like 0640`},
		{"pool", "database:\n  max_open_conns: 1\n", "c.yaml: database.max_open_conns: 1 is below 2"},
		{"tls file", "database:\n  tls: /nonexistent/ca.pem\n", `c.yaml: database.tls: "/nonexistent/ca.pem" is not true, skip-verify or a readable CA file`},
		{"segment range", "analysis:\n  rfm:\n    segments:\n      - key: a\n        name: A\n        r: [1]\n        fm: [1, 5]\n", "c.yaml: analysis.rfm.segments[0].r: want [min, max]"},
		// Segment names may not be a churn status's (or any built-in group's) name, nor repeat each other.
		{"segment named like a status", "analysis:\n  rfm:\n    segments:\n      - key: a\n        name: ' lapsing '\n        r: [1, 5]\n        fm: [1, 5]\n", `c.yaml: analysis.rfm.segments[0].name: " lapsing " is also the churn status "Lapsing" (at_risk)`},
		{"segment named like a status in Chinese", "analysis:\n  rfm:\n    segments:\n      - key: a\n        name: A\n        name_zh: 已流失\n        r: [1, 5]\n        fm: [1, 5]\n", `c.yaml: analysis.rfm.segments[0].name_zh: "已流失" is also the churn status "已流失" (churned)`},
		{"segment named like a stage", "analysis:\n  rfm:\n    segments:\n      - key: a\n        name: Ended\n        r: [1, 5]\n        fm: [1, 5]\n", `c.yaml: analysis.rfm.segments[0].name: "Ended" is also the lifecycle stage "Ended" (lost)`},
		{"segment names twice", "analysis:\n  rfm:\n    segments:\n      - key: a\n        name: Best\n        r: [5, 5]\n        fm: [1, 5]\n      - key: b\n        name: BEST\n        r: [1, 4]\n        fm: [1, 5]\n", `c.yaml: analysis.rfm.segments[1].name: "BEST" is also the name of the segment "a"`},
		{"reserved audience", "email:\n  audiences:\n    - name: writeback\n      gets: report\n", `c.yaml: email.audiences[0].name: "writeback" is reserved`},
		{"writeback without dsn", "writeback:\n  enabled: true\n  schema: crm\n", "c.yaml: writeback.dsn: must not be empty when writeback.enabled is true"},
		{"writeback bad dsn", "writeback:\n  enabled: true\n  dsn: 'rw:pw@tcp(db:3306'\n  schema: crm\n", "c.yaml: writeback.dsn: not a DSN of the form user:password@tcp(host:port)/database: the address has no closing ')'"},
		{"writeback without schema", "writeback:\n  enabled: true\n  dsn: 'rw:pw@tcp(db:3306)/'\n", "c.yaml: writeback.schema: must not be empty when writeback.enabled is true"},
		{"writeback schema chars", "writeback:\n  enabled: true\n  dsn: 'rw:pw@tcp(db:3306)/'\n  schema: 'crm`; DROP'\n", "c.yaml: writeback.schema: \"crm`; DROP\" is not a plain database name"},
		{"writeback system schema", "writeback:\n  enabled: true\n  dsn: 'rw:pw@tcp(db:3306)/'\n  schema: MySQL\n", `c.yaml: writeback.schema: "MySQL" is a system database`},
		{"writeback into the source", "database:\n  name: shop\nwriteback:\n  enabled: true\n  dsn: 'rw:pw@tcp(db:3306)/'\n  schema: Shop\n", `c.yaml: writeback.schema: "Shop" is the source database (database.name)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("dir/c.yaml", []byte(tt.yaml))
			if err == nil {
				t.Fatalf("no error, want %q", tt.want)
			}
			if _, ok := err.(*Error); !ok {
				t.Errorf("error is %T, want *config.Error", err)
			}
			if !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("error = %q\nwant prefix %q", err, tt.want)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("error has several lines: %q", err)
			}
		})
	}
}

func TestMissingFile(t *testing.T) {
	_, err := Load(filepath.Join(t.TempDir(), "nope.yaml"))
	if err == nil || !strings.Contains(err.Error(), "nope.yaml") {
		t.Errorf("err = %v", err)
	}
}

func TestDriverConfigForcesTimeAndSafety(t *testing.T) {
	d := Default().Database
	d.TimeZone = "Asia/Shanghai"
	d.User, d.Password, d.Name = "u", "p@ss:word", "shop"
	mc, err := d.DriverConfig("")
	if err != nil {
		t.Fatal(err)
	}
	if !mc.ParseTime || mc.Loc.String() != "Asia/Shanghai" || mc.MultiStatements || mc.Addr != "127.0.0.1:3306" || mc.Passwd != "p@ss:word" {
		t.Errorf("config from fields: %+v", mc)
	}
	mc, err = d.DriverConfig("x:y@tcp(db:3307)/other?parseTime=false&multiStatements=true&loc=UTC")
	if err != nil {
		t.Fatal(err)
	}
	if !mc.ParseTime || mc.Loc.String() != "Asia/Shanghai" || mc.MultiStatements || mc.Addr != "db:3307" || mc.DBName != "other" {
		t.Errorf("config from DSN: %+v", mc)
	}
	if _, err := d.DriverConfig("not a dsn"); err == nil || !strings.HasPrefix(err.Error(), "CUSTSEG_DSN: ") {
		t.Errorf("bad DSN err = %v", err)
	}
}

func TestModes(t *testing.T) {
	cfg, err := Parse("c.yaml", []byte("outputs:\n  file_mode: \"0600\"\n  dir_mode: \"0700\"\n"))
	if err != nil {
		t.Fatal(err)
	}
	if f, _ := Perm(cfg.Outputs.FileMode); f != 0o600 {
		t.Errorf("file mode = %o", f)
	}
	if f, _ := Perm(Default().Outputs.DirMode); f != 0o750 {
		t.Errorf("default dir mode = %o", f)
	}
}

func TestWritebackConfig(t *testing.T) {
	t.Setenv("CUSTSEG_TEST_WB_PASSWORD", "pw@1/x")
	cfg, err := Parse("c.yaml", []byte("database:\n  name: shop\nwriteback:\n  enabled: true\n"+
		"  dsn: 'rw:${CUSTSEG_TEST_WB_PASSWORD}@tcp(db:3306)/'\n  schema: shop_custseg\n"))
	if err != nil {
		t.Fatal(err)
	}
	w := cfg.Writeback
	if !w.Enabled || w.DSN != "rw:pw@1/x@tcp(db:3306)/" || w.Schema != "shop_custseg" {
		t.Errorf("writeback = %+v", w)
	}
	// Off (the default), the section is not checked.
	if d := Default().Writeback; d.Enabled || d.DSN != "" || d.Schema != "" {
		t.Errorf("default writeback = %+v", d)
	}
	if _, err := Parse("c.yaml", []byte("writeback:\n  schema: 'not checked when off'\n")); err != nil {
		t.Errorf("disabled writeback validated: %v", err)
	}
	// The password never shows in a DSN error.
	_, err = Parse("c.yaml", []byte("writeback:\n  enabled: true\n  dsn: 'rw:Secret-LEAK@tcp(db:3306)/x?parseTime=maybe'\n  schema: crm\n"))
	if err == nil || !strings.HasPrefix(err.Error(), "c.yaml: writeback.dsn: ") || strings.Contains(err.Error(), "Secret-LEAK") {
		t.Errorf("bad DSN err = %v", err)
	}
	for _, ok := range []string{"crm", "shop_custseg", "a$b", "X1"} {
		if !PlainIdentifier(ok) {
			t.Errorf("PlainIdentifier(%q) = false", ok)
		}
	}
	for _, bad := range []string{"", "a-b", "a.b", "a`b", "a b", strings.Repeat("x", 65), "ü"} {
		if PlainIdentifier(bad) {
			t.Errorf("PlainIdentifier(%q) = true", bad)
		}
	}
}
