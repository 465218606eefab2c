package build

import (
	"bytes"
	"cmp"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/playbookhq/playbook/generator/config"
	"github.com/playbookhq/playbook/generator/diag"
	"github.com/playbookhq/playbook/generator/gitinfo"
	"github.com/playbookhq/playbook/generator/include"
	"github.com/playbookhq/playbook/generator/internal/work"
	"github.com/playbookhq/playbook/generator/markdown"
	"github.com/playbookhq/playbook/generator/model"
	"github.com/playbookhq/playbook/generator/render"
	"github.com/playbookhq/playbook/generator/search"
	"github.com/playbookhq/playbook/generator/sitefs"
	"github.com/playbookhq/playbook/generator/source"
	"github.com/playbookhq/playbook/generator/theme"
)

// The stages of the pipeline, as plain functions of their inputs. Builder
// runs each once, in order; Session runs them with its caches.

// front is what the stages before rendering work out.
type front struct {
	cfg       *config.Config
	th        *theme.Theme
	strs      *theme.Strings
	contentFS fs.FS
	// staticFS is the site's static folder, and static its files.
	staticFS fs.FS
	static   []string
	md       *markdown.Converter
	// docs are the pages (without TOC and metadata files), parsed their
	// parses, in the same order.
	docs   []*source.Doc
	parsed []*markdown.Doc
	// analyses are the pages' texts read for the search index, by
	// analyzer, in the same order.
	analyzer *search.Analyzer
	analyses []*search.Analysis
	git      *gitinfo.History
	facts    siteFacts
	site     *model.Site
	diags    diag.List
}

// renderInput is what rendering the site takes from front.
func (f *front) renderInput() render.Input {
	return render.Input{Config: f.cfg, Site: f.site, Theme: f.th, Strings: f.strs, Git: f.git,
		Docs: byPath(f.docs, f.parsed), Converter: f.md}
}

// loadConfig reads playbook.toml; baseURL, when set, overrides its
// baseURL. A build stops at an error in it: built with the defaults, a
// site whose [checks] turn broken links into warnings reported hundreds
// of errors, and the one that caused them last. A site without a title
// of its own takes the site_name of its mkdocs.yml, as MkDocs titles it,
// when the file's docs_dir is the content folder, as for its nav; else
// the title of another tool's settings (foreignTitle).
//
// It reads the site's mkdocs.yml too, for the run's other stages: its
// nav (see splitTOCs) and its Markdown extensions (readSiteFiles).
func loadConfig(root fs.FS, baseURL string) (*config.Config, *toolConf, diag.List) {
	cfg, diags := config.Load(root)
	if baseURL != "" {
		cfg.BaseURL = baseURL
	}
	tools := &toolConf{mkdocs: readMkDocsConf(root), root: root, files: map[string][]byte{}}
	name := ""
	if mk := tools.mkdocs.mk; !cfg.TitleGiven && path.Clean(mk.DocsDir) == cfg.ContentDir {
		name = mk.SiteName
	}
	if !cfg.TitleGiven && name == "" {
		name = foreignTitle(tools)
	}
	if name != "" {
		cfg.Title = name
		// A preview starts over when the title changes, as when
		// playbook.toml changes.
		cfg.Digest = sha256.Sum256(append(cfg.Digest[:], "\x00foreign title\x00"+name...))
	}
	return cfg, tools, diags
}

// foreignTitle returns the site title the first of another tool's
// settings files gives (source.TitleFiles), as that tool titles the site,
// or "".
func foreignTitle(tools *toolConf) string {
	for _, f := range source.TitleFiles {
		if data, ok := tools.read(f); ok {
			if t := source.SiteTitle(f, data); t != "" {
				return t
			}
		}
	}
	return ""
}

// toolConf is what a run reads of the settings of the tools the site was
// written for: its mkdocs.yml, read with the configuration, and the other
// tools' files (_config.yml, hugo.toml, book.toml, …), each read the first
// time a stage asks for it, as the title, the site's files and the hint
// of a missing content folder ask for some of the same ones.
type toolConf struct {
	mkdocs mkdocsConf
	root   fs.FS
	files  map[string][]byte // nil: missing, unreadable or over the limit
}

