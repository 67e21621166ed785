package testdb

import (
	"fmt"
	"testing"
	"time"
)

// TestSweep: the databases of killed test runs (older than staleAfter) are
// dropped; fresh ones, and names without a creation time, are kept.
func TestSweep(t *testing.T) {
	d := New(t)
	if d.Kind != "mariadb" {
		t.Skip("sweeping is for a real server; the embedded engine ends with the test")
	}
	admin := d.Open(t)
	now := time.Now()
	tests := []struct {
		name string
		keep bool
	}{
		{fmt.Sprintf("%s%d_%s", namePrefix, now.Add(-staleAfter-time.Minute).Unix(), randomHex(4)), false},
		{fmt.Sprintf("%s%d_%s_wb", namePrefix, now.Add(-staleAfter-time.Minute).Unix(), randomHex(4)), false},
		{fmt.Sprintf("%s%d_%s", namePrefix, now.Add(-time.Minute).Unix(), randomHex(4)), true},
		{namePrefix + "legacy" + randomHex(4), true},
	}
	for _, tt := range tests {
		if _, err := admin.Exec("CREATE DATABASE `" + tt.name + "`"); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { admin.Exec("DROP DATABASE IF EXISTS `" + tt.name + "`") })
	}
	sweep(t, admin, now)
	for _, tt := range tests {
		var n int
		if err := admin.QueryRow("SELECT COUNT(*) FROM information_schema.schemata WHERE schema_name = ?", tt.name).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if kept := n == 1; kept != tt.keep {
			t.Errorf("%s: kept %v, want %v", tt.name, kept, tt.keep)
		}
	}
}
