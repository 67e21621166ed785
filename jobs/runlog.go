package jobs

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
	"time"
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
	Status      string     `json:"status"` // "ok" or "failed"
	Step        string     `json:"step,omitempty"`
	Error       string     `json:"error,omitempty"`
	DryRun      bool       `json:"dry_run,omitempty"`
	Outputs     []string   `json:"outputs,omitempty"` // files in the run folder
	Folder      string     `json:"folder,omitempty"`
	Delivery    []Delivery `json:"delivery,omitempty"`
}

// Delivery is what happened to one audience's email, or to the shared
// folder (Audience "shared_folder"), in a run.
type Delivery struct {
	Audience   string    `json:"audience"`
	Recipients []string  `json:"recipients,omitempty"`
	Status     string    `json:"status"` // "sent", "failed", "skipped" (dry run, or sent by an earlier attempt)
	Error      string    `json:"error,omitempty"`
	At         time.Time `json:"at"`
	Detail     string    `json:"detail,omitempty"` // e.g. the published folder, or "attachment replaced by a link"
}

var runLogMu sync.Mutex

// AppendRun adds r to the run history in dir, creating it if needed. Each
// record is one write of one line, synced, so concurrent writers and a
// crash leave whole lines.
func AppendRun(dir string, r RunRecord) error {
	runLogMu.Lock()
	defer runLogMu.Unlock()
	if err := os.MkdirAll(dir, DefaultModes.Dir); err != nil {
		return fmt.Errorf("run history: %w", err)
	}
	b, err := json.Marshal(r)
	if err != nil {
		return fmt.Errorf("run history: %w", err)
	}
	f, err := os.OpenFile(filepath.Join(dir, RunLogFile), os.O_CREATE|os.O_APPEND|os.O_WRONLY, DefaultModes.File)
	if err != nil {
		return fmt.Errorf("run history: %w", err)
	}
	if _, err := f.Write(append(b, '\n')); err != nil {
		f.Close()
		return fmt.Errorf("run history: %w", err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return fmt.Errorf("run history: %w", err)
	}
	return f.Close()
}

// ReadRuns returns the run history in dir, oldest first, keeping only the
// runs of job when job is not "". A missing history is empty; a damaged
// line is skipped.
func ReadRuns(dir, job string) ([]RunRecord, error) {
	f, err := os.Open(filepath.Join(dir, RunLogFile))
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("run history: %w", err)
	}
	defer f.Close()
	var out []RunRecord
	r := bufio.NewReader(f)
	for {
		line, err := r.ReadBytes('\n')
		if len(line) > 0 {
			var rec RunRecord
			if json.Unmarshal(line, &rec) == nil && (job == "" || rec.Job == job) {
				out = append(out, rec)
			}
		}
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return out, fmt.Errorf("run history: %w", err)
		}
	}
	return out, nil
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
			if d.Status == "sent" {
				done[d.Audience] = true
			}
		}
	}
	return done
}
