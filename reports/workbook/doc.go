// Package workbook writes the Excel workbook for marketing (excelize, with a
// StreamWriter for the sheets with a row per customer) and the same customer
// list as CSV, and names the workbook's sheets for the outputs that point to
// them (Sheets).
//
// It imports reports (shared texts, formats, Input) and analysis for its
// types; it must not import reports/html, reports/email, jobs or anything
// that touches a database, and it writes only to the io.Writer it is given.
package workbook
