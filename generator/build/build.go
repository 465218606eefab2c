package build

import (
	"context"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/playbookhq/playbook/generator/config"
	"github.com/playbookhq/playbook/generator/diag"
	"github.com/playbookhq/playbook/generator/include"
	"github.com/playbookhq/playbook/generator/markdown"
	"github.com/playbookhq/playbook/generator/model"
	"github.com/playbookhq/playbook/generator/output"
	"github.com/playbookhq/playbook/generator/sitefs"
	"github.com/playbookhq/playbook/generator/source"
	"github.com/playbookhq/playbook/generator/theme"
)

// Config says what to build and where.
type Config struct {
	// SourceDir is the site root, holding content/, themes/ and playbook.toml.
	SourceDir string
	// DestDir is where the site is written; "" means SourceDir/public.
	DestDir string
	// BaseURL overrides the configuration's baseURL when set.
	BaseURL string
	// Drafts includes pages marked draft.
	Drafts bool
	// DefaultTheme holds the built-in theme (layouts/ and assets/).
	DefaultTheme fs.FS
	// Review adds the maintenance checks of "playbook check": team pages
	// without owners and teams without onboarding checklists.
	Review bool
	// NoGit builds without reading the git history: pages show no
	// last-updated dates and translations are never marked out of date.
	NoGit bool
	// Memory, when set, receives the site instead of DestDir, and the
	// Builder keeps what Rebuild needs to update it incrementally: the
	// preview server's mode.
	Memory *output.Mem
	// Progress, when set, is told which phase the build is in and how many
	// pages are rendered.
	Progress Progress
	// Date is the reference date that pages' review dates are compared
	// with. When it is zero, the date of the site's newest commit is used;
	// outside git, no page is due. The clock is never read, so the same
	// input always gives the same site.
	Date time.Time
	// Previous names an earlier build to compare with: its folder or its
	// .playbook-output marker. Every page it has that this build lacks,
	// without a redirect, is a "removed-url" warning. When it is empty,
	// Build compares with the destination it replaces, if that is an
	// earlier build.
	Previous string
	// ModelOnly stops after the site model and the git history: nothing
	// is rendered or written, and Result.Site is set.
	ModelOnly bool
}

// Result describes a finished build.
type Result struct {
	Pages    int
	Sections int
	Files    int
	Duration time.Duration
	// Warnings are the problems that did not fail the build.
	Warnings diag.List
	// Rendered counts the pages this build rendered: all of them, or in a
	// Rebuild those the changes affect.
	Rendered int
	// Changed lists the site's files that differ from the previous build
	// (Memory builds only), sorted; nil after the first build.
	Changed []string
	// SearchPending says that the search index still describes an earlier
	// build; FinishSearch updates it.
	SearchPending bool
	// BasePath is the path the site is published under, "" at the root.
	BasePath string
	// Phases says where the time went: config and theme, load, parse,
	// git, model, render (with writing), files, extras (search index,
	// feeds, sitemap).
	Phases []Phase
	// Site is the site model and SiteConfig the site's configuration,
	// with Config.ModelOnly.
	Site       *model.Site
	SiteConfig *config.Config
	// Today is the reference date the review dates were compared with
	// (see Config.Date); zero when there was none.
	Today time.Time
}

// Builder builds one site.
type Builder struct {
	cfg Config
	// abs is SourceDir made absolute, to make sense of changed paths.
	abs string
	// mu makes the builds of a Memory builder one at a time; inc is what
	// they keep between them (see rebuild.go).
	mu  sync.Mutex
	inc *incState
}

// New returns a Builder for cfg.
func New(cfg Config) *Builder {
	if cfg.DestDir == "" {
		cfg.DestDir = filepath.Join(cfg.SourceDir, "public")
	}
	b := &Builder{cfg: cfg, abs: cfg.SourceDir}
	if abs, err := filepath.Abs(cfg.SourceDir); err == nil {
		b.abs = abs
	}
	if cfg.Memory != nil {
		b.inc = &incState{searchSlot: make(chan struct{}, 1)}
	}
	return b
}

// SourceDir returns the site's folder, absolute when it can be made so.
func (b *Builder) SourceDir() string { return b.abs }

// DestDir returns the folder Build writes to (unused with Config.Memory).
func (b *Builder) DestDir() string { return b.cfg.DestDir }

// Memory returns Config.Memory.
func (b *Builder) Memory() *output.Mem { return b.cfg.Memory }

