// Package reports renders a run's analysis for people: the Excel workbook for
// marketing (excelize) and the HTML chart report for management
// (go-echarts, with the echarts script embedded, never fetched from a CDN).
//
// It imports analysis for its types only and templates for its assets; it
// must not import jobs, queries or anything that touches a database, and it
// writes only to the io.Writer or path it is given.
package reports
