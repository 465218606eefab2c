package e2e_test

import (
	"strings"
	"testing"

	"github.com/playbookhq/playbook/generator/e2e/browsertest"
)

// longTitle is a page title with no space to break at, as API reference
// pages have.
const longTitle = `Vendor\Package\Utils\get_named_semantic_version_string()`

// TestLongTitlesWrap checks in Chromium that a title with no space in it
// wraps inside the sidebar, the pager and the page heading instead of
// widening them, on a desktop and a phone.
func TestLongTitlesWrap(t *testing.T) {
	exe := browsertest.Chromium(t)
	base := serveSiteFiles(t, map[string]string{
		"playbook.toml":          "title = \"Handbook\"\n",
		"content/_index.md":      "# Handbook\n\nSee the [API](api/).\n",
		"content/api/_index.md":  "# API\n\nThe [short page](short.md) and the [long one](long.md).\n",
		"content/api/short.md":   "# Short\n\nText.\n",
		"content/api/long.md":    "---\ntitle: '" + longTitle + "'\n---\nText.\n",
		"content/api/longer.md":  "# Other\n\nBack to [the long one](long.md).\n",
		"content/api/zz-last.md": "# Last\n\nText.\n",
	})
	tb := openTab(t, browsertest.Start(t, exe))
	const wideJS = `(() => {
		const side = document.querySelector(".sidebar");
		const out = [];
		if (side && side.offsetWidth > 0) {
			if (side.scrollWidth > side.clientWidth) out.push("sidebar scrolls sideways: " + side.scrollWidth + " > " + side.clientWidth);
			const edge = side.getBoundingClientRect().right;
			for (const a of side.querySelectorAll("a")) {
				if (a.getBoundingClientRect().right > edge + 1) out.push("sidebar link past its edge: " + a.textContent);
			}
		}
		if (document.documentElement.scrollWidth > innerWidth) out.push("page scrolls sideways: " + document.documentElement.scrollWidth);
		return out.join("; ");
	})()`
	for _, width := range []int64{1280, 390} {
		for _, page := range []string{"/api/short/", "/api/long/"} {
			tb.screen(width, 900)
			tb.visit(base + page)
			tb.waitVisible(".doc-title")
			if !strings.Contains(evalAs[string](tb, `document.body.textContent`), "get_named_semantic_version_string") {
				t.Fatalf("%s: the long title is not on the page", page)
			}
			if got := evalAs[string](tb, wideJS); got != "" {
				t.Errorf("%s at %d px: %s", page, width, got)
			}
		}
	}
}

// TestRawTablesFit checks in Chromium that a table of raw HTML, which has
// no scrolling region around it as a Markdown table has, does not widen
// the page: its header cells wrap, as GitHub wraps them, on a desktop and
// a phone.
func TestRawTablesFit(t *testing.T) {
	exe := browsertest.Chromium(t)
	words := strings.Repeat("Monday standup, Tuesday planning, Wednesday review, Thursday demo, ", 6)
	base := serveSiteFiles(t, map[string]string{
		"playbook.toml":     "title = \"Handbook\"\nunsafe = true\n",
		"content/_index.md": "# Handbook\n\nSee the [cadence](cadence.md).\n",
		"content/cadence.md": "# Cadence\n\n<table>\n<thead><tr><th>Meeting</th><th>Time: " + words + "</th></tr></thead>\n" +
			"<tbody><tr><td>Standup</td><td>" + words + "</td></tr></tbody>\n</table>\n\n" +
			"<table width=\"100%\" id=\"full\"><tr><td>a</td><td>b</td></tr></table>\n",
	})
	tb := openTab(t, browsertest.Start(t, exe))
	for _, width := range []int64{1280, 390} {
		tb.screen(width, 900)
		tb.visit(base + "/cadence/")
		tb.waitVisible("table")
		if got := evalAs[int](tb, `document.documentElement.scrollWidth - innerWidth`); got > 0 {
			t.Errorf("at %d px the page scrolls sideways by %d px", width, got)
		}
		// A table that asks for the full width has it.
		if got := evalAs[int](tb, `document.querySelector(".prose").clientWidth - document.getElementById("full").offsetWidth`); got > 1 {
			t.Errorf("at %d px the table of width 100%% is %d px narrower than the text", width, got)
		}
	}
}

// TestMaterialCardGrids checks that a page's own MkDocs Material card
// grid (<div class="grid cards" markdown> over a list) shows its items as
// cards side by side at desktop width and one above the other on a phone,
// and that the theme's own card lists, which share the class name, leave
// it alone; and that mdBook's <div class="warning"> is a callout.
func TestMaterialCardGrids(t *testing.T) {
	exe := browsertest.Chromium(t)
	var items strings.Builder
	for _, name := range []string{"Onboarding", "Incidents", "Releases", "Hiring"} {
		items.WriteString("-   __" + name + "__\n\n    ---\n\n    What the " + name + " guide covers, in a sentence or two of text.\n\n")
	}
	base := serveSiteFiles(t, map[string]string{
		"playbook.toml":     "title = \"Handbook\"\nunsafe = true\n",
		"content/_index.md": "# Handbook\n\nSee the [guides](guides.md).\n",
		"content/guides.md": "# Guides\n\n<div class=\"grid cards\" markdown>\n\n" + items.String() + "</div>\n\n<div class=\"warning\">\n\nAn mdBook warning.\n\n</div>\n",
	})
	tb := openTab(t, browsertest.Start(t, exe))
	for _, tc := range []struct {
		width   int64
		columns int
	}{{1280, 2}, {390, 1}} {
		tb.screen(tc.width, 900)
		tb.visit(base + "/guides/")
		tb.waitVisible(".grid.cards li")
		// Cards in a row share their top; count the distinct lefts of
		// the first row.
		got := evalAs[int](tb, `(() => { const li = [...document.querySelectorAll(".grid.cards > ul > li")];
			return new Set(li.filter(e => e.offsetTop === li[0].offsetTop).map(e => e.offsetLeft)).size })()`)
		if got < tc.columns || tc.columns == 1 && got != 1 {
			t.Errorf("at %d px the first row holds %d cards, want %d or more", tc.width, got, tc.columns)
		}
		if w := evalAs[int](tb, `document.querySelector(".grid.cards > ul > li").offsetWidth`); w < 240 {
			t.Errorf("at %d px a card is %d px wide", tc.width, w)
		}
		if b := evalAs[string](tb, `getComputedStyle(document.querySelector(".grid.cards > ul > li")).borderTopStyle`); b != "solid" {
			t.Errorf("at %d px a card has no border (%s)", tc.width, b)
		}
		// mdBook's warning is a callout.
		if w := evalAs[int](tb, `parseInt(getComputedStyle(document.querySelector(".prose div.warning")).borderInlineStartWidth)`); w < 3 {
			t.Errorf("at %d px mdBook's warning has no callout border (%d px)", tc.width, w)
		}
	}
}
