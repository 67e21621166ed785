package analysis

import (
	"cmp"
	"slices"
	"strings"
	"time"

	"github.com/custseg/custseg/analysis/stats"
)

// AgeBandAttribute is the Characteristic.Attribute of a birth-date column.
const AgeBandAttribute = "age band"

// AgeBands name the age bands of a birth-date column, youngest first:
// under 25, then ten-year bands, then 65 and over. Reports translate them.
var AgeBands = []string{"under 25", "25–34", "35–44", "45–54", "55–64", "65+"}

// A column is mostly unique, and all its given values are folded into
// Other, when more than uniqueShare of its more than uniqueMinGiven given
// values are distinct.
const (
	uniqueMinGiven = 50
	uniqueShare    = 0.5
)

// maxAge is the oldest believable age; older birth dates (placeholders
// such as 1900-01-01) count as unknown.
const maxAge = 120

// Characteristics breaks the customers down by each attribute column of d
// (the seeds' step 1, characteristic segmentation), one Characteristic per
// entry of d.AttrNames in that order. For each value of the column it
// counts
//
//	Customers   customers with the value
//	Buyers      those who bought
//	Share       Customers ÷ all customers
//	Value       Σ Score.Value over the customers with the value
//	ValueShare  Value ÷ Σ max(Score.Value, 0) over all customers
//	Segments[s] buyers with the value in RFM segment s (len = segments)
//
// Plain columns list their values with the most customers first (ties by
// name); the given values beyond the topValues largest (topValues < 1 is
// taken as 1) are folded into one value with Other set, Name OtherName and
// Folded the number of values in it, placed last. "" (NULL) is its own
// value, never folded, and does not count towards topValues. A mostly
// unique column — more than half of its more than 50 given values distinct,
// such as free text or identifiers — keeps "" and folds every given value
// into Other, and is marked MostlyUnique.
//
// A birth-date column (named so, see isDateColumn), whose values are dates
// YYYY-MM-DD (optionally followed by a time), becomes
// Attribute "age band": the age at d.AsOf in whole years (one more on and
// after each birthday; a 29 February birthday falls on 1 March in other
// years) in the bands of AgeBands, always all six in that order, then ""
// for unknown ages (unparseable, after the as-of date or over 120 years)
// when there are any. Nothing is folded.
//
// scores must be aligned with d.Customers. With no attribute columns the
// result is nil; with no customers every count and share is 0.
func Characteristics(d *Dataset, scores []Score, segments, topValues int) []Characteristic {
	if len(d.AttrNames) == 0 {
		return nil
	}
	total := 0.0
	for i := range scores {
		total += max(scores[i].Value, 0)
	}
	out := make([]Characteristic, len(d.AttrNames))
	cols := make([]attrColumn, len(d.AttrNames))
	groups := make([][]int, len(d.AttrNames)) // per column: value code → index in Values
	for j, name := range d.AttrNames {
		cols[j] = codeAttr(d, j)
		out[j], groups[j] = characteristicGroups(name, cols[j], d.AsOf, topValues)
		for g := range out[j].Values {
			out[j].Values[g].Segments = make([]int, segments)
		}
	}
	// One pass over the customers for all columns.
	for i := range d.Customers {
		s := &scores[i]
		buyer := d.Customers[i].IsBuyer()
		for j := range cols {
			a := &out[j].Values[groups[j][cols[j].codes[i]]]
			a.Customers++
			a.Value += s.Value
			if buyer {
				a.Buyers++
				if s.Segment >= 0 && int(s.Segment) < segments {
					a.Segments[s.Segment]++
				}
			}
		}
	}
	n := float64(len(d.Customers))
	for j := range out {
		vals := out[j].Values
		for g := range vals {
			vals[g].Share = stats.Ratio(float64(vals[g].Customers), n)
			vals[g].ValueShare = stats.Ratio(vals[g].Value, total)
		}
		// The unknown age band is listed only when someone is in it.
		if out[j].Attribute == AgeBandAttribute && vals[len(vals)-1].Customers == 0 {
			out[j].Values = vals[:len(vals)-1]
		}
	}
	return out
}

// characteristicGroups lays out the Values of one column (names, Other,
// Folded; the counts are left to the caller) and maps each value code of
// col to its index in Values.
func characteristicGroups(name string, col attrColumn, asOf time.Time, topValues int) (Characteristic, []int) {
	ch := Characteristic{Attribute: name, Column: name}
	group := make([]int, len(col.vals))
	given := 0
	empty := -1 // code of ""
	for k, v := range col.vals {
		if v == "" {
			empty = k
			continue
		}
		ch.Distinct++
		given += col.counts[k]
	}

	if isDateColumn(name, col.vals) {
		ch.Attribute = AgeBandAttribute
		ch.Values = make([]AttributeValue, len(AgeBands)+1) // the last: unknown
		for b, band := range AgeBands {
			ch.Values[b].Name = band
		}
		for k, v := range col.vals {
			group[k] = ageBand(v, asOf)
		}
		return ch, group
	}

	ch.MostlyUnique = given > uniqueMinGiven && float64(ch.Distinct) > uniqueShare*float64(given)
	order := make([]int, 0, ch.Distinct) // codes of the given values, most customers first
	for k, v := range col.vals {
		if v != "" {
			order = append(order, k)
		}
	}
	byCount := func(a, b int) int {
		if c := cmp.Compare(col.counts[b], col.counts[a]); c != 0 {
			return c
		}
		// "" after the named values it ties with.
		if (col.vals[a] == "") != (col.vals[b] == "") {
			if col.vals[a] == "" {
				return 1
			}
			return -1
		}
		return strings.Compare(col.vals[a], col.vals[b])
	}
	slices.SortFunc(order, byCount)
	keep := min(len(order), max(topValues, 1))
	if ch.MostlyUnique {
		keep = 0
	}
	shown := append([]int(nil), order[:keep]...)
	if empty >= 0 {
		shown = append(shown, empty)
		slices.SortFunc(shown, byCount)
	}
	for g, k := range shown {
		ch.Values = append(ch.Values, AttributeValue{Name: col.vals[k]})
		group[k] = g
	}
	if rest := order[keep:]; len(rest) > 0 {
		other := len(ch.Values)
		ch.Values = append(ch.Values, AttributeValue{Name: OtherName, Other: true, Folded: len(rest)})
		for _, k := range rest {
			group[k] = other
		}
	}
	return ch, group
}

