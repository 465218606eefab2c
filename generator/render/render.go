package render

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"html/template"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unsafe"

	"github.com/playbookhq/playbook/generator/config"
	"github.com/playbookhq/playbook/generator/diag"
	"github.com/playbookhq/playbook/generator/gitinfo"
	"github.com/playbookhq/playbook/generator/internal/memo"
	"github.com/playbookhq/playbook/generator/internal/work"
	"github.com/playbookhq/playbook/generator/markdown"
	"github.com/playbookhq/playbook/generator/model"
	"github.com/playbookhq/playbook/generator/output"
	"github.com/playbookhq/playbook/generator/theme"
)

// Input is what a site is rendered from.
type Input struct {
	Config  *config.Config
	Site    *model.Site
	Theme   *theme.Theme
	Strings *theme.Strings
	// Git is the site's history, or nil outside git.
	Git *gitinfo.History
	// Docs maps each page's source path to its parse.
	Docs map[string]*markdown.Doc
	// Converter renders the parses.
	Converter *markdown.Converter
	// KeepLinks, when not 0, numbers Site for the parses to keep their
	// resolved links by (markdown.RenderOptions.KeepLinks): a preview
	// session gives each site model it builds a number of its own.
	KeepLinks uint64
}

// Renderer renders one site. It is safe for concurrent use.
type Renderer struct {
	in   Input
	bufs sync.Pool
	// collabMaps holds each language's collaboration map, collabTeams
	// the teams it shows (see theme.MapTeams).
	collabMaps  map[string]template.HTML
	collabTeams map[string][]*model.Team
	languages   []theme.LanguageView
	// dirs maps a language to its writing direction (config.Direction).
	dirs map[string]string
	// feeds maps a language to the URL of its feed, when it has one.
	feeds map[string]string

	// navs holds the sidebar of each folder's pages (see navHTML).
	navs memo.Map[navKey, folderNav]

	// parts holds the parts of pages that the pages of a language, or of a
	// folder, share (see sharedRender).
	parts memo.Map[partKey, part]

	// looped is set once a layout has written without end (see
	// layoutDiag): Pages then renders no further pages, which it would
	// most likely do for as well.
	looped atomic.Bool

	// abandoned is set once a layout is left running past its timeout or
	// its context (see execute): it still writes into its page's buffer
	// and reads the page's text from another, so from then on no buffer
	// goes back to the pool, where another page could take it.
	abandoned atomic.Bool
}

// New returns a Renderer of in, with what every page shares (the
// collaboration maps, the languages, the feeds) worked out.
func New(in Input) *Renderer {
	r := &Renderer{in: in, collabMaps: map[string]template.HTML{}, collabTeams: map[string][]*model.Team{},
		feeds: map[string]string{}, dirs: map[string]string{}}
	strs, cfg := in.Strings, in.Config
	for _, l := range in.Site.Languages() {
		all := in.Site.Teams(l)
		shown := theme.MapTeams(all)
		desc := strs.T("collab-map-desc", l)
		if len(shown) < len(all) {
			desc = fmt.Sprintf(strs.T("collab-map-desc-top", l), len(shown), len(all))
		}
		r.collabMaps[l] = theme.CollabMap(shown, l, strs.T("collab-map-title", l), desc)
		r.collabTeams[l] = shown
		name := strings.ToUpper(l)
		if lc, ok := cfg.Languages[l]; ok && lc.Name != "" {
			name = lc.Name
		}
		r.languages = append(r.languages, theme.LanguageView{Code: l, Name: name, Home: in.Site.Home(l)})
		r.dirs[l] = cfg.Direction(l)
		if len(r.recent(l)) > 0 && in.Site.Home(l) != nil {
			r.feeds[l] = in.Site.Home(l).URL + "feed.xml"
		}
	}
	return r
}

// buffer returns a buffer from the pool, empty.
func (r *Renderer) buffer() *bytes.Buffer {
	if b, ok := r.bufs.Get().(*bytes.Buffer); ok {
		b.Reset()
		return b
	}
	return new(bytes.Buffer)
}

// put gives b back to the pool, unless a layout was left running (see
// abandoned): b may be one it still uses.
func (r *Renderer) put(b *bytes.Buffer) {
	if !r.abandoned.Load() {
		r.bufs.Put(b)
	}
}

