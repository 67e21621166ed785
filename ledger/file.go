package ledger

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

	"github.com/custseg/custseg/internal/flock"
	"github.com/custseg/custseg/internal/linefile"
)

// FileName is the file delivery ledger's name: in <shared_folder>/.custseg/
// when the shared folder holds it, else in the output folder.
const FileName = "ledger.jsonl"

// SharedDir is the folder of the shared folder that holds the ledger.
const SharedDir = ".custseg"

// ledgerLine is one line of the file ledger: exactly one of its fields.
type ledgerLine struct {
	Delivery *DeliveryEntry `json:"delivery,omitempty"`
	Fire     *FireEntry     `json:"fire,omitempty"`
}

// fileLedger is a Ledger in a JSON-lines file (see internal/linefile):
// each entry one appended line, synced before the call returns.
type fileLedger struct {
	path              string
	shared            bool
	fileMode, dirMode os.FileMode

	mu      sync.Mutex
	damaged []int // lines the last read could not use
}

var _ Ledger = (*fileLedger)(nil)

// openFileLedger opens the ledger file in dir, checking that the folder
// can be created, written and synced. Files are created with fileMode,
// folders with dirMode.
func openFileLedger(dir string, shared bool, fileMode, dirMode os.FileMode) (*fileLedger, error) {
	l := &fileLedger{path: filepath.Join(dir, FileName), shared: shared, fileMode: fileMode, dirMode: dirMode}
	if err := probeFolder(dir, fileMode, dirMode); err != nil {
		return nil, err
	}
	return l, nil
}

// probeFolder creates dir when absent and writes, syncs and removes a
// small file in it: a folder that cannot do that cannot hold the ledger.
func probeFolder(dir string, fileMode, dirMode os.FileMode) error {
	if err := linefile.MkdirSynced(dir, dirMode); err != nil {
		return err
	}
	b := make([]byte, 4)
	rand.Read(b)
	p := filepath.Join(dir, ".probe-"+hex.EncodeToString(b))
	f, err := os.OpenFile(p, os.O_CREATE|os.O_EXCL|os.O_WRONLY, fileMode)
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
	if err := flock.Lock(f, true); err != nil {
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
	if err := linefile.Append(l.path, b, l.fileMode, l.dirMode); err != nil {
		return fmt.Errorf("delivery ledger %s: %w", l.path, err)
	}
	return nil
}

// read calls fn with each readable entry, oldest first.
func (l *fileLedger) read(fn func(ledgerLine)) error {
	damaged, err := linefile.Read(l.path, func(_ int, line []byte) bool {
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
func (l *fileLedger) Deliveries(ctx context.Context, job, asOf string) (map[string]DeliveryEntry, error) {
	out := map[string]DeliveryEntry{}
	err := l.read(func(e ledgerLine) {
		if d := e.Delivery; d != nil && d.Job == job && d.AsOf == asOf {
			out[d.Audience] = *d
		}
	})
	return out, err
}

// RecordDelivery implements Ledger.
func (l *fileLedger) RecordDelivery(ctx context.Context, e DeliveryEntry) error {
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

// Damaged returns the numbers of the lines the last read of l could not
// use (a torn write, a damaged file), for a warning; none for a ledger
// that is not a file.
func Damaged(l Ledger) []int {
	if fl, ok := l.(*fileLedger); ok {
		return fl.Damaged()
	}
	return nil
}

// Damaged returns the numbers of the lines the last read of the ledger
// could not use (a torn write, a damaged file), for a warning.
func (l *fileLedger) Damaged() []int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]int(nil), l.damaged...)
}
