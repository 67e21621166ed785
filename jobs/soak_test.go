package jobs

import (
	"context"
	"os"
	"runtime"
	"testing"
	"time"

	"github.com/custseg/custseg/config"
	"github.com/custseg/custseg/queries"
)

// TestSoak runs the job 50 times in one process and checks that
// goroutines, open files and server connections return to where they
// started and that the heap does not grow run over run.
func TestSoak(t *testing.T) {
	if testing.Short() {
		t.Skip("soak skipped under -short")
	}
	tdb := loadFixture(t)
	admin := tdb.Open(t)
	cfg := config.Default()
	src := queries.Builtin()
	out := t.TempDir()
	connections := func() int {
		var n int
		// Every connection to the test's own database except this one.
		if err := admin.QueryRow("SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE DB = ? AND ID <> CONNECTION_ID()", tdb.Name).Scan(&n); err != nil {
			if tdb.Kind != "mariadb" {
				return 0 // the embedded engine has no process list to ask
			}
			t.Fatal(err)
		}
		return n
	}
	openFiles := func() int {
		ents, err := os.ReadDir("/proc/self/fd")
		if err != nil {
			return 0
		}
		return len(ents)
	}
	heap := func() uint64 {
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		return ms.HeapAlloc
	}
	once := func() {
		day := asOf.AddDate(0, 0, -7*(time.Now().Nanosecond()%3))
		if _, err := Execute(context.Background(), cfg, Options{AsOf: day, OutDir: out, Queries: &src, DSN: tdb.DSN}); err != nil {
			t.Fatal(err)
		}
	}
	once()              // warm up lazily built state (templates, pools of the libraries)
	c0 := connections() // first: it opens the admin connection
	g0, f0 := runtime.NumGoroutine(), openFiles()
	var h10 uint64
	const runs = 50
	for i := 1; i <= runs; i++ {
		once()
		if i == 10 {
			h10 = heap()
		}
	}
	h50 := heap()
	// Let closing connections and their goroutines finish.
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) && (runtime.NumGoroutine() > g0 || openFiles() > f0 || connections() > c0) {
		time.Sleep(100 * time.Millisecond)
	}
	if g := runtime.NumGoroutine(); g > g0 {
		buf := make([]byte, 1<<16)
		t.Logf("goroutines left:\n%s", buf[:runtime.Stack(buf, true)])
		t.Errorf("goroutines: %d before, %d after %d runs", g0, g, runs)
	}
	if f := openFiles(); f > f0 {
		t.Errorf("open files: %d before, %d after %d runs", f0, f, runs)
	}
	if c := connections(); c > c0 {
		t.Errorf("server connections: %d before, %d after %d runs", c0, c, runs)
	}
	// The history file grows by a line a run; the heap must not.
	if h50 > h10+h10/4+1<<20 {
		t.Errorf("heap grew from %d KB after 10 runs to %d KB after %d", h10>>10, h50>>10, runs)
	}
	t.Logf("goroutines %d, open files %d, connections %d; heap %d KB after 10 runs, %d KB after %d",
		g0, f0, c0, h10>>10, h50>>10, runs)
}
