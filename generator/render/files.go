package render

import (
	"bytes"
	"errors"
	"html/template"
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/playbookhq/playbook/generator/diag"
	"github.com/playbookhq/playbook/generator/model"
	"github.com/playbookhq/playbook/generator/output"
	"github.com/playbookhq/playbook/generator/search"
	"github.com/playbookhq/playbook/generator/sitefs"
	"github.com/playbookhq/playbook/generator/source"
	"github.com/playbookhq/playbook/generator/theme"
)

// Files copies the content files beside their pages (model.Site.Files),
// reading each through read, which is given its path in the content
// folder. It returns how many it wrote, and warnings about HTML files with
// front matter (see jekyllHTML); the files it could not read are reported
// together, after the others are copied.
func (r *Renderer) Files(w output.Writer, read func(name string) ([]byte, error)) (int, diag.List, error) {
	var warns diag.List
	dir := r.in.Config.ContentDir
	n, err := copyFiles(w, r.in.Site.Files(), dir, func(name string) ([]byte, error) {
		data, err := read(name)
		if ext := strings.ToLower(path.Ext(name)); err != nil || ext != ".html" && ext != ".htm" {
			return data, err
		}
		body, line := jekyllHTML(data)
		if line == 0 {
			return data, nil
		}
		msg := "front matter in an HTML file, which Jekyll and Eleventy read to lay the page out and run its Liquid: playbook does neither, and publishes the HTML below it as it is"
		if path.Base(name) == "404.html" {
			msg += "; without this file the site has playbook's own not-found page"
		}
		warns.AddKind("front-matter", diag.Warning, diag.Pos{File: path.Join(dir, name), Line: 1, Col: 1}, "%s", msg)
		return body, nil
	})
	return n, warns, err
}

