// Package pdeflate compresses a stream to raw DEFLATE (RFC 1951) on all
// cores, as pigz does for gzip: the input is cut into blocks of BlockSize
// bytes, each block is compressed on its own by klauspost/compress's
// flate and ended by a sync flush (an empty stored block, so it ends on a
// byte), and the blocks are written in order, the last one final. Any
// inflater reads the result as one stream. A block does not refer back
// into the one before it, which costs a few tenths of a percent of the
// compressed size; the output depends only on the input and the level,
// never on the cores or the timing.
//
// The workbook's zip registers it as its deflater: the final zip of a
// million-customer workbook deflates about 700 MB of sheet XML, which on
// one core took a third of the workbook step.
package pdeflate

import (
	"bytes"
	"fmt"
	"io"
	"runtime"
	"sync"

	"github.com/klauspost/compress/flate"
)

// BlockSize is the input compressed as one block.
const BlockSize = 1 << 20

// Writer is a raw DEFLATE compressor using all cores. It is not safe for
// concurrent use; Close must be called to end the stream.
type Writer struct {
	out   io.Writer
	level int
	cur   []byte  // the block being filled
	queue []*part // blocks being compressed, in order
	err   error
	sem   chan struct{} // bounds the blocks compressed at once
}

// part is one block on its way: its compressed bytes once done is closed.
type part struct {
	in   []byte
	out  bytes.Buffer
	err  error
	done chan struct{}
}

// NewWriter returns a Writer compressing to out at level (a flate level,
// e.g. flate.DefaultCompression).
func NewWriter(out io.Writer, level int) (*Writer, error) {
	if level < flate.HuffmanOnly || level > flate.BestCompression {
		return nil, fmt.Errorf("pdeflate: invalid compression level %d: want value in range [%d, %d]",
			level, flate.HuffmanOnly, flate.BestCompression)
	}
	return &Writer{out: out, level: level, sem: make(chan struct{}, runtime.GOMAXPROCS(0))}, nil
}

// Write compresses p.
func (w *Writer) Write(p []byte) (int, error) {
	if w.err != nil {
		return 0, w.err
	}
	n := len(p)
	for len(p) > 0 {
		if w.cur == nil {
			w.cur = getBlock()
		}
		k := min(len(p), BlockSize-len(w.cur))
		w.cur = append(w.cur, p[:k]...)
		p = p[k:]
		if len(w.cur) == BlockSize {
			w.submit(false)
			if err := w.drain(2 * cap(w.sem)); err != nil {
				return n - len(p), err
			}
		}
	}
	return n, nil
}

// Close compresses what is left as the final block and writes every block
// still on its way. It does not close the underlying writer.
func (w *Writer) Close() error {
	if w.err != nil {
		return w.err
	}
	if w.cur == nil {
		w.cur = getBlock()
	}
	w.submit(true)
	return w.drain(0)
}

// submit starts compressing the current block, final or not.
func (w *Writer) submit(final bool) {
	p := &part{in: w.cur, done: make(chan struct{})}
	w.cur = nil
	w.queue = append(w.queue, p)
	w.sem <- struct{}{}
	go func() {
		defer func() { <-w.sem; close(p.done) }()
		p.err = compress(&p.out, p.in, w.level, final)
		putBlock(p.in)
		p.in = nil
	}()
}

// drain writes the compressed blocks at the head of the queue, in order,
// until at most keep are left on their way.
func (w *Writer) drain(keep int) error {
	for len(w.queue) > keep {
		p := w.queue[0]
		<-p.done
		w.queue[0] = nil
		w.queue = w.queue[1:]
		if w.err == nil {
			w.err = p.err
		}
		if w.err == nil {
			_, w.err = w.out.Write(p.out.Bytes())
		}
	}
	return w.err
}

// compressors keeps flate writers for reuse, each with its level.
var compressors sync.Pool // *pooled

type pooled struct {
	fw    *flate.Writer
	level int
}

// compress deflates in to out as one block of the stream: ended by a sync
// flush, or as the stream's final block.
func compress(out *bytes.Buffer, in []byte, level int, final bool) error {
	c, _ := compressors.Get().(*pooled)
	if c == nil || c.level != level {
		fw, err := flate.NewWriter(out, level)
		if err != nil {
			return err
		}
		c = &pooled{fw: fw, level: level}
	} else {
		c.fw.Reset(out)
	}
	defer compressors.Put(c)
	if _, err := c.fw.Write(in); err != nil {
		return err
	}
	if final {
		return c.fw.Close()
	}
	return c.fw.Flush()
}

var blocks sync.Pool // *[]byte of capacity BlockSize

func getBlock() []byte {
	if b, ok := blocks.Get().(*[]byte); ok {
		return (*b)[:0]
	}
	return make([]byte, 0, BlockSize)
}

func putBlock(b []byte) {
	if cap(b) == BlockSize {
		blocks.Put(&b)
	}
}
