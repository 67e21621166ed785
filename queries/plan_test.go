package queries

import "testing"

func TestBaseTable(t *testing.T) {
	for _, c := range []struct{ query, name, want string }{
		{"SELECT o.id FROM orders o WHERE 1", "o", "orders"},
		{"SELECT id FROM shop.orders AS x", "x", "orders"},
		{"SELECT id FROM `orders`", "orders", "orders"},
		{"SELECT l.id FROM orders o JOIN order_lines l ON l.order_id = o.id", "l", "order_lines"},
		{"-- FROM ghosts g\nSELECT o.id FROM orders o", "g", ""},
		{"SELECT 1", "o", ""},
	} {
		if got := baseTable(c.query, c.name); got != c.want {
			t.Errorf("baseTable(%q, %q) = %q, want %q", c.query, c.name, got, c.want)
		}
	}
}

func TestThousands(t *testing.T) {
	for n, want := range map[int64]string{0: "0", 999: "999", 1000: "1,000", 9691191: "9,691,191", -1234567: "-1,234,567"} {
		if got := thousands(n); got != want {
			t.Errorf("thousands(%d) = %s, want %s", n, got, want)
		}
	}
}
