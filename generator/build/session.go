package build

import (
	"bytes"
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"io/fs"
	"maps"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/playbookhq/playbook/generator/config"
	"github.com/playbookhq/playbook/generator/diag"
	"github.com/playbookhq/playbook/generator/gitinfo"
	"github.com/playbookhq/playbook/generator/include"
	"github.com/playbookhq/playbook/generator/internal/work"
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
// the next one re-read everything, and a new configuration drops every
// cache. The search index, whose cost grows with the whole site, is left to
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
	// hot, when set, names the pages readers have open (site files such
	// as "guide/index.html"); see SetHot.
	hot func() []string
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
	s := &Session{cfg: cfg, abs: cfg.SourceDir, mem: mem, searchSlot: make(chan struct{}, 1)}
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
	walked             bool
	mdPaths            map[string]bool
	files              map[string]bool
	walkDiags          diag.List
	// mdSorted and filesSorted list mdPaths and files, sorted; nil when
	// they changed.
	mdSorted, filesSorted []string
	docs                  map[string]*docEntry
	fileData              map[string][]byte
	chroma                []byte
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
	// directives says that the body has include directives; expanded is
	// the body after their expansion, with its line map and diagnostics.
	directives bool
	expanded   []byte
	lines      include.LineMap
	idiags     diag.List
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
	pages      []string // the pages' source paths, sorted
	files      []string
	tocs       [32]byte
	// reserved are the paths the build writes itself (model.Options).
	reserved []model.Reserved
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
	full      bool // nothing from an earlier build can be trusted
	reused    bool // the previous site model was reused
	renderAll bool
	// rest is set on a run that rendered the open pages only: what
	// FinishRender renders the whole site from.
	rest     *front
	extras   bool // a partial run renders the extras again (the model changed)
	partial  bool // the output holds what changed; the last good site the rest
	textsNew bool // some page's text may have changed
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
	if err := s.publish(cur, col, res); err != nil {
		return nil, err
	}
	res.SearchPending, res.RenderPending = cur.searchStale, cur.rest != nil
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
	// Theme assets were all written again; those not written are gone.
	var removed []string
	for n := range s.good.assetNames {
		if !col.Has(n) {
			removed = append(removed, n)
		}
	}
	names := slices.Concat(col.Names(), removed)
	snap := s.mem.Update(s.good.snap, col, removed)
	cur.snap = snap
	res.Changed = changedNames(s.good.snap, snap, names)
	return nil
}

