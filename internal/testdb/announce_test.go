package testdb

import (
	"strings"
	"testing"
)

func TestEngineName(t *testing.T) {
	for _, tc := range []struct{ version, want string }{
		{"10.11.6-MariaDB-0+deb12u1", "MariaDB 10.11.6"},
		{"11.4.2-MariaDB", "MariaDB 11.4.2"},
		{"8.0.36", "MySQL 8.0.36"},
		{"8.4.0-commercial", "MySQL 8.4.0"},
	} {
		if got := engineName(tc.version); got != tc.want {
			t.Errorf("engineName(%q) = %q, want %q", tc.version, got, tc.want)
		}
	}
}

func TestEngine(t *testing.T) {
	for _, tc := range []struct {
		db   DB
		want string
	}{
		{DB{Kind: "mariadb", engine: "MariaDB 10.11.6 at 127.0.0.1:3306"}, "MariaDB 10.11.6 at 127.0.0.1:3306"},
		{DB{Kind: "mariadb"}, "MySQL/MariaDB"},
		{DB{Kind: "embedded"}, EmbeddedEngine},
	} {
		if got := tc.db.Engine(); got != tc.want {
			t.Errorf("%+v: Engine() = %q, want %q", tc.db, got, tc.want)
		}
	}
}

// The summary names the engines and, when only the embedded one
// answered, the tests that skipped for want of a server.
func TestSummary(t *testing.T) {
	tally.mu.Lock()
	engines, skipped, failed := tally.engines, tally.skipped, tally.failed
	tally.engines, tally.skipped, tally.failed = nil, nil, ""
	tally.mu.Unlock()
	t.Cleanup(func() {
		tally.mu.Lock()
		tally.engines, tally.skipped, tally.failed = engines, skipped, failed
		tally.mu.Unlock()
	})
	if s := Summary("jobs"); s != "" {
		t.Errorf("summary with no database: %q, want none", s)
	}
	t.Run("on a server", func(t *testing.T) {
		(&DB{Kind: "mariadb", Name: "a", engine: "MariaDB 10.11.6 at 127.0.0.1:3306"}).announce(t, "")
	})
	t.Run("skipped on the embedded engine", func(t *testing.T) {
		(&DB{Kind: "embedded", Name: "b"}).announce(t, "no MySQL/MariaDB at 127.0.0.1:1: refused")
		t.Skip("needs MariaDB")
	})
	t.Run("ran on the embedded engine", func(t *testing.T) {
		(&DB{Kind: "embedded", Name: "c"}).announce(t, "no MySQL/MariaDB at 127.0.0.1:1: refused")
	})
	got := Summary("jobs")
	for _, want := range []string{
		"testdb: jobs: databases: 1 on MariaDB 10.11.6 at 127.0.0.1:3306, 2 on " + EmbeddedEngine,
		"(no MySQL/MariaDB at 127.0.0.1:1: refused)",
		"; 1 skipped for want of a server, which CI has: TestSummary/skipped_on_the_embedded_engine",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("summary %q lacks %q", got, want)
		}
	}
	if strings.Contains(got, "ran_on_the_embedded") || strings.Contains(got, "\n") {
		t.Errorf("summary %q lists a test that ran, or is more than one line", got)
	}
}
