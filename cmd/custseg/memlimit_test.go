package main

import (
	"io"
	"log/slog"
	"math"
	"runtime/debug"
	"testing"

	"github.com/KimMachineGun/automemlimit/memlimit"

	"github.com/custseg/custseg/config"
)

// TestApplyMemoryLimit: memory_limit sets the runtime's soft limit — a
// size as given, auto as 80% of the cgroup's or the machine's memory, off
// as none — and a GOMEMLIMIT in the environment is left as it is.
func TestApplyMemoryLimit(t *testing.T) {
	orig := debug.SetMemoryLimit(-1)
	t.Cleanup(func() { debug.SetMemoryLimit(orig) })
	total, err := memlimit.ApplyFallback(memlimit.FromCgroup, memlimit.FromSystem)()
	if err != nil || total == 0 {
		t.Fatalf("neither the cgroup nor the machine says its memory: %d, %v", total, err)
	}
	tests := []struct {
		name, setting, env string
		before             int64
		want               int64
	}{
		{"a size", "900MiB", "", math.MaxInt64, 900 << 20},
		{"a size in GB", "2GB", "", math.MaxInt64, 2_000_000_000},
		{"off", "off", "", 1 << 30, math.MaxInt64},
		{"auto", "auto", "", math.MaxInt64, int64(float64(total) * memoryRatio)},
		{"empty is auto", "", "", math.MaxInt64, int64(float64(total) * memoryRatio)},
		{"the environment wins", "900MiB", "1GiB", 1 << 30, 1 << 30},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			debug.SetMemoryLimit(tt.before)
			cfg := config.Default()
			cfg.MemoryLimit = tt.setting
			getenv := func(k string) string {
				if k == "GOMEMLIMIT" {
					return tt.env
				}
				return ""
			}
			got := applyMemoryLimit(cfg, getenv, slog.New(slog.NewTextHandler(io.Discard, nil)))
			if got != tt.want || debug.SetMemoryLimit(-1) != tt.want {
				t.Errorf("limit = %d (runtime %d), want %d", got, debug.SetMemoryLimit(-1), tt.want)
			}
		})
	}
}

// TestMemoryLimitSetting: config refuses a memory_limit that is not auto,
// off or a size of at least 64MiB, naming the key.
func TestMemoryLimitSetting(t *testing.T) {
	for _, tt := range []struct {
		setting string
		ok      bool
	}{
		{"auto", true}, {"off", true}, {"900MiB", true}, {"64MiB", true}, {"1 GiB", true},
		{"63MiB", false}, {"lots", false}, {"-1", false},
	} {
		cfg := config.Default()
		cfg.MemoryLimit = tt.setting
		err := cfg.Validate()
		if (err == nil) != tt.ok {
			t.Errorf("%q: err = %v, want ok %v", tt.setting, err, tt.ok)
		}
		if err != nil && err.Error()[:len("memory_limit: ")] != "memory_limit: " {
			t.Errorf("%q: the error does not name the key: %v", tt.setting, err)
		}
	}
}
