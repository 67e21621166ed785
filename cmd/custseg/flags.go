package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"time"

	"golang.org/x/term"

	"github.com/custseg/custseg/config"
)

// parseFlags parses args into fs, mapping -h and mistakes to errHelp and
// usageError.
func parseFlags(fs *flag.FlagSet, args []string) error {
	fs.SetOutput(io.Discard)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fs.SetOutput(fs.Output())
			return errHelp
		}
		return usageError{err}
	}
	if fs.NArg() > 0 {
		return usageError{fmt.Errorf("unexpected argument %q", fs.Arg(0))}
	}
	return nil
}

// printUsage writes a command's usage text, its flags and the exit
// statuses to w: the one help style of every command.
func printUsage(w io.Writer, fs *flag.FlagSet, text string) {
	fmt.Fprint(w, text)
	fs.SetOutput(w)
	fs.PrintDefaults()
	fs.SetOutput(io.Discard)
	fmt.Fprint(w, exitStatus)
}

// parseAsOf reads a --as-of flag value.
func parseAsOf(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return time.Time{}, usageError{fmt.Errorf("--as-of %q: want a date like 2026-09-30", s)}
	}
	return t, nil
}

// loadConfig loads the config file named by --config.
func loadConfig(path string) (*config.Config, error) {
	if path == "" {
		return nil, usageError{errors.New("--config is required (see config.example.yaml)")}
	}
	return config.Load(path)
}

// newLogger logs to w: short lines for a person at a terminal, structured
// key=value lines under cron or in a container.
func newLogger(w io.Writer) *slog.Logger {
	if isTerminal(w) {
		return terminalLogger(w)
	}
	return slog.New(slog.NewTextHandler(w, nil))
}

// isTerminal says whether w is a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// terminalLogger logs short lines for a person at a terminal to w: no time
// and no run id.
func terminalLogger(w io.Writer) *slog.Logger {
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{
		ReplaceAttr: func(groups []string, a slog.Attr) slog.Attr {
			if len(groups) == 0 && (a.Key == slog.TimeKey || a.Key == "run_id") {
				return slog.Attr{}
			}
			return a
		},
	}))
}
