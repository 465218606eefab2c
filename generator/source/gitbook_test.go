package source_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/playbookhq/playbook/generator/diag"
	"github.com/playbookhq/playbook/generator/source"
)

func TestReadGitBook(t *testing.T) {
	tests := []struct {
		name, yml, want, diags string
	}{
		{
			name: "root and redirects",
			yml:  "root: ./docs/\nstructure:\n  summary: SUMMARY.md\nredirects:\n  a/old: /a/new.md\n  'b/old/': ./b/README.md#top\n  c/../../d: d.md\n",
			want: "docs a/old>a/new.md@5:3 b/old>b/README.md@6:3 d>d.md@7:3",
		},
		{name: "no file's settings", yml: "", want: "."},
		{name: "a byte order mark", yml: "\ufeffredirects:\n  a: b.md\n", want: ". a>b.md@2:3"},
		{
			name:  "unreachable and not pages",
			yml:   "redirects:\n  a#b: c.md\n  d: https://example.com/\n  /: e.md\n  f: g.md\n",
			want:  ". f>g.md@5:3",
			diags: "x.yaml:2:3: warning: the redirect from a#b is left out",
		},
		{name: "redirects not a mapping", yml: "redirects: [a, b]\n", want: ".", diags: "x.yaml:1:1: warning: redirects is not a mapping of addresses to pages; left out"},
		{name: "not YAML", yml: "redirects:\n  a: [\n", want: ".", diags: "x.yaml:"},
		{name: "too large", yml: "redirects:\n" + strings.Repeat("# padding\n", source.MaxGitBook/10+1), want: ".", diags: "x.yaml:1:1: warning: x.yaml is over 1024 KB; playbook reads none of it"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g, diags := source.ReadGitBook("x.yaml", []byte(tt.yml))
			got := []string{g.Root}
			for _, r := range g.Redirects {
				got = append(got, fmt.Sprintf("%s>%s@%d:%d", r.From, r.To, r.Line, r.Col))
			}
			if strings.Join(got, " ") != tt.want {
				t.Errorf("read %q, want %q", strings.Join(got, " "), tt.want)
			}
			d := strings.TrimSpace(diags.String())
			if !strings.HasPrefix(d, tt.diags) || (tt.diags == "") != (d == "") {
				t.Errorf("diagnostics:\n%s\nwant:\n%s", d, tt.diags)
			}
		})
	}
}

// FuzzReadGitBook checks that any .gitbook.yaml is read without a panic,
// and that every redirect it keeps stands on a line of the file, from an
// address in the space to a Markdown file in it.
func FuzzReadGitBook(f *testing.F) {
	f.Add("root: ./\nredirects:\n  a/old: /a/new.md\n  b: ./c.md#d\n")
	f.Add("redirects: {a: b.md, c#d: e.md, &x f: *x}\n")
	f.Add("redirects:\n  ? a\n  : b.md\n  c: !tag d.md\n")
	f.Add("redirects:\r  a: b.md\r")
	f.Fuzz(func(t *testing.T, yml string) {
		g, _ := source.ReadGitBook(".gitbook.yaml", []byte(yml))
		lines := strings.Count(string(diag.LineEnds([]byte(yml))), "\n") + 1 // a lone "\r" ends a line too
		for _, r := range g.Redirects {
			if r.Line < 1 || r.Line > lines || r.From == "" || up(r.From) || up(r.To) || !source.IsMarkdown(r.To) {
				t.Errorf("redirect %+v of a file of %d lines", r, lines)
			}
		}
	})
}

// up reports whether a path leads out of its folder.
func up(p string) bool { return p == ".." || strings.HasPrefix(p, "../") || strings.HasPrefix(p, "/") }
