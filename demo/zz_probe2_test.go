package demo

import (
	"context"
	"database/sql"
	"fmt"
	"testing"
	"time"
)

func TestProbeLoad(t *testing.T) {
	ctx := context.Background()
	t0 := time.Now()
	s, err := StartServer(ctx, "demo")
	if err != nil {
		t.Fatal(err)
	}
	fmt.Println("start", time.Since(t0), s.DSN())
	db, err := sql.Open("mysql", s.DSN())
	if err != nil {
		t.Fatal(err)
	}
	shop := Generate(Options{})
	t0 = time.Now()
	if err := Load(ctx, db, shop); err != nil {
		t.Fatal(err)
	}
	fmt.Println("load", time.Since(t0))
	t0 = time.Now()
	rows, err := db.QueryContext(ctx, "SELECT customer_id, COUNT(*), SUM(total_amount), MIN(created_at), MAX(created_at) FROM orders WHERE status='paid' GROUP BY customer_id")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for rows.Next() {
		var id sql.NullInt64
		var c int
		var sum any
		var a, b time.Time
		if err := rows.Scan(&id, &c, &sum, &a, &b); err != nil {
			t.Fatal(err)
		}
		if n == 0 {
			fmt.Printf("%T %v %v %v\n", sum, sum, a, b)
		}
		n++
	}
	fmt.Println("query", n, time.Since(t0), rows.Err())
	db.Close()
	t0 = time.Now()
	fmt.Println(s.Close(), time.Since(t0))
}
