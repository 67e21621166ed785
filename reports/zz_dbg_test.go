package reports
import ("testing";"strings";"fmt")
func TestZZDbg(t *testing.T) {
	in := htmlTestFull(t, 1500, "en", htmlFull{Previous: true, Models: true, Hostile: true})
	page := htmlRender(t, in)
	specs := htmlSpecs(t, page)
	j := strings.Index(specs, "chart-churn-trend")
	fmt.Println(specs[j:j+1500])
}
