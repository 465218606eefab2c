package build

import (
	"context"
	"io/fs"
	"path/filepath"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/playbookhq/playbook/generator/config"
	"github.com/playbookhq/playbook/generator/diag"
	"github.com/playbookhq/playbook/generator/gitinfo"
	"github.com/playbookhq/playbook/generator/markdown"
	"github.com/playbookhq/playbook/generator/model"
	"github.com/playbookhq/playbook/generator/output"
	"github.com/playbookhq/playbook/generator/render"
	"github.com/playbookhq/playbook/generator/search"
	"github.com/playbookhq/playbook/generator/sitefs"
	"github.com/playbookhq/playbook/generator/source"
	"github.com/playbookhq/playbook/generator/theme"
)

// Session is the preview server's build: the stages of the pipeline as a
// one-off build runs them, with what each made kept between runs.
//
// Rebuild is told which files changed. It re-reads only those, re-parses
// only files whose content hash changed, and decides how much to redo by
// comparing what each changed page tells the rest of the site (its facts):
//
//   - A change that leaves every fact as it was (body text only) reuses the
//     previous site model and re-renders only the changed pages. Building
//     the model costs about a second for 10,000 pages, so this is what keeps
//     an edit fast on a large site.
//   - A change of links or headings rebuilds the model and re-renders the
//     changed pages, the pages whose backlinks changed, and the pages that
//     link to the changed ones.
//   - Anything else that pages show of each other (titles, weights, slugs,
//     front matter, checklists, added or removed files), a template, the
//     interface strings or the configuration re-renders every page.
//
// Every comparison is with the last good build, not the last run, so that a
// change made while the site was broken still counts once it is fixed. The
// rules assume what the default theme does: a page shows another page's
// headings and links only through the links between them. A theme that,
// say, lists the headings of a section's children would need a heading
// change to count as a change of facts.
//
// When in doubt it does more: a nil change list or a cancelled build make
// the next one re-read everything, and a new configuration re-renders every
// page and drops every cache but the pages' reads and parses (when it reads
// and parses them as before) and the site model (when it builds it as
// before: a new site title, say, that no page takes as its own). The
// search index, whose cost grows with the whole site, is left to
// FinishSearch after an incremental Rebuild.
//
// TestRebuildMatchesFullBuild applies random edits to a site and checks
// after each that the result is byte for byte that of a full build.

// Session builds a site into memory for the preview server and rebuilds
// it incrementally. The server owns it; a one-off build (Builder) keeps
// nothing between runs and has none of this.
type Session struct {
	cfg Config
	// abs is SourceDir made absolute, to make sense of changed paths.
	abs string
	mem *output.Mem
	// mu makes the runs one at a time; caches is what they keep between
	// them.
	mu sync.Mutex
	caches
	// searchSlot holds a token while FinishSearch builds an index.
	searchSlot chan struct{}
	// search analyzes the pages' text for the index as they are parsed.
	search *search.Analyzer
	// models counts the site models built, which number them for
	// render.Input.KeepLinks (runState.model).
	models uint64
	// hot, when set, names the pages readers have open (site files such
	// as "guide/index.html"); see SetHot. hotFailed is set when the rest
	// of the pages failed in FinishRender, until a run renders them all.
	hot       func() []string
	hotFailed bool
	// pending is the last good run while it leaves pages to FinishRender,
	// for PendingPage, which must not wait for a run to read it;
	// pendingWait is how long PendingPage waits for a page.
	pending     atomic.Pointer[runState]
	pendingWait time.Duration
}

// SetHot tells the session which pages readers have open: hot returns
// their files in the site ("guide/index.html"). When a change calls for
// every page of a large site to be rendered again (a template, the
// configuration, a page's title), Rebuild then renders those pages only,
// publishes them and leaves the rest to FinishRender, so that what the
// author looks at changes at once.
func (s *Session) SetHot(hot func() []string) { s.hot = hot }

// hotMin is the number of pages from which a site's full re-renders are
// split into the open pages first and the rest in FinishRender: a smaller
// site renders whole in about the time it takes to publish.
const hotMin = 500

