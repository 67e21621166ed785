package testdb

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"
)

// EmbeddedEngine is how Engine names the embedded engine.
const EmbeddedEngine = "the embedded engine (go-mysql-server)"

// tally is what the tests of this process ran on, for Main's summary.
var tally struct {
	mu      sync.Mutex
	engines map[string]int  // engine description → databases made on it
	skipped map[string]bool // tests that skipped after getting an embedded database
	failed  string          // why the server did not answer, when it did not
}

// Engine says which engine d runs on, for logs: "MariaDB 10.11.6 at
// 127.0.0.1:3306" (a real server, with its version) or EmbeddedEngine.
func (d *DB) Engine() string {
	switch {
	case d.engine != "":
		return d.engine
	case d.Kind == "mariadb":
		return "MySQL/MariaDB"
	}
	return EmbeddedEngine
}

// serverEngine describes the server behind admin: "MariaDB 10.11.6 at
// addr", "MySQL 8.0.36 at addr", or "MySQL/MariaDB at addr" when it does
// not say its version.
func serverEngine(admin *sql.DB, addr string) string {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	var v string
	if err := admin.QueryRowContext(ctx, "SELECT VERSION()").Scan(&v); err != nil {
		return "MySQL/MariaDB at " + addr
	}
	return engineName(v) + " at " + addr
}

// engineName turns a VERSION() string into a product and version:
// "10.11.6-MariaDB-0+deb12u1" is "MariaDB 10.11.6", "8.0.36" is
// "MySQL 8.0.36".
func engineName(version string) string {
	num, _, _ := strings.Cut(version, "-")
	if strings.Contains(strings.ToLower(version), "mariadb") {
		return "MariaDB " + num
	}
	return "MySQL " + num
}

// announce logs the engine d runs on in t (shown with -v or when t fails)
// and counts it for Main's summary; a test that then skips on the
// embedded engine is listed there as one that checked less than CI does.
// why, for the embedded engine, says why no server was used.
func (d *DB) announce(t testing.TB, why string) {
	t.Helper()
	if d.Kind == "embedded" {
		t.Logf("testdb: database %s on %s: %s", d.Name, d.Engine(), why)
	} else {
		t.Logf("testdb: database %s on %s", d.Name, d.Engine())
	}
	tally.mu.Lock()
	if tally.engines == nil {
		tally.engines, tally.skipped = map[string]int{}, map[string]bool{}
	}
	tally.engines[d.Engine()]++
	if why != "" && tally.failed == "" {
		tally.failed = why
	}
	tally.mu.Unlock()
	if d.Kind == "embedded" {
		name := t.Name()
		t.Cleanup(func() {
			if t.Skipped() {
				tally.mu.Lock()
				tally.skipped[name] = true
				tally.mu.Unlock()
			}
		})
	}
}

// Summary is one line saying which engines the tests of this process ran
// on, and which tests skipped because only the embedded engine answered;
// "" when no test made a database.
func Summary(pkg string) string {
	tally.mu.Lock()
	defer tally.mu.Unlock()
	if len(tally.engines) == 0 {
		return ""
	}
	var on []string
	for e, n := range tally.engines {
		on = append(on, fmt.Sprintf("%d on %s", n, e))
	}
	sort.Strings(on)
	line := fmt.Sprintf("testdb: %s: databases: %s", pkg, strings.Join(on, ", "))
	if tally.failed != "" {
		line += " (" + tally.failed + ")"
	}
	if len(tally.skipped) > 0 {
		var names []string
		for n := range tally.skipped {
			names = append(names, n)
		}
		sort.Strings(names)
		line += fmt.Sprintf("; %d skipped for want of a server, which CI has: %s", len(names), strings.Join(names, ", "))
	}
	return line
}

// Main runs the tests of m and then prints Summary, so that every run
// says which engine it checked; it returns the exit code for os.Exit. A
// package whose tests use testdb calls it from its TestMain:
//
//	func TestMain(m *testing.M) { os.Exit(testdb.Main(m)) }
//
// `go test ./...` shows a passing package's output only with -v, so
// without -v the line goes to the stderr of the process that started the
// test binary (the go command) when that is a terminal or a pipe (see
// parentStderr), and to the test binary's own stderr otherwise (shown
// with -v, or when the package fails).
func Main(m *testing.M) int {
	code := m.Run()
	s := Summary(packageDir())
	if s == "" {
		return code
	}
	w := io.Writer(os.Stderr)
	if !testing.Verbose() {
		if f := parentStderr(); f != nil {
			defer f.Close()
			w = f
		}
	}
	fmt.Fprintln(w, s)
	return code
}

// parentStderr opens the stderr of the process that started this one
// (Linux), when it is a terminal, a pipe or a socket; nil otherwise. A
// regular file is left alone: written through a second open file, lines
// would be overwritten by the parent's own writes at its own offset.
func parentStderr() *os.File {
	f, err := os.OpenFile(fmt.Sprintf("/proc/%d/fd/2", os.Getppid()), os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		return nil
	}
	if fi, err := f.Stat(); err != nil || fi.Mode()&(os.ModeNamedPipe|os.ModeSocket|os.ModeCharDevice) == 0 {
		f.Close()
		return nil
	}
	return f
}

// packageDir is the folder of the package under test (the test binary's
// working folder) relative to its module's root, such as "cmd/custseg".
func packageDir() string {
	wd, err := os.Getwd()
	if err != nil {
		return "?"
	}
	for root := wd; ; {
		if _, err := os.Stat(filepath.Join(root, "go.mod")); err == nil {
			if rel, err := filepath.Rel(root, wd); err == nil {
				return filepath.ToSlash(rel)
			}
			break
		}
		up := filepath.Dir(root)
		if up == root {
			break
		}
		root = up
	}
	return filepath.Base(wd)
}
