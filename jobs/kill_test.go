package jobs

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/custseg/custseg/config"
	"github.com/custseg/custseg/internal/smtptest"
	"github.com/custseg/custseg/queries"
)

// envKillChild makes the test binary a child that runs Execute with the
// config and options in the JSON file it names (TestHelperExecute).
const envKillChild = "CUSTSEG_TEST_EXECUTE_CHILD"

type childRun struct {
	Config config.Config
	OutDir string
	DSN    string
}

// TestHelperExecute is not a test: it is the child process of
// TestKillDuringDeliveryNeverSendsTwice.
func TestHelperExecute(t *testing.T) {
	path := os.Getenv(envKillChild)
	if path == "" {
		t.Skip("the child process of TestKillDuringDeliveryNeverSendsTwice")
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var c childRun
	if err := json.Unmarshal(b, &c); err != nil {
		t.Fatal(err)
	}
	src := queries.Builtin()
	_, _ = Execute(context.Background(), &c.Config, Options{AsOf: asOf, OutDir: c.OutDir, Queries: &src, DSN: c.DSN,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
}

// kill -9 of a real process at random points of its delivery, then a
// re-run of the same job and as-of date: every audience gets its report,
// no audience gets a second copy except the one whose message was being
// sent at the kill instant, and that copy has the same Message-ID.
func TestKillDuringDeliveryNeverSendsTwice(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a dozen processes")
	}
	tdb := loadFixture(t)
	seed := uint64(time.Now().UnixNano())
	t.Logf("seed %d", seed)
	r := rand.New(rand.NewPCG(seed, 1))
	const rounds = 12
	for round := range rounds {
		srv := smtptest.Start(t)
		cfg := deliveryConfig(t, srv)
		cfg.Email.Alerts = nil
		out := t.TempDir()
		b, err := json.Marshal(childRun{Config: *cfg, OutDir: out, DSN: tdb.DSN})
		if err != nil {
			t.Fatal(err)
		}
		job := filepath.Join(t.TempDir(), "child.json")
		if err := os.WriteFile(job, b, 0o600); err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command(os.Args[0], "-test.run=^TestHelperExecute$", "-test.count=1")
		cmd.Env = append(os.Environ(), envKillChild+"="+job)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		var once sync.Once
		kill := func() { once.Do(func() { _ = cmd.Process.Kill() }) }
		// Half the rounds kill at the worst instant: a message stored, its
		// 250 not yet sent; the others at a random time of the run.
		var how string
		if round%2 == 0 {
			at := 1 + r.IntN(2)
			how = "after storing message " + string(rune('0'+at))
			srv.SetStored(func(n int) {
				if n == at {
					kill()
				}
			})
		} else {
			d := time.Duration(300+r.IntN(2200)) * time.Millisecond
			how = "after " + d.String()
			timer := time.AfterFunc(d, kill)
			defer timer.Stop()
		}
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case <-done:
		case <-time.After(2 * time.Minute):
			kill()
			<-done
			t.Fatalf("round %d: the child did not end", round)
		}
		srv.SetStored(nil)
		first := len(srv.Messages())

		// The re-run, in this process.
		src := queries.Builtin()
		if _, err := Execute(context.Background(), cfg, Options{AsOf: asOf, OutDir: out, Queries: &src, DSN: tdb.DSN}); err != nil {
			t.Fatalf("round %d (kill %s): re-run: %v", round, how, err)
		}
		n, ids := sentTo(srv.Messages())
		twice := 0
		for _, to := range []string{"boss@shop.example", "marketing@shop.example"} {
			switch n[to] {
			case 1:
			case 2:
				twice++
				if ids[to][0] != ids[to][1] || ids[to][0] == "" {
					t.Errorf("round %d (kill %s): %s got two copies with Message-IDs %q", round, how, to, ids[to])
				}
			default:
				t.Errorf("round %d (kill %s): %s got %d copies", round, how, to, n[to])
			}
		}
		if twice > 1 {
			t.Errorf("round %d (kill %s): %d audiences got a second copy; at most the one being sent may", round, how, twice)
		}
		t.Logf("round %d: killed %s; %d messages before the re-run, %v after", round, how, first, n)
	}
}
