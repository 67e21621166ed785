package reports

import (
	"bytes"
	"os"
	"testing"
)

func TestHTMLZZDebugWrite(t *testing.T) {
	for _, loc := range []string{"en", "zh-CN"} {
		var buf bytes.Buffer
		if err := WriteHTML(&buf, htmlTestInput(t, htmlTestShop(), loc)); err != nil {
			t.Fatal(err)
		}
		os.WriteFile("/tmp/report-"+loc+".html", buf.Bytes(), 0o644)
	}
}
