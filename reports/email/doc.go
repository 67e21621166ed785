// Package email renders the management and marketing email bodies (an
// email-safe HTML body and a plain-text alternative each, from the templates
// package) and the note on files too large to attach.
//
// It imports reports (shared texts, formats, KPIs, narrative, Input),
// reports/workbook for the names of the sheets the marketing email points to,
// and templates; it must not import reports/html, jobs or anything that
// touches a database, and it does no I/O.
package email
