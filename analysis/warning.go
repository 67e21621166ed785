package analysis

import "strconv"

// Warning is something a run could not do, or doubts, that the reader of
// its reports should know. Code names it (a Warn* constant) and Args hold
// its values, for the reports to say it in the reader's language; Text
// says it in English for the operator (the log and the manifest).
type Warning struct {
	Code string
	Args []string
	Text string
}

// The codes of the warnings, and their Args.
const (
	WarnStale              = "stale"               // none: see Result.Freshness
	WarnFanout             = "fanout"              // none: see Result.Fanout
	WarnPurchaseModel      = "purchase_model"      // model key, failure text (see Failure)
	WarnSpendModel         = "spend_model"         // failure text
	WarnSpendExcluded      = "spend_excluded"      // repeat buyers left out
	WarnClustering         = "clustering"          // failure text
	WarnNoCustomers        = "no_customers"        // none
	WarnNoBuyers           = "no_buyers"           // as-of date
	WarnUnknownCustomers   = "unknown_customers"   // order rows
	WarnSnapshotUnreadable = "snapshot_unreadable" // the previous as-of date, the error
)

// Texts returns the operator's English text of each warning.
func Texts(ws []Warning) []string {
	out := make([]string, len(ws))
	for i, w := range ws {
		out[i] = w.Text
	}
	return out
}

// itoa is strconv.Itoa for a warning's arguments.
func itoa(n int) string { return strconv.Itoa(n) }