// read returns the settings file name of the site folder, at most
// source.MaxTitleFile bytes, and whether it could be read.
func (t *toolConf) read(name string) ([]byte, bool) {
	data, seen := t.files[name]
	if !seen {
		data, _ = sitefs.ReadFile(t.root, name, source.MaxTitleFile)
		t.files[name] = data
	}
	return data, data != nil
}

// mkdocsConf is the site's MkDocs configuration file as a run reads it
// once: its name ("" without one), and what reading it gave, or why it
// could not be read.
type mkdocsConf struct {
	name  string
	mk    source.MkDocs
	diags diag.List
	err   error
}

// readMkDocsConf reads the site's mkdocs.yml (or mkdocs.yaml), with
// places relative to the site folder.
func readMkDocsConf(root fs.FS) mkdocsConf {
	name, data, err := mkdocsFile(root)
	c := mkdocsConf{name: name, err: err}
	if name != "" && err == nil {
		c.mk, c.diags = source.ReadMkDocs("/"+name, data)
	}
	return c
}

// contentOf returns the content folder, or nil and an error diagnostic
// when there is none, which says what to name with contentDir when the
// site is another tool's (tools).
func contentOf(root fs.FS, cfg *config.Config, tools *toolConf) (fs.FS, diag.List) {
	contentFS, err := fs.Sub(root, cfg.ContentDir)
	if err == nil {
		_, err = fs.Stat(contentFS, ".")
	}
	if err != nil {
		var diags diag.List
		msg := fmt.Sprintf("no content folder: create %s/ with at least one .md file", cfg.ContentDir)
		if errors.Is(err, sitefs.ErrOutside) {
			msg = fmt.Sprintf("content folder %s/: %v, which playbook does not read through: move the pages into the site folder, or build the site folder that holds them", cfg.ContentDir, sitefs.ErrOutside)
		} else if mk, nav := mkdocsSite(root, tools.mkdocs); mk != "" {
			withNav := ""
			if nav {
				withNav = " with its nav"
			}
			msg = fmt.Sprintf("no content folder %s/, and the site is an MkDocs site (%s): set contentDir = %q in playbook.toml to build its pages%s", cfg.ContentDir, mk, path.Dir(mk), withNav)
		} else if tool, dir := pagesFolder(root, tools); dir != "" {
			msg = fmt.Sprintf("no content folder %s/, and the site is %s: set contentDir = %q in playbook.toml to build its pages", cfg.ContentDir, tool, dir)
		} else if pages, _ := fs.Glob(root, "*.md"); len(pages) > 0 {
			// A handbook read on GitHub often has its pages at the top.
			msg = fmt.Sprintf("no content folder %s/, and the site folder holds pages (%s): move them into %s/, beside which playbook.toml and the built site stay, or name the folder that holds them with contentDir in playbook.toml", cfg.ContentDir, pages[0], cfg.ContentDir)
		}
		diags.Add(diag.Pos{File: cfg.ContentDir}, "%s", msg)
		return nil, diags
	}
	return contentFS, nil
}

// pagesFolder returns, for the site of another tool whose pages are in a
// folder of their own, the tool (as "an mdBook book (book.toml)") and
// that folder, when it holds a page: mdBook's src (or book.toml's [book]
// src), Docusaurus' docs.
func pagesFolder(root fs.FS, tools *toolConf) (tool, dir string) {
	if data, ok := tools.read("book.toml"); ok {
		if dir := source.MdBookSrc(data); holdsPages(root, dir) {
			return "an mdBook book (book.toml)", dir
		}
	}
	if name := docusaurusConfig(root); name != "" && holdsPages(root, "docs") {
		return "a Docusaurus site (" + name + ")", "docs"
	}
	for _, name := range jekyllConfigs {
		if data, ok := tools.read(name); ok {
			if dir := source.JekyllSource(name, data); holdsPages(root, dir) {
				return "a Jekyll site (" + name + ", source: " + dir + ")", dir
			}
			break
		}
	}
	// Eleventy's configuration, which names its input folder, is
	// JavaScript that playbook does not run (and .eleventy.js is hidden):
	// the folders Eleventy sites use most are tried.
	if name := eleventyConfig(root); name != "" {
		for _, dir := range []string{"src", "docs", "site", "input", "pages"} {
			if holdsPages(root, dir) {
				return "an Eleventy site (" + name + ") with pages in " + dir + "/", dir
			}
		}
	}
	return "", ""
}

