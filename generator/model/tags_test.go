package model_test

import (
	"strings"
	"testing"
)

// TestTagsSharingAURL checks that tags whose names make the same URL are
// one tag: its page lists every page that carries any of them, and shows
// the spelling most pages use ("c++", capitalised as a lower-case tag is).
func TestTagsSharingAURL(t *testing.T) {
	site, diags := buildFS(t, map[string]string{
		"_index.md": "# Home",
		"a.md":      "---\ntags: [\"C#\"]\n---\n# A",
		"b.md":      "---\ntags: [C, c++]\n---\n# B",
		"c.md":      "---\ntags: [C--]\n---\n# C",
		"d.md":      "---\ntags: [\"c++\", ops]\n---\n# D",
	})
	if err := diags.Err(); err != nil {
		t.Fatal(err)
	}
	url := site.TagURL("en", "C#")
	if url == "" || url != site.TagURL("en", "c++") {
		t.Fatalf("TagURL: C# at %q, c++ at %q", url, site.TagURL("en", "c++"))
	}
	var names []string
	for _, p := range site.Pages() {
		if p.Layout != "tag" || p.Lang != "en" {
			continue
		}
		var listed []string
		for _, q := range p.Listed {
			listed = append(listed, q.Path)
		}
		names = append(names, p.Title+": "+strings.Join(listed, " "))
	}
	if got, want := strings.Join(names, "; "), "C++: a.md b.md c.md d.md; Ops: d.md"; got != want {
		t.Errorf("tag pages %q, want %q", got, want)
	}
}
