package model_test

import (
	"encoding/json"
	"flag"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/playbookhq/playbook/generator/diag"
	"github.com/playbookhq/playbook/generator/markdown"
	"github.com/playbookhq/playbook/generator/model"
	"github.com/playbookhq/playbook/generator/source"
)

var update = flag.Bool("update", false, "update golden files")

// load builds the model of a fixture content tree, the way the build does.
func load(t *testing.T, dir string) (*model.Site, diag.List) {
	t.Helper()
	return loadFS(t, os.DirFS(dir), model.Options{Languages: []string{"en", "sv"}, SiteTitle: "Fixture"})
}

// loadFS builds the model of a content tree with opts (Files is filled in).
func loadFS(t *testing.T, fsys fs.FS, opts model.Options) (*model.Site, diag.List) {
	t.Helper()
	inputs, files, diags := inputsFS(t, fsys)
	opts.Files = files
	site, d := model.Build(inputs, opts)
	diags = append(diags, d...)
	diags.Sort()
	if err := diags.ResolveHints(t.Context(), diag.MaxPerKind); err != nil {
		t.Fatal(err)
	}
	return site, diags
}

// inputsFS reads a content tree and parses its pages, the way the build
// does, and returns the model's inputs and the content files.
func inputsFS(t testing.TB, fsys fs.FS) ([]*model.PageInput, []string, diag.List) {
	t.Helper()
	set, diags := source.Load(t.Context(), fsys, source.Options{KnownKeys: model.HandbookKeys})
	md := markdown.New()
	var inputs []*model.PageInput
	for _, doc := range set.Docs {
		d := md.Parse(markdown.Input{Path: doc.Path, Body: doc.Body, BodyLine: doc.BodyLine, Title: doc.Meta.Title})
		in := &model.PageInput{Doc: doc, H1: d.Title}
		for _, h := range d.Headings {
			in.Headings = append(in.Headings, model.Heading{Level: h.Level, Text: h.Text, TextContent: h.TextContent, ID: h.ID, Pos: h.Pos, IsTitle: h.IsTitle, Nested: h.Nested, Explicit: h.Explicit})
		}
		for _, l := range d.Links {
			ml := model.Link{Dest: l.Dest, Image: l.Image, Pos: l.Pos}
			if markdown.IsExternal(l.Dest) {
				if !markdown.IsWeb(l.Dest) {
					continue
				}
				ml.Absolute = true // as the build passes them (pageInput)
			}
			in.Links = append(in.Links, ml)
		}
		for _, k := range d.Tasks {
			in.Tasks = append(in.Tasks, model.Task{ID: k.ID, Text: k.Text, Who: k.Who, Checked: k.Checked, Heading: k.Heading, Pos: k.Pos})
		}
		for _, l := range d.Labels {
			in.Labels = append(in.Labels, model.Label{Name: l.Name, ID: l.ID})
		}
		inputs = append(inputs, in)
	}
	return inputs, set.Files, diags
}

type pageJSON struct {
	Path, URL, Kind, Layout, Lang, Title string
	Parent, Prev, Next                   string   `json:",omitempty"`
	Children, Backlinks, Translations    []string `json:",omitempty"`
	Generated                            bool     `json:",omitempty"`
}

func url(p *model.Page) string {
	if p == nil {
		return ""
	}
	return p.URL
}

func urls(ps []*model.Page) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.URL)
	}
	return out
}

// snapshot turns the model into plain JSON for golden files.
func snapshot(site *model.Site) []byte {
	var out struct {
		Pages      []pageJSON
		Teams      map[string][]*model.Team
		Roles      map[string][]*model.Role
		Checklists map[string][]*model.Checklist
	}
	out.Teams, out.Roles, out.Checklists = map[string][]*model.Team{}, map[string][]*model.Role{}, map[string][]*model.Checklist{}
	for _, p := range site.Pages() {
		out.Pages = append(out.Pages, pageJSON{
			Path: p.Path, URL: p.URL, Kind: string(p.Kind), Layout: p.Layout, Lang: p.Lang, Title: p.Title,
			Parent: url(p.Parent), Prev: url(p.Prev), Next: url(p.Next),
			Children: urls(p.Children), Backlinks: urls(p.Backlinks()), Translations: urls(p.Translations),
			Generated: p.Generated,
		})
	}
	for _, l := range site.Languages() {
		out.Teams[l], out.Roles[l], out.Checklists[l] = site.Teams(l), site.Roles(l), site.Checklists(l)
	}
	b, _ := json.MarshalIndent(out, "", "  ")
	return append(b, '\n')
}

