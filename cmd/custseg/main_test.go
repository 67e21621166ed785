package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/custseg/custseg/demo"
	"github.com/custseg/custseg/internal/testdb"
	"github.com/custseg/custseg/jobs"
	"github.com/custseg/custseg/queries"
)

// run runs the program in-process with env and returns exit code, stdout
// and stderr.
func run(t *testing.T, env map[string]string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	m := NewMain(&out, &errOut)
	m.Getenv = func(k string) string { return env[k] }
	code := m.Run(context.Background(), args)
	return code, out.String(), errOut.String()
}

// smallShop loads a small generated shop into a fresh test database and
// writes a config whose queries folder holds the example SQL.
func smallShop(t *testing.T) (dsn, cfgPath, dir string) {
	t.Helper()
	tdb := testdb.New(t)
	shop := demo.Generate(demo.Options{Customers: 300, Orders: 3000})
	if err := demo.Load(context.Background(), tdb.Open(t), shop); err != nil {
		t.Fatal(err)
	}
	dir = t.TempDir()
	src := queries.Builtin()
	os.Mkdir(filepath.Join(dir, "queries"), 0o755)
	os.WriteFile(filepath.Join(dir, "queries", "customers.sql"), []byte(src.Customers.SQL), 0o644)
	os.WriteFile(filepath.Join(dir, "queries", "orders.sql"), []byte(src.Orders.SQL), 0o644)
	cfgPath = filepath.Join(dir, "custseg.yaml")
	os.WriteFile(cfgPath, []byte("queries:\n  dir: queries\noutputs:\n  dir: out\n"), 0o644)
	return tdb.DSN, cfgPath, dir
}

func TestRunAndCheckCommands(t *testing.T) {
	dsn, cfgPath, dir := smallShop(t)
	env := map[string]string{"CUSTSEG_DSN": dsn}

	code, out, errOut := run(t, env, "check", "--config", cfgPath)
	// The freshness line is ok or, once the generated shop's orders are
	// old at the real date, WARN: never FAIL.
	if code != 0 || strings.Contains(out, "FAIL") || strings.Count(out, "ok    ")+strings.Count(out, "WARN  ") != 11 ||
		!strings.Contains(out, "query plan of the orders") || !strings.Contains(out, "data freshness at ") ||
		!strings.Contains(out, "repeated rows in ") {
		t.Errorf("check: code %d\n%s%s", code, out, errOut)
	}

	code, out, errOut = run(t, env, "run", "--config", cfgPath, "--as-of", "2026-09-30")
	if code != 0 {
		t.Fatalf("run: code %d\n%s%s", code, out, errOut)
	}
	runDir := filepath.Join(dir, "out", "weekly", "2026-09-30")
	for _, f := range []string{"customer-segments-2026-09-30.xlsx", "customer-report-2026-09-30.html", "manifest.json"} {
		if !strings.Contains(out, filepath.Join(runDir, f)) {
			t.Errorf("run output does not name %s:\n%s", f, out)
		}
		if _, err := os.Stat(filepath.Join(runDir, f)); err != nil {
			t.Error(err)
		}
	}

	// --dry-run with --out leaves everything under --out.
	dry := t.TempDir()
	code, out, errOut = run(t, env, "run", "--config", cfgPath, "--as-of", "2026-09-30", "--out", dry, "--dry-run")
	if code != 0 {
		t.Fatalf("dry run: code %d\n%s%s", code, out, errOut)
	}
	if _, err := os.Stat(filepath.Join(dry, "weekly", "2026-09-30", "manifest.json")); err != nil {
		t.Errorf("dry run: %v", err)
	}

	// A missing column: check names the file and the column, and exits 1.
	os.WriteFile(filepath.Join(dir, "queries", "orders.sql"),
		[]byte("SELECT o.order_no AS order_id, o.customer_id, o.created_at AS ordered_at, o.total_amount AS amt FROM orders o"), 0o644)
	code, out, _ = run(t, env, "check", "--config", cfgPath)
	want := "FAIL  " + filepath.Join(dir, "queries", "orders.sql") + `: column "amount" is missing`
	if code != 1 || !strings.Contains(out, want) {
		t.Errorf("check with a missing column: code %d, want a line %q in\n%s", code, want, out)
	}
	code, _, errOut = run(t, env, "run", "--config", cfgPath, "--as-of", "2026-09-30", "--out", t.TempDir())
	if code != 3 || strings.Count(errOut, "Error: ") != 1 || !strings.Contains(errOut, `column "amount" is missing`) {
		t.Errorf("run with a missing column: code %d\n%s", code, errOut)
	}
}

func TestCommandLineMistakes(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.yaml")
	os.WriteFile(bad, []byte("database:\n  prot: 3306\n"), 0o644)
	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"no command", nil, 2, "Usage:"},
		{"unknown command", []string{"frobnicate"}, 2, `Error: unknown command "frobnicate"`},
		{"no config", []string{"run"}, 2, "Error: --config is required"},
		{"bad flag", []string{"run", "--nope"}, 2, "Error: flag provided but not defined: -nope"},
		{"bad as-of", []string{"run", "--config", bad, "--as-of", "30/09/2026"}, 2, `Error: --as-of "30/09/2026": want a date like 2026-09-30`},
		{"unknown key", []string{"run", "--config", bad}, 2, `Error: bad.yaml: line 2: unknown field "prot"`},
		{"missing config", []string{"check", "--config", filepath.Join(dir, "none.yaml")}, 2, "none.yaml: no such file or directory"},
		{"bad demo locale", []string{"demo", "--locale", "fr"}, 2, `Error: --locale "fr": want en or zh-CN`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, errOut := run(t, nil, tt.args...)
			if code != tt.code || !strings.Contains(errOut, tt.want) {
				t.Errorf("code %d, stderr %q; want %d and %q", code, errOut, tt.code, tt.want)
			}
		})
	}
}

