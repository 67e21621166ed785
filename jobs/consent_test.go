package jobs

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/custseg/custseg/analysis"
	"github.com/custseg/custseg/queries"
)

// TestExtractEmailConsent: customers.sql's email_consent column is read as
// consent, not as an attribute.
func TestExtractEmailConsent(t *testing.T) {
	tdb := loadFixture(t)
	db := openFixture(t, tdb)
	src := queries.Builtin()
	const from = "\nFROM customers c"
	if !strings.Contains(src.Customers.SQL, from) {
		t.Fatal("the built-in customers.sql no longer ends with the FROM line this test extends")
	}
	src.Customers.SQL = strings.Replace(src.Customers.SQL, from,
		",\n  CASE c.id WHEN 1 THEN 'yes' WHEN 2 THEN 'No' WHEN 3 THEN NULL WHEN 4 THEN 'maybe' ELSE '1' END AS email_consent"+from, 1)
	win := queries.NewWindow(asOf, time.UTC, 90)
	ex, err := queries.Extract(context.Background(), db, src, win, queries.Rules{ZeroIsPurchase: true})
	if err != nil {
		t.Fatal(err)
	}
	ds := ex.Dataset
	if !ds.HasConsent || slices.Contains(ds.AttrNames, "email_consent") {
		t.Fatalf("HasConsent %v, attributes %v", ds.HasConsent, ds.AttrNames)
	}
	want := map[string]analysis.Consent{"1": analysis.ConsentYes, "2": analysis.ConsentNo, "3": analysis.ConsentNo,
		"4": analysis.ConsentNo, "5": analysis.ConsentYes}
	for _, c := range ds.Customers {
		if w, ok := want[c.ID]; ok && c.Consent != w {
			t.Errorf("customer %s: consent %d, want %d", c.ID, c.Consent, w)
		}
	}
}