// holdsPages reports whether dir, a folder in root, holds a Markdown page
// at any depth.
func holdsPages(root fs.FS, dir string) bool {
	if dir == "" || dir == "." || !fs.ValidPath(dir) || !isDir(root, dir) {
		return false
	}
	found := false
	_ = fs.WalkDir(root, dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && source.IsMarkdown(p) {
			found = true
			return fs.SkipAll
		}
		return nil
	})
	return found
}

// mkdocsSite returns the path of the first page of an MkDocs site in
// root, in the docs_dir its mkdocs.yml (conf) names, or "", and whether
// the file has a nav.
func mkdocsSite(root fs.FS, conf mkdocsConf) (string, bool) {
	if conf.name == "" || conf.err != nil {
		return "", false
	}
	mk := conf.mk
	if !fs.ValidPath(mk.DocsDir) || mk.DocsDir == "." {
		return "", false
	}
	if pages, _ := fs.Glob(root, mk.DocsDir+"/*.md"); len(pages) > 0 {
		return pages[0], mk.NavLine > 0
	}
	return "", false
}

// mkdocsFile reads the first of MkDocs' configuration files that the
// site folder has: its name, and its text or why it cannot be read; ""
// when it has none.
func mkdocsFile(root fs.FS) (name string, data []byte, err error) {
	for _, name := range source.MkDocsFiles {
		data, err := sitefs.ReadFile(root, name, source.MaxMkDocs)
		if !errors.Is(err, fs.ErrNotExist) {
			return name, data, err
		}
	}
	return "", nil, nil
}

// staticOf lists the files of the site's static folder (staticDir),
// which are published at the site's root as they are: the folder and its
// files' paths in it, sorted; none when the site has no such folder. It
// leaves out what the content's listing leaves out (hidden files, folders
// starting with "_", links, special files), with the same warnings.
func staticOf(ctx context.Context, root fs.FS, cfg *config.Config) (fs.FS, []string, diag.List) {
	if cfg.StaticDir == "" {
		return nil, nil, nil
	}
	var diags diag.List
	info, err := fs.Lstat(root, cfg.StaticDir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, nil, nil
	case err != nil:
		diags.Warn(diag.Pos{File: cfg.StaticDir}, "static folder skipped: %v", errors.Unwrap(err))
	case info.Mode()&fs.ModeSymlink != 0:
		// It could lead into the content, and publish the pages' sources.
		diags.Warn(diag.Pos{File: cfg.StaticDir}, "static folder skipped: it is a symbolic link; make it a folder of its own")
	case !info.IsDir():
		diags.Warn(diag.Pos{File: cfg.StaticDir}, "static folder skipped: it is a file, not a folder")
	}
	if len(diags) > 0 {
		return nil, nil, diags
	}
	sub, err := fs.Sub(root, cfg.StaticDir)
	if err != nil {
		return nil, nil, nil
	}
	md, files, d := source.Walk(ctx, sub, ".", nil)
	// A .pages file orders the content's folders; here, as any hidden
	// file, it is left out.
	files = slices.DeleteFunc(files, func(f string) bool { return path.Base(f) == sitefs.AwesomePages })
	return sub, slices.Sorted(slices.Values(slices.Concat(md, files))), prefix(d, cfg.StaticDir+"/")
}

// inDest reports whether the folder dir of the site at src holds the
// destination folder dest, is it, or is inside it.
func inDest(src, dir, dest string) bool {
	if dir == "" {
		return false
	}
	a, err := filepath.Abs(filepath.Join(src, filepath.FromSlash(dir)))
	d, err2 := filepath.Abs(dest)
	if err != nil || err2 != nil {
		return false
	}
	sep := string(filepath.Separator)
	return a == d || strings.HasPrefix(d+sep, a+sep) || strings.HasPrefix(a+sep, d+sep)
}

