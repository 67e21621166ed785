package templates

import (
	"bytes"
	"strings"
	"testing"
)

func TestHTMLEChartsJS(t *testing.T) {
	if len(EChartsJS) < 500_000 {
		t.Fatalf("EChartsJS is %d bytes; want the full echarts.min.js", len(EChartsJS))
	}
	// The version echarts reports at runtime (echarts.version).
	if !strings.Contains(EChartsJS, `"`+EChartsVersion+`"`) {
		t.Errorf("EChartsJS does not contain version %q", EChartsVersion)
	}
	// Inlined in <script>, these would end the element or confuse parsers.
	for _, s := range []string{"</script", "<!--", "<script"} {
		if strings.Contains(strings.ToLower(EChartsJS), s) {
			t.Errorf("EChartsJS contains %q", s)
		}
	}
	if !strings.Contains(EChartsLicense, "Apache License") || !strings.Contains(EChartsNotice, "Apache ECharts") {
		t.Error("echarts licence or notice missing")
	}
	for _, name := range []string{"echarts/LICENSE", "echarts/NOTICE", "echarts/LICENSE-d3", "echarts/README.md"} {
		if _, err := FS.ReadFile(name); err != nil {
			t.Errorf("FS: %v", err)
		}
	}
}

func TestHTMLReportTemplate(t *testing.T) {
	tmpl, err := Report()
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	// Executing with no data must not fail on a missing function or field.
	if err := tmpl.Execute(&buf, nil); err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"<!DOCTYPE html>", `<meta name="viewport"`, "data-charts-ok", "window.addEventListener(\"resize\""} {
		if !strings.Contains(buf.String(), s) {
			t.Errorf("report template lacks %q", s)
		}
	}
	if strings.Contains(buf.String(), "http://") || strings.Contains(buf.String(), "https://") {
		t.Error("report template refers to a URL")
	}
}
