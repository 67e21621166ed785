// Package analysis holds custseg's domain: the per-customer dataset that the
// extract step produces and the pure functions that segment it (RFM scores and
// named segments, value tiers and concentration, churn status, KPIs).
//
// It imports nothing of the project and does no I/O: no SQL, no files, no
// excelize, no time.Now. The as-of date and every parameter arrive as values,
// so every function here is deterministic and testable on plain structs.
package analysis
