package kmeans

import (
	"fmt"
	"math"
)

// Matrix is a dense row-major N×D matrix of float64, one row per customer
// and one column per feature: element (i, j) is Data[i*D+j]. The storage is
// flat so that 1M customers × 4 features is one 32 MB slice, not 1M small
// slices. Functions of this package panic when len(Data) != N*D.
type Matrix struct {
	N, D int
	Data []float64
}

// Row returns row i. The slice aliases m.Data and has capacity D, so
// appending to it never overwrites row i+1.
func (m Matrix) Row(i int) []float64 {
	return m.Data[i*m.D : (i+1)*m.D : (i+1)*m.D]
}

// Rows copies the listed rows of m, in the order listed, into a new
// Matrix.
func (m Matrix) Rows(rows []int) Matrix {
	sub := Matrix{N: len(rows), D: m.D, Data: make([]float64, 0, len(rows)*m.D)}
	for _, r := range rows {
		sub.Data = append(sub.Data, m.Row(r)...)
	}
	return sub
}

// check panics unless m is well formed.
func (m Matrix) check(fn string) {
	if m.N < 0 || m.D < 0 || len(m.Data) != m.N*m.D {
		panic(fmt.Sprintf("kmeans: %s: %d×%d Matrix holds %d values", fn, m.N, m.D, len(m.Data)))
	}
}

// Standardize scales each column of m in place to mean 0 and population
// standard deviation 1 and returns the means and standard deviations it
// used:
//
//	μⱼ = (1/N) Σᵢ xᵢⱼ
//	σⱼ = √((1/N) Σᵢ (xᵢⱼ − μⱼ)²)
//	xᵢⱼ ← (xᵢⱼ − μⱼ) / σⱼ
//
// The variance uses the corrected two-pass algorithm, as gonum's
// stat.Variance does. A constant column (every value equal) becomes all 0,
// with μⱼ that value and σⱼ = 0, never NaN. With N = 0 both slices hold D
// zeros. m must not contain NaN or ±Inf.
func Standardize(m Matrix) (mean, sd []float64) {
	m.check("Standardize")
	n, d := m.N, m.D
	mean = make([]float64, d)
	sd = make([]float64, d)
	if n == 0 {
		return mean, sd
	}
	constant := make([]bool, d)
	first := m.Row(0)
	for j := range constant {
		constant[j] = true
	}
	for i := 0; i < n; i++ {
		row := m.Row(i)
		for j, x := range row {
			mean[j] += x
			if x != first[j] {
				constant[j] = false
			}
		}
	}
	for j := range mean {
		if constant[j] {
			mean[j] = first[j]
		} else {
			mean[j] /= float64(n)
		}
	}
	ss := make([]float64, d)   // Σ (x − μ)²
	comp := make([]float64, d) // Σ (x − μ), the rounding correction
	for i := 0; i < n; i++ {
		row := m.Row(i)
		for j, x := range row {
			t := x - mean[j]
			ss[j] += t * t
			comp[j] += t
		}
	}
	for j := range sd {
		if v := (ss[j] - comp[j]*comp[j]/float64(n)) / float64(n); !constant[j] && v > 0 {
			sd[j] = math.Sqrt(v)
		}
	}
	for i := 0; i < n; i++ {
		row := m.Row(i)
		for j := range row {
			if sd[j] == 0 {
				row[j] = 0
			} else {
				row[j] = (row[j] - mean[j]) / sd[j]
			}
		}
	}
	return mean, sd
}
