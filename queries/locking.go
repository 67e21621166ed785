package queries

import (
	"fmt"
	"strings"
)

// Locking is a locking read clause found in an operator's query.
type Locking struct {
	Clause string // as custseg names it: "FOR UPDATE", "FOR SHARE", "LOCK IN SHARE MODE"
	Line   int    // 1-based line of its first word in the file
}

// lockingClauses are the clauses that make a SELECT lock the rows it reads.
var lockingClauses = [][]string{
	{"LOCK", "IN", "SHARE", "MODE"},
	{"FOR", "UPDATE"},
	{"FOR", "SHARE"},
}

// LockingClauses returns the locking read clauses of query (FOR UPDATE,
// FOR SHARE, LOCK IN SHARE MODE, in any case and with any whitespace or
// comments between the words), leaving out words inside string literals,
// quoted identifiers and comments. MySQL's executable comments (/*! … */)
// run, so their words count.
func LockingClauses(query string) []Locking {
	type word struct {
		text string
		line int
	}
	var words []word
	line := 1
	for i := 0; i < len(query); {
		c := query[i]
		switch {
		case c == '\n':
			line++
			i++
		case c == '\'' || c == '"' || c == '`':
			// A quoted string or identifier: a doubled quote or (in
			// strings) a backslash escapes the next character.
			i++
			for i < len(query) {
				if query[i] == '\n' {
					line++
				}
				if query[i] == '\\' && c != '`' && i+1 < len(query) {
					if query[i+1] == '\n' {
						line++
					}
					i += 2
					continue
				}
				if query[i] == c {
					if i+1 < len(query) && query[i+1] == c {
						i += 2
						continue
					}
					i++
					break
				}
				i++
			}
			words = append(words, word{"", line}) // a literal breaks a clause
		case c == '#' || (c == '-' && strings.HasPrefix(query[i:], "--") && (i+2 == len(query) || isSpace(query[i+2]))):
			for i < len(query) && query[i] != '\n' {
				i++
			}
		case strings.HasPrefix(query[i:], "/*!"):
			// Executable comment: skip the marker and the version, read on.
			i += 3
			for i < len(query) && query[i] >= '0' && query[i] <= '9' {
				i++
			}
		case strings.HasPrefix(query[i:], "/*"):
			end := strings.Index(query[i+2:], "*/")
			if end < 0 {
				end = len(query) - i - 2
			}
			line += strings.Count(query[i:i+2+end], "\n")
			i += 2 + end + 2
		case strings.HasPrefix(query[i:], "*/"):
			i += 2 // the end of an executable comment
		case isSpace(c):
			i++
		case isWordByte(c):
			j := i
			for j < len(query) && isWordByte(query[j]) {
				j++
			}
			words = append(words, word{strings.ToUpper(query[i:j]), line})
			i = j
		default:
			words = append(words, word{"", line}) // punctuation breaks a clause
			i++
		}
	}
	var found []Locking
	for i := range words {
		for _, cl := range lockingClauses {
			if i+len(cl) > len(words) {
				continue
			}
			match := true
			for k, w := range cl {
				if words[i+k].text != w {
					match = false
					break
				}
			}
			if match {
				found = append(found, Locking{Clause: strings.Join(cl, " "), Line: words[i].line})
			}
		}
	}
	return found
}

// CheckLocking returns an error naming the file, line and clause of the
// first locking read clause in src's queries, nil when there is none.
func CheckLocking(src Source) error {
	for _, f := range []File{src.Customers, src.Orders} {
		if l := LockingClauses(f.SQL); len(l) > 0 {
			return fmt.Errorf("%s: line %d: %s", f.Name, l[0].Line, LockingProblem(l[0].Clause))
		}
	}
	return nil
}

// LockingProblem says what a locking clause does to the shop and what to do.
func LockingProblem(clause string) string {
	return clause + " locks every row the query reads until the run ends, which blocks the shop's writes to them; " +
		"remove it (custseg reads in a read-only transaction, which needs no locks), or set queries.allow_locking: true to run it anyway"
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'
}

func isWordByte(c byte) bool {
	return c == '_' || c == '$' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
}
