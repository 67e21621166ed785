package reports

import (
	"github.com/custseg/custseg/analysis"
)

// failReasons say why a model or the clustering could not be used, by
// analysis.FailReason.
var failReasons = map[analysis.FailReason]Label{
	analysis.FailNotConverged:     "reports.failReasons.not_converged",
	analysis.FailTooLittleData:    "reports.failReasons.too_little_data",
	analysis.FailFirstDaysMissing: "reports.failReasons.first_days_missing",
	analysis.FailNotFitted:        "reports.failReasons.not_fitted",
	analysis.FailNotBacktested:    "reports.failReasons.not_backtested",
	analysis.FailOther:            "reports.failReasons.other",
}

// Why says why something failed, from the text the analysis recorded,
// as the reason in the reader's words; the text itself, with the model's
// numbers, is the operator's (the manifest and the log keep it). "" stays
// "".
func Why(failure, locale string) string {
	if failure == "" {
		return ""
	}
	return failReasons[analysis.Failure(failure)].In(locale)
}