// loadTheme loads the site's theme: themes/<name> over the built-in
// default theme, with the interface strings of the site and the theme.
func loadTheme(site *sitefs.FS, cfg *config.Config, builtin fs.FS) (*theme.Theme, *theme.Strings, diag.List) {
	var layers []theme.Layer
	name, dir := cfg.Theme, "themes/"+cfg.Theme
	var diags diag.List
	if st, err := fs.Stat(site, dir); err == nil && st.IsDir() {
		sub, _ := fs.Sub(site, dir)
		layers = append(layers, theme.Layer{Name: dir, FS: sub})
	} else if errors.Is(err, sitefs.ErrOutside) || errors.Is(err, sitefs.ErrNotRegular) {
		diags.Add(diag.Pos{File: config.FileName}, "theme %q: %s: %v", name, dir, errors.Unwrap(err))
		return nil, nil, diags
	} else if name != "default" {
		diags.Add(diag.Pos{File: config.FileName}, "theme %q not found: no folder themes/%s", name, name)
		return nil, nil, diags
	}
	if builtin != nil {
		layers = append(layers, theme.Layer{Name: "themes/default", FS: builtin})
	}
	if len(layers) == 0 {
		diags.Add(diag.Pos{File: "themes/default"}, "no theme: themes/default is missing")
		return nil, nil, diags
	}
	// The interface strings: i18n/*.toml at the site root, then in each
	// theme layer.
	strs, diags := theme.LoadStrings(append([]theme.Layer{{Name: "", FS: site}}, layers...))
	th, d := theme.Load(layers, theme.Funcs(cfg.BasePath(), strs))
	return th, strs, append(diags, d...)
}

// sourceOptions are the options the content is read with: what
// playbook.toml's exclude names is left out, and so is what the site's
// own tool leaves out (eleventyExcludes).
func sourceOptions(cfg *config.Config, toolExcludes []string) source.Options {
	return source.Options{KnownKeys: model.HandbookKeys, MaxSize: cfg.MaxPageSize, Exclude: source.NewExclude(slices.Concat(cfg.Exclude, toolExcludes))}
}

// includeOptions are the options include directives are expanded with in
// one build: each included file is read once in it.
func includeOptions(root fs.FS, cfg *config.Config) include.Options {
	return include.Options{Root: root, ContentDir: cfg.ContentDir, Snippets: path.Join(cfg.ContentDir, cfg.Snippets), MaxSize: int(cfg.MaxPageSize),
		Files: include.NewFiles()}
}

// newConverter returns the Markdown converter for cfg and the site's
// files: a Hugo site's pages have no wikilinks, only a site written for
// arithmatex or Hugo's passthrough has \(…\) math, and only a Jekyll or
// Eleventy site's Liquid comments are taken out.
func newConverter(cfg *config.Config, files *siteFiles, extra ...markdown.Option) *markdown.Converter {
	opts := append([]markdown.Option{markdown.WithUnsafe(cfg.Unsafe)}, extra...)
	if files.hugo {
		opts = append(opts, markdown.WithoutWikilinks())
	}
	if files.backslashMath {
		opts = append(opts, markdown.WithBackslashMath())
	}
	if files.liquid {
		opts = append(opts, markdown.WithLiquidComments())
	}
	return markdown.New(opts...)
}

// highlightCSS returns the code-highlighting stylesheet of cfg.
func highlightCSS(cfg *config.Config) []byte {
	return markdown.HighlightCSS(cfg.Highlight.Light, cfg.Highlight.Dark)
}

// parseAll expands include directives and parses every page in parallel.
func parseAll(ctx context.Context, md *markdown.Converter, docs []*source.Doc, p parsing) ([]*markdown.Doc, []*search.Analysis, diag.List) {
	out := make([]*markdown.Doc, len(docs))
	analyses := make([]*search.Analysis, len(docs))
	perDoc := make([]diag.List, len(docs))
	work.Each(ctx, len(docs), func(i int) {
		out[i], perDoc[i] = parseOne(md, docs[i], p.include)
		if p.search != nil {
			analyses[i] = analyze(p.search, docs[i], out[i], false)
		}
		if p.trim {
			trimSource(docs[i])
		}
	})
	var all diag.List
	for _, l := range perDoc {
		all = append(all, l...)
	}
	return out, analyses, all
}

// parsing says how parseAll parses, and what it lets go of once a page is
// parsed: a build holds every page's parse until it renders, so what a
// page's parse does not need must not wait with it.
type parsing struct {
	include include.Options
	// trim lets go of the pages' bodies (see trimSource).
	trim bool
	// search, when set, analyzes the pages' text for the search index,
	// and then lets go of the text (see analyze).
	search *search.Analyzer
}

