package queries

import (
	"reflect"
	"strings"
	"testing"
)

func TestLockingClauses(t *testing.T) {
	for _, tc := range []struct {
		name, sql string
		want      []Locking
	}{
		{"none", "SELECT id FROM orders", nil},
		{"share mode", "SELECT id FROM orders LOCK IN SHARE MODE", []Locking{{"LOCK IN SHARE MODE", 1}}},
		{"lower case, line breaks", "SELECT id\nFROM orders\nlock\n  in\tshare\r\n mode", []Locking{{"LOCK IN SHARE MODE", 3}}},
		{"for update", "SELECT id FROM orders\nWHERE x = 1 FOR UPDATE", []Locking{{"FOR UPDATE", 2}}},
		{"for share nowait", "SELECT id FROM orders For   Share NOWAIT", []Locking{{"FOR SHARE", 1}}},
		{"comment between words", "SELECT id FROM orders FOR /* why */ UPDATE", []Locking{{"FOR UPDATE", 1}}},
		{"executable comment", "SELECT id FROM orders /*!50000 FOR UPDATE */", []Locking{{"FOR UPDATE", 1}}},
		{"in a string", "SELECT 'FOR UPDATE' AS note, id FROM orders WHERE n <> 'lock in share mode'", nil},
		{"in a string with escapes", `SELECT 'it''s \' FOR UPDATE' FROM orders`, nil},
		{"in a quoted identifier", "SELECT `for update` FROM orders", nil},
		{"in a line comment", "SELECT id FROM orders -- FOR UPDATE\n", nil},
		{"in a hash comment", "SELECT id FROM orders # LOCK IN SHARE MODE\n", nil},
		{"in a block comment", "SELECT id /* FOR\nUPDATE */ FROM orders\nFOR UPDATE", []Locking{{"FOR UPDATE", 3}}},
		{"words apart", "SELECT id FROM orders WHERE kind = 'for' AND update_at > 0", nil},
		{"column names", "SELECT for_update, share_mode FROM orders", nil},
		{"punctuation between", "SELECT id AS `for`, update FROM orders", nil},
		{"in a subquery", "SELECT * FROM (SELECT id FROM orders FOR UPDATE) o", []Locking{{"FOR UPDATE", 1}}},
	} {
		if got := LockingClauses(tc.sql); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s: got %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestCheckLocking(t *testing.T) {
	src := Builtin()
	if err := CheckLocking(src); err != nil {
		t.Fatalf("built-in queries: %v", err)
	}
	src.Orders = File{Name: "queries/orders.sql", SQL: "SELECT *\nFROM orders\nLOCK IN SHARE MODE"}
	err := CheckLocking(src)
	if err == nil || !strings.HasPrefix(err.Error(), "queries/orders.sql: line 3: LOCK IN SHARE MODE locks every row") ||
		!strings.Contains(err.Error(), "queries.allow_locking: true") {
		t.Errorf("err = %v", err)
	}
}