func golden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update)", err)
	}
	if string(got) != string(want) {
		t.Errorf("%s differs; got:\n%s", path, got)
	}
}

// TestModel checks each fixture's model and diagnostics against golden files.
func TestModel(t *testing.T) {
	for _, name := range []string{"handbook", "checks"} {
		t.Run(name, func(t *testing.T) {
			dir := filepath.Join("testdata", name)
			site, diags := load(t, dir)
			golden(t, dir+".model.golden.json", snapshot(site))
			golden(t, dir+".diags.golden.txt", []byte(diags.String()))
		})
	}
}

func TestResolve(t *testing.T) {
	site, _ := load(t, "testdata/handbook")
	for _, tc := range []struct{ from, dest, want string }{
		{"_index.md", "teams/support/index.md#onboarding", "/teams/support/#onboarding"},
		{"_index.md", "[[Operations]]", "/teams/ops/"},
		{"_index.md", "[[ops]]", "/teams/ops/"},
		{"teams/ops/index.sv.md", "../support/index.md", "/teams/support/"},
		{"teams/ops/index.md", "#onboarding", "#onboarding"},
		{"teams/sales/index.md", "[[team-lead]]", "/roles/team-lead/"},
		// A file's own path or name, as Obsidian links to it: an index
		// page's, a translation's.
		{"_index.md", "[[teams/ops/index]]", "/teams/ops/"},
		{"_index.md", "[[teams/ops/index.sv]]", "/sv/teams/ops/"},
		{"_index.md", "[[teams/ops/index.sv.md]]", "/sv/teams/ops/"},
		{"teams/ops/index.md", "../support/", "/teams/support/"},
		// A heading the page lacks: the page all the same (the check
		// reports the anchor; where that is a warning, the link works).
		{"_index.md", "teams/support/index.md#no-such-heading", "/teams/support/#no-such-heading"},
		{"teams/ops/index.md", "#no-such-heading", "#no-such-heading"},
	} {
		got, ok := site.Resolve(tc.from, tc.dest)
		if !ok || got != tc.want {
			t.Errorf("Resolve(%q, %q) = %q, %v; want %q", tc.from, tc.dest, got, ok, tc.want)
		}
	}
	if _, ok := site.Resolve("_index.md", "missing.md"); ok {
		t.Error("a missing page resolved")
	}
}

// TestWikilinkToFileName checks that a wikilink may name a translation
// by its file name, as Obsidian links to a file: [[faq.sv]] is the
// Swedish FAQ from a page in any language, [[faq]] the page's own
// language's.
func TestWikilinkToFileName(t *testing.T) {
	fsys := fstest.MapFS{
		"_index.md":    {Data: []byte("# Home\n")},
		"_index.sv.md": {Data: []byte("# Hem\n")},
		"faq.md":       {Data: []byte("# FAQ\n")},
		"faq.sv.md":    {Data: []byte("# Frågor\n")},
	}
	site, _ := loadFS(t, fsys, model.Options{Languages: []string{"en", "sv"}, SiteTitle: "Fixture"})
	for _, tc := range []struct{ from, dest, want string }{
		{"_index.md", "[[faq.sv]]", "/sv/faq/"},
		{"_index.md", "[[faq]]", "/faq/"},
		{"_index.sv.md", "[[faq]]", "/sv/faq/"},
	} {
		if got, ok := site.Resolve(tc.from, tc.dest); !ok || got != tc.want {
			t.Errorf("Resolve(%q, %q) = %q, %v; want %q", tc.from, tc.dest, got, ok, tc.want)
		}
	}
}

