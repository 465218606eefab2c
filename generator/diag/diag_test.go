package diag_test

import (
	"testing"

	"github.com/playbookhq/playbook/generator/diag"
)

func TestList(t *testing.T) {
	var l diag.List
	if l.Err() != nil {
		t.Fatal("empty list has an error")
	}
	l.Warn(diag.Pos{File: "b.md", Line: 1, Col: 1}, "later %s", "warning")
	if l.Err() != nil {
		t.Fatal("warnings alone made an error")
	}
	l.Add(diag.Pos{File: "b.md", Line: 2, Col: 5}, "second")
	l.Add(diag.Pos{File: "a.md", Line: 9}, "first")
	l.Add(diag.Pos{File: "b.md", Line: 2, Col: 5}, "second")
	l.Add(diag.Pos{File: "config"}, "whole file")
	l.Sort()
	want := "a.md:9: first\nb.md:1:1: warning: later warning\nb.md:2:5: second\nconfig: whole file\n"
	if got := l.String(); got != want {
		t.Errorf("sorted:\n%s\nwant:\n%s", got, want)
	}
	if got := l.Err().Error(); got != "a.md:9: first\nb.md:2:5: second\nconfig: whole file" {
		t.Errorf("Err() = %q", got)
	}
}

func TestLineCol(t *testing.T) {
	src := []byte("ab\ncdé\nf")
	for _, tc := range []struct{ off, line, col int }{{0, 1, 1}, {2, 1, 3}, {3, 2, 1}, {7, 2, 5}, {8, 3, 1}, {99, 3, 2}, {-1, 1, 1}} {
		if l, c := diag.LineCol(src, tc.off); l != tc.line || c != tc.col {
			t.Errorf("LineCol(%d) = %d:%d, want %d:%d", tc.off, l, c, tc.line, tc.col)
		}
	}
}

func TestSuggest(t *testing.T) {
	cands := []string{"title", "tags", "weight", "owners"}
	for _, tc := range []struct{ word, want string }{{"titel", "title"}, {"onwers", "owners"}, {"wieght", "weight"}, {"zzz", ""}, {"exl-id", ""}} {
		if got := diag.Suggest(tc.word, cands); got != tc.want {
			t.Errorf("Suggest(%q) = %q, want %q", tc.word, got, tc.want)
		}
	}
}
