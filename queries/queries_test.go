package queries

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestOrdersSQLWrapsOrders(t *testing.T) {
	for _, tt := range []struct {
		opt     Optional
		byBytes bool
		want    []string
		not     []string
	}{
		{Optional{Cost: true}, false,
			[]string{"SELECT o.customer_id AS customer_id, o.order_id AS order_id, o.ordered_at AS ordered_at, o.amount AS amount, o.cost AS cost\nFROM (\n",
				"SELECT 1 AS x -- trailing comment\n) o\nORDER BY o.customer_id"},
			[]string{"discount", "category", "BINARY"}},
		{Optional{Discount: true, Category: true}, true,
			[]string{"o.amount AS amount, o.discount AS discount, o.category AS category\n", "ORDER BY CAST(o.customer_id AS BINARY)"},
			[]string{"cost"}},
	} {
		got := OrdersSQL("SELECT 1 AS x -- trailing comment", tt.opt, tt.byBytes)
		for _, want := range tt.want {
			if !strings.Contains(got, want) {
				t.Errorf("orders SQL lacks %q:\n%s", want, got)
			}
		}
		for _, not := range tt.not {
			if strings.Contains(got, not) {
				t.Errorf("orders SQL has %q:\n%s", not, got)
			}
		}
		if strings.Contains(got, "?") {
			t.Errorf("orders SQL has placeholders; it must run as-is in a MySQL client")
		}
	}
}

func TestCleanAndLoadDir(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "customers.sql"), []byte("SELECT id AS customer_id FROM c;\n\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "orders.sql"), []byte("  SELECT * FROM o ; ; "), 0o644)
	src, err := LoadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if src.Customers.SQL != "SELECT id AS customer_id FROM c" || src.Orders.SQL != "SELECT * FROM o" {
		t.Errorf("cleaned SQL: %q, %q", src.Customers.SQL, src.Orders.SQL)
	}
	if src.Orders.Name != filepath.Join(dir, "orders.sql") {
		t.Errorf("name = %q", src.Orders.Name)
	}
	os.Remove(filepath.Join(dir, "orders.sql"))
	if _, err := LoadDir(dir); err == nil || !strings.Contains(err.Error(), "orders.sql") {
		t.Errorf("missing orders.sql: %v", err)
	}
	os.WriteFile(filepath.Join(dir, "orders.sql"), []byte(" ; \n"), 0o644)
	if _, err := LoadDir(dir); err == nil || !strings.Contains(err.Error(), "orders.sql: the file holds no SQL") {
		t.Errorf("empty orders.sql: %v", err)
	}
	b := Builtin()
	if !strings.Contains(b.Orders.SQL, "AS amount") || strings.HasSuffix(b.Orders.SQL, ";") {
		t.Errorf("builtin orders.sql = %q", b.Orders.SQL)
	}
}

func TestKindOf(t *testing.T) {
	tests := map[string]Kind{
		"DECIMAL": KindNumber, "BIGINT": KindNumber, "UNSIGNED BIGINT": KindNumber, "INT": KindNumber,
		"DOUBLE": KindNumber, "FLOAT": KindNumber, "YEAR": KindNumber, "TINYINT": KindNumber,
		"DATE": KindTime, "DATETIME": KindTime, "TIMESTAMP": KindTime,
		"VARCHAR": KindText, "CHAR": KindText, "TEXT": KindText, "LONGTEXT": KindText, "BLOB": KindText, "ENUM": KindText,
		"TIME": KindOther, "GEOMETRY": KindOther,
	}
	for in, want := range tests {
		if got := KindOf(in); got != want {
			t.Errorf("KindOf(%q) = %v, want %v", in, got, want)
		}
	}
}

func TestCheckColumns(t *testing.T) {
	good := []Column{{"customer_id", "BIGINT"}, {"order_id", "VARCHAR"}, {"ordered_at", "DATETIME"}, {"amount", "DECIMAL"}, {"cost", "DECIMAL"}}
	tests := []struct {
		name string
		cols []Column
		want string // error; "" for none
	}{
		{"good", good, ""},
		{"upper-case names", []Column{{"CUSTOMER_ID", "INT"}, {"Order_Id", "INT"}, {"ORDERED_AT", "DATE"}, {"Amount", "DOUBLE"}}, ""},
		{"missing amount", good[:3], `q/orders.sql: column "amount" is missing (the query must return customer_id, order_id, ordered_at, amount; alias your columns with AS)`},
		{"amount as text", []Column{good[0], good[1], good[2], {"amount", "VARCHAR"}}, `q/orders.sql: column "amount" is VARCHAR, want a number (DECIMAL, INT, DOUBLE, ...)`},
		{"date as text", []Column{good[0], good[1], {"ordered_at", "VARCHAR"}, good[3]}, `q/orders.sql: column "ordered_at" is VARCHAR, want a date or datetime (DATE, DATETIME, TIMESTAMP)`},
		{"duplicate", append([]Column{{"amount", "INT"}}, good...), `q/orders.sql: column "amount" appears twice; give each column its own alias`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			present, err := CheckColumns("q/orders.sql", tt.cols, OrderColumns)
			if tt.want == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if err == nil || err.Error() != tt.want {
				t.Errorf("err = %v\nwant %s", err, tt.want)
			}
			_ = present
		})
	}
	present, _ := CheckColumns("o.sql", good, OrderColumns)
	if !present["cost"] || present["discount"] {
		t.Errorf("present = %v", present)
	}
}
