package build

import (
	"bytes"
	"cmp"
	"context"
	"fmt"
	"html/template"
	"io/fs"
	"strings"
	"sync"

	"github.com/playbookhq/playbook/generator/config"
	"github.com/playbookhq/playbook/generator/diag"
	"github.com/playbookhq/playbook/generator/markdown"
	"github.com/playbookhq/playbook/generator/model"
	"github.com/playbookhq/playbook/generator/output"
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
	// collabMaps holds each language's collaboration map.
	collabMaps map[string]template.HTML
	languages  []theme.LanguageView
	// x holds the git history and strings; see extras.go.
	x *extras
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
	pages := r.site.Pages()
	diags := make([]diag.List, len(pages))
	errs := make([]error, len(pages))
	parallel(ctx, len(pages), func(i int) {
		diags[i], errs[i] = r.renderPage(pages[i])
	})
	var all diag.List
	for i, p := range pages {
		if errs[i] != nil {
			return nil, errs[i]
		}
		all = append(all, diags[i]...)
		if p.Kind == model.KindPage {
			res.Pages++
		} else {
			res.Sections++
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	// The 404 page, in the default language.
	home := r.site.Home(r.site.Languages()[0])
	nf := &model.Page{Kind: "404", Lang: home.Lang, Title: "Page not found", URL: home.URL + "404.html", RelURL: "/404.html", Parent: home, Params: map[string]any{}}
	view := r.view(nf, "")
	buf := r.buffer()
	if err := r.theme.Execute(buf, "404", view); err != nil {
		all = append(all, theme.TemplateDiag(err, "404"))
	} else if err := r.out.WriteFile("404.html", bytes.Clone(buf.Bytes())); err != nil {
		return nil, err
	}
	return all, nil
}

func (r *renderer) renderPage(p *model.Page) (diag.List, error) {
	var diags diag.List
	content := r.buffer()
	defer r.bufs.Put(content)
	if doc := r.docs[p.Path]; doc != nil && p.Input != nil {
		if err := r.md.Render(content, doc, r.site, markdown.RenderOptions{}); err != nil {
			diags.Add(diag.Pos{File: "content/" + p.Path}, "cannot render: %v", err)
			return diags, nil
		}
	}
	page := r.buffer()
	defer r.bufs.Put(page)
	view := r.view(p, template.HTML(content.String()))
	if err := r.theme.Execute(page, p.Layout, view); err != nil {
		diags = append(diags, theme.TemplateDiag(err, p.Layout))
		return diags, nil
	}
	name := strings.TrimPrefix(p.RelURL, "/") + "index.html"
	return diags, r.out.WriteFile(name, bytes.Clone(page.Bytes()))
}

func (r *renderer) view(p *model.Page, content template.HTML) *theme.PageView {
	v := &theme.PageView{
		Site: &theme.SiteView{
			Title: r.cfg.Title, Description: r.cfg.Description,
			BaseURL: r.cfg.BaseURL, BasePath: r.cfg.BasePath(), Lang: r.cfg.Language,
			Params: r.cfg.Params, Home: r.site.Home(p.Lang), Languages: r.languages,
		},
		Page:      p,
		Model:     r.site,
		CollabMap: r.collabMaps[p.Lang],
		Content:   content,
		TOC:       theme.BuildTOC(p.Headings()),
		Nav:       r.site.NavFor(p),
	}
	if l, ok := r.cfg.Languages[p.Lang]; ok {
		v.Site.Title = cmp.Or(l.Title, v.Site.Title)
		v.Site.Description = cmp.Or(l.Description, v.Site.Description)
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
		data, err := fs.ReadFile(contentFS, f[0])
		if err != nil {
			return n, fmt.Errorf("content/%s: %w", f[0], err)
		}
		if err := r.out.WriteFile(f[1], data); err != nil {
			return n, err
		}
		n++
	}
	for _, a := range r.theme.Assets() {
		data, err := r.theme.ReadAsset(a)
		if err != nil {
			return n, err
		}
		if err := r.out.WriteFile("assets/"+a, data); err != nil {
			return n, err
		}
		n++
	}
	if !r.theme.HasAsset("css/chroma.css") {
		css := markdown.HighlightCSS(r.cfg.Highlight.Light, r.cfg.Highlight.Dark)
		if err := r.out.WriteFile("assets/css/chroma.css", css); err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}

// writeExtras writes sitemap.xml, robots.txt, alias redirects, the search
// index and the feeds.
func (r *renderer) writeExtras() error {
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
		for _, a := range p.Aliases {
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
	if err := r.writeSearch(); err != nil {
		return err
	}
	return r.writeFeeds()
}
