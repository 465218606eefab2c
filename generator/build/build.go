package build

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/playbookhq/playbook/generator/config"
	"github.com/playbookhq/playbook/generator/diag"
	"github.com/playbookhq/playbook/generator/markdown"
	"github.com/playbookhq/playbook/generator/model"
	"github.com/playbookhq/playbook/generator/output"
	"github.com/playbookhq/playbook/generator/render"
	"github.com/playbookhq/playbook/generator/search"
	"github.com/playbookhq/playbook/generator/sitefs"
	"github.com/playbookhq/playbook/generator/source"
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
	// Progress, when set, is told which phase the build is in and how many
	// pages are rendered.
	Progress Progress
	// Waiting, when set, is called if another build is writing into the
	// folder that holds DestDir, with that folder: Build waits for it to
	// end.
	Waiting func(dir string)
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
	// Duration is the time the build took, without a wait for another
	// build into the same folder (see Config.Waiting).
	Duration time.Duration
	// Warnings are the problems that did not fail the build.
	Warnings diag.List
	// Rendered counts the pages this build rendered: all of them, or in a
	// Session's Rebuild those the changes affect.
	Rendered int
	// Changed lists the site's files that differ from the previous build
	// (a Session's only), sorted; nil after the first build.
	Changed []string
	// SearchPending says that the search index still describes an earlier
	// build; FinishSearch updates it.
	SearchPending bool
	// RenderPending says that a Session rendered the open pages only;
	// FinishRender renders the rest.
	RenderPending bool
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

// Builder builds one site into a folder (Build) or any output.Writer
// (BuildTo). For the preview server's incremental rebuilds, see Session.
type Builder struct {
	cfg Config
}

// New returns a Builder for cfg.
func New(cfg Config) *Builder {
	if cfg.DestDir == "" {
		cfg.DestDir = filepath.Join(cfg.SourceDir, "public")
	}
	return &Builder{cfg: cfg}
}

