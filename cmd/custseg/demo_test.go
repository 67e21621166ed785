package main

import (
	"os/exec"
	"strings"
	"testing"
)

// TestDemoNotBuilt: a binary built without -tags demo has no embedded
// engine; `custseg demo` says how to get it and exits 2, and -h still works.
func TestDemoNotBuilt(t *testing.T) {
	saved := demoEngine
	demoEngine = nil
	t.Cleanup(func() { demoEngine = saved })

	code, out, errOut := run(t, nil, "demo", "--out", t.TempDir())
	if code != exitUsage || out != "" ||
		errOut != "Error: "+errDemoNotBuilt.Error()+"\n" || !strings.Contains(errOut, "go run -tags demo ./cmd/custseg demo") {
		t.Errorf("demo without the engine: exit %d, stdout %q, stderr %q; want 2 and how to get it", code, out, errOut)
	}
	code, out, _ = run(t, nil, "demo", "-h")
	if code != exitOK || !strings.Contains(out, "-tags demo") {
		t.Errorf("demo -h without the engine: exit %d, stdout %q", code, out)
	}
}

// TestProductionBuildLeavesOutTheDemoEngine: without -tags demo, custseg
// links none of the embedded engine's modules.
func TestProductionBuildLeavesOutTheDemoEngine(t *testing.T) {
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skipf("no go command to list the build's packages: %v", err)
	}
	out, err := exec.Command(goTool, "list", "-deps", "-f", "{{with .Module}}{{.Path}}{{end}}", ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go list -deps: %v\n%s", err, out)
	}
	for _, mod := range strings.Fields(string(out)) {
		for _, banned := range []string{"github.com/dolthub/", "github.com/tetratelabs/wazero", "google.golang.org/grpc", "github.com/sirupsen/logrus"} {
			if strings.HasPrefix(mod, banned) {
				t.Errorf("the production build links %s", mod)
			}
		}
	}
}
