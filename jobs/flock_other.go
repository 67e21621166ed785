//go:build !unix

package jobs

import "os"

// flock reports that file locks are not supported here.
func flock(*os.File, bool, bool) (bool, error) { return false, errNoLocks }

func unlockFile(*os.File) error { return nil }
