package reports

import (
	"github.com/custseg/custseg/analysis"
	"github.com/custseg/custseg/texts"
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

// Why says why something failed, from the text the analysis recorded:
// in English the text itself, which names the model and its numbers; in
// another language the reason in the reader's words (the manifest keeps
// the English text for the operator). "" stays "".
func Why(failure, locale string) string {
	if failure == "" || locale == texts.Default {
		return failure
	}
	return failReasons[analysis.Failure(failure)].In(locale)
}