// FinishSearch brings the search index of the site in memory up to date
// after a Rebuild that left it pending, and returns the files that changed.
// It does nothing when the index is current. The index is built without
// holding up Rebuild; when ctx is cancelled or a Rebuild publishes a newer
// site meanwhile, the work is dropped and the index stays pending.
func (s *Session) FinishSearch(ctx context.Context) ([]string, error) {
	s.mu.Lock()
	good := s.good
	s.mu.Unlock()
	if good == nil || !good.searchStale {
		return nil, nil
	}
	// The site and parses of a published build are not changed by later
	// builds (they reuse them read-only), so the index can be built
	// without the lock. It cannot be stopped half way, so a cancelled one
	// runs on; one at a time, so that cancelled ones do not pile up.
	select {
	case s.searchSlot <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	done := make(chan []search.File, 1)
	go func() {
		defer func() { <-s.searchSlot }()
		done <- render.SearchFiles(good.site, good.docs)
	}()
	var files []search.File
	select {
	case <-ctx.Done():
		return nil, ctx.Err()
	case files = <-done:
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.good != good {
		return nil, nil // a newer build; its own index is pending
	}
	next := *good
	next.searchNames = map[string]bool{}
	changed := s.mem.NewCollector()
	for _, f := range files {
		if err := changed.WriteFile(f.Name, f.Data); err != nil {
			return nil, err
		}
		next.searchNames[f.Name] = true
	}
	var removed []string
	for n := range good.searchNames {
		if !next.searchNames[n] {
			removed = append(removed, n)
		}
	}
	names := slices.Concat(changed.Names(), removed)
	snap := s.mem.Update(good.snap, changed, removed)
	next.snap, next.searchStale = snap, false
	s.good = &next
	return changedNames(good.snap, snap, names), nil
}

// run is the pipeline of Builder.run, each stage taking from the caches
// what the changes leave valid.
func (s *Session) run(ctx context.Context, out *output.Collector) (*Result, error) {
	clk := newClock(s.cfg.Progress)
	root := sitefs.Dir(s.cfg.SourceDir)
	defer root.Close()
	cfg, diags := loadConfig(root, s.cfg.BaseURL)
	s.begin(cfg)
	f, err := s.front(ctx, clk, root, s.siteCfg, diags)
	if err != nil {
		return nil, err
	}
	if f.diags.Err() != nil || f.th == nil {
		return nil, finish(ctx, f.diags)
	}
	return s.back(ctx, clk, f, out)
}

// front runs the stages before rendering, as Builder.front does.
func (s *Session) front(ctx context.Context, clk *clock, root *sitefs.FS, cfg *config.Config, diags diag.List) (*front, error) {
	f := &front{cfg: cfg}
	th, strs, d := s.loadTheme(cfg)
	f.th, f.strs, diags = th, strs, append(diags, d...)
	contentFS, d := contentOf(root, cfg)
	if contentFS == nil {
		return nil, finish(ctx, append(diags, d...))
	}
	f.contentFS = contentFS
	contentPrefix := cfg.ContentDir + "/"
	clk.done("config", "load")
	set, d := s.load(ctx, contentFS, sourceOptions(cfg))
	diags = append(diags, prefix(d, contentPrefix)...)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	clk.done("load", "parse")
	f.md = s.converter(cfg)
	var tocs []model.TOC
	f.docs, tocs = splitTOCs(f.md, cfg, set.Docs)
	f.parsed, d = s.parseAll(ctx, f.md, f.docs, includeOptions(root, cfg))
	diags = append(diags, prefix(d, contentPrefix)...)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	clk.done("parse", "git")
	f.git, d = s.loadGit(ctx, cfg)
	diags = append(diags, d...)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	f.facts, d = siteFactsOf(root, cfg, f.git, s.cfg.Date)
	diags = append(diags, applyChecks(d, cfg.Checks)...)
	clk.done("git", "model")
	inputs := make([]*model.PageInput, len(f.docs))
	for i, doc := range f.docs {
		inputs[i] = s.pageInput(doc, f.parsed[i])
	}
	f.site, d = s.buildModel(inputs, modelOptions(s.cfg, cfg, set.Files, tocs, th, f.facts), f.facts.hash)
	f.diags = append(diags, prefix(applyChecks(d, cfg.Checks), contentPrefix)...)
	return f, ctx.Err()
}

// back renders what the changes affect (see plan) and writes it to out.
func (s *Session) back(ctx context.Context, clk *clock, f *front, out *output.Collector) (*Result, error) {
	titleListPages(f.site, f.strs)
	in := f.renderInput()
	in.Docs = s.docsByPath(f.docs, f.parsed)
	r := render.New(in)
	clk.done("model", "render")
	pages := s.plan(f.site, in.Docs)
	if pages == nil {
		pages = s.hotFirst(f)
	}
	res := &Result{BasePath: f.cfg.BasePath(), Today: f.facts.today, Rendered: len(f.site.Pages())}
	res.Pages, res.Sections = render.Count(f.site)
	if pages != nil {
		res.Rendered = len(pages)
	}
	diags, err := r.Pages(ctx, out, pages, clk.counter(res.Rendered))
	if err != nil {
		return nil, err
	}
	if !s.cur.partial {
		nf, err := r.NotFound(out) // it shows nothing a partial run changes
		if err != nil {
			return nil, err
		}
		diags = append(diags, nf...)
	}
	diags = slices.Concat(f.diags, diags)
	if diags.Err() != nil {
		return nil, finish(ctx, diags)
	}
	clk.done("render", "files")
	if res.Files, err = s.writeFiles(r, f, out); err != nil {
		return nil, err
	}
	clk.done("files", "extras")
	if err := s.writeExtras(ctx, r, f.site, in.Docs, out); err != nil {
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

// hotFirst returns the open pages (see SetHot) of a large site that a run
// must render in full, and marks the run as leaving the rest to
// FinishRender; nil means all pages now.
func (s *Session) hotFirst(f *front) []*model.Page {
	if s.good == nil || s.hot == nil || len(f.site.Pages()) < hotMin {
		return nil
	}
	open := setOf(s.hot())
	hot := map[*model.Page]bool{}
	for _, p := range f.site.Pages() {
		if open[strings.TrimPrefix(p.RelURL, "/")+"index.html"] {
			hot[p] = true
		}
	}
	if len(hot) == 0 {
		return nil
	}
	s.cur.partial, s.cur.extras, s.cur.rest = true, true, f
	return render.Sorted(f.site, hot)
}

// FinishRender renders the pages a Rebuild left for later
// (Result.RenderPending) and publishes the whole site, returning the files
// that changed. It does nothing when no pages are pending. Like
// FinishSearch it works without holding up Rebuild, and drops its work
// when ctx is cancelled or a Rebuild publishes a newer site meanwhile.
func (s *Session) FinishRender(ctx context.Context) ([]string, error) {
	s.mu.Lock()
	good := s.good
	s.mu.Unlock()
	if good == nil || good.rest == nil {
		return nil, nil
	}
	f := good.rest
	in := f.renderInput()
	in.Docs = good.docs
	r := render.New(in)
	col := s.mem.NewCollector()
	if _, err := r.Pages(ctx, col, nil, nil); err != nil {
		return nil, err
	}
	if _, err := r.NotFound(col); err != nil {
		return nil, err
	}
	// The rest is as the run wrote it, in the order a full build writes
	// it, so that the same files win.
	for _, fl := range f.site.Files() {
		if p, ok := good.snap.Packed(fl[1]); ok {
			col.Put(fl[1], p)
		}
	}
	for _, names := range []map[string]bool{good.assetNames, good.extraNames, good.searchNames} {
		for _, n := range slices.Sorted(maps.Keys(names)) {
			if p, ok := good.snap.Packed(n); ok {
				col.Put(n, p)
			}
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.good != good {
		return nil, nil // a newer build
	}
	s.mem.Publish(col)
	next := *good
	next.snap, next.rest, next.partial = s.mem.Snapshot(), nil, false
	s.good = &next
	return changedFiles(good.snap, next.snap), nil
}

// writeFiles writes the content files, from the cache where it can, and
// the theme's assets, noting their names.
func (s *Session) writeFiles(r *render.Renderer, f *front, out output.Writer) (int, error) {
	n, err := r.Files(out, func(name string) ([]byte, error) {
		if data, ok := s.fileData[name]; ok {
			return data, nil
		}
		data, err := sitefs.ReadFile(f.contentFS, name, sitefs.MaxFileSize)
		if err == nil {
			s.fileData[name] = data
		}
		return data, err
	})
	if err != nil {
		return n, err
	}
	rec := newRecorder(out)
	m, err := r.Assets(rec, s.highlightCSS(f.cfg))
	s.cur.assetNames = rec.names
	return n + m, err
}

// writeExtras writes the sitemap, robots.txt, aliases and feeds, or in a
// partial run that kept the model those of the last good build, and the
// search index (see searchMode).
func (s *Session) writeExtras(ctx context.Context, r *render.Renderer, site *model.Site, docs map[string]*markdown.Doc, out *output.Collector) error {
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
	files := render.SearchFiles(site, docs)
	if err := render.WriteFiles(ctx, out, files); err != nil {
		return err
	}
	s.cur.searchNames = make(map[string]bool, len(files))
	for _, f := range files {
		s.cur.searchNames[f.Name] = true
	}
	return nil
}

// changedFiles lists the files that differ between two sites, sorted.
func changedFiles(old, cur *output.Snapshot) []string {
	out := []string{}
	for name, data := range cur.All() {
		if prev, ok := old.Packed(name); !ok || !prev.Equal(data) {
			out = append(out, name)
		}
	}
	for name := range old.All() {
		if _, ok := cur.Get(name); !ok {
			out = append(out, name)
		}
	}
	slices.Sort(out)
	return out
}

// changedNames lists which of the names differ between two sites, sorted.
func changedNames(old, cur *output.Snapshot, names []string) []string {
	out := []string{}
	for _, name := range names {
		prev, inOld := old.Packed(name)
		data, inCur := cur.Packed(name)
		if inOld != inCur || !prev.Equal(data) {
			out = append(out, name)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

func setOf(list []string) map[string]bool {
	m := make(map[string]bool, len(list))
	for _, s := range list {
		m[s] = true
	}
	return m
}

// begin classifies the changes of this run against the configuration just
// loaded.
func (s *Session) begin(cfg *config.Config) {
	if s.siteCfg == nil || s.siteCfg.Digest != cfg.Digest {
		s.newConfig(cfg)
	}
	s.cur.cfg = s.siteCfg
	if s.good == nil || s.good.cfg != s.siteCfg {
		s.cur.full = true
	}
	s.content, s.includes, s.theme, s.assets = map[string]bool{}, false, false, false
	if s.all || s.dirty {
		s.content["."] = true
		s.includes, s.theme, s.assets = true, true, true
		s.gitLoaded = false
	}
	for _, p := range s.changed {
		if !filepath.IsAbs(p) {
			p = filepath.Join(s.abs, p)
		}
		rel, err := filepath.Rel(s.abs, p)
		if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			continue
		}
		s.classify(filepath.ToSlash(rel), cfg)
	}
	s.changed, s.all, s.dirty = nil, false, true
}

// newConfig starts over with a new configuration, which may change every
// path and page, keeping the last good build to compare with and, when
// the pages are read and parsed as before, the pages' reads and parses:
// the files are all read again, but only those that changed are parsed.
func (s *Session) newConfig(cfg *config.Config) {
	old := s.caches
	s.caches = caches{cur: old.cur, good: old.good, all: true, themeGen: old.themeGen, assetGen: old.assetGen, themeRoot: old.themeRoot}
	if old.siteCfg != nil && parseKeyOf(old.siteCfg) == parseKeyOf(cfg) {
		s.md, s.docs = old.md, old.docs
	}
	s.cur.full = true
	s.siteCfg = cfg
}

// parseKey is what of the configuration the reading and parsing of pages
// depend on.
type parseKey struct {
	contentDir, snippets string
	unsafe               bool
	maxPageSize          int64
}

func parseKeyOf(cfg *config.Config) parseKey {
	return parseKey{cfg.ContentDir, cfg.Snippets, cfg.Unsafe, int64(cfg.MaxPageSize)}
}

// classify notes what a changed path, relative to the site folder, may
// affect.
func (s *Session) classify(rel string, cfg *config.Config) {
	themeDir := "themes/" + cfg.Theme
	switch {
	case rel == ".":
		s.content["."] = true
		s.includes, s.theme, s.assets = true, true, true
	case rel == cfg.ContentDir || strings.HasPrefix(rel, cfg.ContentDir+"/"):
		c := strings.TrimPrefix(strings.TrimPrefix(rel, cfg.ContentDir), "/")
		if c == "" {
			c = "."
		}
		s.content[c] = true
		s.includes = true // it may be an included file
	case strings.HasPrefix(rel, themeDir+"/assets/"):
		s.assets = true
	case rel == "themes" || rel == themeDir || strings.HasPrefix(rel, themeDir+"/"),
		rel == "i18n" || strings.HasPrefix(rel, "i18n/"):
		s.theme, s.assets = true, true
	case rel == config.FileName:
		// Loaded every time; a change that matters started over in begin.
	default:
		s.includes = true // included files may live anywhere in the site
	}
}

// loadTheme loads the theme, or reuses the last one when no theme file
// changed.
func (s *Session) loadTheme(cfg *config.Config) (*theme.Theme, *theme.Strings, diag.List) {
	if s.theme || s.assets || !s.themeOK {
		// The theme reads its assets when they are written, in this run and
		// in later ones that keep it, so it reads them through a root of
		// its own that stays open while the theme is kept.
		if s.themeRoot != nil {
			s.themeRoot.Close()
		}
		s.themeRoot = sitefs.Dir(s.cfg.SourceDir)
		s.th, s.strs, s.themeDiags = loadTheme(s.themeRoot, cfg, s.cfg.DefaultTheme)
		s.assetGen++
		if s.theme || !s.themeOK {
			s.themeGen++
		}
		s.themeOK = true
	}
	s.cur.themeGen, s.cur.assetGen = s.themeGen, s.assetGen
	return s.th, s.strs, slices.Clone(s.themeDiags)
}

// converter returns the Markdown converter for cfg: the same one while the
// configuration stays the same, so that cached parses stay valid.
func (s *Session) converter(cfg *config.Config) *markdown.Converter {
	if s.md == nil {
		s.md = markdown.New(markdown.WithUnsafe(cfg.Unsafe))
	}
	return s.md
}

// load lists and reads the content, as source.Load does, re-reading only
// what changed.
func (s *Session) load(ctx context.Context, contentFS fs.FS, opts source.Options) (*source.Set, diag.List) {
	if s.docs == nil {
		s.docs, s.fileData = map[string]*docEntry{}, map[string][]byte{}
	}
	var toRead []string
	if !s.walked || s.content["."] {
		md, files, d := source.Walk(ctx, contentFS, ".")
		s.mdPaths, s.files, s.walkDiags = setOf(md), setOf(files), d
		s.mdSorted, s.filesSorted = nil, nil
		s.fileData = map[string][]byte{}
		toRead = md
		s.walked = true
	} else {
		for _, c := range slices.Sorted(maps.Keys(s.content)) {
			toRead = append(toRead, s.rescan(ctx, contentFS, c)...)
		}
	}
	s.read(ctx, contentFS, toRead, opts)
	if s.mdSorted == nil {
		for p := range s.docs {
			if !s.mdPaths[p] {
				delete(s.docs, p)
			}
		}
	}
	if s.mdSorted == nil {
		s.mdSorted = slices.Sorted(maps.Keys(s.mdPaths))
	}
	if s.filesSorted == nil {
		s.filesSorted = slices.Sorted(maps.Keys(s.files))
	}
	set := &source.Set{Files: slices.Clone(s.filesSorted)}
	diags := slices.Clone(s.walkDiags)
	for _, p := range s.mdSorted {
		if e := s.docs[p]; e != nil {
			diags = append(diags, e.diags...)
			if e.doc != nil {
				set.Docs = append(set.Docs, e.doc)
			}
		}
	}
	return set, diags
}

// rescan brings the listing of the content up to date for one changed path
// (a file or folder, which may be gone) and returns the Markdown files to
// read.
func (s *Session) rescan(ctx context.Context, contentFS fs.FS, c string) []string {
	under := func(p string) bool { return p == c || strings.HasPrefix(p, c+"/") }
	before := len(s.mdPaths) + len(s.files)
	wasMD, wasFile := s.mdPaths[c], s.files[c]
	info, err := fs.Lstat(contentFS, c)
	if (wasMD || wasFile) && err == nil && info.Mode().IsRegular() {
		// A known file written again: nothing else changes in the listing
		// (a file has nothing under it).
		delete(s.fileData, c)
		if wasMD {
			return []string{c}
		}
		return nil
	}
	for p := range s.mdPaths {
		if under(p) {
			delete(s.mdPaths, p)
		}
	}
	for p := range s.files {
		if under(p) {
			delete(s.files, p)
		}
	}
	defer func() {
		// The listings stay as they were only when a single file was
		// written again.
		if len(s.mdPaths)+len(s.files) != before || wasMD != s.mdPaths[c] || wasFile != s.files[c] || !wasMD && !wasFile {
			s.mdSorted, s.filesSorted = nil, nil
		}
	}()
	for p := range s.fileData {
		if under(p) {
			delete(s.fileData, p)
		}
	}
	s.walkDiags = slices.DeleteFunc(s.walkDiags, func(d diag.Diagnostic) bool { return under(d.Pos.File) })
	if err != nil {
		return nil // removed
	}
	// A path in an ignored folder, or an ignored file, is no page; it may
	// be an included file, which begin accounted for.
	segs := strings.Split(c, "/")
	for i, s := range segs {
		if source.Ignored(s, i < len(segs)-1 || info.IsDir()) {
			return nil
		}
	}
	if info.Mode()&fs.ModeSymlink != 0 {
		// Walk would follow a link given as its root; a full walk skips it
		// with this warning.
		s.walkDiags.Warn(diag.Pos{File: c}, "symbolic link skipped: links may point outside the site")
		return nil
	}
	md, files, d := source.Walk(ctx, contentFS, c)
	for _, p := range md {
		s.mdPaths[p] = true
	}
	for _, p := range files {
		s.files[p] = true
	}
	s.walkDiags = append(s.walkDiags, d...)
	return md
}

// read reads Markdown files through source.Read, skipping those whose
// content is what the cache holds.
func (s *Session) read(ctx context.Context, contentFS fs.FS, paths []string, opts source.Options) {
	hashes := make([][32]byte, len(paths))
	same := make([]bool, len(paths))
	work.Each(ctx, len(paths), func(i int) {
		old := s.docs[paths[i]]
		if old == nil || old.doc == nil {
			return
		}
		if src, err := sitefs.ReadFile(contentFS, paths[i], cmp.Or(opts.MaxSize, source.DefaultMaxSize)); err == nil {
			hashes[i] = contentHash(src)
			same[i] = hashes[i] == old.hash
		}
	})
	var todo []string
	for i, p := range paths {
		if !same[i] {
			todo = append(todo, p)
		}
	}
	docs, diags := source.Read(ctx, contentFS, todo, opts)
	if ctx.Err() != nil {
		return
	}
	for i, p := range todo {
		e := &docEntry{doc: docs[i], diags: diags[i]}
		if docs[i] != nil {
			e.hash = contentHash(docs[i].Src)
			e.directives = include.HasDirectives(docs[i].Body)
		}
		s.docs[p] = e
	}
}

// trimSource lets go of a parsed page's body, which the session needs no
// more: the parse holds what rendering takes, a change is found by the
// file's hash, and the model reads only the front matter (where its values
// are, for diagnostics). Pages with include directives keep theirs, to be
// expanded again when an included file changes.
func trimSource(d *source.Doc) {
	d.Src = bytes.Clone(d.Src[:d.BodyOffset()])
	d.Body = nil
}

// contentHash hashes a Markdown file as source keeps it, without a byte
// order mark.
func contentHash(src []byte) [32]byte {
	return sha256.Sum256(bytes.TrimPrefix(src, []byte("\xEF\xBB\xBF")))
}

// parseAll parses the pages, reusing the parse of every page whose file is
// unchanged and whose included files cannot have changed.
func (s *Session) parseAll(ctx context.Context, md *markdown.Converter, docs []*source.Doc, opts include.Options) ([]*markdown.Doc, diag.List) {
	out := make([]*markdown.Doc, len(docs))
	entries := make([]*docEntry, len(docs))
	// Pages to parse: new or changed files, and pages whose included files
	// may have changed, if their expansion differs.
	var todo, check []int
	for i, d := range docs {
		e := s.docs[d.Path]
		entries[i] = e
		switch {
		case e.parsed == nil:
			todo = append(todo, i)
		case s.includes && e.directives:
			check = append(check, i)
		default:
			out[i] = e.parsed
		}
	}
	type expansion struct {
		in    markdown.Input
		lines include.LineMap
		diags diag.List
	}
	expanded := make([]expansion, len(docs))
	work.Each(ctx, len(check), func(j int) {
		i := check[j]
		in, lines, diags := expandOne(docs[i], opts)
		expanded[i] = expansion{in, lines, diags}
	})
	for _, i := range check {
		e, x := s.docs[docs[i].Path], expanded[i]
		if bytes.Equal(e.expanded, x.in.Body) && slices.Equal(e.lines, x.lines) && slices.Equal(e.idiags, x.diags) {
			out[i] = e.parsed
			continue
		}
		// A new entry, so that the page counts as changed.
		copied := *e
		copied.parsed = nil
		s.docs[docs[i].Path] = &copied
		entries[i] = &copied
		todo = append(todo, i)
	}
	perDoc := make([]diag.List, len(docs))
	work.Each(ctx, len(todo), func(j int) {
		i := todo[j]
		in, lines, idiags := expandOne(docs[i], opts)
		out[i] = md.Parse(in)
		perDoc[i] = append(slices.Clone(idiags), out[i].Diags...)
		expanded[i] = expansion{in, lines, idiags}
	})
	if ctx.Err() != nil {
		return out, nil
	}
	s.cur.parsed = entries
	for _, i := range todo {
		e, x := entries[i], expanded[i]
		e.parsed, e.pdiags, e.input = out[i], perDoc[i], nil
		e.expanded, e.lines, e.idiags = nil, nil, nil
		if x.lines != nil {
			e.expanded, e.lines, e.idiags = x.in.Body, x.lines, x.diags
		}
		if !e.directives {
			trimSource(e.doc)
		}
	}
	var all diag.List
	for _, e := range entries {
		all = append(all, e.pdiags...)
	}
	s.dirty = false
	return out, all
}

// pageInput returns the model's input for a page: the same one while the
// page's parse is the same.
func (s *Session) pageInput(doc *source.Doc, md *markdown.Doc) *model.PageInput {
	e := s.entry(doc)
	if e.input == nil {
		e.input = pageInput(doc, md)
		e.facts = factsOf(e.input)
	}
	return e.input
}

// entry returns a doc's entry, found without a map lookup when parseAll
// saw the doc at the position the caller goes through in the same order.
func (s *Session) entry(doc *source.Doc) *docEntry {
	cur := s.cur
	if i := cur.next; i < len(cur.parsed) && cur.parsed[i].doc == doc {
		cur.next++
		return cur.parsed[i]
	}
	return s.docs[doc.Path]
}

// docsByPath maps the pages' paths to their parses: for a run over the
// same pages as the last good one, a copy of its map with the pages parsed
// again replaced, which is cheaper than building it.
func (s *Session) docsByPath(docs []*source.Doc, parsed []*markdown.Doc) map[string]*markdown.Doc {
	if s.good != nil && len(s.cur.parsed) == len(s.good.parsed) && slices.Equal(s.cur.pages, s.good.pages) {
		// Parses differ where entries do, whichever run parsed them.
		m := maps.Clone(s.good.docs)
		for i, e := range s.cur.parsed {
			if e != s.good.parsed[i] {
				m[docs[i].Path] = parsed[i]
			}
		}
		return m
	}
	m := make(map[string]*markdown.Doc, len(docs))
	for i, doc := range docs {
		m[doc.Path] = parsed[i]
	}
	return m
}

// factsOf hashes what a page tells other pages: its front matter and
// facts as JSON, without positions. The copies name every field of the
// model's input but those left out on purpose, so that fields added to it
// later count too.
func factsOf(in *model.PageInput) facts {
	doc := *in.Doc
	doc.Src, doc.Body, doc.KeyLine, doc.BodyLine = nil, nil, nil, 0
	rest := *in
	rest.Doc, rest.Headings, rest.Links, rest.Tasks = nil, nil, nil, nil
	heads := slices.Clone(in.Headings)
	for i := range heads {
		heads[i].Pos = diag.Pos{}
	}
	links := slices.Clone(in.Links)
	for i := range links {
		links[i].Pos = diag.Pos{}
	}
	tasks := slices.Clone(in.Tasks)
	for i := range tasks {
		tasks[i].Pos = diag.Pos{}
	}
	return facts{
		nav:   hashJSON(doc, rest, tasks),
		heads: hashJSON(heads),
		links: hashJSON(links),
		pos:   hashJSON(in.Doc.KeyLine, in.Doc.BodyLine),
		tasks: len(in.Tasks) > 0,
	}
}

// hashJSON hashes values as JSON, which sorts map keys. A value JSON
// cannot encode (front matter may hold maps with keys other than strings)
// is hashed as fmt prints it, which sorts map keys too.
func hashJSON(v ...any) [32]byte {
	h := sha256.New()
	for _, x := range v {
		data, err := json.Marshal(x)
		if err != nil {
			data = fmt.Appendf(nil, "%v", x)
		}
		h.Write(data)
		h.Write([]byte{0})
	}
	var out [32]byte
	h.Sum(out[:0])
	return out
}

// buildModel builds the site model, or reuses the last good one when no
// page's facts changed.
func (s *Session) buildModel(inputs []*model.PageInput, opts model.Options, facts [32]byte) (*model.Site, diag.List) {
	cur := s.cur
	cur.entries = make([]*docEntry, len(inputs))
	cur.pages = make([]string, len(inputs))
	cur.next = 0
	for i, in := range inputs {
		cur.entries[i] = s.entry(in.Doc)
		cur.pages[i] = in.Doc.Path
	}
	cur.files = slices.Clone(opts.Files)
	cur.tocs = hashJSON(opts.TOCs)
	cur.reserved = opts.Reserved
	cur.facts = facts
	if site, d, ok := s.reuseModel(); ok {
		cur.site, cur.modelDiags, cur.reused = site, d, true
		return site, slices.Clone(d)
	}
	site, d := buildModel(inputs, opts, s.cfg.Review)
	cur.site, cur.modelDiags = site, slices.Clone(d)
	return site, d
}

// Kinds of model diagnostics in a page whose body changed but whose facts
// did not: linkKinds stand at one of the page's links and move with it;
// fixedKinds stand at a front-matter key or on the first line, which do
// not move. Any other kind makes the model be built again.
var (
	linkKinds  = []string{"broken-link", "missing-anchor"}
	fixedKinds = []string{"orphan-page", "unknown-role", "unknown-team", "front-matter", "translation-key", "no-owner", "no-onboarding"}
)

// reuseModel returns the last good model when the pages that changed kept
// all their facts, with the diagnostics moved to the pages' new lines.
//
// The reused model's pages keep their old input: its facts are those of
// the new one apart from positions, which pages do not show, and a
// published model is never changed (FinishSearch reads it unlocked).
func (s *Session) reuseModel() (*model.Site, diag.List, bool) {
	cur, good := s.cur, s.good
	if cur.full || !slices.Equal(cur.pages, good.pages) || !slices.Equal(cur.files, good.files) || cur.tocs != good.tocs ||
		!slices.Equal(cur.reserved, good.reserved) || cur.facts != good.facts {
		return nil, nil, false
	}
	moved := map[diag.Pos]diag.Pos{}
	changed := map[string]bool{}
	move := func(a, b diag.Pos) bool {
		if prev, ok := moved[a]; ok && prev != b {
			return false
		}
		moved[a] = b
		return true
	}
	for i, e := range cur.entries {
		p, old := cur.pages[i], good.entries[i]
		if old == e {
			continue
		}
		if old.facts != e.facts || len(old.input.Headings) != len(e.input.Headings) ||
			len(old.input.Links) != len(e.input.Links) || len(old.input.Tasks) != len(e.input.Tasks) {
			return nil, nil, false
		}
		changed[p] = true
		for i := range e.input.Links {
			if !move(old.input.Links[i].Pos, e.input.Links[i].Pos) {
				return nil, nil, false
			}
		}
	}
	diags := slices.Clone(good.modelDiags)
	for i, d := range diags {
		switch np, ok := moved[d.Pos]; {
		case ok && slices.Contains(linkKinds, d.Kind):
			diags[i].Pos = np
		case ok || changed[d.Pos.File]:
			// Positions of an included file are in no page's own file.
			if !slices.Contains(fixedKinds, d.Kind) {
				return nil, nil, false
			}
		}
	}
	return good.site, diags, true
}

// loadGit reads the git history once, and again when everything is read
// again.
func (s *Session) loadGit(ctx context.Context, cfg *config.Config) (*gitinfo.History, diag.List) {
	if !s.gitLoaded {
		s.git, s.gitDiags = loadGit(ctx, s.cfg, cfg)
		s.gitLoaded = ctx.Err() == nil
	}
	return s.git, slices.Clone(s.gitDiags)
}

// plan decides which pages the renderer renders and what it takes from the
// last good build, and starts the output.
func (s *Session) plan(site *model.Site, docs map[string]*markdown.Doc) []*model.Page {
	cur, good := s.cur, s.good
	cur.docs = docs
	if cur.full {
		cur.renderAll, cur.textsNew = true, true
		return nil
	}
	if !slices.Equal(cur.pages, good.pages) {
		cur.renderAll, cur.textsNew = true, true
		return nil
	}
	var changedPages []string
	navChanged, linksChanged := false, false
	for i, p := range cur.pages {
		e, old := cur.entries[i], good.entries[i]
		if old == e {
			continue
		}
		changedPages = append(changedPages, p)
		cur.textsNew = true
		switch {
		case old == nil || old.facts.nav != e.facts.nav:
			navChanged = true
		case old.facts.heads != e.facts.heads && (old.facts.tasks || e.facts.tasks):
			navChanged = true // checklists show the heading they are under
		case old.facts.heads != e.facts.heads || old.facts.links != e.facts.links:
			linksChanged = true
		}
	}
	cur.renderAll = cur.themeGen != good.themeGen || navChanged || !slices.Equal(cur.files, good.files) || cur.tocs != good.tocs || cur.facts != good.facts
	if cur.renderAll {
		return nil
	}
	only := map[*model.Page]bool{}
	for _, p := range changedPages {
		if pg := cur.site.PageByPath(p); pg != nil {
			only[pg] = true
		}
	}
	if linksChanged {
		s.linkersOf(changedPages, only)
	}
	cur.partial = true
	cur.extras = !cur.reused
	return render.Sorted(site, only)
}

// linkersOf adds to only the pages whose backlinks changed, and the pages
// that link, or linked, to one of changed, whose headings or links
// changed.
func (s *Session) linkersOf(changed []string, only map[*model.Page]bool) {
	cur, good := s.cur, s.good
	oldByURL := make(map[string]*model.Page, len(good.site.Pages()))
	for _, p := range good.site.Pages() {
		oldByURL[p.RelURL] = p
	}
	for _, p := range cur.site.Pages() {
		if old := oldByURL[p.RelURL]; old == nil || !sameLinks(old.Backlinks(), p.Backlinks()) {
			only[p] = true
		}
	}
	for _, path := range changed {
		var linkers []*model.Page
		if pg := cur.site.PageByPath(path); pg != nil {
			linkers = append(linkers, pg.Backlinks()...)
		}
		if old := good.site.PageByPath(path); old != nil {
			linkers = append(linkers, old.Backlinks()...)
		}
		for _, q := range linkers {
			if pg := cur.site.PageByPath(q.Path); pg != nil {
				only[pg] = true
			}
		}
	}
}

// sameLinks compares two backlink lists as pages show them.
func sameLinks(a, b []*model.Page) bool {
	return slices.EqualFunc(a, b, func(x, y *model.Page) bool { return x.RelURL == y.RelURL && x.Title == y.Title })
}

// searchMode says what writeExtras does about the search index.
type searchMode int

const (
	searchBuild searchMode = iota // build it now
	searchKeep                    // the last good build's index is current
	searchDefer                   // keep the last index for now; FinishSearch builds it
)

func (s *Session) searchMode() searchMode {
	if s.cur.rest != nil {
		return searchDefer // the site is not whole yet
	}
	if s.cur.full {
		return searchBuild
	}
	if !s.cur.textsNew && s.cur.reused {
		return searchKeep
	}
	return searchDefer
}

// keepSearch writes the last good build's search files again. A partial
// run's output holds them already; only those that content files of the
// same name overwrote are written again, so that they win as in a full
// build.
func (s *Session) keepSearch(out *output.Collector, mode searchMode, files [][2]string) {
	cur, good := s.cur, s.good
	cur.searchNames = good.searchNames
	cur.searchStale = mode == searchDefer || good.searchStale
	var names []string
	if !cur.partial {
		names = slices.Sorted(maps.Keys(good.searchNames))
	} else {
		for _, f := range files {
			if n, err := output.CleanName(f[1]); err == nil && good.searchNames[n] {
				names = append(names, n)
			}
		}
	}
	for _, n := range names {
		if p, ok := good.snap.Packed(n); ok {
			out.Put(n, p)
		}
	}
}

// keepExtras writes the last good build's extras again, in a partial run
// that did not rebuild them, so that they still win over content files of
// the same name as in a full build.
func (s *Session) keepExtras(out *output.Collector) {
	s.cur.extraNames = s.good.extraNames
	for _, n := range slices.Sorted(maps.Keys(s.good.extraNames)) {
		if p, ok := s.good.snap.Packed(n); ok {
			out.Put(n, p)
		}
	}
}

// recorder notes the names written through it.
type recorder struct {
	w     output.Writer
	mu    sync.Mutex
	names map[string]bool
}

func newRecorder(w output.Writer) *recorder { return &recorder{w: w, names: map[string]bool{}} }

// WriteFile writes through and notes the name.
func (r *recorder) WriteFile(name string, data []byte) error {
	rel, err := output.CleanName(name)
	if err != nil {
		return err
	}
	r.mu.Lock()
	r.names[rel] = true
	r.mu.Unlock()
	return r.w.WriteFile(rel, data)
}

// highlightCSS returns the code-highlighting stylesheet, made once per
// configuration.
func (s *Session) highlightCSS(cfg *config.Config) []byte {
	if s.chroma == nil {
		s.chroma = markdown.HighlightCSS(cfg.Highlight.Light, cfg.Highlight.Dark)
	}
	return s.chroma
}
