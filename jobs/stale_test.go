package jobs

import (
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestStagingHelperProcess is the child of TestCleanStaleAfterKill: it
// stages a run folder in CUSTSEG_TEST_STAGING_PARENT, writes a file there
// and waits to be killed.
func TestStagingHelperProcess(t *testing.T) {
	parent := os.Getenv("CUSTSEG_TEST_STAGING_PARENT")
	if parent == "" {
		t.Skip("the child of TestCleanStaleAfterKill")
	}
	st, err := newStaging(parent, "2026-09-30", "child", DefaultModes)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.write("half.xlsx", func(w io.Writer) error { _, err := w.Write([]byte("half")); return err }); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(parent, "child.ready"), nil, 0o644)
	time.Sleep(10 * time.Minute)
}

// TestCleanStaleAfterKill: a run killed (kill -9) while staging its folder
// leaves .tmp-*; the next run removes it at once (before: only after 24 h),
// but never a staging folder a live process is writing, nor a fresh one
// where folders cannot be locked.
func TestCleanStaleAfterKill(t *testing.T) {
	parent := t.TempDir()
	cmd := exec.Command(os.Args[0], "-test.run=^TestStagingHelperProcess$", "-test.count=1")
	cmd.Env = append(os.Environ(), "CUSTSEG_TEST_STAGING_PARENT="+parent)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	deadline := time.Now().Add(60 * time.Second)
	for {
		if _, err := os.Stat(filepath.Join(parent, "child.ready")); err == nil {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the child never staged its folder")
		}
		time.Sleep(20 * time.Millisecond)
	}
	live := filepath.Join(parent, ".tmp-2026-09-30-child")
	// An .old- folder nobody holds, as a kill between commit's renames leaves.
	orphan := filepath.Join(parent, ".old-.tmp-2026-09-23-gone")
	if err := os.Mkdir(orphan, 0o750); err != nil {
		t.Fatal(err)
	}

	cleanStale(parent, time.Now())
	if _, err := os.Stat(filepath.Join(live, "half.xlsx")); err != nil {
		t.Fatalf("cleanStale removed the folder a live process is writing: %v", err)
	}
	if _, err := os.Stat(orphan); !os.IsNotExist(err) {
		t.Errorf("the orphaned %s is still there", orphan)
	}

	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()
	st, err := newStaging(parent, "2026-10-07", "next", DefaultModes)
	if err != nil {
		t.Fatal(err)
	}
	defer st.abort()
	ents, _ := os.ReadDir(parent)
	var left []string
	for _, e := range ents {
		if strings.HasPrefix(e.Name(), ".tmp-") || strings.HasPrefix(e.Name(), ".old-") {
			left = append(left, e.Name())
		}
	}
	if len(left) != 1 || left[0] != ".tmp-2026-10-07-next" {
		t.Errorf("after the next run staged, the folder holds %v, want only its own staging folder", left)
	}
}
