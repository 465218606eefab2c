package build

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"html"
	"html/template"
	"io/fs"
	"path"
	"slices"
	"strings"
	"sync"

	"github.com/playbookhq/playbook/generator/config"
	"github.com/playbookhq/playbook/generator/diag"
	"github.com/playbookhq/playbook/generator/markdown"
	"github.com/playbookhq/playbook/generator/model"
	"github.com/playbookhq/playbook/generator/output"
	"github.com/playbookhq/playbook/generator/sitefs"
	"github.com/playbookhq/playbook/generator/theme"
)

// renderer turns the model into files.
type renderer struct {
	md    *markdown.Converter
	theme *theme.Theme
	site  *model.Site
	cfg   *config.Config
	docs  map[string]*markdown.Doc
	out   output.Writer
	bufs  sync.Pool
	// collabMaps holds each language's collaboration map, collabTeams
	// the teams it shows (see theme.MapTeams).
	collabMaps  map[string]template.HTML
	collabTeams map[string][]*model.Team
	languages   []theme.LanguageView
	// tick is called after each page is rendered, for progress.
	tick func()
	// x holds the git history and strings; see extras.go.
	x *extras

	// Set by a Memory builder's incremental run (see rebuild.go): inc is
	// its state, only the pages to render (nil: all of them and the 404
	// page), extras whether to rebuild sitemap, robots.txt, aliases and
	// feeds in a partial run, fileData its cache of content files.
	inc      *incState
	only     map[*model.Page]bool
	extras   bool
	fileData map[string][]byte

	// navs holds the sidebar of each folder's pages (see navHTML).
	navMu sync.Mutex
	navs  map[navKey]*folderNav
}

func (r *renderer) buffer() *bytes.Buffer {
	if b, ok := r.bufs.Get().(*bytes.Buffer); ok {
		b.Reset()
		return b
	}
	return new(bytes.Buffer)
}