// analyze reads a parsed page's text for the search index, and lets go
// of the text: what the index keeps is a fraction of it. alone gives the
// page a word counter of its own (see search.Analyzer.PageAlone).
func analyze(a *search.Analyzer, doc *source.Doc, md *markdown.Doc, alone bool) *search.Analysis {
	page := a.Page
	if alone {
		page = a.PageAlone
	}
	an := page(description(doc, md), headingsOf(md), md.Text)
	md.Text = ""
	return an
}

// trimSource lets go of a parsed page's body: the parse holds what
// rendering takes, and the model reads only the front matter (where its
// values are, for diagnostics), unless it reviews the pages' text. At
// 10,000 pages the bodies are about a quarter of what a build holds when
// parsing ends.
func trimSource(d *source.Doc) {
	d.Src = bytes.Clone(d.Src[:d.BodyOffset()])
	d.Body = nil
}

// parseOne expands a page's include directives and parses it.
func parseOne(md *markdown.Converter, d *source.Doc, inc include.Options) (*markdown.Doc, diag.List) {
	in, x := expandOne(d, inc)
	out := md.Parse(in)
	return out, append(x.Diags, out.Diags...)
}

// expandOne makes a page's input to the Markdown parser, its include
// directives expanded; x is the expansion, with diagnostics relative to
// the site root, or zero for a page without directives.
func expandOne(d *source.Doc, inc include.Options) (in markdown.Input, x include.Expansion) {
	in = markdown.Input{Path: d.Path, Body: d.Body, BodyLine: d.BodyLine, Title: d.Meta.Title, Description: d.Meta.Description}
	if !include.HasDirectives(d.Body) {
		return in, x
	}
	self := path.Join(inc.ContentDir, d.Path)
	x = include.Expand(self, d.Body, d.BodyLine, inc)
	in.Body = x.Body
	in.Lines = func(line int) (string, int) {
		f, l := x.Lines.Pos(line)
		if f == self {
			return d.Path, l
		}
		return "/" + f, l
	}
	for _, f := range x.Pasted {
		in.Pasted = append(in.Pasted, "/"+f)
	}
	x.Diags = rootRelative(x.Diags)
	return in, x
}

// rootRelative marks diagnostic paths as relative to the site root.
func rootRelative(l diag.List) diag.List {
	for i := range l {
		l[i].Pos.File = "/" + l[i].Pos.File
	}
	return l
}

// splitTOCs takes the navigation files (TOC.md, and the SUMMARY.md of
// GitBook and mdBook) and Experience League
// metadata files (metadata.md) out of the pages, and parses the TOCs, for
// a site whose navigation is its TOC files (navigation = "toc", or "auto"
// and a navigation file for the content's top: see autoTOC); other sites'
// docs are all pages. A TOC nested too deep is reported, with no entries.
func splitTOCs(parseTOC func(*source.Doc) markdown.TOCFile, mkdocs mkdocsConf, cfg *config.Config, docs []*source.Doc) ([]*source.Doc, []model.TOC, diag.List) {
	if cfg.Navigation == "tree" {
		return docs, nil, nil
	}
	mk, at, diags := mkdocsTOC(mkdocs, cfg)
	if cfg.Navigation == "auto" && mk == nil && !topNavFile(parseTOC, docs) {
		return docs, nil, diags
	}
	var pages []*source.Doc
	var tocs []model.TOC
	guides := map[string]string{} // a folder's user-guide-title in metadata.md
	navs := map[string]string{}   // a folder's navigation file
	// Experience League keeps a guide's title in a metadata.md beside its
	// TOC.md; elsewhere, metadata.md is a page like any other.
	tocDirs := map[string]bool{}
	for _, d := range docs {
		if strings.EqualFold(path.Base(d.Path), "toc.md") {
			tocDirs[path.Dir(d.Path)] = true
		}
	}
	for _, d := range docs {
		switch name := strings.ToLower(path.Base(d.Path)); name {
		case "toc.md", "summary.md":
			f := parseTOC(d)
			if name == "summary.md" && (f.ProseLine > 0 || len(f.Entries) == 0) {
				pages = append(pages, d) // a page about a summary, or a stub
				continue
			}
			dir := path.Dir(d.Path)
			if first, ok := navs[dir]; ok {
				diags.Warn(diag.Pos{File: d.Path, Line: 1, Col: 1}, "%s is left out: %s in the same folder gives its navigation; keep one of them", path.Base(d.Path), path.Base(first))
				continue
			}
			navs[dir] = d.Path
			if f.Deep != "" {
				diags.Add(diag.Pos{File: d.Path, Line: d.BodyLine + f.DeepLine - 1, Col: 1}, "%s", f.Deep)
			}
			tocs = append(tocs, model.TOC{Path: d.Path, Title: guideTitle(d), Entries: tocEntries(d, f.Entries)})
		case "metadata.md":
			if !tocDirs[path.Dir(d.Path)] {
				pages = append(pages, d)
				continue
			}
			guides[path.Dir(d.Path)] = guideTitle(d)
		default:
			pages = append(pages, d)
		}
	}
	for i := range tocs {
		if tocs[i].Title == "" {
			tocs[i].Title = guides[path.Dir(tocs[i].Path)]
		}
	}
	if first, ok := navs["."]; ok && mk != nil {
		diags.Warn(at, "the nav of %s is left out: %s/%s gives the navigation of the content folder; keep one of them", mk.Path, cfg.ContentDir, first)
	} else if mk != nil {
		// First, as the TOC of the top: a folder's own TOC.md, further
		// down, orders its pages' reading after it.
		tocs = append([]model.TOC{*mk}, tocs...)
	}
	return pages, tocs, diags
}

