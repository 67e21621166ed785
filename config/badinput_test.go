package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestBadInputConfig loads bad config files from disk and checks the exact
// one-line message: the file, then the line (for what the YAML decoder
// finds) or the key (for what validation finds).
func TestBadInputConfig(t *testing.T) {
	const unset = "CUSTSEG_BADINPUT_NEVER_SET"
	t.Setenv(unset, "")
	os.Unsetenv(unset)
	job := func(extra string) string {
		return "jobs:\n  - name: weekly\n    cron: '0 7 * * MON'\n    time_zone: UTC\n    timeout: 1h\n" + extra
	}
	tests := []struct {
		name, yaml, want string
	}{
		// YAML syntax: the line of the problem.
		{"unclosed list", "database:\n  host: [\n", "custseg.yaml: line 2: sequence end token ']' not found"},
		{"unclosed quote", "database:\n  host: 'db\n", "custseg.yaml: line 2: could not find end character of single-quoted text"},
		{"tab indent", "database:\n\thost: db\n", "custseg.yaml: line 2: found character '\t' that cannot start any token"},
		{"bad indent", "jobs:\n  - name: w\n   cron: x\n", "custseg.yaml: line 3: value is not allowed in this context"},
		{"missing colon", "analysis\n  value: revenue\n", "custseg.yaml: line 1: unexpected key name"},
		{"key twice", "analysis:\n  value: revenue\n  value: margin\n", `custseg.yaml: line 3: mapping key "value" already defined at [2:3]`},
		// Unknown keys.
		{"unknown section", "databse:\n  host: db\n", `custseg.yaml: line 1: unknown field "databse"`},
		{"unknown key", "database:\n  hots: db\n", `custseg.yaml: line 2: unknown field "hots"`},
		{"unknown job key", job("    crn: x\n"), `custseg.yaml: line 6: unknown field "crn"`},
		// Wrong types: the line, the key, what it should be and what it is.
		{"text port", "database:\n  port: abc\n", `custseg.yaml: line 2: database.port: want a whole number, got "abc"`},
		{"list port", "database:\n  port: [3306]\n", "custseg.yaml: line 2: database.port: want a whole number, got a list"},
		{"huge port", "database:\n  port: 99999999999999999999\n", `custseg.yaml: line 2: database.port: want a whole number in range, got "99999999999999999999"`},
		{"number duration", "database:\n  connect_timeout: 10\n", `custseg.yaml: line 2: database.connect_timeout: want a duration such as 10s, 30m or 1h, got "10"`},
		{"text duration", "database:\n  query_timeout: half an hour\n", `custseg.yaml: line 2: database.query_timeout: want a duration such as 10s, 30m or 1h, got "half an hour"`},
		{"job duration", strings.Replace(job(""), "timeout: 1h", "timeout: 1 hour", 1), `custseg.yaml: line 5: jobs[0].timeout: want a duration such as 10s, 30m or 1h, got "1 hour"`},
		{"text bool", job("    catch_up: maybe\n"), `custseg.yaml: line 6: jobs[0].catch_up: want true or false, got "maybe"`},
		{"text share", "analysis:\n  tiers:\n    key: half\n", `custseg.yaml: line 3: analysis.tiers.key: want a number, got "half"`},
		{"address not a list", "email:\n  alerts: ops@shop.example\n", `custseg.yaml: line 2: email.alerts: want a list, got "ops@shop.example"`},
		{"params not a mapping", "database:\n  params: 3\n", `custseg.yaml: line 2: database.params: want a mapping (key: value lines), got "3"`},
		// Empty required keys.
		{"empty host", "database:\n  host: ''\n", "custseg.yaml: database.host: must not be empty"},
		{"empty outputs dir", "outputs:\n  dir: ''\n", "custseg.yaml: outputs.dir: must not be empty"},
		{"empty data zone", "database:\n  time_zone: ''\n", `custseg.yaml: database.time_zone: "" is not an IANA time zone (e.g. Asia/Shanghai, UTC)`},
		{"no jobs", "jobs: []\n", "custseg.yaml: jobs: at least one job is needed"},
		{"job without name", "jobs:\n  - cron: '0 7 * * MON'\n    time_zone: UTC\n    timeout: 1h\n", "custseg.yaml: jobs[0].name: must not be empty"},
		{"empty job zone", strings.Replace(job(""), "time_zone: UTC", "time_zone: ''", 1), `custseg.yaml: jobs[0].time_zone: "" is not an IANA time zone`},
		{"empty cron", strings.Replace(job(""), "'0 7 * * MON'", "''", 1), `custseg.yaml: jobs[0].cron: "": empty spec string`},
		{"email without host", "email:\n  enabled: true\n  host: ''\n", "custseg.yaml: email.host: must not be empty when email.enabled is true"},
		{"audience without name", "email:\n  audiences:\n    - name: ''\n      gets: report\n", "custseg.yaml: email.audiences[0].name: must not be empty"},
		// ${ENV} that is not set.
		{"unset password", "database:\n  password: ${" + unset + "}\n", "custseg.yaml: database.password: environment variable " + unset + " is not set"},
		{"unset in a list", "email:\n  alerts: ['${" + unset + "}']\n", "custseg.yaml: email.alerts[0]: environment variable " + unset + " is not set"},
		{"unset in params", "database:\n  params:\n    charset: ${" + unset + "}\n", "custseg.yaml: database.params.charset: environment variable " + unset + " is not set"},
		// Cron specs and time zones.
		{"cron words", strings.Replace(job(""), "'0 7 * * MON'", "'every monday'", 1), `custseg.yaml: jobs[0].cron: "every monday": expected exactly 5 fields, found 2: [every monday]`},
		{"cron minute", strings.Replace(job(""), "'0 7 * * MON'", "'61 7 * * MON'", 1), `custseg.yaml: jobs[0].cron: "61 7 * * MON": end of range (61) above maximum (59): 61`},
		{"cron six fields", strings.Replace(job(""), "'0 7 * * MON'", "'0 0 7 * * MON'", 1), `custseg.yaml: jobs[0].cron: "0 0 7 * * MON": expected exactly 5 fields, found 6: [0 0 7 * * MON]`},
		{"cron zone", strings.Replace(job(""), "'0 7 * * MON'", "'CRON_TZ=Mars/Base 0 7 * * MON'", 1), `custseg.yaml: jobs[0].cron: "CRON_TZ=Mars/Base 0 7 * * MON": provided bad location Mars/Base: unknown time zone Mars/Base`},
		{"data zone", "database:\n  time_zone: Asia/Shangai\n", `custseg.yaml: database.time_zone: "Asia/Shangai" is not an IANA time zone (e.g. Asia/Shanghai, UTC)`},
		{"job zone", strings.Replace(job(""), "time_zone: UTC", "time_zone: Europe/Londn", 1), `custseg.yaml: jobs[0].time_zone: "Europe/Londn" is not an IANA time zone`},
		{"offset is not a zone", "database:\n  time_zone: '+08:00'\n", `custseg.yaml: database.time_zone: "+08:00" is not an IANA time zone (e.g. Asia/Shanghai, UTC)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "custseg.yaml")
			if err := os.WriteFile(path, []byte(tt.yaml), 0o644); err != nil {
				t.Fatal(err)
			}
			cfg, err := Load(path)
			if err == nil {
				t.Fatalf("loaded %+v, want %q", cfg, tt.want)
			}
			assertConfigError(t, err, tt.want)
		})
	}
}

func TestBadInputConfigFile(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "none.yaml")
	_, err := Load(missing)
	assertConfigError(t, err, "open "+missing+": no such file or directory")
	_, err = Load(dir)
	assertConfigError(t, err, "read "+dir+": is a directory")
	if os.Geteuid() != 0 { // root reads anything
		path := filepath.Join(dir, "locked.yaml")
		os.WriteFile(path, []byte("outputs:\n  dir: out\n"), 0o000)
		_, err = Load(path)
		assertConfigError(t, err, "open "+path+": permission denied")
	}
}

// TestBadInputQueriesDirIsCheckedByTheRun: the queries folder is not read
// when the config loads (`--queries` may replace it); a missing or
// unreadable customers.sql or orders.sql fails the run at its "config"
// step naming the file (see cmd/custseg's TestBadInputCLI).
func TestBadInputQueriesDirIsCheckedByTheRun(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "custseg.yaml")
	os.WriteFile(path, []byte("queries:\n  dir: no-such-folder\n"), 0o644)
	cfg, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if got := cfg.Resolve(cfg.Queries.Dir); got != filepath.Join(dir, "no-such-folder") {
		t.Errorf("queries.dir resolves to %q", got)
	}
}

func assertConfigError(t *testing.T, err error, want string) {
	t.Helper()
	if err == nil {
		t.Fatalf("no error, want %q", want)
	}
	if _, ok := err.(*Error); !ok {
		t.Errorf("error is %T, want *config.Error", err)
	}
	if err.Error() != want {
		t.Errorf("error = %q\nwant    %q", err, want)
	}
	if strings.ContainsAny(err.Error(), "\r\n") {
		t.Errorf("error has several lines: %q", err)
	}
}
