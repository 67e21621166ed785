package workbook

import (
	"archive/zip"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"sync/atomic"
	"time"

	"github.com/custseg/custseg/internal/pdeflate"

	"github.com/custseg/custseg/reports"
	"github.com/custseg/custseg/texts"

	kflate "github.com/klauspost/compress/flate"
	"github.com/xuri/excelize/v2"

	"github.com/custseg/custseg/analysis"
)

// Write writes the marketing workbook of one run to w as .xlsx,
// with texts in in.Locale ("zh-CN" or English). Its sheets, in order:
// Summary, Customers, one sheet per segment of in.SegmentSheets, Segments,
// Value tiers, Pyramid, Churn and lifecycle, Save now, Win back, Clusters,
// Characteristics, Common needs, Migration, Cohorts, Data quality, Model,
// Definitions and About.
//
// Every sheet starts with a title row and a one-line explanation, then a
// table with a bold header row, frozen panes below it and an autofilter.
// The sheets with a row per customer (Customers, the segment sheets and
// Save now, Win back) are streamed through temporary files and the zip goes
// straight to w, so a million customers cost little memory beyond the
// dataset itself. Customers beyond what one Excel sheet holds (1,048,573
// under the header) continue on "Customers (2)" and so on. An empty
// dataset, or one without buyers, still gives every sheet with its headers;
// no cell ever holds NaN or an infinity, and customer texts are always
// written as text, never as formulas.
//
// in.Result must be the analysis of in.Dataset (Scores aligned with
// Customers); a nil Dataset counts as no customers. On error, w may hold
// part of a file: write to a temporary name and discard it.
func Write(w io.Writer, in *reports.Input) error {
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
	// The parts are deflated by klauspost/compress, a third faster than
	// compress/flate at the same ratio (BenchmarkWriteWorkbook100k: 3.3 s
	// instead of 4.9 s), on all cores in blocks of 1 MiB (pdeflate): the
	// zip of a million customers' sheets, some 700 MB of XML, took 10 s of
	// the workbook step on one core.
	if !wb.mayExceedZip32() {
		f.SetZipWriter(func(io.Writer) excelize.ZipWriter {
			zw := zip.NewWriter(w)
			zw.RegisterCompressor(zip.Deflate, func(out io.Writer) (io.WriteCloser, error) {
				return pdeflate.NewWriter(out, kflate.DefaultCompression)
			})
			return zw
		})
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
	cells := ccAttrs + len(wb.ds.AttrNames) + ccCount + wb.campaignLayout().n
	perRow := float64(64*cells) + float64(text)/float64(n)
	return float64(min(n, customerSheetRows))*perRow > 0.9*math.MaxUint32
}

// workbook is the state of one WriteWorkbook call.
type workbook struct {
	f    *excelize.File
	in   *reports.Input
	ds   *analysis.Dataset
	res  *analysis.Result
	loc  string
	asOf time.Time
	st   styles

	summary, segments, tiers, pyramid, churn, save, win, clusters string
	chars, needs, migration, cohorts, quality, model, defs        string
	about                                                         string
	// customers are the Customers sheets: one, unless there are more
	// customers than an Excel sheet has rows.
	customers []string
	// segSheets are the sheets of single segments (Input.SegmentSheets).
	segSheets []segSheet
	// sheets lists every sheet in order with its explanation, for the
	// Summary's index.
	sheets []sheetEntry
	cust   customerLayoutCache
	// bg is the sheet streaming its rows on another core, if any, and
	// bgActive is set while its rows are written (see background).
	bg       *background
	bgActive atomic.Bool
}

// segSheet is the sheet of one segment: its name and the segment's index
// in Result.Segments.
type segSheet struct {
	name string
	seg  int
}

type sheetEntry struct {
	name    string
	explain string
	write   func() error
	// print: set the page up for printing (landscape, one page wide); the
	// sheets with a row per customer are too wide for that.
	print bool
}

func (wb *workbook) t(l reports.Label) string { return l.In(wb.loc) }

// nameSheets names every sheet, valid in Excel and unique, and lists them
// in order. The fixed names are taken first, so a segment named like one of
// them gets a number.
func (wb *workbook) nameSheets() {
	var u sheetNames
	take := func(l reports.Label) string { return u.take(wb.t(l), l.In(texts.Default)) }
	wb.summary = take("workbook.sheetSummary")
	wb.customers = nil
	if wb.in.CustomerList != "csv.gz" {
		for _, n := range wb.customerSheetNames() {
			wb.customers = append(wb.customers, u.take(n, "Customers"))
		}
	}
	wb.segments, wb.tiers, wb.pyramid = take("workbook.sheetSegments"), take("workbook.sheetTiers"), take("workbook.sheetPyramid")
	wb.churn, wb.clusters = take("workbook.sheetChurn"), take("workbook.sheetClusters")
	wb.save, wb.win = take("reports.ListNameSaveNow"), take("reports.ListNameWinBack")
	wb.chars, wb.needs, wb.migration = take("workbook.sheetChars"), take("workbook.sheetNeeds"), take("workbook.sheetMigration")
	wb.cohorts, wb.quality, wb.model = take("workbook.sheetCohorts"), take("workbook.sheetQuality"), take("workbook.sheetModel")
	wb.defs, wb.about = take("workbook.sheetDefinitions"), take("workbook.sheetAbout")
	seen := map[int]bool{}
	for _, key := range wb.in.SegmentSheets {
		for i, g := range wb.res.Segments {
			if g.Rule.Key == key && !seen[i] {
				seen[i] = true
				name := u.take(reports.SegmentName(g.Rule, wb.loc), g.Rule.Key)
				wb.segSheets = append(wb.segSheets, segSheet{name, i})
			}
		}
	}

	add := func(name string, explain reports.Label, write func() error, print bool) {
		wb.sheets = append(wb.sheets, sheetEntry{name, wb.t(explain), write, print})
	}
	add(wb.summary, "workbook.explainSummary", wb.writeSummary, true)
	for i, c := range wb.customers {
		w := wb.writeCustomers
		if i > 0 {
			w = nil // writeCustomers writes them all
		}
		add(c, "workbook.explainCustomers", w, false)
	}
	for _, s := range wb.segSheets {
		g := wb.res.Segments[s.seg]
		wb.sheets = append(wb.sheets, sheetEntry{s.name,
			fmt.Sprintf(wb.t("workbook.explainSegmentSheet"), g.Customers, reports.SegmentAction(g.Rule, wb.loc)),
			func() error { return wb.writeSegmentSheet(s) }, false})
	}
	add(wb.segments, "workbook.explainSegments", wb.writeSegments, true)
	add(wb.tiers, "workbook.explainTiers", wb.writeTiers, true)
	add(wb.pyramid, "workbook.explainPyramid", wb.writePyramid, true)
	add(wb.churn, "workbook.explainChurn", wb.writeChurn, true)
	// Streamed: they set their pages up themselves.
	add(wb.save, "workbook.explainSaveNow", func() error { return wb.writeList(wb.saveNowList()) }, false)
	add(wb.win, "workbook.explainWinBack", func() error { return wb.writeList(wb.winBackList()) }, false)
	add(wb.clusters, "workbook.explainClusters", wb.writeClusters, true)
	add(wb.chars, "workbook.explainChars", wb.writeChars, true)
	add(wb.needs, "workbook.explainNeeds", wb.writeNeeds, true)
	add(wb.migration, "workbook.explainMigration", wb.writeMigration, true)
	add(wb.cohorts, "workbook.explainCohorts", wb.writeCohorts, true)
	add(wb.quality, "workbook.explainQuality", wb.writeQuality, true)
	add(wb.model, "workbook.explainModel", wb.writeModel, true)
	add(wb.defs, "workbook.explainDefinitions", wb.writeDefinitions, true)
	add(wb.about, "workbook.explainAbout", wb.writeAbout, true)
}

func (wb *workbook) write() error {
	wb.nameSheets()
	// Create every sheet first, in order, so sheet indexes (which autofilter
	// names refer to) are final before anything is written.
	if err := wb.f.SetSheetName("Sheet1", wb.sheets[0].name); err != nil {
		return fmt.Errorf("sheet %q: %w", wb.sheets[0].name, err)
	}
	for _, s := range wb.sheets[1:] {
		if _, err := wb.f.NewSheet(s.name); err != nil {
			return fmt.Errorf("sheet %q: %w", s.name, err)
		}
	}
	wb.f.SetActiveSheet(0)
	if err := wb.st.create(wb.f, wb.in.Currency, wb.loc); err != nil {
		return fmt.Errorf("styles: %w", err)
	}
	// The Summary goes last: its charts refer to the other sheets, which
	// are then all written, the background one included.
	defer wb.stopBackground()
	for k, s := range append(wb.sheets[1:], wb.sheets[0]) {
		if k == len(wb.sheets)-1 {
			if err := wb.finishBackground(); err != nil {
				return err
			}
		}
		if s.write == nil {
			continue
		}
		if err := s.write(); err != nil {
			return fmt.Errorf("sheet %q: %w", s.name, err)
		}
		if s.print {
			if err := wb.printSetup(s.name); err != nil {
				return fmt.Errorf("sheet %q: page setup: %w", s.name, err)
			}
		}
	}
	title := wb.t("workbook.titleSummary")
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

// printSetup prints sheet landscape, one page wide and as many tall as it
// takes, with the rows down to the header repeated on every page.
func (wb *workbook) printSetup(sheet string) error {
	landscape, one, anyTall, fit := "landscape", 1, 0, true
	if err := wb.f.SetPageLayout(sheet, &excelize.PageLayoutOptions{
		Orientation: &landscape, FitToWidth: &one, FitToHeight: &anyTall,
	}); err != nil {
		return err
	}
	if err := wb.f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	return wb.f.SetDefinedName(&excelize.DefinedName{
		Name: "_xlnm.Print_Titles", Scope: sheet,
		RefersTo: quoteSheet(sheet) + "!$" + strconv.Itoa(headerRow) + ":$" + strconv.Itoa(headerRow),
	})
}
