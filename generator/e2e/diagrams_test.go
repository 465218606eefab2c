package e2e_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/playbookhq/playbook/generator/e2e/browsertest"
)

// diagramSite has a page with two Mermaid diagrams and one that does not
// parse, a page without any, and pages that test one thing each: a wide
// diagram, one with a theme of its own, one in a tab, fills of the
// diagrams' own, and labels that must not wrap.
var diagramSite = map[string]string{
	"index.md": "# Handbook\n\nSee [incidents](incidents.md) and [plain](plain.md).\n",
	"incidents.md": "# Incidents\n\n```mermaid\nflowchart LR\n  A[Customer service] -->|ticket| B(IT on call)\n  B --> C{Severity?}\n  C -->|high| D[Incident lead]\n```\n\n" +
		"```mermaid\nsequenceDiagram\n  Support->>Warehouse: Where is order 118?\n  Warehouse-->>Support: Shipped today\n```\n\n" +
		"```mermaid\nflowchart LR\n  A -->\n```\n\n```go\nfunc main() {}\n```\n",
	"plain.md": "# Plain\n\nNo diagrams.\n",
	"wide.md":  "# Wide\n\n```mermaid\nflowchart LR\n  A[Customer places an order] --> B[Payment is captured] --> C[Warehouse picks the items] --> D[Parcel is packed] --> E[Carrier collects the parcel] --> F[Parcel is delivered] --> G[Customer rates the delivery]\n```\n",
	"own.md":   "# Own theme\n\n```mermaid\n%%{init: {\"theme\": \"forest\"}}%%\nflowchart LR\n  A[Stock] --> B[Orders]\n```\n",
	"fills.md": "# Fills\n\n```mermaid\nflowchart LR\n  A[Light fill] --> B[Dark fill] --> C[Own colour] --> D[Plain]\n" +
		"  classDef pale fill:#ffffcc,stroke:#333\n  classDef deep fill:#202040\n  classDef own fill:#ffeeee,color:#aa0000\n  class A pale\n  class B deep\n  class C own\n" +
		"  subgraph S [Light group]\n    E[In group]\n  end\n  style S fill:#eeffee\n  style E fill:#fff0d0\n```\n\n" +
		"```mermaid\nsequenceDiagram\n  box rgb(255, 255, 204) Front office\n    participant S as Support\n    participant W as Warehouse\n  end\n" +
		"  rect rgb(191, 223, 255)\n    loop Every hour\n      S->>W: Where is order 118?\n    end\n  end\n  W-->>S: Shipped\n```\n\n" +
		"```mermaid\nerDiagram\n  ORDER {\n    string number\n    string status\n  }\n  style ORDER fill:#ffffcc\n```\n",
	"labels.md": "# Labels\n\n```mermaid\nflowchart TD\n    USC[\"useColorScheme()\"] --> GCS[\"getColorScheme()\"]\n```\n",
	"tabs.md":   "# Tabs\n\n=== \"Text\"\n\n    Some text.\n\n=== \"Diagram\"\n\n    ```mermaid\n    flowchart LR\n      Warehouse --> Support\n    ```\n",
}

// diagramsJS waits until every diagram of the page is drawn or has
// failed, and describes them: how many are drawn as SVG, the text of the
// drawn ones, the fill of the first one's first node, the source and
// message of those that failed, and whether the page scrolls sideways.
// Given a fill, it waits until that of the first node is another, or for
// 10 s.
func diagramsJS(notFill string) string {
	arg := "null"
	if notFill != "" {
		arg = browsertest.JSString(notFill)
	}
	return waitDiagrams + "(" + arg + ")"
}

// waitDiagrams is the function diagramsJS calls.
const waitDiagrams = `((notFill) => new Promise(done => {
	const until = Date.now() + 10000;
	const check = () => {
		const pre = [...document.querySelectorAll("pre.mermaid")];
		const drawn = pre.filter(p => p.querySelector("svg"));
		const failed = pre.filter(p => p.classList.contains("mermaid-failed"));
		const node = drawn.length && drawn[0].querySelector(".node rect, .node polygon, .node path");
		const fill = node ? getComputedStyle(node).fill : "";
		if ((drawn.length + failed.length < pre.length || fill === notFill) && Date.now() < until) return setTimeout(check, 50);
		done({
			drawn: drawn.length,
			text: drawn.map(p => p.querySelector("svg").textContent).join(" | "),
			fill,
			failed: failed.map(p => p.textContent.trim()),
			message: [...document.querySelectorAll(".mermaid-error")].map(e => e.textContent.split("\n")[0]),
			sideways: document.documentElement.scrollWidth > innerWidth,
		});
	};
	check();
}))`

