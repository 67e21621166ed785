// Package version says which build of custseg is running: the module
// version, the VCS commit and the Go version, for `custseg version`, the
// manifest and the reports' footers. It imports nothing of custseg's.
package version

import (
	"runtime"
	"runtime/debug"
	"strings"
)

// Set at link time, for builds without VCS stamping (GOFLAGS=-buildvcs=false
// or a source tarball):
//
//	go build -ldflags "-X github.com/custseg/custseg/internal/version.version=v1.4.0 \
//	  -X github.com/custseg/custseg/internal/version.commit=$(git rev-parse HEAD)" ./cmd/custseg
var (
	version string
	commit  string
)

// Info is one build's identity.
type Info struct {
	Version string // module version ("v1.4.0"), "(devel)" for a build from a work tree
	Commit  string // VCS revision, "" when unknown
	// Modified says the work tree had changes the commit does not hold.
	Modified bool
	Go       string // Go version that built the binary ("go1.26.8")
}

// Get returns the running build's identity: the link-time values when
// set, else what the Go toolchain stamped into the binary.
func Get() Info {
	info := Info{Version: "(devel)", Go: runtime.Version()}
	if bi, ok := debug.ReadBuildInfo(); ok {
		if v := bi.Main.Version; v != "" {
			info.Version = v
		}
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				info.Commit = s.Value
			case "vcs.modified":
				info.Modified = s.Value == "true"
			}
		}
	}
	if version != "" {
		info.Version = version
	}
	if commit != "" {
		info.Commit, info.Modified = commit, false
	}
	return info
}

// String is the build in one line: "v1.4.0 (commit 1a2b3c4d5e6f, go1.26.8)";
// the commit is shortened to 12 characters and marked "+changes" when the
// work tree was modified, and reads "commit unknown" when not stamped.
func (i Info) String() string {
	c := i.Commit
	if len(c) > 12 {
		c = c[:12]
	}
	if c == "" {
		c = "unknown"
	} else if i.Modified {
		c += "+changes"
	}
	return strings.TrimSpace(i.Version) + " (commit " + c + ", " + i.Go + ")"
}
