package jobs

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// A crash in the middle of a history write leaves a torn last line: the
// next record starts on its own line and is read back, and the torn line
// is reported by number, not dropped in silence.
func TestAppendRunRepairsTornLine(t *testing.T) {
	tests := []struct {
		name        string
		before      string
		wantRuns    int
		wantDamaged []int
	}{
		{"empty", "", 1, nil},
		{"whole lines", `{"run_id":"a","job":"weekly","status":"ok"}` + "\n", 2, nil},
		{"torn last line", `{"run_id":"a","job":"weekly","status":"ok"}` + "\n" + `{"run_id":"b","job":"wee`, 2, []int{2}},
		{"damaged middle line", `{"run_id":"a","job":"weekly"}` + "\nnot json\n" + `{"run_id":"c","job":"weekly"}` + "\n", 3, []int{2}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			if tt.before != "" {
				if err := os.WriteFile(filepath.Join(dir, RunLogFile), []byte(tt.before), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			if err := AppendRun(dir, RunRecord{RunID: "new", Job: "weekly", Status: "ok"}); err != nil {
				t.Fatal(err)
			}
			h, err := ReadRunHistory(dir, "")
			if err != nil {
				t.Fatal(err)
			}
			if len(h.Runs) != tt.wantRuns || h.Runs[len(h.Runs)-1].RunID != "new" {
				t.Errorf("runs %+v, want %d ending with the new one", h.Runs, tt.wantRuns)
			}
			if !slices.Equal(h.Damaged, tt.wantDamaged) {
				t.Errorf("damaged lines %v, want %v", h.Damaged, tt.wantDamaged)
			}
			if h.Path != filepath.Join(dir, RunLogFile) {
				t.Errorf("path %q", h.Path)
			}
		})
	}
}

// A history that cannot be written is an error, not a warning.
func TestAppendRunFullDisk(t *testing.T) {
	if _, err := os.Stat("/dev/full"); err != nil {
		t.Skip("no /dev/full on this system")
	}
	dir := t.TempDir()
	if err := os.Symlink("/dev/full", filepath.Join(dir, RunLogFile)); err != nil {
		t.Fatal(err)
	}
	err := AppendRun(dir, RunRecord{RunID: "x", Job: "weekly"})
	if err == nil || !strings.Contains(err.Error(), "no space left") {
		t.Errorf("err = %v, want no space left", err)
	}
}
