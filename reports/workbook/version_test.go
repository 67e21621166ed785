package workbook

import (
	"bytes"
	"strings"
	"testing"

	"github.com/custseg/custseg/reports/html"
	"github.com/custseg/custseg/reports/reportstest"
)

// TestVersionShownWithRunID: the workbook's Summary and About sheets and
// the HTML report's footer show the custseg version beside the run id; a
// report made outside a run (no version) shows no version row.
func TestVersionShownWithRunID(t *testing.T) {
	const v = "v1.4.0 (commit 1a2b3c4d5e6f, go1.26.8)"
	for _, tt := range []struct {
		version string
		rows    int
	}{{v, 1}, {"", 0}} {
		in := reportstest.WorkbookInput(reportstest.WorkbookDataset(), "en")
		in.RunID, in.Version = "20261205T090000Z-abcdef", tt.version
		f, _ := open(t, in)
		for _, sheet := range []string{"Summary", "About"} {
			rows, err := f.GetRows(sheet)
			if err != nil {
				t.Fatal(err)
			}
			n := 0
			for _, r := range rows {
				if strings.Contains(strings.Join(r, "|"), "custseg version") {
					n++
					if !strings.Contains(strings.Join(r, "|"), v) {
						t.Errorf("%s: version row %q lacks %q", sheet, r, v)
					}
				}
			}
			if n != tt.rows {
				t.Errorf("%s with version %q: %d version rows, want %d", sheet, tt.version, n, tt.rows)
			}
		}
	}
	in := reportstest.Input(t, reportstest.WorkbookDataset(), "en")
	in.RunID, in.Version = "20261205T090000Z-abcdef", v
	var buf bytes.Buffer
	if err := html.Write(&buf, in); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "Made by custseg "+v) {
		t.Errorf("the HTML footer lacks the version %q", v)
	}
}
