package email

import (
	"html/template"
	"strconv"
	"strings"

	"github.com/custseg/custseg/reports"
)

// NotAttached is a file of the run that an email links to instead of
// attaching it, because the message would be over the attachment limit.
type NotAttached struct {
	Name string // file name, e.g. customer-segments-2026-09-30.xlsx
	// SentMB is the file's size as an attachment (base64-encoded), in MB.
	SentMB float64
	// LimitMB is the limit on the whole message (email.attachment_limit_mb).
	LimitMB float64
	// Where is where to find the file: a link or a path.
	Where string
}

// NotAttachedNote says, in locale, which files an email does not attach
// and where to find them, as plain text and as an HTML paragraph (the
// texts escaped); both are "" without such files.
func NotAttachedNote(locale string, files []NotAttached) (text, html string) {
	if len(files) == 0 {
		return "", ""
	}
	mb := func(x float64) string { return strconv.FormatFloat(x, 'f', 1, 64) }
	head := reports.Label("email.notAttached").In(locale)
	var t, b strings.Builder
	t.WriteString(head + "\n")
	b.WriteString(`<p style="font-family:sans-serif;font-size:14px">`)
	b.WriteString(template.HTMLEscapeString(head))
	for _, f := range files {
		// Where on a line of its own, so that a link is not broken by the
		// line length of the mail encoding.
		what := reports.Format("email.notAttachedFile", locale, f.Name, mb(f.SentMB), strconv.FormatFloat(f.LimitMB, 'g', -1, 64))
		t.WriteString(what + "\n" + f.Where + "\n")
		b.WriteString("<br>" + template.HTMLEscapeString(what) + "<br>" + template.HTMLEscapeString(f.Where))
	}
	b.WriteString("</p>")
	text = t.String()
	return text, b.String()
}
