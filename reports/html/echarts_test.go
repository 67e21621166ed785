package html

import (
	"strings"
	"testing"

	"github.com/go-echarts/go-echarts/v2/charts"
)

func TestOptionJSExtraSeries(t *testing.T) {
	f := charts.NewFunnel()
	f.AddSeries("s", nil, charts.WithSeriesOpts(func(s *charts.SingleSeries) { s.Sort = "none" }))
	got, err := optionJS(f, extraOptions{Series: []seriesExtra{{Top: 8, Gap: 3}}})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"sort":"none"`, `"top":8`, `"gap":3`, `"type":"funnel"`} {
		if !strings.Contains(got, want) {
			t.Errorf("option lacks %s: %s", want, got)
		}
	}

	// A key set through go-echarts may not be set again as an extra.
	f = charts.NewFunnel()
	f.AddSeries("s", nil, charts.WithSeriesOpts(func(s *charts.SingleSeries) { s.Top = "8" }))
	if _, err := optionJS(f, extraOptions{Series: []seriesExtra{{Top: 8}}}); err == nil || !strings.Contains(err.Error(), `"top"`) {
		t.Errorf("key set twice: err = %v, want one naming \"top\"", err)
	}
}
