package markdown_test

import (
	"testing"

	"github.com/playbookhq/playbook/generator/markdown"
)

// TestHeadingTextContent checks the text heading ids are made from on
// GitHub and Experience League: what the page shows, not the source.
func TestHeadingTextContent(t *testing.T) {
	src := "# Title\n\n" +
		"## Find versions of [!DNL Data Migration Tool]\n\n" +
		"### ![correct](../yes.svg) Write to the log\n\n" +
		"## [Run groups](https://example.com/run_groups)\n\n" +
		"## `k8s.sgdev.org`\n\n" +
		"## A &amp; B \\* C\n\n" +
		"## Custom {#custom-id}\n\n" +
		"## Partners at https://example.com/partners/\n\n" +
		"## Visit www.example.com\n\n" +
		"## Angle <https://example.org> and <a@example.org>\n"
	d := markdown.New().Parse(markdown.Input{Path: "a.md", Body: []byte(src), BodyLine: 1, Title: "Title"})
	want := []string{"Title", "Find versions of Data Migration Tool", " Write to the log", "Run groups", "k8s.sgdev.org", "A & B * C", "Custom",
		"Partners at https://example.com/partners/", "Visit www.example.com", "Angle https://example.org and a@example.org"}
	if len(d.Headings) != len(want) {
		t.Fatalf("%d headings, want %d", len(d.Headings), len(want))
	}
	for i, h := range d.Headings {
		if h.TextContent != want[i] {
			t.Errorf("heading %d: TextContent %q, want %q", i, h.TextContent, want[i])
		}
		if h.IsTitle != (i == 0) {
			t.Errorf("heading %d: IsTitle %v", i, h.IsTitle)
		}
	}
}
