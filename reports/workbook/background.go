package workbook

import (
	"errors"
	"fmt"
	"sync/atomic"
)

// background is a sheet whose rows are streamed on another core while the
// workbook goes on with its other sheets: the Customers sheet, the
// largest, beside the segment sheets. Only the rows go there. excelize's
// File is not safe for concurrent use, but a StreamWriter's SetRow touches
// nothing of the File, only the writer's own buffer and its sheet, when
// no cell is a time.Time or time.Duration (the customer rows hold dates
// as numbers); creating the writer, its Flush and every other File call
// stay on the workbook's goroutine. Whatever the row order or the cores,
// the file's bytes are the same.
type background struct {
	sheet string
	done  chan error
	stop  atomic.Bool // set when the workbook has failed: the rows stop early
	flush func() error
}

// errStopped is what a background sheet returns when told to stop.
var errStopped = errors.New("workbook: stopped")

// startBackground streams rows(stop) for sheet on another goroutine; flush
// ends the sheet once the rows are written. It first finishes a
// background sheet still running, so there is at most one. While it runs,
// the sheets of the workbook's goroutine do not report their rows (see
// rowsWritten): the progress shows one sheet at a time.
func (wb *workbook) startBackground(sheet string, rows func(stop *atomic.Bool) error, flush func() error) error {
	if err := wb.finishBackground(); err != nil {
		return err
	}
	bg := &background{sheet: sheet, done: make(chan error, 1), flush: flush}
	wb.bg = bg
	wb.bgActive.Store(true)
	go func() {
		err := rows(&bg.stop)
		wb.bgActive.Store(false)
		bg.done <- err
	}()
	return nil
}

// finishBackground waits for the background sheet, if any, and ends it.
func (wb *workbook) finishBackground() error {
	bg := wb.bg
	if bg == nil {
		return nil
	}
	wb.bg = nil
	err := <-bg.done
	if err == nil {
		err = bg.flush()
	}
	if err != nil {
		return fmt.Errorf("sheet %q: %w", bg.sheet, err)
	}
	return nil
}

// stopBackground tells the background sheet, if any, to stop and waits for
// it: the workbook has failed, and nothing may still write when Write
// returns.
func (wb *workbook) stopBackground() {
	if bg := wb.bg; bg != nil {
		wb.bg = nil
		bg.stop.Store(true)
		<-bg.done
	}
}
