// Command wbfloor measures the workbook floor: a minimal excelize
// StreamWriter program writing the same number of rows and columns as the
// job's Customers sheet, with no styles.
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
	f := excelize.NewFile()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		log.Fatal(err)
	}
	row := make([]any, *cols)
	for r := 1; r <= *rows+1; r++ {
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
	if err := f.SaveAs(*out); err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%.2f\n", time.Since(t0).Seconds())
}
