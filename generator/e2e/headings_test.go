package e2e_test

import (
	"strings"
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

// TestOtherToolsHeadingIDs checks, in Chromium, that an address naming a
// heading by the id GitHub, GitLab or MkDocs gives it (a bookmark of the
// handbook as those showed it) scrolls to the heading and is rewritten to
// its id here, and that an id no heading has leaves the address alone.
func TestOtherToolsHeadingIDs(t *testing.T) {
	long := strings.Repeat("Filler text to scroll past.\n\n", 60)
	base := serveFiles(t, map[string]string{
		"_index.md": "# Home\n\nSee [the guide](guide.md).\n",
		"guide.md":  "# Guide\n\n" + long + "## Documentation & Recommended Resources\n\nText.\n\n" + long + "## Öppet – tider\n\nText.\n\n" + long,
	})
	tab := openTab(t, browsertest.Start(t, browsertest.Chromium(t)))
	for _, tc := range []struct{ hash, want string }{
		{"documentation-recommended-resources", "documentation-and-recommended-resources"},  // MkDocs
		{"documentation--recommended-resources", "documentation-and-recommended-resources"}, // GitHub
		{"%C3%B6ppet--tider", "oppet-tider"},                                                // GitHub, escaped
		{"oppet-tider", "oppet-tider"},                                                      // MkDocs (and playbook)
		{"nothing-here", "nothing-here"},
	} {
		tab.visit(base + "/guide/#" + tc.hash)
		tab.waitVisible(".prose")
		got := evalAs[string](tab, `new Promise(done => setTimeout(() => done(decodeURIComponent(location.hash.slice(1))), 200))`)
		if got != tc.want {
			t.Errorf("#%s: the address names #%s, want #%s", tc.hash, got, tc.want)
		}
		if tc.want == "nothing-here" {
			continue
		}
		if top := evalAs[float64](tab, `document.getElementById(`+browsertest.JSString(tc.want)+`).getBoundingClientRect().top`); top < 0 || top > 300 {
			t.Errorf("#%s: the heading is at %.0f px from the top of the window", tc.hash, top)
		}
	}
}