// renderPages renders every page in parallel. Template errors are returned
// as diagnostics, write errors as an error.
func (r *renderer) renderPages(ctx context.Context, res *Result) (diag.List, error) {
	for _, p := range r.site.Pages() {
		if p.Kind == model.KindPage {
			res.Pages++
		} else {
			res.Sections++
		}
	}
	pages := r.site.Pages()
	if r.only != nil {
		pages = slices.DeleteFunc(slices.Clone(pages), func(p *model.Page) bool { return !r.only[p] })
	}
	res.Rendered = len(pages)
	diags := make([]diag.List, len(pages))
	errs := make([]error, len(pages))
	parallel(ctx, len(pages), func(i int) {
		diags[i], errs[i] = r.renderPage(pages[i])
		if r.tick != nil {
			r.tick()
		}
	})
	var all diag.List
	for i := range pages {
		if errs[i] != nil {
			return nil, errs[i]
		}
		all = append(all, diags[i]...)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if r.only != nil {
		return all, nil // the 404 page shows nothing a partial run changes
	}
	// The 404 page of each language, in its home folder (/404.html,
	// /sv/404.html), translations of each other.
	var nfs []*model.Page
	for _, l := range r.site.Languages() {
		if home := r.site.Home(l); home != nil {
			nfs = append(nfs, &model.Page{Kind: "404", Lang: l, Title: r.x.strs.T("notfound-title", l), URL: home.URL + "404.html",
				RelURL: home.RelURL + "404.html", Parent: home, Params: map[string]any{}})
		}
	}
	for _, nf := range nfs {
		for _, t := range nfs {
			if t != nf {
				nf.Translations = append(nf.Translations, t)
			}
		}
	}
	for _, nf := range nfs {
		view := r.view(nf, "")
		buf := r.buffer()
		if err := r.theme.Execute(buf, "404", view); err != nil {
			all = append(all, theme.TemplateDiag(err, "404"))
		} else if err := r.out.WriteFile(strings.TrimPrefix(nf.RelURL, "/"), bytes.Clone(buf.Bytes())); err != nil {
			return nil, err
		}
		r.bufs.Put(buf)
	}
	return all, nil
}

func (r *renderer) renderPage(p *model.Page) (diag.List, error) {
	var diags diag.List
	content := r.buffer()
	defer r.bufs.Put(content)
	if doc := r.docs[p.Path]; doc != nil && p.Input != nil {
		if err := r.md.Render(content, doc, r.site, markdown.RenderOptions{Strings: r.textStrings(p.Lang), TaskIDs: p.TaskIDs()}); err != nil {
			diags.Add(diag.Pos{File: "content/" + p.Path}, "cannot render: %v", err)
			return diags, nil
		}
		if r.inc == nil {
			// A one-off build renders each page once (see parseAll); the
			// text Render gave back is all that is needed of it now.
			doc.DropSource()
			p.Input.Doc.Src, p.Input.Doc.Body = nil, nil
		}
	}
	page := r.buffer()
	defer r.bufs.Put(page)
	view := r.view(p, template.HTML(content.String()))
	nav := sync.OnceValues(view.NavRender)
	view.NavRender = nav
	if err := r.theme.Execute(page, p.Layout, view); err != nil {
		diags = append(diags, theme.TemplateDiag(err, p.Layout))
		return diags, nil
	}
	name := strings.TrimPrefix(p.RelURL, "/") + "index.html"
	if err := r.out.WriteFile(name, bytes.Clone(page.Bytes())); err != nil {
		return diags, err
	}
	// The further pages of a long list of children: the section layout
	// with those children only, without the page's text.
	for k := 2; k <= p.ListPages(); k++ {
		view := r.view(p, "")
		view.NavRender = func() (template.HTML, error) { return r.listNavHTML(p, k) }
		view.TOC = nil
		view.Children, view.Paginator = p.ListChildren(k), theme.NewPaginator(p, k)
		page.Reset()
		if err := r.theme.Execute(page, string(model.KindSection), view); err != nil {
			diags = append(diags, theme.TemplateDiag(err, string(model.KindSection)))
			return diags, nil
		}
		if err := r.out.WriteFile(p.ListPageFile(k), bytes.Clone(page.Bytes())); err != nil {
			return diags, err
		}
	}
	return diags, nil
}

func (r *renderer) view(p *model.Page, content template.HTML) *theme.PageView {
	v := &theme.PageView{
		Site: &theme.SiteView{
			Title: r.cfg.Title, Description: r.cfg.Description,
			BaseURL: r.cfg.BaseURL, BasePath: r.cfg.BasePath(), Lang: r.cfg.Language,
			Params: r.cfg.Params, Home: r.site.Home(p.Lang), Languages: r.languages,
		},
		Page:        p,
		Model:       r.site,
		CollabMap:   r.collabMaps[p.Lang],
		CollabTeams: r.collabTeams[p.Lang],
		Content:     content,
		TOC:         theme.BuildTOC(p.Headings()),
		Children:    p.ListChildren(1),
		Paginator:   theme.NewPaginator(p, 1),
	}
	v.NavRender = func() (template.HTML, error) { return r.navHTML(p) }
	// A language's site title is its own ([languages.sv] title), else
	// its home page's, else the site's.
	if l, ok := r.cfg.Languages[p.Lang]; ok {
		home := r.site.Home(p.Lang)
		if l.Title == "" && home != nil && home.Input != nil && p.Lang != r.site.Languages()[0] {
			l.Title = home.Title
		}
		v.Site.Title = cmp.Or(l.Title, v.Site.Title)
		v.Site.Description = cmp.Or(l.Description, v.Site.Description)
	}
	v.Heading = template.HTML(template.HTMLEscapeString(p.Title))
	if p.Input != nil && p.Input.HeadingHTML != "" {
		v.Heading = template.HTML(p.Input.HeadingHTML) // #nosec: escaped when it was made
	}
	if v.Site.Home == nil {
		v.Site.Home = r.site.Home(r.site.Languages()[0])
	}
	if r.cfg.EditURL != "" && p.Input != nil {
		v.EditURL = strings.ReplaceAll(r.cfg.EditURL, "{path}", r.cfg.ContentDir+"/"+p.Path)
	}
	r.decorate(v, p)
	return v
}

// copyFiles copies content files beside their pages and writes the theme's
// assets and the code-highlighting stylesheet.
func (r *renderer) copyFiles(contentFS fs.FS) (int, error) {
	n := 0
	for _, f := range r.site.Files() {
		data, ok := r.fileData[f[0]]
		if !ok {
			var err error
			if data, err = sitefs.ReadFile(contentFS, f[0], sitefs.MaxFileSize); err != nil {
				return n, copyError(path.Join(r.cfg.ContentDir, f[0]), err)
			}
			if r.fileData != nil {
				r.fileData[f[0]] = data
			}
		}
		if err := r.out.WriteFile(f[1], data); err != nil {
			return n, err
		}
		n++
	}
	out := r.out
	if r.inc != nil {
		rec := newRecorder(out)
		r.out = rec
		defer func() { r.out, r.inc.cur.assetNames = out, rec.names }()
	}
	for _, a := range r.theme.Assets() {
		data, err := r.theme.ReadAsset(a)
		if err != nil {
			return n, copyError(r.theme.AssetFile(a), err)
		}
		if err := r.out.WriteFile("assets/"+a, data); err != nil {
			return n, err
		}
		n++
	}
	if !r.theme.HasAsset("css/chroma.css") {
		css := r.inc.highlightCSS(r.cfg)
		if err := r.out.WriteFile("assets/css/chroma.css", css); err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}

// copyError reports a file that cannot be copied into the site: one over
// sitefs.MaxFileSize, or one the listing found that has changed since.
func copyError(name string, err error) error {
	var dl diag.List
	var le *sitefs.LimitError
	var pe *fs.PathError
	switch {
	case errors.As(err, &le):
		dl.Add(diag.Pos{File: name, Line: 1, Col: 1}, "%v for a file copied into the site", le)
	case errors.As(err, &pe):
		dl.Add(diag.Pos{File: name}, "cannot copy: %v", pe.Err)
	default:
		dl.Add(diag.Pos{File: name}, "cannot copy: %v", err)
	}
	return dl.Err()
}

// writeExtras writes sitemap.xml, robots.txt, alias redirects, the search
// index and the feeds.
func (r *renderer) writeExtras(ctx context.Context) error {
	out := r.out
	if r.only != nil && !r.extras {
		// A partial rebuild that kept the model: the extras are as they were.
		if err := r.inc.keepExtras(out); err != nil {
			return err
		}
		return r.writeSearchIndex(ctx, out)
	}
	if r.inc != nil {
		rec := newRecorder(out)
		r.out = rec
		defer func() { r.out, r.inc.cur.extraNames = out, rec.names }()
	}
	abs := strings.TrimRight(r.cfg.BaseURL, "/")
	if !strings.Contains(abs, "://") {
		abs = ""
	} else {
		abs = strings.TrimSuffix(abs, r.cfg.BasePath())
	}
	if err := r.writeSitemap(); err != nil {
		return err
	}
	robots := "User-agent: *\nAllow: /\n"
	if abs != "" {
		robots += "Sitemap: " + abs + r.cfg.BasePath() + "/sitemap.xml\n"
	}
	if err := r.out.WriteFile("robots.txt", []byte(robots)); err != nil {
		return err
	}
	for _, p := range r.site.Pages() {
		// Aliases, and the URLs of the file's earlier names in git.
		for _, a := range slices.Concat(p.Aliases, p.Redirects()) {
			a = strings.Trim(a, "/")
			if a == "" {
				continue
			}
			html := `<!DOCTYPE html><html lang="` + template.HTMLEscapeString(p.Lang) + `"><head><meta charset="utf-8"><title>` +
				template.HTMLEscapeString(p.Title) + `</title><link rel="canonical" href="` + template.HTMLEscapeString(p.URL) +
				`"><meta http-equiv="refresh" content="0; url=` + template.HTMLEscapeString(p.URL) + `"></head><body><p>This page has moved to <a href="` +
				template.HTMLEscapeString(p.URL) + `">` + template.HTMLEscapeString(p.Title) + "</a>.</p></body></html>\n"
			if err := r.out.WriteFile(a+"/index.html", []byte(html)); err != nil {
				return err
			}
		}
	}
	if err := r.writeSearchIndex(ctx, out); err != nil {
		return err
	}
	return r.writeFeeds()
}

// writeSearchIndex writes the search index to out, or in an incremental
// run may keep the last one (see searchMode).
func (r *renderer) writeSearchIndex(ctx context.Context, out output.Writer) error {
	if mode := r.inc.searchMode(); mode != searchBuild {
		return r.inc.keepSearch(out, mode, r.site.Files())
	}
	files := searchFiles(r.site, r.docs)
	errs := make([]error, len(files))
	// One file per page and more: written on every core, like the pages.
	parallel(ctx, len(files), func(i int) {
		errs[i] = out.WriteFile(files[i].Name, files[i].Data)
	})
	if err := ctx.Err(); err != nil {
		return err
	}
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	names := make(map[string]bool, len(files))
	for _, f := range files {
		names[f.Name] = true
	}
	if r.inc != nil {
		r.inc.cur.searchNames = names
	}
	return nil
}

// navKey names a sidebar that pages of a folder share, as one layout
// renders it: the folder's, listing its pages from start.
type navKey struct {
	layout string
	folder *model.Page
	start  int
}

// folderNav is the sidebar of a folder's pages with no link marked
// current; shared is false when marking the current link in it does not
// give what the theme renders for the page.
type folderNav struct {
	once   sync.Once
	html   string
	shared bool
	err    error
}

// navHTML renders the sidebar of page p: the theme's "nav" template
// executed with the page's navigation. The pages of a folder share it but
// for the link to the page itself (in a large folder, each run of pages
// whose window of the folder is the same; see model.NavFolder), so it is
// rendered once for them and the current page's link gets
// aria-current="page". The navigation itself is bounded, so each render
// costs the same whatever the size of the folder. The first page of each
// run checks that marking gives what the theme renders; a theme whose
// "nav" marks the current page some other way gets each page rendered in
// full.
func (r *renderer) navHTML(p *model.Page) (template.HTML, error) {
	layout := cmp.Or(p.Layout, string(p.Kind))
	full := func(p *model.Page) (string, error) {
		items := r.site.NavFor(p)
		if len(items) == 0 {
			return "", nil
		}
		var b strings.Builder
		err := r.theme.ExecuteTemplate(&b, layout, "nav", items)
		return b.String(), err
	}
	folder, start := r.site.NavFolder(p)
	if folder == nil || r.only != nil {
		// A rebuild that renders a few pages (r.only) would render each
		// folder's sidebar twice to save once.
		out, err := full(p)
		return template.HTML(out), err
	}
	key := navKey{layout, folder, start}
	r.navMu.Lock()
	if r.navs == nil {
		r.navs = map[navKey]*folderNav{}
	}
	fn := r.navs[key]
	if fn == nil {
		fn = &folderNav{}
		r.navs[key] = fn
	}
	r.navMu.Unlock()
	fn.once.Do(func() {
		items := r.site.NavInFolder(folder, start)
		if len(items) == 0 {
			fn.shared = true
			return
		}
		var b strings.Builder
		if fn.err = r.theme.ExecuteTemplate(&b, layout, "nav", items); fn.err != nil {
			return
		}
		fn.html = b.String()
		// The check is made on the run's first such page, not on
		// whichever page comes first, so that its outcome, and the
		// output, do not depend on the order pages render in. Every page
		// of the run is in the window it shares.
		rep := p
		kids := r.site.NavChildren(folder)
		for _, c := range kids[start:min(start+model.NavFolderItems, len(kids))] {
			if f, s := r.site.NavFolder(c); f == folder && s == start && cmp.Or(c.Layout, string(c.Kind)) == layout {
				rep = c
				break
			}
		}
		want, err := full(rep)
		got, ok := markCurrent(fn.html, rep.URL)
		fn.shared = err == nil && ok && got == want
	})
	if fn.err != nil {
		return "", fn.err
	}
	if fn.shared {
		if fn.html == "" {
			return "", nil
		}
		if out, ok := markCurrent(fn.html, p.URL); ok {
			return template.HTML(out), nil
		}
	}
	out, err := full(p)
	return template.HTML(out), err
}

// listNavHTML renders the sidebar of p's list page k, which the section
// layout shows: p's, listing p's children from the first that the list
// page shows.
func (r *renderer) listNavHTML(p *model.Page, k int) (template.HTML, error) {
	items := r.site.NavForList(p, k)
	if len(items) == 0 {
		return "", nil
	}
	var b strings.Builder
	err := r.theme.ExecuteTemplate(&b, string(model.KindSection), "nav", items)
	return template.HTML(b.String()), err
}

// markCurrent adds aria-current="page" to the one link to url in nav, as
// the default theme's "nav" template marks the current page. It reports
// false when nav does not link to url exactly once.
func markCurrent(nav, url string) (string, bool) {
	needle := `href="` + html.EscapeString(url) + `"`
	i := strings.Index(nav, needle)
	if i < 0 || strings.Contains(nav[i+len(needle):], needle) {
		return "", false
	}
	i += len(needle)
	return nav[:i] + ` aria-current="page"` + nav[i:], true
}

// textStrings returns the words that a page's rendered text shows in its
// language (the labels of callouts and video cards), from the interface
// strings.
func (r *renderer) textStrings(lang string) func(string) string {
	if r.x == nil || r.x.strs == nil {
		return nil
	}
	return func(key string) string {
		v, _ := r.x.strs.Lookup(key, lang)
		return v
	}
}
