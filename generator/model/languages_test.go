package model_test

import (
	"strings"
	"testing"
)

// TestTranslatedTeamInherits checks that a Swedish team page that says
// only its title has its original's owners, contact, format, roles and
// collaborations, so that check reports no missing owners, and that the
// Swedish lists show the team without a translation.
func TestTranslatedTeamInherits(t *testing.T) {
	site, diags := buildFS(t, map[string]string{
		"_index.md": "# Home", "_index.sv.md": "# Hem",
		"teams/ops/index.md": "---\ntitle: Ops\nowners: [Ada Berg]\ncontact: \"#ops\"\nformat: remote\nroles: [lead]\n" +
			"collaborates_with:\n  - team: sales\n    on: Deals\n---\n## Onboarding\n\n- [ ] Read\n",
		"teams/ops/index.sv.md": "---\ntitle: Drift\n---\n## Introduktion\n\n- [ ] Läs\n",
		"teams/sales/index.md":  "---\ntitle: Sales\nowners: [Bo Ek]\n---\n## Onboarding\n\n- [ ] Sell\n",
		"roles/lead.md":         "---\ntitle: Lead\nreports_to: boss\n---\n",
		"roles/lead.sv.md":      "---\ntitle: Ledare\n---\n",
		"roles/boss.md":         "---\ntitle: Boss\n---\n",
		"guides/stray.de.md":    "# Verirrt",
		"guides/stray.md":       "# Stray",
		// Not beside a page it would translate: a name, not a language.
		"tools/socket.io.md":      "# Socket.IO",
		"guides/not-a-lang.v2.md": "# Version two",
		// A lang the site does not have is the default language, with a
		// warning; one the site has in other letters or with a region is
		// that language.
		"guides/front-de.md": "---\ntitle: Deutsch\nlang: de\n---\n",
		"guides/front-sv.md": "---\nlang: SV_se\n---\n# Svenska",
		// Such a page is none of a translation group's: a.md stays the
		// English one of a.sv.md.
		"guides/a.md":       "---\ntranslationKey: a\n---\n# A",
		"guides/a-de.md":    "---\ntranslationKey: a\nlang: de\n---\n# A auf Deutsch",
		"guides/a-sv.sv.md": "---\ntranslationKey: a\n---\n# A på svenska",
		"guides/b.sv.md":    "---\nlang: de\n---\n# B",
	})
	if diags.Err() != nil {
		t.Fatal(diags)
	}
	sv := site.Team("sv", "ops")
	if sv.Page.Lang != "sv" || len(sv.Owners) != 1 || sv.Owners[0].Name != "Ada Berg" || sv.Contact.Channel != "#ops" ||
		sv.Format != "remote" || len(sv.Roles) != 1 || sv.Roles[0].Role.Page.Lang != "sv" || len(sv.Collabs) != 1 || sv.Collabs[0].To.Slug != "sales" {
		t.Errorf("Swedish team = %+v", sv)
	}
	if r := site.Role("sv", "lead"); r.ReportsTo == nil || r.ReportsTo.Slug != "boss" {
		t.Errorf("Swedish role reports to %v", r.ReportsTo)
	}
	if boss := site.Role("en", "boss"); len(boss.Reports) != 1 || boss.Reports[0].Page.Lang != "en" {
		t.Errorf("the English role lists reports of other languages: %v", boss.Reports)
	}
	var teams []string
	for _, tm := range site.Teams("sv") {
		teams = append(teams, tm.Slug+"/"+tm.Page.Lang)
	}
	if got := strings.Join(teams, " "); got != "ops/sv sales/en" {
		t.Errorf("Swedish teams = %s", got)
	}
	if rv := site.Review(); strings.Contains(rv.String(), "index.sv.md:1:1: warning: team ops has no owners") {
		t.Errorf("check reports the translation's inherited owners as missing:\n%s", rv)
	}
	for path, want := range map[string]string{"guides/front-de.md": "en /guides/front-de/", "guides/front-sv.md": "sv /sv/guides/front-sv/"} {
		if p := site.PageByPath(path); p == nil || p.Lang+" "+p.RelURL != want {
			t.Errorf("%s: %+v, want %s", path, p, want)
		}
	}
	if sv := site.PageByPath("guides/a-sv.sv.md"); sv == nil || len(sv.Translations) != 1 || sv.Translations[0].Path != "guides/a.md" {
		t.Errorf("translations of a-sv.sv.md: %v", sv)
	}
	var warned []string
	for _, d := range diags {
		if d.Kind == "unknown-language" {
			warned = append(warned, d.Pos.String()+" "+d.Msg)
		}
	}
	got := strings.Join(warned, "\n")
	for _, want := range []string{
		"guides/a-de.md:3:1 front matter lang \"de\"",
		"guides/b.sv.md:2:1 front matter lang \"de\" is not a language of this site, so b.sv.md is published in sv, its file name's language, at /sv/guides/b/",
		"guides/front-de.md:3:1 ",
		"guides/stray.de.md:1:1 ",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("unknown-language warnings lack %q:\n%s", want, got)
		}
	}
	if len(warned) != 4 {
		t.Errorf("%d unknown-language warnings, want 4:\n%s", len(warned), got)
	}
	for _, d := range diags {
		if strings.Contains(d.Msg, "translationKey") {
			t.Errorf("translation warning: %v", d)
		}
	}
}