// TestFolderWithIndexHTML checks that a link to a folder that has no page
// but an index.html of its own leads to the folder's URL, where web
// servers serve that file, and that a folder without one is still a
// broken link.
func TestFolderWithIndexHTML(t *testing.T) {
	fsys := fstest.MapFS{
		"index.md":              {Data: []byte("# Home\n")},
		"demo/index.html":       {Data: []byte("<p>demo</p>\n")},
		"demo/app.js":           {Data: []byte("\n")},
		"Slide Deck/index.html": {Data: []byte("<p>slides</p>\n")},
		"media/logo.png":        {Data: []byte("png")},
		"guides/g.md":           {Data: []byte("# G\n")},
	}
	site, _ := loadFS(t, fsys, model.Options{Languages: []string{"en"}, SiteTitle: "Fixture"})
	for _, tc := range []struct{ dest, want string }{
		{"demo/", "/demo/"},
		{"demo", "/demo/"},
		{"./demo/#start", "/demo/#start"},
		{"/demo/", "/demo/"},
		{"demo/index.html", "/demo/index.html"},
		{"Slide%20Deck/", "/slide-deck/"},
		// As the site publishes them: by URL, from the root, and
		// relative to the page's own URL.
		{"slide-deck/", "/slide-deck/"},
		{"/slide-deck/", "/slide-deck/"},
		{"/slide-deck/index.html", "/slide-deck/"},
	} {
		if got, ok := site.Resolve("index.md", tc.dest); !ok || got != tc.want {
			t.Errorf("Resolve(%q) = %q, %v; want %q", tc.dest, got, ok, tc.want)
		}
	}
	for _, dest := range []string{"media/", "demo/app/"} {
		if got, ok := site.Resolve("index.md", dest); ok {
			t.Errorf("Resolve(%q) = %q; want a broken link", dest, got)
		}
	}
	if got, ok := site.Resolve("guides/g.md", "../../demo/"); !ok || got != "/demo/" {
		t.Errorf("Resolve from guides/g.md = %q, %v; want /demo/, where the browser goes from /guides/g/", got, ok)
	}
}

// TestLinkToDraft checks that a link to a draft left out says so, in each
// form it may take, and that with drafts included it leads to the page.
func TestLinkToDraft(t *testing.T) {
	fsys := fstest.MapFS{
		"_index.md":        {Data: []byte("# Home\n\n[a](old.md) [b](/old/) [c](old) [d](plans/) [e](plans/_index.md) [f](gone.md) [g](/my-page/) [h](/custom/) [i](/was-here/) [j](old.html)\n")},
		"old.md":           {Data: []byte("---\ntitle: Old\ndraft: true\n---\nText.\n")},
		"My Page.md":       {Data: []byte("---\ndraft: true\n---\nText.\n")},
		"slugged.md":       {Data: []byte("---\ndraft: true\nslug: custom\naliases: [/was-here/]\n---\nText.\n")},
		"plans/_index.md":  {Data: []byte("---\ntitle: Plans\ndraft: true\n---\nText.\n")},
		"plans/roadmap.md": {Data: []byte("# Roadmap\n")},
	}
	_, diags := loadFS(t, fsys, model.Options{Languages: []string{"en"}})
	var got []string
	for _, d := range diags {
		if d.Kind == "broken-link" {
			got = append(got, d.Msg)
		}
	}
	const draft = " (a draft: build or check with --drafts to include drafts)"
	want := []string{
		`broken link "old.md": no page or file old.md` + draft,
		`broken link "/old/": no page or file old` + draft,
		`broken link "old": no page or file old` + draft,
		`broken link "gone.md": no page or file gone.md`,
	}
	// plans/ has a page, generated for the folder, once its _index.md is
	// left out; plans/_index.md is the draft itself. By URL, slug, alias
	// and .html name too.
	want = append(want[:3], `broken link "plans/_index.md": no page or file plans/_index.md`+draft, want[3],
		`broken link "/my-page/": no page or file my-page`+draft,
		`broken link "/custom/": no page or file custom`+draft,
		`broken link "/was-here/": no page or file was-here`+draft,
		`broken link "old.html": no page or file old.html`+draft)
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	site, diags := loadFS(t, fsys, model.Options{Languages: []string{"en"}, Drafts: true})
	if errs := diags.Errors(); len(errs) != 1 || !strings.Contains(errs[0].Msg, "gone.md") {
		t.Errorf("with drafts: %v", errs)
	}
	if got, _ := site.Resolve("_index.md", "old.md"); got != "/old/" {
		t.Errorf("with drafts, old.md leads to %q", got)
	}
}

