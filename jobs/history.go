package jobs

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/custseg/custseg/internal/linefile"
)

// RunLogFile is the run history in the output folder: one JSON object per
// line, appended when a run ends.
const RunLogFile = "runs.jsonl"

// RunRecord is one line of the run history.
type RunRecord struct {
	RunID       string     `json:"run_id"`
	Job         string     `json:"job"`
	AsOf        string     `json:"as_of"`
	ScheduledAt *time.Time `json:"scheduled_at,omitempty"` // the cron fire time; nil for `custseg run`
	StartedAt   time.Time  `json:"started_at"`
	FinishedAt  time.Time  `json:"finished_at"`
	Status      RunStatus  `json:"status"` // RunOK or RunFailed
	Step        Step       `json:"step,omitempty"`
	Error       string     `json:"error,omitempty"`
	DryRun      bool       `json:"dry_run,omitempty"`
	Outputs     []string   `json:"outputs,omitempty"` // files in the run folder
	Folder      string     `json:"folder,omitempty"`
	Delivery    []Delivery `json:"delivery,omitempty"`
	// Interrupted: the run failed because it was cancelled (a stop, a
	// restart, SIGINT/SIGTERM) and never had its chance, so catch-up runs
	// its fire again. It is written on every failed run's line ("interrupted":
	// true or false); a failed run's line without it was written before the
	// field, and is read as then, from its error's words (legacyInterrupted).
	Interrupted bool `json:"interrupted"`
}

// MarshalJSON writes r as one line of the run history: its fields, and
// "interrupted" when it failed.
func (r RunRecord) MarshalJSON() ([]byte, error) {
	type plain RunRecord
	line := struct {
		plain
		Interrupted *bool `json:"interrupted,omitempty"`
	}{plain: plain(r)}
	if r.Status != RunOK {
		line.Interrupted = &r.Interrupted
	}
	return json.Marshal(line)
}

// UnmarshalJSON reads one line of the run history. A failed run's line
// without "interrupted" (written before the field) is interrupted when
// its error says so, as catch-up read such lines then.
func (r *RunRecord) UnmarshalJSON(b []byte) error {
	type plain RunRecord
	var line struct {
		plain
		Interrupted *bool `json:"interrupted"`
	}
	if err := json.Unmarshal(b, &line); err != nil {
		return err
	}
	*r = RunRecord(line.plain)
	if line.Interrupted != nil {
		r.Interrupted = *line.Interrupted
	} else {
		r.Interrupted = legacyInterrupted(*r)
	}
	return nil
}

// legacyInterrupted reports whether a failed run recorded before the
// Interrupted field ended because its context was cancelled, from its
// error's words.
func legacyInterrupted(r RunRecord) bool {
	return r.Status != RunOK && (strings.Contains(r.Error, "interrupted: ") ||
		strings.Contains(r.Error, context.Canceled.Error()))
}

// Delivery is what happened to one audience's email, or to the shared
// folder (Audience "shared_folder"), in a run.
type Delivery struct {
	Audience   string   `json:"audience"`
	Recipients []string `json:"recipients,omitempty"`
	// Status is StatusSent, StatusFailed, StatusSkipped (no recipients,
	// sent or possibly delivered by an earlier attempt) or StatusUnknown
	// (sent in full, not confirmed by the server: it may have been
	// delivered).
	Status DeliveryStatus `json:"status"`
	Error  string         `json:"error,omitempty"`
	At     time.Time      `json:"at"`
	Detail string         `json:"detail,omitempty"` // e.g. the published folder, or "attachment replaced by a link"
	// MessageID is the email's Message-ID, the same for every attempt of
	// one job, as-of date and audience.
	MessageID string `json:"message_id,omitempty"`
}

var runLogMu sync.Mutex

// AppendRun adds r to the run history in dir, creating it if needed. Each
// record is one write of one line, synced, under a lock on the file, so
// concurrent writers leave whole lines; a torn last line left by a crash
// is repaired (r starts on a line of its own). An error means r is not in
// the history: the run must count as failed.
func AppendRun(dir string, r RunRecord) error {
	runLogMu.Lock()
	defer runLogMu.Unlock()
	b, err := json.Marshal(r)
	if err != nil {
		return fmt.Errorf("run history: %w", err)
	}
	path := filepath.Join(dir, RunLogFile)
	if err := linefile.Append(path, b, DefaultModes.File, DefaultModes.Dir); err != nil {
		return fmt.Errorf("run history %s: %w", path, err)
	}
	return nil
}

// RunHistory is the run history as read from one file.
type RunHistory struct {
	// Path is the file read.
	Path string
	// Runs are its records, oldest first.
	Runs []RunRecord
	// Damaged are the numbers (from 1) of the lines that are not records:
	// a write torn by a crash, a damaged file. They are left out of Runs.
	Damaged []int
}

// ReadRunHistory reads the run history in dir, keeping only the runs of
// job when job is not "", and says which lines it could not read. A
// missing history is empty.
func ReadRunHistory(dir, job string) (RunHistory, error) {
	h := RunHistory{Path: filepath.Join(dir, RunLogFile)}
	damaged, err := linefile.Read(h.Path, func(_ int, line []byte) bool {
		var rec RunRecord
		if json.Unmarshal(line, &rec) != nil || rec.Job == "" {
			return false
		}
		if job == "" || rec.Job == job {
			h.Runs = append(h.Runs, rec)
		}
		return true
	})
	h.Damaged = damaged
	if err != nil {
		return h, fmt.Errorf("run history %s: %w", h.Path, err)
	}
	return h, nil
}

// ReadRuns returns the run history in dir, oldest first, keeping only the
// runs of job when job is not "". A missing history is empty; a damaged
// line is left out (ReadRunHistory reports them).
func ReadRuns(dir, job string) ([]RunRecord, error) {
	h, err := ReadRunHistory(dir, job)
	return h.Runs, err
}

// Delivered reports the audiences whose email an earlier attempt of the
// same job and as-of date already handed to the SMTP server, so a retry
// does not send them twice.
func Delivered(runs []RunRecord, job, asOf string) map[string]bool {
	done := map[string]bool{}
	for _, r := range runs {
		if r.Job != job || r.AsOf != asOf || r.DryRun {
			continue
		}
		for _, d := range r.Delivery {
			if d.Status == StatusSent {
				done[d.Audience] = true
			}
		}
	}
	return done
}
