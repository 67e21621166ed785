package heapbudget

import (
	"math"
	"runtime/debug"
	"testing"
)

// TestClaim checks that claims set the soft limit to twice the live heap,
// within the floor and the ceiling, and that releasing the last claim
// restores the ceiling; without scaling, claims change nothing.
func TestClaim(t *testing.T) {
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(-1))
	keep := make([]byte, 600<<20) // a run's data: 600 MiB live
	for i := range keep {
		keep[i] = byte(i)
	}

	Configure(8<<30, true)
	if got := debug.SetMemoryLimit(-1); got != 8<<30 {
		t.Fatalf("configured limit %d, want the ceiling", got)
	}
	limit, release := Claim()
	if got := debug.SetMemoryLimit(-1); got != limit || limit < 1200<<20 || limit > 1400<<20 {
		t.Errorf("claim: limit %d MiB (set %d MiB), want about twice 600 MiB", limit>>20, got>>20)
	}
	// A second claim while the first holds: the larger wins.
	Configure(1<<30, true)
	limit2, release2 := Claim()
	if got := debug.SetMemoryLimit(-1); limit2 != 1<<30 || got != 1<<30 {
		t.Errorf("under a 1 GiB ceiling: claim %d MiB, limit %d MiB; want the ceiling", limit2>>20, got>>20)
	}
	release2()
	release()
	if got := debug.SetMemoryLimit(-1); got != 1<<30 {
		t.Errorf("after release: %d MiB, want the ceiling", got>>20)
	}
	keep[len(keep)-1]++

	Configure(math.MaxInt64, false)
	debug.SetMemoryLimit(3 << 30)
	if limit, release := Claim(); limit != 0 || debug.SetMemoryLimit(-1) != 3<<30 {
		t.Errorf("without scaling: claim %d changed the limit to %d", limit, debug.SetMemoryLimit(-1))
	} else {
		release()
	}
}

// TestFloor checks that a small run's claim does not go below Floor.
func TestFloor(t *testing.T) {
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(-1))
	Configure(8<<30, true)
	defer Configure(math.MaxInt64, false)
	limit, release := Claim()
	defer release()
	if limit != Floor || debug.SetMemoryLimit(-1) != Floor {
		t.Errorf("small claim: %d, limit %d; want the floor %d", limit, debug.SetMemoryLimit(-1), Floor)
	}
}
