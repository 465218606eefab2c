package e2e_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/storage"
	"github.com/chromedp/chromedp"
	"github.com/playbookhq/playbook/generator/e2e/browsertest"
)

// TestLanguages builds the example handbook and checks, in Chromium, that
// the language switch leads to the same page in the other language on the
// pages the build generates, and that a checklist's ticks are one across
// a page and its translation.
func TestLanguages(t *testing.T) {
	exe := browsertest.Chromium(t)
	base := serveSite(t)
	browserCtx := browsertest.Start(t, exe)
	fresh := func(t *testing.T) *tab {
		tab := openTab(t, browserCtx)
		tab.call(func(ctx context.Context, tg *chromedp.Target) error {
			_, err := cdp.Call(ctx, tg, storage.ClearDataForOrigin, storage.ClearDataForOriginParams{Origin: base, StorageTypes: "local_storage"})
			return err
		})
		return tab
	}

	t.Run("SwitchOnGeneratedPages", func(t *testing.T) {
		tab := fresh(t)
		for _, step := range []struct{ from, lang, want string }{
			{"/checklists/", "sv", "/sv/checklists/"},
			{"/sv/checklists/", "en", "/checklists/"},
			{"/tags/", "sv", "/sv/tags/"},
			{"/tags/warehouse/", "sv", "/sv/tags/lager/"},
			{"/sv/tags/lager/", "en", "/tags/warehouse/"},
			{"/sv/404.html", "en", "/404.html"},
			{"/404.html", "sv", "/sv/404.html"},
			// A page without a translation leads to the nearest page
			// above it that the language has.
			{"/teams/finance/", "sv", "/sv/teams/"},
		} {
			tab.visit(base + step.from)
			link := `.lang-switch a[hreflang="` + step.lang + `"]`
			tab.waitVisible(link)
			tab.click(link)
			tab.run(chromedp.WaitVisible(chromedp.CSS(`html[lang="` + step.lang + `"] .lang-switch`)))
			if got := evalAs[string](tab, `location.pathname`); got != step.want {
				t.Errorf("%s, switching to %s: at %s, want %s", step.from, step.lang, got, step.want)
			}
		}
		tab.visit(base + "/teams/finance/")
		if got := evalAs[bool](tab, `document.querySelector('.lang-switch a[hreflang="sv"]').classList.contains("lang-untranslated")`); !got {
			t.Error("the switch to a page's nearest translated folder is not marked as untranslated")
		}
	})

	t.Run("TicksAcrossLanguages", func(t *testing.T) {
		tab := fresh(t)
		tab.visit(base + teamPage)
		tab.waitVisible(teamList)
		ids := tab.taskIDs(teamList)
		tab.click(teamList + " li:nth-child(2) > input.task-box")

		// The Swedish page names the English page's ticks.
		tab.visit(base + svTeamPage)
		tab.waitVisible(teamList)
		if got := tab.taskIDs(teamList); len(got) != len(ids) || got[0] != ids[0] || got[len(got)-1] != ids[len(ids)-1] {
			t.Fatalf("Swedish items are %v, want the English ids %v", got, ids)
		}
		if got := tab.checked(teamList); got != "0,1,0,0,0,0,0,0,0" {
			t.Errorf("Swedish page after ticking the English one = %s", got)
		}
		if got := tab.text(teamList + " .checklist-progress"); got != "1 av 9" {
			t.Errorf("Swedish progress = %q", got)
		}
		tab.click(teamList + " li:nth-child(5) > input.task-box")
		if v := tab.storage(storePrefix + teamSource + "#" + ids[4]); v != "1" {
			t.Errorf("a tick on the Swedish page is stored as %q under the English item", v)
		}

		tab.visit(base + teamPage)
		tab.waitVisible(teamList)
		if got := tab.checked(teamList); got != "0,1,0,0,1,0,0,0,0" {
			t.Errorf("English page after ticking the Swedish one = %s", got)
		}
		// The Swedish checklist index counts the same progress.
		tab.visit(base + "/sv/checklists/")
		tab.waitVisible(".checklist-index")
		cell := `[data-checklist-page="` + teamSource + `"] .checklist-index-progress`
		if got := tab.text(cell); got != "2 av 9" {
			t.Errorf("Swedish checklist index shows %q", got)
		}
		if errs := tab.takeErrors(); len(errs) > 0 {
			t.Errorf("console errors: %v", errs)
		}
	})
}