// NewSession returns a Session that builds the site cfg describes into
// mem. cfg.DestDir is not written; the preview server leaves it unwatched.
func NewSession(cfg Config, mem *output.Mem) *Session {
	if cfg.DestDir == "" {
		cfg.DestDir = filepath.Join(cfg.SourceDir, "public")
	}
	s := &Session{cfg: cfg, abs: cfg.SourceDir, mem: mem, searchSlot: make(chan struct{}, 1), search: search.NewAnalyzer(),
		pendingWait: pendingWait}
	if abs, err := filepath.Abs(cfg.SourceDir); err == nil {
		s.abs = abs
	}
	return s
}

// SourceDir returns the site's folder, absolute when it can be made so.
func (s *Session) SourceDir() string { return s.abs }

// DestDir returns the folder a one-off build of the site writes to.
func (s *Session) DestDir() string { return s.cfg.DestDir }

// Memory returns the output the session publishes to.
func (s *Session) Memory() *output.Mem { return s.mem }

// caches is what a Session keeps between runs, under Session.mu.
type caches struct {
	// The changes the next run must look at: absolute paths, or all.
	changed []string
	all     bool

	// Derived by begin for the current run.
	content  map[string]bool // changed paths in the content folder; "." is all of it
	includes bool            // files that pages may include changed
	theme    bool            // templates or interface strings changed
	assets   bool            // theme assets changed

	// Caches that follow the files on disk, also across failed builds.
	siteCfg    *config.Config
	md         *markdown.Converter
	th         *theme.Theme
	themeRoot  *sitefs.FS // what th reads from
	strs       *theme.Strings
	themeDiags diag.List
	themeOK    bool
	// themeGen counts loads of the templates and strings, assetGen loads
	// of the theme's files at all, so that a run can tell what changed
	// since the last good build even across failed builds.
	themeGen, assetGen int
	git                *gitinfo.History
	gitDiags           diag.List
	gitLoaded          bool
	gitProbe           string // the repository when git was read (gitinfo.Probe)
	// siteFiles are the facts' files outside the pages, read again when
	// one of the files outside the content and the theme changes
	// (classify), or the whole site is read.
	siteFiles *siteFiles
	walked    bool
	// toolExcludes are the exclude patterns of the site's own tool that
	// the content was listed with (eleventyExcludes).
	toolExcludes []string
	mdPaths      map[string]bool
	files        map[string]bool
	walkDiags    diag.List
	// mdSorted and filesSorted list mdPaths and files, sorted; nil when
	// they changed.
	mdSorted, filesSorted []string
	docs                  map[string]*docEntry
	fileData              map[string]*contentFile
	// cats and catFiles are the content's category files as read and its
	// other files (source.SplitCategories), and catDiags their problems.
	cats     map[string]source.Category
	catFiles []string
	catDiags diag.List
	// staticData are the static folder's files as read (writeFiles).
	staticData map[string]*contentFile
	// assetData are the theme's assets as read (writeFiles) while the
	// theme is kept (loadTheme): the diagram and math libraries, read and
	// compressed again on every run, were most of a content edit's
	// rebuild on a site that shows either.
	assetData map[string]*contentFile
	tocFiles  map[*source.Doc]markdown.TOCFile // parsed with md
	chroma    []byte
	// dirty is set while a run updates the caches; a run that stops half
	// way leaves it set, and the next one re-reads everything.
	dirty bool

	// cur is the run in progress, good the last build that succeeded,
	// which Memory holds.
	cur, good *runState
}

// docEntry is one Markdown file as read and parsed. A new entry means a
// changed file.
type docEntry struct {
	hash   [32]byte
	doc    *source.Doc
	diags  diag.List // from reading the file
	parsed *markdown.Doc
	pdiags diag.List // from include expansion and Markdown
	// analysis is the parse's text read for the search index.
	analysis *search.Analysis
	// directives says that the body has include directives; expanded
	// sums up its expansion (body, line map and diagnostics), reads are
	// the files that read, and readsSum their digest then
	// (include.Options.Digest).
	directives bool
	expanded   [32]byte
	reads      []string
	readsSum   [32]byte
	input      *model.PageInput
	facts      facts
}