// Pages renders pages in parallel and writes them to w, calling tick after
// each. A nil pages means every page of the site. Template errors are
// returned as diagnostics, write errors as an error.
func (r *Renderer) Pages(ctx context.Context, w output.Writer, pages []*model.Page, tick func()) (diag.List, error) {
	few := pages != nil
	if !few {
		pages = r.in.Site.Pages()
	}
	diags := make([]diag.List, len(pages))
	errs := make([]error, len(pages))
	each, stop := context.WithCancel(ctx)
	defer stop()
	var done atomic.Int64
	work.Each(each, len(pages), func(i int) {
		diags[i], errs[i] = r.page(ctx, w, pages[i], few)
		done.Add(1)
		if r.looped.Load() {
			stop()
		}
		if tick != nil {
			tick()
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
		return all, err
	}
	if n := int64(len(pages)) - done.Load(); n > 0 && all.Err() == nil {
		// Stopped by a layout that ran without end in another call: the
		// pages not rendered must not pass for a site.
		return all, fmt.Errorf("%d pages not rendered: a layout wrote or ran without end", n)
	}
	return all, nil
}

// NotFound writes the 404 page of each language in its home folder
// (/404.html, /sv/404.html), translations of each other, but where the
// content has a 404.html of its own.
func (r *Renderer) NotFound(w output.Writer) (diag.List, error) {
	var nfs []*model.Page
	for _, l := range r.in.Site.Languages() {
		if home := r.in.Site.Home(l); home != nil {
			nfs = append(nfs, &model.Page{Kind: "404", Lang: l, Title: r.in.Strings.T("notfound-title", l), URL: home.URL + "404.html",
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
	var diags diag.List
	for _, nf := range nfs {
		if r.in.Site.Publishes(strings.TrimPrefix(nf.RelURL, "/")) {
			continue
		}
		buf := r.buffer()
		view := r.view(nf, "")
		view.SharedRender = r.sharedRender("404", view)
		if err := r.execute(context.Background(), buf, "404", view); err != nil {
			diags = append(diags, r.layoutDiag(err, "404", nf))
		} else if err := w.WriteFile(strings.TrimPrefix(nf.RelURL, "/"), bytes.Clone(buf.Bytes())); err != nil {
			return nil, err
		}
		r.put(buf)
	}
	return diags, nil
}

// chromeSize is room for what a page's layout adds around its text (the
// head, header, sidebar and footer; TestChromeBounded keeps it under 20 KB).
const chromeSize = 24 << 10

// page renders one page and the further pages of its list of children.
// few says that only a few pages are rendered, so sharing the sidebars of
// a folder's pages would cost more than it saves.
func (r *Renderer) page(ctx context.Context, w output.Writer, p *model.Page, few bool) (diag.List, error) {
	if p.RedirectTo != "" {
		return nil, r.redirectPage(w, p)
	}
	var diags diag.List
	content := r.buffer()
	defer r.put(content)
	if doc := r.in.Docs[p.Path]; doc != nil && p.Input != nil {
		opts := markdown.RenderOptions{Strings: r.textStrings(p.Lang), TaskIDs: p.TaskIDs(), KeepLinks: r.in.KeepLinks}
		if err := r.in.Converter.Render(content, doc, r.in.Site, opts); err != nil {
			diags.Add(diag.Pos{File: r.in.Config.ContentDir + "/" + p.Path}, "cannot render: %v", err)
			return diags, nil
		}
	}
	page, done := r.pageBuffer(w, content.Len()+chromeSize)
	defer done()
	view := r.view(p, htmlOf(content))
	view.NavRender = sync.OnceValues(func() (template.HTML, error) { return r.navHTML(p, few) })
	view.SharedRender = r.sharedRender(p.Layout, view)
	if err := r.execute(ctx, page, p.Layout, view); err != nil {
		return r.layoutFailed(ctx, diags, err, p.Layout, p)
	}
	// The further pages of a long list: the section layout with those
	// children only, without the page's text; a generated list page's own
	// layout with those entries only, when it showed .Listed, .Checklists
	// or .Owned (see PageView.ListShown). A layout that showed the whole
	// list another way has it on one page, which is executed again
	// without a paginator, so as not to link to list pages never written.
	layout, pages := string(model.KindSection), p.ListPages()
	if p.GeneratedList() {
		layout = p.Layout
		if !view.ListShown() && pages > 1 {
			pages, view.Paginator = 1, nil
			page.Reset()
			if err := r.execute(ctx, page, p.Layout, view); err != nil {
				return r.layoutFailed(ctx, diags, err, p.Layout, p)
			}
		}
	}
	if err := w.WriteFile(p.ListPageFile(1), page.Bytes()); err != nil {
		return diags, err
	}
	for k := 2; k <= pages; k++ {
		view := r.view(p, "")
		view.NavRender = func() (template.HTML, error) { return r.listNavHTML(p, k, layout) }
		view.TOC = nil
		r.listPage(view, p, k)
		view.SharedRender = r.sharedRender(layout, view)
		page, done := r.pageBuffer(w, chromeSize)
		defer done()
		if err := r.execute(ctx, page, layout, view); err != nil {
			return r.layoutFailed(ctx, diags, err, layout, p)
		}
		if err := w.WriteFile(p.ListPageFile(k), page.Bytes()); err != nil {
			return diags, err
		}
	}
	return diags, nil
}

// layoutFailed is what page returns when the layout failed with err:
// ctx's error when the wait for the layout ended with ctx, else diags
// with the layout's error (see layoutDiag).
func (r *Renderer) layoutFailed(ctx context.Context, diags diag.List, err error, layout string, p *model.Page) (diag.List, error) {
	if ctx.Err() != nil && errors.Is(err, ctx.Err()) {
		return nil, err
	}
	return append(diags, r.layoutDiag(err, layout, p)), nil
}

// layoutDiag is the error of a layout executed for page p: where the
// template went wrong, or, for a template that writes or runs without end
// (which may do so for one page only), at the page's file; that one also
// stops Pages.
func (r *Renderer) layoutDiag(err error, layout string, p *model.Page) diag.Diagnostic {
	d := theme.TemplateDiag(err, layout)
	var slow *slowError
	switch {
	case errors.As(err, &slow):
		d.Msg = fmt.Sprintf("template error: layout %s: %v", layout, slow)
	case errors.Is(err, theme.ErrPageTooLarge):
		d.Msg = fmt.Sprintf("template error: layout %s: %v", layout, theme.ErrPageTooLarge)
	default:
		return d
	}
	r.looped.Store(true)
	if p.Input != nil {
		d.Pos = diag.Pos{File: r.in.Config.ContentDir + "/" + p.Path}
	}
	return d
}

// execute writes the layout for kind, executed with view, to w. A layout
// that has not finished within the configured timeout fails with a
// slowError and is left to run on, alone, still writing to w: Go cannot
// stop a template, and a loop that writes nothing ({{range
// 100000000000}}{{end}}) would otherwise hold the build for ever. From
// then on the renderer keeps its buffers out of the pool (abandoned), so
// that nothing else is written into w or the page's text, and the caller
// writes nothing of w. The command ends the build, and with it the loop;
// the preview keeps serving while the loop runs on in the background
// until it is stopped. When ctx ends first, so does the wait, with ctx's
// error: an interrupted build or preview does not wait for the loop.
func (r *Renderer) execute(ctx context.Context, w *bytes.Buffer, kind string, view *theme.PageView) error {
	limit := r.in.Config.PageTimeout
	if limit <= 0 {
		return r.in.Theme.Execute(w, kind, view)
	}
	done := make(chan error, 1)
	go func() { done <- r.in.Theme.Execute(w, kind, view) }()
	timer := time.NewTimer(limit)
	defer timer.Stop()
	select {
	case err := <-done:
		return err
	case <-timer.C:
		r.abandoned.Store(true)
		return &slowError{limit}
	case <-ctx.Done():
		r.abandoned.Store(true)
		return ctx.Err()
	}
}

// htmlOf returns the HTML in b as a string that shares b's bytes instead
// of copying them, as a page's text is passed to its layout: the text of
// a page is half of what it weighs, and a copy of it for each page was a
// fifth of what rendering allocated. b must not change while the string
// is in use, which for a page's text is until its page is written (or
// for ever, when its layout is abandoned: see put).
func htmlOf(b *bytes.Buffer) template.HTML {
	if b.Len() == 0 {
		return ""
	}
	return template.HTML(unsafe.String(&b.Bytes()[0], b.Len())) // #nosec G103: see above
}

// slowError is the error of a layout that did not finish in time.
type slowError struct{ limit time.Duration }

func (e *slowError) Error() string {
	return fmt.Sprintf("the layout did not finish within %v (timeout in playbook.toml): does a template loop without end?", e.limit)
}

// pageBuffer returns a buffer to execute a page's layout into, and what
// to call once the page is written: a buffer from the pool, which done
// puts back, when w is done with what it is given once WriteFile returns;
// else one of the page's own, sized for it, which w may keep.
func (r *Renderer) pageBuffer(w output.Writer, size int) (page *bytes.Buffer, done func()) {
	if _, ok := w.(output.Borrower); ok {
		b := r.buffer()
		b.Grow(size)
		return b, func() { r.put(b) }
	}
	return bytes.NewBuffer(make([]byte, 0, size)), func() {}
}

// view makes the data a page's layout is executed with.
func (r *Renderer) view(p *model.Page, content template.HTML) *theme.PageView {
	cfg, site := r.in.Config, r.in.Site
	v := &theme.PageView{
		Site: &theme.SiteView{
			Title: cfg.Title, Description: cfg.Description,
			BaseURL: cfg.BaseURL, BasePath: cfg.BasePath(), Lang: cfg.Language, Dir: r.dirs[p.Lang],
			Params: cfg.Params, Home: site.Home(p.Lang), Languages: r.languages,
		},
		Page:        p,
		Model:       site,
		CollabMap:   r.collabMaps[p.Lang],
		CollabTeams: r.collabTeams[p.Lang],
		Content:     content,
		TOC:         theme.BuildTOC(p.Headings()),
	}
	r.listPage(v, p, 1)
	v.NavRender = func() (template.HTML, error) { return r.navHTML(p, true) }
	// A language's site title is its own ([languages.sv] title), else
	// its home page's, else the site's.
	if l, ok := cfg.Languages[p.Lang]; ok {
		home := site.Home(p.Lang)
		if l.Title == "" && home != nil && home.Input != nil && p.Lang != site.Languages()[0] {
			l.Title = home.Title
		}
		v.Site.Title = cmp.Or(l.Title, v.Site.Title)
		v.Site.Description = cmp.Or(l.Description, v.Site.Description)
	}
	v.Heading = template.HTML(template.HTMLEscapeString(p.Title))
	if p.Input != nil && p.Input.HeadingHTML != "" {
		v.Heading = template.HTML(p.Input.HeadingHTML) // #nosec: escaped when it was made
	}
	v.Lead = template.HTML(template.HTMLEscapeString(p.Description))
	if p.Input != nil && p.Input.LeadHTML != "" {
		v.Lead = template.HTML(p.Input.LeadHTML) // #nosec: escaped when it was made
	}
	if v.Site.Home == nil {
		v.Site.Home = site.Home(site.Languages()[0])
	}
	if cfg.EditURL != "" && p.Input != nil {
		v.EditURL = strings.ReplaceAll(cfg.EditURL, "{path}", cfg.ContentDir+"/"+p.Path)
	}
	r.decorate(v, p)
	return v
}

// listPage sets what p's list page k shows of p's entries.
func (r *Renderer) listPage(v *theme.PageView, p *model.Page, k int) {
	v.Children, v.Paginator = p.ListChildren(k), theme.NewPaginator(p, k)
	v.SetList(r.in.Site.ListPart(p, k))
}

// textStrings returns the words that a page's rendered text shows in its
// language (the labels of callouts and video cards), from the interface
// strings.
func (r *Renderer) textStrings(lang string) func(string) string {
	if r.in.Strings == nil {
		return nil
	}
	return func(key string) string {
		v, _ := r.in.Strings.Lookup(key, lang)
		return v
	}
}

// Count returns how many of the site's pages are pages and how many
// sections (folders' pages and generated lists).
func Count(site *model.Site) (pages, sections int) {
	for _, p := range site.Pages() {
		if p.Kind == model.KindPage {
			pages++
		} else {
			sections++
		}
	}
	return pages, sections
}

// Sorted returns the pages of set in the order the site lists them.
func Sorted(site *model.Site, set map[*model.Page]bool) []*model.Page {
	return slices.DeleteFunc(slices.Clone(site.Pages()), func(p *model.Page) bool { return !set[p] })
}
