package build

import (
	"bytes"
	"cmp"
	"context"
	"crypto/sha256"
	"fmt"
	"io/fs"
	"maps"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/playbookhq/playbook/generator/config"
	"github.com/playbookhq/playbook/generator/diag"
	"github.com/playbookhq/playbook/generator/gitinfo"
	"github.com/playbookhq/playbook/generator/include"
	"github.com/playbookhq/playbook/generator/markdown"
	"github.com/playbookhq/playbook/generator/model"
	"github.com/playbookhq/playbook/generator/output"
	"github.com/playbookhq/playbook/generator/search"
	"github.com/playbookhq/playbook/generator/sitefs"
	"github.com/playbookhq/playbook/generator/source"
	"github.com/playbookhq/playbook/generator/theme"
)

// This file holds the incremental rebuild of a site kept in memory
// (Config.Memory), for the preview server. The pipeline is the one of
// buildTo; at each step an *incState (nil for a one-off build) decides what
// can be taken from the previous build.
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

// incState is what a Memory builder keeps between builds. It is used under
// Builder.mu.
type incState struct {
	// The changes the next run must look at: absolute paths, or all.
	changed []string
	all     bool

	// Derived by begin for the current run.
	content  map[string]bool // changed paths in the content folder; "." is all of it
	includes bool            // files that pages may include changed
	theme    bool            // templates or interface strings changed
	assets   bool            // theme assets changed

	// Caches that follow the files on disk, also across failed builds.
	cfg        *config.Config
	md         *markdown.Converter
	th         *theme.Theme
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
	// searchSlot holds a token while FinishSearch builds an index.
	searchSlot chan struct{}
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
	partial   bool // the output holds what changed; the last good site the rest
	textsNew  bool // some page's text may have changed
}

// Rebuild updates the site in Config.Memory after the files named in changed
// were created, modified, renamed or removed. Paths are absolute or relative
// to SourceDir and may name folders; paths that are no input of the site
// are ignored. A nil changed means that anything may have changed: every
// file is read again (and still only changed pages are re-rendered).
//
// Rebuild re-renders only the pages the changes affect, and the result is
// byte for byte that of a full build of the same files, except that the
// search index may be left for FinishSearch (Result.SearchPending). When the
// site has errors, Rebuild returns a *diag.ListError and Memory keeps the
// last good site. Without Config.Memory, Rebuild is Build.
func (b *Builder) Rebuild(ctx context.Context, changed []string) (*Result, error) {
	if b.cfg.Memory == nil {
		return b.Build(ctx)
	}
	start := time.Now()
	b.mu.Lock()
	defer b.mu.Unlock()
	inc := b.inc
	if changed == nil {
		inc.all = true
	}
	inc.changed = append(inc.changed, changed...)
	col := &collector{files: map[string][]byte{}}
	inc.cur = &runState{}
	res, err := b.buildTo(ctx, writeTo(col), inc)
	cur := inc.cur
	inc.cur = nil
	if err != nil {
		return nil, err
	}
	mem := b.cfg.Memory
	if cur.partial {
		// The output holds what changed; the rest is the last good site.
		// Theme assets were all written again; those not written are gone.
		var removed []string
		for n := range inc.good.assetNames {
			if _, ok := col.files[n]; !ok {
				removed = append(removed, n)
			}
		}
		names := slices.Concat(slices.Collect(maps.Keys(col.files)), removed)
		snap, err := mem.Update(inc.good.snap, col.files, removed)
		if err != nil {
			return nil, err
		}
		cur.snap = snap
		res.Changed = changedNames(inc.good.snap, snap, names)
	} else {
		if err := mem.Publish(col.files); err != nil {
			return nil, err
		}
		cur.snap = mem.Snapshot()
		if inc.good != nil {
			res.Changed = changedFiles(inc.good.snap, cur.snap)
		}
	}
	res.SearchPending = cur.searchStale
	inc.good = cur
	res.Duration = time.Since(start)
	return res, nil
}

