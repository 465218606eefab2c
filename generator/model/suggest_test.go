package model_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/playbookhq/playbook/generator/diag"
	"github.com/playbookhq/playbook/generator/model"
)

// TestBrokenLinkSuggestions checks where "did you mean" looks for the page
// a broken link meant: the same folder and name, a typo in the same folder,
// the same name elsewhere, and a name like it elsewhere.
func TestBrokenLinkSuggestions(t *testing.T) {
	site := fstest.MapFS{
		"_index.md":                       {Data: []byte("# Home\n")},
		"guides/_index.md":                {Data: []byte("# Guides\n")},
		"guides/install.md":               {Data: []byte("# Install\n\n## Before you start\n")},
		"guides/setup.md":                 {Data: []byte("# Setup\n")},
		"teams/support/_index.md":         {Data: []byte("# Support\n")},
		"teams/sre/oncall.md":             {Data: []byte("# On call (SRE)\n")},
		"teams/ops/oncall.md":             {Data: []byte("# On call (ops)\n")},
		"teams/ops/runbooks.md":           {Data: []byte("# Runbooks\n")},
		"images/logo.png":                 {Data: []byte("png")},
		"javascript-typescript/sample.js": {Data: []byte("js")},
		"swift/sample.swift":              {Data: []byte("swift")},
		"archive/support/README.md":       {Data: []byte("# Old support\n")},
		"guides/bootstrap.md":             {Data: []byte("# Bootstrap\n")},
		"tools/bootstrap":                 {Data: []byte("#!/bin/sh\n")},
		"src/components/index.js":         {Data: []byte("js")},
		"src/component.tsx":               {Data: []byte("tsx")},
		"handbook/release-notes.md":       {Data: []byte("# Release notes\n")},
		"handbook/code-of-conduct.md":     {Data: []byte("# Code of conduct\n")},
	}
	for _, tc := range []struct {
		name, from, link, want string
	}{
		{"other extension", "_index.md", "guides/setup.htm", `"guides/setup.md"`},
		{"other case and extension", "_index.md", "guides/Setup.htm", `"guides/setup.md"`},
		{"typo in the same folder", "guides/_index.md", "instal.md", `"install.md", that is guides/install.md`},
		{"typo in a folder name", "_index.md", "teams/sr/oncall.md", `"teams/sre/oncall.md"`},
		{"moved page, closest folder", "teams/ops/runbooks.md", "../oncall.md", `"oncall.md", that is teams/ops/oncall.md`},
		{"moved page", "_index.md", "old/runbooks.md", `"teams/ops/runbooks.md"`},
		{"moved page, from the root", "guides/setup.md", "/old/runbooks.md", `"/teams/ops/runbooks.md", that is teams/ops/runbooks.md`},
		{"typo in an index page's folder", "_index.md", "teams/suport/", `"teams/support/_index.md"`},
		{"typo in a folder of an index page, as a file", "_index.md", "teams/suport/_index.md", `"teams/support/_index.md"`},
		{"moved and renamed slightly", "_index.md", "archive/release-note.md", `"handbook/release-notes.md"`},
		{"moved file", "guides/setup.md", "../img/logo.png", `"../images/logo.png", that is images/logo.png`},
		{"file beside the page's folder, written with ./ (without, it is read from the root, as Docusaurus reads it)", "guides/setup.md", "./images/logo.png", `"../images/logo.png", that is images/logo.png`},
		{"moved file, other case", "guides/setup.md", "../img/Logo.PNG", `"../images/logo.png", that is images/logo.png`},
		{"moved file, the same extension first", "_index.md", "/javascript/sample.js#L5", `"/javascript-typescript/sample.js", that is javascript-typescript/sample.js`},
		{"index page, folder typo, another index name", "_index.md", "teams/suport/README.md", `"teams/support/_index.md"`},
		{"page without extension, folder typo", "_index.md", "guide/bootstrap", `"guides/bootstrap.md"`},
		{"moved index file", "_index.md", "/src/component/index.js", `"/src/components/index.js", that is src/components/index.js`},
		{"a file is not a page", "_index.md", "img/setup.png", ``},
		{"a page is not a file", "_index.md", "old/logo.md", ``},
		{"wikilink typo", "_index.md", "[[Instal]]", `"install"`},
		{"anchor typo", "_index.md", "guides/install.md#before-you-strat", `"before-you-start"`},
		{"nothing like it", "_index.md", "zzz/qqq.md", ``},
		{"not the linking page itself", "guides/install.md", "/docs/install.md", ``},
		{"a heading of the page without #", "guides/install.md", "before-you-start", `"#before-you-start"`},
		{"an address without mailto:", "_index.md", "team@example.com", `"mailto:team@example.com"`},
		{"a web address without https://", "_index.md", "app.example.com/login", `"https://app.example.com/login"`},
		{"a domain without https://", "_index.md", "example.org", `"https://example.org"`},
		{"www without https://", "_index.md", "www.example.se", `"https://www.example.se"`},
		{"a file, not a domain", "_index.md", "notes.md", ``},
		{"a version, not a domain", "_index.md", "v1.2.3", ``},
		{"a file name, not a domain", "_index.md", "next.config.js", ``},
		{"a file name, not an address", "_index.md", "icon@2x.png", ``},
		{"a file like it wins over an address", "guides/setup.md", "../images/logo@2x.png", `"../images/logo.png", that is images/logo.png`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fsys := fstest.MapFS{}
			for k, v := range site {
				fsys[k] = v
			}
			f := fsys[tc.from]
			fsys[tc.from] = &fstest.MapFile{Data: append([]byte("[x]("+tc.link+")\n\n"), f.Data...)}
			if strings.HasPrefix(tc.link, "[[") {
				fsys[tc.from] = &fstest.MapFile{Data: append([]byte(tc.link+"\n\n"), f.Data...)}
			}
			_, diags := loadFS(t, fsys, model.Options{Languages: []string{"en"}})
			var got []string
			for _, d := range diags {
				if d.Kind == "broken-link" || d.Kind == "missing-anchor" {
					got = append(got, d.Msg)
				}
			}
			if len(got) != 1 {
				t.Fatalf("want one broken link, got %q", got)
			}
			_, hint, _ := strings.Cut(got[0], " (did you mean ")
			hint = strings.TrimSuffix(hint, "?)")
			if hint != tc.want {
				t.Errorf("%s\nsuggests %q, want %q", got[0], hint, tc.want)
			}
		})
	}
}

