package queries

import (
	"testing"

	"github.com/custseg/custseg/analysis"
)

// TestConsent reads email_consent values as the driver scans them.
func TestConsent(t *testing.T) {
	tests := []struct {
		v    any
		want analysis.Consent
	}{
		{int64(1), analysis.ConsentYes},
		{int64(0), analysis.ConsentNo},
		{[]byte{1}, analysis.ConsentYes}, // BIT(1)
		{[]byte{0}, analysis.ConsentNo},
		{[]byte("yes"), analysis.ConsentYes},
		{"Y", analysis.ConsentYes},
		{"true", analysis.ConsentYes},
		{[]byte("no"), analysis.ConsentNo},
		{"n", analysis.ConsentNo},
		{nil, analysis.ConsentNo},
		{"unknown", analysis.ConsentNo},
	}
	for _, tt := range tests {
		if got := consent(tt.v); got != tt.want {
			t.Errorf("consent(%#v) = %d, want %d", tt.v, got, tt.want)
		}
	}
}
