package kmeans

import "math"

// Hamerly's assignment step. Each row i keeps
//
//	uᵢ ≥ ‖xᵢ − c_{ℓ(i)}‖                 (upper bound, its own centroid)
//	lᵢ ≤ min_{j≠ℓ(i)} ‖xᵢ − cⱼ‖           (lower bound, every other one)
//
// and each centroid j has sⱼ ≤ ½ min_{j′≠j} ‖cⱼ − c_{j′}‖. When
// uᵢ < max(s_{ℓ(i)}, lᵢ), no other centroid is as near as ℓ(i), and the row
// keeps its label with no distance computed. After an update moves centroid
// j by δⱼ, uᵢ grows by δ_{ℓ(i)} and lᵢ shrinks by the largest δ of the other
// centroids (triangle inequality).
//
// Rounding: every bound is widened by a relative boundRel and an absolute
// boundAbs each time it is made or moved, far more than the rounding of
// the few operations in between (a relative 2⁻⁵² or so each). A skip thus
// proves that the other centroids are farther by a relative 2⁻⁴¹ at least,
// which no rounding of the squared distances (a relative 2⁻⁵⁰ at most)
// can reverse; so a skipped row is one that nearest would give the same
// label, ties included, and the step's labels are those of the plain one.
const (
	boundRel = 0x1p-40
	boundAbs = 0x1p-499 // covers squares that underflow
)

// boundUp widens an upper bound x ≥ 0.
func boundUp(x float64) float64 { return x + x*boundRel + boundAbs }

// boundDown widens a lower bound x.
func boundDown(x float64) float64 { return x - math.Abs(x)*boundRel - boundAbs }

// bounds is the state of Hamerly's step; its zero value is the plain
// step's, for which its methods do nothing.
type bounds struct {
	ul    []float64 // per row i: uᵢ at 2i, lᵢ at 2i+1
	move  []float64 // per centroid: ≥ how far the last update moved it
	other []float64 // per centroid j: the largest move of the others
	half  []float64 // per centroid j: sⱼ
	fresh bool      // no bounds yet: the first step computes every distance
}

func newBounds(n, k int) bounds {
	return bounds{
		ul:    make([]float64, 2*n),
		move:  make([]float64, k),
		other: make([]float64, k),
		half:  make([]float64, k),
		fresh: true,
	}
}

// forget drops the bounds of row i, whose label relocate changed: the next
// step computes its distances.
func (b *bounds) forget(i int) {
	if b.ul != nil {
		b.ul[2*i], b.ul[2*i+1] = math.Inf(1), 0
	}
}

// moved records that an update moved centroid j by √sq.
func (b *bounds) moved(j int, sq float64) {
	if b.ul != nil {
		b.move[j] = boundUp(math.Sqrt(sq))
	}
}

// refresh sets other and half for the centroids of cent after an update.
func (b *bounds) refresh(cent Matrix) {
	if b.ul == nil {
		return
	}
	k := cent.N
	first, second, arg := 0.0, 0.0, -1 // the two largest moves
	for j, v := range b.move {
		if arg < 0 || v > first {
			first, second, arg = v, first, j
		} else if v > second {
			second = v
		}
	}
	for j := range k {
		b.other[j] = first
		if j == arg {
			b.other[j] = second
		}
		nearest := math.Inf(1)
		for j2 := range k {
			if j2 != j {
				nearest = min(nearest, sqDist(cent.Row(j), cent.Row(j2)))
			}
		}
		b.half[j] = math.MaxFloat64 // k = 1: no other centroid
		if k > 1 {
			b.half[j] = boundDown(math.Sqrt(nearest) / 2)
		}
	}
}

// nearest2 is nearest that also returns the squared distance to the
// nearest of the other centroids (math.MaxFloat64 when k = 1).
func nearest2(x, cent []float64, k int) (best int, bd, sd float64) {
	bd, sd = math.Inf(1), math.MaxFloat64
	if len(x) == 4 {
		// Branch-free: the nearest centroid is hard to predict.
		x0, x1, x2, x3 := x[0], x[1], x[2], x[3]
		for j := 0; j < k; j++ {
			dd := sqDist4(x0, x1, x2, x3, cent[j*4:])
			sd = min(sd, max(bd, dd))
			if dd < bd {
				best = j
			}
			bd = min(bd, dd)
		}
		return best, bd, sd
	}
	d := len(x)
	for j := 0; j < k; j++ {
		if dd := sqDist(x, cent[j*d:]); dd < bd {
			best, bd, sd = j, dd, min(bd, sd)
		} else if dd < sd {
			sd = dd
		}
	}
	return best, bd, sd
}

