package diag_test

import (
	"slices"
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

func TestLineEnds(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"", ""},
		{"a\nb\n", "a\nb\n"},
		{"a\r\nb\r\n", "a\r\nb\r\n"},
		{"a\rb\r", "a\nb\n"},
		{"\r\r\n\r", "\n\r\n\n"},
		{"a\r\n\rb", "a\r\n\nb"},
	} {
		in := []byte(tc.in)
		if got := string(diag.LineEnds(in)); got != tc.want {
			t.Errorf("LineEnds(%q) = %q, want %q", tc.in, got, tc.want)
		}
		if string(in) != tc.in {
			t.Errorf("LineEnds(%q) changed its argument", tc.in)
		}
	}
}

func TestSuggest(t *testing.T) {
	cands := []string{"title", "tags", "weight", "owners", "!", "ab", "時間"}
	// A short word is not like one that shares none of its letters.
	for _, tc := range []struct{ word, want string }{{"titel", "title"}, {"onwers", "owners"}, {"wieght", "weight"}, {"zzz", ""}, {"exl-id", ""},
		{"xy", ""}, {"시간", ""}, {"a", ""}, {"AB", "ab"}, {"ac", "ab"}, {"時", ""}} {
		if got := diag.Suggest(tc.word, cands); got != tc.want {
			t.Errorf("Suggest(%q) = %q, want %q", tc.word, got, tc.want)
		}
		if got := diag.NewIndex(cands).Suggest(tc.word); got != tc.want {
			t.Errorf("Index.Suggest(%q) = %q, want %q", tc.word, got, tc.want)
		}
	}
}

// TestSameText checks that SameText says whether two lists print the same.
func TestSameText(t *testing.T) {
	pos := diag.Pos{File: "a.md", Line: 2, Col: 3}
	base := diag.List{{Pos: pos, Severity: diag.Warning, Kind: "broken-link", Msg: "m"}, {Pos: pos, Msg: "n"}}
	for _, tc := range []struct {
		what string
		l    diag.List
		want bool
	}{
		{"the same", slices.Clone(base), true},
		{"another kind", diag.List{{Pos: pos, Severity: diag.Warning, Kind: "other", Msg: "m"}, {Pos: pos, Msg: "n"}}, true},
		{"another message", diag.List{{Pos: pos, Severity: diag.Warning, Msg: "m2"}, {Pos: pos, Msg: "n"}}, false},
		{"another column", diag.List{{Pos: diag.Pos{File: "a.md", Line: 2, Col: 4}, Severity: diag.Warning, Msg: "m"}, {Pos: pos, Msg: "n"}}, false},
		{"an error", diag.List{{Pos: pos, Msg: "m"}, {Pos: pos, Msg: "n"}}, false},
		{"shorter", base[:1], false},
		{"none", nil, false},
	} {
		if got := base.SameText(tc.l); got != tc.want || (base.String() == tc.l.String()) != tc.want {
			t.Errorf("%s: SameText %v, want %v (printed the same: %v)", tc.what, got, tc.want, base.String() == tc.l.String())
		}
	}
}
