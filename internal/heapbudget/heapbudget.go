// Package heapbudget keeps the process's soft memory limit in step with
// the data of the runs in progress, when memory_limit is auto.
//
// Go's collector lets the heap grow to twice what was live after its last
// cycle (GOGC=100). In a run that is twice the data plus whatever the
// step in progress holds for a moment (the analysis' scratch, the
// workbook's rows), so the process peaks at several times its data. A run
// instead claims, once its data is read, twice the heap live at that
// moment: the same doubling, applied to the data the run keeps rather
// than to its passing peaks. The soft limit is then the largest claim,
// never above the ceiling memory_limit: auto gives (a share of the
// machine's memory) and never below Floor. Above the limit the collector
// works harder; it does not fail (a soft limit), and it gives up when
// that would take more than half the CPU.
package heapbudget

import (
	"math"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync"
)

// Floor is the lowest limit a claim sets: below it the collector's work
// would cost more than the memory is worth.
const Floor = 256 << 20

var (
	mu      sync.Mutex
	ceiling int64 = math.MaxInt64
	scale   bool
	claims  = map[*int64]struct{}{}
)

// Configure records the soft limit the process was given (ceiling;
// math.MaxInt64 for none) and whether runs' claims may lower it: only
// when memory_limit is auto and GOMEMLIMIT is not set.
func Configure(limit int64, scaleToData bool) {
	mu.Lock()
	defer mu.Unlock()
	ceiling, scale = limit, scaleToData
	apply()
}

// Claim sets the soft limit to twice the heap live now (after a
// collection), within Floor and the ceiling, for as long as the run
// holds its data; release gives the claim back. It returns the limit it
// asked for (0 when claims do not apply).
func Claim() (limit int64, release func()) {
	mu.Lock()
	on := scale
	mu.Unlock()
	if !on {
		return 0, func() {}
	}
	runtime.GC()
	want := 2 * liveHeap()
	mu.Lock()
	defer mu.Unlock()
	c := &want
	claims[c] = struct{}{}
	apply()
	return min(max(want, Floor), ceiling), func() {
		mu.Lock()
		defer mu.Unlock()
		delete(claims, c)
		apply()
	}
}

// apply sets the soft limit from the claims; mu is held.
func apply() {
	if !scale {
		return
	}
	limit := ceiling
	if len(claims) > 0 {
		var most int64
		for c := range claims {
			most = max(most, *c)
		}
		limit = min(max(most, Floor), ceiling)
	}
	debug.SetMemoryLimit(limit)
}

// liveHeap returns the heap the last collection found live.
func liveHeap() int64 {
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return int64(min(s[0].Value.Uint64(), math.MaxInt64))
}
