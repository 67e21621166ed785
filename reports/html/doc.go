// Package html writes the HTML chart report for management (go-echarts, with
// the echarts script from templates embedded, never fetched from a CDN).
//
// It imports reports (shared texts, formats, KPIs, narrative, Input),
// analysis for its types and templates for its assets; it must not import
// reports/workbook, reports/email, jobs or anything that touches a database,
// and it writes only to the io.Writer it is given.
package html
