package jobs

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/custseg/custseg/config"
)

// LatestDir is the folder in the shared folder that always holds the newest
// successful run of a job.
const LatestDir = "latest"

// publishShared copies the run folder src into <shared>/<job>/<asOf>/ and
// replaces <shared>/<job>/latest/ with another copy, then applies the
// retention. Every copy is written into a temporary folder inside the
// target folder and renamed into place, so readers of the share (which may
// be a network mount: no rename across devices) never see half a run.
func publishShared(src, shared, job, asOf, runID string, retention int, modes Modes) (string, error) {
	jobDir := filepath.Join(shared, job)
	for _, name := range []string{asOf, LatestDir} {
		st, err := newStaging(jobDir, name, runID, modes)
		if err != nil {
			return "", fmt.Errorf("shared folder: %w", err)
		}
		if err := copyFolder(src, st.dir, modes.File); err != nil {
			st.abort()
			return "", fmt.Errorf("shared folder: %w", err)
		}
		if err := st.commit(); err != nil {
			st.abort()
			return "", fmt.Errorf("shared folder: %w", err)
		}
	}
	if retention > 0 {
		prune(jobDir, asOf, retention)
	}
	return filepath.Join(jobDir, asOf), nil
}

// copyFolder copies the regular files of src into the existing folder dst,
// syncing each.
func copyFolder(src, dst string, mode os.FileMode) error {
	ents, err := os.ReadDir(src)
	if err != nil {
		return err
	}
	for _, e := range ents {
		if !e.Type().IsRegular() {
			continue
		}
		if err := copyFile(filepath.Join(src, e.Name()), filepath.Join(dst, e.Name()), mode); err != nil {
			return err
		}
	}
	return nil
}

func copyFile(src, dst string, mode os.FileMode) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_CREATE|os.O_EXCL|os.O_WRONLY, mode)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	if err := out.Sync(); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// prune keeps the newest keep run folders (named by as-of date) in jobDir
// and removes older ones; it never removes latest or the current run.
func prune(jobDir, current string, keep int) {
	ents, err := os.ReadDir(jobDir)
	if err != nil {
		return
	}
	var runs []string
	for _, e := range ents {
		if !e.IsDir() {
			continue
		}
		if _, err := time.Parse("2006-01-02", e.Name()); err == nil {
			runs = append(runs, e.Name())
		}
	}
	sort.Sort(sort.Reverse(sort.StringSlice(runs)))
	for i, name := range runs {
		if i >= keep && name != current {
			os.RemoveAll(filepath.Join(jobDir, name))
		}
	}
}

// runFolderForReaders is where readers find a run's files: under
// delivery.link_base when set, else in the shared folder; "" when neither
// is configured.
func runFolderForReaders(cfg *config.Config, job, asOf string) string {
	if base := cfg.Delivery.LinkBase; base != "" {
		return strings.TrimRight(base, "/") + "/" + job + "/" + asOf + "/"
	}
	if cfg.Delivery.SharedFolder != "" {
		return filepath.Join(cfg.Resolve(cfg.Delivery.SharedFolder), job, asOf)
	}
	return ""
}
