package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestMalformedDSNNeverLeaks: a malformed CUSTSEG_DSN or writeback.dsn
// whose password holds '/', '%', '@' or ':' fails the run with an error
// that names the variable or key and the problem, and no piece of the
// user, password or host reaches stderr, stdout, the history (runs.jsonl
// and `custseg history`) or the alert email.
func TestMalformedDSNNeverLeaks(t *testing.T) {
	const user, host = "relro_leakuser", "leakhost.internal"
	secrets := []string{"LEAK", "leakuser", "leakhost"}
	for _, tc := range []struct {
		name, pw, dsn string
	}{
		{"slash, no slash after the address", "Sec/r3tLEAK", "{user}:{pw}@tcp({host}:3306)"},
		{"percent and slash", "Se/c%zzLEAK", "{user}:{pw}@tcp({host}:3306)"},
		{"at and slash", "Se@c/rLEAK", "{user}:{pw}@tcp({host}:3306)"},
		{"colon and slash, address not closed", "Se:c/rLEAK", "{user}:{pw}@tcp({host}:3306/shop"},
		{"at, no address", "Se@crLEAK:x", "{user}:{pw}@{host}:3306/shop"},
		{"percent, bad parameter", "Se%crLEAK", "{user}:{pw}@tcp({host}:3306)/shop?loc=Asia/Shanghai"},
	} {
		dsn := strings.NewReplacer("{user}", user, "{pw}", tc.pw, "{host}", host).Replace(tc.dsn)
		t.Run("CUSTSEG_DSN "+tc.name, func(t *testing.T) {
			s := newBadInputShop(t)
			path := s.writeConfig(t, s.configYAML(""))
			code, stdout, stderr := run(t, map[string]string{"CUSTSEG_DSN": dsn}, "run", "--config", path, "--as-of", "2026-09-30")
			line := errorLine(t, stderr)
			if code == exitOK || !strings.HasPrefix(line, "Error: connect: CUSTSEG_DSN: not a DSN of the form user:password@tcp(host:port)/database: ") {
				t.Errorf("exit %d, %q", code, line)
			}
			_, hist, herr := run(t, nil, "history", "--config", path)
			runs, _ := os.ReadFile(filepath.Join(s.dir, "out", "runs.jsonl"))
			if !strings.Contains(string(runs), "CUSTSEG_DSN: not a DSN") {
				t.Errorf("runs.jsonl does not record the failure:\n%s", runs)
			}
			haystack := map[string]string{"stdout": stdout, "stderr": stderr, "runs.jsonl": string(runs), "history": hist + herr}
			msgs := s.srv.Messages()
			if len(msgs) != 1 {
				t.Errorf("sent %d messages, want the alert", len(msgs))
			}
			for _, m := range msgs {
				haystack["alert"] += string(m.Data)
			}
			assertNoSecret(t, haystack, append(secrets, tc.pw))
		})
		t.Run("writeback.dsn "+tc.name, func(t *testing.T) {
			s := newBadInputShop(t)
			path := s.writeConfig(t, s.configYAML("writeback:\n  enabled: true\n  dsn: ${CUSTSEG_TEST_WB_DSN}\n  schema: crm\n"))
			env := map[string]string{"CUSTSEG_DSN": s.dsn, "CUSTSEG_TEST_WB_DSN": dsn}
			t.Setenv("CUSTSEG_TEST_WB_DSN", dsn) // the config's ${} expansion reads the process environment
			code, stdout, stderr := run(t, env, "run", "--config", path, "--as-of", "2026-09-30")
			line := errorLine(t, stderr)
			if code == exitOK || !strings.Contains(line, "writeback.dsn: not a DSN of the form user:password@tcp(host:port)/database: ") {
				t.Errorf("exit %d, %q", code, line)
			}
			_, hist, herr := run(t, env, "history", "--config", path)
			runs, _ := os.ReadFile(filepath.Join(s.dir, "out", "runs.jsonl"))
			haystack := map[string]string{"stdout": stdout, "stderr": stderr, "runs.jsonl": string(runs), "history": hist + herr}
			for _, m := range s.srv.Messages() {
				haystack["email"] += string(m.Data)
			}
			assertNoSecret(t, haystack, append(secrets, tc.pw))
		})
	}
}

// assertNoSecret fails when any output holds any of the secrets.
func assertNoSecret(t *testing.T, outputs map[string]string, secrets []string) {
	t.Helper()
	for name, out := range outputs {
		for _, sec := range secrets {
			if strings.Contains(out, sec) {
				t.Errorf("%s holds %q:\n%s", name, sec, out)
			}
		}
	}
}
