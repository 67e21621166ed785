package pdeflate

import (
	"bytes"
	"compress/flate"
	"errors"
	"io"
	"math/rand/v2"
	"testing"

	kflate "github.com/klauspost/compress/flate"
)

// sheetLike is n bytes of repetitive XML with varying numbers in it, as a
// worksheet is.
func sheetLike(n int, seed uint64) []byte {
	rng := rand.New(rand.NewPCG(seed, 1))
	var b bytes.Buffer
	for b.Len() < n {
		b.WriteString(`<row r="`)
		b.WriteString(string(rune('0' + rng.IntN(10))))
		b.WriteString(`"><c r="A1" s="3" t="inlineStr"><is><t>customer `)
		for range 6 {
			b.WriteByte(byte('a' + rng.IntN(26)))
		}
		b.WriteString(`</t></is></c><c r="B1" s="5"><v>`)
		b.WriteString(string(rune('0' + rng.IntN(10))))
		b.WriteString(`.25</v></c></row>`)
	}
	return b.Bytes()[:n]
}

// TestRoundTrip compresses streams of many sizes, around and across the
// block size, written in pieces of several sizes, and reads them back
// with the standard library's inflater: the same bytes. Random data
// (incompressible) and empty streams are included.
func TestRoundTrip(t *testing.T) {
	random := make([]byte, 3*BlockSize+7)
	for i := range random {
		random[i] = byte(rand.N(256))
	}
	for _, c := range []struct {
		name  string
		data  []byte
		piece int
	}{
		{"empty", nil, 1},
		{"one byte", []byte{'x'}, 1},
		{"a block less one", sheetLike(BlockSize-1, 1), 4096},
		{"a block", sheetLike(BlockSize, 2), 4096},
		{"a block and one", sheetLike(BlockSize+1, 3), 1 << 16},
		{"many blocks in one write", sheetLike(9*BlockSize+12345, 4), 10 * BlockSize},
		{"many blocks in odd writes", sheetLike(5*BlockSize+1, 5), 77777},
		{"random", random, 1 << 20},
	} {
		t.Run(c.name, func(t *testing.T) {
			var out bytes.Buffer
			w, err := NewWriter(&out, kflate.DefaultCompression)
			if err != nil {
				t.Fatal(err)
			}
			for p := c.data; len(p) > 0; {
				k := min(c.piece, len(p))
				if n, err := w.Write(p[:k]); err != nil || n != k {
					t.Fatalf("Write: %d, %v", n, err)
				}
				p = p[k:]
			}
			if err := w.Close(); err != nil {
				t.Fatal(err)
			}
			got, err := io.ReadAll(flate.NewReader(&out))
			if err != nil {
				t.Fatalf("inflate: %v", err)
			}
			if !bytes.Equal(got, c.data) {
				t.Fatalf("read back %d bytes, wrote %d (equal: false)", len(got), len(c.data))
			}
		})
	}
}

// TestSameBytesEveryTime compresses the same input twice: the same
// compressed bytes, whatever the timing of the blocks; and within a few
// tenths of a percent of one-block compression.
func TestSameBytesEveryTime(t *testing.T) {
	data := sheetLike(6*BlockSize+100, 9)
	var outs [2]bytes.Buffer
	for k := range outs {
		w, _ := NewWriter(&outs[k], kflate.DefaultCompression)
		w.Write(data)
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
	}
	if !bytes.Equal(outs[0].Bytes(), outs[1].Bytes()) {
		t.Fatal("two compressions of the same input differ")
	}
	var one bytes.Buffer
	fw, _ := kflate.NewWriter(&one, kflate.DefaultCompression)
	fw.Write(data)
	fw.Close()
	if ratio := float64(outs[0].Len()) / float64(one.Len()); ratio > 1.01 {
		t.Errorf("blocks %d bytes, one stream %d: %.4f ×", outs[0].Len(), one.Len(), ratio)
	}
}

type failingWriter struct{ after int }

func (f *failingWriter) Write(p []byte) (int, error) {
	if f.after <= 0 {
		return 0, errors.New("disk full")
	}
	f.after--
	return len(p), nil
}

// TestWriteError passes the underlying writer's error on, from Write or
// Close, and keeps returning it.
func TestWriteError(t *testing.T) {
	w, _ := NewWriter(&failingWriter{after: 1}, kflate.DefaultCompression)
	data := sheetLike(20*BlockSize, 3)
	_, werr := w.Write(data)
	cerr := w.Close()
	if werr == nil && cerr == nil {
		t.Fatal("no error from a writer that fails")
	}
	if _, err := w.Write([]byte("more")); err == nil {
		t.Error("Write after an error: no error")
	}
}

// TestLevels accepts flate's levels, −2 (Huffman only) to 9, and refuses
// the others.
func TestLevels(t *testing.T) {
	for level := -4; level <= 11; level++ {
		_, err := NewWriter(io.Discard, level)
		if want := level >= -2 && level <= 9; (err == nil) != want {
			t.Errorf("level %d: err %v", level, err)
		}
	}
}

func BenchmarkWrite(b *testing.B) {
	data := sheetLike(64*BlockSize, 1)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		w, _ := NewWriter(io.Discard, kflate.DefaultCompression)
		w.Write(data)
		w.Close()
	}
}

func BenchmarkOneStream(b *testing.B) {
	data := sheetLike(64*BlockSize, 1)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		fw, _ := kflate.NewWriter(io.Discard, kflate.DefaultCompression)
		fw.Write(data)
		fw.Close()
	}
}
