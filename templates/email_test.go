package templates

import (
	"strings"
	"testing"
)

// The email templates parse, and their markup is what mail clients show:
// no script, no style sheet or class, nothing from the network.
func TestEmailTemplates(t *testing.T) {
	for _, name := range []string{EmailManagementHTML, EmailMarketingHTML} {
		tmpl, err := EmailHTML(name)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if tmpl.Lookup(name) == nil || tmpl.Lookup("email-start") == nil || tmpl.Lookup("email-end") == nil {
			t.Errorf("%s: template or layout missing", name)
		}
	}
	for _, name := range []string{EmailManagementText, EmailMarketingText} {
		if _, err := EmailText(name); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
	for _, name := range []string{EmailLayoutHTML, EmailManagementHTML, EmailMarketingHTML} {
		b, err := FS.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		src := strings.ToLower(string(b))
		for _, s := range []string{"<script", "<style", "<link", "class=", "http://", "https://", "url(", "<img"} {
			if strings.Contains(src, s) {
				t.Errorf("%s contains %q", name, s)
			}
		}
	}
}