// Build builds the site into the destination folder. When the content has
// errors it returns a *diag.ListError and leaves the destination as it was.
// A destination that playbook may not replace (see output.NewDir) gives an
// *output.RefusedError before any work. When ctx is cancelled, Build
// returns at once with context.Cause(ctx), its staging folder removed and
// the destination as it was.
func (b *Builder) Build(ctx context.Context) (*Result, error) {
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
		d, err := output.NewDir(ctx, b.cfg.DestDir, output.DirOptions{
			Site:    b.cfg.SourceDir,
			Content: filepath.Join(b.cfg.SourceDir, filepath.FromSlash(cfg.ContentDir)),
			Keep:    cfg.KeepFiles,
			Waiting: b.cfg.Waiting,
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
	res, err := interruptible(ctx, func() (*Result, error) { return b.run(ctx, open) })
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
// when rendering fails; Dir.Abort discards them. With a *diag.ListError
// it returns the counts of the site's pages and sections (Pages and
// Sections alone) when it got as far as the site model. When ctx is
// cancelled it returns at once with context.Cause(ctx).
func (b *Builder) BuildTo(ctx context.Context, out output.Writer) (*Result, error) {
	open := func(*config.Config) (output.Writer, error) { return out, nil }
	return interruptible(ctx, func() (*Result, error) { return b.run(ctx, open) })
}

// run is the one-off build: every stage once, in order. open gives the
// writer once the configuration is known, before any other work.
func (b *Builder) run(ctx context.Context, open func(*config.Config) (output.Writer, error)) (*Result, error) {
	start := time.Now()
	root := sitefs.Dir(b.cfg.SourceDir)
	defer root.Close()
	cfg, tools, diags := loadConfig(root, b.cfg.BaseURL)
	if diags.Err() != nil {
		return nil, finish(ctx, diags) // see loadConfig
	}
	opening := time.Now()
	out, err := open(cfg)
	if err != nil {
		return nil, err
	}
	// Opening may wait for another build into the folder to end: time
	// this build did not spend building.
	start = start.Add(time.Since(opening))
	clk := newClock(b.cfg.Progress)
	f, err := b.front(ctx, clk, root, cfg, tools, diags)
	if err != nil {
		return nil, err
	}
	if b.cfg.ModelOnly && f.diags.Err() == nil {
		f.diags.Sort()
		return &Result{BasePath: cfg.BasePath(), Site: f.site, SiteConfig: cfg, Today: f.facts.today, Warnings: f.diags.Warnings()}, nil
	}
	if f.diags.Err() != nil || f.th == nil {
		return f.counted(), f.fail(ctx, f.diags)
	}
	res, err := b.back(ctx, clk, f, out)
	if err != nil {
		return res, err // the counts, with content errors
	}
	res.Duration = time.Since(start)
	return res, nil
}

// front runs the stages before rendering: the theme, reading and parsing
// the content, the git history and the site model. Its error is that of
// a build that cannot go on; the content's problems are in front.diags.
func (b *Builder) front(ctx context.Context, clk *clock, root *sitefs.FS, cfg *config.Config, tools *toolConf, diags diag.List) (*front, error) {
	f := &front{cfg: cfg}
	th, strs, d := loadTheme(root, cfg, b.cfg.DefaultTheme)
	f.th, f.strs, diags = th, strs, append(diags, linkChecks(d, cfg.Checks)...)
	contentFS, d := contentOf(root, cfg, tools)
	if contentFS == nil {
		return nil, finish(ctx, append(diags, d...))
	}
	f.contentFS = contentFS
	contentPrefix := cfg.ContentDir + "/"
	clk.done("config", "load")
	files := readSiteFiles(root, cfg, tools)
	set, d := source.Load(ctx, contentFS, sourceOptions(cfg, files.excludes))
	diags = append(diags, prefix(applyChecks(d, cfg.Checks), contentPrefix)...)
	if inDest(b.cfg.SourceDir, cfg.StaticDir, b.cfg.DestDir) {
		diags.Warn(diag.Pos{File: cfg.StaticDir}, "static folder skipped: it holds the destination folder, or is in it, so each build would publish the last one again")
	} else {
		f.staticFS, f.static, d = staticOf(ctx, root, cfg)
		diags = append(diags, linkChecks(d, cfg.Checks)...)
	}
	if err := ctx.Err(); err != nil {
		return nil, err // the phase stopped part of the way: its results are incomplete
	}
	clk.done("load", "parse")
	f.md = newConverter(cfg, files)
	var tocs []model.TOC
	f.docs, tocs, d = splitTOCs(func(d *source.Doc) markdown.TOCFile { return f.md.ParseTOC(d.Body) }, tools.mkdocs, cfg, set.Docs)
	diags = append(diags, prefix(applyChecks(d, cfg.Checks), contentPrefix)...)
	p := parsing{include: includeOptions(root, cfg), trim: !b.cfg.Review}
	if !b.cfg.ModelOnly {
		p.search = search.NewAnalyzer()
	}
	f.analyzer = p.search
	f.parsed, f.analyses, d = parseAll(ctx, f.md, f.docs, p)
	diags = append(diags, prefix(applyChecks(d, cfg.Checks), contentPrefix)...)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	// The history comes before the model, which takes the renames and the
	// reference date from it.
	clk.done("parse", "git")
	f.git, d = loadGit(ctx, b.cfg, cfg)
	diags = append(diags, d...)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	f.facts, d = siteFactsOf(files, cfg, f.git, b.cfg.Date, f.docs)
	diags = append(diags, applyChecks(d, cfg.Checks)...)
	clk.done("git", "model")
	inputs := make([]*model.PageInput, len(f.docs))
	for i, doc := range f.docs {
		inputs[i] = pageInput(doc, f.parsed[i])
	}
	f.site, d = buildModel(inputs, modelOptions(b.cfg, cfg, set, f.static, tocs, th, f.facts), b.cfg.Review, strs)
	f.diags = append(diags, prefix(applyChecks(d, cfg.Checks), contentPrefix)...)
	f.diags = append(f.diags, f.site.StaticDiags()...)
	return f, ctx.Err()
}

// fail is finish for a build that stops before it copies the content
// files: it reports those too large to copy with the other problems (see
// render.Oversized), so that one build shows every problem.
func (f *front) fail(ctx context.Context, diags diag.List) error {
	if f.site != nil {
		var files []string
		for _, fl := range f.site.Files() {
			files = append(files, fl[0])
		}
		diags = append(diags, render.Oversized(f.contentFS, files, f.cfg.ContentDir)...)
	}
	return finish(ctx, diags)
}

// counted is what a build that failed on its content returns with its
// error: how many pages and sections the site has, or nil when there is
// no site model to count.
func (f *front) counted() *Result {
	if f.site == nil {
		return nil
	}
	res := &Result{}
	res.Pages, res.Sections = render.Count(f.site)
	return res
}

// back renders the site front describes and writes it to out.
func (b *Builder) back(ctx context.Context, clk *clock, f *front, out output.Writer) (*Result, error) {
	if b.cfg.Review {
		// The review checks read the pages' sources, which parseAll then
		// kept (see trimSource); rendering takes the parses only.
		for _, d := range f.docs {
			d.Src, d.Body = nil, nil
		}
	}
	r := render.New(f.renderInput())
	clk.done("model", "render")
	res := &Result{BasePath: f.cfg.BasePath(), Today: f.facts.today, Rendered: len(f.site.Pages())}
	res.Pages, res.Sections = render.Count(f.site)
	diags, err := r.Pages(ctx, out, nil, clk.counter(len(f.site.Pages())))
	if err != nil {
		return nil, err
	}
	nf, err := r.NotFound(out)
	if err != nil {
		return nil, err
	}
	diags = slices.Concat(f.diags, diags, nf)
	if diags.Err() != nil {
		return f.counted(), f.fail(ctx, diags)
	}
	clk.done("render", "files")
	files, fw, err := r.Files(out, func(name string) ([]byte, error) { return sitefs.ReadFile(f.contentFS, name, sitefs.MaxFileSize) })
	if err != nil {
		return nil, err
	}
	if diags = append(diags, applyChecks(fw, f.cfg.Checks)...); diags.Err() != nil {
		return f.counted(), f.fail(ctx, diags)
	}
	static, err := r.Static(out, func(name string) ([]byte, error) { return sitefs.ReadFile(f.staticFS, name, sitefs.MaxFileSize) })
	if err != nil {
		return nil, err
	}
	assets, err := r.Assets(out, highlightCSS(f.cfg), f.th.ReadAsset)
	if err != nil {
		return nil, err
	}
	res.Files = files + static + assets
	clk.done("files", "extras")
	if err := r.Extras(out); err != nil {
		return nil, err
	}
	if err := render.WriteFiles(ctx, out, render.SearchFiles(f.site, byPath(f.docs, f.analyses), f.analyzer)); err != nil {
		return nil, err
	}
	clk.done("extras", "")
	res.Phases = clk.phases
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
	if errs := diags.Errors(); len(errs) > 0 {
		return &diag.ListError{List: errs, Warnings: diags.Warnings()}
	}
	return &diag.ListError{List: diags}
}

// prefix returns l with the content folder's name put before its file
// paths, so that diagnostics name files relative to the site root. Paths
// that start with "/" are already relative to the site root (included
// files). l itself, which a Session may keep, is not changed: a path is
// never prefixed twice, so a content folder that holds a folder of its
// own name (content/content/a.md) is named right.
func prefix(l diag.List, p string) diag.List {
	l = slices.Clone(l)
	// A page's path is valid in fs.FS terms, and p is a clean folder
	// name and "/", so joining them is appending; path.Join cost a
	// preview of a handbook with 11,700 warnings milliseconds a rebuild.
	// A file's diagnostics come together, and they share one joined name:
	// sorting compares equal names at once when they are the same string.
	dir := path.Clean(p)
	concat := dir+"/" == p && dir != "."
	var last, joined string
	for i := range l {
		switch f := l[i].Pos.File; {
		case strings.HasPrefix(f, "/"):
			l[i].Pos.File = f[1:]
		case f == "":
		case f == last:
			l[i].Pos.File = joined
		case concat && f != "." && fs.ValidPath(f):
			last, joined = f, p+f
			l[i].Pos.File = joined
		default:
			l[i].Pos.File = path.Join(p, f)
		}
	}
	return l
}

// linkChecks is applyChecks for the theme's and the static folder's
// diagnostics, of which [checks] sets the symlink kind only: a layout that
// does not parse stays an error, whatever it says of template.
func linkChecks(l diag.List, checks map[string]string) diag.List {
	if checks["symlink"] == "" {
		return l
	}
	return applyChecks(l, map[string]string{"symlink": checks["symlink"]})
}

// applyChecks returns l with the severity of the diagnostics whose kind
// the site's [checks] table names changed, and those it turns off left
// out. l itself, which a Session may keep, is not changed.
func applyChecks(l diag.List, checks map[string]string) diag.List {
	if len(checks) == 0 {
		return l
	}
	out := make(diag.List, 0, len(l))
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