// TestNoPages checks the warning for a site with no pages: a content
// folder of other files, or of drafts.
func TestNoPages(t *testing.T) {
	for _, tc := range []struct {
		fsys fstest.MapFS
		want string
	}{
		{fstest.MapFS{"notes.txt": {Data: []byte("x")}}, ".: warning: the site has no pages: the content folder holds no Markdown file that the build reads (.md, .markdown, .mdown, .mkdn or .mkd, or any of them and .erb, and not left out by exclude)"},
		{fstest.MapFS{"a.md": {Data: []byte("---\ndraft: true\n---\n")}}, ".: warning: the site has no pages: the content folder holds only drafts (build or check with --drafts to include them)"},
		{fstest.MapFS{"a.md": {Data: []byte("# A\n")}}, ""},
	} {
		_, diags := loadFS(t, tc.fsys, model.Options{Languages: []string{"en"}})
		var got []string
		for _, d := range diags {
			if strings.Contains(d.Msg, "no pages") {
				got = append(got, d.String())
			}
		}
		if strings.Join(got, "\n") != tc.want {
			t.Errorf("got %q, want %q", got, tc.want)
		}
	}
}

// TestMiddlemanTranslations checks that Middleman's names pair as
// translations, the language before .html (guide.sv.html.md) or after it
// (setup.html.sv.md), as guide.sv.md pairs with guide.md.
func TestMiddlemanTranslations(t *testing.T) {
	fsys := fstest.MapFS{
		"index.html.md":        {Data: []byte("# Home\n\n[Guide](guide.html.md)\n")},
		"index.sv.html.md.erb": {Data: []byte("# Hem\n\n[Guide](guide.sv.html.md.erb)\n")},
		"guide.html.md":        {Data: []byte("# Guide\n")},
		"guide.sv.html.md.erb": {Data: []byte("# Guide på svenska\n")},
		"setup.html.md":        {Data: []byte("# Setup\n\n[Guide](guide.html.md)\n")},
		"setup.html.sv.md":     {Data: []byte("# Installera\n")},
	}
	site, diags := loadFS(t, fsys, model.Options{Languages: []string{"en", "sv"}})
	if err := diags.Err(); err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, p := range site.Pages() {
		if p.Input == nil {
			continue
		}
		var tr []string
		for _, o := range p.Translations {
			tr = append(tr, o.URL)
		}
		got[p.URL] = strings.Join(tr, " ")
	}
	want := map[string]string{"/": "/sv/", "/sv/": "/", "/guide/": "/sv/guide/", "/sv/guide/": "/guide/", "/setup/": "/sv/setup/", "/sv/setup/": "/setup/"}
	if !maps.Equal(got, want) {
		t.Errorf("translations %v, want %v", got, want)
	}
}

// TestURLRelativeAnchor checks a link written for Hugo, relative to the
// page's URL, a folder below its file: "../#first-time" from
// docs/contributing/pull-requests.md names docs/_index.md in the content
// and docs/contributing/_index.md from the URL. The reading whose page has
// the anchor wins; without an anchor, and for a link to a Markdown file,
// the content's reading stands.
func TestURLRelativeAnchor(t *testing.T) {
	site, _ := loadFS(t, fstest.MapFS{
		"_index.md":                      {Data: []byte("# Home\n")},
		"docs/_index.md":                 {Data: []byte("# Docs\n\n## Overview\n")},
		"docs/contributing/_index.md":    {Data: []byte("# Contributing\n\n## First time contributing? {#first-time}\n")},
		"docs/contributing/pull-reqs.md": {Data: []byte("# PRs\n")},
	}, model.Options{})
	for _, tc := range [][2]string{
		{"../#first-time", "/docs/contributing/#first-time"},
		{"../#overview", "/docs/#overview"},
		{"../", "/docs/"},
		{"../_index.md#overview", "/docs/#overview"},
	} {
		if u, ok := site.Resolve("docs/contributing/pull-reqs.md", tc[0]); !ok || u != tc[1] {
			t.Errorf("%s resolves to %q, %v; want %s", tc[0], u, ok, tc[1])
		}
	}
	if tg, err := site.Lookup("docs/contributing/pull-reqs.md", "../_index.md#first-time"); err == nil {
		t.Errorf("a link to a Markdown file took the URL's reading: %+v", tg)
	}
}