// Build builds the site into the destination folder. When the content has
// errors it returns a *diag.ListError and leaves the destination as it was.
// A destination that playbook may not replace (see output.NewDir) gives an
// *output.RefusedError before any work. When ctx is cancelled, Build
// returns at once with context.Cause(ctx), its staging folder removed and
// the destination as it was. With Config.Memory, it builds the whole site
// into it (Rebuild(ctx, nil)).
func (b *Builder) Build(ctx context.Context) (*Result, error) {
	if b.cfg.Memory != nil {
		return b.Rebuild(ctx, nil)
	}
	var (
		mu      sync.Mutex // guards dir, stopped and siteCfg
		dir     *output.Dir
		stopped bool
		siteCfg *config.Config
	)
	open := func(cfg *config.Config) (output.Writer, error) {
		mu.Lock()
		defer mu.Unlock()
		if stopped {
			return nil, context.Cause(ctx)
		}
		siteCfg = cfg
		d, err := output.NewDir(b.cfg.DestDir, output.DirOptions{
			Site:    b.cfg.SourceDir,
			Content: filepath.Join(b.cfg.SourceDir, filepath.FromSlash(cfg.ContentDir)),
			Keep:    cfg.KeepFiles,
		})
		if err != nil {
			var re *output.RefusedError
			if errors.As(err, &re) {
				return nil, err
			}
			return nil, fmt.Errorf("cannot prepare %s: %w", b.cfg.DestDir, err)
		}
		dir = d
		return d, nil
	}
	res, err := interruptible(ctx, func() (*Result, error) { return b.buildTo(ctx, open, nil) })
	mu.Lock()
	stopped = true
	d := dir
	mu.Unlock()
	if err == nil {
		err = context.Cause(ctx)
	}
	if d == nil {
		return nil, err
	}
	if err != nil {
		_ = d.Abort()
		return nil, err
	}
	if err := b.compareManifest(ctx, d, siteCfg, res); err != nil {
		_ = d.Abort()
		return nil, err
	}
	// Signals that arrive from here on wait for the swap, which is quick:
	// stopping it half-way would be the one way to lose both sites.
	for _, n := range d.Notes() {
		res.Warnings.Warn(diag.Pos{File: b.cfg.DestDir}, "%s", n)
	}
	if err := d.Commit(); err != nil {
		var le *output.LeftoverError
		if !errors.As(err, &le) {
			return nil, err
		}
		res.Warnings.Warn(diag.Pos{File: b.cfg.DestDir}, "%v; the next build removes it", err)
	}
	return res, nil
}

// interruptible runs fn and returns what it returns, or context.Cause(ctx)
// as soon as ctx is done, leaving fn to notice and return on its own: a
// phase that checks ctx only now and then must not delay an interrupt.
func interruptible(ctx context.Context, fn func() (*Result, error)) (*Result, error) {
	type result struct {
		res *Result
		err error
	}
	done := make(chan result, 1)
	go func() {
		res, err := fn()
		done <- result{res, err}
	}()
	select {
	case r := <-done:
		return r.res, r.err
	case <-ctx.Done():
		return nil, context.Cause(ctx)
	}
}

// BuildTo builds the site and writes it to out. It writes nothing when the
// content has errors found before rendering, but may have written some files
// when rendering fails; Dir.Abort discards them. When ctx is cancelled it
// returns at once with context.Cause(ctx).
func (b *Builder) BuildTo(ctx context.Context, out output.Writer) (*Result, error) {
	return interruptible(ctx, func() (*Result, error) { return b.buildTo(ctx, writeTo(out), nil) })
}

// writeTo returns an opener for buildTo that gives out whatever the
// configuration.
func writeTo(out output.Writer) func(*config.Config) (output.Writer, error) {
	return func(*config.Config) (output.Writer, error) { return out, nil }
}

