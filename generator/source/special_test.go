package source_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"testing/fstest"
	"time"

	"github.com/playbookhq/playbook/generator/sitefs"
	"github.com/playbookhq/playbook/generator/source"
)

// TestSpecialFiles checks that Load lists named pipes, devices, sockets and
// symbolic links as what they are and skips them with a warning, and that
// a page over the size limit is an error at its first line.
func TestSpecialFiles(t *testing.T) {
	fsys := fstest.MapFS{
		"a.md":        {Data: []byte("# A\n")},
		"pipe.md":     {Mode: fs.ModeNamedPipe},
		"dev/zero.md": {Mode: fs.ModeDevice | fs.ModeCharDevice},
		"sock":        {Mode: fs.ModeSocket},
		"link.md":     {Mode: fs.ModeSymlink, Data: []byte("/etc/passwd")},
		"big.md":      {Data: []byte(strings.Repeat("x", 3<<19))},
		"img.png":     {Data: []byte("png")},
	}
	set, diags := source.Load(t.Context(), fsys, source.Options{MaxSize: 1 << 20})
	var paths []string
	for _, d := range set.Docs {
		paths = append(paths, d.Path)
	}
	if got := strings.Join(paths, " "); got != "a.md" {
		t.Errorf("pages %q, want a.md", got)
	}
	if got := strings.Join(set.Files, " "); got != "img.png" {
		t.Errorf("files %q, want img.png", got)
	}
	diags.Sort()
	want := strings.Join([]string{
		"big.md:1:1: file is 1.5 MB, over the 1.0 MB limit for a page (maxPageSize in playbook.toml)",
		"dev/zero.md: warning: skipped: a character device, not a regular file",
		"link.md: warning: symbolic link skipped: links may point outside the site",
		"pipe.md: warning: skipped: a named pipe, not a regular file",
		"sock: warning: skipped: a socket, not a regular file",
	}, "\n") + "\n"
	if got := diags.String(); got != want {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", got, want)
	}
}

// TestReadReplaced checks that Read, given paths a listing found, skips a
// file that has become a named pipe or a link out of the site since,
// without waiting on the pipe.
func TestReadReplaced(t *testing.T) {
	base := t.TempDir()
	dir := filepath.Join(base, "content")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(base, "secret.md"), []byte("SECRET"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join(dir, "pipe.md"), 0o644); err != nil {
		t.Skip(err)
	}
	if err := os.Symlink("../secret.md", filepath.Join(dir, "link.md")); err != nil {
		t.Skip(err)
	}
	done := make(chan struct{})
	var docs []*source.Doc
	var diags []string
	go func() {
		defer close(done)
		d, l := source.Read(t.Context(), sitefs.Dir(dir), []string{"link.md", "pipe.md"}, source.Options{})
		docs = d
		for _, x := range l {
			diags = append(diags, x.String())
		}
	}()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("Read blocked on a named pipe")
	}
	if docs[0] != nil || docs[1] != nil {
		t.Errorf("docs %v, want none", docs)
	}
	want := []string{
		"link.md: warning: skipped: symbolic link leads outside the site folder\n",
		"pipe.md: warning: skipped: a named pipe, not a regular file\n",
	}
	if strings.Join(diags, "") != strings.Join(want, "") {
		t.Errorf("diagnostics %q, want %q", diags, want)
	}
}
