package config

import (
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
)

// badDuration matches time.ParseDuration's errors, which go-yaml returns
// without a position.
var badDuration = regexp.MustCompile(`^time: .*duration ("(?:[^"\\]|\\.)*")$`)

// wrongType explains a value of the wrong type in the operator's words,
// "line L: key: want W, got V", or returns "" when err is not one.
func wrongType(err error, data []byte) string {
	var te *yaml.TypeError
	var oe *yaml.OverflowError
	var ne *yaml.UnexpectedNodeTypeError
	switch {
	case errors.As(err, &te) && te.Token != nil:
		got := strconv.Quote(te.Token.Value)
		switch te.SrcType.Kind() {
		case reflect.Slice:
			got = "a list"
		case reflect.Map:
			got = "a mapping"
		}
		return wrongTypeAt(data, te.Token.Position.Offset, want(te.DstType), got)
	case errors.As(err, &oe) && oe.Token != nil:
		return wrongTypeAt(data, oe.Token.Position.Offset, want(oe.DstType)+" in range", strconv.Quote(oe.SrcNum))
	case errors.As(err, &ne) && ne.Token != nil:
		w := "a " + strings.ToLower(ne.Expected.String())
		switch ne.Expected {
		case ast.SequenceType:
			w = "a list"
		case ast.MappingType:
			w = "a mapping (key: value lines)"
		}
		return wrongTypeAt(data, ne.Token.Position.Offset, w, strconv.Quote(ne.Token.Value))
	}
	if m := badDuration.FindStringSubmatch(err.Error()); m != nil {
		v, uerr := strconv.Unquote(m[1])
		if uerr != nil {
			return ""
		}
		var found ast.Node
		walkYAML(data, func(n ast.Node) bool {
			if _, ok := n.(*ast.StringNode); ok && n.GetToken().Value == v &&
				fieldType(strings.TrimPrefix(n.GetPath(), "$.")) == reflect.TypeOf(time.Duration(0)) {
				found = n
				return false
			}
			return true
		})
		if found != nil {
			return fmt.Sprintf("line %d: %s: want %s, got %q", found.GetToken().Position.Line,
				strings.TrimPrefix(found.GetPath(), "$."), want(reflect.TypeOf(time.Duration(0))), v)
		}
	}
	return ""
}

// wrongTypeAt names the key of the value at offset in data.
func wrongTypeAt(data []byte, offset int, want, got string) string {
	var found ast.Node
	walkYAML(data, func(n ast.Node) bool {
		if tk := n.GetToken(); tk != nil && tk.Position.Offset == offset && n.GetPath() != "" {
			found = n
		}
		return true
	})
	if found == nil {
		return ""
	}
	return fmt.Sprintf("line %d: %s: want %s, got %s", found.GetToken().Position.Line,
		strings.TrimPrefix(found.GetPath(), "$."), want, got)
}

// walkYAML calls f on every node of data's documents until f returns false.
func walkYAML(data []byte, f func(ast.Node) bool) {
	file, err := parser.ParseBytes(data, 0)
	if err != nil {
		return
	}
	v := &visitor{f: f}
	for _, d := range file.Docs {
		if !v.stop {
			ast.Walk(v, d)
		}
	}
}

type visitor struct {
	f    func(ast.Node) bool
	stop bool
}

func (v *visitor) Visit(n ast.Node) ast.Visitor {
	if v.stop || !v.f(n) {
		v.stop = true
		return nil
	}
	return v
}

// want says what a value of Go type t looks like in the file.
func want(t reflect.Type) string {
	if t == reflect.TypeOf(time.Duration(0)) {
		return "a duration such as 10s, 30m or 1h"
	}
	switch t.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "a whole number"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.Bool:
		return "true or false"
	case reflect.String:
		return "text"
	case reflect.Slice:
		return "a list"
	case reflect.Map, reflect.Struct:
		return "a mapping (key: value lines)"
	}
	return t.String()
}

// fieldType returns the Go type of the Config value at a YAML path such as
// "jobs[0].timeout", or nil.
func fieldType(path string) reflect.Type {
	t := reflect.TypeOf(Config{})
	for _, part := range strings.Split(path, ".") {
		name, _, _ := strings.Cut(part, "[")
		if t.Kind() != reflect.Struct {
			return nil
		}
		var next reflect.Type
		for i := 0; i < t.NumField(); i++ {
			if strings.Split(t.Field(i).Tag.Get("yaml"), ",")[0] == name {
				next = t.Field(i).Type
				break
			}
		}
		if next == nil {
			return nil
		}
		for range strings.Count(part, "[") {
			if next.Kind() != reflect.Slice {
				return nil
			}
			next = next.Elem()
		}
		t = next
	}
	return t
}
