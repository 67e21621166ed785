package main

import (
	"context"
	"flag"
	"fmt"

	"github.com/custseg/custseg/internal/version"
)

// VersionCommand is `custseg version` (and `custseg --version`).
type VersionCommand struct{ m *Main }

const versionUsage = `Usage: custseg version

Prints the version of custseg, the commit it was built from and the Go
version that built it. Each run records the same line in its manifest
(the "version" field) and in the reports' footers. It takes no flags.
`

// Run prints the build's version line.
func (c *VersionCommand) Run(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("version", flag.ContinueOnError)
	if err := parseFlags(fs, args); err != nil {
		if err == errHelp {
			printUsage(c.m.Stdout, fs, versionUsage)
		}
		return err
	}
	fmt.Fprintf(c.m.Stdout, "custseg %s\n", version.Get())
	return nil
}