// facts are hashes of what a page tells the rest of the site, without
// positions: nav covers the title, front matter and tasks; then the
// headings, the links, and pos the layout of the front matter (which only
// moves diagnostics).
type facts struct {
	nav, heads, links, pos [32]byte
	tasks                  bool
}

// runState describes one build.
type runState struct {
	site       *model.Site
	modelDiags diag.List   // from model.Build and Review, before checks apply
	entries    []*docEntry // of pages, in the same order
	docs       map[string]*markdown.Doc
	analyses   map[string]*search.Analysis
	pages      []string // the pages' source paths, sorted
	files      []string
	static     []string
	tocs       [32]byte
	categories [32]byte
	// reserved are the paths the build writes itself (model.Options).
	reserved []model.Reserved
	// modelCfg is what of the configuration the model was built with
	// (modelConfigOf); model numbers the model (Session.models).
	modelCfg model.Options
	model    uint64
	// facts sums up CODEOWNERS, the reference date and the renames of the
	// history (siteFacts), which every page may show.
	facts [32]byte
	// snap is the site the run published.
	snap *output.Snapshot
	// Names of what the theme's assets, the extras (sitemap, robots.txt,
	// aliases, feeds) and the search index wrote.
	assetNames, extraNames, searchNames map[string]bool
	// searchStale says that the search files describe an earlier build.
	searchStale bool
	// What the run was built with.
	cfg                *config.Config
	themeGen, assetGen int

	// parsed are the entries of the docs parseAll was given, in order.
	parsed []*docEntry
	next   int // of parsed, for entry

	// How the run was planned.
	full      bool // every page is rendered again
	fresh     bool // the model is built again, whatever the pages' facts say
	reused    bool // the previous site model was reused
	renderAll bool
	// rest is set on a run that rendered the open pages only: what
	// FinishRender and PendingPage render the rest of the site from.
	rest *rest
	// before is, on a run that left pages for FinishRender, the last site
	// published whole: memory goes back to it when one of those pages
	// fails, as the open pages the run published came from a bad build.
	before   *output.Snapshot
	gone     []string // open pages it took away at once (see hotFirst)
	extras   bool     // a partial run renders the extras again (the model changed)
	partial  bool     // the output holds what changed; the last good site the rest
	textsNew bool     // some page's text may have changed
}

// Rebuild updates the site in memory after the files named in changed
// were created, modified, renamed or removed. Paths are absolute or
// relative to SourceDir and may name folders; paths that are no input of
// the site are ignored. A nil changed means that anything may have changed:
// every file is read again (and still only changed pages are re-rendered).
//
// Rebuild re-renders only the pages the changes affect, and the result is
// byte for byte that of a full build of the same files, except that the
// search index may be left for FinishSearch (Result.SearchPending). When the
// site has errors, Rebuild returns a *diag.ListError and memory keeps the
// last good site.
func (s *Session) Rebuild(ctx context.Context, changed []string) (*Result, error) {
	start := time.Now()
	s.mu.Lock()
	defer s.mu.Unlock()
	if changed == nil {
		s.all = true
	}
	s.changed = append(s.changed, changed...)
	col := s.mem.NewCollector()
	s.cur = &runState{}
	res, err := s.run(ctx, col)
	cur := s.cur
	s.cur = nil
	if err != nil {
		return nil, err
	}
	// Before memory changes, so that no page is rendered on request from
	// an older run once it has.
	if cur.rest != nil {
		s.pending.Store(cur)
	} else {
		s.pending.Store(nil)
	}
	if err := s.publish(cur, col, res); err != nil {
		return nil, err
	}
	res.SearchPending, res.RenderPending = cur.searchStale, cur.rest != nil
	if cur.renderAll && cur.rest == nil {
		s.hotFailed = false
	}
	if cur.rest != nil {
		cur.before = s.good.snap
		if s.good.rest != nil {
			cur.before = s.good.before // the rest of that run is not there either
		}
	}
	s.good = cur
	res.Duration = time.Since(start)
	return res, nil
}

