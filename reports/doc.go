// Package reports holds what every output of a run shares: the render
// Input, the bilingual Label and the vocabulary (segment, tier, status and KPI
// names), the number and date formats, the KPI specs and the narrative that
// both the HTML report and the management email state, the list reasons,
// the model verdict texts and the data alerts.
//
// The outputs live in its subpackages, one room each: workbook (the Excel
// workbook and the customer list as CSV), html (the chart report) and email
// (the email bodies, which point to the workbook's sheets); reportstest
// holds the fixtures their tests share.
//
// It imports analysis for its types only; it must not import its
// subpackages, jobs, queries or anything that touches a database, and it
// does no I/O.
package reports
