package demo

import (
	"fmt"
	"slices"
	"testing"
	"time"
)

func TestProbe(t *testing.T) {
	t0 := time.Now()
	s := Generate(Options{})
	fmt.Println("gen", time.Since(t0))
	fmt.Printf("%+v\n", s.Summary())
	cnt := map[int64]int{}
	var amts []int64
	for _, o := range s.Orders {
		if o.Status == StatusPaid && o.CustomerID.Valid {
			cnt[o.CustomerID.Int64]++
			amts = append(amts, o.TotalCents)
		}
	}
	var cs []int
	for _, c := range cnt {
		cs = append(cs, c)
	}
	slices.Sort(cs)
	slices.Sort(amts)
	q := func(p float64) int { return cs[int(p*float64(len(cs)-1))] }
	fmt.Println("counts q10..q99", q(.1), q(.25), q(.5), q(.6), q(.75), q(.8), q(.9), q(.95), q(.99), cs[len(cs)-1])
	qa := func(p float64) int64 { return amts[int(p*float64(len(amts)-1))] }
	fmt.Println("amts", qa(.1), qa(.25), qa(.5), qa(.75), qa(.9), qa(.99))
	months := map[string]int{}
	for _, o := range s.Orders {
		months[o.CreatedAt.Format("2006-01")]++
	}
	var ks []string
	for k := range months {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	for _, k := range ks {
		fmt.Print(k, ":", months[k], " ")
	}
	fmt.Println()
}