// assignBounded is assign by Hamerly's step: the same labels, a.sums and
// a.counts, but neither the inertia nor a.dist (see inertia and fillDist).
// It returns how many labels changed.
func (a *assigner) assignBounded(cent Matrix) (changed int) {
	m, k, d := a.m, cent.N, a.m.D
	fresh := a.fresh
	a.fresh = false
	parallel(m.N, chunkRows, func(c, lo, hi int) {
		p := &a.parts[c]
		clear(p.sums)
		clear(p.counts)
		p.inertia, p.changed = 0, 0
		if d == 4 {
			a.bounded4(cent.Data[:4*k], p, lo, hi, fresh)
			return
		}
		for i := lo; i < hi; i++ {
			x, lab := m.Row(i), a.labels[i]
			ul := a.ul[2*i : 2*i+2 : 2*i+2]
			var u, l float64
			keep := false
			if !fresh {
				u = boundUp(ul[0] + a.move[lab])
				l = boundDown(ul[1] - a.other[lab])
				z := max(a.half[lab], l)
				if !(u < z) {
					u = boundUp(math.Sqrt(sqDistTo(x, cent.Data, lab)))
				}
				keep = u < z
			}
			if !keep {
				best, bd, sd := nearest2(x, cent.Data, k)
				u, l = boundUp(math.Sqrt(bd)), boundDown(math.Sqrt(sd))
				if best != lab {
					a.labels[i] = best
					lab = best
					p.changed++
				}
			}
			ul[0], ul[1] = u, l
			p.counts[lab]++
			s := p.sums[lab*d : lab*d+d]
			for j, v := range x {
				s[j] += v
			}
		}
	})
	_, changed = a.combine()
	return changed
}

// fillDist sets a.dist to each row's squared distance to its centroid of
// cent, as assign would.
func (a *assigner) fillDist(cent Matrix) {
	if a.dist == nil {
		a.dist = make([]float64, a.m.N)
	}
	parallel(a.m.N, chunkRows, func(_, lo, hi int) {
		for i := lo; i < hi; i++ {
			a.dist[i] = sqDistTo(a.m.Row(i), cent.Data, a.labels[i])
		}
	})
}

// inertia returns Σᵢ ‖xᵢ − c_{ℓ(i)}‖², summed as assign sums it.
func (a *assigner) inertia(cent Matrix) (w float64) {
	parallel(a.m.N, chunkRows, func(c, lo, hi int) {
		s := 0.0
		for i := lo; i < hi; i++ {
			s += sqDistTo(a.m.Row(i), cent.Data, a.labels[i])
		}
		a.parts[c].inertia = s
	})
	for c := range a.parts {
		w += a.parts[c].inertia
	}
	return w
}

// bounded4 is assignBounded's loop over the rows [lo, hi) for four
// columns, into p; cent holds the k centroids. It runs in three passes
// over the chunk, which stays in cache: the bounds of every row, without a
// branch, listing the rows they do not settle; the distances of those
// rows; the sums. Rows that need a distance are scattered at random, so
// one branch per row would be mispredicted often.
func (a *assigner) bounded4(cent []float64, p *partial, lo, hi int, fresh bool) {
	k := len(cent) / 4
	xs := a.m.Data[4*lo : 4*hi]
	labels := a.labels[lo:hi]
	ul := a.ul[2*lo : 2*hi]
	move, other, half := a.move[:k], a.other[:k], a.half[:k]
	var list [chunkRows]int32
	todo := list[:0]
	if fresh {
		for i := range labels {
			todo = append(todo, int32(i))
		}
	} else {
		n := 0
		for i, lab := range labels {
			b := ul[2*i : 2*i+2 : 2*i+2]
			u := boundUp(b[0] + move[lab])
			l := boundDown(b[1] - other[lab])
			b[0], b[1] = u, l
			list[n] = int32(i)
			if !(u < max(half[lab], l)) {
				n++
			}
		}
		todo = list[:n]
	}
	for _, i := range todo {
		x := xs[4*i : 4*i+4 : 4*i+4]
		b := ul[2*i : 2*i+2 : 2*i+2]
		lab := labels[i]
		if !fresh {
			u := boundUp(math.Sqrt(sqDist4(x[0], x[1], x[2], x[3], cent[4*lab:])))
			if u < max(half[lab], b[1]) {
				b[0] = u
				continue
			}
		}
		best, bd, sd := nearest2(x, cent, k)
		b[0], b[1] = boundUp(math.Sqrt(bd)), boundDown(math.Sqrt(sd))
		if best != lab {
			labels[i] = best
			p.changed++
		}
	}
	sums, counts := p.sums[:4*k], p.counts[:k]
	for i, lab := range labels {
		x := xs[4*i : 4*i+4 : 4*i+4]
		counts[lab]++
		s := sums[4*lab : 4*lab+4 : 4*lab+4]
		s[0] += x[0]
		s[1] += x[1]
		s[2] += x[2]
		s[3] += x[3]
	}
}
