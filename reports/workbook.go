package reports

import (
	"archive/zip"
	"errors"
	"fmt"
	"io"
	"math"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/custseg/custseg/analysis"
)

// WriteWorkbook writes the marketing workbook of one run to w as .xlsx: the
// sheets Summary, Customers, Segments, Value tiers, Data quality and About,
// in that order, with texts in in.Locale ("zh-CN" or English).
//
// Every sheet starts with a title row and a one-line explanation, then a
// table with a bold header row, frozen panes below it and an autofilter.
// The Customers sheet is streamed through a temporary file and the zip goes
// straight to w, so a million customers cost little memory beyond the
// dataset itself. Customers beyond what one Excel sheet holds (1,048,573
// under the header) continue on "Customers (2)" and so on. An empty
// dataset, or one without buyers, still gives every sheet with its headers;
// no cell ever holds NaN or an infinity.
//
// in.Result must be the analysis of in.Dataset (Scores aligned with
// Customers); a nil Dataset counts as no customers. On error, w may hold
// part of a file: write to a temporary name and discard it.
func WriteWorkbook(w io.Writer, in *Input) error {
	if in == nil || in.Result == nil {
		return errors.New("workbook: no analysis result to write")
	}
	ds := in.Dataset
	if ds == nil {
		ds = &analysis.Dataset{}
	}
	if len(in.Result.Scores) != len(ds.Customers) {
		return fmt.Errorf("workbook: %d scores for %d customers; the result is not the analysis of this dataset",
			len(in.Result.Scores), len(ds.Customers))
	}
	wb := &workbook{in: in, ds: ds, res: in.Result, loc: in.Locale, asOf: in.AsOf}
	if wb.asOf.IsZero() {
		wb.asOf = in.Result.AsOf
	}
	f := excelize.NewFile()
	defer f.Close()
	wb.f = f
	if err := wb.write(); err != nil {
		return fmt.Errorf("workbook: %w", err)
	}
	// excelize assembles the whole .xlsx in a bytes.Buffer before copying
	// it to w; for a million customers that is a copy we do not need, so
	// the zip goes straight to w. Go's zip only half-marks parts over 4 GiB
	// as ZIP64, which Excel rejects (excelize patches that in its buffer),
	// so a sheet that might get that big takes excelize's buffered path.
	if !wb.mayExceedZip32() {
		f.SetZipWriter(func(io.Writer) excelize.ZipWriter { return zip.NewWriter(w) })
	}
	if err := f.Write(w); err != nil {
		return fmt.Errorf("workbook: write: %w", err)
	}
	return nil
}

// mayExceedZip32 reports whether the XML of a Customers sheet might pass
// 4 GiB, reckoning generously: 64 bytes of markup per cell plus the row's
// text, for the fullest sheet.
func (wb *workbook) mayExceedZip32() bool {
	n := len(wb.ds.Customers)
	if n == 0 {
		return false
	}
	text := 0
	for i := range wb.ds.Customers {
		c := &wb.ds.Customers[i]
		text += len(c.ID) + len(c.Name) + len(c.Email) + len(c.Phone)
		for _, a := range c.Attrs {
			text += len(a)
		}
	}
	cells := ccAttrs + len(wb.ds.AttrNames) + ccCount
	perRow := float64(64*cells) + float64(text)/float64(n)
	return float64(min(n, customerSheetRows))*perRow > 0.9*math.MaxUint32
}

// workbook is the state of one WriteWorkbook call.
type workbook struct {
	f    *excelize.File
	in   *Input
	ds   *analysis.Dataset
	res  *analysis.Result
	loc  string
	asOf time.Time
	st   styles

	summary, segments, tiers, quality, about string
	// customers are the Customers sheets: one, unless there are more
	// customers than an Excel sheet has rows.
	customers []string
}

func (wb *workbook) t(l Label) string { return l.In(wb.loc) }

func (wb *workbook) write() error {
	wb.summary = wb.t(wbSheetSummary)
	wb.customers = wb.customerSheetNames()
	wb.segments = wb.t(wbSheetSegments)
	wb.tiers = wb.t(wbSheetTiers)
	wb.quality = wb.t(wbSheetQuality)
	wb.about = wb.t(wbSheetAbout)
	names := append(append([]string{wb.summary}, wb.customers...), wb.segments, wb.tiers, wb.quality, wb.about)
	// Create every sheet first, in order, so sheet indexes (which autofilter
	// names refer to) are final before anything is written.
	if err := wb.f.SetSheetName("Sheet1", names[0]); err != nil {
		return fmt.Errorf("sheet %q: %w", names[0], err)
	}
	for _, n := range names[1:] {
		if _, err := wb.f.NewSheet(n); err != nil {
			return fmt.Errorf("sheet %q: %w", n, err)
		}
	}
	wb.f.SetActiveSheet(0)
	if err := wb.st.create(wb.f, wb.in.Currency); err != nil {
		return fmt.Errorf("styles: %w", err)
	}
	for _, step := range []struct {
		sheet string
		fn    func() error
	}{
		{"", wb.writeCustomers}, // names its sheets itself
		{wb.segments, wb.writeSegments},
		{wb.tiers, wb.writeTiers},
		{wb.quality, wb.writeQuality},
		{wb.about, wb.writeAbout},
		{wb.summary, wb.writeSummary}, // last: its charts refer to the other sheets
	} {
		if err := step.fn(); err != nil && step.sheet != "" {
			return fmt.Errorf("sheet %q: %w", step.sheet, err)
		} else if err != nil {
			return err
		}
	}
	title := wb.t(wbTitleSummary)
	if wb.in.Job != "" {
		title += " — " + wb.in.Job
	}
	props := &excelize.DocProperties{Title: title, Creator: "custseg", Language: wb.loc}
	if !wb.in.GeneratedAt.IsZero() {
		props.Created = wb.in.GeneratedAt.UTC().Format(time.RFC3339)
		props.Modified = props.Created
	}
	if err := wb.f.SetDocProps(props); err != nil {
		return fmt.Errorf("document properties: %w", err)
	}
	return nil
}
