package analysis

import "strings"

// Consent is whether a customer agreed to be emailed, from the
// email_consent column of customers.sql (Dataset.HasConsent).
type Consent uint8

// Consent values.
const (
	ConsentUnknown Consent = iota // customers.sql has no email_consent column
	ConsentYes                    // 1, true, yes or y
	ConsentNo                     // 0, false, no, n, NULL, or anything else
)

// ParseConsent reads an email_consent value as custseg documents it:
// 1, true, yes and y (any case, spaces ignored) are consent; 0, false,
// no, n and NULL (null true) are not, and so is any other value — a
// campaign never mails a customer on a value it cannot read.
func ParseConsent(v string, null bool) Consent {
	if null {
		return ConsentNo
	}
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "1", "true", "yes", "y":
		return ConsentYes
	}
	return ConsentNo
}

// Reachable reports whether the customer can be emailed: they have an
// email address and, when the dataset has a consent column, consented.
func (c *Customer) Reachable(hasConsent bool) bool {
	if strings.TrimSpace(c.Email) == "" {
		return false
	}
	return !hasConsent || c.Consent == ConsentYes
}
