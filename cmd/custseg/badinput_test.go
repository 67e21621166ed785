package main

import (
	"bytes"
	"fmt"
	"io"
	"mime"
	"mime/quotedprintable"
	"net/mail"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/custseg/custseg/internal/smtptest"
	"github.com/custseg/custseg/internal/testdb"
	"github.com/custseg/custseg/queries"
)

// badInputShop is the hand-made shop of jobs/testdata/shop.sql in a fresh
// database, a folder with the example queries, and a config that mails
// to a test SMTP server and publishes to a shared folder.
type badInputShop struct {
	dsn, dir string
	srv      *smtptest.Server
	tdb      *testdb.DB
}

// configYAML is the config of the shop with extra prepended (so that the
// line numbers of extra are its own).
func (s *badInputShop) configYAML(extra string) string {
	return extra + fmt.Sprintf(`queries:
  dir: queries
outputs:
  dir: out
delivery:
  shared_folder: share
email:
  enabled: true
  host: %s
  port: %d
  security: none
  from: custseg <reports@shop.example>
  timeout: 5s
  retries: 2
  retry_backoff: 10ms
  audiences:
    - name: management
      to: [boss@shop.example]
      gets: report
    - name: marketing
      to: [marketing@shop.example]
      gets: workbook
  alerts: [ops@shop.example]
`, s.srv.Host, s.srv.Port)
}

func newBadInputShop(t *testing.T) *badInputShop {
	t.Helper()
	tdb := testdb.New(t)
	tdb.Exec(t, "../../jobs/testdata/shop.sql")
	s := &badInputShop{dsn: tdb.DSN, dir: t.TempDir(), srv: smtptest.Start(t), tdb: tdb}
	src := queries.Builtin()
	os.Mkdir(filepath.Join(s.dir, "queries"), 0o755)
	s.writeQuery(t, "customers.sql", src.Customers.SQL)
	s.writeQuery(t, "orders.sql", src.Orders.SQL)
	return s
}

func (s *badInputShop) writeQuery(t *testing.T, name, sql string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(s.dir, "queries", name), []byte(sql), 0o644); err != nil {
		t.Fatal(err)
	}
}

func (s *badInputShop) writeConfig(t *testing.T, yaml string) string {
	t.Helper()
	path := filepath.Join(s.dir, "custseg.yaml")
	if err := os.WriteFile(path, []byte(yaml), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// errorLine returns stderr's only "Error: " line, which must be its last.
func errorLine(t *testing.T, stderr string) string {
	t.Helper()
	lines := strings.Split(strings.TrimRight(stderr, "\n"), "\n")
	var errs []string
	for _, l := range lines {
		if strings.HasPrefix(l, "Error: ") {
			errs = append(errs, l)
		}
	}
	if len(errs) != 1 || lines[len(lines)-1] != errs[0] {
		t.Errorf("stderr should end in one Error: line:\n%s", stderr)
		return ""
	}
	return errs[0]
}

// assertNothingLeft checks that a failed run left no run folder or
// temporary file under out (only the run history, when the run started)
// and nothing in the shared folder.
func (s *badInputShop) assertNothingLeft(t *testing.T, historyOK bool) {
	t.Helper()
	var left []string
	out := filepath.Join(s.dir, "out")
	filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
		rel, _ := filepath.Rel(out, p)
		if err != nil || rel == "." || (historyOK && rel == "runs.jsonl") {
			return nil
		}
		left = append(left, rel)
		return nil
	})
	if len(left) > 0 {
		t.Errorf("the failed run left %v in %s", left, out)
	}
	if _, err := os.Stat(filepath.Join(s.dir, "share")); !os.IsNotExist(err) {
		t.Errorf("the failed run made the shared folder (%v)", err)
	}
}