// buildTo is the pipeline. inc is nil for a one-off build; for a Memory
// builder it takes from the previous build what the changes leave valid
// (see rebuild.go), and every inc method does the plain step when inc is
// nil. open gives the writer once the configuration is known, before any
// other work.
func (b *Builder) buildTo(ctx context.Context, open func(*config.Config) (output.Writer, error), inc *incState) (*Result, error) {
	start := time.Now()
	clk := newClock(b.cfg.Progress)
	root := sitefs.Dir(b.cfg.SourceDir)
	defer root.Close()
	cfg, diags := config.Load(root)
	if b.cfg.BaseURL != "" {
		cfg.BaseURL = b.cfg.BaseURL
	}
	out, err := open(cfg)
	if err != nil {
		return nil, err
	}
	inc.begin(b, cfg)
	th, strs, d := inc.loadTheme(b, cfg)
	diags = append(diags, d...)

	contentFS, err := fs.Sub(root, cfg.ContentDir)
	if err != nil {
		return nil, err
	}
	if _, err := fs.Stat(contentFS, "."); err != nil {
		diags.Add(diag.Pos{File: cfg.ContentDir}, "no content folder: create %s/ with at least one .md file", cfg.ContentDir)
		return nil, finish(ctx, diags)
	}
	contentPrefix := cfg.ContentDir + "/"
	clk.done("config", "load")
	set, d := inc.load(ctx, contentFS, source.Options{KnownKeys: model.HandbookKeys, MaxSize: cfg.MaxPageSize})
	diags = append(diags, prefix(d, contentPrefix)...)

	if err := ctx.Err(); err != nil {
		return nil, err // the phase stopped part of the way: its results are incomplete
	}
	clk.done("load", "parse")
	md := inc.converter(cfg)
	var tocs []model.TOC
	if cfg.Navigation == "toc" {
		set.Docs, tocs = splitTOCs(md, set.Docs)
	}
	parsed, d := inc.parseAll(ctx, md, set.Docs, include.Options{
		Root: root, ContentDir: cfg.ContentDir, Snippets: path.Join(cfg.ContentDir, cfg.Snippets), MaxSize: int(cfg.MaxPageSize),
	})
	diags = append(diags, prefix(d, contentPrefix)...)
	if err := ctx.Err(); err != nil {
		return nil, err // the phase stopped part of the way: its results are incomplete
	}
	// The history comes before the model, which takes the renames and the
	// reference date from it.
	clk.done("parse", "git")
	git, d := inc.loadGit(ctx, b, cfg)
	diags = append(diags, d...)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	facts, d := b.facts(root, cfg, git)
	diags = append(diags, applyChecks(d, cfg.Checks)...)
	clk.done("git", "model")
	inputs := make([]*model.PageInput, len(set.Docs))
	for i, doc := range set.Docs {
		inputs[i] = inc.pageInput(doc, parsed[i])
	}
	opts := model.Options{
		Languages:   cfg.LanguageCodes(),
		BasePath:    cfg.BasePath(),
		Drafts:      b.cfg.Drafts,
		SiteTitle:   cfg.Title,
		Files:       set.Files,
		RootDir:     cfg.ContentDir,
		TOCs:        tocs,
		Reserved:    reservedPaths(th),
		ReviewEvery: cfg.ReviewEvery,
		Today:       facts.today,
		Moves:       facts.moves,
	}
	if facts.owners != nil {
		opts.CodeOwners = facts.owners
	}
	site, d := inc.buildModel(inputs, opts, b.cfg.Review, facts.hash)
	diags = append(diags, prefix(applyChecks(d, cfg.Checks), contentPrefix)...)
	if b.cfg.ModelOnly && diags.Err() == nil {
		diags.Sort()
		return &Result{BasePath: cfg.BasePath(), Site: site, SiteConfig: cfg, Today: facts.today, Warnings: diags.Warnings()}, nil
	}
	if diags.Err() != nil || th == nil {
		return nil, finish(ctx, diags)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	titleListPages(site, strs)

	docs := inc.docsByPath(set.Docs, parsed)
	r := &renderer{md: md, theme: th, site: site, cfg: cfg, docs: docs, out: out, collabMaps: map[string]template.HTML{}, collabTeams: map[string][]*model.Team{}}
	for _, l := range site.Languages() {
		all := site.Teams(l)
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
		r.languages = append(r.languages, theme.LanguageView{Code: l, Name: name, Home: site.Home(l)})
	}
	clk.done("model", "render")
	r.x = newExtras(cfg, site, strs, git)
	inc.plan(r, docs)
	res := &Result{BasePath: cfg.BasePath(), Today: facts.today}
	r.tick = clk.counter(len(site.Pages()))
	renderDiags, err := r.renderPages(ctx, res)
	if err != nil {
		return nil, err
	}
	diags = append(diags, renderDiags...)
	if diags.Err() != nil {
		return nil, finish(ctx, diags)
	}
	clk.done("render", "files")
	n, err := r.copyFiles(contentFS)
	if err != nil {
		return nil, err
	}
	res.Files = n
	clk.done("files", "extras")
	if err := r.writeExtras(ctx); err != nil {
		return nil, err
	}
	clk.done("extras", "")
	res.Phases = clk.phases
	res.Duration = time.Since(start)
	diags.Sort()
	if err := diags.ResolveHints(ctx, diag.MaxPerKind); err != nil {
		return nil, context.Cause(ctx)
	}
	res.Warnings = diags.Warnings()
	return res, nil
}

// finish turns the diagnostics of a failed build into its error. It first
// finds the hints ("did you mean …") of those a report shows, and only
// those: with thousands of broken links, finding them all would cost more
// than the build.
func finish(ctx context.Context, diags diag.List) error {
	diags.Sort()
	if err := diags.ResolveHints(ctx, diag.MaxPerKind); err != nil {
		return context.Cause(ctx)
	}
	if err := diags.Err(); err != nil {
		return err
	}
	return &diag.ListError{List: diags}
}

// prefix puts the content folder's name before file paths, so diagnostics
// name files relative to the site root. Paths that start with "/" are
// already relative to the site root (included files).
func prefix(l diag.List, p string) diag.List {
	for i := range l {
		switch f := l[i].Pos.File; {
		case strings.HasPrefix(f, "/"):
			l[i].Pos.File = f[1:]
		case f != "" && !strings.HasPrefix(f, p):
			l[i].Pos.File = path.Join(p, f)
		}
	}
	return l
}

// applyChecks changes the severity of diagnostics whose kind the site's
// [checks] table names.
func applyChecks(l diag.List, checks map[string]string) diag.List {
	out := l[:0]
	for _, d := range l {
		switch checks[d.Kind] {
		case "off":
			continue
		case "warning":
			d.Severity = diag.Warning
		case "error":
			d.Severity = diag.Error
		}
		out = append(out, d)
	}
	return out
}

func (b *Builder) loadTheme(cfg *config.Config) (*theme.Theme, *theme.Strings, diag.List) {
	var layers []theme.Layer
	name := cfg.Theme
	site, dir := sitefs.Dir(b.cfg.SourceDir), "themes/"+name
	if st, err := fs.Stat(site, dir); err == nil && st.IsDir() {
		sub, _ := fs.Sub(site, dir)
		layers = append(layers, theme.Layer{Name: dir, FS: sub})
	} else if errors.Is(err, sitefs.ErrOutside) || errors.Is(err, sitefs.ErrNotRegular) {
		var diags diag.List
		diags.Add(diag.Pos{File: config.FileName}, "theme %q: %s: %v", name, dir, errors.Unwrap(err))
		return nil, nil, diags
	} else if name != "default" {
		var diags diag.List
		diags.Add(diag.Pos{File: config.FileName}, "theme %q not found: no folder themes/%s", name, name)
		return nil, nil, diags
	}
	if b.cfg.DefaultTheme != nil {
		layers = append(layers, theme.Layer{Name: "themes/default", FS: b.cfg.DefaultTheme})
	}
	if len(layers) == 0 {
		var diags diag.List
		diags.Add(diag.Pos{File: "themes/default"}, "no theme: themes/default is missing")
		return nil, nil, diags
	}
	strs, diags := b.loadStrings(layers)
	th, d := theme.Load(layers, stringFuncs(templateFuncs(cfg), strs))
	return th, strs, append(diags, d...)
}

func templateFuncs(cfg *config.Config) template.FuncMap {
	base := cfg.BasePath()
	return template.FuncMap{
		"upper": strings.ToUpper,
		"lower": strings.ToLower,
		"asset": func(p string) string { return base + "/assets/" + strings.TrimPrefix(p, "/") },
		"relURL": func(p string) string {
			return base + "/" + strings.TrimPrefix(p, "/")
		},
		// taskHTML shows a checklist item's text with its code and
		// emphasis; the markup was escaped when the page was parsed.
		"taskHTML": func(it model.ChecklistItem) template.HTML {
			if it.HTML == "" {
				return template.HTML(template.HTMLEscapeString(it.Text))
			}
			return template.HTML(it.HTML)
		},
	}
}

// parseAll expands include directives and parses every page in parallel,
// for a one-off build. It keeps each page's facts and drops its tree
// (markdown.Doc.Release), which rendering makes again: a build renders
// each page once, and holding every page's tree until then would be most
// of the build's memory.
func parseAll(ctx context.Context, md *markdown.Converter, docs []*source.Doc, inc include.Options) ([]*markdown.Doc, diag.List) {
	out := make([]*markdown.Doc, len(docs))
	perDoc := make([]diag.List, len(docs))
	parallel(ctx, len(docs), func(i int) {
		out[i], perDoc[i] = parseOne(md, docs[i], inc)
		out[i].Release()
	})
	var all diag.List
	for _, l := range perDoc {
		all = append(all, l...)
	}
	return out, all
}

// parseOne expands a page's include directives and parses it.
func parseOne(md *markdown.Converter, d *source.Doc, inc include.Options) (*markdown.Doc, diag.List) {
	in, _, diags := expandOne(d, inc)
	out := md.Parse(in)
	return out, append(diags, out.Diags...)
}

// expandOne makes a page's input to the Markdown parser, its include
// directives expanded.
func expandOne(d *source.Doc, inc include.Options) (markdown.Input, include.LineMap, diag.List) {
	in := markdown.Input{Path: d.Path, Body: d.Body, BodyLine: d.BodyLine, Title: d.Meta.Title}
	if !include.HasDirectives(d.Body) {
		return in, nil, nil
	}
	self := path.Join(inc.ContentDir, d.Path)
	body, lines, dl := include.Expand(self, d.Body, d.BodyLine, inc)
	in.Body = body
	in.Lines = func(line int) (string, int) {
		f, l := lines.Pos(line)
		if f == self {
			return d.Path, l
		}
		return "/" + f, l
	}
	return in, lines, rootRelative(dl)
}

// splitTOCs takes the navigation files (TOC.md) and Experience League
// metadata files (metadata.md) out of the pages, and parses the TOCs.
func splitTOCs(md *markdown.Converter, docs []*source.Doc) ([]*source.Doc, []model.TOC) {
	var pages []*source.Doc
	var tocs []model.TOC
	guides := map[string]string{} // a folder's user-guide-title in metadata.md
	for _, d := range docs {
		switch strings.ToLower(path.Base(d.Path)) {
		case "toc.md":
			t := model.TOC{Path: d.Path, Title: guideTitle(d)}
			t.Entries = tocEntries(md.ParseTOC(d.Body))
			tocs = append(tocs, t)
		case "metadata.md":
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
	return pages, tocs
}

func tocEntries(in []markdown.TOCEntry) []model.TOCEntry {
	out := make([]model.TOCEntry, len(in))
	for i, e := range in {
		out[i] = model.TOCEntry{Title: e.Title, Dest: e.Dest, Children: tocEntries(e.Children)}
	}
	return out
}

// rootRelative marks diagnostic paths as relative to the site root.
func rootRelative(l diag.List) diag.List {
	for i := range l {
		l[i].Pos.File = "/" + l[i].Pos.File
	}
	return l
}

// parallel calls fn for 0..n-1 on all cores.
func parallel(ctx context.Context, n int, fn func(i int)) {
	var wg sync.WaitGroup
	next := make(chan int)
	for range min(n, runtime.GOMAXPROCS(0)) {
		wg.Go(func() {
			for i := range next {
				fn(i)
			}
		})
	}
	for i := range n {
		if ctx.Err() != nil {
			break
		}
		next <- i
	}
	close(next)
	wg.Wait()
}

// pageInput copies the facts the model needs from a parsed page.
func pageInput(doc *source.Doc, md *markdown.Doc) *model.PageInput {
	in := &model.PageInput{Doc: doc, H1: md.Title}
	// Titles and descriptions show the dialect's inline tags as their
	// words wherever they appear; the heading above the text shows them
	// as the body does.
	in.Title, in.Description = markdown.InlineText(doc.Meta.Title), markdown.InlineText(doc.Meta.Description)
	switch {
	case md.TitleHTML != "":
		in.HeadingHTML = md.TitleHTML
	case in.Title != doc.Meta.Title:
		in.HeadingHTML = markdown.InlineHTML(doc.Meta.Title)
	}
	for _, h := range md.Headings {
		in.Headings = append(in.Headings, model.Heading{Level: h.Level, Text: h.Text, TextContent: h.TextContent, ID: h.ID, Pos: h.Pos, IsTitle: h.IsTitle})
	}
	for _, l := range md.Links {
		if !markdown.IsExternal(l.Dest) {
			ml := model.Link{Dest: l.Dest, Image: l.Image, Pos: l.Pos}
			if l.Pos.File != doc.Path {
				ml.File = l.Pos.File // an included file's (see expandOne)
			}
			in.Links = append(in.Links, ml)
		}
	}
	for _, t := range md.Tasks {
		in.Tasks = append(in.Tasks, model.Task{ID: t.ID, Text: t.Text, HTML: t.HTML, Who: t.Who, Checked: t.Checked, Heading: t.Heading, Pos: t.Pos})
	}
	return in
}
