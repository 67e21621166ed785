package analysis

import (
	"cmp"
	"slices"
)

// byKeyDesc returns idx ordered by key(i) from the largest down, ties in
// the order of idx (a stable order). It sorts (key, position) pairs with
// pdqsort: O(n log n), unlike a stable sort's O(n log² n) moves, and with
// the keys read once instead of at every comparison.
func byKeyDesc(idx []int, key func(i int) float64) []int {
	type pair struct {
		key float64
		pos int32
	}
	pairs := make([]pair, len(idx))
	for p, i := range idx {
		pairs[p] = pair{key(i), int32(p)}
	}
	slices.SortFunc(pairs, func(a, b pair) int {
		if c := cmp.Compare(b.key, a.key); c != 0 {
			return c
		}
		return cmp.Compare(a.pos, b.pos)
	})
	out := make([]int, len(idx))
	for p, q := range pairs {
		out[p] = idx[q.pos]
	}
	return out
}
