package cohorts

import (
	"cmp"
	"slices"

	"github.com/custseg/custseg/analysis/stats"
)

// Cohort is one monthly acquisition cohort: buyers whose first purchase
// fell in Month.
type Cohort struct {
	Month     string    // YYYY-MM
	Size      int       // buyers acquired
	Active    []int     // buyers who bought in month k after acquisition (k = 0, 1, ...)
	Revenue   []float64 // their purchases in month k
	Retention []float64 // Active[k] ÷ Size
}

// Cell is one (acquisition month, order month) cell as the database
// aggregated it.
type Cell struct {
	Cohort    string // YYYY-MM of the buyer's first purchase
	Month     string // YYYY-MM of the purchases
	Customers int    // distinct buyers of the cohort who bought in Month
	Revenue   float64
}

// Build lays the monthly cohort cells out as one Cohort per
// acquisition month, in ascending order. With m₀ the cohort's month and M
// the last order month of any valid cell, for k = 0 … M − m₀:
//
//	Active[k]    = buyers of the cohort who bought in month m₀ + k
//	Revenue[k]   = their purchases in that month
//	Size         = Active[0], the buyers acquired in m₀
//	Retention[k] = Active[k] ÷ Size (0 when Size is 0)
//
// so every cohort runs to the same last month and the table is a
// triangle. Months without a cell count 0; cells listed twice add up.
// Cells whose month is not a valid YYYY-MM, or whose order month precedes
// the cohort month (bad data), are ignored; a cohort with no valid cell
// is not listed. No cells give nil. No value is NaN or ±Inf.
func Build(cells []Cell) []Cohort {
	type cell struct {
		cohort, month int
		customers     int
		revenue       float64
	}
	valid := make([]cell, 0, len(cells))
	last := 0
	for _, c := range cells {
		m0, ok0 := monthIndex(c.Cohort)
		m, ok := monthIndex(c.Month)
		if !ok0 || !ok || m < m0 {
			continue
		}
		valid = append(valid, cell{m0, m, c.Customers, stats.Finite(c.Revenue)})
		last = max(last, m)
	}
	if len(valid) == 0 {
		return nil
	}
	slices.SortStableFunc(valid, func(a, b cell) int { return cmp.Compare(a.cohort, b.cohort) })
	var out []Cohort
	cur := -1 // month index of out's last cohort
	for _, c := range valid {
		if c.cohort != cur {
			cur = c.cohort
			n := last - c.cohort + 1
			out = append(out, Cohort{
				Month:     monthString(c.cohort),
				Active:    make([]int, n),
				Revenue:   make([]float64, n),
				Retention: make([]float64, n),
			})
		}
		co := &out[len(out)-1]
		k := c.month - c.cohort
		co.Active[k] += c.customers
		co.Revenue[k] += c.revenue
	}
	for i := range out {
		co := &out[i]
		co.Size = co.Active[0]
		for k, a := range co.Active {
			co.Retention[k] = stats.Ratio(float64(a), float64(co.Size))
		}
	}
	return out
}

// monthIndex parses YYYY-MM into 12·year + month − 1; ok is false for
// anything else, including months outside 01–12.
func monthIndex(s string) (int, bool) {
	if len(s) != 7 || s[4] != '-' {
		return 0, false
	}
	n := 0
	for i, ch := range []byte(s) {
		if i == 4 {
			continue
		}
		if ch < '0' || ch > '9' {
			return 0, false
		}
		n = n*10 + int(ch-'0')
	}
	year, month := n/100, n%100
	if month < 1 || month > 12 {
		return 0, false
	}
	return year*12 + month - 1, true
}

// monthString formats a monthIndex as YYYY-MM.
func monthString(m int) string {
	y, mo := m/12, m%12+1
	return string([]byte{
		byte('0' + y/1000%10), byte('0' + y/100%10), byte('0' + y/10%10), byte('0' + y%10),
		'-', byte('0' + mo/10), byte('0' + mo%10),
	})
}
