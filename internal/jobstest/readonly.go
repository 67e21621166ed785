package jobstest

import (
	"os"
	"testing"
)

// ReadOnlyDir makes dir (created when missing) a folder this user cannot
// write in, and says how: mode 0500 for an ordinary user; for root, whom
// permissions do not stop, the immutable attribute (chattr +i, which
// needs CAP_LINUX_IMMUTABLE and a file system that has it), so that the
// case runs as root too, as in CI. Both are undone when the test ends.
// Where neither works, the test is skipped, except under CI=true, where
// it fails.
func ReadOnlyDir(t testing.TB, dir string) string {
	t.Helper()
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	how := "mode 0500"
	if err := os.Chmod(dir, 0o500); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(dir, 0o700) })
	if canCreateIn(dir) {
		if err := setImmutable(dir, true); err != nil {
			cannot(t, "this user (root) writes into a 0500 folder, and the folder cannot be made immutable: "+err.Error())
		}
		t.Cleanup(func() {
			if err := setImmutable(dir, false); err != nil {
				t.Errorf("%s stays immutable (chattr -i it): %v", dir, err)
			}
		})
		how = "immutable attribute"
		if canCreateIn(dir) {
			cannot(t, "this user writes into an immutable folder")
		}
	}
	return how
}

// canCreateIn reports whether a file can be made in dir.
func canCreateIn(dir string) bool {
	f, err := os.CreateTemp(dir, "probe-")
	if err != nil {
		return false
	}
	f.Close()
	os.Remove(f.Name())
	return true
}

// cannot skips the test for want of a read-only folder, or fails it under
// CI=true, where every case must run.
func cannot(t testing.TB, why string) {
	t.Helper()
	if os.Getenv("CI") == "true" {
		t.Fatal(why + "; CI=true does not allow skipping")
	}
	t.Skip(why)
}
