// Package queries owns the operator's SQL: it loads customers.sql and
// orders.sql (or the built-in examples for the demo schema), checks their
// columns by name and type, wraps orders.sql in custseg's grouped queries
// (the per-customer aggregate by row kind, first purchase days, categories,
// monthly cohorts) so the database does the scanning and returns a few rows
// per customer, and runs everything in a READ ONLY
// transaction with a deadline, turning the rows into an analysis.Dataset.
//
// It imports analysis for its types; it must not import jobs or reports.
package queries
