package e2e_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/playbookhq/playbook/generator/build"
	"github.com/playbookhq/playbook/generator/e2e/browsertest"
	"github.com/playbookhq/playbook/themes"
)

// hostileGuide is a page whose title, text, heading and checklist carry
// markup: closing and opening script tags, an unclosed comment, an image
// with an event handler. Every payload would set window.pwned or open an
// alert, which blocks the tab and so fails the test by its time limit.
const hostileGuide = "---\ntitle: \"Quarantine </script><script>alert(1)</script> <!--\"\n---\n" +
	"Quarantine text `</script><script>window.pwned=1</script>` and an open <!-- comment.\n\n" +
	"## Steps `</script><!--`\n\n" +
	"- [ ] Read </script><script>window.pwned=2</script> <!-- the guide\n" +
	"- [ ] Ask `<img src=x onerror=window.pwned=3>` and <img src=x onerror=window.pwned=4>\n"

// TestPageTextStaysText serves a site with hostileGuide under the preview
// server's Content Security Policy and checks in Chromium that none of its
// markup runs or becomes elements: not on the page, not in the search
// results (the index is loaded with <script src>), and not in what Copy as
// Markdown copies, whether to the clipboard or into the text box it shows
// when the clipboard refuses.
func TestPageTextStaysText(t *testing.T) {
	exe := browsertest.Chromium(t)
	src := t.TempDir()
	for name, text := range map[string]string{
		"content/_index.md": "---\ntitle: Home\n---\nSee [the guide](guide.md).\n",
		"content/guide.md":  hostileGuide,
	} {
		p := filepath.Join(src, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := build.New(build.Config{SourceDir: src, DestDir: dest, DefaultTheme: themes.Default()}).Build(t.Context()); err != nil {
		t.Fatalf("build: %v", err)
	}
	base := browsertest.ServeDir(t, dest, nil)

	tab := openTab(t, browsertest.Start(t, exe))
	grantClipboard(t, tab, base)
	// ran says what ran or became an element that should not have.
	ran := func(where string) {
		t.Helper()
		if got := evalAs[string](tab, `String(window.pwned)`); got != "undefined" {
			t.Errorf("%s: a payload ran (window.pwned = %s)", where, got)
		}
		if n := tab.count("main img, .search img, main script, .search script"); n != 0 {
			t.Errorf("%s: %d img or script elements made from the page's text", where, n)
		}
		if n := evalAs[int](tab, `[...document.scripts].filter(s => !s.src).length`); n != 0 {
			t.Errorf("%s: %d inline scripts", where, n)
		}
	}

	tab.visit(base + "/guide/")
	tab.waitVisible("main")
	if got, want := tab.text("main h1"), "Quarantine </script><script>alert(1)</script> <!--"; got != want {
		t.Errorf("title %q, want %q", got, want)
	}
	ran("the page")

	t.Run("search", func(t *testing.T) {
		res := typeQuery(t, tab.ctx, "quarantine")
		var title, snippet bool
		for _, r := range res {
			title = title || r.Title == "Quarantine </script><script>alert(1)</script> <!--"
			snippet = snippet || strings.Contains(r.Snippet, "Quarantine text </script><script>window.pwned=1</script> and an open <!-- comment.")
		}
		if !title || !snippet {
			t.Errorf("quarantine: the title or text is not shown as written: %+v", res)
		}
		res = typeQuery(t, tab.ctx, "steps")
		if len(res) == 0 || res[0].Heading != "Steps </script><!--" {
			t.Errorf("steps: want the heading as written: %+v", res)
		}
		ran("search")
	})

	const list = ".prose .checklist"
	const copied = "- [ ] Read </script><script>window.pwned=2</script> <!-- the guide\n" +
		"- [ ] Ask `<img src=x onerror=window.pwned=3>` and <img src=x onerror=window.pwned=4>\n"
	t.Run("copy as Markdown", func(t *testing.T) {
		button := list + ` [data-action="copy"]`
		tab.click(button)
		tab.waitVisible(button + ".is-copied")
		if clip := evalAs[string](tab, `navigator.clipboard.readText()`); clip != copied {
			t.Errorf("clipboard holds\n%q\nwant\n%q", clip, copied)
		}
		ran("copy")
	})

	t.Run("copy as Markdown without a clipboard", func(t *testing.T) {
		tab.run(chromedp.Evaluate[chromedp.Void](`navigator.clipboard.writeText = () => Promise.reject(new Error("refused"));
			document.execCommand = () => false;`))
		tab.click(list + ` [data-action="copy"]`)
		tab.waitVisible(list + " .checklist-copy-text")
		if tag := evalAs[string](tab, `document.querySelector(".checklist-copy-text").tagName`); tag != "TEXTAREA" {
			t.Errorf("the copy text is shown in a %s", tag)
		}
		if got := evalAs[string](tab, `document.querySelector(".checklist-copy-text").value`); got != copied {
			t.Errorf("the text box holds\n%q\nwant\n%q", got, copied)
		}
		ran("copy without a clipboard")
	})

	for _, e := range tab.takeErrors() {
		t.Errorf("console: %s", e)
	}
}
