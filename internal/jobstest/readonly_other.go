//go:build !(linux && (amd64 || arm64))

package jobstest

import "errors"

// setImmutable is chattr's immutable attribute, here not available.
func setImmutable(path string, on bool) error {
	return errors.New("no immutable attribute on this system")
}
