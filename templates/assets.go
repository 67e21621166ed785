package templates

import (
	"embed"
	"html/template"
)

// EChartsVersion is the version of the vendored echarts script.
const EChartsVersion = "5.6.0"

// EChartsJS is dist/echarts.min.js of the npm package echarts@5.6.0
// (Apache-2.0; see echarts/LICENSE and echarts/NOTICE). It contains no
// "</script" sequence, so it can be inlined in a <script> element.
//
//go:embed echarts/echarts.min.js
var EChartsJS string

// EChartsLicense and EChartsNotice are the licence texts that go with
// EChartsJS.
var (
	//go:embed echarts/LICENSE
	EChartsLicense string
	//go:embed echarts/NOTICE
	EChartsNotice string
)

// FS holds the report templates (*.tmpl) and the vendored echarts files.
//
//go:embed *.tmpl echarts
var FS embed.FS

// ReportName is the name of the HTML report template in FS.
const ReportName = "report.html.tmpl"

// Report parses the HTML report template (ReportName). The template calls
// no functions: its data carries every text localized and every number
// formatted, the echarts script as EChartsJS and the chart options as
// ChartSpecs (see reports/html.Write). Each call returns a fresh template.
func Report() (*template.Template, error) {
	return template.ParseFS(FS, ReportName)
}