// assertOnlyAlert checks that the only email sent is the alert about step,
// quoting msg, with no report attached.
func (s *badInputShop) assertOnlyAlert(t *testing.T, step, msg string) {
	t.Helper()
	msgs := s.srv.Messages()
	if len(msgs) != 1 || len(msgs[0].To) != 1 || msgs[0].To[0] != "ops@shop.example" {
		t.Fatalf("sent %d messages %+v, want only the alert to ops@shop.example", len(msgs), msgs)
	}
	m, err := mail.ReadMessage(bytes.NewReader(msgs[0].Data))
	if err != nil {
		t.Fatal(err)
	}
	if subj, want := m.Header.Get("Subject"), "custseg FAILED: job weekly, as of 2026-09-30, at step "+step; subj != want {
		t.Errorf("alert subject %q, want %q", subj, want)
	}
	if mt, _, _ := mime.ParseMediaType(m.Header.Get("Content-Type")); mt != "text/plain" {
		t.Errorf("the alert is %s, want text/plain with no attachment", mt)
	}
	var body io.Reader = m.Body
	if strings.EqualFold(m.Header.Get("Content-Transfer-Encoding"), "quoted-printable") {
		body = quotedprintable.NewReader(body)
	}
	b, _ := io.ReadAll(body)
	text := strings.ReplaceAll(string(b), "\r\n", "\n")
	if !strings.Contains(text, "No report was sent.") || !strings.Contains(text, "Error:\n"+msg+"\n") {
		t.Errorf("the alert does not quote %q:\n%s", msg, text)
	}
}

