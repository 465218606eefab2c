package model_test

import (
	"testing"

	"github.com/playbookhq/playbook/generator/model"
)

// TestStartNamed checks which file and folder names a page for newcomers
// has: the folder's name for its index page, whatever the case, "_" or a
// space for "-", and a number before it.
func TestStartNamed(t *testing.T) {
	for path, want := range map[string]bool{
		"onboarding.md":              true,
		"onboarding/_index.md":       true,
		"onboarding/index.sv.md":     true,
		"Onboarding/README.md":       true,
		"guides/Getting Started.md":  true,
		"guides/getting_started.md":  true,
		"01-onboarding.md":           true,
		"01 - Onboarding.md":         true,
		"1.onboarding.md":            true,
		"10-onboarding/_index.md":    true,
		"guides/first-week.sv.md":    true,
		"guides/_index.md":           false,
		"onboarding-tools.md":        false,
		"2024.md":                    false,
		"teams/onboarding/budget.md": false,
	} {
		if got := (&model.Page{Path: path}).StartNamed(); got != want {
			t.Errorf("%s: StartNamed() = %v, want %v", path, got, want)
		}
	}
}

// TestTOCStart checks that with a TOC the start page is the first
// entry named for newcomers in the TOC's order, one or two levels deep.
func TestTOCStart(t *testing.T) {
	files := map[string]string{
		"_index.md":       "# Home\n",
		"intro.md":        "# Intro\n",
		"welcome.md":      "# Welcome\n",
		"deep/a.md":       "# A\n",
		"deep/welcome.md": "# Deep welcome\n",
	}
	entry := func(dest string, children ...model.TOCEntry) model.TOCEntry {
		return model.TOCEntry{Title: dest, Dest: dest, Children: children}
	}
	site := buildTOC(t, files, model.TOC{Path: "TOC.md", Entries: []model.TOCEntry{entry("welcome.md"), entry("intro.md")}})
	if p, ok := site.TOCStart(site.Home("en")); !ok || p == nil || p.Path != "welcome.md" {
		t.Errorf("TOCStart = %v, %v; want welcome.md, the first in the TOC", p, ok)
	}
	site = buildTOC(t, files, model.TOC{Path: "TOC.md", Entries: []model.TOCEntry{
		{Title: "Group", Children: []model.TOCEntry{entry("deep/a.md", entry("deep/welcome.md"))}},
	}})
	if p, ok := site.TOCStart(site.Home("en")); !ok || p != nil {
		t.Errorf("TOCStart = %v, %v; want none: deep/welcome.md is three levels down", p, ok)
	}
}
