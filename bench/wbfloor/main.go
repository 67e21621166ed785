// Command wbfloor measures the workbook floor: a minimal excelize
// StreamWriter program writing as many rows and columns as the job's
// customer lists (the Customers sheet, the segment sheets and the
// high-value-at-risk list together), with no styles, 1,048,575 data rows
// to a sheet as Excel allows.
package main

import (
	"flag"
	"fmt"
	"log"
	"os"
	"time"

	"github.com/xuri/excelize/v2"
)

func main() {
	rows := flag.Int("rows", 100_000, "data rows")
	cols := flag.Int("cols", 34, "columns")
	out := flag.String("out", os.TempDir()+"/custseg-wbfloor.xlsx", "file to write")
	flag.Parse()
	t0 := time.Now()
	const perSheet = 1_048_575 // data rows under the header
	f := excelize.NewFile()
	row := make([]any, *cols)
	for sheet, left := 1, *rows; left > 0; sheet, left = sheet+1, left-perSheet {
		name := fmt.Sprintf("Sheet%d", sheet)
		if sheet > 1 {
			if _, err := f.NewSheet(name); err != nil {
				log.Fatal(err)
			}
		}
		writeSheet(f, name, row, min(left, perSheet))
	}
	if err := f.SaveAs(*out); err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%.2f\n", time.Since(t0).Seconds())
}

// writeSheet streams a header and rows data rows of row's width.
func writeSheet(f *excelize.File, name string, row []any, rows int) {
	sw, err := f.NewStreamWriter(name)
	if err != nil {
		log.Fatal(err)
	}
	for r := 1; r <= rows+1; r++ {
		for c := range row {
			switch c % 4 {
			case 0:
				row[c] = fmt.Sprintf("text %d", r)
			case 1:
				row[c] = r * 7
			case 2:
				row[c] = float64(r) * 1.25
			default:
				row[c] = "2026-09-30"
			}
		}
		cell, _ := excelize.CoordinatesToCellName(1, r)
		if err := sw.SetRow(cell, row); err != nil {
			log.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		log.Fatal(err)
	}
}
