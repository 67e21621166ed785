//go:build !unix

package jobs

import "os"

// lockFile does nothing where flock is not available: appends are then
// only as safe as one write of one line.
func lockFile(*os.File, bool) error { return nil }

func unlockFile(*os.File) error { return nil }