type diagramState struct {
	Drawn    int      `json:"drawn"`
	Text     string   `json:"text"`
	Fill     string   `json:"fill"`
	Failed   []string `json:"failed"`
	Message  []string `json:"message"`
	Sideways bool     `json:"sideways"`
}

// TestDiagrams checks in Chromium, under the preview server's Content
// Security Policy, that ```mermaid blocks are drawn from the vendored
// library, in the reader's light or dark scheme and again when it
// changes, that one that does not parse keeps its source with the
// library's message, that one in a tab is drawn at its size when the tab
// is shown, that a page without diagrams does not load the library, and
// that no page asks anything of another host.
func TestDiagrams(t *testing.T) {
	exe := browsertest.Chromium(t)
	base := serveFiles(t, diagramSite)
	tb := openTab(t, browsertest.Start(t, exe))
	requests := logRequests(t, tb)

	tb.media("", []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: "light"}})
	tb.visit(base + "/incidents/")
	light := evalAs[diagramState](tb, diagramsJS(""))
	if light.Drawn != 2 || !strings.Contains(light.Text, "Customer service") || !strings.Contains(light.Text, "Where is order 118?") {
		t.Errorf("light: drew %d diagrams with text %q, want the flowchart and the sequence diagram", light.Drawn, light.Text)
	}
	if darkColour(light.Fill) {
		t.Errorf("light: node fill %q is dark or missing: the diagram's styles were not applied", light.Fill)
	}
	if len(light.Failed) != 1 || light.Failed[0] != "flowchart LR\n  A -->" || len(light.Message) != 1 || !strings.Contains(light.Message[0], "error") {
		t.Errorf("the diagram that does not parse shows %q with message %q, want its source and the library's message", light.Failed, light.Message)
	}

	// A label is shown whole: the source's wrapping anywhere did not
	// reach the drawing, where it broke "getColorScheme()" in two lines
	// and the box showed the first.
	tb.visit(base + "/labels/")
	if cut := evalAs[[]string](tb, diagramsJS("")+`.then(() => [...document.querySelectorAll("pre.mermaid foreignObject")]
		.filter(fo => fo.firstElementChild && (fo.firstElementChild.scrollHeight > fo.height.baseVal.value + 1 || fo.firstElementChild.scrollWidth > fo.width.baseVal.value + 1))
		.map(fo => fo.textContent))`); len(cut) > 0 {
		t.Errorf("labels cut off by their box: %q", cut)
	}

	// The reader's scheme changes: the diagrams are drawn again, dark.
	tb.visit(base + "/incidents/")
	tb.media("", []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: "dark"}})
	dark := evalAs[diagramState](tb, diagramsJS(light.Fill))
	if dark.Drawn != 2 || dark.Fill == light.Fill || !darkColour(dark.Fill) {
		t.Errorf("after the switch to dark: %d diagrams drawn, node fill %q (light %q), want 2 with a dark fill", dark.Drawn, dark.Fill, light.Fill)
	}

	tb.screen(390, 800)
	tb.visit(base + "/incidents/")
	if phone := evalAs[diagramState](tb, diagramsJS("")); phone.Drawn != 2 || phone.Sideways {
		t.Errorf("on a phone: %d diagrams drawn, page wider than the screen %v", phone.Drawn, phone.Sideways)
	}
	errs := tb.takeErrors()

	// A diagram that names a theme of its own keeps that theme's colours,
	// in the dark scheme too: forest's light green nodes with dark text,
	// not the dark scheme's light text on them.
	tb.visit(base + "/own/")
	own := evalAs[diagramState](tb, diagramsJS(""))
	if n := tb.count(".mermaid-tools"); n != 0 {
		t.Errorf("a diagram shown at its size has %d full-size buttons, want none", n)
	}
	label := evalAs[string](tb, `getComputedStyle(document.querySelector("pre.mermaid .nodeLabel")).color`)
	panel := evalAs[string](tb, `getComputedStyle(document.querySelector("pre.mermaid")).backgroundColor`)
	if own.Drawn != 1 || own.Fill != "rgb(205, 228, 152)" || !darkColour(label) || panel != "rgb(255, 255, 255)" {
		t.Errorf("a diagram with a theme of its own: %d drawn, node fill %q, label %q on %q, want forest's rgb(205, 228, 152) with dark text on a white panel", own.Drawn, own.Fill, label, panel)
	}

	// Text on a fill the diagram sets itself reads well in either scheme:
	// the dark scheme's light text is not left on a light fill, nor the
	// light scheme's dark text on a dark one; a text colour the diagram
	// sets and that reads well is kept.
	for _, scheme := range []string{"dark", "light"} {
		tb.media("", []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}})
		tb.visit(base + "/fills/")
		type contrastState struct {
			Texts int      `json:"texts"`
			Bad   []string `json:"bad"`
			Own   string   `json:"own"`
		}
		fills := evalAs[contrastState](tb, diagramsJS("")+".then(() => "+textContrastJS+")")
		if fills.Texts < 20 || len(fills.Bad) > 0 || fills.Own != "rgb(170, 0, 0)" {
			t.Errorf("%s: of %d texts, %q read badly on the fill behind them; the diagram's own colour is %q, want none and rgb(170, 0, 0)", scheme, fills.Texts, fills.Bad, fills.Own)
		}
	}

	// On the phone, a diagram that the column would shrink below half its
	// size is shown at half its size or more, in a box that scrolls
	// sideways and takes the keyboard's focus; the page itself does not.
	tb.visit(base + "/wide/")
	type wideState struct {
		Scale     float64 `json:"scale"`
		Scrolls   bool    `json:"scrolls"`
		Focusable bool    `json:"focusable"`
		Sideways  bool    `json:"sideways"`
	}
	wide := evalAs[wideState](tb, diagramsJS("")+".then(() => "+wideStateJS+")")
	if wide.Scale < 0.49 || !wide.Scrolls || !wide.Focusable || wide.Sideways {
		t.Errorf("a wide diagram on a phone: %+v, want it at half its size or more, in a focusable box that scrolls, the page not", wide)
	}
	// Its "Full size" button opens it at its size in a dialog that
	// scrolls; Escape closes it and gives the focus back to the button.
	tb.click(".mermaid-tools .mermaid-open")
	type dialogState struct {
		Open    bool    `json:"open"`
		Width   float64 `json:"width"`
		Natural float64 `json:"natural"`
		Scrolls bool    `json:"scrolls"`
	}
	full := evalAs[dialogState](tb, `(() => {
		const d = document.querySelector("dialog.mermaid-dialog"), svg = d && d.querySelector("svg"), body = d && d.querySelector(".mermaid-dialog-body");
		return d ? {open: d.open, width: svg.getBoundingClientRect().width, natural: svg.viewBox.baseVal.width, scrolls: body.scrollWidth > body.clientWidth} : {};
	})()`)
	if !full.Open || full.Width < full.Natural-1 || full.Natural < 400 || !full.Scrolls {
		t.Errorf("the wide diagram's full-size dialog: %+v, want it open, the diagram at its size in a box that scrolls", full)
	}
	// A click on the dialog's own margin leaves it open; the scheme
	// changes while it is open, and its copy is drawn again with the
	// diagram (dark fill).
	tb.run(chromedp.MouseClickXY(30, 30))
	tb.media("", []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: "dark"}})
	if fill := evalAs[string](tb, `new Promise(done => {
		const until = Date.now() + 10000;
		const check = () => {
			const d = document.querySelector("dialog.mermaid-dialog[open]"), node = d && d.querySelector(".node rect");
			const fill = node ? getComputedStyle(node).fill : "closed";
			if (fill === "closed" || fill.startsWith("rgb(") && fill.split(",").reduce((a, x) => a + parseInt(x.replace(/\D/g, "")), 0) < 300 || Date.now() > until) return done(fill);
			setTimeout(check, 50);
		};
		check();
	})`); !darkColour(fill) {
		t.Errorf("the dialog after a click on its margin and a switch to dark: node fill %q, want it open with the dark drawing", fill)
	}
	tb.run(chromedp.KeyEvent("\u001b"))
	if closed := evalAs[string](tb, `new Promise(done => setTimeout(() => done((document.querySelector("dialog.mermaid-dialog") ? "open " : "") + document.activeElement.className), 200))`); closed != "mermaid-open" {
		t.Errorf("after Escape: %q, want the dialog gone and the focus on its button", closed)
	}
	// A click on the backdrop closes it.
	tb.click(".mermaid-tools .mermaid-open")
	tb.run(chromedp.MouseClickXY(3, 400))
	if n := evalAs[int](tb, `new Promise(done => setTimeout(() => done(document.querySelectorAll("dialog.mermaid-dialog").length), 200))`); n != 0 {
		t.Errorf("after a click on the backdrop %d dialogs are left, want none", n)
	}

	// Printed, the diagram fits the paper's width and its button is not
	// shown.
	tb.media("print", []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: "dark"}})
	if printed := evalAs[string](tb, `(() => {
		const pre = document.querySelector("pre.mermaid"), svg = pre.querySelector("svg");
		return getComputedStyle(document.querySelector(".mermaid-tools")).display + " " + (svg.getBoundingClientRect().width <= pre.getBoundingClientRect().width + 1);
	})()`); printed != "none true" {
		t.Errorf("printed: the button's display and whether the diagram fits: %q, want \"none true\"", printed)
	}
	tb.media("", []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: "light"}})

	// The window grows (a phone turned, a browser widened): the diagram
	// fits the column again and its box no longer scrolls.
	tb.screen(1280, 800)
	wider := evalAs[wideState](tb, "new Promise(done => setTimeout(() => done("+wideStateJS+"), 1000))")
	if wider.Scrolls || wider.Focusable || wider.Sideways || wider.Scale < 0.5 {
		t.Errorf("the wide diagram once the window is 1280 px wide: %+v, want it in a box that neither scrolls nor takes the focus", wider)
	}
	tb.screen(390, 800)

	// A diagram in a tab not shown is drawn, at its size, once its tab is.
	tb.visit(base + "/tabs/")
	tb.click(`[role="tab"]:nth-of-type(2)`)
	if width := evalAs[float64](tb, `new Promise(done => {
		const until = Date.now() + 10000;
		const check = () => {
			const svg = document.querySelector("pre.mermaid svg");
			if (svg && svg.getBoundingClientRect().width > 0) return done(svg.getBoundingClientRect().width);
			if (Date.now() > until) return done(0);
			setTimeout(check, 50);
		};
		check();
	})`); width < 100 {
		t.Errorf("the diagram of a tab shown later is %.0f px wide, want it drawn at its size", width)
	}
	errs = append(errs, tb.takeErrors()...)

	tb.visit(base + "/plain/")
	if n := tb.count(`script[src*="mermaid"], script[src*="diagrams"]`); n != 0 {
		t.Errorf("a page without diagrams loads %d diagram scripts", n)
	}
	errs = append(errs, tb.takeErrors()...)
	for _, e := range errs {
		// The library reports the diagram that does not parse.
		if !strings.Contains(e, "Parse error") && !strings.Contains(e, "Syntax error") {
			t.Errorf("page error: %s", e)
		}
	}

	requests.checkLocal(t, base, "/assets/vendor/mermaid/mermaid.min.js")
}

