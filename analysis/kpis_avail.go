package analysis

// Avail reads a KPI that may not be available (KPIs.ExpectedPurchases,
// KPIs.CLV): its value and true, or 0 and false when it is nil.
func Avail(p *float64) (float64, bool) {
	if p == nil {
		return 0, false
	}
	return *p, true
}

// Opt returns a pointer to a copy of x, for a KPI that is available.
func Opt(x float64) *float64 { return &x }
