package workbook

import (
	"github.com/custseg/custseg/analysis"
	"github.com/custseg/custseg/reports"
)

// sheetList is the workbook's sheets, named as the workbook names them, for
// the outputs that point to them (the marketing email).
type sheetList struct {
	Sheets               []listedSheet  // in the workbook's order
	Customers, Save, Win string         // the first Customers sheet, the Save now and Win back sheets
	Segments             map[int]string // segment index → name of its own sheet
}

// listedSheet is one sheet of a wbSheetList: its name and its explanation.
type listedSheet struct{ Name, Explain string }

// Sheets names the sheets that WriteWorkbook would write for in.
func Sheets(in *reports.Input) sheetList {
	ds := in.Dataset
	if ds == nil {
		ds = &analysis.Dataset{}
	}
	wb := &workbook{in: in, ds: ds, res: in.Result, loc: in.Locale}
	wb.nameSheets()
	out := sheetList{Save: wb.save, Win: wb.win, Segments: map[int]string{}}
	if len(wb.customers) > 0 {
		out.Customers = wb.customers[0]
	}
	for _, s := range wb.segSheets {
		out.Segments[s.seg] = s.name
	}
	for _, s := range wb.sheets {
		out.Sheets = append(out.Sheets, listedSheet{s.name, s.explain})
	}
	return out
}
