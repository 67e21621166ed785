package analysis

import (
	"fmt"
	"math"
	"slices"
	"testing"
	"time"
)

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func TestAgeAt(t *testing.T) {
	tests := []struct {
		birth, at time.Time
		want      int
	}{
		{date(2000, 6, 15), date(2026, 6, 14), 25}, // the day before the 26th birthday
		{date(2000, 6, 15), date(2026, 6, 15), 26}, // on the birthday
		{date(2000, 6, 15), date(2026, 6, 16), 26},
		{date(2000, 6, 15), date(2026, 5, 20), 25}, // earlier month
		{date(2000, 6, 15), date(2026, 7, 1), 26},  // later month
		{date(2000, 2, 29), date(2025, 2, 28), 24}, // leap-day birthday, common year: not yet
		{date(2000, 2, 29), date(2025, 3, 1), 25},  // … from 1 March
		{date(2000, 2, 29), date(2024, 2, 29), 24}, // leap year: on the day
		{date(2000, 6, 15), date(2000, 6, 15), 0},  // born on the as-of date
		{date(2000, 6, 15), date(2000, 6, 14), -1}, // born after it
		{date(2000, 6, 15), date(1999, 12, 31), -1},
	}
	for _, tt := range tests {
		if got := AgeAt(tt.birth, tt.at); got != tt.want {
			t.Errorf("AgeAt(%s, %s) = %d, want %d", tt.birth.Format(time.DateOnly), tt.at.Format(time.DateOnly), got, tt.want)
		}
	}
}

// attrDataset makes one customer per value of a single attribute column;
// every customer is a buyer worth 1 in segment 0.
func attrDataset(asOf time.Time, name string, values []string) (*Dataset, []Score) {
	d := &Dataset{AsOf: asOf, AttrNames: []string{name}}
	scores := make([]Score, len(values))
	for i, v := range values {
		d.Customers = append(d.Customers, Customer{ID: fmt.Sprint(i), Attrs: []string{v}, Orders: 1, Gross: 1})
		scores[i] = Score{Value: 1, Segment: 0}
	}
	return d, scores
}

type valueCount struct {
	name      string
	customers int
}

func valueCounts(ch Characteristic) []valueCount {
	var out []valueCount
	for _, v := range ch.Values {
		out = append(out, valueCount{v.Name, v.Customers})
	}
	return out
}

func TestCharacteristicsAgeBands(t *testing.T) {
	asOf := date(2026, 9, 30)
	values := []string{
		"2001-09-30",          // 25 today → 25–34
		"2001-10-01",          // 25 tomorrow, 24 today → under 25
		"1992-09-30",          // 34 → 25–34
		"1991-09-30",          // 35 today → 35–44
		"1961-10-01",          // 64, 65 tomorrow → 55–64
		"1961-09-30 00:00:00", // 65 today → 65+ (DATETIME form)
		"",                    // NULL → unknown
		"not a date",          // unknown
		"2030-01-01",          // after the as-of date → unknown
		"1900-01-01",          // 126, a placeholder → unknown
	}
	d, scores := attrDataset(asOf, "Birth_Date", values)
	chs := Characteristics(d, scores, 1, 10)
	if len(chs) != 1 {
		t.Fatalf("%d characteristics", len(chs))
	}
	ch := chs[0]
	if ch.Attribute != AgeBandAttribute || ch.Column != "Birth_Date" {
		t.Errorf("attribute %q column %q", ch.Attribute, ch.Column)
	}
	want := []valueCount{{"under 25", 1}, {"25–34", 2}, {"35–44", 1}, {"45–54", 0}, {"55–64", 1}, {"65+", 1}, {"", 4}}
	if got := valueCounts(ch); !slices.Equal(got, want) {
		t.Errorf("bands %v, want %v", got, want)
	}
	// 25–34: 2 of 10 customers, 2 of the total value 10.
	if v := ch.Values[1]; v.Share != 0.2 || v.ValueShare != 0.2 || v.Buyers != 2 || !slices.Equal(v.Segments, []int{2}) {
		t.Errorf("25–34 = %+v", v)
	}

	// Without unknown ages the "" band is left out; bands stay in order
	// even when empty. "dob" is a birth-date name too.
	d, scores = attrDataset(asOf, "dob", []string{"1990-01-01", "1985-05-05", "1990-01-01"})
	ch = Characteristics(d, scores, 1, 10)[0]
	want = []valueCount{{"under 25", 0}, {"25–34", 0}, {"35–44", 3}, {"45–54", 0}, {"55–64", 0}, {"65+", 0}}
	if got := valueCounts(ch); ch.Attribute != AgeBandAttribute || ch.Column != "dob" || !slices.Equal(got, want) {
		t.Errorf("dob: %q %v, want %v", ch.Attribute, got, want)
	}

	// A date column with another name (a sign-up date) is not an age.
	d, scores = attrDataset(asOf, "joined", []string{"1990-01-01", "2020-02-02"})
	if ch := Characteristics(d, scores, 1, 10)[0]; ch.Attribute != "joined" || ch.Distinct != 2 {
		t.Errorf("sign-up dates read as %q, %d distinct", ch.Attribute, ch.Distinct)
	}
}

