package jobs

import (
	"cmp"
	"compress/gzip"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/custseg/custseg/analysis"
	"github.com/custseg/custseg/reports"
)

// SnapshotFile is the per-customer snapshot a run leaves for the next one.
const SnapshotFile = "snapshot.csv.gz"

var snapshotHeader = []string{"customer_id", "segment", "tier", "status", "pyramid"}

// writeSnapshot writes the snapshot of the run that analysed ds into res
// (analysis.TakeSnapshot's rows) as gzip-compressed CSV sorted by customer
// id, a customer id listed twice keeping its last row. It streams the rows
// in the order of an index sorted by id instead of building the snapshot's
// map: at a million customers that map is about 100 MB.
func writeSnapshot(w io.Writer, ds *analysis.Dataset, res *analysis.Result) error {
	zw := gzip.NewWriter(w)
	cw := csv.NewWriter(zw)
	if err := cw.Write(snapshotHeader); err != nil {
		return err
	}
	order := make([]int32, len(ds.Customers))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(a, b int32) int {
		if c := strings.Compare(ds.Customers[a].ID, ds.Customers[b].ID); c != 0 {
			return c
		}
		return cmp.Compare(a, b)
	})
	for k, i := range order {
		id := ds.Customers[i].ID
		if k+1 < len(order) && ds.Customers[order[k+1]].ID == id {
			continue // the last row of a repeated id wins
		}
		r := analysis.SnapshotRowOf(res, int(i))
		if err := cw.Write([]string{id, r.Segment, r.Tier.String(), r.Status.String(), r.Pyramid.String()}); err != nil {
			return err
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	return zw.Close()
}

// readSnapshot reads a snapshot written by writeSnapshot.
func readSnapshot(path string) (map[string]analysis.SnapshotRow, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	cr := csv.NewReader(zr)
	cr.ReuseRecord = true
	head, err := cr.Read()
	if err != nil || len(head) != len(snapshotHeader) || head[0] != snapshotHeader[0] {
		return nil, fmt.Errorf("%s: not a custseg snapshot", path)
	}
	rows := map[string]analysis.SnapshotRow{}
	segments := map[string]string{} // one copy of each segment key
	for line := 2; ; line++ {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		seg, ok := segments[rec[1]]
		if !ok {
			seg = rec[1]
			if len(segments) < 1000 {
				segments[seg] = seg
			}
		}
		row := analysis.SnapshotRow{Segment: seg}
		var errs [3]error
		row.Tier, errs[0] = analysis.ParseTier(rec[2])
		row.Status, errs[1] = analysis.ParseStatus(rec[3])
		row.Pyramid, errs[2] = analysis.ParsePyramidTier(rec[4])
		if err := errors.Join(errs[:]...); err != nil {
			return nil, fmt.Errorf("%s: line %d: %w", path, line, err)
		}
		rows[rec[0]] = row
	}
	return rows, nil
}

// pastRun is one earlier successful run of a job found on disk.
type pastRun struct {
	asOf     string
	dir      string
	manifest Manifest
}

// pastRuns lists the successful runs in jobDir whose as-of date is before
// asOf, oldest first. Folders that are not run folders are ignored.
func pastRuns(jobDir, asOf string) []pastRun {
	ents, err := os.ReadDir(jobDir)
	if err != nil {
		return nil
	}
	var runs []pastRun
	for _, e := range ents {
		name := e.Name()
		if !e.IsDir() || name >= asOf {
			continue
		}
		if _, err := time.Parse("2006-01-02", name); err != nil {
			continue
		}
		b, err := os.ReadFile(filepath.Join(jobDir, name, ManifestFile))
		if err != nil {
			continue
		}
		var m Manifest
		if json.Unmarshal(b, &m) != nil || m.Status != RunOK {
			continue
		}
		runs = append(runs, pastRun{asOf: name, dir: filepath.Join(jobDir, name), manifest: m})
	}
	sort.Slice(runs, func(i, j int) bool { return runs[i].asOf < runs[j].asOf })
	return runs
}

// previous loads the latest earlier run's snapshot and the KPI history of
// up to keep earlier runs. A missing or unreadable snapshot makes the run a
// first run, with a warning rather than a failure.
func previous(jobDir, asOf string, keep int) (*analysis.Snapshot, []reports.HistoryPoint, []analysis.Warning) {
	runs := pastRuns(jobDir, asOf)
	var hist []reports.HistoryPoint
	start := max(len(runs)-keep, 0)
	for _, r := range runs[start:] {
		hist = append(hist, reports.HistoryPoint{AsOf: r.asOf, KPIs: r.manifest.KPIs})
	}
	if len(runs) == 0 {
		return nil, hist, nil
	}
	last := runs[len(runs)-1]
	rows, err := readSnapshot(filepath.Join(last.dir, SnapshotFile))
	if err != nil {
		return nil, hist, []analysis.Warning{{Code: analysis.WarnSnapshotUnreadable, Args: []string{last.asOf, err.Error()},
			Text: fmt.Sprintf("the previous run's snapshot (%s) could not be read, so there is no migration this time: %v", last.asOf, err)}}
	}
	return &analysis.Snapshot{AsOf: last.asOf, Customers: rows, KPIs: last.manifest.KPIs}, hist, nil
}
