package serve

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/playbookhq/playbook/generator/diag"
)

func TestExcerpts(t *testing.T) {
	long := strings.Repeat("é", 1000)
	root := fstest.MapFS{
		"content/a.md":    {Data: []byte("---\ntitle: [Guide\r\n---\n\tLänk [x](y.md)\n")},
		"content/long.md": {Data: []byte("one\n" + long + "\nthree")},
		"content/bad.md":  {Data: []byte("a\xffb\n")},
	}
	for _, tt := range []struct {
		pos  diag.Pos
		line string
		col  int
	}{
		{diag.Pos{File: "content/a.md", Line: 2, Col: 8}, "title: [Guide", 8},
		// The column counts bytes; the caret counts characters.
		{diag.Pos{File: "content/a.md", Line: 4, Col: 7}, "\tLänk [x](y.md)", 6},
		{diag.Pos{File: "content/a.md", Line: 4}, "\tLänk [x](y.md)", 0},
		{diag.Pos{File: "/content/a.md", Line: 2, Col: 1}, "title: [Guide", 1},
		// Past the quoted part of a long line: no caret, and never half a
		// character.
		{diag.Pos{File: "content/long.md", Line: 2, Col: 1500}, strings.Repeat("é", maxExcerpt/2), 0},
		{diag.Pos{File: "content/long.md", Line: 3, Col: 2}, "three", 2},
		{diag.Pos{File: "content/bad.md", Line: 1, Col: 3}, "a\uFFFDb", 3},
		// No line to show.
		{diag.Pos{File: "content/a.md", Line: 9, Col: 1}, "", 0},
		{diag.Pos{File: "content/a.md"}, "", 0},
		{diag.Pos{File: "content/gone.md", Line: 1}, "", 0},
		{diag.Pos{File: "../etc/passwd", Line: 1}, "", 0},
		{diag.Pos{File: "layouts/page.html", Line: 3}, "", 0},
	} {
		ps := []problem{{}}
		excerpts(root, diag.List{{Pos: tt.pos, Msg: "m"}}, ps)
		if ps[0].Line != tt.line || ps[0].Col != tt.col {
			t.Errorf("%s: line %q col %d, want %q col %d", tt.pos, ps[0].Line, ps[0].Col, tt.line, tt.col)
		}
	}
}

// TestExcerptsMany checks several positions in one file, and that only
// the first maxExcerpts diagnostics are quoted.
func TestExcerptsMany(t *testing.T) {
	var src strings.Builder
	var errs diag.List
	for i := 1; i <= maxExcerpts+10; i++ {
		src.WriteString("line " + strings.Repeat("x", i) + "\n")
		errs = append(errs, diag.Diagnostic{Pos: diag.Pos{File: "content/p.md", Line: maxExcerpts + 11 - i}, Msg: "m"})
	}
	ps := make([]problem, len(errs))
	excerpts(fstest.MapFS{"content/p.md": {Data: []byte(src.String())}}, errs, ps)
	for i, p := range ps {
		want := ""
		if i < maxExcerpts {
			want = "line " + strings.Repeat("x", maxExcerpts+10-i)
		}
		if p.Line != want {
			t.Errorf("problem %d: %q, want %q", i, p.Line, want)
		}
	}
}