func TestDemoCommand(t *testing.T) {
	out := t.TempDir()
	code, stdout, stderr := run(t, nil, "demo", "--out", out, "--customers", "600", "--orders", "6000", "--locale", "zh-CN")
	if code != 0 {
		t.Fatalf("demo: code %d\n%s%s", code, stdout, stderr)
	}
	newest := filepath.Join(out, "weekly", "2026-09-30")
	for _, f := range []string{"customer-segments-2026-09-30.xlsx", "customer-report-2026-09-30.html", "manifest.json"} {
		p := filepath.Join(newest, f)
		if _, err := os.Stat(p); err != nil || !strings.Contains(stdout, p) {
			t.Errorf("demo did not write and print %s: %v\n%s", p, err, stdout)
		}
	}
	// The weeks before, oldest first, each compared with the one before it.
	for _, day := range []string{"2026-09-09", "2026-09-16", "2026-09-23"} {
		if p := filepath.Join(out, "weekly", day); !strings.Contains(stdout, p+"\n") {
			t.Errorf("demo did not run or print the week of %s:\n%s", day, stdout)
		}
	}
	var m jobs.Manifest
	b, err := os.ReadFile(filepath.Join(newest, "manifest.json"))
	if err == nil {
		err = json.Unmarshal(b, &m)
	}
	if err != nil {
		t.Fatal(err)
	}
	// The generated shop moves between weeks: the newest report has buyers
	// who moved up, moved down and bought for the first time.
	if mg := m.Migration; mg == nil || mg.PreviousAsOf != "2026-09-23" || mg.Up == 0 || mg.Down == 0 || mg.New == 0 {
		t.Errorf("newest week's migration = %+v; want moves up, down and first-time buyers since 2026-09-23", m.Migration)
	}
	if m.AsOfSource != "demo week 4 of 4" || m.Parameters["as_of_rule"] != "yesterday" || m.Version == "" {
		t.Errorf("manifest as_of_source %q, as_of_rule %q, version %q", m.AsOfSource, m.Parameters["as_of_rule"], m.Version)
	}
	html, _ := os.ReadFile(filepath.Join(newest, "customer-report-2026-09-30.html"))
	if !strings.Contains(string(html), m.Version) {
		t.Errorf("the HTML report's footer lacks the version %q", m.Version)
	}
}

func TestDemoAsOf(t *testing.T) {
	out := t.TempDir()
	code, stdout, stderr := run(t, nil, "demo", "--out", out, "--customers", "300", "--orders", "3000",
		"--as-of", "2025-06-30", "--weeks", "2")
	if code != 0 {
		t.Fatalf("demo: code %d\n%s%s", code, stdout, stderr)
	}
	for _, day := range []string{"2025-06-23", "2025-06-30"} {
		if _, err := os.Stat(filepath.Join(out, "weekly", day, "manifest.json")); err != nil {
			t.Errorf("week of %s: %v", day, err)
		}
	}
	if !strings.Contains(stdout, "Since 2025-06-23: ") {
		t.Errorf("demo does not say what moved since the week before:\n%s", stdout)
	}
}

// TestRunLogUnderCron: not at a terminal (cron, systemd, a container) a
// run writes exactly one structured log line per step and nothing else:
// no progress bars.
func TestRunLogUnderCron(t *testing.T) {
	dsn, cfgPath, _ := smallShop(t)
	code, out, errOut := run(t, map[string]string{"CUSTSEG_DSN": dsn}, "run", "--config", cfgPath, "--as-of", "2026-09-30", "--dry-run")
	if code != 0 {
		t.Fatalf("run: code %d\n%s%s", code, out, errOut)
	}
	var infos []string
	for _, line := range strings.Split(strings.TrimSuffix(errOut, "\n"), "\n") {
		if !strings.HasPrefix(line, "time=") || strings.ContainsAny(line, "\r\x1b") {
			t.Errorf("not a log line: %q", line)
		}
		if strings.Contains(line, " level=INFO ") {
			msg := line[strings.Index(line, "msg=")+4:]
			infos = append(infos, msg[:strings.Index(msg, " run_id=")])
		}
	}
	want := []string{`"run started"`, `"extract done"`, `"analyse done"`, `"workbook written"`, `"html written"`, `"run finished"`}
	if strings.Join(infos, ",") != strings.Join(want, ",") {
		t.Errorf("info lines %v, want %v\n%s", infos, want, errOut)
	}
}

func TestRunRefusesFutureAsOf(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "custseg.yaml")
	os.WriteFile(cfg, []byte("outputs:\n  dir: out\n"), 0o644)
	future := time.Now().AddDate(0, 0, 3).Format(time.DateOnly)
	code, out, errOut := run(t, nil, "run", "--config", cfg, "--as-of", future)
	if code != 2 || !strings.Contains(errOut, "Error: --as-of "+future+" is after today") || out != "" {
		t.Errorf("exit %d, stdout %q, stderr %q; want 2 and the date refused", code, out, errOut)
	}
	if _, err := os.Stat(filepath.Join(dir, "out")); err == nil {
		t.Errorf("a refused --as-of left an output folder")
	}
}