// TestURLAsContentPath checks that a relative link without ".md" that
// names nothing from the file, and whose URL reading names no URL
// because a folder's name is slugged there (21.0 is 21-0), names the path
// in the content the browser's reading spells ("../../../21.0/ref/" from
// docs/21.0/concepts/x.md, whose URL is /docs/21-0/concepts/x/), while a
// Markdown file keeps the files' reading alone; and that a link that is
// broken either way is reported as the browser's path, not as one that
// leaves the content folder, unless it climbs above the root.
func TestURLAsContentPath(t *testing.T) {
	site, _ := loadFS(t, fstest.MapFS{
		"_index.md":                    {Data: []byte("# Home\n")},
		"docs/21.0/_index.md":          {Data: []byte("# 21\n")},
		"docs/21.0/concepts/x.md":      {Data: []byte("# X\n")},
		"docs/21.0/ref/_index.md":      {Data: []byte("# Ref\n")},
		"docs/21.0/concepts/_index.md": {Data: []byte("# Concepts\n")},
	}, model.Options{})
	if u, ok := site.Resolve("docs/21.0/concepts/x.md", "../../../21.0/ref/"); !ok || u != "/docs/21-0/ref/" {
		t.Errorf("../../../21.0/ref/ resolves to %q, %v; want /docs/21-0/ref/", u, ok)
	}
	for dest, want := range map[string]string{
		"../../../../gone/":         "no page or file gone",
		"../../../../ref/_index.md": "link leaves the content folder",
		"../../../../../../x/":      "link leaves the content folder",
	} {
		if _, err := site.Lookup("docs/21.0/concepts/x.md", dest); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: %v, want %q", dest, err, want)
		}
	}
}

// TestMystLabels checks MyST targets: "#label" leads, from any page, to
// the heading below the "(label)=" line, in any case, or to the page of a
// target over another block; a heading of the linking page wins, and of
// two pages with one label, the first by path has it.
func TestMystLabels(t *testing.T) {
	site, diags := loadFS(t, fstest.MapFS{
		"_index.md": {Data: []byte("# Home\n\n[a](#other-label) [b](#Other-Label) [c](#para) [d](#dup) [e](#here)\n\n## Here\n")},
		"b.md":      {Data: []byte("# B\n\n(other-label)=\n## Other section\n\n(para)=\nText.\n\n(here)=\n## There\n")},
		"c.md":      {Data: []byte("# C\n\n(dup)=\n## C dup\n")},
		"d.md":      {Data: []byte("---\nslug: a-first\n---\n# D\n\n(dup)=\n## D dup\n")},
	}, model.Options{})
	if len(diags.Errors()) > 0 {
		t.Fatalf("errors:\n%s", diags.Errors())
	}
	// d.md's URL sorts first, c.md's path does.
	for _, tc := range [][2]string{
		{"#other-label", "/b/#other-section"}, {"#Other-Label", "/b/#other-section"},
		{"#para", "/b/"}, {"#dup", "/c/#c-dup"}, {"#here", "#here"},
	} {
		if u, ok := site.Resolve("_index.md", tc[0]); !ok || u != tc[1] {
			t.Errorf("%s resolves to %q, %v; want %s", tc[0], u, ok, tc[1])
		}
	}
}

// TestMystLabelsInLanguages checks that a target in the linking page's
// language wins over one of the same name in another.
func TestMystLabelsInLanguages(t *testing.T) {
	site, _ := loadFS(t, fstest.MapFS{
		"_index.md":    {Data: []byte("# Home\n")},
		"_index.sv.md": {Data: []byte("# Hem\n")},
		"guide.md":     {Data: []byte("# Guide\n\n(setup)=\n## Setup steps\n")},
		"guide.sv.md":  {Data: []byte("# Guide\n\n(setup)=\n## Installationssteg\n")},
		"other.sv.md":  {Data: []byte("# Annan\n\n[s](#setup)\n")},
		"other.md":     {Data: []byte("# Other\n\n[s](#setup)\n")},
	}, model.Options{Languages: []string{"en", "sv"}})
	for from, want := range map[string]string{"other.sv.md": "/sv/guide/#installationssteg", "other.md": "/guide/#setup-steps"} {
		if u, ok := site.Resolve(from, "#setup"); !ok || u != want {
			t.Errorf("#setup on %s resolves to %q, %v; want %s", from, u, ok, want)
		}
	}
}

