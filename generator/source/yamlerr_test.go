package source_test

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/playbookhq/playbook/generator/source"
)

var update = flag.Bool("update", false, "update golden files")

// TestYAMLErrors parses the commonest YAML front-matter mistakes, one per
// file in testdata/yaml, and compares the diagnostics with <case>.golden:
// each must point at the line of the mistake, not where the decoder gave
// up, and say how to fix it.
func TestYAMLErrors(t *testing.T) {
	cases, err := filepath.Glob("testdata/yaml/*.md")
	if err != nil || len(cases) < 10 {
		t.Fatalf("want at least ten cases: %v %v", cases, err)
	}
	for _, c := range cases {
		name := strings.TrimSuffix(filepath.Base(c), ".md")
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile(c)
			if err != nil {
				t.Fatal(err)
			}
			_, diags := source.Parse("content/teams/"+name+".md", src, source.CoreKeys)
			if len(diags.Errors()) != 1 {
				t.Errorf("want exactly one error, got:\n%s", diags)
			}
			got := diags.String()
			golden := strings.TrimSuffix(c, ".md") + ".golden"
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update)", err)
			}
			if got != string(want) {
				t.Errorf("diagnostics:\n%s\nwant:\n%s", got, want)
			}
		})
	}
	goldens, _ := filepath.Glob("testdata/yaml/*.golden")
	for _, g := range goldens {
		if _, err := os.Stat(strings.TrimSuffix(g, ".golden") + ".md"); err != nil {
			t.Errorf("%s has no input", g)
		}
	}
}

// TestYAMLValidUnchanged: what explains an error never turns valid front
// matter into an error, such as a quoted value over several lines.
func TestYAMLValidUnchanged(t *testing.T) {
	for _, src := range []string{
		"---\ntitle: \"A title that goes on\n  over two lines\"\nweight: 1\n---\n",
		"---\ntags: [a,\n  b]\ntitle: x\n---\n",
		"---\ntitle: x\ndescription: >\n  folded: text\n---\n",
	} {
		if _, diags := source.Parse("p.md", []byte(src), source.CoreKeys); len(diags) > 0 {
			t.Errorf("%q: %s", src, diags)
		}
	}
}