// isDateColumn reports whether a column holds birth dates, by its name:
// birth_date, birthdate, birthday, date_of_birth or dob (any case, spaces
// or dashes for underscores), 出生日期 or 生日. Other date columns (a
// registration date, say) are not ages and stay plain values.
func isDateColumn(name string, _ []string) bool {
	n := strings.ToLower(strings.TrimSpace(name))
	n = strings.NewReplacer(" ", "_", "-", "_").Replace(n)
	switch n {
	case "birth_date", "birthdate", "birthday", "date_of_birth", "dob", "出生日期", "生日":
		return true
	}
	return false
}

// parseDay parses a date YYYY-MM-DD, optionally followed by a space or T
// and a time that is ignored (MySQL DATETIME, ISO 8601).
func parseDay(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if len(s) < 10 || (len(s) > 10 && s[10] != ' ' && s[10] != 'T') {
		return time.Time{}, false
	}
	t, err := time.Parse(time.DateOnly, s[:10])
	return t, err == nil
}

// ageBand returns the index in AgeBands of the age at asOf of someone born
// on the date v, or len(AgeBands) when the age is unknown.
func ageBand(v string, asOf time.Time) int {
	birth, ok := parseDay(v)
	if !ok {
		return len(AgeBands)
	}
	age := AgeAt(birth, asOf)
	switch {
	case age < 0 || age > maxAge:
		return len(AgeBands)
	case age < 25:
		return 0
	case age >= 65:
		return 5
	}
	return 1 + (age-25)/10
}

// AgeAt returns the age in whole years on the date at of someone born on
// birth: the difference of the years, less one before the birthday in the
// year of at. A 29 February birthday counts from 1 March in other years.
// Only the calendar dates matter, not the times or zones. It is negative
// when at precedes birth.
func AgeAt(birth, at time.Time) int {
	age := at.Year() - birth.Year()
	if at.Month() < birth.Month() || (at.Month() == birth.Month() && at.Day() < birth.Day()) {
		age--
	}
	return age
}

// Why a characteristic is left out of the reports' charts and highlights
// (AttributeSpread.LeftOut).
const (
	// LeftOutOneValue: at most one distinct value is given, so the column
	// does not tell customers apart.
	LeftOutOneValue = "one_value"
	// LeftOutMostlyOther: the folded Other value and the customers without
	// a value together hold more than LeftOutShare of the customers, so a
	// chart would mostly show what is not known.
	LeftOutMostlyOther = "mostly_other"
)

// LeftOutShare is the share of customers in Other and "(not given)" above
// which a characteristic is left out (LeftOutMostlyOther).
const LeftOutShare = 0.5

// AttributeSpread says how much a characteristic tells about who the
// customers are.
type AttributeSpread struct {
	// Given counts the distinct given values: the named values that have
	// customers, and those folded into Other.
	Given int
	// Only is the one given value when Given is 1.
	Only string
	// Other is the share of customers in the folded Other value, and
	// OtherValues the distinct values folded into it.
	Other       float64
	OtherValues int
	// NotGiven is the share of customers without a value (or, for age
	// bands, with an unknown age).
	NotGiven float64
	// LeftOut is "" when the characteristic is worth a chart, else
	// LeftOutOneValue or LeftOutMostlyOther.
	LeftOut string
}

// Spread returns how much c tells about who the customers are: a column
// with at most one given value (LeftOutOneValue), or whose Other value and
// customers without a value hold more than LeftOutShare of the customers
// (LeftOutMostlyOther), is left out of the charts and highlights, so that
// no report calls "Other" or "(not given)" the top anything. It reads only
// c.Values, so it works on any Characteristic.
func (c *Characteristic) Spread() AttributeSpread {
	var sp AttributeSpread
	for i := range c.Values {
		v := &c.Values[i]
		switch {
		case v.Other:
			sp.Other += v.Share
			sp.OtherValues += v.Folded
			if v.Customers > 0 {
				sp.Given += max(v.Folded, 1)
			}
		case v.Name == "":
			sp.NotGiven += v.Share
		case v.Customers > 0:
			sp.Given++
			sp.Only = v.Name
		}
	}
	if sp.Given != 1 {
		sp.Only = ""
	}
	switch {
	case sp.Given <= 1:
		sp.LeftOut = LeftOutOneValue
	case sp.Other+sp.NotGiven > LeftOutShare:
		sp.LeftOut = LeftOutMostlyOther
	}
	return sp
}
