package demo

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// smallOptions is the shop the load tests use: big enough to have every
// kind of row, small enough to load in a second or two.
var smallOptions = Options{Customers: 2000, Orders: 20000}

// shopHash hashes every field of every row.
func shopHash(s *Shop) string {
	h := sha256.New()
	for _, c := range s.Customers {
		fmt.Fprintf(h, "%d|%s|%v|%s|%s|%s|%s|%s|%s|%s\n", c.ID, c.FullName, c.Email, c.Mobile, c.Province, c.City,
			c.Gender, c.BirthDate.Format(time.DateOnly), c.Channel, c.CreatedAt.Format(time.DateTime))
	}
	for _, o := range s.Orders {
		fmt.Fprintf(h, "%d|%s|%v|%s|%s|%d|%d|%d|%s\n", o.ID, o.OrderNo, o.CustomerID, o.CreatedAt.Format(time.DateTime),
			o.Status, o.TotalCents, o.DiscountCents, o.CostCents, o.Category)
	}
	return hex.EncodeToString(h.Sum(nil))
}

func TestGenerateDeterministic(t *testing.T) {
	a, b := Generate(smallOptions), Generate(smallOptions)
	ha, hb := shopHash(a), shopHash(b)
	if ha != hb {
		t.Fatalf("same options, different shops: %s != %s", ha, hb)
	}
	other := smallOptions
	other.Seed = 7
	if hc := shopHash(Generate(other)); hc == ha {
		t.Fatalf("seed 7 gave the same shop as the default seed (%s)", hc)
	}
	if a.Options.Seed != DefaultSeed {
		t.Errorf("Options.Seed = %d, want the default %d", a.Options.Seed, DefaultSeed)
	}
}

func TestGenerateShares(t *testing.T) {
	tests := []struct {
		name string
		opts Options
	}{
		{"default", Options{}},
		{"small", smallOptions},
		{"other seed", Options{Seed: 42, Customers: 5000, Orders: 40000}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if testing.Short() && tt.name == "default" {
				t.Skip("full-size shop skipped in -short mode")
			}
			shop := Generate(tt.opts)
			o := shop.Options
			s := shop.Summary()
			t.Logf("%+v", s)
			if s.Customers != o.Customers {
				t.Errorf("customers = %d, want %d", s.Customers, o.Customers)
			}
			if math.Abs(float64(s.Orders-o.Orders)) > 0.05*float64(o.Orders) {
				t.Errorf("orders = %d, want %d ± 5%%", s.Orders, o.Orders)
			}
			// Bounds: the brief's targets with room for sampling noise.
			shares := []struct {
				name    string
				got     float64
				lo, hi  float64
				comment string
			}{
				{"never bought", s.NeverBoughtShare, 0.06, 0.10, "about 8% of customers"},
				{"one-time buyers", s.OneTimeShare, 0.35, 0.45, "about 40% of buyers"},
				{"top-20% revenue", s.Top20Share, 0.50, 0.85, "Pareto: about 60-75%"},
				{"refunds", s.RefundShare, 0.02, 0.04, "about 3% of paid orders"},
				{"cancelled", float64(s.Cancelled) / float64(s.Paid), 0.005, 0.015, "about 1%"},
				{"discounted", s.DiscountShare, 0.25, 0.35, "about 30% of paid orders"},
			}
			for _, sh := range shares {
				if sh.got < sh.lo || sh.got > sh.hi {
					t.Errorf("%s share = %.3f, want in [%.3f, %.3f] (%s)", sh.name, sh.got, sh.lo, sh.hi, sh.comment)
				}
			}
			bad := []struct {
				name      string
				got, want int
			}{
				{"orders without customer", s.NullCustomerOrders, 5},
				{"orders of unknown customers", s.UnknownCustomerOrders, 5},
				{"orders after End", s.FutureOrders, 3},
				{"orders with amount 0", s.ZeroAmountOrders, 3},
			}
			for _, b := range bad {
				if b.got != b.want {
					t.Errorf("%s = %d, want %d", b.name, b.got, b.want)
				}
			}
		})
	}
}