// topNavFile reports whether the top of the content folder holds a
// navigation file: a TOC.md, or a SUMMARY.md that is one (not a page
// about a summary), as GitBook and mdBook take theirs. With the nav of an
// mkdocs.yml, it makes a site whose navigation is "auto" take its
// navigation from its navigation files.
func topNavFile(parseTOC func(*source.Doc) markdown.TOCFile, docs []*source.Doc) bool {
	for _, d := range docs {
		// One of entries alone: a page of that name with prose, or a
		// stub without entries, does not change the site.
		if strings.EqualFold(d.Path, "toc.md") || strings.EqualFold(d.Path, "summary.md") {
			if f := parseTOC(d); f.ProseLine == 0 && len(f.Entries) > 0 {
				return true
			}
		}
	}
	return false
}

// mkdocsTOC returns the nav of the site's mkdocs.yml (or mkdocs.yaml) as
// the navigation file of the content folder, at pos, when the file's
// docs_dir is the content folder, with what reading it found wrong, whose
// places are relative to the site folder. Without the file, or a nav in
// it, it returns nil.
func mkdocsTOC(conf mkdocsConf, cfg *config.Config) (toc *model.TOC, pos diag.Pos, diags diag.List) {
	name, mk := conf.name, conf.mk
	if name == "" {
		return nil, pos, nil
	}
	file := "/" + name
	pos = diag.Pos{File: file}
	if conf.err != nil {
		diags.Warn(pos, "cannot read %s, so the navigation comes from the folders: %v", name, conf.err)
		return nil, pos, diags
	}
	diags = append(diags, conf.diags...)
	if len(mk.Nav) == 0 {
		return nil, pos, diags // MkDocs then lists the files
	}
	pos.Line, pos.Col = mk.NavLine, 1
	if path.Clean(mk.DocsDir) != cfg.ContentDir {
		// Said when the site asks for its navigation files alone: an
		// mkdocs.yml of another folder's pages is none of its own.
		if cfg.Navigation == "toc" {
			diags.Warn(pos, "the nav of %s is left out: it lists the pages of %s/ (docs_dir), and the content folder is %s/", name, mk.DocsDir, cfg.ContentDir)
		}
		return nil, pos, diags
	}
	// The TOC stands in the content folder, whose paths its entries are
	// relative to, as MkDocs reads them relative to docs_dir.
	return &model.TOC{Path: name, Entries: navEntries(file, mk.Nav)}, pos, diags
}

// navEntries makes the model's entries of a nav read from the file named
// file, relative to the site folder.
func navEntries(file string, in []source.NavEntry) []model.TOCEntry {
	out := make([]model.TOCEntry, len(in))
	for i, e := range in {
		pos := diag.Pos{File: file, Line: e.Line, Col: e.Col}
		out[i] = model.TOCEntry{Title: e.Title, Dest: e.Dest, Pos: pos, Children: navEntries(file, e.Children)}
	}
	return out
}

