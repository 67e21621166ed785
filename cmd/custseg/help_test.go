package main

import (
	"runtime"
	"strings"
	"testing"
)

// TestHelpEveryCommand: -h, --help and `help <command>` print the command's
// usage on stdout, in the one style (usage line, flags, exit statuses), and
// exit 0.
func TestHelpEveryCommand(t *testing.T) {
	tests := []struct {
		command string
		flag    string // a flag the usage must list ("" for none)
	}{
		{"demo", "-as-of"},
		{"run", "-dry-run"},
		{"check", "-config"},
		{"schedule", "-listen"},
		{"history", "-limit"},
		{"version", ""},
	}
	for _, tt := range tests {
		for _, args := range [][]string{{tt.command, "-h"}, {tt.command, "--help"}, {"help", tt.command}} {
			t.Run(strings.Join(args, " "), func(t *testing.T) {
				code, out, errOut := run(t, nil, args...)
				if code != 0 || errOut != "" {
					t.Errorf("exit %d, stderr %q; want 0 and nothing", code, errOut)
				}
				for _, want := range []string{"Usage: custseg " + tt.command, tt.flag, "Exit status: 0 ok"} {
					if !strings.Contains(out, want) {
						t.Errorf("stdout lacks %q:\n%s", want, out)
					}
				}
			})
		}
	}
	for _, args := range [][]string{{"help"}, {"-h"}, {"--help"}} {
		code, out, errOut := run(t, nil, args...)
		if code != 0 || errOut != "" || !strings.Contains(out, "Commands:") || !strings.Contains(out, "version ") ||
			!strings.Contains(out, "Exit status:") {
			t.Errorf("%v: exit %d, stdout %q, stderr %q", args, code, out, errOut)
		}
	}
	code, _, errOut := run(t, nil, "help", "frobnicate")
	if code != 2 || !strings.Contains(errOut, `help: unknown command "frobnicate"`) {
		t.Errorf("help frobnicate: exit %d, stderr %q", code, errOut)
	}
}

// TestVersion: --version and version print the module version, commit and
// Go version and exit 0.
func TestVersion(t *testing.T) {
	for _, args := range [][]string{{"--version"}, {"version"}} {
		code, out, errOut := run(t, nil, args...)
		if code != 0 || errOut != "" || !strings.HasPrefix(out, "custseg ") || !strings.Contains(out, "(commit ") ||
			!strings.Contains(out, runtime.Version()) {
			t.Errorf("%v: exit %d, stdout %q, stderr %q", args, code, out, errOut)
		}
	}
}
