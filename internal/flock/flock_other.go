//go:build !unix

package flock

import "os"

// flock reports that file locks are not supported here.
func flock(*os.File, bool, bool) (bool, error) { return false, errNoLocks }

// unlock has no lock to release.
func unlock(*os.File) error { return nil }
