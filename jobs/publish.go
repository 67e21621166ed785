package jobs

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/custseg/custseg/config"
	"github.com/custseg/custseg/internal/flock"
)

// staging is a run's folder under construction: files are written into a
// hidden temporary folder beside the final one and the folder is renamed
// into place only when every file is complete, so readers of the output
// folder never see a half-written run.
type staging struct {
	dir   string // the temporary folder
	final string // where it goes on commit
	modes Modes
	// lock holds an flock on the temporary folder for the staging's
	// lifetime (nil where the filesystem has no locks), so that another
	// process's cleanStale leaves it alone.
	lock *os.File
}

// Modes are the permissions of the files and folders a run creates.
type Modes struct {
	File os.FileMode
	Dir  os.FileMode
}

// DefaultModes keep reports to their owner and group: files 0640, folders
// 0750, as config's defaults do.
var DefaultModes = Modes{File: 0o640, Dir: 0o750}

func newStaging(parent, name, runID string, modes Modes) (*staging, error) {
	if err := os.MkdirAll(parent, modes.Dir); err != nil {
		return nil, fmt.Errorf("output folder: %w", err)
	}
	cleanStale(parent, time.Now())
	dir := filepath.Join(parent, ".tmp-"+name+"-"+runID)
	if err := os.Mkdir(dir, modes.Dir); err != nil {
		return nil, fmt.Errorf("output folder: %w", err)
	}
	st := &staging{dir: dir, final: filepath.Join(parent, name), modes: modes}
	if f, held, err := flock.LockDir(dir); err == nil && held {
		st.lock = f
		// Another process's cleanStale may have taken the folder between
		// its creation and the lock: then it is gone, or another.
		fi, ferr := f.Stat()
		di, derr := os.Stat(dir)
		if ferr != nil || derr != nil || !os.SameFile(fi, di) {
			f.Close()
			return nil, fmt.Errorf("output folder: %s was removed as it was created (another custseg cleaning the folder?); run again", dir)
		}
	}
	return st, nil
}

// staleAge is how old a temporary folder must be before cleanStale
// removes it where folders cannot be locked.
const staleAge = 24 * time.Hour

// cleanStale removes the temporary folders (.tmp-*, .old-*) that a killed
// run left behind: those whose lock it can take, so never one another live
// process is writing (with schedule.lock off, two replicas may share a
// shared folder). Where the filesystem has no locks it falls back to the
// folders' age: older than a day.
func cleanStale(parent string, now time.Time) {
	ents, err := os.ReadDir(parent)
	if err != nil {
		return
	}
	for _, e := range ents {
		if !e.IsDir() || !(strings.HasPrefix(e.Name(), ".tmp-") || strings.HasPrefix(e.Name(), ".old-")) {
			continue
		}
		path := filepath.Join(parent, e.Name())
		f, held, err := flock.LockDir(path)
		switch {
		case err == nil && held:
			os.RemoveAll(path)
			f.Close()
		case err == nil: // a live writer holds it
		default:
			if info, err := e.Info(); err == nil && now.Sub(info.ModTime()) > staleAge {
				os.RemoveAll(path)
			}
		}
	}
}

// write creates name in the staging folder with what fill writes, syncs it
// and returns its size and SHA-256.
func (s *staging) write(name string, fill func(io.Writer) error) (Output, error) {
	path := filepath.Join(s.dir, name)
	f, err := os.OpenFile(path, os.O_CREATE|os.O_EXCL|os.O_WRONLY, s.modes.File)
	if err != nil {
		return Output{}, err
	}
	h := sha256.New()
	cw := &countWriter{w: io.MultiWriter(f, h)}
	if err := fill(cw); err != nil {
		f.Close()
		return Output{}, fmt.Errorf("%s: %w", name, err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return Output{}, fmt.Errorf("%s: %w", name, err)
	}
	if err := f.Close(); err != nil {
		return Output{}, fmt.Errorf("%s: %w", name, err)
	}
	return Output{Path: name, Bytes: cw.n, SHA256: hex.EncodeToString(h.Sum(nil))}, nil
}

// commit moves the staging folder into place, replacing an earlier run of
// the same as-of date.
func (s *staging) commit() error {
	if d, err := os.Open(s.dir); err == nil {
		d.Sync()
		d.Close()
	}
	defer s.unlock()
	old := ""
	if _, err := os.Stat(s.final); err == nil {
		// Locked while it is renamed aside, so that no other process's
		// cleanStale removes it before this one puts it back or removes it.
		if f, held, err := flock.LockDir(s.final); err == nil && held {
			defer f.Close()
		}
		old = filepath.Join(filepath.Dir(s.final), ".old-"+filepath.Base(s.dir))
		if err := os.Rename(s.final, old); err != nil {
			return fmt.Errorf("output folder: %w", err)
		}
	}
	if err := os.Rename(s.dir, s.final); err != nil {
		if old != "" {
			os.Rename(old, s.final)
		}
		return fmt.Errorf("output folder: %w", err)
	}
	if old != "" {
		os.RemoveAll(old)
	}
	if d, err := os.Open(filepath.Dir(s.final)); err == nil {
		d.Sync()
		d.Close()
	}
	return nil
}

// abort removes the staging folder and everything in it.
func (s *staging) abort() {
	os.RemoveAll(s.dir)
	s.unlock()
}

// unlock releases the staging folder's lock.
func (s *staging) unlock() {
	if s.lock != nil {
		s.lock.Close()
		s.lock = nil
	}
}

type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// modesOf reads the configured file and folder permissions.
func modesOf(cfg *config.Config) Modes {
	f, d := cfg.Outputs.Modes()
	return Modes{File: f, Dir: d}
}
