package e2e_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/playbookhq/playbook/generator/e2e/browsertest"
)

// mathSite is a site written for arithmatex, whose \(…\) is math: a page
// of formulas in each of the ways Markdown writes them, one that does not
// parse, and prices that are not math; a page of one wide formula; and a
// page without math.
var mathSite = map[string]string{
	"mkdocs.yml":       "site_name: Handbook\ndocs_dir: content\nmarkdown_extensions:\n  - pymdownx.arithmatex:\n      generic: true\n",
	"content/index.md": "# Handbook\n\nSee [forecasts](forecasts.md), [wide](wide.md) and [plain](plain.md).\n",
	"content/forecasts.md": "# Forecasts\n\nThe reorder point is $d \\cdot L + z\\sigma_L$, and \\(a_1 + a_2\\) too.\n\n" +
		"A seat costs $5 and a team $10.\n\n$$\n\\bar{x} = \\frac{1}{n}\\sum_{i=1}^{n} x_i\n$$\n\n" +
		"```math\n\\int_0^1 x^2\\,dx\n```\n\nBroken: $\\frac{1}{$.\n",
	"content/wide.md":  "# Wide\n\n$$\n" + strings.Repeat("a_{1} + b_{2} + c_{3} + ", 12) + "z\n$$\n",
	"content/plain.md": "# Plain\n\nNo math here.\n",
}

// mathJS waits until every formula of the page is drawn or has failed,
// for 10 s at most, and describes them.
const mathJS = `new Promise(done => {
	const until = Date.now() + 10000;
	const check = () => {
		const all = [...document.querySelectorAll(".math")];
		const drawn = all.filter(e => e.classList.contains("math-drawn") && e.querySelector("math"));
		const failed = all.filter(e => e.classList.contains("math-error"));
		if (drawn.length + failed.length < all.length && Date.now() < until) return setTimeout(check, 50);
		done({
			all: all.length,
			drawn: drawn.length,
			display: drawn.filter(e => e.querySelector("math").getAttribute("display") === "block").length,
			failed: failed.map(e => e.textContent + " | " + e.title),
			text: document.querySelector(".prose").textContent,
			height: drawn.length ? drawn[0].querySelector("math").getBoundingClientRect().height : 0,
			scrolls: drawn.some(e => e.scrollWidth > e.clientWidth && e.tabIndex === 0),
			sideways: document.documentElement.scrollWidth > innerWidth,
		});
	};
	check();
})`

type mathState struct {
	All      int      `json:"all"`
	Drawn    int      `json:"drawn"`
	Display  int      `json:"display"`
	Failed   []string `json:"failed"`
	Text     string   `json:"text"`
	Height   float64  `json:"height"`
	Scrolls  bool     `json:"scrolls"`
	Sideways bool     `json:"sideways"`
}

// TestMath checks in Chromium, under the preview server's Content Security
// Policy, that TeX math is drawn as MathML from the vendored library, inline
// and on lines of its own, that one that does not parse keeps its TeX with
// the library's message, that prices stay text, that a wide formula
// scrolls in a box the keyboard reaches on a phone while the page does
// not, that a page without math does not load the library, and that no
// page asks anything of another host.
func TestMath(t *testing.T) {
	exe := browsertest.Chromium(t)
	base := serveSiteFiles(t, mathSite)
	tb := openTab(t, browsertest.Start(t, exe))
	requests := logRequests(t, tb)

	tb.visit(base + "/forecasts/")
	m := evalAs[mathState](tb, mathJS)
	if m.All != 5 || m.Drawn != 4 || m.Display != 2 || m.Height < 5 {
		t.Errorf("forecasts: %d formulas, %d drawn, %d of them on lines of their own, the first %.0f px high; want 5, 4, 2 and a visible formula", m.All, m.Drawn, m.Display, m.Height)
	}
	if len(m.Failed) != 1 || !strings.HasPrefix(m.Failed[0], `\(\frac{1}{\)`) || !strings.Contains(m.Failed[0], "KaTeX") {
		t.Errorf("the formula that does not parse shows %q, want its TeX and KaTeX's message", m.Failed)
	}
	if !strings.Contains(m.Text, "A seat costs $5 and a team $10.") {
		t.Errorf("prices are not text as written: %q", m.Text)
	}

	tb.screen(390, 800)
	tb.visit(base + "/wide/")
	if w := evalAs[mathState](tb, mathJS); w.Drawn != 1 || !w.Scrolls || w.Sideways {
		t.Errorf("a wide formula on a phone: %+v, want it drawn in a focusable box that scrolls, the page not", w)
	}
	if errs := tb.takeErrors(); len(errs) > 0 {
		t.Errorf("console errors: %q", errs)
	}

	_, before := requests.since(0)
	tb.visit(base + "/plain/")
	if later, _ := requests.since(before); slices.ContainsFunc(later, func(r string) bool { return strings.Contains(r, "katex") }) {
		t.Errorf("a page without math loaded the library: %q", later)
	}
	requests.checkLocal(t, base, "/assets/vendor/katex/katex.min.js")
}
