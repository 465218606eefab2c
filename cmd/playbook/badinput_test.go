package main

import (
	"bytes"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"

	"github.com/playbookhq/playbook/generator/output"
)

var update = flag.Bool("update", false, "update golden files")

// The bad-input corpus: each folder under testdata/bad is a site with a
// problem, and <name>.golden holds the exit code and the diagnostics the
// build prints. Cases too large or too odd to commit are made by generated.
// Every case also checks that the previous output survives a failed build.

// generated makes the cases that are built at test time, in dir.
var generated = map[string]func(t *testing.T, dir string) (dest string){
	"big-page": func(t *testing.T, dir string) string {
		write(t, dir, "content/_index.md", "# Home\n")
		write(t, dir, "content/big.md", "# Big\n\n"+strings.Repeat("A line of a very large page.\n", 20<<20/29))
		return ""
	},
	"deep-lists": func(t *testing.T, dir string) string {
		// 10,000 list levels: markers on one line, and indented lines.
		var b strings.Builder
		b.WriteString(strings.Repeat("- ", 10000) + "item\n\n")
		for i := range 10000 {
			b.WriteString(strings.Repeat(" ", 2*(i%300)) + "- item\n")
		}
		write(t, dir, "content/_index.md", "# Home\n\n"+b.String())
		return ""
	},
	"deep-quotes": func(t *testing.T, dir string) string {
		write(t, dir, "content/_index.md", "# Home\n\n"+strings.Repeat(">", 10000)+" deep\n")
		return ""
	},
	"long-line": func(t *testing.T, dir string) string {
		write(t, dir, "content/_index.md", "# Home\n\n"+strings.Repeat("word ", 200000)+"\n\nSee [nowhere](nope.md).\n")
		return ""
	},
	"symlink-outside": func(t *testing.T, dir string) string {
		write(t, dir, "content/_index.md", "# Home\n")
		if err := os.Symlink("/etc/passwd", filepath.Join(dir, "content/passwd.md")); err != nil {
			t.Skip(err)
		}
		if err := os.Symlink("/etc", filepath.Join(dir, "content/etc")); err != nil {
			t.Skip(err)
		}
		return ""
	},
	"symlink-loop": func(t *testing.T, dir string) string {
		write(t, dir, "content/_index.md", "# Home\n")
		if err := os.Symlink("loop", filepath.Join(dir, "content/loop")); err != nil {
			t.Skip(err)
		}
		if err := os.Symlink(".", filepath.Join(dir, "content/self")); err != nil {
			t.Skip(err)
		}
		return ""
	},
	"dest-inside-content": func(t *testing.T, dir string) string {
		write(t, dir, "content/_index.md", "# Home\n")
		return filepath.Join(dir, "content", "public")
	},
	"unwritable-dest": func(t *testing.T, dir string) string {
		write(t, dir, "content/_index.md", "# Home\n")
		write(t, dir, "a-file", "not a folder")
		return filepath.Join(dir, "a-file", "public")
	},
}

func write(t *testing.T, dir, name, text string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// writePrevious makes dest look like the output of an earlier build: one
// page and the marker that names it.
func writePrevious(t *testing.T, dest string) {
	t.Helper()
	write(t, dest, "index.html", "previous build")
	write(t, dest, output.Marker, "playbook output 1\nindex.html\n")
}

// copyTree copies a committed case into dir.
func copyTree(t *testing.T, from, dir string) {
	t.Helper()
	err := filepath.WalkDir(from, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		write(t, dir, filepath.ToSlash(rel), string(b))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func snapshotDir(t *testing.T, dir string) string {
	t.Helper()
	var b strings.Builder
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			data, _ := os.ReadFile(p)
			rel, _ := filepath.Rel(dir, p)
			fmt.Fprintf(&b, "%s %x\n", rel, data)
		}
		return nil
	})
	return b.String()
}

func TestBadInput(t *testing.T) {
	entries, err := os.ReadDir("testdata/bad")
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]bool{}
	for _, e := range entries {
		if e.IsDir() {
			names[e.Name()] = true
		}
	}
	for name := range generated {
		names[name] = true
	}
	if len(names) < 25 {
		t.Errorf("only %d cases", len(names))
	}
	for _, e := range entries {
		if g, ok := strings.CutSuffix(e.Name(), ".golden"); ok && !names[g] {
			t.Errorf("golden file %s has no case", e.Name())
		}
	}
	for name := range names {
		t.Run(name, func(t *testing.T) {
			src := t.TempDir()
			dest := ""
			if gen, ok := generated[name]; ok {
				dest = gen(t, src)
			} else {
				copyTree(t, filepath.Join("testdata/bad", name), src)
			}
			if dest == "" {
				dest = filepath.Join(t.TempDir(), "public")
			}
			// A previous good build, which must survive a failed one.
			if err := os.MkdirAll(dest, 0o755); err == nil {
				writePrevious(t, dest)
			}
			before := snapshotDir(t, dest)

			var stdout, stderr bytes.Buffer
			err := run(t.Context(), []string{"build", "-q", "-s", src, "-d", dest}, &stdout, &stderr)
			code := exitCode(err)
			got := fmt.Sprintf("exit %d\n%s", code, strings.NewReplacer(src, "$SRC", dest, "$DEST").Replace(stderr.String()))

			golden := filepath.Join("testdata/bad", name+".golden")
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update)", err)
			}
			if got != string(want) {
				t.Errorf("got:\n%s\nwant:\n%s", got, want)
			}
			if code != 0 && snapshotDir(t, dest) != before {
				t.Error("a failed build changed the previous output")
			}
		})
	}
}

// TestWriteFailsHalfWay makes writes fail part of the way through a build
// (a file-size limit lets small files through and stops large ones) and
// checks that the previous output survives untouched. The limit is set in a
// child process, so that it cannot touch the test framework's own files.
func TestWriteFailsHalfWay(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("needs RLIMIT_FSIZE")
	}
	if dest := os.Getenv("PLAYBOOK_FSIZE_CHILD"); dest != "" {
		signal.Ignore(syscall.SIGXFSZ)
		lim := syscall.Rlimit{Cur: 24 << 10, Max: 24 << 10} // small pages fit, large ones do not
		if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &lim); err != nil {
			fmt.Println("SKIP", err)
			return
		}
		var stdout, stderr bytes.Buffer
		err := run(t.Context(), []string{"build", "-q", "-s", "../..", "-d", dest}, &stdout, &stderr)
		fmt.Printf("EXIT %d\n%s", exitCode(err), stderr.String())
		return
	}
	dest := filepath.Join(t.TempDir(), "public")
	writePrevious(t, dest)
	before := snapshotDir(t, dest)

	cmd := exec.CommandContext(t.Context(), os.Args[0], "-test.run=^TestWriteFailsHalfWay$", "-test.count=1")
	cmd.Env = append(os.Environ(), "PLAYBOOK_FSIZE_CHILD="+dest)
	out, _ := cmd.CombinedOutput()
	got := string(out)
	if strings.Contains(got, "SKIP") {
		t.Skip(got)
	}
	if !strings.Contains(got, "EXIT 1") || !strings.Contains(got, "file too large") {
		t.Fatalf("want exit 1 naming the failed write, got:\n%s", got)
	}
	if snapshotDir(t, dest) != before {
		t.Error("the failed build changed the previous output")
	}
	if entries, _ := os.ReadDir(filepath.Dir(dest)); len(entries) != 1 {
		t.Errorf("staging left behind: %v", entries)
	}
}
