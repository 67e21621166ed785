package reports

import "strings"

// settingNames name the run's settings (Input.Params, by the manifest's
// parameter names) as the About sheet lists them.
var settingNames = map[string]Label{
	"as_of_rule":            "reports.settings.as_of_rule",
	"churn_at_risk_days":    "reports.settings.churn_at_risk_days",
	"churn_churned_days":    "reports.settings.churn_churned_days",
	"churn_rhythm":          "reports.settings.churn_rhythm",
	"clusters_k_range":      "reports.settings.clusters_k_range",
	"clv":                   "reports.settings.clv",
	"customers_query":       "reports.settings.customers_query",
	"data_time_zone":        "reports.settings.data_time_zone",
	"duplicate_order_ids":   "reports.settings.duplicate_order_ids",
	"job_time_zone":         "reports.settings.job_time_zone",
	"lifecycle_window_days": "reports.settings.lifecycle_window_days",
	"locale":                "reports.settings.locale",
	"model_time_unit_days":  "reports.settings.model_time_unit_days",
	"orders_query":          "reports.settings.orders_query",
	"purchase_horizon":      "reports.settings.purchase_horizon",
	"pyramid":               "reports.settings.pyramid",
	"refund_rule":           "reports.settings.refund_rule",
	"rfm_bins":              "reports.settings.rfm_bins",
	"rfm_frequency":         "reports.settings.rfm_frequency",
	"rfm_segments":          "reports.settings.rfm_segments",
	"tiers":                 "reports.settings.tiers",
	"value_measure":         "reports.settings.value_measure",
}

// settingWords say the settings' values that are words, by setting and
// value.
var settingWords = map[string]map[string]Label{
	"as_of_rule":          {"yesterday": "reports.settingWords.yesterday", "today": "reports.settingWords.today"},
	"rfm_frequency":       {"orders": "reports.settingWords.orders", "days": "reports.settingWords.days"},
	"value_measure":       {"revenue": "reports.settingWords.revenue", "margin": "reports.settingWords.margin"},
	"refund_rule":         {"net against the customer": "reports.settingWords.net_refunds"},
	"duplicate_order_ids": {"lines of one order": "reports.settingWords.order_lines"},
}

// builtIn marks a query name the manifest gives as the program's own.
const builtIn = " (built-in)"

// Settings returns the run's settings (Input.Params) as the About sheet
// lists them in locale: the setting's name and its value. Values that are
// numbers come from the analysis' parameters (Input.Analysis), those that
// are words from the catalogue; identifiers (time zones, the locale, query
// file names) show as they are.
func Settings(in *Input, loc string) []Pair {
	a := in.Analysis
	out := make([]Pair, 0, len(in.Params))
	for _, p := range in.Params {
		name, value := p.Name, p.Value
		if l, ok := settingNames[p.Name]; ok {
			name = l.In(loc)
		}
		switch p.Name {
		case "tiers":
			value = Format("reports.settingFormats.tiers", loc, a.Tiers.Key, a.Tiers.Important, a.Tiers.Ordinary, a.Tiers.Small)
		case "churn_rhythm":
			value = Format("reports.settingFormats.churn_rhythm", loc, a.Churn.RhythmAtRisk, a.Churn.RhythmChurned, a.Churn.RhythmMinDays)
		case "purchase_horizon":
			value = Format("reports.settingFormats.purchase_horizon", loc, a.Models.PurchaseHorizon)
		case "clv":
			value = Format("reports.settingFormats.clv", loc, a.Models.CLVMonths, a.Models.MonthlyDiscount*100)
		case "pyramid":
			value = Format("reports.settingFormats.pyramid", loc, a.Pyramid.Platinum, a.Pyramid.Gold, a.Pyramid.Iron)
		case "clusters_k_range":
			value = Format("reports.settingFormats.clusters_k_range", loc, a.Clusters.KMin, a.Clusters.KMax, a.Clusters.SampleSize, a.Clusters.Seed)
		case "customers_query", "orders_query":
			if file, ok := strings.CutSuffix(p.Value, builtIn); ok {
				value = Format("reports.settingFormats.built_in", loc, file)
			}
		case "value_measure":
			// The measure the analysis used, and whether the auto rule chose it.
			if in.Result != nil {
				if l, ok := settingWords[p.Name][in.Result.ValueMeasure]; ok {
					value = l.In(loc)
					if a.ValueMeasure == "auto" {
						value += Label("reports.settingFormats.auto_measure").In(loc)
					}
				}
			}
		default:
			if l, ok := settingWords[p.Name][p.Value]; ok {
				value = l.In(loc)
			}
		}
		out = append(out, Pair{Label: name, Value: value})
	}
	return out
}

// queryKinds name the statements custseg wraps around orders.sql, by
// queries.Statement.Kind; each is a format of the file's name.
var queryKinds = map[string]Label{
	"orders": "reports.queryKinds.orders",
}

// QueryName is the name of a statement the run sent, as the About sheet
// lists it in locale: the file it comes from, and what custseg made of it.
func QueryName(q Query, loc string) string {
	source := func(name string) string {
		if file, ok := strings.CutSuffix(name, builtIn); ok {
			return Format("reports.settingFormats.built_in", loc, file)
		}
		return name
	}
	if l, ok := queryKinds[q.Kind]; ok {
		return Format(l, loc, source(q.Source))
	}
	return source(q.Name)
}
