//go:build unix

package flock

import (
	"errors"
	"os"
	"syscall"
)

// flock takes an advisory lock (flock) on f: exclusive or shared, waiting
// for it or not. Without waiting, held is false when another process holds
// it. errNoLocks reports a file system that cannot lock (some network
// mounts).
func flock(f *os.File, exclusive, wait bool) (held bool, err error) {
	how := syscall.LOCK_SH
	if exclusive {
		how = syscall.LOCK_EX
	}
	if !wait {
		how |= syscall.LOCK_NB
	}
	for {
		err = syscall.Flock(int(f.Fd()), how)
		switch {
		case err == nil:
			return true, nil
		case errors.Is(err, syscall.EINTR):
			continue
		case errors.Is(err, syscall.EWOULDBLOCK):
			return false, nil
		case errors.Is(err, syscall.ENOLCK), errors.Is(err, syscall.EOPNOTSUPP), errors.Is(err, syscall.ENOSYS):
			return false, errNoLocks
		}
		return false, err
	}
}

// unlock releases f's lock.
func unlock(f *os.File) error { return syscall.Flock(int(f.Fd()), syscall.LOCK_UN) }
