package analysis

import (
	"strings"

	"github.com/custseg/custseg/analysis/backtest"
	"github.com/custseg/custseg/analysis/btyd"
)

// FailReason is why a model or the clustering could not be used, in
// words the reports translate. The analysis records the failure itself
// as an English text for the operator (Models.GGError, FittedModel.Error,
// Clusters.Error…); Failure reads the reason from it.
type FailReason string

// The reasons of a failure.
const (
	FailNotConverged     FailReason = "not_converged"      // the fit did not converge
	FailTooLittleData    FailReason = "too_little_data"    // too few customers (or distinct ones) to fit
	FailFirstDaysMissing FailReason = "first_days_missing" // orders.sql gave no first purchase days
	FailNotFitted        FailReason = "not_fitted"         // the configuration chose another model
	FailNotBacktested    FailReason = "not_backtested"     // no back-test: the fit on all the data failed
	FailOther            FailReason = "other"              // anything else; the manifest has the text
)

// The failure texts the analysis writes itself.
const (
	errFirstDaysMissing = "the first purchase days were not extracted"
	errNotFittedPrefix  = "not fitted: analysis.models.purchase_model is "
)

// failureTexts map each reason to the texts, or the sentinel errors'
// texts, that an analysis failure holding it contains, in the order they
// are looked for (a back-test that was not run mentions convergence).
var failureTexts = []struct {
	reason FailReason
	text   string
}{
	{FailNotBacktested, backtest.NotBacktested},
	{FailNotFitted, errNotFittedPrefix},
	{FailFirstDaysMissing, errFirstDaysMissing},
	{FailNotConverged, btyd.ErrNotConverged.Error()},
	{FailTooLittleData, btyd.ErrTooLittleData.Error()},
	{FailTooLittleData, ErrTooFewPoints.Error()},
}

// Failure returns the reason of a failure the analysis recorded as text
// ("" for no failure). Every failure text the analysis writes has a
// reason other than FailOther except unexpected errors
// (TestFailureReasons).
func Failure(text string) FailReason {
	if text == "" {
		return ""
	}
	for _, f := range failureTexts {
		if strings.Contains(text, f.text) {
			return f.reason
		}
	}
	return FailOther
}
