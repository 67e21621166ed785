// Command gen builds the benchmark shop in MariaDB: the demo shop's
// generator scaled to N customers and M orders, written as CSV and loaded
// with LOAD DATA LOCAL INFILE, indexed like a real shop (orders by customer
// and by date). A database already holding the same counts is reused. It
// also writes the SQL statements the job sends for the benchmark's as-of
// date, for the database-floor measurement.
package main

import (
	"bufio"
	"database/sql"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/go-sql-driver/mysql"

	"github.com/custseg/custseg/config"
	"github.com/custseg/custseg/demo"
	"github.com/custseg/custseg/queries"
)

func main() {
	customers := flag.Int("customers", 100_000, "customers")
	orders := flag.Int("orders", 1_000_000, "order rows")
	dsn := flag.String("dsn", "root@tcp(127.0.0.1:3306)/", "MariaDB server (no database)")
	dbName := flag.String("db", "", "database (default custseg_bench_<customers>)")
	sqlDir := flag.String("sql", "", "write the job's SQL statements into this folder")
	flag.Parse()
	if *dbName == "" {
		*dbName = fmt.Sprintf("custseg_bench_%d", *customers)
	}
	mc, err := mysql.ParseDSN(*dsn)
	if err != nil {
		log.Fatal(err)
	}
	mc.AllowAllFiles = true
	mc.ParseTime = true
	admin, err := sql.Open("mysql", mc.FormatDSN())
	if err != nil {
		log.Fatal(err)
	}
	if _, err := admin.Exec("CREATE DATABASE IF NOT EXISTS " + *dbName + " CHARACTER SET utf8mb4"); err != nil {
		log.Fatal(err)
	}
	mc.DBName = *dbName
	db, err := sql.Open("mysql", mc.FormatDSN())
	if err != nil {
		log.Fatal(err)
	}
	db.SetMaxOpenConns(1)
	var nc, no int
	_ = db.QueryRow("SELECT COUNT(*) FROM customers").Scan(&nc)
	_ = db.QueryRow("SELECT COUNT(*) FROM orders").Scan(&no)
	shopOpts := demo.Options{Customers: *customers, Orders: *orders}
	if nc == *customers && no > 0 {
		log.Printf("reusing %s: %d customers, %d orders", *dbName, nc, no)
	} else {
		t0 := time.Now()
		shop := demo.Generate(shopOpts)
		log.Printf("generated %d customers, %d orders in %s", len(shop.Customers), len(shop.Orders), time.Since(t0).Round(time.Second))
		dir, err := os.MkdirTemp("", "custseg-bench-")
		if err != nil {
			log.Fatal(err)
		}
		defer os.RemoveAll(dir)
		cpath, opath := filepath.Join(dir, "customers.tsv"), filepath.Join(dir, "orders.tsv")
		writeTSV(cpath, len(shop.Customers), func(w *bufio.Writer, i int) {
			c := shop.Customers[i]
			fmt.Fprintf(w, "%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", c.ID, c.FullName, nullable(c.Email), c.Mobile,
				c.Province, c.City, c.Gender, c.BirthDate.Format("2006-01-02"), c.Channel, c.CreatedAt.Format("2006-01-02 15:04:05"))
		})
		writeTSV(opath, len(shop.Orders), func(w *bufio.Writer, i int) {
			o := shop.Orders[i]
			cust := `\N`
			if o.CustomerID.Valid {
				cust = fmt.Sprint(o.CustomerID.Int64)
			}
			fmt.Fprintf(w, "%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", o.ID, o.OrderNo, cust, o.CreatedAt.Format("2006-01-02 15:04:05"),
				o.Status, demo.FormatCents(o.TotalCents), demo.FormatCents(o.DiscountCents), demo.FormatCents(o.CostCents), o.Category)
		})
		shop = nil
		t0 = time.Now()
		for _, q := range []string{"DROP TABLE IF EXISTS orders", "DROP TABLE IF EXISTS customers"} {
			must(db.Exec(q))
		}
		for _, q := range demo.Schema {
			must(db.Exec(q))
		}
		must(db.Exec("LOAD DATA LOCAL INFILE '" + cpath + "' INTO TABLE customers CHARACTER SET utf8mb4"))
		must(db.Exec("LOAD DATA LOCAL INFILE '" + opath + "' INTO TABLE orders CHARACTER SET utf8mb4"))
		log.Printf("loaded in %s", time.Since(t0).Round(time.Second))
		t0 = time.Now()
		for _, q := range demo.Indexes {
			must(db.Exec(q))
		}
		must(db.Exec("ANALYZE TABLE customers, orders"))
		log.Printf("indexed in %s", time.Since(t0).Round(time.Second))
	}
	if *sqlDir != "" {
		if err := os.MkdirAll(*sqlDir, 0o755); err != nil {
			log.Fatal(err)
		}
		src := queries.Builtin()
		stmts := map[string]string{
			"1-customers.sql": src.Customers.SQL,
			"2-orders.sql":    queries.OrdersSQL(src.Orders.SQL, queries.Optional{Cost: true, Discount: true, Category: true}, false),
		}
		// The session the job sets up: temporary tables of
		// database.temp_table_mb (the default).
		tmp := int64(config.Default().Database.TempTableMB) << 20
		session := fmt.Sprintf("SET SESSION tmp_table_size = %d, max_heap_table_size = %d;\n", tmp, tmp)
		for name, q := range stmts {
			if err := os.WriteFile(filepath.Join(*sqlDir, name), []byte(session+q+";\n"), 0o644); err != nil {
				log.Fatal(err)
			}
		}
	}
}

func writeTSV(path string, n int, row func(*bufio.Writer, int)) {
	f, err := os.Create(path)
	if err != nil {
		log.Fatal(err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	for i := 0; i < n; i++ {
		row(w, i)
	}
	if err := w.Flush(); err != nil {
		log.Fatal(err)
	}
	if err := f.Close(); err != nil {
		log.Fatal(err)
	}
}

func nullable(s sql.NullString) string {
	if !s.Valid {
		return `\N`
	}
	return strings.NewReplacer("\t", " ", "\n", " ", `\`, `\\`).Replace(s.String)
}

func must(_ sql.Result, err error) {
	if err != nil {
		log.Fatal(err)
	}
}
