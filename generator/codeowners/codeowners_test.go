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
