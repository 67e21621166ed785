package jobs

// Step names a step of a run in logs, errors, the manifest's durations
// and the run history ("extract", "deliver", ...).
type Step string

// Steps of a run, as named in logs, errors and the manifest.
const (
	// StepConfig is the reading of the job's settings: the job, its as-of
	// date and its queries.
	StepConfig   Step = "config"
	StepConnect  Step = "connect"
	StepExtract  Step = "extract"
	StepAnalyse  Step = "analyse"
	StepWorkbook Step = "workbook"
	StepHTML     Step = "html"
	// StepCustomerList writes the customer list as CSV (outputs.customer_list).
	StepCustomerList Step = "customer_list"
	StepPublish      Step = "publish"
	// StepDeliver names the delivery step in errors and the history.
	StepDeliver Step = "deliver"
	// StepWriteback names the write-back in errors and the history.
	StepWriteback Step = "writeback"
	// StepHistory names the writing of the run history, when it fails.
	StepHistory Step = "history"
	// StepLock names, in the history and the alert, a fire that failed
	// before its run began: the job's lock could not be taken, or the
	// delivery ledger could not say whether another scheduler had run the
	// fire.
	StepLock Step = "lock"
	// StepTimeout names, in the alert, a run still going past its timeout.
	StepTimeout Step = "timeout"
)

// StepError is a run failure and the step it happened in.
type StepError struct {
	Step Step
	Err  error
}

func (e *StepError) Error() string { return string(e.Step) + ": " + e.Err.Error() }
func (e *StepError) Unwrap() error { return e.Err }

// RunStatus is how a run ended, in the manifest and the run history.
type RunStatus string

// Run statuses.
const (
	RunOK     RunStatus = "ok"
	RunFailed RunStatus = "failed"
)

// DeliveryStatus is what happened to one delivery of a run: an audience's
// email, the shared folder or the write-back.
type DeliveryStatus string

// Delivery statuses.
const (
	// StatusSent: delivered (for the shared folder: published; for the
	// write-back: written).
	StatusSent DeliveryStatus = "sent"
	// StatusFailed: not delivered; Delivery.Error says why.
	StatusFailed DeliveryStatus = "failed"
	// StatusSkipped: not sent this time (no recipients, or sent or
	// possibly delivered by an earlier attempt); Delivery.Detail says why.
	StatusSkipped DeliveryStatus = "skipped"
	// StatusUnknown: sent in full but not confirmed by the server: it may
	// have been delivered, and is not sent again.
	StatusUnknown DeliveryStatus = "unknown"
)
