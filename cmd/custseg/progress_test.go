package main

import (
	"bytes"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/vbauerster/mpb/v8"
)

// drawBuffer is a bytes.Buffer safe for mpb's drawing goroutine.
type drawBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *drawBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *drawBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestTermProgress: the bar shows the work's name, what it is doing and
// its count of the total; log lines written through it come out whole,
// before and after Close.
func TestTermProgress(t *testing.T) {
	var out drawBuffer
	refresh := make(chan any)
	p := newTermProgress(&out, mpb.WithManualRefresh(refresh))
	// draw asks for one frame and waits, at most a minute, for want in it.
	draw := func(want string) {
		t.Helper()
		deadline := time.Now().Add(time.Minute)
		for !strings.Contains(out.String(), want) {
			if time.Now().After(deadline) {
				t.Fatalf("no %q drawn:\n%s", want, out.String())
			}
			select {
			case refresh <- nil:
			case <-time.After(50 * time.Millisecond):
			}
		}
	}
	log := terminalLogger(p)
	p.Start("analyse", 8)
	p.Describe("clusters")
	p.Add(5)
	draw("5 / 8 (62%)")
	go log.Info("extract done", "customers", 20000)
	draw(`level=INFO msg="extract done" customers=20000` + "\n")
	p.Done()
	p.Start("extract: customers.sql", 0)
	p.Add(4096)
	draw("4096")
	// Keep asking for frames while Close waits for its last one.
	stop := make(chan struct{})
	go func() {
		for {
			select {
			case refresh <- nil:
			case <-stop:
				return
			case <-time.After(20 * time.Millisecond):
			}
		}
	}()
	p.Close()
	close(stop)
	p.Close() // a second Close does nothing
	log.Info("run finished")
	got := out.String()
	for _, want := range []string{"analyse", "clusters", "extract: customers.sql", `msg="run finished"` + "\n"} {
		if !strings.Contains(got, want) {
			t.Errorf("output lacks %q:\n%s", want, got)
		}
	}
}
