package flock

import (
	"errors"
	"fmt"
	"os"
)

// errNoLocks: the file system (or the platform) has no advisory locks.
var errNoLocks = errors.New("file locks are not supported here")

// Lock waits for an advisory lock on f: exclusive for a writer, shared
// for a reader. A file system that cannot lock is used without: each
// append of a line file (internal/linefile) is still one write of one line.
func Lock(f *os.File, exclusive bool) error {
	if _, err := flock(f, exclusive, true); err != nil && !errors.Is(err, errNoLocks) {
		return err
	}
	return nil
}

// Unlock releases the lock Lock took on f (closing f releases it too).
func Unlock(f *os.File) error { return unlock(f) }

// LockDir takes an exclusive lock on the folder at path without waiting
// and returns it held, with held false when another process holds it. The
// lock is on the folder itself, so it survives the folder's rename;
// closing f releases it. err reports a folder that cannot be opened or a
// file system without locks (callers fall back to the folder's age).
func LockDir(path string) (f *os.File, held bool, err error) {
	f, err = os.Open(path)
	if err != nil {
		return nil, false, err
	}
	held, err = flock(f, true, false)
	if err != nil || !held {
		f.Close()
		if err != nil {
			return nil, false, fmt.Errorf("lock %s: %w", path, err)
		}
		return nil, false, nil
	}
	return f, true, nil
}
