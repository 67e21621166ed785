package btyd

import "slices"

// distinct numbers the distinct keys of a stream in the order of their
// first appearance and counts each. It is an open-addressing hash table
// that grows as keys arrive and is at most half full, so it is as large as
// the distinct keys, not the stream: at 1M customers and some 120,000
// distinct triples it stays in the processor's cache, where a table sized
// for every customer (16 MB) missed it on almost every lookup and took a
// third of the BG/NBD fit. Keys are compared with ==, so a caller turns −0
// into 0 (x + 0) and keeps NaN out.
type distinct[K comparable] struct {
	keys  []K       // per key, in order of first appearance
	count []float64 // per key: how many times it was added
	slots []uint64  // the hash's upper 32 bits | 1 + index into keys; 0: empty
	mask  uint64
}

// reserve sizes the table for n distinct keys before any is added: for
// keys expected to be mostly distinct, as customers' mean spends are, it
// spares the growing.
func (d *distinct[K]) reserve(n int) {
	size := 16
	for size < 2*n {
		size <<= 1
	}
	d.resize(size)
}

// add counts k, whose hash is h (well mixed in its upper 32 bits, which
// place it in the table: they are kept in the slot, so growing needs no
// hashing), and returns its index in keys.
func (d *distinct[K]) add(k K, h uint64) int32 {
	if 2*(len(d.keys)+1) > len(d.slots) {
		d.grow()
	}
	tag := h &^ (1<<32 - 1)
	for slot := (h >> 32) & d.mask; ; slot = (slot + 1) & d.mask {
		e := d.slots[slot]
		if e == 0 {
			d.slots[slot] = tag | uint64(len(d.keys)+1)
			d.keys = append(d.keys, k)
			d.count = append(d.count, 1)
			return int32(len(d.keys) - 1)
		}
		if j := e&(1<<32-1) - 1; e&^(1<<32-1) == tag && d.keys[j] == k {
			d.count[j]++
			return int32(j)
		}
	}
}

// grow doubles the table (16 slots at first) and places the keys again by
// the hash bits their slots keep. keys and count grow with it, to the half
// of the slots the table may fill: append's growth by a quarter would
// allocate five times their final size on the way, fresh memory whose
// first touch is what a cold fit spends most on.
func (d *distinct[K]) grow() {
	d.resize(max(16, 2*len(d.slots)))
}

// resize makes the table size slots (a power of two) and places the keys
// again.
func (d *distinct[K]) resize(size int) {
	d.keys = slices.Grow(d.keys, size/2-len(d.keys))
	d.count = slices.Grow(d.count, size/2-len(d.count))
	old := d.slots
	d.slots = make([]uint64, size)
	d.mask = uint64(size - 1)
	for _, e := range old {
		if e == 0 {
			continue
		}
		slot := (e >> 32) & d.mask
		for d.slots[slot] != 0 {
			slot = (slot + 1) & d.mask
		}
		d.slots[slot] = e
	}
}