// wideStateJS describes the page's first diagram: the scale it is shown
// at, whether its box scrolls sideways and takes the keyboard's focus, and
// whether the page scrolls sideways.
const wideStateJS = `(() => {
	const pre = document.querySelector("pre.mermaid"), svg = pre.querySelector("svg");
	return {
		scale: svg.getBoundingClientRect().width / svg.viewBox.baseVal.width,
		scrolls: pre.scrollWidth > pre.clientWidth,
		focusable: pre.tabIndex === 0,
		sideways: document.documentElement.scrollWidth > innerWidth,
	};
})()`

// textContrastJS measures the texts of the page's diagrams against the
// fill the browser paints behind their middle (document.elementsFromPoint,
// each diagram scrolled into view): how many it measured, those under a
// contrast of 4.5:1, and the colour of the text "Own colour".
const textContrastJS = `(() => {
	const rgb = c => (c.match(/[\d.]+/g) || []).slice(0, 3).map(Number);
	const lum = c => { const v = c.map(x => { x /= 255; return x <= 0.03928 ? x / 12.92 : Math.pow((x + 0.055) / 1.055, 2.4); }); return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2]; };
	const ratio = (a, b) => { const x = lum(a), y = lum(b); return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05); };
	const shape = /^(rect|polygon|path|circle|ellipse)$/;
	const out = {texts: 0, bad: [], own: ""};
	for (const pre of document.querySelectorAll("pre.mermaid")) {
		pre.scrollIntoView({block: "center"});
		for (const el of pre.querySelectorAll("svg text, svg tspan, svg foreignObject *")) {
			const own = [...el.childNodes].some(n => n.nodeType === 3 && n.nodeValue.trim());
			if (!own || (el.localName === "text" && el.querySelector("tspan"))) continue;
			const r = el.getBoundingClientRect();
			const under = document.elementsFromPoint(r.left + r.width / 2, r.top + r.height / 2)
				.find(e => shape.test(e.localName) && /^rgb\(/.test(getComputedStyle(e).fill));
			if (!under) continue;
			const colour = el instanceof SVGElement ? getComputedStyle(el).fill : getComputedStyle(el).color;
			out.texts++;
			if (el.textContent.trim() === "Own colour") out.own = colour;
			if (ratio(rgb(colour), rgb(getComputedStyle(under).fill)) < 4.5) out.bad.push(el.textContent.trim() + " " + colour + " on " + getComputedStyle(under).fill);
		}
	}
	return out;
})()`

// darkColour reports whether a CSS rgb() colour is dark.
func darkColour(c string) bool {
	var r, g, b int
	if _, err := fmt.Sscanf(c, "rgb(%d, %d, %d)", &r, &g, &b); err != nil {
		return false
	}
	return r+g+b < 3*100
}
