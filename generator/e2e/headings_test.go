package e2e_test

import (
	"testing"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/playbookhq/playbook/generator/e2e/browsertest"
)

// TestLevelOneSections checks, in Chromium, a page written for GitHub: its
// title is in the front matter and "#" headings divide its text. The table
// of contents lists those sections with the "##" headings under them, and
// each section heading gets its link, as "##" headings do.
func TestLevelOneSections(t *testing.T) {
	page := "---\ntitle: Pull requests\n---\nHow we review.\n\n" +
		"# Before you open one\n\nText.\n\n## Run the checks\n\nText.\n\n" +
		"# Opening one\n\nText.\n\n## Drafts\n\nText.\n\n## Labels\n\nText.\n\n### Size labels\n\nText.\n\n" +
		"# After the merge\n\nText.\n"
	base := serveFiles(t, map[string]string{"_index.md": "# Home\n\nSee [pull requests](pr.md).\n", "pr.md": page})
	tab := openTab(t, browsertest.Start(t, browsertest.Chromium(t)))
	tab.visit(base + "/pr/")
	tab.waitVisible(".toc")
	if n := tab.count(".toc-details > .toc-list > li"); n != 3 {
		t.Errorf("the contents list %d sections, want the three # headings", n)
	}
	if got := tab.text(".toc-details > .toc-list > li:nth-child(2) > a"); got != "Opening one" {
		t.Errorf("the second section is %q, want \"Opening one\"", got)
	}
	if n := tab.count(".toc-details > .toc-list > li:nth-child(2) li"); n != 2 {
		t.Errorf("the second section lists %d headings, want its two ## headings", n)
	}
	if n := tab.count(".prose h1[id] > a.heading-anchor"); n != 3 {
		t.Errorf("%d # headings have a heading link, want 3", n)
	}
	// The link shows when the pointer is on its heading (after a 0.1 s
	// fade), as on the other headings.
	xy := evalAs[[]float64](tab, `(() => { const h = document.querySelector(".prose h1[id]"); h.scrollIntoView({block: "center"}); const r = h.getBoundingClientRect(); return [r.x + 10, r.y + r.height / 2]; })()`)
	tab.run(chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, xy[0], xy[1]))
	shown := `new Promise(done => setTimeout(() => done(getComputedStyle(document.querySelector(".prose h1[id] > a.heading-anchor")).opacity), 400))`
	if o := evalAs[string](tab, shown); o != "1" {
		t.Errorf("the link of a # heading under the pointer has opacity %s, want 1", o)
	}
	if errs := tab.takeErrors(); len(errs) > 0 {
		t.Errorf("console errors: %v", errs)
	}
}
