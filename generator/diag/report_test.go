package diag_test

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/playbookhq/playbook/generator/diag"
)

var update = flag.Bool("update", false, "update golden files")

// migration is a report of the kind a handbook in the middle of a move
// gives: one file with many broken links and missing anchors, one with a
// few, warnings and problems without a kind.
func migration() diag.List {
	var l diag.List
	for i := range 155 {
		l.AddKind("broken-link", diag.Error, diag.Pos{File: "content/x.md", Line: 200 - i, Col: 3}, "broken link %q: no page or file old/p%d.md", fmt.Sprintf("old/p%d.md", i), i)
	}
	for i := range 21 {
		l.AddKind("missing-anchor", diag.Error, diag.Pos{File: "content/x.md", Line: 300 + i, Col: 1}, "broken link \"y.md#h%d\": y.md has no heading #h%d", i, i)
	}
	for i := range 25 {
		l.AddKind("orphan-page", diag.Warning, diag.Pos{File: "content/x.md", Line: 1 + i}, "warning %d", i)
	}
	l.Add(diag.Pos{File: "content/x.md"}, "a problem without a kind")
	l.AddKind("broken-link", diag.Error, diag.Pos{File: "content/a.md", Line: 4, Col: 2}, "broken link \"b.md\": no page or file b.md")
	for i := range 22 {
		l.Add(diag.Pos{File: "playbook.toml", Line: 1 + i, Col: 1}, "unknown key %d", i)
	}
	return l
}

// TestSummarize checks the report of a list against a golden file: the
// first diagnostics of each kind per file, then a line counting the rest.
func TestSummarize(t *testing.T) {
	l := migration()
	got := l.Summarize(diag.MaxPerKind).String()
	golden := "testdata/summary.golden.txt"
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
		t.Errorf("summary differs from %s; got:\n%s", golden, got)
	}
	if len(l) != 155+21+25+1+1+22 {
		t.Errorf("Summarize changed its list: %d diagnostics", len(l))
	}
	if n := len(l.Errors()); n != 155+21+1+1+22 {
		t.Errorf("%d errors", n)
	}
	all := l.Summarize(0)
	if len(all) != len(l) {
		t.Errorf("Summarize(0) has %d diagnostics, want all %d", len(all), len(l))
	}
}

func TestSummarizeShort(t *testing.T) {
	for _, tc := range []struct {
		name string
		n    int
		want string
	}{
		{"none", 0, ""},
		{"at the limit", 2, "a.md:1:1: m0\na.md:2:1: m1\n"},
		{"one more", 3, "a.md:1:1: m0\na.md:2:1: m1\na.md: … and 1 more broken-link error (3 in this file)\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var l diag.List
			for i := range tc.n {
				l.AddKind("broken-link", diag.Error, diag.Pos{File: "a.md", Line: i + 1, Col: 1}, "m%d", i)
			}
			if got := l.Summarize(2).String(); got != tc.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tc.want)
			}
		})
	}
}

// TestResolveHints checks that hints are found for the diagnostics a
// report shows only, once for a list and its copy (a preview shows a kept
// model's diagnostics after each rebuild), and that an interrupt stops
// the search.
func TestResolveHints(t *testing.T) {
	l := migration()
	l.Sort()
	found := 0
	for i := range l {
		l[i].Hint = &diag.Hint{Find: func() string { found++; return " (hint)" }}
	}
	again := slices.Clone(l)
	if err := l.ResolveHints(t.Context(), diag.MaxPerKind); err != nil {
		t.Fatal(err)
	}
	before := found
	if err := again.ResolveHints(t.Context(), diag.MaxPerKind); err != nil {
		t.Fatal(err)
	}
	if found != before || !slices.Equal(again, l) {
		t.Errorf("the copy's hints were found again (%d, then %d), or differ", before, found)
	}
	shown := 0
	for _, d := range l.Summarize(diag.MaxPerKind) {
		if !strings.HasPrefix(d.Msg, "… and ") {
			shown++
			if !strings.HasSuffix(d.Msg, " (hint)") {
				t.Errorf("shown without its hint: %s", d)
			}
		}
	}
	if found != shown {
		t.Errorf("found %d hints for %d diagnostics shown", found, shown)
	}
	for _, d := range l {
		if d.Hint != nil {
			t.Fatalf("hint kept: %s", d)
		}
	}

	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	l = migration()
	l[0].Hint = &diag.Hint{Find: func() string { t.Error("hint found after cancel"); return "" }}
	if err := l.ResolveHints(ctx, diag.MaxPerKind); !errors.Is(err, context.Canceled) {
		t.Errorf("ResolveHints after cancel = %v", err)
	}
}

// TestHintKeptForItsMessage checks that a hint joined to one message, as
// a preview joins a kept model's hints after every rebuild, is joined to
// another message anew, not swapped for the first.
func TestHintKeptForItsMessage(t *testing.T) {
	h := &diag.Hint{Find: func() string { return " (did you mean x?)" }}
	for _, msg := range []string{"broken link a", "broken link a", "broken link b"} {
		l := diag.List{{Pos: diag.Pos{File: "a.md", Line: 1}, Msg: msg, Hint: h}}
		if err := l.ResolveHints(t.Context(), diag.MaxPerKind); err != nil {
			t.Fatal(err)
		}
		if want := msg + " (did you mean x?)"; l[0].Msg != want {
			t.Errorf("got %q, want %q", l[0].Msg, want)
		}
	}
}