func TestCharacteristicsFolding(t *testing.T) {
	// city, buyer?, Score.Value, segment; TopValues 2.
	rows := []struct {
		city  string
		buyer bool
		value float64
		seg   int
	}{
		{"A", true, 100, 0}, {"A", true, 50, 1}, {"A", false, 0, -1},
		{"B", true, 30, 1}, {"B", true, -10, 2},
		{"C", true, 20, 0}, {"C", false, 0, -1},
		{"D", true, 40, 2},
		{"", true, 60, 0}, {"", false, 0, -1},
	}
	d := &Dataset{AsOf: date(2026, 9, 30), AttrNames: []string{"city"}}
	scores := make([]Score, len(rows))
	for i, r := range rows {
		c := Customer{ID: fmt.Sprint(i), Attrs: []string{r.city}}
		if r.buyer {
			c.Orders = 1
		}
		d.Customers = append(d.Customers, c)
		scores[i] = Score{Value: r.value, Segment: int16(r.seg)}
	}
	// Given values by customers: A 3, B 2, C 2, D 1 (B before C by name).
	// The top 2 are A and B; C and D fold into Other (2 + 1 = 3, last).
	// "" (2) is kept and ties with B, after it. Total positive value:
	// 100 + 50 + 30 + 20 + 40 + 60 = 300.
	want := []AttributeValue{
		{Name: "A", Customers: 3, Buyers: 2, Share: 0.3, Value: 150, ValueShare: 0.5, Segments: []int{1, 1, 0}},
		{Name: "B", Customers: 2, Buyers: 2, Share: 0.2, Value: 20, ValueShare: 20.0 / 300, Segments: []int{0, 1, 1}},
		{Name: "", Customers: 2, Buyers: 1, Share: 0.2, Value: 60, ValueShare: 0.2, Segments: []int{1, 0, 0}},
		{Name: OtherName, Other: true, Folded: 2, Customers: 3, Buyers: 2, Share: 0.3, Value: 60, ValueShare: 0.2, Segments: []int{1, 0, 1}},
	}
	ch := Characteristics(d, scores, 3, 2)[0]
	if ch.Attribute != "city" || ch.Distinct != 4 || ch.MostlyUnique {
		t.Errorf("header %+v", ch)
	}
	if len(ch.Values) != len(want) {
		t.Fatalf("values %v, want %v", valueCounts(ch), want)
	}
	for k, w := range want {
		g := ch.Values[k]
		if g.Name != w.Name || g.Other != w.Other || g.Folded != w.Folded || g.Customers != w.Customers || g.Buyers != w.Buyers ||
			math.Abs(g.Share-w.Share) > 1e-12 || g.Value != w.Value || math.Abs(g.ValueShare-w.ValueShare) > 1e-12 ||
			!slices.Equal(g.Segments, w.Segments) {
			t.Errorf("value %d = %+v, want %+v", k, g, w)
		}
	}

	// With room for every value nothing folds.
	ch = Characteristics(d, scores, 3, 4)[0]
	wantCounts := []valueCount{{"A", 3}, {"B", 2}, {"C", 2}, {"", 2}, {"D", 1}}
	if got := valueCounts(ch); !slices.Equal(got, wantCounts) {
		t.Errorf("top 4: %v, want %v", got, wantCounts)
	}
}