// TestHintsWaitForReport checks that a broken link's suggestion is found
// only when its diagnostic is shown.
func TestHintsWaitForReport(t *testing.T) {
	var body strings.Builder
	for range diag.MaxPerKind + 5 {
		body.WriteString("[x](guides/setup.htm)\n\n")
	}
	inputs, files, _ := inputsFS(t, fstest.MapFS{
		"_index.md":       {Data: []byte(body.String())},
		"guides/setup.md": {Data: []byte("# Setup\n")},
	})
	_, diags := model.Build(inputs, model.Options{Languages: []string{"en"}, Files: files})
	diags.Sort()
	diags = slices.DeleteFunc(diags, func(d diag.Diagnostic) bool { return d.Kind != "broken-link" })
	for _, d := range diags {
		if strings.Contains(d.Msg, "did you mean") || d.Hint == nil {
			t.Fatalf("before ResolveHints: %s (hint %v)", d, d.Hint)
		}
	}
	if err := diags.ResolveHints(t.Context(), diag.MaxPerKind); err != nil {
		t.Fatal(err)
	}
	for i, d := range diags {
		if got, want := strings.Contains(d.Msg, `did you mean "guides/setup.md"`), i < diag.MaxPerKind; got != want || d.Hint != nil {
			t.Errorf("%d: %s: suggestion %v, want %v", i, d, got, want)
		}
	}
}