// TestResolveText checks the text of links written without any: the
// heading a MyST target or an anchor names, or the page's title.
func TestResolveText(t *testing.T) {
	site, _ := loadFS(t, fstest.MapFS{
		"_index.md": {Data: []byte("# Home\n\n## Here `now`\n")},
		"b.md":      {Data: []byte("# B page\n\n(other-label)=\n## Other section\n\n(para)=\nText.\n\n<a id=\"raw\"></a>\n")},
		"file.txt":  {Data: []byte("x")},
	}, model.Options{})
	for _, tc := range []struct {
		dest, want string
		ok         bool
	}{
		{"#other-label", "Other section", true},
		{"#para", "B page", true},
		{"b.md", "B page", true},
		{"b.md#other-section", "Other section", true},
		{"#here-now", "Here now", true},
		{"b.md#raw", "", false},
		{"b.md#missing", "", false},
		{"file.txt", "", false},
		{"nowhere.md", "", false},
	} {
		if got, ok := site.ResolveText("_index.md", "_index.md", tc.dest); got != tc.want || ok != tc.ok {
			t.Errorf("ResolveText(%q) = %q, %v; want %q, %v", tc.dest, got, ok, tc.want, tc.ok)
		}
	}
}

// TestMovedReadme checks the redirects a README.md that was renamed leaves
// behind: none when it became the page beside its folder, at the URL it
// had as the folder's page; the folder's URL when it moved elsewhere.
func TestMovedReadme(t *testing.T) {
	site, _ := loadFS(t, fstest.MapFS{
		"_index.md":        {Data: []byte("# Home\n\n[g](guide.md) [m](moved.md) [s](sub/x.md)\n")},
		"guide.md":         {Data: []byte("# Guide\n")},
		"moved.md":         {Data: []byte("# Moved\n")},
		"sub/_index.md":    {Data: []byte("# Sub\n")},
		"sub/x.md":         {Data: []byte("# X\n")},
		"claimed.md":       {Data: []byte("# Claimed\n\n[i](claimed/intro.md)\n")},
		"claimed/intro.md": {Data: []byte("# Intro\n")},
	}, model.Options{Moves: []model.Move{
		{From: "guide/README.md", To: "guide.md"},
		{From: "other/README.md", To: "moved.md"},
		{From: "sub/README.md", To: "sub/x.md"},             // beside an _index.md, a page of its own
		{From: "claimed/README.md", To: "claimed/intro.md"}, // claimed.md had the folder's URL
	}})
	for path, want := range map[string]string{"guide.md": "", "moved.md": "/other/", "sub/x.md": "/sub/readme/", "claimed/intro.md": "/claimed/readme/"} {
		if got := strings.Join(site.PageByPath(path).Redirects(), " "); got != want {
			t.Errorf("%s: redirects %q, want %q", path, got, want)
		}
	}
}

// TestDeclaredMoveGitToo checks that a redirect a configuration file
// declares lets links through its old URL when git recorded the same
// rename too, whichever of the two comes first.
func TestDeclaredMoveGitToo(t *testing.T) {
	git := model.Move{From: "manual/error-reporting.md", To: "manual/sentry.md"}
	declared := git
	declared.Pos = diag.Pos{File: "config/tech-docs.yml", Line: 3, Col: 3}
	for name, moves := range map[string][]model.Move{"git first": {git, declared}, "declared first": {declared, git}} {
		t.Run(name, func(t *testing.T) {
			site, diags := loadFS(t, fstest.MapFS{
				"_index.md":        {Data: []byte("# Home\n\n[Errors](/manual/error-reporting/)\n")},
				"manual/sentry.md": {Data: []byte("# Sentry\n")},
			}, model.Options{Moves: moves})
			if len(diags) > 0 {
				t.Errorf("diagnostics: %v", diags)
			}
			if got, ok := site.ResolveIn("_index.md", "", "/manual/error-reporting/"); !ok || got != "/manual/sentry/" {
				t.Errorf("the link leads to %q (%v), want /manual/sentry/", got, ok)
			}
			if got := strings.Join(site.PageByPath("manual/sentry.md").Redirects(), " "); got != "/manual/error-reporting/" {
				t.Errorf("redirects %q", got)
			}
		})
	}
}

