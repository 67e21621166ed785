package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/custseg/custseg/jobs"
)

// historyFixture is a hand-written run history: an ok scheduled run with
// deliveries, a failed run with a long error, and a dry run of another job.
const historyFixture = `{"run_id":"20261116T070000Z-a1b2c3","job":"weekly","as_of":"2026-11-15","scheduled_at":"2026-11-16T07:00:00+08:00","started_at":"2026-11-15T23:00:00Z","finished_at":"2026-11-15T23:02:05Z","status":"ok","outputs":["customer-segments-2026-11-15.xlsx","customer-report-2026-11-15.html","snapshot.csv.gz"],"folder":"out/weekly/2026-11-15","delivery":[{"audience":"shared_folder","status":"sent","at":"2026-11-15T23:02:01Z","detail":"/srv/share/weekly/2026-11-15"},{"audience":"management","recipients":["ceo@example.com","cfo@example.com"],"status":"sent","at":"2026-11-15T23:02:03Z"},{"audience":"marketing","recipients":["mkt@example.com"],"status":"failed","error":"550 mailbox unavailable","at":"2026-11-15T23:02:05Z"}]}
{"run_id":"20261123T070000Z-d4e5f6","job":"weekly","as_of":"2026-11-22","scheduled_at":"2026-11-23T07:00:00+08:00","started_at":"2026-11-22T23:00:00Z","finished_at":"2026-11-22T23:00:10.5Z","status":"failed","step":"connect","error":"database 10.0.0.5:3306: dial tcp 10.0.0.5:3306: connect: connection refused; the replica did not answer within the connect timeout"}
not json: a damaged line is skipped
{"run_id":"20261123T080000Z-0a0b0c","job":"daily","as_of":"2026-11-22","started_at":"2026-11-23T08:00:00Z","finished_at":"2026-11-23T08:00:00.25Z","status":"ok","dry_run":true,"outputs":["a","b"]}
`

func historyConfig(t *testing.T, runs string) string {
	t.Helper()
	dir := t.TempDir()
	cfgPath := filepath.Join(dir, "custseg.yaml")
	if err := os.WriteFile(cfgPath, []byte("outputs:\n  dir: out\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if runs != "" {
		if err := os.MkdirAll(filepath.Join(dir, "out"), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "out", "runs.jsonl"), []byte(runs), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return cfgPath
}

func TestHistoryCommand(t *testing.T) {
	cfgPath := historyConfig(t, historyFixture)

	code, out, errOut := run(t, nil, "history", "--config", cfgPath)
	if code != 0 {
		t.Fatalf("history: code %d\n%s%s", code, out, errOut)
	}
	lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
	if len(lines) != 4 {
		t.Fatalf("want a header and 3 runs, got:\n%s", out)
	}
	header := lines[0]
	for _, col := range []string{"RUN ID", "JOB", "AS OF", "STATUS", "DURATION", "OUTPUTS", "DELIVERY", "ERROR"} {
		if !strings.Contains(header, col) {
			t.Errorf("header lacks %s: %q", col, header)
		}
	}
	// Aligned: every column starts at the same offset on every line.
	for _, col := range []string{"JOB", "STATUS", "DELIVERY"} {
		at := strings.Index(header, col)
		for _, l := range lines[1:] {
			if len(l) <= at || l[at-2:at] != "  " || l[at] == ' ' {
				t.Errorf("column %s not aligned at %d in %q", col, at, l)
			}
		}
	}
	// Newest first.
	for i, want := range []string{
		"20261123T080000Z-0a0b0c  daily   2026-11-22  ok (dry run)      250ms     2        -",
		"20261123T070000Z-d4e5f6  weekly  2026-11-22  failed (connect)  10.5s     0        -        ",
		"20261116T070000Z-a1b2c3  weekly  2026-11-15  ok                2m5s      3        shared folder: sent, management: sent (2), marketing: failed",
	} {
		if !strings.HasPrefix(lines[i+1], want) {
			t.Errorf("line %d:\n got %q\nwant prefix %q", i+1, lines[i+1], want)
		}
	}
	for i, l := range lines {
		if strings.TrimRight(l, " ") != l {
			t.Errorf("line %d ends in spaces: %q", i, l)
		}
	}
	if !strings.Contains(lines[2], "connection refused") || !strings.HasSuffix(lines[2], "…") || strings.Contains(lines[2], "connect timeout") {
		t.Errorf("error not truncated: %q", lines[2])
	}

	code, out, _ = run(t, nil, "history", "--config", cfgPath, "--job", "weekly", "--limit", "1")
	if code != 0 || strings.Count(out, "\n") != 2 || !strings.Contains(out, "20261123T070000Z-d4e5f6") {
		t.Errorf("--job weekly --limit 1: code %d\n%s", code, out)
	}
	code, out, _ = run(t, nil, "history", "--config", cfgPath, "--job", "monthly")
	if code != 0 || out != "no runs yet of job \"monthly\"\n" {
		t.Errorf("--job monthly: code %d %q", code, out)
	}
}

func TestHistoryCommandEmpty(t *testing.T) {
	code, out, errOut := run(t, nil, "history", "--config", historyConfig(t, ""))
	if code != 0 || out != "no runs yet\n" {
		t.Errorf("code %d, out %q, err %q", code, out, errOut)
	}
}

func TestHistoryCommandUsage(t *testing.T) {
	for _, args := range [][]string{
		{"history"},
		{"history", "--config", "x.yaml", "--limit", "-1"},
		{"history", "--bogus"},
	} {
		if code, _, errOut := run(t, nil, args...); code != exitUsage {
			t.Errorf("%v: code %d, want %d\n%s", args, code, exitUsage, errOut)
		}
	}
	code, out, _ := run(t, nil, "history", "-h")
	if code != exitOK || !strings.Contains(out, "-limit") || !strings.Contains(out, "-out DIR") {
		t.Errorf("-h: code %d\n%s", code, out)
	}
}

// `history --out DIR` reads the history `run --out DIR` wrote, and names
// the lines it cannot read: the fixture's damaged line 3, and a last line
// torn by a crash, after which the next run's record is intact.
func TestHistoryCommandOutAndDamaged(t *testing.T) {
	cfgPath := historyConfig(t, "")
	out := t.TempDir()
	torn := historyFixture + `{"run_id":"20261130T070000Z-ffffff","job":"weekly","as_of":"2026-11-`
	if err := os.WriteFile(filepath.Join(out, "runs.jsonl"), []byte(torn), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := jobs.AppendRun(out, jobs.RunRecord{RunID: "20261207T070000Z-123456", Job: "weekly", AsOf: "2026-12-06", Status: "ok"}); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := run(t, nil, "history", "--config", cfgPath, "--out", out)
	if code != 0 {
		t.Fatalf("code %d\n%s%s", code, stdout, stderr)
	}
	if !strings.Contains(stdout, "20261207T070000Z-123456") || !strings.Contains(stdout, "20261116T070000Z-a1b2c3") {
		t.Errorf("history --out does not show the runs of %s:\n%s", out, stdout)
	}
	want := filepath.Join(out, "runs.jsonl") + ": lines 3, 5 cannot be read"
	if !strings.Contains(stderr, want) {
		t.Errorf("stderr %q lacks %q", stderr, want)
	}
	// Without --out: outputs.dir, which has no runs.
	if code, stdout, _ := run(t, nil, "history", "--config", cfgPath); code != 0 || stdout != "no runs yet\n" {
		t.Errorf("without --out: code %d %q", code, stdout)
	}
}
