package workbook

import (
	"errors"
	"runtime/debug"
	"sync/atomic"
	"testing"
	"time"
)

// TestBackgroundSheet checks the background sheet's life: finishing waits
// for the rows and then flushes; an error of the rows comes back named by
// the sheet and nothing is flushed; a second sheet waits for the first;
// stopping tells the rows to stop and returns only once they have.
func TestBackgroundSheet(t *testing.T) {
	t.Run("finish waits for the rows, then flushes", func(t *testing.T) {
		var wb workbook
		var rows, flushed atomic.Int32
		err := wb.startBackground("Customers", func(*atomic.Bool) error {
			time.Sleep(20 * time.Millisecond)
			rows.Add(1)
			return nil
		}, func() error {
			if rows.Load() != 1 {
				t.Error("flushed before the rows were written")
			}
			flushed.Add(1)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if err := wb.finishBackground(); err != nil {
			t.Fatal(err)
		}
		if flushed.Load() != 1 || wb.bg != nil || wb.bgActive.Load() {
			t.Errorf("flushed %d times, bg %v, active %v", flushed.Load(), wb.bg, wb.bgActive.Load())
		}
	})
	t.Run("an error of the rows names the sheet, nothing is flushed", func(t *testing.T) {
		var wb workbook
		boom := errors.New("boom")
		_ = wb.startBackground("Customers", func(*atomic.Bool) error { return boom },
			func() error { t.Error("flushed after the rows failed"); return nil })
		err := wb.finishBackground()
		if !errors.Is(err, boom) || err.Error() != `sheet "Customers": boom` {
			t.Errorf("err = %v", err)
		}
	})
	t.Run("a second sheet waits for the first", func(t *testing.T) {
		var wb workbook
		var order []string
		_ = wb.startBackground("Customers", func(*atomic.Bool) error { time.Sleep(20 * time.Millisecond); return nil },
			func() error { order = append(order, "first flushed"); return nil })
		_ = wb.startBackground("Customers (2)", func(*atomic.Bool) error { return nil },
			func() error { order = append(order, "second flushed"); return nil })
		order = append(order, "second started")
		if err := wb.finishBackground(); err != nil {
			t.Fatal(err)
		}
		if len(order) != 3 || order[0] != "first flushed" || order[1] != "second started" {
			t.Errorf("order %v", order)
		}
	})
	t.Run("stop ends the rows before it returns", func(t *testing.T) {
		var wb workbook
		var ended atomic.Bool
		_ = wb.startBackground("Customers", func(stop *atomic.Bool) error {
			defer ended.Store(true)
			for !stop.Load() {
				time.Sleep(time.Millisecond)
			}
			return errStopped
		}, func() error { t.Error("flushed after a stop"); return nil })
		wb.stopBackground()
		if !ended.Load() || wb.bg != nil {
			t.Errorf("rows ended %v, bg %v", ended.Load(), wb.bg)
		}
		wb.stopBackground() // nothing running: returns at once
	})
}

// TestBackgroundSheetExcelizeChecked pins the excelize version whose
// StreamWriter.SetRow was read and raced (go test -race
// ./reports/workbook) for the background sheet: it touches only the
// writer's buffer and its own sheet. An upgrade fails here until that is
// checked again and the version below updated.
func TestBackgroundSheetExcelizeChecked(t *testing.T) {
	const checked = "v2.11.1"
	info, ok := debug.ReadBuildInfo()
	if !ok {
		t.Skip("no build information in this test binary")
	}
	for _, m := range info.Deps {
		if m.Path == "github.com/xuri/excelize/v2" {
			if v := m.Version; m.Replace != nil {
				v = m.Replace.Version
				if v != checked {
					t.Errorf("excelize is replaced by %s %s; the background sheet was checked with %s", m.Replace.Path, v, checked)
				}
			} else if v != checked {
				t.Errorf("excelize %s; the background sheet was checked with %s: read StreamWriter.SetRow again, run go test -race ./reports/workbook, then update this test", v, checked)
			}
			return
		}
	}
	t.Error("excelize is not among the test binary's modules")
}
