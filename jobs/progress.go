package jobs

import (
	"github.com/custseg/custseg/analysis"
	"github.com/custseg/custseg/queries"
)

// Progress shows a run's long work as it goes: `custseg run` and `custseg
// demo` draw bars on a terminal with it; a nil Progress (cron, systemd, a
// container) shows nothing beyond the one log line per step. A run uses it
// from one goroutine, one piece of work at a time: Start, then any number
// of Describe and Add, then Done.
type Progress interface {
	// Start begins a piece of work: what names it ("extract customers.sql",
	// "analyse", "workbook Customers"), total counts its units (rows,
	// analyses), 0 when unknown.
	Start(what string, total int64)
	// Describe says what the piece of work is doing now ("clusters").
	Describe(now string)
	// Add counts n more units done.
	Add(n int64)
	// SetTotal corrects the total once the work turns out larger.
	SetTotal(total int64)
	// Done ends the piece of work.
	Done()
}

// rowsProgress adapts p to the extract's and the workbook's callbacks,
// which report rows so far of a named statement or sheet.
type rowsProgress struct {
	p           Progress
	prefix      string
	name        string
	rows, total int64
}

// update takes rows of total done on name: a new name starts a new piece
// of work, rows equal to the total ends it.
func (r *rowsProgress) update(name string, rows, total int64) {
	if name != r.name {
		r.finish()
		r.name, r.rows, r.total = name, 0, total
		r.p.Start(r.prefix+name, total)
	}
	if total != r.total {
		r.total = total
		r.p.SetTotal(total)
	}
	if rows > r.rows {
		r.p.Add(rows - r.rows)
		r.rows = rows
	}
	if total > 0 && rows == total {
		r.finish()
	}
}

// finish ends the current piece of work, if any.
func (r *rowsProgress) finish() {
	if r.name != "" {
		r.p.Done()
		r.name = ""
	}
}

// extractProgress returns the extract's RowsRead for p, nil without p.
func extractProgress(p Progress) (queries.RowsRead, func()) {
	if p == nil {
		return nil, func() {}
	}
	r := &rowsProgress{p: p, prefix: "extract: "}
	return r.update, r.finish
}

// workbookProgress returns the workbook's RowsWritten for p, nil without p.
func workbookProgress(p Progress) (func(sheet string, rows, total int), func()) {
	if p == nil {
		return nil, func() {}
	}
	r := &rowsProgress{p: p, prefix: "workbook: "}
	return func(sheet string, rows, total int) { r.update(sheet, int64(rows), int64(total)) }, r.finish
}

// analyse runs the analysis, telling p which analysis runs, of how many.
func analyse(ds *analysis.Dataset, params analysis.Params, p Progress) *analysis.Result {
	if p == nil {
		return analysis.Analyze(ds, params)
	}
	started := false
	res := analysis.AnalyzeProgress(ds, params, func(stage string, k, n int) {
		if !started {
			p.Start("analyse", int64(n))
			started = true
		}
		if k > 0 {
			p.Add(1)
		}
		p.Describe(stage)
	})
	if started {
		p.Add(1)
		p.Done()
	}
	return res
}