// publish puts a run's output in memory: all of it, or for a partial run
// what changed over the last good site.
func (s *Session) publish(cur *runState, col *output.Collector, res *Result) error {
	if !cur.partial {
		s.mem.Publish(col)
		cur.snap = s.mem.Snapshot()
		if s.good != nil {
			res.Changed = changedFiles(s.good.snap, cur.snap)
		}
		return nil
	}
	// Theme assets were all written again, and the extras too (or kept,
	// see keepExtras); those not written are gone, unless the site has a
	// page or a content file there now, which FinishRender writes.
	var removed []string
	for n := range s.good.assetNames {
		if !col.Has(n) {
			removed = append(removed, n)
		}
	}
	for n := range s.good.extraNames {
		if !col.Has(n) && !cur.site.Publishes(n) {
			removed = append(removed, n)
		}
	}
	removed = append(removed, cur.gone...)
	names := slices.Concat(col.Names(), removed)
	snap := s.mem.Update(s.good.snap, col, removed)
	cur.snap = snap
	res.Changed = changedNames(s.good.snap, snap, names)
	return nil
}

// run is the pipeline of Builder.run, each stage taking from the caches
// what the changes leave valid.
func (s *Session) run(ctx context.Context, out *output.Collector) (*Result, error) {
	clk := newClock(s.cfg.Progress)
	root := sitefs.Dir(s.cfg.SourceDir)
	defer root.Close()
	cfg, tools, diags := loadConfig(root, s.cfg.BaseURL)
	if diags.Err() != nil {
		return nil, finish(ctx, diags) // see loadConfig
	}
	s.begin(cfg)
	f, err := s.front(ctx, clk, root, s.siteCfg, tools, diags)
	if err != nil {
		return nil, err
	}
	if f.diags.Err() != nil || f.th == nil {
		return nil, f.fail(ctx, f.diags)
	}
	return s.back(ctx, clk, f, out)
}

// front runs the stages before rendering, as Builder.front does.
func (s *Session) front(ctx context.Context, clk *clock, root *sitefs.FS, cfg *config.Config, tools *toolConf, diags diag.List) (*front, error) {
	f := &front{cfg: cfg}
	th, strs, d := s.loadTheme(cfg)
	f.th, f.strs, diags = th, strs, append(diags, linkChecks(d, cfg.Checks)...)
	contentFS, d := contentOf(root, cfg, tools)
	if contentFS == nil {
		return nil, finish(ctx, append(diags, d...))
	}
	f.contentFS = contentFS
	contentPrefix := cfg.ContentDir + "/"
	clk.done("config", "load")
	if s.siteFiles == nil {
		s.siteFiles = readSiteFiles(root, cfg, tools)
		if s.md != nil && (s.md.Wikilinks() == s.siteFiles.hugo || s.md.BackslashMath() != s.siteFiles.backslashMath ||
			s.md.LiquidComments() != s.siteFiles.liquid) {
			s.reparse()
		}
		if !slices.Equal(s.siteFiles.excludes, s.toolExcludes) {
			// Other files are in the content now: list it again.
			s.toolExcludes, s.walked, s.cur.full = s.siteFiles.excludes, false, true
		}
	}
	set, d := s.load(ctx, contentFS, sourceOptions(cfg, s.toolExcludes))
	diags = append(diags, prefix(applyChecks(d, cfg.Checks), contentPrefix)...)
	// The static folder is listed on each run, as a build lists it; its
	// files are read once while it is unchanged (writeFiles).
	f.staticFS, f.static, d = staticOf(ctx, root, cfg)
	diags = append(diags, linkChecks(d, cfg.Checks)...)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	clk.done("load", "parse")
	f.md = s.converter(cfg)
	var tocs []model.TOC
	f.docs, tocs, d = splitTOCs(s.parseTOC(f.md), tools.mkdocs, cfg, set.Docs)
	diags = append(diags, prefix(applyChecks(d, cfg.Checks), contentPrefix)...)
	f.parsed, d = s.parseAll(ctx, f.md, f.docs, includeOptions(root, cfg))
	diags = append(diags, prefix(applyChecks(d, cfg.Checks), contentPrefix)...)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	clk.done("parse", "git")
	f.git, d = s.loadGit(ctx, cfg)
	diags = append(diags, d...)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	f.facts, d = siteFactsOf(s.siteFiles, cfg, f.git, s.cfg.Date, f.docs)
	diags = append(diags, applyChecks(d, cfg.Checks)...)
	clk.done("git", "model")
	inputs := make([]*model.PageInput, len(f.docs))
	for i, doc := range f.docs {
		inputs[i] = s.pageInput(doc, f.parsed[i])
	}
	f.site, d = s.buildModel(inputs, modelOptions(s.cfg, cfg, set, f.static, tocs, th, f.facts), f.facts.hash, strs)
	f.diags = append(diags, prefix(applyChecks(d, cfg.Checks), contentPrefix)...)
	f.diags = append(f.diags, f.site.StaticDiags()...)
	return f, ctx.Err()
}

