package demo

import (
	"os"
	"strconv"
	"syscall"
	"context"
	"database/sql"
	"fmt"
	"strings"
	"testing"
	"time"
)

func TestProbeSteps(t *testing.T) {
	for _, bs := range []int{envInt()} {
		batchRows = bs
		fmt.Println("batch", bs)
		probeSteps(t)
	}
}

func probeSteps(t *testing.T) {
	ctx := context.Background()
	s, _ := StartServer(ctx, "demo")
	defer s.Close()
	db, _ := sql.Open("mysql", s.DSN())
	defer db.Close()
	shop := Generate(Options{})
	conn, _ := db.Conn(ctx)
	q := quoter{backslash: true}
	for _, stmt := range append(append([]string(nil), dropTables...), Schema...) {
		if _, err := conn.ExecContext(ctx, stmt); err != nil {
			t.Fatal(err)
		}
	}
	t0 := time.Now()
	insertBatches(ctx, conn, "customers", len(shop.Customers), customerColumns, func(b *strings.Builder, i int) { q.customer(b, &shop.Customers[i]) })
	fmt.Println("customers", time.Since(t0))
	t0 = time.Now()
	last := t0
	var b strings.Builder
	for lo := 0; lo < len(shop.Orders); lo += batchRows {
		hi := min(lo+batchRows, len(shop.Orders))
		b.Reset()
		b.WriteString("INSERT INTO orders (" + orderColumns + ") VALUES ")
		for i := lo; i < hi; i++ {
			if i > lo {
				b.WriteByte(',')
			}
			q.order(&b, &shop.Orders[i])
		}
		if _, err := conn.ExecContext(ctx, b.String()); err != nil {
			t.Fatal(err)
		}
		if lo%40000 == 0 {
			fmt.Println(lo, time.Since(last))
			last = time.Now()
		}
	}
	fmt.Println("orders", time.Since(t0), "cpu total", cpu())
	for _, stmt := range Indexes {
		t0 = time.Now()
		conn.ExecContext(ctx, stmt)
		fmt.Println(stmt, time.Since(t0))
	}
}

func envInt() int { n, _ := strconv.Atoi(os.Getenv("BS")); return n }

func cpu() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(0, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
