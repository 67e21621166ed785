package analysis

// Values of Result.PrevSegment (and PreviousSegment) other than a segment
// index.
const (
	// PrevNotBuyer: not a buyer in the previous run, or not yet a customer.
	PrevNotBuyer int16 = -1
	// PrevNoRun: there is no previous run (the first run of a job).
	PrevNoRun int16 = -2
	// PrevRetired: in a segment the current rules no longer have.
	PrevRetired int16 = -3
)

// previousSegments returns each customer's segment in the previous run
// (d.Previous), aligned with d.Customers: the index in res.Segments of the
// previous segment key, PrevNotBuyer for customers who were not buyers or
// not customers then, PrevRetired for a key the rules no longer have. It
// returns nil without a previous run.
func previousSegments(d *Dataset, res *Result) []int16 {
	prev := d.Previous
	if prev == nil {
		return nil
	}
	idx := make(map[string]int16, len(res.Segments))
	for k, s := range res.Segments {
		idx[s.Rule.Key] = int16(k)
	}
	out := make([]int16, len(d.Customers))
	for i := range d.Customers {
		row, ok := prev.row(i, d.Customers[i].ID)
		switch k, known := idx[row.Segment]; {
		case !ok || row.Segment == "":
			out[i] = PrevNotBuyer
		case known:
			out[i] = k
		default:
			out[i] = PrevRetired
		}
	}
	return out
}

// PreviousSegment returns customer i's segment in the previous run: an
// index into r.Segments, PrevNotBuyer, PrevRetired, or PrevNoRun on a
// first run.
func (r *Result) PreviousSegment(i int) int16 {
	if r.PrevSegment == nil || i < 0 || i >= len(r.PrevSegment) {
		return PrevNoRun
	}
	return r.PrevSegment[i]
}

// EnteredSegment reports whether customer i, a buyer now, is in a segment
// other than last run's (a first purchase included); ok is false on a
// first run and for customers in no segment now.
func (r *Result) EnteredSegment(i int) (entered, ok bool) {
	p := r.PreviousSegment(i)
	if p == PrevNoRun || i < 0 || i >= len(r.Scores) || r.Scores[i].Segment < 0 {
		return false, false
	}
	return p != r.Scores[i].Segment, true
}
