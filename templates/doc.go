// Package templates holds the assets that custseg's reports are rendered
// with: the vendored Apache ECharts script (echarts 5.6.0, the release
// go-echarts v2.6 targets), the html/template of the HTML chart report, and
// the email bodies (an HTML body for mail clients, with no script and
// inline styles only, and a text/template plain-text alternative each).
//
// Everything is embedded with go:embed, so the binary carries it and a report
// never fetches a script, font or style from the network. The package imports
// nothing of the project; reports fills the templates.
package templates
