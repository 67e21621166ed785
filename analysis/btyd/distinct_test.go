package btyd

import "testing"

// TestDistinct counts keys through the table's growth, with well-mixed
// hashes and with hashes that all collide (every key then probes past the
// others), and with a table reserved in advance: the same keys in the
// order of their first appearance, the same counts and indexes.
func TestDistinct(t *testing.T) {
	for _, c := range []struct {
		name    string
		hash    func(k int) uint64
		reserve int
	}{
		{"mixed", func(k int) uint64 { return ggHash(float64(k), 1) }, 0},
		{"colliding", func(int) uint64 { return 0xdeadbeef << 32 }, 0},
		{"same upper bits, different slots", func(k int) uint64 { return uint64(k) << 40 }, 0},
		{"reserved", func(k int) uint64 { return ggHash(float64(k), 1) }, 3000},
	} {
		t.Run(c.name, func(t *testing.T) {
			var d distinct[int]
			if c.reserve > 0 {
				d.reserve(c.reserve)
			}
			want := map[int]float64{}
			var order []int
			for i := range 5000 {
				k := (i * 7919) % 1500 // 1,500 keys, each seen 3 or 4 times
				if c.name == "colliding" {
					k %= 300 // probing past every key is quadratic
				}
				if _, ok := want[k]; !ok {
					order = append(order, k)
				}
				want[k]++
				if j := d.add(k, c.hash(k)); d.keys[j] != k {
					t.Fatalf("add(%d) returned index %d, which holds %d", k, j, d.keys[j])
				}
			}
			if len(d.keys) != len(order) {
				t.Fatalf("%d keys, want %d", len(d.keys), len(order))
			}
			for j, k := range order {
				if d.keys[j] != k || d.count[j] != want[k] {
					t.Fatalf("key %d: %d × %v, want %d × %v", j, d.keys[j], d.count[j], k, want[k])
				}
			}
			if filled := 2 * len(d.keys); filled > len(d.slots) {
				t.Errorf("%d keys in %d slots: more than half full", len(d.keys), len(d.slots))
			}
		})
	}
}
