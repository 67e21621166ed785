package reports

import (
	"html/template"
	"strconv"
	"strings"
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
	lines := make([]string, len(files))
	for i, f := range files {
		lines[i] = htmlFormat(emailNotAttachedFile, locale, f.Name, mb(f.SentMB), strconv.FormatFloat(f.LimitMB, 'g', -1, 64), f.Where)
	}
	head := emailNotAttached.In(locale)
	text = head + "\n" + strings.Join(lines, "\n") + "\n"
	var b strings.Builder
	b.WriteString(`<p style="font-family:sans-serif;font-size:14px">`)
	b.WriteString(template.HTMLEscapeString(head))
	for _, l := range lines {
		b.WriteString("<br>" + template.HTMLEscapeString(l))
	}
	b.WriteString("</p>")
	return text, b.String()
}