// BenchmarkBrokenLinkHints builds the model of 1,000 pages with 10,000
// links, good or broken (a typo, a moved page, a page that is gone), and
// finds the suggestions a report shows: all of them, at 10 links a page.
func BenchmarkBrokenLinkHints(b *testing.B) {
	for _, broken := range []bool{false, true} {
		b.Run(map[bool]string{false: "good", true: "broken"}[broken], func(b *testing.B) {
			fsys := fstest.MapFS{"_index.md": {Data: []byte("# Home\n")}}
			page := func(i int) string { return fmt.Sprintf("area-%03d/topic-%05d.md", i/20, i) }
			for i := range 1000 {
				var s strings.Builder
				fmt.Fprintf(&s, "# Topic %d\n\n", i)
				for j := range 10 {
					t := (i*7 + j*131 + 1) % 1000
					dest := "../" + page(t)
					if broken {
						dest = [...]string{
							fmt.Sprintf("../area-%03d/topc-%05d.md", t/20, t),
							fmt.Sprintf("../old/topic-%05d.md", t),
							fmt.Sprintf("../gone/page-%d-%d.md", i, j),
						}[j%3]
					}
					fmt.Fprintf(&s, "- [link](%s)\n", dest)
				}
				fsys[page(i)] = &fstest.MapFile{Data: []byte(s.String())}
			}
			inputs, files, _ := inputsFS(b, fsys)
			for b.Loop() {
				_, diags := model.Build(inputs, model.Options{Languages: []string{"en"}, Files: files})
				diags.Sort()
				if err := diags.ResolveHints(b.Context(), diag.MaxPerKind); err != nil {
					b.Fatal(err)
				}
				if n := len(diags.Errors()); broken && n != 10000 || !broken && n != 0 {
					b.Fatalf("%d errors", n)
				}
			}
		})
	}
}

// TestUnpublishedNote checks when a broken link's report says that a name
// starting with "_" or "." keeps its target off the site: for a folder on
// the path, or one the link names with a trailing slash, and not for a
// missing page or file whose own name starts with "_", nor for one in
// .gitbook/assets, which is published; that another tool's template is
// said not to be published; and that a path written with \ between
// folders is said to be one.
func TestUnpublishedNote(t *testing.T) {
	for _, tc := range []struct{ link, want string }{
		{"_includes/shared.md", "_includes/ is not published"},
		{"/_template/", "_template/ is not published"},
		{"/_v1.2/", "_v1.2/ is not published"},
		{".private/notes.txt", ".private is not published"},
		{".gitbook/notes.txt", ".gitbook is not published"},
		{"x/.gitbook/assets/map.png", ""}, // published, when it is there
		{"_nosuch", ""},
		{"nosub/_index", ""},
		{"sub/_README.md", `a Markdown file whose name starts with "_" is a partial, not a page`},
		{"erb/sample.html.erb", `another tool's template or data file, such as Middleman's .erb or Eleventy's .njk, is not published`},
		{"setup.html.md.erb", ""}, // a Tech Docs page, when it is there
		// Not a name with ".", but a path written as Windows writes one.
		{`.\images\plan.png`, `written with \ between folders, as Windows writes paths`},
	} {
		fsys := fstest.MapFS{"_index.md": {Data: []byte("# Home\n\n[x](" + tc.link + ")\n")}}
		_, diags := loadFS(t, fsys, model.Options{Languages: []string{"en"}})
		var got []string
		for _, d := range diags {
			if d.Kind == "broken-link" {
				got = append(got, d.Msg)
			}
		}
		if len(got) != 1 {
			t.Fatalf("%s: want one broken link, got %q", tc.link, got)
		}
		_, note, _ := strings.Cut(got[0], " (")
		if note, _, _ = strings.Cut(note, ":"); note != tc.want {
			t.Errorf("%s: %s\nnote %q, want %q", tc.link, got[0], note, tc.want)
		}
	}
}

