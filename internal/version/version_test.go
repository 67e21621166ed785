package version

import (
	"runtime"
	"strings"
	"testing"
)

func TestGet(t *testing.T) {
	tests := []struct {
		name, version, commit string
		want                  []string
	}{
		{"stamped by the toolchain or devel", "", "", []string{"(commit ", runtime.Version()}},
		{"set at link time", "v1.4.0", "1a2b3c4d5e6f7a8b9c0d", []string{"v1.4.0 (commit 1a2b3c4d5e6f, " + runtime.Version() + ")"}},
		{"version only", "v2.0.0", "", []string{"v2.0.0 (commit "}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			defer func(v, c string) { version, commit = v, c }(version, commit)
			version, commit = tt.version, tt.commit
			got := Get().String()
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("Get().String() = %q, want it to contain %q", got, w)
				}
			}
			if Get().Go != runtime.Version() || Get().Version == "" {
				t.Errorf("Get() = %+v", Get())
			}
		})
	}
}

func TestInfoString(t *testing.T) {
	tests := []struct {
		in   Info
		want string
	}{
		{Info{Version: "(devel)", Go: "go1.26.8"}, "(devel) (commit unknown, go1.26.8)"},
		{Info{Version: "v1.0.0", Commit: "0123456789abcdef", Modified: true, Go: "go1.26.8"}, "v1.0.0 (commit 0123456789ab+changes, go1.26.8)"},
	}
	for _, tt := range tests {
		if got := tt.in.String(); got != tt.want {
			t.Errorf("%+v.String() = %q, want %q", tt.in, got, tt.want)
		}
	}
}