// TestLinkToMovedPage checks that a broken link to where a page's file
// was before git recorded its rename, by its old file or its old URL,
// names the page's file now.
func TestLinkToMovedPage(t *testing.T) {
	_, diags := loadFS(t, fstest.MapFS{
		"_index.md":                 {Data: []byte("# Home\n\n[a](setup.md) [b](/setup/) [c](/setup/index.html) [d](guides/getting-started.md)\n")},
		"guides/getting-started.md": {Data: []byte("# Getting started\n\n[e](../setup.md) [f](../nowhere.md)\n")},
		"teams/t.md":                {Data: []byte("# T\n\n[g](../setup/) [h](../setup)\n")},
	}, model.Options{Moves: []model.Move{{From: "setup.md", To: "guides/getting-started.md"}}})
	want := []string{
		`_index.md:3:1: broken link "setup.md": no page or file setup.md (a page moved from there: did you mean "guides/getting-started.md"?)`,
		`_index.md:3:15: broken link "/setup/": no page or file setup (a page moved from there: did you mean "/guides/getting-started.md", that is guides/getting-started.md?)`,
		`_index.md:3:28: broken link "/setup/index.html": no page or file setup/index.html (a page moved from there: did you mean "/guides/getting-started.md", that is guides/getting-started.md?)`,
		`guides/getting-started.md:3:1: broken link "../setup.md": no page or file setup.md`,
		`guides/getting-started.md:3:18: broken link "../nowhere.md": no page or file nowhere.md`,
		`teams/t.md:3:1: broken link "../setup/": no page or file setup (a page moved from there: did you mean "../guides/getting-started.md", that is guides/getting-started.md?)`,
		`teams/t.md:3:16: broken link "../setup": no page or file setup (a page moved from there: did you mean "../guides/getting-started.md", that is guides/getting-started.md?)`,
	}
	var got []string
	for _, d := range diags.Errors() {
		got = append(got, d.Pos.String()+": "+d.Msg)
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestMkDocsOrder checks that an MkDocs site lists a folder as MkDocs
// does without a nav, its pages first and its folders after, each by file
// name, where another site lists them by title; a weight still comes
// first.
func TestMkDocsOrder(t *testing.T) {
	fsys := fstest.MapFS{
		"index.md":           {Data: []byte("# Home\n")},
		"tools.md":           {Data: []byte("# Code review tools\n")},
		"faq.md":             {Data: []byte("# Questions\n")},
		"Zeta.md":            {Data: []byte("# Zeta\n")},
		"first.md":           {Data: []byte("---\nweight: 1\n---\n# Weighted first\n")},
		"recipes/README.md":  {Data: []byte("# Recipes\n")},
		"evidence/index.md":  {Data: []byte("# Evidence\n")},
		"evidence/b-page.md": {Data: []byte("# A page\n")},
		"evidence/a-page.md": {Data: []byte("# B page\n")},
		"zz/index.md":        {Data: []byte("# ZZ\n")},
		"zz/c.md":            {Data: []byte("# C\n")},
		"zz/z.md":            {Data: []byte("# Z\n")},
		"zz/b/index.md":      {Data: []byte("# B\n")},
		"zz/Rd/README.md":    {Data: []byte("# Rd\n")},
		"zz/y/index.md":      {Data: []byte("# Y\n")},
		"zz/y/y1.md":         {Data: []byte("# Y1\n")},
	}
	for _, tc := range []struct {
		mkdocs bool
		want   string
	}{
		{true, "Weighted first, Zeta, Questions, Code review tools, Evidence [B page, A page], Recipes, ZZ [C, Z, Rd, B, Y]"},
		{false, "Weighted first, Code review tools, Evidence [A page, B page], Questions, Recipes, Zeta, ZZ [B, C, Rd, Y, Z]"},
	} {
		site, _ := loadFS(t, fsys, model.Options{MkDocsOrder: tc.mkdocs})
		var names []string
		for _, c := range site.PageByPath("index.md").Children {
			name := c.Title
			if len(c.Children) > 0 {
				var kids []string
				for _, k := range c.Children {
					kids = append(kids, k.Title)
				}
				name += " [" + strings.Join(kids, ", ") + "]"
			}
			names = append(names, name)
		}
		if got := strings.Join(names, ", "); got != tc.want {
			t.Errorf("MkDocsOrder %v: %s, want %s", tc.mkdocs, got, tc.want)
		}
	}
}

// TestOrphanLinkedOnGitHub checks that an orphan page that another page
// links to by its file's address on GitHub says which repo to set, on a
// site that names none, and that with the repo set the link counts.
func TestOrphanLinkedOnGitHub(t *testing.T) {
	fsys := fstest.MapFS{
		"README.md":       {Data: []byte("# Handbook\n\n- [Benefits](https://github.com/acme/handbook/blob/main/benefits.md)\n- [Setup](https://github.com/acme/handbook/blob/main/docs/guides/setup.md)\n")},
		"benefits.md":     {Data: []byte("# Benefits\n")},
		"guides/setup.md": {Data: []byte("# Setup\n")},
		"lonely.md":       {Data: []byte("# Lonely\n\n[Contributing](https://github.com/golang/go/blob/master/CONTRIBUTING.md)\n")},
		"CONTRIBUTING.md": {Data: []byte("# Contributing\n")},
	}
	_, diags := loadFS(t, fsys, model.Options{RootDir: "docs"})
	var got []string
	for _, d := range diags {
		if d.Kind == "orphan-page" {
			got = append(got, d.Pos.File+": "+d.Msg)
		}
	}
	want := []string{
		`CONTRIBUTING.md: no page links to Contributing`, // one link into golang/go is no sign that it is the site's
		`benefits.md: no page links to Benefits (README.md links to its file on github.com/acme/handbook: set repo = "https://github.com/acme/handbook" in playbook.toml, and such links count)`,
		`guides/setup.md: no page links to Setup (README.md links to its file on github.com/acme/handbook: set repo = "https://github.com/acme/handbook" in playbook.toml, and such links count)`,
		`lonely.md: no page links to Lonely`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	_, diags = loadFS(t, fsys, model.Options{RootDir: "docs", RepoURL: "github.com/acme/handbook"})
	var orphans []string
	for _, d := range diags {
		if d.Kind == "orphan-page" {
			orphans = append(orphans, d.Pos.File)
		}
	}
	if strings.Join(orphans, " ") != "CONTRIBUTING.md lonely.md" {
		t.Errorf("with the repo set, orphans %q", orphans)
	}
}

// TestThemeSearchPage checks that a theme's search page, as Docsy's
// search.md (layout: search, no text), is left out with a warning, since
// playbook's search is in every page's header; one with text of its own
// is a page.
func TestThemeSearchPage(t *testing.T) {
	site, diags := loadFS(t, fstest.MapFS{
		"_index.md":       {Data: []byte("# Home\n\n[Find](find.md)\n")},
		"search.md":       {Data: []byte("---\ntitle: Search Results\nlayout: search\n---\n\n")},
		"find.md":         {Data: []byte("---\nlayout: search\n---\n# Find\n\nHow to find things.\n")},
		"sv/search.sv.md": {Data: []byte("---\ntitle: Sök\nlayout: search\n---\n")},
	}, model.Options{Languages: []string{"en", "sv"}})
	if site.PageByPath("search.md") != nil || site.PageByPath("sv/search.sv.md") != nil {
		t.Error("the search page is a page")
	}
	if site.PageByPath("find.md") == nil {
		t.Error("a page with text and layout: search is left out")
	}
	want := "search.md:3:1: warning: a theme's search page (layout: search, as Docsy's): playbook's search is in the header of every page, so this one is left out\n" +
		"sv/search.sv.md:3:1: warning: a theme's search page (layout: search, as Docsy's): playbook's search is in the header of every page, so this one is left out"
	if got := strings.TrimSpace(diags.String()); got != want {
		t.Errorf("diagnostics:\n%s\nwant\n%s", got, want)
	}
}
