package queries

import (
	"fmt"
	"strings"
)

// Kind is the broad type of a result column.
type Kind int

// Column kinds.
const (
	KindOther Kind = iota
	KindNumber
	KindTime
	KindText
)

func (k Kind) String() string {
	switch k {
	case KindNumber:
		return "a number (DECIMAL, INT, DOUBLE, ...)"
	case KindTime:
		return "a date or datetime (DATE, DATETIME, TIMESTAMP)"
	case KindText:
		return "text"
	}
	return "other"
}

// KindOf classifies a driver's DatabaseTypeName.
func KindOf(dbType string) Kind {
	t := strings.ToUpper(dbType)
	switch {
	case strings.Contains(t, "INT"), strings.Contains(t, "DECIMAL"), strings.Contains(t, "NUMERIC"),
		strings.Contains(t, "DOUBLE"), strings.Contains(t, "FLOAT"), t == "REAL", t == "BIT":
		return KindNumber
	case t == "YEAR":
		return KindNumber
	case strings.Contains(t, "DATE"), strings.Contains(t, "TIMESTAMP"):
		return KindTime
	case strings.Contains(t, "CHAR"), strings.Contains(t, "TEXT"), strings.Contains(t, "BLOB"),
		strings.Contains(t, "BINARY"), t == "ENUM", t == "SET", t == "JSON":
		return KindText
	}
	return KindOther
}

// ColumnSpec is a standard column a query must or may return.
type ColumnSpec struct {
	Name     string
	Required bool
	Allowed  []Kind // empty: any kind
}

// CustomerColumns are custseg's names for customers.sql.
var CustomerColumns = []ColumnSpec{
	{Name: "customer_id", Required: true, Allowed: []Kind{KindNumber, KindText}},
	{Name: "name", Allowed: []Kind{KindText, KindNumber}},
	{Name: "email", Allowed: []Kind{KindText}},
	{Name: "phone", Allowed: []Kind{KindText, KindNumber}},
	{Name: "registered_at", Allowed: []Kind{KindTime}},
	// email_consent: 1/true/yes/y consent; 0/false/no/n/NULL do not.
	{Name: "email_consent", Allowed: []Kind{KindNumber, KindText}},
}

// OrderColumns are custseg's names for orders.sql.
var OrderColumns = []ColumnSpec{
	{Name: "customer_id", Required: true, Allowed: []Kind{KindNumber, KindText}},
	{Name: "order_id", Required: true, Allowed: []Kind{KindNumber, KindText}},
	{Name: "ordered_at", Required: true, Allowed: []Kind{KindTime}},
	{Name: "amount", Required: true, Allowed: []Kind{KindNumber}},
	{Name: "cost", Allowed: []Kind{KindNumber}},
	{Name: "discount", Allowed: []Kind{KindNumber}},
	{Name: "category", Allowed: []Kind{KindText, KindNumber}},
}

// Column is one column a query returned.
type Column struct {
	Name   string
	DBType string
}

// CheckColumns checks cols against specs and returns the names of the
// optional standard columns present. file names the query in errors.
func CheckColumns(file string, cols []Column, specs []ColumnSpec) (present map[string]bool, err error) {
	byName := map[string]Column{}
	for _, c := range cols {
		key := strings.ToLower(c.Name)
		if _, dup := byName[key]; dup {
			return nil, fmt.Errorf("%s: column %q appears twice; give each column its own alias", file, c.Name)
		}
		byName[key] = c
	}
	present = map[string]bool{}
	var missing []string
	for _, s := range specs {
		c, ok := byName[s.Name]
		if !ok {
			if s.Required {
				missing = append(missing, s.Name)
			}
			continue
		}
		if len(s.Allowed) > 0 && !kindIn(KindOf(c.DBType), s.Allowed) {
			return nil, fmt.Errorf("%s: column %q is %s, want %s", file, s.Name, c.DBType, s.Allowed[0])
		}
		present[s.Name] = true
	}
	if len(missing) > 0 {
		var req []string
		for _, s := range specs {
			if s.Required {
				req = append(req, s.Name)
			}
		}
		return nil, fmt.Errorf("%s: column %q is missing (the query must return %s; alias your columns with AS)",
			file, missing[0], strings.Join(req, ", "))
	}
	return present, nil
}

func kindIn(k Kind, ks []Kind) bool {
	for _, x := range ks {
		if x == k {
			return true
		}
	}
	return false
}
