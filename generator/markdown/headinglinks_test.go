package markdown_test

import (
	"strings"
	"testing"

	"github.com/playbookhq/playbook/generator/markdown"
)

// TestHeadingLinks checks that the links of a heading are the page's links
// (checked and resolved like the others) and that a heading holding links
// gets its id from the text the page shows, as on GitHub, unless it gives
// one with {#id}.
func TestHeadingLinks(t *testing.T) {
	src := "# [Home](index.md) page\n\n" +
		"## [Roles](roles.md)\n\n" +
		"## See ![chart](chart.png) and [[Other]]\n\n" +
		"## [Kept](kept.md) {#mine}\n\n" +
		"## Roles\n\n" +
		"Text with [a link](a.md).\n"
	doc := markdown.New().Parse(markdown.Input{Path: "p.md", Body: []byte(src), BodyLine: 1})
	var ids []string
	for _, h := range doc.Headings {
		ids = append(ids, h.ID)
	}
	if got, want := strings.Join(ids, " "), "home-page roles see-and-other mine roles-1"; got != want {
		t.Errorf("heading ids %q, want %q", got, want)
	}
	var dests []string
	for _, l := range doc.Links {
		dests = append(dests, l.Dest)
	}
	if got, want := strings.Join(dests, " "), "index.md roles.md chart.png [[Other]] kept.md a.md"; got != want {
		t.Errorf("links %q, want %q", got, want)
	}
}
