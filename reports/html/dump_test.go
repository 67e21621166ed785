package html

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// dumpEnv names a folder into which render writes the chart options of
// every page the tests render, one JSON file per page, so that a change to
// the chart code can be checked to leave every option as it was (compare
// two dumps as parsed JSON). The page's JavaScript functions are written
// back as their placeholders, so each file is plain JSON.
const dumpEnv = "CUSTSEG_DUMP_CHART_OPTIONS"

var (
	dumpMu     sync.Mutex
	dumpSeen   = map[string]int{}
	dumpUnsafe = regexp.MustCompile(`[^A-Za-z0-9_.-]+`)
)

// dumpOptions writes the chart options of page to the folder named by
// dumpEnv, when it is set.
func dumpOptions(t *testing.T, page string) {
	t.Helper()
	dir := os.Getenv(dumpEnv)
	if dir == "" {
		return
	}
	s := specs(t, page)
	s = s[strings.Index(s, "["):] + "\n]"
	for ph, fn := range jsFuncs {
		q, err := json.Marshal(string(ph))
		if err != nil {
			t.Fatal(err)
		}
		s = strings.ReplaceAll(s, fn, string(q))
	}
	if !json.Valid([]byte(s)) {
		t.Fatalf("%s: chart options are not JSON after restoring the placeholders", dumpEnv)
	}
	dumpMu.Lock()
	name := dumpUnsafe.ReplaceAllString(t.Name(), "_")
	dumpSeen[name]++
	name += "-" + strconv.Itoa(dumpSeen[name]) + ".json"
	dumpMu.Unlock()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatalf("%s: %v", dumpEnv, err)
	}
	if err := os.WriteFile(filepath.Join(dir, name), []byte(s), 0o644); err != nil {
		t.Fatalf("%s: %v", dumpEnv, err)
	}
}
