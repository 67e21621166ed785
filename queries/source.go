package queries

import (
	"embed"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

//go:embed customers.sql orders.sql
var builtin embed.FS

// File is one SQL file: the name errors show and its text.
type File struct {
	Name string // e.g. "queries/orders.sql"
	SQL  string // the SELECT, trailing semicolons removed
}

// Source is the pair of operator queries a run reads.
type Source struct {
	Customers File
	Orders    File
}

// Builtin returns the example queries for the demo shop's schema.
func Builtin() Source {
	read := func(name string) File {
		b, err := builtin.ReadFile(name)
		if err != nil {
			panic(err) // embedded at build time
		}
		return File{Name: "queries/" + name + " (built-in)", SQL: clean(string(b))}
	}
	return Source{Customers: read("customers.sql"), Orders: read("orders.sql")}
}

// LoadDir reads customers.sql and orders.sql from dir.
func LoadDir(dir string) (Source, error) {
	var src Source
	for _, f := range []struct {
		name string
		dst  *File
	}{{"customers.sql", &src.Customers}, {"orders.sql", &src.Orders}} {
		path := filepath.Join(dir, f.name)
		b, err := os.ReadFile(path)
		if err != nil {
			return Source{}, fmt.Errorf("queries: %w", err)
		}
		text := clean(string(b))
		if text == "" {
			return Source{}, fmt.Errorf("%s: the file holds no SQL", path)
		}
		*f.dst = File{Name: path, SQL: text}
	}
	return src, nil
}

// clean trims whitespace and trailing semicolons so the text can be wrapped
// in a derived table.
func clean(s string) string {
	s = strings.TrimSpace(s)
	for strings.HasSuffix(s, ";") {
		s = strings.TrimSpace(strings.TrimSuffix(s, ";"))
	}
	return s
}
