package btyd

import (
	"flag"
	"math"
	"math/rand/v2"
	"sync"
	"testing"

	"gonum.org/v1/gonum/stat/distuv"
)

// simulateParetoNBD draws n customers from the Pareto/NBD with parameters
// m. Each customer's first purchase is at time 0 and their age T is
// uniform over 1 to 39 weeks; they buy as a Poisson process with rate λ
// per week, λ ~ Gamma(r, α), until they die at an exponential time with
// rate μ ~ Gamma(s, β). With byDay, the data arrive the way a shop's do:
// T is a whole number of days (7..273), purchases are recorded by day and
// collapsed to one per day, and t_x and T are days/7, like the CDNOW
// summaries; without it, times are exact (the model's own assumption).
// The source is seeded, so the data are the same on every run.
func simulateParetoNBD(m ParetoNBD, n int, seed uint64, byDay bool) []RFT {
	src := rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)
	rng := rand.New(src)
	lambda := distuv.Gamma{Alpha: m.R, Beta: m.Alpha, Src: src}
	mu := distuv.Gamma{Alpha: m.S, Beta: m.Beta, Src: src}
	data := make([]RFT, n)
	for i := range data {
		l, death := lambda.Rand(), rng.ExpFloat64()/mu.Rand() // +Inf when μ underflows to 0
		if !byDay {
			T := 1 + 38*rng.Float64()
			end := math.Min(T, death)
			x, last := 0, 0.0
			for t := 0.0; ; {
				t += rng.ExpFloat64() / l
				if !(t <= end) {
					break
				}
				x++
				last = t
			}
			data[i] = RFT{X: float64(x), Tx: last, T: T}
			continue
		}
		ageDays := 7 + rng.IntN(267)
		x, last := 0, 0
		for t := 0.0; ; {
			t += rng.ExpFloat64() / l // weeks; +Inf when λ underflows to 0
			day := math.Floor(7 * t)
			if !(day <= float64(ageDays)) || !(t <= death) {
				break
			}
			if d := int(day); d != last {
				x++
				last = d
			}
		}
		data[i] = RFT{X: float64(x), Tx: float64(last) / 7, T: float64(ageDays) / 7}
	}
	return data
}

// cdnowParetoNBD is the published Pareto/NBD MLE on the CDNOW sample
// (Fader, Hardie & Lee 2005, Table 1, to the digits the issue quotes).
var cdnowParetoNBD = ParetoNBD{R: 0.5533, Alpha: 10.578, S: 0.6062, Beta: 11.669}

var pnSimulated struct {
	sync.Mutex
	data map[int][]RFT
}

// simulatedParetoCDNOW returns n customers simulated by day from the
// published CDNOW parameters, generated once per n.
func simulatedParetoCDNOW(n int) []RFT {
	pnSimulated.Lock()
	defer pnSimulated.Unlock()
	if pnSimulated.data == nil {
		pnSimulated.data = map[int][]RFT{}
	}
	if d, ok := pnSimulated.data[n]; ok {
		return d
	}
	d := simulateParetoNBD(cdnowParetoNBD, n, 1987, true)
	pnSimulated.data[n] = d
	return d
}

// TestFitParetoNBDRecoversSimulated fits 100,000 customers simulated in
// exact time from the CDNOW parameters and recovers them. Tolerances are
// about three standard errors at this sample size: over seeds 1..10 the
// estimates spread by 1.7 % (r), 1.1 % (α), 6 % (s) and 10 % (β); s and
// β, the drop-out, are weakly identified by 39 weeks of data.
func TestFitParetoNBDRecoversSimulated(t *testing.T) {
	if testing.Short() {
		t.Skip("simulation skipped under -short")
	}
	data := simulateParetoNBD(cdnowParetoNBD, 100_000, 2005, false)
	m, err := FitParetoNBD(data)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("fit: r=%.4f α=%.4f s=%.4f β=%.4f (%d distinct of %d, %d iterations)", m.R, m.Alpha, m.S, m.Beta, m.Distinct, m.N, m.Iterations)
	for _, c := range []struct {
		name              string
		got, want, relTol float64
	}{
		{"r", m.R, cdnowParetoNBD.R, 0.05},
		{"alpha", m.Alpha, cdnowParetoNBD.Alpha, 0.035},
		{"s", m.S, cdnowParetoNBD.S, 0.18},
		{"beta", m.Beta, cdnowParetoNBD.Beta, 0.30},
	} {
		if rel := math.Abs(c.got/c.want - 1); rel > c.relTol {
			t.Errorf("%s = %.4f, simulated with %.4f (± %.0f %%; off by %.1f %%)", c.name, c.got, c.want, 100*c.relTol, 100*rel)
		}
	}
}

