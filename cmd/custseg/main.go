// Command custseg segments a shop's customers from its MySQL database and
// delivers an Excel workbook and an HTML chart report.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"os"
	"os/signal"
	"strings"
	"syscall"
	_ "time/tzdata" // time zones on machines without a zoneinfo database

	"github.com/go-sql-driver/mysql"
	"github.com/jonboulle/clockwork"

	"github.com/custseg/custseg/config"
	"github.com/custseg/custseg/jobs"
)

// Exit codes.
const (
	exitOK          = 0
	exitFailed      = 1 // the run failed (data, render, output folder)
	exitUsage       = 2 // bad flags or configuration
	exitDatabase    = 3 // the database could not be reached or a query failed
	exitInterrupted = 130
)

const usage = `custseg segments your customers from your MySQL database and writes an
Excel workbook and an HTML chart report.

Usage:
  custseg <command> [flags]

Commands:
  demo     run the whole job on a generated shop in an embedded database
  run      run a job once now
  check    check the config, database, queries and output folder
  schedule run the jobs on their cron schedules (the daemon)
  history  show the run history
  version  print the version, commit and Go version
  help     show this text, or a command's: custseg help <command>

Run 'custseg help <command>' (or 'custseg <command> -h') for a command's
flags; 'custseg --version' prints the version.
` + exitStatus

// exitStatus ends every usage text.
const exitStatus = `
Exit status: 0 ok, 1 run failed, 2 bad flags or config,
3 database or query error, 130 interrupted.
`

func main() {
	// The MySQL driver logs lost connections itself; custseg reports them
	// in its own one-line error, so its log would only repeat them.
	mysql.SetLogger(log.New(io.Discard, "", 0))
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := NewMain(os.Stdout, os.Stderr).Run(ctx, os.Args[1:])
	stop()
	os.Exit(code)
}

// Main is the program, with its outputs, so tests can run it in-process.
type Main struct {
	Stdout io.Writer
	Stderr io.Writer
	Getenv func(string) string
	// clock drives `custseg schedule` (schedule.Options.Clock); nil is the
	// real clock. Only tests set it, to a fake one.
	clock clockwork.Clock
}

// NewMain returns a Main writing to stdout and stderr.
func NewMain(stdout, stderr io.Writer) *Main {
	return &Main{Stdout: stdout, Stderr: stderr, Getenv: os.Getenv}
}

// Run dispatches args to a command and returns the exit code.
func (m *Main) Run(ctx context.Context, args []string) int {
	if len(args) == 0 {
		fmt.Fprint(m.Stderr, usage)
		return exitUsage
	}
	var err error
	switch args[0] {
	case "run":
		err = (&RunCommand{m: m}).Run(ctx, args[1:])
	case "check":
		err = (&CheckCommand{m: m}).Run(ctx, args[1:])
	case "demo":
		err = (&DemoCommand{m: m}).Run(ctx, args[1:])
	case "schedule":
		err = (&ScheduleCommand{m: m}).Run(ctx, args[1:])
	case "history":
		err = (&HistoryCommand{m: m}).Run(ctx, args[1:])
	case "version", "--version", "-version":
		err = (&VersionCommand{m: m}).Run(ctx, args[1:])
	case "help", "-h", "--help", "-help":
		if len(args) == 1 || args[0] != "help" {
			fmt.Fprint(m.Stdout, usage)
			return exitOK
		}
		if len(args) > 2 || !commands[args[1]] {
			err = usageError{fmt.Errorf("help: unknown command %q (commands: demo, run, check, schedule, history, version)", strings.Join(args[1:], " "))}
			break
		}
		return m.Run(ctx, []string{args[1], "-h"})
	default:
		err = usageError{fmt.Errorf("unknown command %q", args[0])}
	}
	return m.exit(ctx, err)
}

// commands are the names Run dispatches, for `custseg help <command>`.
var commands = map[string]bool{"demo": true, "run": true, "check": true, "schedule": true, "history": true, "version": true}

// exit prints err as one line and maps it to an exit code.
func (m *Main) exit(ctx context.Context, err error) int {
	if err == nil {
		return exitOK
	}
	var ue usageError
	var ce *config.Error
	var se *jobs.StepError
	switch {
	case errors.Is(err, errHelp):
		return exitOK // the command printed its usage to stdout, as asked
	case errors.Is(err, errDemoNotBuilt):
		fmt.Fprintf(m.Stderr, "Error: %v\n", err)
		return exitUsage
	case errors.As(err, &ue):
		fmt.Fprintf(m.Stderr, "Error: %v\nTry: custseg -h\n", err)
		return exitUsage
	case errors.As(err, &ce):
		fmt.Fprintf(m.Stderr, "Error: %v\n", err)
		return exitUsage
	}
	fmt.Fprintf(m.Stderr, "Error: %v\n", err)
	switch {
	case ctx.Err() != nil:
		return exitInterrupted
	case errors.As(err, &se) && se.Step == "config":
		return exitUsage
	case errors.As(err, &se) && (se.Step == jobs.StepConnect || se.Step == jobs.StepExtract):
		return exitDatabase
	}
	return exitFailed
}

// usageError is a mistake in the command line.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

// errHelp is returned after -h printed the usage.
var errHelp = errors.New("help requested")