// back renders what the changes affect (see plan) and writes it to out.
func (s *Session) back(ctx context.Context, clk *clock, f *front, out *output.Collector) (*Result, error) {
	in := f.renderInput()
	in.Docs, s.cur.analyses = s.docsByPath(f.docs, f.parsed)
	in.KeepLinks = s.cur.model // a published model is never changed
	r := render.New(in)
	clk.done("model", "render")
	pages := s.plan(f.site, in.Docs)
	if pages == nil {
		pages = s.hotFirst(f, in, r)
	}
	res := &Result{BasePath: f.cfg.BasePath(), Today: f.facts.today, Rendered: len(f.site.Pages())}
	res.Pages, res.Sections = render.Count(f.site)
	if pages != nil {
		res.Rendered = len(pages)
	}
	diags, err := r.Pages(ctx, out.Borrowing(), pages, clk.counter(res.Rendered))
	if err != nil {
		return nil, err
	}
	// The not-found page goes with the open pages too: a reader who
	// mistypes an address meanwhile sees the change.
	nf, err := r.NotFound(out)
	if err != nil {
		return nil, err
	}
	diags = append(diags, nf...)
	diags = slices.Concat(f.diags, diags)
	if diags.Err() != nil {
		return nil, f.fail(ctx, diags)
	}
	clk.done("render", "files")
	var fw diag.List
	if res.Files, fw, err = s.writeFiles(r, f, out); err != nil {
		return nil, err
	}
	if diags = append(diags, applyChecks(fw, f.cfg.Checks)...); diags.Err() != nil {
		return nil, f.fail(ctx, diags)
	}
	clk.done("files", "extras")
	if err := s.writeExtras(ctx, r, f.site, s.cur.analyses, out); err != nil {
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

// parseTOC returns ParseTOC for splitTOCs, parsing a navigation file once
// while it is unchanged: Adobe's handbook has 10 TOC.md files of 1,000 and
// more lines, and parsing them was most of a one-page rebuild. It is also
// what tells a page named summary.md from navigation once the page's body
// is let go of (trimSource): the parse of its body is kept with it.
func (s *Session) parseTOC(md *markdown.Converter) func(*source.Doc) markdown.TOCFile {
	old := s.tocFiles
	s.tocFiles = map[*source.Doc]markdown.TOCFile{}
	return func(d *source.Doc) markdown.TOCFile {
		f, ok := old[d]
		if !ok {
			f = md.ParseTOC(d.Body)
		}
		s.tocFiles[d] = f
		return f
	}
}

// writeFiles writes the content files, from the cache where it can, and
// the theme's assets, noting their names.
func (s *Session) writeFiles(r *render.Renderer, f *front, out *output.Collector) (int, diag.List, error) {
	w := &filePacker{out: out}
	contentRead := func(name string) ([]byte, error) { return sitefs.ReadFile(f.contentFS, name, sitefs.MaxFileSize) }
	n, warns, err := r.Files(w, w.cached(s.fileData, contentRead, nil))
	if err != nil {
		return n, nil, err
	}
	if s.staticData == nil {
		s.staticData = map[string]*contentFile{}
	}
	// The changes of a static file are told by its size and time: the
	// folder may hold a node_modules/, whose changes the watcher does not
	// name.
	staticRead := func(name string) ([]byte, error) { return sitefs.ReadFile(f.staticFS, name, sitefs.MaxFileSize) }
	staticStat := func(name string) fs.FileInfo {
		info, _ := fs.Stat(f.staticFS, name)
		return info
	}
	m, err := r.Static(w, w.cached(s.staticData, staticRead, staticStat))
	n += m
	if err != nil {
		return n, nil, err
	}
	if s.assetData == nil {
		s.assetData = map[string]*contentFile{}
	}
	rec := newRecorder(w)
	m, err = r.Assets(rec, s.highlightCSS(f.cfg), w.cached(s.assetData, f.th.ReadAsset, nil))
	s.cur.assetNames = rec.names
	return n + m, warns, err
}

// cached returns a reader that reads each file with read once and keeps
// it in kept, and has w write it packed once; with stat set, a kept file
// whose size or time changed is read again.
func (w *filePacker) cached(kept map[string]*contentFile, read func(name string) ([]byte, error), stat func(name string) fs.FileInfo) func(name string) ([]byte, error) {
	return func(name string) ([]byte, error) {
		cf := kept[name]
		var info fs.FileInfo
		if stat != nil {
			info = stat(name)
			if cf != nil && (info == nil || cf.size != info.Size() || !cf.mod.Equal(info.ModTime())) {
				cf = nil
			}
		}
		if cf == nil {
			data, err := read(name)
			if err != nil {
				return nil, err
			}
			cf = &contentFile{data: data}
			if info != nil {
				cf.size, cf.mod = info.Size(), info.ModTime()
			}
			kept[name] = cf
		}
		w.last = cf
		return cf.data, nil
	}
}

// contentFile is a content file as a session keeps it between runs: its
// bytes and, once written, the name it was written under, packed.
type contentFile struct {
	data      []byte
	name, rel string // as written, and as kept
	packed    output.Packed
	// size and mod are a static file's, when it was read.
	size int64
	mod  time.Time
}

// filePacker writes the files that Renderer.Files, Static and Assets
// read, each packed once while it is unchanged: compressing a site's
// files again on every run was most of a rebuild of a handbook with 400
// of them.
type filePacker struct {
	out  *output.Collector
	last *contentFile // the file read last, which is written next
}

func (w *filePacker) WriteFile(name string, data []byte) error {
	cf := w.last
	if cf == nil || len(cf.data) != len(data) || len(data) > 0 && &cf.data[0] != &data[0] {
		return w.out.WriteFile(name, data)
	}
	if cf.name == name {
		w.out.Put(cf.rel, cf.packed)
		return nil
	}
	rel, p, err := w.out.Keep(name, data)
	if err == nil {
		cf.name, cf.rel, cf.packed = name, rel, p
	}
	return err
}

// writeExtras writes the sitemap, robots.txt, aliases and feeds, or in a
// partial run that kept the model those of the last good build, and the
// search index (see searchMode).
func (s *Session) writeExtras(ctx context.Context, r *render.Renderer, site *model.Site, analyses map[string]*search.Analysis, out *output.Collector) error {
	if s.cur.partial && !s.cur.extras {
		s.keepExtras(out)
	} else {
		rec := newRecorder(out)
		if err := r.Extras(rec); err != nil {
			return err
		}
		s.cur.extraNames = rec.names
	}
	if mode := s.searchMode(); mode != searchBuild {
		s.keepSearch(out, mode, site.Files())
		return nil
	}
	files := render.SearchFiles(site, analyses, s.search)
	if err := render.WriteFiles(ctx, out, files); err != nil {
		return err
	}
	s.cur.searchNames = make(map[string]bool, len(files))
	for _, f := range files {
		s.cur.searchNames[f.Name] = true
	}
	return nil
}