// TestHTMLNames checks that a link names a page by the .html path mdBook
// and Jekyll publish it at (guide.html for guide.md, a folder's index.html
// for its README.md), that a content file of that name wins, and that
// review warns that GitHub and GitLab show no such file.
func TestHTMLNames(t *testing.T) {
	fsys := fstest.MapFS{
		"README.md":           {Data: []byte("# Book\n")},
		"ch01.md":             {Data: []byte("# One\n\n## Getting started\n")},
		"guide/README.md":     {Data: []byte("# Guide\n")},
		"guide/setup.md":      {Data: []byte("# Setup\n")},
		"static/page.md":      {Data: []byte("# Page\n")},
		"static/page.html":    {Data: []byte("<p>kept as it is</p>")},
		"nested/deep/note.md": {Data: []byte("# Note\n")},
		"404.md":              {Data: []byte("# Not found, the page\n")},
		"guide/old.md":        {Data: []byte("---\ntitle: Old\naliases: [/guide/old-name.html]\n---\n")},
	}
	site, diags := loadFS(t, fsys, model.Options{Languages: []string{"en"}, Reserved: reserved})
	if err := diags.Err(); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ from, dest, page, file, anchor string }{
		{"README.md", "ch01.html", "ch01.md", "", ""},
		{"README.md", "ch01.html#getting-started", "ch01.md", "", "getting-started"},
		{"guide/setup.md", "../ch01.html", "ch01.md", "", ""},
		{"guide/setup.md", "index.html", "guide/README.md", "", ""},
		{"ch01.md", "guide/index.html", "guide/README.md", "", ""},
		{"ch01.md", "index.html", "README.md", "", ""},
		{"ch01.md", "/nested/deep/note.html", "nested/deep/note.md", "", ""},
		{"ch01.md", "static/page.html", "", "/static/page.html", ""},
		{"ch01.md", "/404.html", "", "/404.html", ""}, // the build writes it
		{"ch01.md", "404.md", "404.md", "", ""},
		// An alias at the old .html name, linked from a page whose URL is a
		// folder below its file.
		{"guide/setup.md", "old-name.html", "guide/old.md", "", ""},
	} {
		got, err := site.Lookup(tc.from, tc.dest)
		if err != nil {
			t.Errorf("%s → %s: %v", tc.from, tc.dest, err)
			continue
		}
		page := ""
		if got.Page != nil {
			page = got.Page.Path
		}
		if page != tc.page || got.File != tc.file || got.Anchor != tc.anchor {
			t.Errorf("%s → %s: page %q file %q #%s, want %q %q #%s", tc.from, tc.dest, page, got.File, got.Anchor, tc.page, tc.file, tc.anchor)
		}
	}
	for _, dest := range []string{"ch02.html", "guide/other/index.html", ".html", "ch01.md.html",
		"guide/index.html/index.html", "ch01.html/index.html", "./ch01.html/", "guide/.html"} {
		if got, err := site.Lookup("README.md", dest); err == nil {
			t.Errorf("%s resolves to %+v, want an error", dest, got)
		}
	}

	warned := review(t, map[string]string{
		"README.md":        "# Book\n\nRead [one](ch01.html#getting-started), [the guide](guide/index.html) and [page](static/page.html).\n\n[Self](index.html), [folder](nested/index.html), [spaced](my%20page.html).\n",
		"ch01.md":          "# One\n\n## Getting started\n",
		"guide/README.md":  "# Guide\n",
		"static/page.md":   "# Page\n",
		"static/page.html": "<p>kept</p>",
		"nested/note.md":   "# Note\n\n[Up](../index.html)\n",
		"my page.md":       "# My page\n",
		"odd/a#b.md":       "# A hash\n\n[Self](a%23b.html) and [paren](p%20(1).html)\n",
		"odd/p (1).md":     "# Paren\n",
	}, "portability")
	want := `README.md:3:6: warning: link "ch01.html#getting-started" leads to ch01.md here, as in mdBook and Jekyll, but GitHub and GitLab show no such file; link the Markdown file instead, which works here too: [One](ch01.md#getting-started)
README.md:3:40: warning: link "guide/index.html" leads to guide/README.md here, as in mdBook and Jekyll, but GitHub and GitLab show no such file; link the Markdown file instead, which works here too: [Guide](guide/README.md)
README.md:5:1: warning: link "index.html" leads to README.md here, as in mdBook and Jekyll, but GitHub and GitLab show no such file; link the Markdown file instead, which works here too: [Book](README.md)
README.md:5:21: warning: link "nested/index.html" leads to the page of folder nested/ here, as in mdBook and Jekyll, but GitHub and GitLab show no such file; link the folder instead, which works here too: [Nested](nested/)
README.md:5:50: warning: link "my%20page.html" leads to my page.md here, as in mdBook and Jekyll, but GitHub and GitLab show no such file; link the Markdown file instead, which works here too: [My page](my%20page.md)
nested/note.md:3:1: warning: link "../index.html" leads to README.md here, as in mdBook and Jekyll, but GitHub and GitLab show no such file; link the Markdown file instead, which works here too: [Book](../README.md)
odd/a#b.md:3:1: warning: link "a%23b.html" leads to odd/a#b.md here, as in mdBook and Jekyll, but GitHub and GitLab show no such file; link the Markdown file instead, which works here too: [A hash](a%23b.md)
odd/a#b.md:3:24: warning: link "p%20(1).html" leads to odd/p (1).md here, as in mdBook and Jekyll, but GitHub and GitLab show no such file; link the Markdown file instead, which works here too: [Paren](p%20%281%29.md)
`
	if warned != want {
		t.Errorf("review:\n%s\nwant:\n%s", warned, want)
	}
}
