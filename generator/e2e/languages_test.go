package e2e_test

import (
	"context"
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
