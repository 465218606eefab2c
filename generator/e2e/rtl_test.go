package e2e_test

import (
	"testing"

	"github.com/playbookhq/playbook/generator/e2e/browsertest"
)

// rtlSite is a handbook in English and Arabic: a team page with a
// checklist, a callout, a table and code in each.
var rtlSite = map[string]string{
	"playbook.toml":        "title = \"Handbook\"\n[languages.ar]\nname = \"العربية\"\n",
	"content/_index.md":    "# Handbook\n\nStart with [support](teams/support/index.md).\n",
	"content/_index.ar.md": "# دليل الفريق\n\nابدأ بفريق [الدعم](teams/support/index.ar.md).\n",
	"content/teams/support/index.md": "---\ntitle: Support\nowners:\n  - name: Anna Berg\n    chat: \"@anna\"\n---\nSupport answers customers.\n\n" +
		"## Onboarding\n\n- [ ] Read the guide\n- [ ] Meet the team\n\n> [!NOTE]\n> A note.\n\n| Name | Role |\n|---|---|\n| Sara | Lead |\n\n```go\nfunc main() {}\n```\n",
	"content/teams/support/index.ar.md": "---\ntitle: الدعم\nowners:\n  - name: Anna Berg\n    chat: \"@anna\"\n---\nيجيب فريق الدعم على أسئلة العملاء.\n\n" +
		"## الأسبوع الأول\n\n- [ ] اقرأ الدليل\n- [ ] قابل الفريق\n\n> [!NOTE]\n> ملاحظة.\n\n| الاسم | الدور |\n|---|---|\n| سارة | قائدة |\n\n```go\nfunc main() {}\n```\n",
}

// rtlLayoutJS describes where the page's parts are: the page's direction,
// which side the sidebar is on (desktop), whether every checkbox is in its
// checklist's box before its text, the direction of code and of a chat
// handle, and whether the page scrolls sideways.
const rtlLayoutJS = `(() => {
	const r = s => { const e = document.querySelector(s); return e && e.getBoundingClientRect(); };
	const side = r(".sidebar"), main = r(".main");
	let sidebar = "hidden";
	if (side && side.width > 0 && getComputedStyle(document.querySelector(".sidebar")).display !== "none") {
		sidebar = side.left >= main.right - 1 ? "right" : side.right <= main.left + 1 ? "left" : "over";
	}
	const boxes = [...document.querySelectorAll(".checklist")];
	const inside = boxes.length > 0 && boxes.every(c => {
		const b = c.getBoundingClientRect();
		return [...c.querySelectorAll("input.task-box")].every(i => {
			const x = i.getBoundingClientRect();
			const l = i.parentElement.querySelector("label").getBoundingClientRect();
			// Inside the box, and where the line starts: before the text.
			const first = document.documentElement.dir === "rtl" ? x.left >= l.right - 1 : x.right <= l.left + 1;
			return x.left >= b.left && x.right <= b.right && first;
		});
	});
	return {
		dir: document.documentElement.dir || "ltr",
		sidebar,
		boxesInside: inside,
		code: getComputedStyle(document.querySelector("pre")).direction,
		handle: getComputedStyle(document.querySelector(".contact-chat > span")).direction,
		sideways: document.documentElement.scrollWidth > innerWidth,
	};
})()`

type rtlLayout struct {
	Dir         string `json:"dir"`
	Sidebar     string `json:"sidebar"`
	BoxesInside bool   `json:"boxesInside"`
	Code        string `json:"code"`
	Handle      string `json:"handle"`
	Sideways    bool   `json:"sideways"`
}

// TestRightToLeft builds a site with an Arabic translation and checks in
// Chromium, on a desktop and a phone, that its Arabic pages are laid out
// right to left (the sidebar on the right, checkboxes inside their
// checklists, nothing wider than the screen) with code left to right, and
// that its English pages are as before.
func TestRightToLeft(t *testing.T) {
	exe := browsertest.Chromium(t)
	base := serveSiteFiles(t, rtlSite)
	tb := openTab(t, browsertest.Start(t, exe))
	for _, tc := range []struct {
		page  string
		width int64
		want  rtlLayout
	}{
		{"/ar/teams/support/", 1280, rtlLayout{Dir: "rtl", Sidebar: "right", BoxesInside: true, Code: "ltr", Handle: "ltr"}},
		{"/ar/teams/support/", 390, rtlLayout{Dir: "rtl", Sidebar: "hidden", BoxesInside: true, Code: "ltr", Handle: "ltr"}},
		{"/teams/support/", 1280, rtlLayout{Dir: "ltr", Sidebar: "left", BoxesInside: true, Code: "ltr", Handle: "ltr"}},
		{"/teams/support/", 390, rtlLayout{Dir: "ltr", Sidebar: "hidden", BoxesInside: true, Code: "ltr", Handle: "ltr"}},
	} {
		tb.screen(tc.width, 900)
		tb.visit(base + tc.page)
		tb.waitVisible(".checklist")
		if got := evalAs[rtlLayout](tb, rtlLayoutJS); got != tc.want {
			t.Errorf("%s at %d px: %+v, want %+v", tc.page, tc.width, got, tc.want)
		}
	}
	if errs := tb.takeErrors(); len(errs) > 0 {
		t.Errorf("page errors: %v", errs)
	}
}
