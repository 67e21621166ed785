package config

import "testing"

// TestGuardKeys reads analysis.stale_after, stale_action and
// fanout_max_share into analysis.Params, and names the key of a bad value.
func TestGuardKeys(t *testing.T) {
	tests := []struct {
		name, yaml string
		days       int
		action     string
		share      float64
		err        string
	}{
		{"defaults", "", 0, "warn", 0.02, ""},
		{"auto", "analysis:\n  stale_after: auto\n", 0, "warn", 0.02, ""},
		{"empty is auto", "analysis:\n  stale_after: ''\n", 0, "warn", 0.02, ""},
		{"days", "analysis:\n  stale_after: 42\n  stale_action: fail\n  fanout_max_share: 0.1\n", 42, "fail", 0.1, ""},
		{"days with a d", "analysis:\n  stale_after: 30d\n", 30, "warn", 0.02, ""},
		{"zero days", "analysis:\n  stale_after: 0\n", 0, "", 0,
			`custseg.yaml: analysis.stale_after: "0" is not a number of days (at least 1) or auto`},
		{"text days", "analysis:\n  stale_after: a month\n", 0, "", 0,
			`custseg.yaml: analysis.stale_after: "a month" is not a number of days (at least 1) or auto`},
		{"bad action", "analysis:\n  stale_action: ignore\n", 0, "", 0,
			`custseg.yaml: analysis.stale_action: "ignore" is not warn or fail`},
		{"share over 1", "analysis:\n  fanout_max_share: 5\n", 0, "", 0,
			"custseg.yaml: analysis.fanout_max_share: 5 is not a share between 0 and 1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, err := Parse("custseg.yaml", []byte(tt.yaml))
			if tt.err != "" {
				if err == nil || err.Error() != tt.err {
					t.Fatalf("err = %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			g := cfg.Params().Guards
			if g.StaleAfterDays != tt.days || g.StaleAction != tt.action || g.FanoutMaxShare != tt.share {
				t.Errorf("guards = %+v, want %d days, %s, %g", g, tt.days, tt.action, tt.share)
			}
		})
	}
}