// TestGenerateRows checks the invariants every row must keep for the
// tables and for the product's data-quality rules.
func TestGenerateRows(t *testing.T) {
	shop := Generate(smallOptions)
	o := shop.Options
	customers := map[int64]*CustomerRow{}
	emails, mobiles := map[string]bool{}, map[string]bool{}
	fits := func(what, s string, n int) {
		if utf8.RuneCountInString(s) > n {
			t.Errorf("%s %q longer than VARCHAR(%d)", what, s, n)
		}
	}
	for i := range shop.Customers {
		c := &shop.Customers[i]
		if c.ID != int64(i+1) {
			t.Fatalf("customer %d has id %d", i, c.ID)
		}
		customers[c.ID] = c
		if c.Gender != "F" && c.Gender != "M" {
			t.Errorf("customer %d: gender %q", c.ID, c.Gender)
		}
		if c.CreatedAt.Before(o.Start) || c.CreatedAt.After(o.End) {
			t.Errorf("customer %d: created_at %s outside the period", c.ID, c.CreatedAt)
		}
		ageAtEnd := o.End.Sub(c.BirthDate).Hours() / 24 / 365.25
		ageAtReg := c.CreatedAt.Sub(c.BirthDate).Hours() / 24 / 365.25
		if ageAtReg < 18 || ageAtEnd >= 71 {
			t.Errorf("customer %d: born %s, aged %.1f at sign-up and %.1f at End", c.ID, c.BirthDate, ageAtReg, ageAtEnd)
		}
		if len(c.Mobile) != 11 || c.Mobile[0] != '1' || mobiles[c.Mobile] {
			t.Errorf("customer %d: mobile %q malformed or duplicate", c.ID, c.Mobile)
		}
		mobiles[c.Mobile] = true
		if c.Email.Valid {
			if !strings.Contains(c.Email.String, "@") || emails[c.Email.String] {
				t.Errorf("customer %d: email %q malformed or duplicate", c.ID, c.Email.String)
			}
			emails[c.Email.String] = true
			fits("email", c.Email.String, 128)
		}
		fits("full_name", c.FullName, 64)
		fits("province", c.Province, 32)
		fits("city", c.City, 32)
		fits("channel", c.Channel, 16)
	}

	byNo := map[string]*OrderRow{}
	for i := range shop.Orders {
		r := &shop.Orders[i]
		if r.ID != int64(i+1) {
			t.Fatalf("order %d has id %d", i, r.ID)
		}
		if i > 0 && r.CreatedAt.Before(shop.Orders[i-1].CreatedAt) {
			t.Errorf("order %d is dated before order %d", r.ID, r.ID-1)
		}
		if byNo[r.OrderNo] != nil {
			t.Errorf("order_no %s repeated", r.OrderNo)
		}
		byNo[r.OrderNo] = r
		fits("order_no", r.OrderNo, 32)
		if c := customers[r.CustomerID.Int64]; c != nil && r.CreatedAt.Before(c.CreatedAt) {
			t.Errorf("order %d dated %s before its customer signed up (%s)", r.ID, r.CreatedAt, c.CreatedAt)
		}
		switch r.Status {
		case StatusPaid, StatusCancelled:
			if r.TotalCents < 0 || r.DiscountCents < 0 || r.CostCents < 0 {
				t.Errorf("%s order %d has a negative amount", r.Status, r.ID)
			}
			if r.TotalCents >= 100_00 {
				if ratio := float64(r.CostCents) / float64(r.TotalCents); ratio < 0.55 || ratio > 0.75 {
					t.Errorf("order %d: cost %.2f of the amount, want 0.55-0.75", r.ID, ratio)
				}
			}
		case StatusRefund:
		default:
			t.Errorf("order %d: status %q", r.ID, r.Status)
		}
	}
	refunds := 0
	for _, r := range shop.Orders {
		if r.Status != StatusRefund {
			continue
		}
		refunds++
		orig := byNo[strings.TrimPrefix(r.OrderNo, "R")]
		switch {
		case orig == nil || !strings.HasPrefix(r.OrderNo, "R"):
			t.Errorf("refund %d (%s) refers to no order", r.ID, r.OrderNo)
		case orig.Status != StatusPaid:
			t.Errorf("refund %d refunds a %s order", r.ID, orig.Status)
		case orig.CustomerID != r.CustomerID:
			t.Errorf("refund %d is for customer %v, its order for %v", r.ID, r.CustomerID, orig.CustomerID)
		case !r.CreatedAt.After(orig.CreatedAt) || r.CreatedAt.After(o.End):
			t.Errorf("refund %d dated %s; its order %s; End %s", r.ID, r.CreatedAt, orig.CreatedAt, o.End)
		case r.TotalCents >= 0 || -r.TotalCents > orig.TotalCents:
			t.Errorf("refund %d of %d cents for an order of %d", r.ID, r.TotalCents, orig.TotalCents)
		}
	}
	if refunds == 0 {
		t.Error("no refunds")
	}
}

func TestQuoterAndCents(t *testing.T) {
	tests := []struct {
		in, backslash, plain string
	}{
		{"王芳", `'王芳'`, `'王芳'`},
		{"O'Neil", `'O''Neil'`, `'O''Neil'`},
		{`a\b`, `'a\\b'`, `'a\b'`},
		{"x\ny\x00", `'x\ny\0'`, "'x\ny\x00'"},
	}
	for _, tt := range tests {
		for _, mode := range []struct {
			q    quoter
			want string
		}{{quoter{backslash: true}, tt.backslash}, {quoter{}, tt.plain}} {
			var b strings.Builder
			mode.q.str(&b, tt.in)
			if b.String() != mode.want {
				t.Errorf("quoter%+v.str(%q) = %s, want %s", mode.q, tt.in, b.String(), mode.want)
			}
		}
	}
	for c, want := range map[int64]string{0: "0.00", 5: "0.05", 1234: "12.34", -1234: "-12.34", -7: "-0.07", 100: "1.00"} {
		if got := FormatCents(c); got != want {
			t.Errorf("FormatCents(%d) = %s, want %s", c, got, want)
		}
	}
}
