// Package reportstest builds the inputs the tests of reports and its
// subpackages share: small and large shops, full inputs with models,
// backtests and history, and the workbook's test datasets.
//
// It is imported by tests only. It imports reports and analysis, and must not
// import the output packages (workbook, html, email), whose tests use it.
package reportstest
