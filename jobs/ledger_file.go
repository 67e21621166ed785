package jobs

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"time"
)

// LedgerFile is the file delivery ledger's name: in <shared_folder>/.custseg/
// when the shared folder holds it, else in the output folder.
const LedgerFile = "ledger.jsonl"

// SharedLedgerDir is the folder of the shared folder that holds the ledger.
const SharedLedgerDir = ".custseg"

// ledgerLine is one line of the file ledger: exactly one of its fields.
type ledgerLine struct {
	Delivery *LedgerEntry `json:"delivery,omitempty"`
	Fire     *FireEntry   `json:"fire,omitempty"`
}

// fileLedger is a Ledger in a JSON-lines file (see ledger_lines.go): each
// entry one appended line, synced before the call returns.
type fileLedger struct {
	path   string
	shared bool
	modes  Modes

	mu      sync.Mutex
	damaged []int // lines the last read could not use
}

var _ Ledger = (*fileLedger)(nil)

// openFileLedger opens the ledger file in dir, checking that the folder
// can be created, written and synced.
func openFileLedger(dir string, shared bool, modes Modes) (*fileLedger, error) {
	l := &fileLedger{path: filepath.Join(dir, LedgerFile), shared: shared, modes: modes}
	if err := probeFolder(dir, modes); err != nil {
		return nil, err
	}
	return l, nil
}

// probeFolder creates dir when absent and writes, syncs and removes a
// small file in it: a folder that cannot do that cannot hold the ledger.
func probeFolder(dir string, modes Modes) error {
	if err := mkdirSynced(dir, modes.Dir); err != nil {
		return err
	}
	b := make([]byte, 4)
	rand.Read(b)
	p := filepath.Join(dir, ".probe-"+hex.EncodeToString(b))
	f, err := os.OpenFile(p, os.O_CREATE|os.O_EXCL|os.O_WRONLY, modes.File)
	if err != nil {
		return err
	}
	defer os.Remove(p)
	if _, err := f.Write([]byte("custseg\n")); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	if err := lockFile(f, true); err != nil {
		f.Close()
		return fmt.Errorf("lock: %w", err)
	}
	return f.Close()
}

func (l *fileLedger) append(e ledgerLine) error {
	b, err := json.Marshal(e)
	if err != nil {
		return err
	}
	if err := appendLine(l.path, b, l.modes.File, l.modes.Dir); err != nil {
		return fmt.Errorf("delivery ledger %s: %w", l.path, err)
	}
	return nil
}

// read calls fn with each readable entry, oldest first.
func (l *fileLedger) read(fn func(ledgerLine)) error {
	damaged, err := readLines(l.path, func(_ int, line []byte) bool {
		var e ledgerLine
		if json.Unmarshal(line, &e) != nil || (e.Delivery == nil) == (e.Fire == nil) {
			return false
		}
		fn(e)
		return true
	})
	l.mu.Lock()
	l.damaged = damaged
	l.mu.Unlock()
	if err != nil {
		return fmt.Errorf("delivery ledger %s: %w", l.path, err)
	}
	return nil
}

// Deliveries implements Ledger.
func (l *fileLedger) Deliveries(ctx context.Context, job, asOf string) (map[string]LedgerEntry, error) {
	out := map[string]LedgerEntry{}
	err := l.read(func(e ledgerLine) {
		if d := e.Delivery; d != nil && d.Job == job && d.AsOf == asOf {
			out[d.Audience] = *d
		}
	})
	return out, err
}

// RecordDelivery implements Ledger.
func (l *fileLedger) RecordDelivery(ctx context.Context, e LedgerEntry) error {
	return l.append(ledgerLine{Delivery: &e})
}

// FireRun implements Ledger.
func (l *fileLedger) FireRun(ctx context.Context, job string, scheduledAt time.Time) (bool, error) {
	run := false
	err := l.read(func(e ledgerLine) {
		if f := e.Fire; f != nil && f.Job == job && f.ScheduledAt.Equal(scheduledAt) && !f.Interrupted {
			run = true
		}
	})
	return run, err
}

// RecordFire implements Ledger.
func (l *fileLedger) RecordFire(ctx context.Context, e FireEntry) error {
	return l.append(ledgerLine{Fire: &e})
}

// Shared implements Ledger.
func (l *fileLedger) Shared() bool { return l.shared }

// String implements Ledger.
func (l *fileLedger) String() string { return l.path }

// Close implements Ledger.
func (l *fileLedger) Close() error { return nil }

// Damaged returns the numbers of the lines the last read of the ledger
// could not use (a torn write, a damaged file), for a warning.
func (l *fileLedger) Damaged() []int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]int(nil), l.damaged...)
}
