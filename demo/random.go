package demo

import (
	"math"
	"math/rand/v2"
)

// rng wraps a seeded generator with the few distributions the shop needs.
// Every stream is derived from the shop's seed, so a seed gives one shop.
type rng struct{ *rand.Rand }

// newRNG returns a generator for one stream of the shop: stream names a
// purpose (customers, orders of customer i, ...) so that streams do not share
// draws and changing one does not shift the others.
func newRNG(seed int64, stream uint64) rng {
	return rng{rand.New(rand.NewPCG(uint64(seed), stream*0x9E3779B97F4A7C15+0x632BE59BD9B4E019))}
}

// uniform returns a value in [lo, hi).
func (r rng) uniform(lo, hi float64) float64 { return lo + (hi-lo)*r.Float64() }

// chance reports true with probability p.
func (r rng) chance(p float64) bool { return r.Float64() < p }

// lognormal returns exp(mu + sigma*Z), Z standard normal; median exp(mu).
func (r rng) lognormal(mu, sigma float64) float64 {
	return math.Exp(mu + sigma*r.NormFloat64())
}

// gamma draws from Gamma(shape k, scale 1) by Marsaglia and Tsang's method
// (ACM TOMS 26(3), 2000); for k < 1 it uses the boost Gamma(k+1)·U^(1/k).
func (r rng) gamma(k float64) float64 {
	if k < 1 {
		return r.gamma(k+1) * math.Pow(r.Float64(), 1/k)
	}
	d := k - 1.0/3
	c := 1 / math.Sqrt(9*d)
	for {
		x := r.NormFloat64()
		v := 1 + c*x
		if v <= 0 {
			continue
		}
		v = v * v * v
		u := r.Float64()
		if u < 1-0.0331*x*x*x*x || math.Log(u) < 0.5*x*x+d*(1-v+math.Log(v)) {
			return d * v
		}
	}
}

// beta draws from Beta(a, b) as X/(X+Y) with X ~ Gamma(a), Y ~ Gamma(b).
func (r rng) beta(a, b float64) float64 {
	x := r.gamma(a)
	y := r.gamma(b)
	return x / (x + y)
}

// weighted is a discrete distribution over indexes 0..n-1, sampled by a
// binary search over cumulative weights.
type weighted struct{ cum []float64 }

func newWeighted(w []float64) weighted {
	cum := make([]float64, len(w))
	s := 0.0
	for i, x := range w {
		s += x
		cum[i] = s
	}
	return weighted{cum: cum}
}

func (w weighted) pick(r rng) int {
	u := r.Float64() * w.cum[len(w.cum)-1]
	lo, hi := 0, len(w.cum)-1
	for lo < hi {
		m := (lo + hi) / 2
		if w.cum[m] > u {
			hi = m
		} else {
			lo = m + 1
		}
	}
	return lo
}

// pickSmall samples index i with probability w[i]/sum(w) by a linear scan;
// for the short per-order category weights.
func pickSmall(r rng, w []float64) int {
	s := 0.0
	for _, x := range w {
		s += x
	}
	u := r.Float64() * s
	for i, x := range w {
		u -= x
		if u < 0 {
			return i
		}
	}
	return len(w) - 1
}
