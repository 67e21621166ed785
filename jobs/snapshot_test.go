package jobs

import (
	"maps"
	"path/filepath"
	"slices"
	"testing"

	"github.com/custseg/custseg/analysis"
	"github.com/custseg/custseg/queries"
)

// TestSnapshotFileIsTheSnapshot checks that the snapshot a run writes row
// by row reads back as analysis.TakeSnapshot of the run, sorted by id.
func TestSnapshotFileIsTheSnapshot(t *testing.T) {
	tdb := loadFixture(t)
	m, in := runShop(t, tdb, nil, queries.Builtin())
	got, err := readSnapshot(filepath.Join(m.Dir, SnapshotFile))
	if err != nil {
		t.Fatal(err)
	}
	want := analysis.TakeSnapshot(in.Dataset, in.Result).Customers
	if len(want) < 5 {
		t.Fatalf("the fixture has only %d customers", len(want))
	}
	if !maps.Equal(got, want) {
		t.Errorf("snapshot file:\n got %v\nwant %v", got, want)
	}
	segments := 0
	for _, r := range want {
		if r.Segment != "" {
			segments++
		}
	}
	if segments == 0 {
		t.Error("no customer of the fixture has a segment: the comparison proves little")
	}
	ids := slices.Collect(maps.Keys(got))
	if len(ids) != len(in.Dataset.Customers) {
		t.Errorf("%d rows for %d customers", len(ids), len(in.Dataset.Customers))
	}
}