// TestFitParetoNBDLargeIsTheMLE checks the large-data path (a search on a
// sample, then the Newton polish on all customers, then BFGS) against the
// plain search on all customers, on 300,000 customers simulated by day:
// the same maximum, log-likelihood within 1e−9 relative, parameters
// within 1e−4 (the maximum lies on a flat ridge of s and β; there the
// mean log-likelihood changes in its 16th digit only).
func TestFitParetoNBDLargeIsTheMLE(t *testing.T) {
	if testing.Short() {
		t.Skip("simulation skipped under -short")
	}
	data := simulatedParetoCDNOW(300_000)
	m, err := FitParetoNBD(data)
	if err != nil {
		t.Fatal(err)
	}
	g, err := groupRFT(data)
	if err != nil {
		t.Fatal(err)
	}
	start := []float64{0, math.Log(g.sumT / g.sumX), 0, math.Log(g.sumT / float64(g.n))}
	full := maximizeLikelihood(newPNGroups(g).objective, start, false)
	if !full.converged {
		t.Fatal("the search on all customers did not converge")
	}
	ll := -full.f * float64(g.n)
	t.Logf("sample + polish: r=%.6f α=%.6f s=%.6f β=%.6f LL=%.6f (%d iterations); all: LL=%.6f (%d iterations)",
		m.R, m.Alpha, m.S, m.Beta, m.LogLikelihood, m.Iterations, ll, full.iterations)
	if math.Abs(m.LogLikelihood/ll-1) > 1e-9 {
		t.Errorf("LogLikelihood %.6f, search on all customers %.6f", m.LogLikelihood, ll)
	}
	for i, got := range []float64{m.R, m.Alpha, m.S, m.Beta} {
		if want := math.Exp(full.theta[i]); math.Abs(got/want-1) > 1e-4 {
			t.Errorf("parameter %d = %.8g, search on all customers %.8g", i, got, want)
		}
	}
}

func benchmarkFitParetoNBD(b *testing.B, n int) {
	data := simulatedParetoCDNOW(n)
	var m ParetoNBD
	var err error
	b.ResetTimer()
	for b.Loop() {
		m, err = FitParetoNBD(data)
		if err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(m.Distinct), "distinct")
	b.ReportMetric(float64(m.Iterations), "iterations")
	b.Logf("n=%d: r=%.6f α=%.6f s=%.6f β=%.6f LL=%.4f, %d distinct triples", n, m.R, m.Alpha, m.S, m.Beta, m.LogLikelihood, m.Distinct)
}

func BenchmarkFitParetoNBD10k(b *testing.B)  { benchmarkFitParetoNBD(b, 10_000) }
func BenchmarkFitParetoNBD100k(b *testing.B) { benchmarkFitParetoNBD(b, 100_000) }
func BenchmarkFitParetoNBD1M(b *testing.B)   { benchmarkFitParetoNBD(b, 1_000_000) }

// BenchmarkParetoNBDConditionalExpectedPurchases evaluates eq. 41 at the
// CDNOW parameters over the simulated customers.
func BenchmarkParetoNBDConditionalExpectedPurchases(b *testing.B) {
	data := simulatedParetoCDNOW(10_000)
	b.ResetTimer()
	i := 0
	for b.Loop() {
		d := data[i%len(data)]
		cdnowParetoNBD.ConditionalExpectedPurchases(39, d.X, d.Tx, d.T)
		i++
	}
}

var (
	benchCSV   = flag.String("bench.csv", "", "TestWriteBenchCSV writes the simulated customers of BenchmarkFit<model>* to this file (bench/peers/purchase.sh)")
	benchN     = flag.Int("bench.n", 1_000_000, "number of customers TestWriteBenchCSV writes")
	benchModel = flag.String("bench.model", "paretonbd", "whose benchmark customers TestWriteBenchCSV writes: paretonbd or bgnbd")
)

// TestWriteBenchCSV writes the customers BenchmarkFitParetoNBD1M or
// BenchmarkFitBGNBD1M fits (-bench.model; x, t_x, T, one a line, exact to
// the last bit) for the side-by-side benchmark with lifetimes,
// bench/peers/purchase.sh. It runs only with -bench.csv.
func TestWriteBenchCSV(t *testing.T) {
	if *benchCSV == "" {
		t.Skip("no -bench.csv")
	}
	simulate := map[string]func(int) []RFT{"paretonbd": simulatedParetoCDNOW, "bgnbd": simulatedCDNOW}[*benchModel]
	if simulate == nil {
		t.Fatalf("-bench.model %q: want paretonbd or bgnbd", *benchModel)
	}
	data := simulate(*benchN)
	writeBenchCSV(t, *benchCSV, "frequency,recency,T", len(data), func(i int) []float64 { return []float64{data[i].X, data[i].Tx, data[i].T} })
}
