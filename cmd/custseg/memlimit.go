package main

import (
	"log/slog"
	"math"
	"runtime/debug"
	"strings"

	"github.com/KimMachineGun/automemlimit/memlimit"

	"github.com/custseg/custseg/config"
	"github.com/custseg/custseg/internal/heapbudget"
)

// memoryRatio is the share of the cgroup's (or the machine's) memory that
// memory_limit: auto takes as the soft limit, leaving room for what Go
// does not count (the binary, thread stacks, the C library).
const memoryRatio = 0.8

// applyMemoryLimit sets the process's soft memory limit (GOMEMLIMIT) from
// the config's memory_limit and returns it (math.MaxInt64: none); with
// auto, that is the ceiling, and each run lowers the limit to twice the
// data it holds while it runs (heapbudget). The log
// has it at debug level (the scheduler's start line shows it). A
// GOMEMLIMIT in the environment wins, as the Go runtime already applied it.
// A limit that cannot be read (no cgroup limit and no machine size) leaves
// none, and says so in the log.
func applyMemoryLimit(cfg *config.Config, getenv func(string) string, log *slog.Logger) int64 {
	if v := getenv("GOMEMLIMIT"); v != "" {
		log.Debug("memory limit from the environment", slog.String("GOMEMLIMIT", v))
		return debug.SetMemoryLimit(-1)
	}
	setting := strings.ToLower(strings.TrimSpace(cfg.MemoryLimit))
	if setting == config.MemoryLimitOff {
		debug.SetMemoryLimit(math.MaxInt64)
		return math.MaxInt64
	}
	n, ok, err := config.MemoryLimitBytes(cfg.MemoryLimit)
	if err != nil { // Validate refused it already; keep the runtime's
		return debug.SetMemoryLimit(-1)
	}
	if ok {
		debug.SetMemoryLimit(int64(min(n, math.MaxInt64)))
		log.Debug("memory limit", slog.String("memory_limit", cfg.MemoryLimit), slog.Uint64("bytes", n))
		return int64(min(n, math.MaxInt64))
	}
	// The cgroup's limit (systemd's MemoryMax=, a container's), else the
	// machine's memory: automemlimit reads both.
	total, err := memlimit.ApplyFallback(memlimit.FromCgroup, memlimit.FromSystem)()
	if err != nil || total == 0 {
		log.Warn("memory_limit: auto: no memory size to take a share of; no limit", slog.Any("error", err))
		return debug.SetMemoryLimit(-1)
	}
	limit := int64(min(float64(total)*memoryRatio, math.MaxInt64))
	debug.SetMemoryLimit(limit)
	// Each run then lowers it to twice its data while it holds that data.
	heapbudget.Configure(limit, true)
	log.Debug("memory limit", slog.String("memory_limit", config.MemoryLimitAuto), slog.Int64("bytes", limit))
	return limit
}
