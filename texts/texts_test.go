package texts

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
)

// verbs returns the fmt verbs of a format as the argument each takes and
// the verb, sorted: "%[2]s of %s" takes argument 2 then 3. A text that is
// not a format may hold a percent sign ("the top 20% of buyers"): a "%"
// not followed by flags, an index and a verb letter is such a sign (the
// catalogue's formats use no space flag).
func verbs(format string) []string {
	var out []string
	arg := 1
	for i := 0; i < len(format); i++ {
		if format[i] != '%' {
			continue
		}
		i++
		if i < len(format) && format[i] == '%' {
			continue
		}
		start := i
		// Flags, width and precision.
		for i < len(format) && strings.ContainsRune("+-#0123456789.", rune(format[i])) {
			i++
		}
		if i < len(format) && format[i] == '[' {
			end := strings.IndexByte(format[i:], ']')
			if end < 0 {
				return append(out, "bad index")
			}
			n, err := strconv.Atoi(format[i+1 : i+end])
			if err != nil {
				return append(out, "bad index")
			}
			arg = n
			i += end + 1
		}
		if i >= len(format) || !strings.ContainsRune("vTtbcdoOqxXUeEfFgGsp", rune(format[i])) {
			i = start - 1
			continue
		}
		out = append(out, strconv.Itoa(arg)+string(format[i]))
		arg++
	}
	slices.Sort(out)
	return out
}

func TestVerbs(t *testing.T) {
	tests := []struct {
		format string
		want   []string
	}{
		{"plain", nil},
		{"100%% sure", nil},
		{"%s of %d", []string{"1s", "2d"}},
		{"%[2]s then %[1]s", []string{"1s", "2s"}},
		{"%[2]s, %s", []string{"2s", "3s"}},
		{"%.1f%%", []string{"1f"}},
		{"the top 20% of buyers", nil},
		{"前 20% 的客户", nil},
		{"(%)", nil},
	}
	for _, tt := range tests {
		if got := verbs(tt.format); !slices.Equal(got, tt.want) {
			t.Errorf("verbs(%q) = %q, want %q", tt.format, got, tt.want)
		}
	}
}

// TestCatalogueComplete: every key of the catalogue has a text in every
// locale, no locale has a key the source locale lacks, and every locale's
// text takes the same values with the same verbs.
func TestCatalogueComplete(t *testing.T) {
	if len(Keys()) < 500 {
		t.Fatalf("the catalogue has %d keys", len(Keys()))
	}
	for _, loc := range Locales {
		for _, k := range Keys() {
			if !Has(k, loc) {
				t.Errorf("locales/%s.yaml: no text for %s", loc, k)
				continue
			}
			if got, want := verbs(k.In(loc)), verbs(k.In(Default)); !slices.Equal(got, want) {
				t.Errorf("locales/%s.yaml: %s takes %q, but in %s %q", loc, k, got, Default, want)
			}
		}
		for k := range catalogue.texts[loc] {
			if !Has(k, Default) {
				t.Errorf("locales/%s.yaml: %s is not in locales/%s.yaml", loc, k, Default)
			}
		}
	}
}

// TestLoadNamesTheProblem: a broken message file is named in the error,
// and a key a locale lacks is missing from it, not filled in from English.
func TestLoadNamesTheProblem(t *testing.T) {
	good := fstest.MapFS{
		"locales/en.yaml":    {Data: []byte("a.one: \"One\"\na.two: \"Two %s\"\n")},
		"locales/zh-CN.yaml": {Data: []byte("a.one: \"一\"\n")},
	}
	s, err := load(good)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := s.texts["zh-CN"]["a.two"]; ok {
		t.Errorf("zh-CN has a.two: %q", s.texts["zh-CN"]["a.two"])
	}
	if got := s.texts["zh-CN"]["a.one"]; got != "一" {
		t.Errorf("zh-CN a.one = %q", got)
	}
	for _, l := range []string{"zh", "zh-Hans", "zh-CN"} {
		if got := s.locale(l); got != "zh-CN" {
			t.Errorf("locale(%q) = %q, want zh-CN", l, got)
		}
	}
	for _, l := range []string{"fr", "", "x-bad-"} {
		if got := s.locale(l); got != Default {
			t.Errorf("locale(%q) = %q, want %s", l, got, Default)
		}
	}
	bad := fstest.MapFS{
		"locales/en.yaml":    {Data: []byte("a.one: [\n")},
		"locales/zh-CN.yaml": {Data: []byte("a.one: \"一\"\n")},
	}
	if _, err := load(bad); err == nil || !strings.Contains(err.Error(), "locales/en.yaml") {
		t.Errorf("broken file: err = %v, want it named", err)
	}
	missing := fstest.MapFS{"locales/en.yaml": {Data: []byte("a.one: \"One\"\n")}}
	if _, err := load(missing); err == nil || !strings.Contains(err.Error(), "zh-CN.yaml") {
		t.Errorf("missing file: err = %v, want it named", err)
	}
}

// TestIn: a key is looked up in the locale asked for, an unknown locale
// gets English, and an unknown key shows itself in brackets.
func TestIn(t *testing.T) {
	k := Keys()[0]
	if k.In("zh-CN") == k.In("en") && k.In("en") == "" {
		t.Fatalf("%s: empty", k)
	}
	if got, want := k.In("de"), k.In("en"); got != want {
		t.Errorf("In(de) = %q, want the English %q", got, want)
	}
	if got := Key("no.such.key").In("en"); got != "[no.such.key]" {
		t.Errorf("unknown key: %q", got)
	}
}

// keyPattern is what a catalogue key looks like in code.
var keyPattern = regexp.MustCompile(`^[a-z]+(\.[A-Za-z0-9_]+)+$`)

// TestKeysInCatalogue reads every non-test Go file of the module: each
// string constant that names a catalogue key (a word, a dot, then names,
// beginning with one of the catalogue's first words) must be in the
// catalogue, and each key of the catalogue must be named somewhere, so
// that no text is shown as its key and no text is left unused.
func TestKeysInCatalogue(t *testing.T) {
	prefixes := map[string]bool{}
	for _, k := range Keys() {
		first, _, _ := strings.Cut(string(k), ".")
		prefixes[first] = true
	}
	used := map[Key]bool{}
	fset := token.NewFileSet()
	root := ".."
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && path != root && (strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata") {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			return err
		}
		ast.Inspect(f, func(n ast.Node) bool {
			lit, ok := n.(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				return true
			}
			s, err := strconv.Unquote(lit.Value)
			if err != nil || !keyPattern.MatchString(s) {
				return true
			}
			first, _, _ := strings.Cut(s, ".")
			if !prefixes[first] {
				return true
			}
			used[Key(s)] = true
			if !Has(Key(s), Default) {
				t.Errorf("%s: %q is not in the catalogue", fset.Position(lit.Pos()), s)
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(used) == 0 {
		t.Fatal("no key found in the code")
	}
	for _, k := range Keys() {
		if !used[k] {
			t.Errorf("locales: %s is named nowhere in the code", k)
		}
	}
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil {
		t.Fatalf("the module root is not %s: %v", root, err)
	}
}
