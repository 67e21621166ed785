package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/custseg/custseg/jobs"
)

// HistoryCommand is `custseg history`.
type HistoryCommand struct{ m *Main }

const historyUsage = `Usage: custseg history --config FILE [flags]

Prints the run history kept in the output folder (outputs.dir/runs.jsonl,
or --out's), newest first: each run's id, job, as-of date, status, how long
it took, how many files it wrote, what was delivered to whom, and the error
of a failed run. Lines of the history that cannot be read (a write torn by
a crash, a damaged file) are named in a warning on stderr.

Flags:
`

// maxErrorWidth is how much of a run's error the table shows.
const maxErrorWidth = 80

// Run parses args and prints the history table.
func (c *HistoryCommand) Run(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("history", flag.ContinueOnError)
	cfgPath := fs.String("config", "", "config file (YAML)")
	job := fs.String("job", "", "show only this job's runs (default: all jobs)")
	limit := fs.Int("limit", 20, "show at most N runs, the newest (0: all)")
	outDir := fs.String("out", "", "the output `DIR` whose history to show, as given to run --out (default: outputs.dir)")
	if err := parseFlags(fs, args); err != nil {
		if err == errHelp {
			printUsage(c.m.Stdout, fs, historyUsage)
		}
		return err
	}
	if *limit < 0 {
		return usageError{fmt.Errorf("--limit %d: want 0 (all) or more", *limit)}
	}
	cfg, err := loadConfig(*cfgPath)
	if err != nil {
		return err
	}
	dir := cfg.Resolve(cfg.Outputs.Dir)
	if *outDir != "" {
		dir = *outDir
	}
	h, err := jobs.ReadRunHistory(dir, *job)
	if err != nil {
		return err
	}
	if n := len(h.Damaged); n > 0 {
		what := "line"
		if n > 1 {
			what = "lines"
		}
		fmt.Fprintf(c.m.Stderr, "warning: %s: %s %s cannot be read (torn by a crash or damaged) and %s not shown\n",
			h.Path, what, joinInts(h.Damaged), map[bool]string{true: "are", false: "is"}[n > 1])
	}
	runs := h.Runs
	if len(runs) == 0 {
		if *job != "" {
			fmt.Fprintf(c.m.Stdout, "no runs yet of job %q\n", *job)
		} else {
			fmt.Fprintln(c.m.Stdout, "no runs yet")
		}
		return nil
	}
	// Newest first.
	for i, j := 0, len(runs)-1; i < j; i, j = i+1, j-1 {
		runs[i], runs[j] = runs[j], runs[i]
	}
	if *limit > 0 && len(runs) > *limit {
		runs = runs[:*limit]
	}
	var buf bytes.Buffer
	tw := tabwriter.NewWriter(&buf, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "RUN ID\tJOB\tAS OF\tSTATUS\tDURATION\tOUTPUTS\tDELIVERY\tERROR")
	for _, r := range runs {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%d\t%s\t%s\n", dash(r.RunID), r.Job, dash(r.AsOf), runStatus(r),
			runDuration(r), len(r.Outputs), deliverySummary(r.Delivery), truncate(oneLine(r.Error), maxErrorWidth))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	// The last column is ragged: no padding after it.
	for _, l := range strings.SplitAfter(buf.String(), "\n") {
		if l != "" {
			fmt.Fprintln(c.m.Stdout, strings.TrimRight(l, " \n"))
		}
	}
	return nil
}

func runStatus(r jobs.RunRecord) string {
	s := dash(string(r.Status))
	if r.Step != "" && r.Status != "ok" {
		s += " (" + string(r.Step) + ")"
	}
	if r.DryRun {
		s += " (dry run)"
	}
	return s
}

func runDuration(r jobs.RunRecord) string {
	if r.StartedAt.IsZero() || r.FinishedAt.IsZero() || r.FinishedAt.Before(r.StartedAt) {
		return "-"
	}
	d := r.FinishedAt.Sub(r.StartedAt)
	switch {
	case d < time.Second:
		return d.Round(time.Millisecond).String()
	case d < time.Minute:
		return d.Round(100 * time.Millisecond).String()
	}
	return d.Round(time.Second).String()
}

// deliverySummary reads like "management: sent (2), marketing: failed".
func deliverySummary(ds []jobs.Delivery) string {
	if len(ds) == 0 {
		return "-"
	}
	parts := make([]string, len(ds))
	for i, d := range ds {
		name := d.Audience
		if name == "shared_folder" {
			name = "shared folder"
		}
		p := name + ": " + dash(string(d.Status))
		if n := len(d.Recipients); n > 0 && d.Status == "sent" {
			p += fmt.Sprintf(" (%d)", n)
		}
		parts[i] = p
	}
	return strings.Join(parts, ", ")
}

// joinInts reads like "3, 7, 12".
func joinInts(ns []int) string {
	parts := make([]string, len(ns))
	for i, n := range ns {
		parts[i] = strconv.Itoa(n)
	}
	return strings.Join(parts, ", ")
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
