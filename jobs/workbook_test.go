package jobs

import (
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// checkWorkbook reads the fixture run's workbook back and checks its
// sheets, headers and the rows of a few hand-worked customers.
func checkWorkbook(t *testing.T, path string) {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	want := []string{"Summary", "Customers", "Champions", "At Risk", "Can't Lose Them", "Need Attention", "New",
		"Segments", "Value tiers", "Pyramid", "Churn and lifecycle", "Save now", "Win back", "Clusters",
		"Characteristics", "Common needs", "Migration", "Cohorts", "Data quality", "Model", "Definitions", "About"}
	if got := f.GetSheetList(); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("sheets = %v, want %v", got, want)
	}
	rows, err := f.GetRows("Customers")
	if err != nil {
		t.Fatal(err)
	}
	header := -1
	for i, r := range rows {
		if len(r) > 0 && r[0] == "Customer id" {
			header = i
			break
		}
	}
	if header < 0 {
		t.Fatalf("Customers sheet has no header row starting with \"Customer id\"")
	}
	col := map[string]int{}
	for i, h := range rows[header] {
		col[h] = i
	}
	for _, h := range []string{"Name", "Email", "Phone", "province", "city", "gender", "birth_date", "channel",
		"Days since last order", "Frequency", "Monetary (net)", "R score", "F score", "M score", "Segment", "Value tier", "Churn status"} {
		if _, ok := col[h]; !ok {
			t.Errorf("Customers header lacks %q: %v", h, rows[header])
		}
	}
	byID := map[string][]string{}
	for _, r := range rows[header+1:] {
		if len(r) > 0 {
			byID[r[0]] = r
		}
	}
	if len(byID) != 7 {
		t.Errorf("Customers sheet has %d customer rows, want 7", len(byID))
	}
	cell := func(id, h string) string {
		r := byID[id]
		if i, ok := col[h]; ok && i < len(r) {
			return r[i]
		}
		return ""
	}
	tests := []struct{ id, header, want string }{
		{"1", "Name", "王芳"},
		{"1", "Segment", "Champions"},
		{"1", "Value tier", "Important"},
		{"1", "Churn status", "Active"},
		{"1", "Days since last order", "2"},
		{"1", "R score", "5"},
		{"2", "Segment", "Promising"},
		{"2", "Value tier", "No net value"},
		{"3", "Segment", "At Risk"},
		{"3", "Value tier", "Key"},
		{"3", "Churn status", "Churned"},
		{"4", "Churn status", "Lapsing"},
		{"5", "Churn status", "Prospect (never bought)"},
		{"6", "Churn status", "Prospect (never bought)"},
		{"7", "Segment", "At Risk"},
		{"1", "province", "广东"},
	}
	for _, tt := range tests {
		if got := cell(tt.id, tt.header); got != tt.want {
			t.Errorf("customer %s, %s = %q, want %q", tt.id, tt.header, got, tt.want)
		}
	}
	panes, err := f.GetPanes("Customers")
	if err != nil || !panes.Freeze {
		t.Errorf("Customers header is not frozen: %+v %v", panes, err)
	}
	about, _ := f.GetRows("About")
	var text strings.Builder
	for _, r := range about {
		text.WriteString(strings.Join(r, " "))
	}
	if !strings.Contains(text.String(), "ORDER BY o.customer_id") {
		t.Errorf("About sheet does not show the orders SQL that ran")
	}
}
