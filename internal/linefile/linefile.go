package linefile

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/custseg/custseg/internal/flock"
)

// Append appends line (without its newline) to the file at path,
// creating the file and its folder (mode for both; folders get dirMode)
// when absent, and syncs the file, and the folder when it created either.
func Append(path string, line []byte, fileMode, dirMode os.FileMode) error {
	dir := filepath.Dir(path)
	if err := MkdirSynced(dir, dirMode); err != nil {
		return err
	}
	_, statErr := os.Stat(path)
	created := errors.Is(statErr, os.ErrNotExist)
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR|os.O_APPEND, fileMode)
	if err != nil {
		return err
	}
	defer f.Close()
	if err := flock.Lock(f, true); err != nil {
		return fmt.Errorf("lock %s: %w", path, err)
	}
	defer flock.Unlock(f) //nolint:errcheck // closing the file releases it too
	info, err := f.Stat()
	if err != nil {
		return err
	}
	buf := make([]byte, 0, len(line)+2)
	if size := info.Size(); size > 0 {
		last := make([]byte, 1)
		if _, err := f.ReadAt(last, size-1); err != nil {
			return fmt.Errorf("read the end of %s: %w", path, err)
		}
		if last[0] != '\n' {
			buf = append(buf, '\n') // a torn last line: ours starts on a line of its own
		}
	}
	buf = append(append(buf, line...), '\n')
	if _, err := f.Write(buf); err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		return err
	}
	if created {
		return syncDir(dir)
	}
	return nil
}

// Read calls fn with each line of the file at path (numbered from 1,
// without its newline) under a shared lock. fn returns false for a line
// it cannot read; those lines' numbers are returned, as is a last line
// without its newline (a torn write) that fn cannot read. A missing file
// has no lines.
func Read(path string, fn func(n int, line []byte) bool) (damaged []int, err error) {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if info, err := f.Stat(); err != nil {
		return nil, err
	} else if !info.Mode().IsRegular() {
		return nil, fmt.Errorf("%s is not a regular file", path)
	}
	if err := flock.Lock(f, false); err != nil {
		return nil, fmt.Errorf("lock %s: %w", path, err)
	}
	defer flock.Unlock(f) //nolint:errcheck // closing the file releases it too
	r := bufio.NewReader(f)
	for n := 1; ; n++ {
		line, err := r.ReadBytes('\n')
		if len(line) > 0 {
			body := line
			if body[len(body)-1] == '\n' {
				body = body[:len(body)-1]
			}
			if len(body) > 0 && body[len(body)-1] == '\r' {
				body = body[:len(body)-1]
			}
			if len(body) > 0 && !fn(n, body) {
				damaged = append(damaged, n)
			}
		}
		if errors.Is(err, io.EOF) {
			return damaged, nil
		}
		if err != nil {
			return damaged, err
		}
	}
}

// MkdirSynced creates dir and its missing parents, syncing the parent of
// each folder it creates so that the new entries survive a crash.
func MkdirSynced(dir string, mode os.FileMode) error {
	if _, err := os.Stat(dir); err == nil {
		return nil
	}
	parent := filepath.Dir(dir)
	if parent != dir {
		if err := MkdirSynced(parent, mode); err != nil {
			return err
		}
	}
	if err := os.Mkdir(dir, mode); err != nil && !errors.Is(err, os.ErrExist) {
		return err
	}
	return syncDir(parent)
}

// syncDir fsyncs a folder, making the entries created in it durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil {
		return fmt.Errorf("sync folder %s: %w", dir, err)
	}
	return nil
}
