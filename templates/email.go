package templates

import (
	htmltemplate "html/template"
	texttemplate "text/template"
)

// Names of the email templates in FS. The HTML bodies are html/template
// files made for mail clients: no script, every style inline, a layout of
// tables at most 640 px wide. Each has a plain-text alternative
// (text/template). Like the report template they call no functions; their
// data carries every text localized (see reports/email.Management and
// email.Marketing).
const (
	EmailLayoutHTML     = "email_layout.html.tmpl" // the frame both HTML bodies share
	EmailManagementHTML = "email_management.html.tmpl"
	EmailManagementText = "email_management.txt.tmpl"
	EmailMarketingHTML  = "email_marketing.html.tmpl"
	EmailMarketingText  = "email_marketing.txt.tmpl"
)

// EmailHTML parses the HTML email template name with the layout it uses;
// execute it by name. Each call returns a fresh template.
func EmailHTML(name string) (*htmltemplate.Template, error) {
	return htmltemplate.ParseFS(FS, EmailLayoutHTML, name)
}

// EmailText parses the plain-text email template name. Each call returns
// a fresh template.
func EmailText(name string) (*texttemplate.Template, error) {
	return texttemplate.ParseFS(FS, name)
}
