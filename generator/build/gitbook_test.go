package build_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestGitBookRedirects checks that the redirects of a GitBook space's
// .gitbook.yaml lead to their pages, from the content folder's file or
// from the site folder's whose root is the content folder, and that those
// it cannot follow are warned about at their lines.
func TestGitBookRedirects(t *testing.T) {
	pages := map[string]string{
		"README.md":          "# Home\n\n[New](guide/new-page.md) [Kept](kept.md) [Fixed](elsewhere/fixed.md)\n",
		"guide/README.md":    "# Guide\n",
		"guide/new-page.md":  "# New page\n\n## Part\n",
		"kept.md":            "# Kept\n",
		"folder/README.md":   "# Folder\n",
		"folder/inner.md":    "# Inner\n\n[up](README.md)\n",
		"elsewhere/fixed.md": "# Fixed\n\n[home](../README.md) [f](../folder/inner.md)\n",
	}
	redirects := "redirects:\n" +
		"  guide/old-page: /guide/new-page.md\n" + // line 3
		"  old/folder/README: ./folder/README.md#intro\n" +
		"  kept: guide/new-page.md\n" + // a page has the address
		"  gone: missing.md\n" + // line 6
		"  guide/new-page#part: guide/new-page.md\n" +
		"  picture: map.png\n"
	for _, tc := range []struct {
		name, file, yaml, where string
	}{
		{"content folder", "content/.gitbook.yaml", "root: ./\n", "content/.gitbook.yaml"},
		{"site folder", ".gitbook.yaml", "root: ./content/\n", ".gitbook.yaml"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := writeSite(t, pages)
			if err := os.WriteFile(filepath.Join(src, filepath.FromSlash(tc.file)), []byte(tc.yaml+redirects), 0o644); err != nil {
				t.Fatal(err)
			}
			dest := filepath.Join(src, "public")
			res, err := newBuilder(src, dest).Build(t.Context())
			if err != nil {
				t.Fatal(err)
			}
			for from, to := range map[string]string{"guide/old-page": "/guide/new-page/", "old/folder": "/folder/"} {
				if b := read(t, dest, from+"/index.html"); !strings.Contains(b, `url=`+to+`"`) {
					t.Errorf("/%s/ does not lead to %s:\n%s", from, to, b)
				}
			}
			if !strings.Contains(read(t, dest, "kept/index.html"), "<h1") {
				t.Error("the redirect took the address of a page")
			}
			var got []string
			for _, d := range res.Warnings {
				got = append(got, d.String())
			}
			w := tc.where
			want := []string{
				w + `:5:3: warning: the redirect from kept is left out: the page kept.md has its address, /kept/`,
				w + `:6:3: warning: the redirect from gone leads to missing.md, which is no page`,
				w + `:7:3: warning: the redirect from guide/new-page#part is left out: browsers never send the part of an address after #, so no reader reaches it`,
				w + `:8:12: warning: the redirect from picture is left out: it leads to "map.png", and a GitBook redirect leads to a Markdown page of the space`,
			}
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("warnings\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
		})
	}
	t.Run("not YAML", func(t *testing.T) {
		src := writeSite(t, pages)
		if err := os.WriteFile(filepath.Join(src, ".gitbook.yaml"), []byte("root: content\nredirects:\n  old: [\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		res, err := newBuilder(src, filepath.Join(src, "public")).Build(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Warnings) != 1 || !strings.HasPrefix(res.Warnings[0].String(), ".gitbook.yaml:") || !strings.Contains(res.Warnings[0].Msg, "is not YAML") {
			t.Errorf("warnings %v", res.Warnings)
		}
	})
	t.Run("another root", func(t *testing.T) {
		src := writeSite(t, pages)
		if err := os.WriteFile(filepath.Join(src, ".gitbook.yaml"), []byte("root: ./docs/\n"+redirects), 0o644); err != nil {
			t.Fatal(err)
		}
		res, err := newBuilder(src, filepath.Join(src, "public")).Build(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Warnings) != 1 || res.Warnings[0].String() != ".gitbook.yaml: warning: its redirects are left out: they lead to the pages of docs/ (root), and the content folder is content/" {
			t.Errorf("warnings %v", res.Warnings)
		}
	})
}

// TestDuplicateAliasesWriteOne checks that of two pages with one alias
// (in any case) only the page the warning names as keeping it gets the
// redirect, whatever their order.
func TestDuplicateAliasesWriteOne(t *testing.T) {
	src := writeSite(t, map[string]string{
		"_index.md": "# Home\n\n[A](z/a.md) [B](b.md) [C](c.md)\n",
		"b.md":      "---\naliases: [/old/]\n---\n# B\n",
		"c.md":      "---\naliases: [/Old/, /other/]\n---\n# C\n",
		"z/a.md":    "---\naliases: [/old/]\n---\n# A\n",
	})
	dest := filepath.Join(src, "public")
	res, err := newBuilder(src, dest).Build(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	var warned []string
	for _, d := range res.Warnings {
		if d.Kind == "duplicate-alias" {
			warned = append(warned, d.String())
		}
	}
	if len(warned) != 2 || !strings.Contains(strings.Join(warned, "\n"), `of b.md at /old/, which leads there`) {
		t.Errorf("warnings:\n%s", strings.Join(warned, "\n"))
	}
	if b := read(t, dest, "old/index.html"); !strings.Contains(b, `url=/b/"`) {
		t.Errorf("/old/ does not lead to b.md, which keeps it:\n%s", b)
	}
	if _, err := os.Stat(filepath.Join(dest, "Old")); err == nil {
		t.Error("the alias /Old/ that lost to /old/ was written")
	}
	if b := read(t, dest, "other/index.html"); !strings.Contains(b, `url=/c/"`) {
		t.Error("c.md's other alias is lost")
	}
}

// TestOwnTagsPage checks that a page of the site at /tags/ (MkDocs
// Material's tags.md) stands in for the generated list of tags, with no
// error, and that each tag still has its page.
func TestOwnTagsPage(t *testing.T) {
	dest := buildSite(t, map[string]string{
		"_index.md": "# Home\n\n[Guide](guide.md) and [the tags](tags.md).\n",
		"guide.md":  "---\ntags: [onboarding]\n---\n# Guide\n",
		"tags.md":   "# Tags\n\n<!-- material/tags -->\n\nOur own words about tags.\n",
	})
	if b := read(t, dest, "tags/index.html"); !strings.Contains(b, "Our own words about tags.") {
		t.Error("/tags/ is not the site's own page")
	}
	if b := read(t, dest, "tags/onboarding/index.html"); !strings.Contains(b, `href="/guide/"`) {
		t.Error("the tag's page does not list its page")
	}
}

// TestTechDocsRedirects checks that the redirects of a GOV.UK Tech Docs
// site's config/tech-docs.yml are read as moves of its pages: a link to an
// old address leads to the page, a redirect page is written there, and a
// redirect to no page, or elsewhere, is warned about or left alone.
func TestTechDocsRedirects(t *testing.T) {
	src := writeSite(t, map[string]string{
		"index.html.md":         "# Home\n\n[Errors](/manual/error-reporting.html) and [old](/old-section/) and [gone](/manual/gone.html) and [chain](/c1.html)\n\n[u](/UPPER.html) [s](</Old Page.html>) [p](/Old%20Page.html) [c](/caf%C3%A9.html)\n",
		"manual/sentry.html.md": "# Sentry\n",
		"section/index.html.md": "# Section\n",
	})
	writeFile(t, filepath.Join(src, "config/tech-docs.yml"), "host: https://docs.example.org\nredirects:\n"+
		"  /manual/error-reporting.html: /manual/sentry.html\n  /old-section/: /section/\n  /manual/gone.html: /manual/nowhere.html\n  /elsewhere.html: https://example.com/\n"+
		"  /c1.html: /c2.html\n  /c2.html: /manual/sentry.html\n  /loop1.html: /loop2.html\n  /loop2.html: /loop1.html\n  /gone-folder/: /nowhere/\n"+
		"  /UPPER.html: /section/\n  /Old Page.html: /section/\n  /caf%C3%A9.html: /section/\n")
	res := buildWith(t, src, "title = \"T\"\n[checks]\nbroken-link = \"warning\"\n")
	var got []string
	for _, d := range res.Warnings {
		got = append(got, d.Kind+" "+d.Pos.String()+" "+d.Msg)
	}
	text := strings.Join(got, "\n")
	if !strings.Contains(text, "broken-link config/tech-docs.yml:5:3") || !strings.Contains(text, "manual/gone.html") {
		t.Errorf("the redirect to no page, or the link to it, is not warned about:\n%s", text)
	}
	if strings.Contains(text, "error-reporting") || strings.Contains(text, "old-section") {
		t.Errorf("a link to a redirected address is reported:\n%s", text)
	}
	pageHas(t, src, "index.html", `<a href="/manual/sentry/">Errors</a>`, `<a href="/section/">old</a>`, `<a href="/manual/sentry/">chain</a>`,
		`<a href="/section/">u</a>`, `<a href="/section/">s</a>`, `<a href="/section/">p</a>`, `<a href="/section/">c</a>`)
	if !strings.Contains(text, "the redirect from gone-folder/index.html leads") {
		t.Errorf("a folder's address is not named as a folder's page:\n%s", text)
	}
	pageHas(t, src, "manual/error-reporting/index.html", `/manual/sentry/`)
	pageHas(t, src, "old-section/index.html", `/section/`)
}
