package btyd

import (
	"math"
	"math/rand/v2"
	"sync"
	"testing"

	"gonum.org/v1/gonum/stat/distuv"
)

// simulateBGNBD draws n customers from the BG/NBD with parameters m. Each
// customer's first purchase is at time 0 and their age T is uniform over 1
// to 39 weeks; while active they buy as a Poisson process with rate λ per
// week, λ ~ Gamma(r, α), and after each purchase they drop out with
// probability p ~ Beta(a, b). With byDay, the data arrive the way a shop's
// do: T is a whole number of days (7..273), purchases are recorded by day
// and collapsed to one per day, and t_x and T are days/7, like the CDNOW
// summaries; without it, times are exact (the model's own assumption). The
// source is seeded, so the data are the same on every run.
func simulateBGNBD(m BGNBD, n int, seed uint64, byDay bool) []RFT {
	src := rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)
	rng := rand.New(src)
	lambda := distuv.Gamma{Alpha: m.R, Beta: m.Alpha, Src: src}
	dropout := distuv.Beta{Alpha: m.A, Beta: m.B, Src: src}
	data := make([]RFT, n)
	for i := range data {
		l, p := lambda.Rand(), dropout.Rand()
		if !byDay {
			T := 1 + 38*rng.Float64()
			x, last := 0, 0.0
			for t := 0.0; ; {
				t += rng.ExpFloat64() / l
				if !(t <= T) {
					break
				}
				x++
				last = t
				if rng.Float64() < p {
					break
				}
			}
			data[i] = RFT{X: float64(x), Tx: last, T: T}
			continue
		}
		ageDays := 7 + rng.IntN(267)
		x, last := 0, 0
		for t := 0.0; ; {
			t += rng.ExpFloat64() / l // weeks; +Inf when λ underflows to 0
			day := math.Floor(7 * t)
			if !(day <= float64(ageDays)) {
				break
			}
			if d := int(day); d != last {
				x++
				last = d
			}
			if rng.Float64() < p {
				break
			}
		}
		data[i] = RFT{X: float64(x), Tx: float64(last) / 7, T: float64(ageDays) / 7}
	}
	return data
}

var simulated struct {
	sync.Mutex
	data map[int][]RFT
}

// simulatedCDNOW returns n customers simulated from the published CDNOW
// parameters, generated once per n.
func simulatedCDNOW(n int) []RFT {
	simulated.Lock()
	defer simulated.Unlock()
	if simulated.data == nil {
		simulated.data = map[int][]RFT{}
	}
	if d, ok := simulated.data[n]; ok {
		return d
	}
	d := simulateBGNBD(cdnowBGNBD, n, 1997, true)
	simulated.data[n] = d
	return d
}

// TestFitBGNBDRecoversSimulated fits 100,000 customers simulated in exact
// time from the CDNOW parameters and recovers them. Tolerances are about
// three standard errors at this sample size (the spread of the estimates
// over seeds: about 1 % for r and α, 5 % for a and b). Recording purchases
// by day, as simulatedCDNOW does, moves r and α up by 3–8 % (same-day
// purchases merge, times round down to days), which is why this test uses
// exact times.
func TestFitBGNBDRecoversSimulated(t *testing.T) {
	if testing.Short() {
		t.Skip("simulation skipped under -short")
	}
	data := simulateBGNBD(cdnowBGNBD, 100_000, 2005, false)
	m, err := FitBGNBD(data)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("fit: r=%.4f α=%.4f a=%.4f b=%.4f (%d distinct of %d, %d iterations)", m.R, m.Alpha, m.A, m.B, m.Distinct, m.N, m.Iterations)
	for _, c := range []struct {
		name              string
		got, want, relTol float64
	}{
		{"r", m.R, cdnowBGNBD.R, 0.03},
		{"alpha", m.Alpha, cdnowBGNBD.Alpha, 0.04},
		{"a", m.A, cdnowBGNBD.A, 0.15},
		{"b", m.B, cdnowBGNBD.B, 0.15},
	} {
		if rel := math.Abs(c.got/c.want - 1); rel > c.relTol {
			t.Errorf("%s = %.4f, simulated with %.4f (± %.0f %%; off by %.1f %%)", c.name, c.got, c.want, 100*c.relTol, 100*rel)
		}
	}
}

func benchmarkFitBGNBD(b *testing.B, n int) {
	data := simulatedCDNOW(n)
	var m BGNBD
	var err error
	b.ResetTimer()
	for b.Loop() {
		m, err = FitBGNBD(data)
		if err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(m.Distinct), "distinct")
	b.ReportMetric(float64(m.Iterations), "iterations")
	b.Logf("n=%d: r=%.4f α=%.4f a=%.4f b=%.4f, %d distinct triples", n, m.R, m.Alpha, m.A, m.B, m.Distinct)
}

func BenchmarkFitBGNBD10k(b *testing.B)  { benchmarkFitBGNBD(b, 10_000) }
func BenchmarkFitBGNBD100k(b *testing.B) { benchmarkFitBGNBD(b, 100_000) }
func BenchmarkFitBGNBD1M(b *testing.B)   { benchmarkFitBGNBD(b, 1_000_000) }

// BenchmarkConditionalExpectedPurchases evaluates eq. 10 at the CDNOW
// parameters over the simulated customers.
func BenchmarkConditionalExpectedPurchases(b *testing.B) {
	data := simulatedCDNOW(10_000)
	b.ResetTimer()
	i := 0
	for b.Loop() {
		d := data[i%len(data)]
		cdnowBGNBD.ConditionalExpectedPurchases(39, d.X, d.Tx, d.T)
		i++
	}
}
