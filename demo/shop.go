package demo

import (
	"database/sql"
	"time"
)

// DefaultSeed is the seed Generate uses when Options.Seed is 0.
const DefaultSeed = 20260930

// Status values of orders.status.
const (
	StatusPaid      = "paid"
	StatusRefund    = "refund"    // a refund of an earlier order: negative amounts, order_no "R"+original
	StatusCancelled = "cancelled" // placed and cancelled; no money moved
)

// Channel values of customers.channel.
const (
	ChannelApp         = "app"
	ChannelWeb         = "web"
	ChannelMiniProgram = "mini-program"
	ChannelStore       = "store"
)

// Options shape the generated shop. Zero fields take the defaults noted.
type Options struct {
	Seed      int64     // default DefaultSeed; the same seed gives the same shop
	Customers int       // registered customers; default 20000
	Orders    int       // target number of order rows (all statuses); default 200000
	Start     time.Time // first possible registration; default 2023-10-01 00:00:00
	End       time.Time // last possible order; default 2026-09-30 23:59:59
}

// DefaultOptions returns the options of the standard demo shop.
func DefaultOptions() Options { return Options{}.withDefaults() }

func (o Options) withDefaults() Options {
	if o.Seed == 0 {
		o.Seed = DefaultSeed
	}
	if o.Customers <= 0 {
		o.Customers = 20000
	}
	if o.Orders <= 0 {
		o.Orders = 200000
	}
	if o.Start.IsZero() {
		o.Start = date(2023, time.October, 1)
	}
	if o.End.IsZero() {
		o.End = date(2026, time.September, 30).Add(24*time.Hour - time.Second)
	}
	return o
}

// Shop is a generated shop: one row per customers and orders table row.
type Shop struct {
	Options   Options // as used, defaults filled in
	Customers []CustomerRow
	Orders    []OrderRow // sorted by ID, which follows CreatedAt
}

// CustomerRow is one row of the customers table.
type CustomerRow struct {
	ID        int64 // 1..Options.Customers, in order of CreatedAt
	FullName  string
	Email     sql.NullString // NULL for some store and mini-program sign-ups
	Mobile    string         // fake but well-formed, e.g. "13812345678"
	Province  string         // e.g. "广东"
	City      string         // e.g. "广州"
	Gender    string         // "F" or "M"
	BirthDate time.Time      // midnight UTC
	Channel   string         // one of the Channel constants
	CreatedAt time.Time      // registration
}

// OrderRow is one row of the orders table. Amounts are in cents (fen):
// TotalCents is what the customer paid, after DiscountCents was taken off
// the list price; CostCents is the cost of the goods. Refund rows carry
// negative amounts.
type OrderRow struct {
	ID            int64
	OrderNo       string        // "yyyymmdd" + 8-digit id; refunds "R" + the original's
	CustomerID    sql.NullInt64 // NULL for a few bad rows
	CreatedAt     time.Time
	Status        string // one of the Status constants
	TotalCents    int64
	DiscountCents int64
	CostCents     int64
	Category      string // one of Categories
}
