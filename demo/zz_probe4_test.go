package demo

import (
	"context"
	"database/sql"
	"fmt"
	"testing"
	"time"
)

func TestProbeMaria(t *testing.T) {
	ctx := context.Background()
	db, err := sql.Open("mysql", "root@tcp(127.0.0.1:3306)/test?parseTime=true&loc=UTC")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	shop := Generate(Options{})
	t0 := time.Now()
	if err := Load(ctx, db, shop); err != nil {
		t.Fatal(err)
	}
	fmt.Println("load maria", time.Since(t0))
	var n int
	var s float64
	db.QueryRow("select count(*), sum(total_amount) from orders").Scan(&n, &s)
	fmt.Println(n, s, shop.Summary().RevenueCents)
}
