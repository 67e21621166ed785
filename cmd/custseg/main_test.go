package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/custseg/custseg/demo"
	"github.com/custseg/custseg/internal/testdb"
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
	if code != 0 || strings.Contains(out, "FAIL") || strings.Count(out, "ok    ")+strings.Count(out, "WARN  ") != 10 ||
		!strings.Contains(out, "query plan of the orders aggregate") || !strings.Contains(out, "data freshness at ") ||
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
	code, stdout, stderr := run(t, nil, "demo", "--out", out, "--customers", "400", "--orders", "4000", "--locale", "zh-CN")
	if code != 0 {
		t.Fatalf("demo: code %d\n%s%s", code, stdout, stderr)
	}
	for _, f := range []string{"customer-segments-2026-09-30.xlsx", "customer-report-2026-09-30.html", "manifest.json"} {
		p := filepath.Join(out, "weekly", "2026-09-30", f)
		if _, err := os.Stat(p); err != nil || !strings.Contains(stdout, p) {
			t.Errorf("demo did not write and print %s: %v\n%s", p, err, stdout)
		}
	}
}
