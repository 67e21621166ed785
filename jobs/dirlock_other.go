//go:build !unix

package jobs

import (
	"errors"
	"os"
)

// lockDir reports that folder locks are not supported here: callers fall
// back to the folder's age.
func lockDir(path string) (*os.File, bool, error) {
	return nil, false, errors.ErrUnsupported
}