// jekyllHTML returns the HTML of a file that starts with YAML front
// matter, as Jekyll's pages in HTML do (or Eleventy's JSON or JavaScript
// front matter, see source.OpensDashFront), after it, and the line the
// front matter ends on; line is 0 when the file has none. As Jekyll reads
// it, and playbook the front matter of Markdown: after a byte order mark,
// fences with spaces after them, and "..." to close.
func jekyllHTML(data []byte) (body []byte, line int) {
	first, rest, ok := bytes.Cut(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")), []byte("\n"))
	if !ok || !source.OpensDashFront(string(bytes.TrimRight(first, " \t\r"))) {
		return data, 0
	}
	line = 1
	for len(rest) > 0 {
		l, after, _ := bytes.Cut(rest, []byte("\n"))
		line++
		if fence := string(bytes.TrimRight(l, " \t\r")); fence == "---" || fence == "..." {
			return after, line
		}
		rest = after
	}
	return data, 0
}

// Static copies the static folder's files (model.Site.StaticFiles) to
// the same paths from the site's root, reading each through read, which
// is given its path in the folder; as Files does.
func (r *Renderer) Static(w output.Writer, read func(name string) ([]byte, error)) (int, error) {
	files := r.in.Site.StaticFiles()
	pairs := make([][2]string, len(files))
	for i, f := range files {
		pairs[i] = [2]string{f, f}
	}
	return copyFiles(w, pairs, r.in.Config.StaticDir, read)
}

// copyFiles reads each file from its path in dir, the first of its pair,
// and writes it at the second.
func copyFiles(w output.Writer, files [][2]string, dir string, read func(name string) ([]byte, error)) (int, error) {
	n := 0
	var bad diag.List
	for _, f := range files {
		data, err := read(f[0])
		if err != nil {
			bad = append(bad, copyError(path.Join(dir, f[0]), err))
			continue
		}
		if err := w.WriteFile(f[1], data); err != nil {
			return n, err
		}
		n++
	}
	return n, bad.Err()
}

// Assets writes the theme's assets, each as read by its path under
// assets/, and, unless the theme has its own, the code-highlighting
// stylesheet css. It returns how many files it wrote. The diagram library
// and its script (diagramAssets) are written only for a site with a
// diagram: the library is larger than most sites; and so is the math
// library (mathAssets) for a site with math.
func (r *Renderer) Assets(w output.Writer, css []byte, read func(name string) ([]byte, error)) (int, error) {
	th, n := r.in.Theme, 0
	var diagrams, math bool
	for _, p := range r.in.Site.Pages() {
		if p.Input != nil {
			diagrams, math = diagrams || p.Input.Diagrams, math || p.Input.Math
		}
	}
	for _, a := range th.Assets() {
		if !diagrams && slices.ContainsFunc(diagramAssets, func(d string) bool { return strings.HasPrefix(a, d) }) ||
			!math && strings.HasPrefix(a, mathAssets) {
			continue
		}
		data, err := read(a)
		if err != nil {
			return n, diag.List{copyError(th.AssetFile(a), err)}.Err()
		}
		if err := w.WriteFile("assets/"+a, data); err != nil {
			return n, err
		}
		n++
	}
	if !th.HasAsset(highlightCSS) {
		if err := w.WriteFile("assets/"+highlightCSS, css); err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}

// diagramAssets are the assets that draw diagrams, by their path in
// assets/ or its start: the library's folder and the script that uses it.
var diagramAssets = []string{"vendor/mermaid/", "js/diagrams.js"}

// mathAssets is the folder of the library that draws math, in assets/.
const mathAssets = "vendor/katex/"

// highlightCSS is where the code-highlighting stylesheet goes, under
// assets/.
const highlightCSS = "css/chroma.css"

// copyError reports a file that cannot be copied into the site: one over
// sitefs.MaxFileSize, or one the listing found that has changed since.
func copyError(name string, err error) diag.Diagnostic {
	var le *sitefs.LimitError
	var pe *fs.PathError
	switch {
	case errors.As(err, &le):
		return tooLarge(name, le)
	case errors.As(err, &pe):
		err = pe.Err
	}
	return diag.Diagnostic{Pos: diag.Pos{File: name}, Severity: diag.Error, Msg: "cannot copy: " + err.Error()}
}

func tooLarge(name string, le *sitefs.LimitError) diag.Diagnostic {
	return diag.Diagnostic{Pos: diag.Pos{File: name, Line: 1, Col: 1}, Severity: diag.Error, Msg: le.Error() + " for a file copied into the site"}
}

// Oversized reports the files of fsys, named by their paths in it, that
// are too large to copy into the site (sitefs.MaxFileSize), each under
// its path in dir. Files finds them as it copies them, after the pages
// are rendered; a build that stops before then for other errors reports
// these with them, so that one build shows every problem.
func Oversized(fsys fs.FS, files []string, dir string) diag.List {
	var dl diag.List
	for _, name := range files {
		if info, err := fs.Stat(fsys, name); err == nil && info.Size() > sitefs.MaxFileSize {
			dl = append(dl, tooLarge(path.Join(dir, name), &sitefs.LimitError{Size: info.Size(), Limit: sitefs.MaxFileSize}))
		}
	}
	return dl
}

// Robots writes robots.txt, naming the sitemap when the base URL is
// absolute, unless the content has its own.
func (r *Renderer) Robots(w output.Writer) error {
	if r.in.Site.Publishes("robots.txt") {
		return nil
	}
	robots := "User-agent: *\nAllow: /\n"
	if abs := r.absBase(); abs != "" {
		robots += "Sitemap: " + abs + r.in.Config.BasePath() + "/sitemap.xml\n"
	}
	return w.WriteFile("robots.txt", []byte(robots))
}

// aliasPage is the page left at an alias, or at a page's earlier URL: a
// redirect that works without JavaScript, with a link for those that do
// not follow it.
var aliasPage = template.Must(template.New("alias").Parse(`<!DOCTYPE html><html lang="{{.Lang}}"><head><meta charset="utf-8"><title>{{.Title}}</title>` +
	`<link rel="canonical" href="{{.URL}}"><meta http-equiv="refresh" content="0; url={{.URL}}"></head>` +
	`<body><p>This page has moved to <a href="{{.URL}}">{{.Title}}</a>.</p></body></html>` + "\n"))

// redirect is what aliasPage shows: the page redirected to, its title and
// the language to say it in.
type redirect struct{ Lang, Title, URL string }

// Aliases writes a redirect page at each page's aliases and at the URLs
// of its file's earlier names in git.
func (r *Renderer) Aliases(w output.Writer) error {
	var b strings.Builder
	for _, p := range r.in.Site.Pages() {
		files := p.AliasFiles()
		for _, a := range p.Redirects() {
			files = append(files, model.AliasFile(a))
		}
		to := redirect{p.Lang, p.Title, p.URL}
		if p.RedirectTo != "" {
			// An alias of a page that redirects leads where it leads.
			to.URL, _ = r.in.Site.Redirect(p)
		}
		for _, name := range files {
			if name == "" || name == "index.html" || name == p.ListPageFile(1) {
				continue
			}
			b.Reset()
			if err := aliasPage.Execute(&b, to); err != nil {
				return err
			}
			if err := w.WriteFile(name, []byte(b.String())); err != nil {
				return err
			}
		}
	}
	return nil
}

// redirectPage writes the page of p, whose front matter has redirect_to:
// a redirect to where it leads, in place of the page.
func (r *Renderer) redirectPage(w output.Writer, p *model.Page) error {
	to, ok := r.in.Site.Redirect(p)
	if !ok {
		return nil // reported by the model; the build fails
	}
	var b strings.Builder
	if err := aliasPage.Execute(&b, redirect{p.Lang, p.Title, to}); err != nil {
		return err
	}
	return w.WriteFile(p.ListPageFile(1), []byte(b.String()))
}

// Reserved lists what a site's rendering writes beside the pages, the
// content files and the alias redirects, so that the model reports a page,
// an alias or a file that would take one of them. The feeds are reserved
// in every language whether or not the git history gives them pages, so
// that the same content is accepted with and without git.
func Reserved(th *theme.Theme) []model.Reserved {
	var out []model.Reserved
	if th != nil {
		for _, a := range th.Assets() {
			out = append(out, model.Reserved{Name: "assets/" + a, What: "the theme's file " + th.AssetFile(a)})
		}
	}
	return append(out,
		model.Reserved{Name: "assets/" + highlightCSS, What: "the code-highlighting stylesheet"},
		model.Reserved{Name: "404.html", What: "the not-found page", PerLanguage: true, Replaceable: true},
		model.Reserved{Name: "sitemap.xml", What: "the sitemap"},
		model.Reserved{Name: "robots.txt", What: "the generated robots.txt", Replaceable: true},
		model.Reserved{Name: "feed.xml", What: "the feed", PerLanguage: true},
		// The owners page, whether or not pages have owners yet: adding an
		// owner, or a CODEOWNERS file, must not take a page's URL. While
		// there is none, a content file may take the name (Kubernetes'
		// OWNERS files, which differ from owners/ only in case).
		model.Reserved{Name: "owners/index.html", What: "the generated owners page", PerLanguage: true, Generated: true},
		model.Reserved{Name: search.Dir + "/", What: "the search index"},
	)
}
