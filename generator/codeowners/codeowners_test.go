package codeowners_test

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/playbookhq/playbook/generator/codeowners"
)

var update = flag.Bool("update", false, "update golden files")

// TestMatchGolden matches the paths of testdata/paths.txt against each
// testdata/*.CODEOWNERS file and compares owners, rule lines and the
// file's warnings with <name>.golden.txt.
func TestMatchGolden(t *testing.T) {
	paths, err := os.ReadFile("testdata/paths.txt")
	if err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob("testdata/*.CODEOWNERS")
	if len(files) == 0 {
		t.Fatal("no testdata")
	}
	for _, name := range files {
		t.Run(filepath.Base(name), func(t *testing.T) {
			src, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			f, diags := codeowners.Parse("CODEOWNERS", src)
			var b strings.Builder
			for _, p := range strings.Split(strings.TrimSpace(string(paths)), "\n") {
				m, ok := f.Match(p)
				switch {
				case !ok:
					fmt.Fprintf(&b, "%s: no rule\n", p)
				case len(m.Owners) == 0:
					fmt.Fprintf(&b, "%s: no owners (lines %v)\n", p, m.Lines)
				default:
					fmt.Fprintf(&b, "%s: %s (lines %v)\n", p, strings.Join(m.Owners, " "), m.Lines)
				}
			}
			diags.Sort()
			b.WriteString("-- warnings --\n" + diags.String())
			golden := strings.TrimSuffix(name, ".CODEOWNERS") + ".golden.txt"
			if *update {
				if err := os.WriteFile(golden, []byte(b.String()), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update)", err)
			}
			if b.String() != string(want) {
				t.Errorf("%s differs; got:\n%s", golden, b.String())
			}
		})
	}
	// Every golden file has its input.
	goldens, _ := filepath.Glob("testdata/*.golden.txt")
	for _, g := range goldens {
		if _, err := os.Stat(strings.TrimSuffix(g, ".golden.txt") + ".CODEOWNERS"); err != nil {
			t.Errorf("%s has no input", g)
		}
	}
}

// TestMatchCost checks that rules indexed by their start, a name or an
// extension are not tried for paths they cannot match: 20,000 rules and
// 20,000 paths match in well under the time of trying every pair.
func TestMatchCost(t *testing.T) {
	var src strings.Builder
	for i := range 20000 {
		fmt.Fprintf(&src, "/content/area-%d/ @team-%d\n", i, i)
	}
	src.WriteString("*.md @all-markdown\n")
	f, diags := codeowners.Parse("CODEOWNERS", []byte(src.String()))
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	for i := range 20000 {
		m, ok := f.Match(fmt.Sprintf("content/area-%d/page.md", i))
		if !ok || len(m.Owners) != 1 || m.Owners[0] != "@all-markdown" {
			t.Fatalf("path %d: %v %v", i, m, ok)
		}
		m, _ = f.Match(fmt.Sprintf("content/area-%d/image.png", i))
		if len(m.Owners) != 1 || m.Owners[0] != fmt.Sprintf("@team-%d", i) {
			t.Fatalf("path %d: %v", i, m)
		}
	}
}

// FuzzParse checks that any CODEOWNERS file parses and answers for any
// path without panicking, twice the same, with every warning and match at
// a line of the file.
func FuzzParse(f *testing.F) {
	for _, name := range []string{"github.CODEOWNERS", "gitlab.CODEOWNERS"} {
		src, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(src, "docs/guide/setup.md")
	}
	f.Add([]byte("**/a/**/b/**/c @x\n[S][2] @d\n/ @root\n"), "a/x/b/y/c/z.md")
	f.Fuzz(func(t *testing.T, src []byte, p string) {
		file, diags := codeowners.Parse("CODEOWNERS", src)
		lines := strings.Count(string(src), "\n") + 1
		for _, d := range diags {
			if d.Pos.Line < 1 || d.Pos.Line > lines {
				t.Fatalf("warning at line %d of %d: %v", d.Pos.Line, lines, d)
			}
		}
		m, ok := file.Match(p)
		again, okAgain := file.Match(p)
		if ok != okAgain || fmt.Sprint(m) != fmt.Sprint(again) {
			t.Fatalf("two matches of %q differ: %v, %v", p, m, again)
		}
		for _, l := range m.Lines {
			if l < 1 || l > lines {
				t.Fatalf("match of %q at line %d of %d", p, l, lines)
			}
		}
	})
}