// tocEntries makes the model's entries of a navigation file's, placed in
// the file d.
func tocEntries(d *source.Doc, in []markdown.TOCEntry) []model.TOCEntry {
	out := make([]model.TOCEntry, len(in))
	for i, e := range in {
		pos := diag.Pos{File: d.Path, Line: d.BodyLine + e.Line - 1, Col: e.Col}
		out[i] = model.TOCEntry{Title: e.Title, Dest: e.Dest, Pos: pos, Part: e.Part, Hidden: e.Hidden, Children: tocEntries(d, e.Children)}
	}
	return out
}

// loadGit reads the git history of the site, unless the build is told
// not to. A site outside git builds without it.
func loadGit(ctx context.Context, bc Config, cfg *config.Config) (*gitinfo.History, diag.List) {
	var diags diag.List
	if bc.NoGit {
		return nil, nil
	}
	h, err := gitinfo.Load(ctx, bc.SourceDir)
	switch {
	case errors.Is(err, gitinfo.ErrNoRepository):
		return nil, nil
	case err != nil:
		if ctx.Err() != nil {
			return nil, nil
		}
		diags.Warn(diag.Pos{File: cfg.ContentDir}, "cannot read the git history, so pages show no last-updated date: %v", err)
		return nil, diags
	}
	if h.RenamesLost != nil {
		diags.Warn(diag.Pos{File: cfg.ContentDir}, "cannot follow renames in the git history, so moved pages get no redirect from their old URL: %v", h.RenamesLost)
	}
	if h.Shallow {
		diags.Warn(diag.Pos{File: cfg.ContentDir}, "the git history is shallow: files last changed before its first commit show wrong dates (fetch the whole history with git fetch --unshallow)")
	}
	return h, diags
}

// pageInput copies the facts the model needs from a parsed page.
func pageInput(doc *source.Doc, md *markdown.Doc) *model.PageInput {
	in := &model.PageInput{Doc: doc, H1: md.Title, Diagrams: md.Diagrams, Math: md.Math, Shortcodes: md.Shortcodes}
	// Titles and descriptions show their inline Markdown and the
	// dialect's inline tags as their words wherever they appear; the
	// heading and the lead above the text show them as the body does.
	in.Title, in.Description = md.FrontTitle, description(doc, md)
	switch {
	case md.TitleHTML != "":
		in.HeadingHTML = md.TitleHTML
	case in.Title != doc.Meta.Title:
		in.HeadingHTML = md.FrontTitleHTML
	}
	if md.Description != doc.Meta.Description {
		in.LeadHTML = md.DescriptionHTML
	}
	in.Headings = headingsOf(md)
	in.HTMLIDs, in.TextHTMLIDs, in.Footnotes = md.HTMLIDs, md.TextHTMLIDs, md.Footnotes
	for _, l := range md.Labels {
		in.Labels = append(in.Labels, model.Label{Name: l.Name, ID: l.ID})
	}
	for _, u := range md.HTMLURLs {
		in.HTMLURLs = append(in.HTMLURLs, model.HTMLURL{Attr: u.Attr, URL: u.URL, Pos: u.Pos, Absolute: u.Absolute})
	}
	for _, l := range md.Links {
		ml := model.Link{Dest: l.Dest, Image: l.Image, Pos: l.Pos}
		if markdown.IsExternal(l.Dest) {
			if !markdown.IsWeb(l.Dest) {
				continue
			}
			ml.Absolute = true // it may be the site's own address of a page
		}
		if f := md.LinkFile(l); f != doc.Path {
			ml.File = f // an included file's (see expandOne)
		}
		in.Links = append(in.Links, ml)
	}
	for _, t := range md.Tasks {
		in.Tasks = append(in.Tasks, model.Task{ID: t.ID, Text: t.Text, HTML: t.HTML, Who: t.Who, Checked: t.Checked, Heading: t.Heading, Pos: t.Pos})
	}
	return in
}

// description is a page's description as its pages show it: its inline
// Markdown and the dialect's inline tags as their words.
func description(doc *source.Doc, md *markdown.Doc) string {
	return cmp.Or(md.Description, doc.Meta.Description)
}

