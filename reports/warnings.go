package reports

import "github.com/custseg/custseg/analysis"

// warningTexts say each warning (analysis.Warning) to the reader, by code;
// each is a format of the warning's Args, in order.
var warningTexts = map[string]Label{
	analysis.WarnPurchaseModel:      "reports.warnings.purchase_model",
	analysis.WarnSpendModel:         "reports.warnings.spend_model",
	analysis.WarnSpendExcluded:      "reports.warnings.spend_excluded",
	analysis.WarnClustering:         "reports.warnings.clustering",
	analysis.WarnNoCustomers:        "reports.warnings.no_customers",
	analysis.WarnNoBuyers:           "reports.warnings.no_buyers",
	analysis.WarnUnknownCustomers:   "reports.warnings.unknown_customers",
	analysis.WarnSnapshotUnreadable: "reports.warnings.snapshot_unreadable",
}

// Warnings returns the run's warnings (Input.Warnings) in locale, as the
// reports list them: stale data and repeated order rows as the data
// alerts say them (DataAlerts), a failure with its reason (Why), the
// others from the catalogue. A warning of a code the catalogue does not
// know shows its English text.
func Warnings(in *Input, loc string) []string {
	out := make([]string, 0, len(in.Warnings))
	for _, w := range in.Warnings {
		switch {
		case w.Code == analysis.WarnStale && in.Result != nil:
			out = append(out, staleAlert(in, loc))
			continue
		case w.Code == analysis.WarnFanout && in.Result != nil:
			out = append(out, fanoutAlert(in, loc))
			continue
		}
		l, ok := warningTexts[w.Code]
		if !ok {
			out = append(out, w.Text)
			continue
		}
		args := make([]any, len(w.Args))
		for i, a := range w.Args {
			args[i] = a
		}
		switch w.Code {
		case analysis.WarnPurchaseModel:
			if len(args) == 2 {
				args[0], args[1] = PurchaseModelName(w.Args[0], loc), Why(w.Args[1], loc)
			}
		case analysis.WarnSpendModel, analysis.WarnClustering:
			if len(args) == 1 {
				args[0] = Why(w.Args[0], loc)
			}
		case analysis.WarnSnapshotUnreadable:
			args = args[:min(len(args), 1)] // the error is the operator's (the log)
		}
		out = append(out, Format(l, loc, args...))
	}
	return out
}
