package e2e_test

import (
	"testing"

	"github.com/playbookhq/playbook/generator/e2e/browsertest"
)

// TestLinkedContentTabs checks that a link to an MkDocs content tab by the
// id MkDocs Material gives it (#__tabbed_2_2: the page's second group, its
// second tab) shows that tab, from another page and from the same page,
// and that the build finds the ids (a missing anchor would fail it); and
// that a tab's button shows its title's Markdown, less any icon.
func TestLinkedContentTabs(t *testing.T) {
	exe := browsertest.Chromium(t)
	tabs := "=== \":octicons-file-code-16: `macOS`\"\n\n    Install with brew.\n\n=== \"Linux\"\n\n    Install with apt.\n\n"
	base := serveSiteFiles(t, map[string]string{
		"content/_index.md": "# Handbook\n\nOn Linux, see [the second device](device.md#__tabbed_2_2).\n",
		"content/device.md": "# Device\n\n## Laptop\n\n" + tabs + "See [the Linux laptop](#__tabbed_1_2).\n\n## Phone\n\n" + tabs,
	})
	tb := openTab(t, browsertest.Start(t, exe))
	shown := func(id string) bool {
		return evalAs[bool](tb, `!document.getElementById(`+browsertest.JSString(id)+`).hidden`)
	}
	tb.visit(base + "/")
	tb.click(`a[href$="#__tabbed_2_2"]`)
	tb.waitVisible("#__tabbed_2_2")
	// A tab's title is inline Markdown, without MkDocs Material's icons.
	if b := evalAs[string](tb, `document.querySelector('[role="tab"]').innerHTML`); b != "<code>macOS</code>" {
		t.Errorf("the first tab's button holds %q, want <code>macOS</code>", b)
	}
	if !shown("__tabbed_2_2") || shown("__tabbed_2_1") || !shown("__tabbed_1_1") {
		t.Error("a link from another page does not show the second group's second tab alone")
	}
	tb.click(`a[href="#__tabbed_1_2"]`)
	tb.waitVisible("#__tabbed_1_2")
	if shown("__tabbed_1_1") {
		t.Error("a link on the page does not switch the first group to its second tab")
	}
	// A fragment that decodes to no text ("#%E0") stops nothing.
	tb.visit(base + "/")
	tb.visit(base + "/device/#%E0")
	tb.click(`a[href="#__tabbed_1_2"]`)
	tb.waitVisible("#__tabbed_1_2")
	if shown("__tabbed_1_1") {
		t.Error("after an undecodable fragment, a link on the page does not switch the first group to its second tab")
	}
}
