package jobs

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
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

// A run record's line says "interrupted" for a failed run only, and reads
// back as written; a failed run's line from before the field is
// interrupted when its error says so, as catch-up read it then.
func TestRunRecordInterrupted(t *testing.T) {
	at := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
	tests := []struct {
		name     string
		rec      RunRecord
		line     string // "" when the record is written, else read from this line
		wantIn   string // in the written line
		wantNot  string // not in the written line
		wantRead bool   // Interrupted as read back
	}{
		{name: "ok run", rec: RunRecord{Job: "weekly", StartedAt: at, Status: RunOK}, wantNot: `"interrupted"`},
		{name: "failed run", rec: RunRecord{Job: "weekly", StartedAt: at, Status: RunFailed, Error: "extract: interrupted: x"},
			wantIn: `"interrupted":false`},
		{name: "interrupted run", rec: RunRecord{Job: "weekly", StartedAt: at, Status: RunFailed, Error: "extract: stopped", Interrupted: true},
			wantIn: `"interrupted":true`, wantRead: true},
		{name: "old line, interrupted", line: `{"job":"weekly","status":"failed","error":"extract: interrupted: context canceled"}`, wantRead: true},
		{name: "old line, cancelled", line: `{"job":"weekly","status":"failed","error":"connect: database x: context canceled"}`, wantRead: true},
		{name: "old line, failed", line: `{"job":"weekly","status":"failed","error":"extract: boom"}`},
		{name: "old line, ok", line: `{"job":"weekly","status":"ok"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			line := []byte(tt.line)
			if tt.line == "" {
				var err error
				if line, err = json.Marshal(tt.rec); err != nil {
					t.Fatal(err)
				}
				if tt.wantIn != "" && !strings.Contains(string(line), tt.wantIn) {
					t.Errorf("line %s lacks %s", line, tt.wantIn)
				}
				if tt.wantNot != "" && strings.Contains(string(line), tt.wantNot) {
					t.Errorf("line %s has %s", line, tt.wantNot)
				}
			}
			var got RunRecord
			if err := json.Unmarshal(line, &got); err != nil {
				t.Fatal(err)
			}
			if got.Interrupted != tt.wantRead {
				t.Errorf("Interrupted = %v, want %v (line %s)", got.Interrupted, tt.wantRead, line)
			}
			if tt.line == "" && (got.Status != tt.rec.Status || got.Error != tt.rec.Error || !got.StartedAt.Equal(tt.rec.StartedAt)) {
				t.Errorf("read back %+v, want %+v", got, tt.rec)
			}
		})
	}
}
