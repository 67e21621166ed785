//go:build unix

package jobs

import (
	"os"
	"syscall"
)

// lockFile takes an advisory lock on f (flock): exclusive for a writer,
// shared for a reader; it waits for the lock. A file system that cannot
// lock (some network mounts) is used without: each append is still one
// write of one line.
func lockFile(f *os.File, exclusive bool) error {
	how := syscall.LOCK_SH
	if exclusive {
		how = syscall.LOCK_EX
	}
	for {
		switch err := syscall.Flock(int(f.Fd()), how); err {
		case syscall.EINTR:
			continue
		case syscall.ENOLCK, syscall.EOPNOTSUPP, syscall.ENOSYS:
			return nil
		default:
			return err
		}
	}
}

func unlockFile(f *os.File) error { return syscall.Flock(int(f.Fd()), syscall.LOCK_UN) }