// TestManyLanguages checks in Chromium that a site of 29 languages keeps
// its header in its width, on a desktop and a phone: the switcher is a
// menu of the languages by code and name that opens from the current one,
// leads to the translation, and closes on Escape and on a click elsewhere.
func TestManyLanguages(t *testing.T) {
	exe := browsertest.Chromium(t)
	codes := strings.Fields("ar be bg bn de el es fa fr hi hu id it ja ko ms nl pcm pl pt ro ru sa sw ta tr zh-hans zh-hant")
	files := map[string]string{
		"content/_index.md": "# Open source guides\n\nRead the [guide](guide.md).\n",
		"content/guide.md":  "# Guide\n\nText.\n",
	}
	toml := "title = \"Open Source Guides\"\n"
	for _, c := range codes {
		toml += fmt.Sprintf("[languages.%s]\n", c)
		files["content/guide."+c+".md"] = "# Guide " + c + "\n\nText.\n"
	}
	files["playbook.toml"] = toml
	base := serveSiteFiles(t, files)
	tb := openTab(t, browsertest.Start(t, exe))
	shots := artifactDir(t)
	for _, width := range []int64{1280, 390} {
		tb.screen(width, 800)
		tb.visit(base + "/guide/")
		tb.waitVisible(".lang-menu summary")
		if got := evalAs[int](tb, `document.documentElement.scrollWidth - innerWidth`); got > 0 {
			t.Errorf("at %d px the page scrolls sideways by %d px", width, got)
		}
		// The site's name is not covered by the tools on its right.
		if got := evalAs[string](tb, `(() => {
			const b = document.querySelector(".brand-title").getBoundingClientRect();
			const tools = document.querySelector(".header-tools").getBoundingClientRect();
			return b.width < 40 ? "the site's name is " + b.width + " px wide" : b.right > tools.left + 1 ? "the header tools cover the site's name" : "";
		})()`); got != "" {
			t.Errorf("at %d px %s", width, got)
		}
		if got := tb.text(".lang-menu summary .lang-code"); got != "en" {
			t.Errorf("the menu's button shows %q, want the current language", got)
		}
		if got := evalAs[string](tb, `document.querySelector(".lang-menu summary").textContent`); got != "Language: en" {
			t.Errorf("the menu's button is named %q", got)
		}
		tb.click(".lang-menu summary")
		tb.waitVisible(`.lang-menu a[hreflang="zh-hant"]`)
		if got := tb.count(".lang-menu a"); got != len(codes)+1 {
			t.Errorf("the menu lists %d languages, want %d", got, len(codes)+1)
		}
		if got := evalAs[string](tb, `(() => {
			const ul = document.querySelector(".lang-menu ul").getBoundingClientRect();
			return ul.left < 0 || ul.right > innerWidth || ul.bottom > innerHeight ? JSON.stringify(ul) : "";
		})()`); got != "" {
			t.Errorf("at %d px the open menu leaves the window: %s", width, got)
		}
		if got := tb.text(`.lang-menu a[hreflang="de"] .lang-name`); got != "Deutsch" {
			t.Errorf("the menu names de %q", got)
		}
		png, err := chromedp.Run(tb.ctx, chromedp.CaptureScreenshot())
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(shots, fmt.Sprintf("languages-%d.png", width)), png, 0o644); err != nil {
			t.Fatal(err)
		}
		tb.run(chromedp.KeyEvent("\x1b"))
		if evalAs[bool](tb, `document.querySelector(".lang-menu details").open`) {
			t.Errorf("at %d px Escape leaves the menu open", width)
		}
		tb.click(".lang-menu summary")
		tb.run(chromedp.MouseClickXY(5, 790)) // the bottom left corner, below the menu
		if evalAs[bool](tb, `document.querySelector(".lang-menu details").open`) {
			t.Errorf("at %d px a click elsewhere leaves the menu open", width)
		}
		tb.click(".lang-menu summary")
		tb.click(`.lang-menu a[hreflang="de"]`)
		tb.run(chromedp.WaitVisible(chromedp.CSS(`html[lang="de"] .lang-menu`)))
		if got := evalAs[string](tb, `location.pathname`); got != "/de/guide/" {
			t.Errorf("the menu's de leads to %s", got)
		}
	}
}