// TestBadInputCLIConfig: a config that does not load stops `custseg run`
// before anything happens: exit 2, one line on stderr naming the file and
// the line or key, no output folder, no email (the alert settings are in
// the config that did not load).
func TestBadInputCLIConfig(t *testing.T) {
	s := newBadInputShop(t)
	const unset = "CUSTSEG_BADINPUT_NEVER_SET"
	t.Setenv(unset, "")
	os.Unsetenv(unset)
	job := "jobs:\n  - name: weekly\n    cron: '0 7 * * MON'\n    time_zone: UTC\n    timeout: 1h\n    audiences: [management, marketing]\n"
	tests := []struct {
		name, extra, want string
	}{
		{"yaml tab", "analysis:\n\tvalue: revenue\n", "custseg.yaml: line 2: found character '\t' that cannot start any token"},
		{"yaml quote", "analysis:\n  value: 'revenue\n", "custseg.yaml: line 2: could not find end character of single-quoted text"},
		{"yaml key twice", "analysis:\n  value: revenue\n  value: margin\n", `custseg.yaml: line 3: mapping key "value" already defined at [2:3]`},
		{"unknown key", "database:\n  hots: db\n", `custseg.yaml: line 2: unknown field "hots"`},
		{"wrong type", "database:\n  port: '3306/tcp'\n", `custseg.yaml: line 2: database.port: want a whole number, got "3306/tcp"`},
		{"wrong duration", strings.Replace(job, "timeout: 1h", "timeout: 60", 1), `custseg.yaml: line 5: jobs[0].timeout: want a duration such as 10s, 30m or 1h, got "60"`},
		{"empty required key", "database:\n  host: ''\n", "custseg.yaml: database.host: must not be empty"},
		{"unset env", "database:\n  password: ${" + unset + "}\n", "custseg.yaml: database.password: environment variable " + unset + " is not set"},
		{"invalid cron", strings.Replace(job, "'0 7 * * MON'", "'0 7 * * MONDAY'", 1), `custseg.yaml: jobs[0].cron: "0 7 * * MONDAY": failed to parse int from MONDAY: strconv.Atoi: parsing "MONDAY": invalid syntax`},
		{"invalid job time zone", strings.Replace(job, "time_zone: UTC", "time_zone: Asia/Beijing", 1), `custseg.yaml: jobs[0].time_zone: "Asia/Beijing" is not an IANA time zone`},
		{"invalid data time zone", "database:\n  time_zone: CST\n", `custseg.yaml: database.time_zone: "CST" is not an IANA time zone (e.g. Asia/Shanghai, UTC)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := s.writeConfig(t, s.configYAML(tt.extra))
			code, stdout, stderr := run(t, map[string]string{"CUSTSEG_DSN": s.dsn}, "run", "--config", path, "--as-of", "2026-09-30")
			if code != exitUsage || stdout != "" || stderr != "Error: "+tt.want+"\n" {
				t.Errorf("exit %d, stdout %q, stderr %q\nwant exit 2 and stderr %q", code, stdout, stderr, "Error: "+tt.want+"\n")
			}
			s.assertNothingLeft(t, false)
			if n := len(s.srv.Messages()); n != 0 {
				t.Errorf("sent %d messages", n)
			}
		})
	}
	t.Run("missing config file", func(t *testing.T) {
		path := filepath.Join(s.dir, "none.yaml")
		code, _, stderr := run(t, nil, "run", "--config", path)
		if want := "Error: open " + path + ": no such file or directory\n"; code != exitUsage || stderr != want {
			t.Errorf("exit %d, stderr %q; want 2, %q", code, stderr, want)
		}
	})
}

// TestBadInputCLIQueries: a query file that cannot be read, or a query the
// database rejects, fails the run: exit 2 (the queries folder) or 3 (the
// database), one Error: line naming the file (and the column or row), no
// run folder, nothing published, and only the alert mailed.
func TestBadInputCLIQueries(t *testing.T) {
	tests := []struct {
		name  string
		setup func(t *testing.T, s *badInputShop)
		code  int
		step  string
		want  string // {dir} is the shop's folder, {db} its database
		// embedded replaces want on the embedded engine, as a prefix.
		embedded string
	}{
		{"orders.sql missing", func(t *testing.T, s *badInputShop) { os.Remove(filepath.Join(s.dir, "queries", "orders.sql")) },
			exitUsage, "config", "config: queries: open {dir}/queries/orders.sql: no such file or directory", ""},
		{"orders.sql is a folder", func(t *testing.T, s *badInputShop) {
			p := filepath.Join(s.dir, "queries", "orders.sql")
			os.Remove(p)
			os.Mkdir(p, 0o755)
		}, exitUsage, "config", "config: queries: read {dir}/queries/orders.sql: is a directory", ""},
		{"orders.sql empty", func(t *testing.T, s *badInputShop) { s.writeQuery(t, "orders.sql", "\n ;\n") },
			exitUsage, "config", "config: {dir}/queries/orders.sql: the file holds no SQL", ""},
		{"syntax error", func(t *testing.T, s *badInputShop) {
			s.writeQuery(t, "orders.sql", "-- orders\nSELECT o.order_no AS order_id, o.customer_id AS customer_id,\n  o.created_at AS ordered_at,\n  o.total_amount AS amount,\nFROM orders o\n")
		}, exitDatabase, "extract",
			"extract: {dir}/queries/orders.sql: Error 1064 (42000): You have an error in your SQL syntax; check the manual that corresponds to your MariaDB server version for the right syntax to use near 'FROM orders o ) q LIMIT 0' at line 5",
			"extract: {dir}/queries/orders.sql: Error 1105 (HY000): syntax error at position "},
		{"unknown table", func(t *testing.T, s *badInputShop) {
			s.writeQuery(t, "customers.sql", "SELECT id AS customer_id FROM customer")
		},
			exitDatabase, "extract", "extract: {dir}/queries/customers.sql: Error 1146 (42S02): Table '{db}.customer' doesn't exist",
			"extract: {dir}/queries/customers.sql: Error 1146 (HY000): table not found: customer"},
		{"required column missing", func(t *testing.T, s *badInputShop) {
			s.writeQuery(t, "orders.sql", "SELECT o.order_no AS order_id, o.customer_id, o.created_at AS ordered_at, o.total_amount AS total FROM orders o")
		}, exitDatabase, "extract", `extract: {dir}/queries/orders.sql: column "amount" is missing (the query must return customer_id, order_id, ordered_at, amount; alias your columns with AS)`, ""},
		{"text where a number is needed", func(t *testing.T, s *badInputShop) {
			s.writeQuery(t, "orders.sql", "SELECT o.order_no AS order_id, o.customer_id, o.created_at AS ordered_at, o.status AS amount FROM orders o")
		}, exitDatabase, "extract", `extract: {dir}/queries/orders.sql: column "amount" is VARCHAR, want a number (DECIMAL, INT, DOUBLE, ...)`, ""},
		{"text where a date is needed", func(t *testing.T, s *badInputShop) {
			s.writeQuery(t, "orders.sql", "SELECT o.order_no AS order_id, o.customer_id, o.order_no AS ordered_at, o.total_amount AS amount FROM orders o")
		}, exitDatabase, "extract", `extract: {dir}/queries/orders.sql: column "ordered_at" is VARCHAR, want a date or datetime (DATE, DATETIME, TIMESTAMP)`, ""},
		{"customer_id not unique", func(t *testing.T, s *badInputShop) {
			s.writeQuery(t, "customers.sql", "SELECT c.id AS customer_id, c.full_name AS name FROM customers c\nUNION ALL\nSELECT c.id, c.full_name FROM customers c WHERE c.id = 5\nORDER BY customer_id, name")
		}, exitDatabase, "extract", "extract: {dir}/queries/customers.sql: customer_id 5 appears more than once (rows 5 and 6); customers.sql must return one row per customer", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newBadInputShop(t)
			tt.setup(t, s)
			path := s.writeConfig(t, s.configYAML(""))
			code, stdout, stderr := run(t, map[string]string{"CUSTSEG_DSN": s.dsn}, "run", "--config", path, "--as-of", "2026-09-30")
			want := strings.NewReplacer("{dir}", s.dir, "{db}", s.tdb.Name).Replace(tt.want)
			line := errorLine(t, stderr)
			if s.tdb.Kind != "mariadb" && tt.embedded != "" {
				want = strings.NewReplacer("{dir}", s.dir).Replace(tt.embedded)
				if !strings.HasPrefix(line, "Error: "+want) {
					t.Errorf("stderr line %q\nwant prefix  %q", line, "Error: "+want)
				}
			} else if line != "Error: "+want {
				t.Errorf("stderr line %q\nwant         %q", line, "Error: "+want)
			}
			if code != tt.code || stdout != "" {
				t.Errorf("exit %d (want %d), stdout %q", code, tt.code, stdout)
			}
			s.assertNothingLeft(t, true)
			s.assertOnlyAlert(t, tt.step, strings.TrimPrefix(line, "Error: "))
		})
	}
}

// TestBadInputCLINoRows: an orders.sql that returns no rows is not an
// error: the run finishes, says so, and delivers the (empty) reports.
func TestBadInputCLINoRows(t *testing.T) {
	s := newBadInputShop(t)
	s.writeQuery(t, "orders.sql", queries.Builtin().Orders.SQL+" AND 1 = 0")
	path := s.writeConfig(t, s.configYAML(""))
	code, stdout, stderr := run(t, map[string]string{"CUSTSEG_DSN": s.dsn}, "run", "--config", path, "--as-of", "2026-09-30")
	if code != exitOK {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	for _, want := range []string{"as of 2026-09-30: 7 customers, 0 buyers, 0 orders.", "warning(s): see the log above"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("stdout lacks %q:\n%s", want, stdout)
		}
	}
	if !strings.Contains(stderr, `level=WARN msg="no purchases on or before the as-of date 2026-09-30: the reports have no buyers to segment"`) {
		t.Errorf("stderr does not warn:\n%s", stderr)
	}
	html, err := os.ReadFile(filepath.Join(s.dir, "out", "weekly", "2026-09-30", "customer-report-2026-09-30.html"))
	if err != nil || !strings.Contains(string(html), "no purchases on or before the as-of date 2026-09-30") {
		t.Errorf("the report does not say there is no data (%v)", err)
	}
	if n := len(s.srv.Messages()); n != 2 {
		t.Errorf("sent %d messages, want the two audiences' reports", n)
	}
}

// TestBadInputCLIQueriesFlag: --queries naming a folder without the files.
func TestBadInputCLIQueriesFlag(t *testing.T) {
	s := newBadInputShop(t)
	path := s.writeConfig(t, s.configYAML(""))
	missing := filepath.Join(s.dir, "elsewhere")
	code, _, stderr := run(t, map[string]string{"CUSTSEG_DSN": s.dsn}, "run", "--config", path, "--as-of", "2026-09-30", "--queries", missing)
	want := "Error: config: queries: open " + missing + "/customers.sql: no such file or directory"
	if line := errorLine(t, stderr); code != exitUsage || line != want {
		t.Errorf("exit %d, %q; want 2, %q", code, line, want)
	}
	s.assertNothingLeft(t, true)
	s.assertOnlyAlert(t, "config", strings.TrimPrefix(want, "Error: "))
}
