package kmeans

import (
	"bufio"
	"flag"
	"os"
	"strconv"
	"testing"
)

// The side-by-side benchmark with scikit-learn (bench/peers/kmeans.sh):
// Fit with k = 5 from 10 seeds, keeping the lowest inertia, as
// scikit-learn's KMeans(n_clusters=5, n_init=10) does, and with its
// max_iter = 300.
const (
	benchK       = 5
	benchStarts  = 10
	benchMaxIter = 300
)

var (
	kmBenchCSV = flag.String("kmeans.csv", "", "TestKMeansWriteBenchCSV writes the matrix of BenchmarkFit* to this file (bench/peers/kmeans.sh)")
	kmBenchN   = flag.Int("kmeans.n", 1_000_000, "number of rows TestKMeansWriteBenchCSV writes")
)

// fitStarts runs Fit from the seeds 1, …, starts and keeps the lowest
// inertia (ties: the first seed).
func fitStarts(m Matrix, k, starts, maxIter int, tol float64) (labels []int, cent Matrix, inertia float64) {
	for s := 1; s <= starts; s++ {
		l, c, w := Fit(m, k, uint64(s), maxIter, tol)
		if s == 1 || w < inertia {
			labels, cent, inertia = l, c, w
		}
	}
	return labels, cent, inertia
}

func benchmarkFit(b *testing.B, n int, tol float64) {
	m := kmCustomers(n)
	var w float64
	for b.Loop() {
		_, _, w = fitStarts(m, benchK, benchStarts, benchMaxIter, tol)
	}
	b.ReportMetric(w, "inertia")
	b.Logf("inertia %.17g", w) // all the digits, for bench/peers/kmeans.sh
}

// BenchmarkFit1M is k = 5, 10 starts on 1M × 4 customers' features at the
// default tolerance; BenchmarkFit1MTol0 iterates until no label changes.
func BenchmarkFit1M(b *testing.B)     { benchmarkFit(b, 1_000_000, DefaultTol) }
func BenchmarkFit1MTol0(b *testing.B) { benchmarkFit(b, 1_000_000, 0) }
func BenchmarkFit100k(b *testing.B)   { benchmarkFit(b, 100_000, DefaultTol) }

// TestKMeansWriteBenchCSV writes the matrix BenchmarkFit1M clusters (4
// columns, one row a line, exact to the last bit) for the side-by-side
// benchmark with scikit-learn, bench/peers/kmeans.sh. It runs only with
// -kmeans.csv.
func TestKMeansWriteBenchCSV(t *testing.T) {
	if *kmBenchCSV == "" {
		t.Skip("no -kmeans.csv")
	}
	f, err := os.Create(*kmBenchCSV)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriter(f)
	w.WriteString("recency,frequency,monetary,tenure\n")
	m := kmCustomers(*kmBenchN)
	var buf []byte
	for i := range m.N {
		buf = buf[:0]
		for j, v := range m.Row(i) {
			if j > 0 {
				buf = append(buf, ',')
			}
			buf = strconv.AppendFloat(buf, v, 'g', -1, 64)
		}
		buf = append(buf, '\n')
		w.Write(buf)
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}