// headingsOf returns a parsed page's headings for the model.
func headingsOf(md *markdown.Doc) []model.Heading {
	var out []model.Heading
	for _, h := range md.Headings {
		out = append(out, model.Heading{Level: h.Level, Text: h.Text, TextContent: h.TextContent, ID: h.ID, Pos: h.Pos, IsTitle: h.IsTitle, Nested: h.Nested, Explicit: h.Explicit, Attrs: h.Attrs})
	}
	return out
}

// modelOptions are the options the site model is built with.
func modelOptions(bc Config, cfg *config.Config, set *source.Set, static []string, tocs []model.TOC, th *theme.Theme, facts siteFacts) model.Options {
	opts := model.Options{
		Languages:   cfg.LanguageCodes(),
		BasePath:    cfg.BasePath(),
		SiteURL:     cfg.SiteURL(),
		RepoURL:     repoURL(cfg.Repo),
		Drafts:      bc.Drafts,
		SiteTitle:   cfg.Title,
		Files:       set.Files,
		Static:      static,
		StaticDir:   cfg.StaticDir,
		Categories:  set.Categories,
		RootDir:     cfg.ContentDir,
		TOCs:        tocs,
		Reserved:    render.Reserved(th),
		ReviewEvery: cfg.ReviewEvery,
		Host:        repoHost(cfg),
		Today:       facts.today,
		Moves:       facts.moves,
		URLLinks:    facts.urlLinks,
		Docusaurus:  facts.docusaurus,
		AutoSidebar: facts.autoSidebar,
		MkDocsOrder: facts.mkdocs,
	}
	if facts.owners != nil {
		opts.CodeOwners = facts.owners
	}
	return opts
}

// repoHost says whether the site's files are on GitHub or GitLab, by its
// repo or, failing that, its editURL; "" when neither says.
func repoHost(cfg *config.Config) string {
	for _, u := range []string{cfg.Repo, cfg.EditURL} {
		if h, err := config.RepoHost(strings.ReplaceAll(u, "{path}", "x")); err == nil {
			return h
		}
	}
	return ""
}

// repoURL returns the repository's address without its scheme, the
// host in lower case, for model.Options.RepoURL, or "".
func repoURL(repo string) string {
	u, err := url.Parse(repo)
	if repo == "" || err != nil || u.Host == "" {
		return ""
	}
	return strings.ToLower(u.Host) + strings.TrimSuffix(strings.TrimRight(u.Path, "/"), ".git")
}

// buildModel builds the site model, its generated list pages titled in
// their language, with the maintenance checks when review is set.
func buildModel(inputs []*model.PageInput, opts model.Options, review bool, strs *theme.Strings) (*model.Site, diag.List) {
	site, d := model.Build(inputs, opts)
	titleListPages(site, strs)
	if review {
		d = append(d, site.Review()...)
		d = append(d, site.ReviewDue()...)
	}
	return site, d
}

// listTitles are the interface strings that title the list pages the
// model generates, by layout.
var listTitles = map[string]string{"checklists": "checklists", "tags": "tags", "owners": "owners"}

// retitles reports whether titleListPages would change a title of site.
func retitles(site *model.Site, strs *theme.Strings) bool {
	for _, p := range site.Pages() {
		if t, ok := listTitle(p, strs); ok && p.Title != t {
			return true
		}
	}
	return false
}

// listTitle returns the title of a generated list page in its language,
// and false for other pages.
func listTitle(p *model.Page, strs *theme.Strings) (string, bool) {
	key, ok := listTitles[p.Layout]
	if !ok || !p.Generated || p.Input != nil {
		return "", false
	}
	return strs.Lookup(key, p.Lang)
}

// titleListPages titles the generated list pages (/checklists/, /tags/,
// /owners/) in their language, so that every place that names them (the
// language switcher, <title>, the sitemap, the search index) names them
// as the page does.
func titleListPages(site *model.Site, strs *theme.Strings) {
	for _, p := range site.Pages() {
		if t, ok := listTitle(p, strs); ok {
			p.Title = t
		}
	}
}

// byPath maps the pages' source paths to what vals holds for each, in the
// same order.
func byPath[T any](docs []*source.Doc, vals []T) map[string]T {
	m := make(map[string]T, len(docs))
	for i, doc := range docs {
		m[doc.Path] = vals[i]
	}
	return m
}
