package main

import (
	"fmt"
	"log/slog"
	"os"
	"runtime"
	"runtime/pprof"

	"github.com/custseg/custseg/jobs"
)

// startCPUProfile profiles the process's CPU into path until stop is
// called; an empty path profiles nothing.
func startCPUProfile(path string) (stop func(), err error) {
	if path == "" {
		return func() {}, nil
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("--cpu-profile: %w", err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("--cpu-profile: %w", err)
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close()
	}, nil
}

// heapProfiler returns a step hook that writes the heap, after a garbage
// collection, to prefix-<step>.pprof and logs the heap in use; nil for an
// empty prefix.
func heapProfiler(prefix string, log *slog.Logger) func(step jobs.Step) {
	if prefix == "" {
		return nil
	}
	return func(step jobs.Step) {
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		path := prefix + "-" + string(step) + ".pprof"
		f, err := os.Create(path)
		if err == nil {
			err = pprof.WriteHeapProfile(f)
			if cerr := f.Close(); err == nil {
				err = cerr
			}
		}
		if err != nil {
			log.Warn("heap profile not written", slog.String("file", path), slog.String("error", err.Error()))
			return
		}
		log.Info("heap profile written", slog.String("step", string(step)), slog.String("file", path),
			slog.Uint64("heap_in_use_mb", ms.HeapInuse>>20), slog.Uint64("from_os_mb", ms.Sys>>20))
	}
}
