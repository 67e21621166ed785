package workbook

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf16"

	"github.com/xuri/excelize/v2"
)

// sheetNames hands out sheet names that Excel accepts and that differ from
// every name handed out before (Excel compares sheet names without regard
// to case).
type sheetNames struct {
	used map[string]bool
}

// take returns name made valid (sanitizeSheetName, fallback when nothing is
// left of it) and unique, with " (2)", " (3)"… appended when needed.
func (u *sheetNames) take(name, fallback string) string {
	if u.used == nil {
		u.used = map[string]bool{}
	}
	base := sanitizeSheetName(name)
	if base == "" {
		base = sanitizeSheetName(fallback)
	}
	if base == "" {
		base = "Sheet"
	}
	got := base
	for k := 2; u.used[strings.ToLower(got)]; k++ {
		suffix := " (" + strconv.Itoa(k) + ")"
		got = strings.TrimRight(truncateUTF16(base, excelize.MaxSheetNameLength-len(suffix)), " '") + suffix
	}
	u.used[strings.ToLower(got)] = true
	return got
}

// sanitizeSheetName makes s a valid Excel sheet name: the characters
// []:*?/\ become "_", control characters become spaces, leading and
// trailing spaces and apostrophes go, and the name is cut to 31 UTF-16
// units. Excel reserves "History"; it gets an underscore. The result may be
// empty.
func sanitizeSheetName(s string) string {
	s = strings.Map(func(r rune) rune {
		switch {
		case strings.ContainsRune(`[]:*?/\`, r):
			return '_'
		case unicode.IsControl(r), r == utf8RuneError:
			return ' '
		}
		return r
	}, s)
	s = strings.Trim(s, " '")
	s = strings.Trim(truncateUTF16(s, excelize.MaxSheetNameLength), " '")
	if strings.EqualFold(s, "History") {
		s += "_"
	}
	return s
}

const utf8RuneError = '\uFFFD'

// truncateUTF16 cuts s to at most n UTF-16 code units (Excel's measure of a
// sheet name), never inside a character.
func truncateUTF16(s string, n int) string {
	units := 0
	for i, r := range s {
		units += utf16.RuneLen(r)
		if units > n {
			return s[:i]
		}
	}
	return s
}
