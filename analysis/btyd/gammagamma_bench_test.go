package btyd

import (
	"bufio"
	"errors"
	"flag"
	"math/rand/v2"
	"os"
	"strconv"
	"sync"
	"testing"

	"gonum.org/v1/gonum/stat/distuv"
)

// cdnowGammaGamma is the published Gamma-Gamma MLE on the CDNOW sample
// (Fader & Hardie 2013).
var cdnowGammaGamma = GammaGamma{P: 6.25, Q: 3.74, V: 15.44}

// simulateGammaGamma draws n repeat buyers from the Gamma-Gamma model with
// parameters m. Their numbers of repeat purchases x are those of the
// repeat buyers of the CDNOW BG/NBD simulated by day (simulateBGNBD, seed
// 1997): 1 to a few dozen, most of them small. Each customer's ν ~
// Gamma(q, rate γ), and the mean of their x spends, each ~ Gamma(p, rate
// ν), is drawn as Gamma(p·x, rate x·ν). The values are not rounded, so
// every (x, m̄) pair is distinct. The source is seeded, so the data are
// the same on every run.
func simulateGammaGamma(m GammaGamma, n int, seed uint64) (x, mbar []float64) {
	x = make([]float64, 0, n)
	for batch := 0; len(x) < n; batch++ {
		for _, d := range simulateBGNBD(cdnowBGNBD, n, 1997+uint64(batch), true) {
			if d.X >= 1 && len(x) < n {
				x = append(x, d.X)
			}
		}
	}
	src := rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)
	nu := distuv.Gamma{Alpha: m.Q, Beta: m.V, Src: src}
	mbar = make([]float64, n)
	for i, xi := range x {
		mbar[i] = distuv.Gamma{Alpha: m.P * xi, Beta: xi * nu.Rand(), Src: src}.Rand()
	}
	return x, mbar
}

var ggSimulated struct {
	sync.Mutex
	data map[int][2][]float64
}

// simulatedGammaGammaCDNOW returns n repeat buyers simulated from the
// published CDNOW parameters, generated once per n.
func simulatedGammaGammaCDNOW(n int) (x, mbar []float64) {
	ggSimulated.Lock()
	defer ggSimulated.Unlock()
	if ggSimulated.data == nil {
		ggSimulated.data = map[int][2][]float64{}
	}
	if d, ok := ggSimulated.data[n]; ok {
		return d[0], d[1]
	}
	x, mbar = simulateGammaGamma(cdnowGammaGamma, n, 2013)
	ggSimulated.data[n] = [2][]float64{x, mbar}
	return x, mbar
}

func benchmarkFitGammaGamma(b *testing.B, n int) {
	x, mbar := simulatedGammaGammaCDNOW(n)
	var m GammaGamma
	var err error
	b.ResetTimer()
	for b.Loop() {
		m, err = FitGammaGamma(x, mbar)
		if err != nil {
			b.Fatal(err)
		}
	}
	b.Logf("n=%d: p=%.6f q=%.6f γ=%.6f LL=%.4f", n, m.P, m.Q, m.V, m.LogLikelihood)
}

func BenchmarkFitGammaGamma10k(b *testing.B)  { benchmarkFitGammaGamma(b, 10_000) }
func BenchmarkFitGammaGamma100k(b *testing.B) { benchmarkFitGammaGamma(b, 100_000) }
func BenchmarkFitGammaGamma1M(b *testing.B)   { benchmarkFitGammaGamma(b, 1_000_000) }

// BenchmarkFitGammaGammaNoHeterogeneity times a fit that cannot converge:
// 100,000 repeat buyers whose mean spends all lie within about 0.1 % of 20
// (see TestFitGammaGammaNoHeterogeneity).
func BenchmarkFitGammaGammaNoHeterogeneity(b *testing.B) {
	x, _ := simulatedGammaGammaCDNOW(100_000)
	mbar := nearlyEqualSpends(x, 1e-3)
	b.ResetTimer()
	for b.Loop() {
		if _, err := FitGammaGamma(x, mbar); !errors.Is(err, ErrNotConverged) {
			b.Fatalf("err = %v, want ErrNotConverged", err)
		}
	}
}

var (
	ggBenchCSV = flag.String("gammagamma.csv", "", "TestGammaGammaWriteBenchCSV writes the simulated customers of BenchmarkFitGammaGamma* to this file (bench/peers/gammagamma.sh)")
	ggBenchN   = flag.Int("gammagamma.n", 1_000_000, "number of customers TestGammaGammaWriteBenchCSV writes")
)

// TestGammaGammaWriteBenchCSV writes the customers BenchmarkFitGammaGamma1M
// fits (x, m̄, one a line, exact to the last bit) for the side-by-side
// benchmark with lifetimes, bench/peers/gammagamma.sh. It runs only with
// -gammagamma.csv.
func TestGammaGammaWriteBenchCSV(t *testing.T) {
	if *ggBenchCSV == "" {
		t.Skip("no -gammagamma.csv")
	}
	x, mbar := simulatedGammaGammaCDNOW(*ggBenchN)
	writeBenchCSV(t, *ggBenchCSV, "frequency,monetary_value", len(x), func(i int) []float64 { return []float64{x[i], mbar[i]} })
}

// writeBenchCSV writes n rows of numbers, row(i) each, under header to
// path, every value exact to the last bit, for a side-by-side benchmark.
func writeBenchCSV(t *testing.T, path, header string, n int, row func(i int) []float64) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriter(f)
	w.WriteString(header + "\n")
	var buf []byte
	for i := range n {
		buf = buf[:0]
		for k, v := range row(i) {
			if k > 0 {
				buf = append(buf, ',')
			}
			buf = strconv.AppendFloat(buf, v, 'g', -1, 64)
		}
		w.Write(append(buf, '\n'))
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}
