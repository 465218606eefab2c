package build

import (
	"maps"
	"path/filepath"
	"sync"
	"testing"

	"github.com/playbookhq/playbook/generator/corpus"
	"github.com/playbookhq/playbook/generator/output"
	"github.com/playbookhq/playbook/generator/render"
	"github.com/playbookhq/playbook/generator/sitefs"
	"github.com/playbookhq/playbook/themes"
)

// mapWriter keeps every file it is given, as written.
type mapWriter struct {
	mu    sync.Mutex
	files map[string][]byte
}

func (w *mapWriter) WriteFile(name string, data []byte) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.files[name] = data
	return nil
}

// copyWriter keeps a copy of every file, and lets the renderer reuse what
// it was given.
type copyWriter struct{ mapWriter }

func (w *copyWriter) WriteFile(name string, data []byte) error {
	return w.mapWriter.WriteFile(name, append([]byte(nil), data...))
}

func (w *copyWriter) Borrows() {}

// TestBorrowingWriter checks that the pages written to a writer that lets
// the renderer reuse its buffers (the output folder) are the pages written
// to one that keeps them (the preview server's).
func TestBorrowingWriter(t *testing.T) {
	f := generatedFront(t, 60)
	keep := &mapWriter{files: map[string][]byte{}}
	borrow := &copyWriter{mapWriter{files: map[string][]byte{}}}
	for _, w := range []output.Writer{keep, borrow} {
		if d, err := render.New(f.renderInput()).Pages(t.Context(), w, nil, nil); err != nil || d.Err() != nil {
			t.Fatal(err, d.Err())
		}
	}
	if len(keep.files) < 60 {
		t.Fatalf("%d files written", len(keep.files))
	}
	if !maps.EqualFunc(keep.files, borrow.files, func(a, b []byte) bool { return string(a) == string(b) }) {
		for name, data := range keep.files {
			if string(borrow.files[name]) != string(data) {
				t.Errorf("%s differs when the buffers are reused", name)
			}
		}
	}
}

// generatedFront runs the stages before rendering on a generated handbook
// of n pages.
func generatedFront(tb testing.TB, n int) *front {
	tb.Helper()
	src := tb.TempDir()
	if err := corpus.Generate(src, n, 1); err != nil {
		tb.Fatal(err)
	}
	bl := New(Config{SourceDir: src, DestDir: filepath.Join(src, "public"), DefaultTheme: themes.Default(), NoGit: true})
	root := sitefs.Dir(src)
	tb.Cleanup(func() { _ = root.Close() })
	cfg, tools, diags := loadConfig(root, "")
	f, err := bl.front(tb.Context(), newClock(nil), root, cfg, tools, diags)
	if err != nil || f.diags.Err() != nil {
		tb.Fatal(err, f.diags.Err())
	}
	return f
}