func TestCharacteristicsMostlyUnique(t *testing.T) {
	tests := []struct {
		name   string
		values func(i int) string
		n      int
		want   []valueCount
		unique bool
	}{
		// 55 given values, all distinct (55 > 50 given, 55 > 27.5
		// distinct), 5 NULL: everything given folds, "" is kept.
		{"free text", func(i int) string {
			if i < 5 {
				return ""
			}
			return fmt.Sprintf("note %02d", i)
		}, 60, []valueCount{{"", 5}, {OtherName, 55}}, true},
		// 50 given values, all distinct: not over 50, so the usual top 10
		// (note 00..09, one each) and 40 folded.
		{"50 distinct", func(i int) string { return fmt.Sprintf("note %02d", i) }, 50, nil, false},
		// 60 given values of 2 kinds: not unique.
		{"two kinds", func(i int) string { return []string{"x", "y"}[i%2] }, 60, []valueCount{{"x", 30}, {"y", 30}}, false},
	}
	for _, tt := range tests {
		vals := make([]string, tt.n)
		for i := range vals {
			vals[i] = tt.values(i)
		}
		d, scores := attrDataset(date(2026, 9, 30), "note", vals)
		ch := Characteristics(d, scores, 1, 10)[0]
		if ch.MostlyUnique != tt.unique {
			t.Errorf("%s: MostlyUnique %v", tt.name, ch.MostlyUnique)
		}
		if tt.want == nil {
			if len(ch.Values) != 11 || !ch.Values[10].Other || ch.Values[10].Customers != 40 || ch.Values[10].Folded != 40 {
				t.Errorf("%s: %v", tt.name, valueCounts(ch))
			}
			continue
		}
		if got := valueCounts(ch); !slices.Equal(got, tt.want) {
			t.Errorf("%s: %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestCharacteristicsDegenerate(t *testing.T) {
	if got := Characteristics(&Dataset{}, nil, 11, 10); got != nil {
		t.Errorf("no columns: %v", got)
	}
	// A customer whose Attrs are short has "" for the missing columns.
	d := &Dataset{AttrNames: []string{"a", "b"}, Customers: []Customer{{ID: "x", Attrs: []string{"1"}}}}
	chs := Characteristics(d, make([]Score, 1), 0, 10)
	if len(chs) != 2 || chs[1].Values[0].Name != "" || chs[1].Values[0].Customers != 1 || chs[1].Distinct != 0 {
		t.Errorf("short attrs: %+v", chs)
	}
	// No customers: no values, or the six empty age bands.
	d = &Dataset{AttrNames: []string{"city", "birth_date"}}
	chs = Characteristics(d, nil, 3, 10)
	if len(chs[0].Values) != 0 || len(chs[1].Values) != len(AgeBands) {
		t.Errorf("no customers: %+v", chs)
	}
}

// TestCharacteristicSpread: a column with one given value, or with more
// than half of its customers in Other and "(not given)", is left out.
func TestCharacteristicSpread(t *testing.T) {
	rep := func(v string, n int) []string { return slices.Repeat([]string{v}, n) }
	unique := func(prefix string, n int) []string {
		out := make([]string, n)
		for i := range out {
			out[i] = fmt.Sprintf("%s%d", prefix, i)
		}
		return out
	}
	tests := []struct {
		name    string
		attr    string
		values  []string
		top     int
		leftOut string
		given   int
		only    string
	}{
		{"spread out", "province", slices.Concat(rep("A", 40), rep("B", 35), rep("C", 25)), 10, "", 3, ""},
		{"one value", "gender", slices.Concat(rep("F", 80), rep("", 20)), 10, LeftOutOneValue, 1, "F"},
		{"no value at all", "gender", rep("", 10), 10, LeftOutOneValue, 0, ""},
		// 12 values over a top of 2: 10 values, 70 % of customers, in Other.
		{"mostly other", "city", slices.Concat(rep("A", 20), rep("B", 10), slices.Repeat(unique("c", 10), 7)), 2, LeftOutMostlyOther, 12, ""},
		// Other 30 % and not given 25 %: 55 % together.
		{"other and not given", "channel", slices.Concat(rep("app", 45), unique("x", 30), rep("", 25)), 1, LeftOutMostlyOther, 31, ""},
		// Exactly half is not above half.
		{"half not given", "channel", slices.Concat(rep("app", 30), rep("web", 20), rep("", 50)), 10, "", 2, ""},
		// Free text: every given value folded into Other.
		{"mostly unique", "note", unique("n", 60), 10, LeftOutMostlyOther, 60, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, scores := attrDataset(date(2026, 9, 30), tt.attr, tt.values)
			ch := Characteristics(d, scores, 1, tt.top)[0]
			sp := ch.Spread()
			if sp.LeftOut != tt.leftOut || sp.Given != tt.given || sp.Only != tt.only {
				t.Errorf("Spread = %+v, want LeftOut %q, Given %d, Only %q", sp, tt.leftOut, tt.given, tt.only)
			}
			if sum := sp.Other + sp.NotGiven; sum < 0 || sum > 1+1e-9 {
				t.Errorf("Other + NotGiven = %v", sum)
			}
		})
	}
}
