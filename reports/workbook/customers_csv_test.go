package workbook

import "testing"

// TestInert: a value a spreadsheet would read as a formula — also after
// leading whitespace — gets a leading apostrophe; anything else is kept.
func TestInert(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"", ""},
		{"Alice", "Alice"},
		{"=1+1", "'=1+1"},
		{"+86 138", "'+86 138"},
		{"-2", "'-2"},
		{"@SUM(A1)", "'@SUM(A1)"},
		{" =1+1", "' =1+1"},
		{"\t=HYPERLINK(\"x\")", "'\t=HYPERLINK(\"x\")"},
		{"  \t +cmd", "'  \t +cmd"},
		{"\u3000=1", "'\u3000=1"}, // ideographic space
		{"\n@x", "'\n@x"},
		{"\tAlice", "'\tAlice"},
		{"\rAlice", "'\rAlice"},
		{" Alice", " Alice"},
		{"a=b", "a=b"},
		{"王=", "王="},
	} {
		if got := inert(tc.in); got != tc.want {
			t.Errorf("inert(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