// FinishSearch brings the search index of the site in Memory up to date
// after a Rebuild that left it pending, and returns the files that changed.
// It does nothing when the index is current. The index is built without
// holding up Rebuild; when ctx is cancelled or a Rebuild publishes a newer
// site meanwhile, the work is dropped and the index stays pending.
func (b *Builder) FinishSearch(ctx context.Context) ([]string, error) {
	if b.cfg.Memory == nil {
		return nil, nil
	}
	b.mu.Lock()
	good := b.inc.good
	b.mu.Unlock()
	if good == nil || !good.searchStale {
		return nil, nil
	}
	// The site and parses of a published build are not changed by later
	// builds (they reuse them read-only), so the index can be built
	// without the lock. It cannot be stopped half way, so a cancelled one
	// runs on; one at a time, so that cancelled ones do not pile up.
	select {
	case b.inc.searchSlot <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	done := make(chan []search.File, 1)
	go func() {
		defer func() { <-b.inc.searchSlot }()
		done <- searchFiles(good.site, good.docs)
	}()
	var files []search.File
	select {
	case <-ctx.Done():
		return nil, ctx.Err()
	case files = <-done:
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.inc.good != good {
		return nil, nil // a newer build; its own index is pending
	}
	next := *good
	next.searchNames = map[string]bool{}
	changed := map[string][]byte{}
	for _, f := range files {
		changed[f.Name] = f.Data
		next.searchNames[f.Name] = true
	}
	var removed []string
	for n := range good.searchNames {
		if !next.searchNames[n] {
			removed = append(removed, n)
		}
	}
	names := slices.Concat(slices.Collect(maps.Keys(changed)), removed)
	snap, err := b.cfg.Memory.Update(good.snap, changed, removed)
	if err != nil {
		return nil, err
	}
	next.snap, next.searchStale = snap, false
	b.inc.good = &next
	return changedNames(good.snap, snap, names), nil
}

// changedFiles lists the files that differ between two sites, sorted.
func changedFiles(old, cur *output.Snapshot) []string {
	out := []string{}
	for name, data := range cur.All() {
		if prev, ok := old.Get(name); !ok || !sameBytes(prev, data) {
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
		prev, inOld := old.Get(name)
		data, inCur := cur.Get(name)
		if inOld != inCur || !sameBytes(prev, data) {
			out = append(out, name)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

func sameBytes(a, b []byte) bool {
	if len(a) != len(b) {
		return false
	}
	return len(a) == 0 || &a[0] == &b[0] || bytes.Equal(a, b)
}

func setOf(list []string) map[string]bool {
	m := make(map[string]bool, len(list))
	for _, s := range list {
		m[s] = true
	}
	return m
}

// begin classifies the changes of this run against the configuration just
// loaded. A nil inc, for a one-off build, does nothing.
func (inc *incState) begin(b *Builder, cfg *config.Config) {
	if inc == nil {
		return
	}
	if inc.cfg == nil || !reflect.DeepEqual(inc.cfg, cfg) {
		// A new configuration may change every path and page: start over,
		// keeping only the last good build to compare with.
		*inc = incState{cur: inc.cur, good: inc.good, all: true, themeGen: inc.themeGen, assetGen: inc.assetGen, searchSlot: inc.searchSlot}
		inc.cur.full = true
		inc.cfg = cfg
	}
	inc.cur.cfg = inc.cfg
	if inc.good == nil || inc.good.cfg != inc.cfg {
		inc.cur.full = true
	}
	inc.content, inc.includes, inc.theme, inc.assets = map[string]bool{}, false, false, false
	if inc.all || inc.dirty {
		inc.content["."] = true
		inc.includes, inc.theme, inc.assets = true, true, true
		inc.gitLoaded = false
	}
	themeDir := "themes/" + cfg.Theme
	for _, p := range inc.changed {
		if !filepath.IsAbs(p) {
			p = filepath.Join(b.abs, p)
		}
		rel, err := filepath.Rel(b.abs, p)
		if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			continue
		}
		rel = filepath.ToSlash(rel)
		switch {
		case rel == ".":
			inc.content["."] = true
			inc.includes, inc.theme, inc.assets = true, true, true
		case rel == cfg.ContentDir || strings.HasPrefix(rel, cfg.ContentDir+"/"):
			c := strings.TrimPrefix(strings.TrimPrefix(rel, cfg.ContentDir), "/")
			if c == "" {
				c = "."
			}
			inc.content[c] = true
			inc.includes = true // it may be an included file
		case strings.HasPrefix(rel, themeDir+"/assets/"):
			inc.assets = true
		case rel == "themes" || rel == themeDir || strings.HasPrefix(rel, themeDir+"/"),
			rel == "i18n" || strings.HasPrefix(rel, "i18n/"):
			inc.theme, inc.assets = true, true
		case rel == config.FileName:
			// Loaded every time; a change that matters reset everything above.
		default:
			inc.includes = true // included files may live anywhere in the site
		}
	}
	inc.changed, inc.all, inc.dirty = nil, false, true
}

// loadTheme loads the theme, or reuses the last one when no theme file
// changed.
func (inc *incState) loadTheme(b *Builder, cfg *config.Config) (*theme.Theme, *theme.Strings, diag.List) {
	if inc == nil {
		return b.loadTheme(cfg)
	}
	if inc.theme || inc.assets || !inc.themeOK {
		inc.th, inc.strs, inc.themeDiags = b.loadTheme(cfg)
		inc.assetGen++
		if inc.theme || !inc.themeOK {
			inc.themeGen++
		}
		inc.themeOK = true
	}
	inc.cur.themeGen, inc.cur.assetGen = inc.themeGen, inc.assetGen
	return inc.th, inc.strs, slices.Clone(inc.themeDiags)
}

// converter returns the Markdown converter for cfg: the same one while the
// configuration stays the same, so that cached parses stay valid.
func (inc *incState) converter(cfg *config.Config) *markdown.Converter {
	if inc == nil {
		return markdown.New(markdown.WithUnsafe(cfg.Unsafe))
	}
	if inc.md == nil {
		inc.md = markdown.New(markdown.WithUnsafe(cfg.Unsafe))
	}
	return inc.md
}

// load lists and reads the content, as source.Load does, re-reading only
// what changed.
func (inc *incState) load(ctx context.Context, contentFS fs.FS, opts source.Options) (*source.Set, diag.List) {
	if inc == nil {
		return source.Load(ctx, contentFS, opts)
	}
	if inc.docs == nil {
		inc.docs, inc.fileData = map[string]*docEntry{}, map[string][]byte{}
	}
	var toRead []string
	if !inc.walked || inc.content["."] {
		md, files, d := source.Walk(ctx, contentFS, ".")
		inc.mdPaths, inc.files, inc.walkDiags = setOf(md), setOf(files), d
		inc.mdSorted, inc.filesSorted = nil, nil
		inc.fileData = map[string][]byte{}
		toRead = md
		inc.walked = true
	} else {
		for _, c := range slices.Sorted(maps.Keys(inc.content)) {
			toRead = append(toRead, inc.rescan(ctx, contentFS, c)...)
		}
	}
	inc.read(ctx, contentFS, toRead, opts)
	if inc.mdSorted == nil {
		for p := range inc.docs {
			if !inc.mdPaths[p] {
				delete(inc.docs, p)
			}
		}
	}
	if inc.mdSorted == nil {
		inc.mdSorted = slices.Sorted(maps.Keys(inc.mdPaths))
	}
	if inc.filesSorted == nil {
		inc.filesSorted = slices.Sorted(maps.Keys(inc.files))
	}
	set := &source.Set{Files: slices.Clone(inc.filesSorted)}
	diags := slices.Clone(inc.walkDiags)
	for _, p := range inc.mdSorted {
		if e := inc.docs[p]; e != nil {
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
func (inc *incState) rescan(ctx context.Context, contentFS fs.FS, c string) []string {
	under := func(p string) bool { return p == c || strings.HasPrefix(p, c+"/") }
	before := len(inc.mdPaths) + len(inc.files)
	wasMD, wasFile := inc.mdPaths[c], inc.files[c]
	info, err := fs.Lstat(contentFS, c)
	if (wasMD || wasFile) && err == nil && info.Mode().IsRegular() {
		// A known file written again: nothing else changes in the listing
		// (a file has nothing under it).
		delete(inc.fileData, c)
		if wasMD {
			return []string{c}
		}
		return nil
	}
	for p := range inc.mdPaths {
		if under(p) {
			delete(inc.mdPaths, p)
		}
	}
	for p := range inc.files {
		if under(p) {
			delete(inc.files, p)
		}
	}
	defer func() {
		// The listings stay as they were only when a single file was
		// written again.
		if len(inc.mdPaths)+len(inc.files) != before || wasMD != inc.mdPaths[c] || wasFile != inc.files[c] || !wasMD && !wasFile {
			inc.mdSorted, inc.filesSorted = nil, nil
		}
	}()
	for p := range inc.fileData {
		if under(p) {
			delete(inc.fileData, p)
		}
	}
	inc.walkDiags = slices.DeleteFunc(inc.walkDiags, func(d diag.Diagnostic) bool { return under(d.Pos.File) })
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
		inc.walkDiags.Warn(diag.Pos{File: c}, "symbolic link skipped: links may point outside the site")
		return nil
	}
	md, files, d := source.Walk(ctx, contentFS, c)
	for _, p := range md {
		inc.mdPaths[p] = true
	}
	for _, p := range files {
		inc.files[p] = true
	}
	inc.walkDiags = append(inc.walkDiags, d...)
	return md
}

// read reads Markdown files through source.Read, skipping those whose
// content is what the cache holds.
func (inc *incState) read(ctx context.Context, contentFS fs.FS, paths []string, opts source.Options) {
	hashes := make([][32]byte, len(paths))
	same := make([]bool, len(paths))
	parallel(ctx, len(paths), func(i int) {
		old := inc.docs[paths[i]]
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
		inc.docs[p] = e
	}
}

// contentHash hashes a Markdown file as source keeps it, without a byte
// order mark.
func contentHash(src []byte) [32]byte {
	return sha256.Sum256(bytes.TrimPrefix(src, []byte("\xEF\xBB\xBF")))
}

// parseAll parses the pages, reusing the parse of every page whose file is
// unchanged and whose included files cannot have changed.
func (inc *incState) parseAll(ctx context.Context, md *markdown.Converter, docs []*source.Doc, opts include.Options) ([]*markdown.Doc, diag.List) {
	if inc == nil {
		return parseAll(ctx, md, docs, opts)
	}
	out := make([]*markdown.Doc, len(docs))
	entries := make([]*docEntry, len(docs))
	// Pages to parse: new or changed files, and pages whose included files
	// may have changed, if their expansion differs.
	var todo, check []int
	for i, d := range docs {
		e := inc.docs[d.Path]
		entries[i] = e
		switch {
		case e.parsed == nil:
			todo = append(todo, i)
		case inc.includes && e.directives:
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
	parallel(ctx, len(check), func(j int) {
		i := check[j]
		in, lines, diags := expandOne(docs[i], opts)
		expanded[i] = expansion{in, lines, diags}
	})
	for _, i := range check {
		e, x := inc.docs[docs[i].Path], expanded[i]
		if bytes.Equal(e.expanded, x.in.Body) && slices.Equal(e.lines, x.lines) && slices.Equal(e.idiags, x.diags) {
			out[i] = e.parsed
			continue
		}
		// A new entry, so that the page counts as changed.
		copied := *e
		copied.parsed = nil
		inc.docs[docs[i].Path] = &copied
		entries[i] = &copied
		todo = append(todo, i)
	}
	perDoc := make([]diag.List, len(docs))
	parallel(ctx, len(todo), func(j int) {
		i := todo[j]
		in, lines, idiags := expandOne(docs[i], opts)
		out[i] = md.Parse(in)
		perDoc[i] = append(slices.Clone(idiags), out[i].Diags...)
		expanded[i] = expansion{in, lines, idiags}
	})
	if ctx.Err() != nil {
		return out, nil
	}
	inc.cur.parsed = entries
	for _, i := range todo {
		e, x := entries[i], expanded[i]
		e.parsed, e.pdiags, e.input = out[i], perDoc[i], nil
		e.expanded, e.lines, e.idiags = nil, nil, nil
		if x.lines != nil {
			e.expanded, e.lines, e.idiags = x.in.Body, x.lines, x.diags
		}
	}
	var all diag.List
	for _, e := range entries {
		all = append(all, e.pdiags...)
	}
	inc.dirty = false
	return out, all
}

// pageInput returns the model's input for a page: the same one while the
// page's parse is the same.
func (inc *incState) pageInput(doc *source.Doc, md *markdown.Doc) *model.PageInput {
	if inc == nil {
		return pageInput(doc, md)
	}
	e := inc.entry(doc)
	if e.input == nil {
		e.input = pageInput(doc, md)
		e.facts = factsOf(e.input)
	}
	return e.input
}

// entry returns a doc's entry, found without a map lookup when parseAll
// saw the doc at the position the caller goes through in the same order.
func (inc *incState) entry(doc *source.Doc) *docEntry {
	cur := inc.cur
	if i := cur.next; i < len(cur.parsed) && cur.parsed[i].doc == doc {
		cur.next++
		return cur.parsed[i]
	}
	return inc.docs[doc.Path]
}

// docsByPath maps the pages' paths to their parses: for a run over the
// same pages as the last good one, a copy of its map with the pages parsed
// again replaced, which is cheaper than building it.
func (inc *incState) docsByPath(docs []*source.Doc, parsed []*markdown.Doc) map[string]*markdown.Doc {
	if inc != nil && inc.good != nil && len(inc.cur.parsed) == len(inc.good.parsed) && slices.Equal(inc.cur.pages, inc.good.pages) {
		// Parses differ where entries do, whichever run parsed them.
		m := maps.Clone(inc.good.docs)
		for i, e := range inc.cur.parsed {
			if e != inc.good.parsed[i] {
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

// factsOf hashes what a page tells other pages. Values are printed with
// %#v, so fields added to the model's input later count too (a pointer
// prints as its address, which only makes a rebuild do more); positions
// are left out.
func factsOf(in *model.PageInput) facts {
	hash := func(v ...any) [32]byte {
		h := sha256.New()
		for _, x := range v {
			fmt.Fprintf(h, "%#v\x00", x)
		}
		var out [32]byte
		h.Sum(out[:0])
		return out
	}
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
		nav:   hash(doc, rest, tasks),
		heads: hash(heads),
		links: hash(links),
		pos:   hash(in.Doc.KeyLine, in.Doc.BodyLine),
		tasks: len(in.Tasks) > 0,
	}
}

// buildModel builds the site model, or reuses the last good one when no
// page's facts changed.
func (inc *incState) buildModel(inputs []*model.PageInput, opts model.Options, review bool, facts [32]byte) (*model.Site, diag.List) {
	build := func() (*model.Site, diag.List) {
		site, d := model.Build(inputs, opts)
		if review {
			d = append(d, site.Review()...)
			d = append(d, site.ReviewDue()...)
		}
		return site, d
	}
	if inc == nil {
		return build()
	}
	cur := inc.cur
	cur.entries = make([]*docEntry, len(inputs))
	cur.pages = make([]string, len(inputs))
	cur.next = 0
	for i, in := range inputs {
		cur.entries[i] = inc.entry(in.Doc)
		cur.pages[i] = in.Doc.Path
	}
	cur.files = slices.Clone(opts.Files)
	cur.tocs = sha256.Sum256(fmt.Appendf(nil, "%#v", opts.TOCs))
	cur.reserved = opts.Reserved
	cur.facts = facts
	if site, d, ok := inc.reuseModel(); ok {
		cur.site, cur.modelDiags, cur.reused = site, d, true
		return site, slices.Clone(d)
	}
	site, d := build()
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
func (inc *incState) reuseModel() (*model.Site, diag.List, bool) {
	cur, good := inc.cur, inc.good
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
func (inc *incState) loadGit(ctx context.Context, b *Builder, cfg *config.Config) (*gitinfo.History, diag.List) {
	if inc == nil {
		return b.loadGit(ctx, cfg)
	}
	if !inc.gitLoaded {
		inc.git, inc.gitDiags = b.loadGit(ctx, cfg)
		inc.gitLoaded = ctx.Err() == nil
	}
	return inc.git, slices.Clone(inc.gitDiags)
}

// plan decides which pages the renderer renders and what it takes from the
// last good build, and starts the output.
func (inc *incState) plan(r *renderer, docs map[string]*markdown.Doc) {
	if inc == nil {
		return
	}
	cur, good := inc.cur, inc.good
	cur.docs = docs
	r.inc = inc
	r.fileData = inc.fileData
	if cur.full {
		cur.renderAll, cur.textsNew = true, true
		return
	}
	if !slices.Equal(cur.pages, good.pages) {
		cur.renderAll, cur.textsNew = true, true
		return
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
		return
	}
	only := map[*model.Page]bool{}
	for _, p := range changedPages {
		if pg := cur.site.PageByPath(p); pg != nil {
			only[pg] = true
		}
	}
	if linksChanged {
		// Pages whose backlinks changed, and pages that link, or linked,
		// to a page whose headings or links changed.
		oldByURL := make(map[string]*model.Page, len(good.site.Pages()))
		for _, p := range good.site.Pages() {
			oldByURL[p.RelURL] = p
		}
		for _, p := range cur.site.Pages() {
			if old := oldByURL[p.RelURL]; old == nil || !sameLinks(old.Backlinks(), p.Backlinks()) {
				only[p] = true
			}
		}
		for _, path := range changedPages {
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
	cur.partial = true
	r.only = only
	r.extras = !cur.reused
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

func (inc *incState) searchMode() searchMode {
	if inc == nil || inc.cur.full {
		return searchBuild
	}
	if !inc.cur.textsNew && inc.cur.reused {
		return searchKeep
	}
	return searchDefer
}

// keepSearch writes the last good build's search files again. A partial
// run's output holds them already; only those that content files of the
// same name overwrote are written again, so that they win as in a full
// build.
func (inc *incState) keepSearch(out output.Writer, mode searchMode, files [][2]string) error {
	cur, good := inc.cur, inc.good
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
		data, _ := good.snap.Get(n)
		if err := out.WriteFile(n, data); err != nil {
			return err
		}
	}
	return nil
}

// keepExtras writes the last good build's extras again, in a partial run
// that did not rebuild them, so that they still win over content files of
// the same name as in a full build.
func (inc *incState) keepExtras(out output.Writer) error {
	inc.cur.extraNames = inc.good.extraNames
	for _, n := range slices.Sorted(maps.Keys(inc.good.extraNames)) {
		data, _ := inc.good.snap.Get(n)
		if err := out.WriteFile(n, data); err != nil {
			return err
		}
	}
	return nil
}

// collector gathers a build's files for output.Mem: all of them, or in a
// partial run what changes.
type collector struct {
	mu    sync.Mutex
	files map[string][]byte
}

// WriteFile stores one file.
func (c *collector) WriteFile(name string, data []byte) error {
	rel, err := output.CleanName(name)
	if err != nil {
		return err
	}
	c.mu.Lock()
	c.files[rel] = data
	c.mu.Unlock()
	return nil
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
func (inc *incState) highlightCSS(cfg *config.Config) []byte {
	if inc == nil {
		return markdown.HighlightCSS(cfg.Highlight.Light, cfg.Highlight.Dark)
	}
	if inc.chroma == nil {
		inc.chroma = markdown.HighlightCSS(cfg.Highlight.Light, cfg.Highlight.Dark)
	}
	return inc.chroma
}
