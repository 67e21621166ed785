//go:build unix

package jobs

import (
	"errors"
	"os"
	"syscall"
)

// lockDir takes an exclusive advisory lock (flock) on the folder at path
// without waiting and returns it held, with held false when another
// process holds it. The lock is on the folder itself, so it survives the
// folder's rename; closing f releases it. err reports a folder that cannot
// be opened or a filesystem without locks (ENOTSUP, ENOLCK: callers fall
// back to age).
func lockDir(path string) (f *os.File, held bool, err error) {
	f, err = os.Open(path)
	if err != nil {
		return nil, false, err
	}
	for {
		err = syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		if !errors.Is(err, syscall.EINTR) {
			break
		}
	}
	switch {
	case err == nil:
		return f, true, nil
	case errors.Is(err, syscall.EWOULDBLOCK):
		f.Close()
		return nil, false, nil
	}
	f.Close()
	return nil, false, err
}
