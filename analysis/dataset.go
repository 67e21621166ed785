package analysis

import "time"

// Customer is one customer as the extract step hands it over: the contact
// fields and attribute columns of customers.sql, and the customer's order
// figures, summed by the extract from the rows of orders.sql.
//
// Money fields are in the shop's currency. Orders with a negative amount are
// refunds: they add to Refunds and are netted in Net, but they are not
// purchases. Rows that share an order id are lines of one order.
type Customer struct {
	ID    string
	Name  string
	Email string
	Phone string
	Attrs []string // values of Dataset.AttrNames, same order; "" when NULL
	// Categories are the customer's purchases per product category
	// (Dataset.HasCategory).
	Categories []CategorySpend

	Gross    float64 // sum of positive order amounts
	Refunds  float64 // sum of negative order amounts, as a positive number
	Cost     float64 // sum of cost of purchases and refunds (Dataset.HasCost)
	Discount float64 // sum of discounts of purchases (Dataset.HasDiscount)
	// FirstDayGross is the sum of the purchases made on the first purchase
	// day: the Gamma-Gamma spend model leaves that day out of the mean.
	FirstDayGross float64

	Orders    int32 // purchases: distinct order ids with a positive amount
	OrderDays int32 // distinct calendar days with a purchase
	// RecentOrders and PreviousOrders count purchases in the trend window
	// that ends on the as-of date and in the window of the same length
	// before it (Dataset.WindowDays), each order in the window of its
	// first line.
	RecentOrders   int32
	PreviousOrders int32

	RegisteredAt Date // zero when unknown
	FirstOrder   Date // first purchase; zero when the customer never bought
	LastOrder    Date // last purchase; zero when the customer never bought
	// LastBeforeRecent is the last purchase before the recent window;
	// zero when there was none.
	LastBeforeRecent Date
	// PeriodOrders and PrevPeriodOrders count purchases in the reporting
	// period and in the period before it (Dataset.Period).
	PeriodOrders     int32
	PrevPeriodOrders int32
	// CalOrderDays and CalLastOrder are the purchase days and the last
	// purchase before the back-test's holdout, HoldoutDays the purchase
	// days in it (Dataset.Holdout).
	CalOrderDays int32
	HoldoutDays  int32
	CalLastOrder Date
	// Consent is the email_consent column (Dataset.HasConsent);
	// ConsentUnknown without it.
	Consent Consent
}

// Net is the customer's net revenue: purchases minus refunds.
func (c *Customer) Net() float64 { return c.Gross - c.Refunds }

// IsBuyer reports whether the customer made at least one purchase.
func (c *Customer) IsBuyer() bool { return c.Orders > 0 }

// Period is the reporting period of a run: the days after the previous
// run's as-of date up to this as-of date (or the last 7 days on a first
// run), and the period of the same length before it, with the money the
// extract summed in each over the known customers.
type Period struct {
	Known            bool // the extract summed the period
	Days             int
	From, To         Date // inclusive
	PrevFrom, PrevTo Date // inclusive
	// Gross and Refunds are the purchases and refunds (as a positive
	// amount) in the period; PrevGross and PrevRefunds in the one before.
	Gross, Refunds         float64
	PrevGross, PrevRefunds float64
}

// Holdout describes the back-test's holdout as the extract read it: Units
// time units of UnitDays days from Start (the first day after the
// calibration period) to the as-of date, and each customer's purchase
// days per unit (Cells).
type Holdout struct {
	Known    bool
	Units    int
	UnitDays float64
	Start    Date
	Cells    []HoldoutCell
}

// HoldoutCell counts one customer's purchase days in one time unit of the
// holdout.
type HoldoutCell struct {
	Customer int32 // index into Dataset.Customers
	Unit     int16
	Days     int32
}

// Dataset is everything one run analyses.
type Dataset struct {
	// AsOf is the as-of date at midnight in the stored data's time zone; the
	// as-of day itself is included in the window.
	AsOf        time.Time
	AttrNames   []string // attribute columns of customers.sql, in query order
	HasCost     bool     // orders.sql returned a cost column
	HasDiscount bool     // orders.sql returned a discount column
	// WindowDays is the length of the recent and previous trend windows
	// the extract counted purchases in (0 when not counted).
	WindowDays int
	// HasFirstDay reports whether FirstDayGross was extracted.
	HasFirstDay bool
	// HasConsent reports that customers.sql returned an email_consent
	// column (Customer.Consent); it is not an attribute.
	HasConsent bool
	// HasCategory reports that orders.sql returned a category column;
	// CategoryNames are its values.
	HasCategory   bool
	CategoryNames []string
	// CohortCells are the monthly acquisition cohorts of the customers,
	// as the extract summed them; nil when not extracted.
	CohortCells []CohortCell
	// UnknownBuyers counts the customer ids with purchases in orders.sql
	// that customers.sql does not return. They are left out of every
	// figure, the cohorts included.
	UnknownBuyers int
	// Repeats count the purchase rows of orders.sql that repeat another
	// row exactly, for the fan-out guard (Fanout); zero when not counted.
	Repeats RepeatCounts
	// Period is the reporting period and its sums.
	Period Period
	// Holdout is the back-test's holdout, when the extract read one.
	Holdout Holdout
	// Previous is the previous run's snapshot; nil on the first run.
	Previous  *Snapshot
	Customers []Customer
}

// QualityCheck is one data-quality count: how many source rows matched a
// problem and which rule the run applied to them. Check is a stable key
// (see the Check* constants); reports translate it.
type QualityCheck struct {
	Check string `json:"check"`
	Rows  int64  `json:"rows"`
}

// Data-quality check keys.
const (
	CheckNullCustomerID     = "orders_null_customer_id"     // dropped
	CheckNullDateOrAmount   = "orders_null_date_or_amount"  // dropped
	CheckFutureDate         = "orders_after_as_of"          // dropped
	CheckZeroAmount         = "orders_zero_amount"          // kept, not a purchase
	CheckZeroAmountPurchase = "orders_zero_amount_purchase" // a purchase worth nothing
	CheckRefund             = "orders_negative_amount"      // netted as refund
	CheckDuplicateOrderID   = "orders_duplicate_order_id"   // merged as lines of one order
	CheckUnknownCustomer    = "orders_unknown_customer"     // dropped
	CheckCustomersNullID    = "customers_null_id"           // dropped
	CheckBuyersNonPositive  = "buyers_net_not_positive"     // not given a value tier
)
