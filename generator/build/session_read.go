package build

import (
	"bytes"
	"cmp"
	"context"
	"crypto/sha256"
	"io/fs"
	"maps"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/playbookhq/playbook/generator/config"
	"github.com/playbookhq/playbook/generator/diag"
	"github.com/playbookhq/playbook/generator/include"
	"github.com/playbookhq/playbook/generator/internal/work"
	"github.com/playbookhq/playbook/generator/markdown"
	"github.com/playbookhq/playbook/generator/model"
	"github.com/playbookhq/playbook/generator/search"
	"github.com/playbookhq/playbook/generator/sitefs"
	"github.com/playbookhq/playbook/generator/source"
	"github.com/playbookhq/playbook/generator/theme"
)

// What a Session keeps of reading and parsing the site: the configuration,
// the theme, the listing of the content and each page's read and parse.

// begin classifies the changes of this run against the configuration just
// loaded.
func (s *Session) begin(cfg *config.Config) {
	reconfigured := s.siteCfg == nil || s.siteCfg.Digest != cfg.Digest
	if reconfigured {
		s.newConfig(cfg)
	}
	s.cur.cfg = s.siteCfg
	if s.good == nil || s.good.cfg != s.siteCfg {
		s.cur.full = true
	}
	s.content, s.includes, s.theme, s.assets = map[string]bool{}, false, false, false
	if s.all || s.dirty {
		s.content["."] = true
		s.staticData, s.siteFiles = nil, nil
	}
	if s.all || s.dirty || reconfigured {
		s.includes, s.theme, s.assets = true, true, true
	}
	if s.all || s.dirty {
		s.gitLoaded = false
	}
	// A commit, checkout or reset since the history was read: its dates
	// and renames may change any page, the feeds and the sitemap.
	if s.historyMoved() {
		s.gitLoaded, s.cur.full, s.cur.fresh = false, true, true
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
// page, keeping the last good build to compare with (reuseModel keeps its
// model when the configuration builds the same one). When the pages are
// read and parsed as before (parseKey), it keeps the listing of the
// content and the pages' reads and parses too, so that only the files the
// changes name are read again: at 10,000 pages, reading them all took
// longer than the rest of a run that keeps the parses.
func (s *Session) newConfig(cfg *config.Config) {
	old := s.caches
	s.caches = caches{cur: old.cur, good: old.good, all: true, themeGen: old.themeGen, assetGen: old.assetGen, themeRoot: old.themeRoot}
	if old.siteCfg != nil && old.siteCfg.ContentDir == cfg.ContentDir {
		// The history is the site folder's, whatever the settings; its
		// warnings name the content folder. Reading it again took a
		// second on a handbook with a long history.
		s.git, s.gitDiags, s.gitLoaded, s.gitProbe = old.git, old.gitDiags, old.gitLoaded, old.gitProbe
	}
	if old.siteCfg != nil && parseKeyOf(old.siteCfg) == parseKeyOf(cfg) {
		s.md, s.docs, s.tocFiles = old.md, old.docs, old.tocFiles
		if !old.all && !old.dirty {
			s.all, s.changed = false, old.changed
			s.walked, s.mdPaths, s.files, s.walkDiags = old.walked, old.mdPaths, old.files, old.walkDiags
			s.toolExcludes = old.toolExcludes
			s.mdSorted, s.filesSorted, s.fileData = old.mdSorted, old.filesSorted, old.fileData
		}
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
	// navigation says which files are pages: with "toc", TOC.md files
	// are navigation, parsed on every run from their kept source.
	navigation string
	// exclude, the patterns joined, says which files are listed.
	exclude string
}

func parseKeyOf(cfg *config.Config) parseKey {
	return parseKey{cfg.ContentDir, cfg.Snippets, cfg.Unsafe, int64(cfg.MaxPageSize), cfg.Navigation, strings.Join(cfg.Exclude, "\x00")}
}

// classify notes what a changed path, relative to the site folder, may
// affect.
func (s *Session) classify(rel string, cfg *config.Config) {
	themeDir := "themes/" + cfg.Theme
	switch {
	case rel == ".":
		s.content["."] = true
		s.includes, s.theme, s.assets = true, true, true
		s.siteFiles = nil
	case rel == cfg.ContentDir || strings.HasPrefix(rel, cfg.ContentDir+"/"):
		c := strings.TrimPrefix(strings.TrimPrefix(rel, cfg.ContentDir), "/")
		if c == "" {
			c = "."
		}
		s.content[c] = true
		s.includes = true // it may be an included file
		if c == "." || c == sitefs.GitBookConfig || c == sitefs.EleventyIgnore || slices.Contains(codeownersFiles, rel) {
			s.siteFiles = nil // GitBook's redirects, Eleventy's ignores, docs/CODEOWNERS
		}
	case strings.HasPrefix(rel, themeDir+"/assets/"):
		s.assets, s.includes = true, true
	case rel == "themes" || rel == themeDir || strings.HasPrefix(rel, themeDir+"/"),
		rel == "i18n" || strings.HasPrefix(rel, "i18n/"):
		s.theme, s.assets = true, true
		s.includes = true // pages may include files from anywhere in the site
	case rel == config.FileName:
		// Loaded every time; a change that matters started over in begin.
	default:
		s.includes = true // included files may live anywhere in the site
		s.siteFiles = nil // CODEOWNERS, redirects, another tool's settings
		if st, ok := strings.CutPrefix(rel+"/", cfg.StaticDir+"/"); ok && cfg.StaticDir != "" {
			// A static file written again: read it again, whatever its
			// size and time say ("cp -p" keeps both).
			for p := range s.staticData {
				if strings.HasPrefix(p+"/", st) {
					delete(s.staticData, p)
				}
			}
		}
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
		s.assetGen, s.assetData = s.assetGen+1, nil
		if s.theme || !s.themeOK {
			s.themeGen++
		}
		s.themeOK = true
	}
	s.cur.themeGen, s.cur.assetGen = s.themeGen, s.assetGen
	return s.th, s.strs, slices.Clone(s.themeDiags)
}

// converter returns the Markdown converter for cfg and the site's files:
// the same one while they stay the same, so that cached parses stay valid.
// It keeps the pages' HTML packed, as the session keeps every page.
func (s *Session) converter(cfg *config.Config) *markdown.Converter {
	if s.md == nil {
		s.md = newConverter(cfg, s.siteFiles, markdown.WithPackedHTML())
	}
	return s.md
}

// reparse starts over with the reading and parsing of pages, for a change
// of the site's files that changes how pages parse (a Hugo configuration
// added or removed): parsed pages keep no source to parse again.
func (s *Session) reparse() {
	s.md, s.docs, s.tocFiles, s.walked = nil, nil, nil, false
	s.cur.full, s.cur.fresh = true, true
}

// load lists and reads the content, as source.Load does, re-reading only
// what changed.
func (s *Session) load(ctx context.Context, contentFS fs.FS, opts source.Options) (*source.Set, diag.List) {
	if s.docs == nil {
		s.docs, s.fileData = map[string]*docEntry{}, map[string]*contentFile{}
	}
	var toRead []string
	if !s.walked || s.content["."] {
		md, files, d := source.Walk(ctx, contentFS, ".", opts.Exclude)
		s.mdPaths, s.files, s.walkDiags = setOf(md), setOf(files), d
		s.mdSorted, s.filesSorted = nil, nil
		s.fileData = map[string]*contentFile{}
		toRead = md
		s.walked = true
	} else {
		for _, c := range slices.Sorted(maps.Keys(s.content)) {
			toRead = append(toRead, s.rescan(ctx, contentFS, c, opts.Exclude)...)
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
	// The category files are read again when the listing or one of them
	// changed, not on every run.
	if s.filesSorted == nil || s.catFiles == nil || slices.ContainsFunc(slices.Collect(maps.Keys(s.content)), source.IsCategoryFile) {
		if s.filesSorted == nil {
			s.filesSorted = slices.Sorted(maps.Keys(s.files))
		}
		s.cats, s.catFiles, s.catDiags = source.SplitCategories(ctx, contentFS, s.filesSorted)
	}
	set := &source.Set{Categories: s.cats, Files: slices.Clone(s.catFiles)}
	diags := slices.Concat(s.walkDiags, s.catDiags)
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
func (s *Session) rescan(ctx context.Context, contentFS fs.FS, c string, exclude source.Exclude) []string {
	switch path.Base(c) {
	case ".gitbook":
		c += "/assets" // the only part of it that is content
	case sitefs.AwesomePages:
		// Hidden, so not to be looked at on its own: its folder's
		// listing says whether it is there.
		c = path.Dir(c)
	}
	under := func(p string) bool { return c == "." || p == c || strings.HasPrefix(p, c+"/") }
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
	if c != "." && source.IgnoredPath(c, info.IsDir()) {
		return nil
	}
	if !info.IsDir() && source.NestedTooDeep(c, false) {
		return nil // in a folder a full walk skips (Walk skips a folder with its warning)
	}
	if exclude.Within(c, info.IsDir()) {
		return nil
	}
	if info.Mode()&fs.ModeSymlink != 0 {
		// Walk would follow a link given as its root; a full walk skips it
		// with this warning.
		s.walkDiags.SymlinkSkipped(diag.Pos{File: c})
		return nil
	}
	md, files, d := source.Walk(ctx, contentFS, c, exclude)
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

// contentHash hashes a Markdown file as source keeps it, without a byte
// order mark.
func contentHash(src []byte) [32]byte {
	return sha256.Sum256(bytes.TrimPrefix(src, []byte("\xEF\xBB\xBF")))
}

// aloneMax is the most pages a run parses again with word counters of
// their own. A change to more (a new configuration, another branch checked
// out) shares the session's counters, which keep its words: the next such
// change mostly finds the same words again.
const aloneMax = 100

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
	expanded := make([]*expansion, len(docs))
	todo = append(todo, s.recheck(ctx, docs, entries, out, expanded, check, opts)...)
	perDoc := make([]diag.List, len(docs))
	analyses := make([]*search.Analysis, len(docs))
	// The words of the pages an edit changes are counted apart, so that
	// they go with the page's next version instead of staying in the
	// session's counters.
	alone := s.good != nil && len(todo) <= aloneMax
	work.Each(ctx, len(todo), func(j int) {
		i := todo[j]
		if expanded[i] == nil {
			expanded[i] = expandPage(docs[i], opts)
		}
		x := expanded[i]
		out[i] = md.Parse(x.in)
		analyses[i] = analyze(s.search, docs[i], out[i], alone)
		perDoc[i] = append(slices.Clone(x.x.Diags), out[i].Diags...)
	})
	if ctx.Err() != nil {
		return out, nil
	}
	s.cur.parsed = entries
	for _, i := range todo {
		e, x := entries[i], expanded[i]
		e.parsed, e.pdiags, e.input, e.analysis = out[i], perDoc[i], nil, analyses[i]
		e.expanded, e.reads, e.readsSum = x.sum, x.x.Reads, x.readsSum
		if !e.directives && !s.cfg.Review {
			// The review checks read the source, and a page with include
			// directives is expanded again when an included file changes.
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

// expansion is a page body with its include directives expanded, its sum
// (docEntry.expanded), and the digest of the files that read.
type expansion struct {
	in            markdown.Input
	x             include.Expansion
	sum, readsSum [32]byte
}

func expandPage(d *source.Doc, opts include.Options) *expansion {
	in, x := expandOne(d, opts)
	ex := &expansion{in: in, x: x}
	if x.Lines != nil { // a page with directives
		ex.sum, ex.readsSum = hashJSON(x.Body, x.Lines, x.Diags), opts.Digest(x.Reads)
	}
	return ex
}

// recheck looks again at the pages of check (indexes into docs), which
// have include directives, after files they may include changed. A page
// whose included files read as they did expands as it did; the others
// are expanded again, into expanded. Those that expand as before keep
// their parse, in out; recheck returns the rest, which have new entries.
func (s *Session) recheck(ctx context.Context, docs []*source.Doc, entries []*docEntry, out []*markdown.Doc, expanded []*expansion, check []int, opts include.Options) (todo []int) {
	same := make([]bool, len(check))
	work.Each(ctx, len(check), func(j int) {
		i := check[j]
		if e := entries[i]; opts.Digest(e.reads) == e.readsSum {
			same[j] = true
			return
		}
		expanded[i] = expandPage(docs[i], opts)
	})
	for j, i := range check {
		e, x := entries[i], expanded[i]
		if same[j] {
			out[i] = e.parsed
			continue
		}
		if e.expanded == x.sum {
			// A change the page does not show, such as another
			// section of the snippets file.
			out[i] = e.parsed
			e.reads, e.readsSum = x.x.Reads, x.readsSum
			continue
		}
		// A new entry, so that the page counts as changed.
		copied := *e
		copied.parsed = nil
		s.docs[docs[i].Path] = &copied
		entries[i] = &copied
		todo = append(todo, i)
	}
	return todo
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

// docsByPath maps the pages' paths to their parses and their analyses for
// the search index: for a run over the same pages as the last good one,
// copies of its maps with the pages parsed again replaced, which is
// cheaper than building them.
func (s *Session) docsByPath(docs []*source.Doc, parsed []*markdown.Doc) (map[string]*markdown.Doc, map[string]*search.Analysis) {
	if s.good != nil && len(s.cur.parsed) == len(s.good.parsed) && slices.Equal(s.cur.pages, s.good.pages) {
		// Parses differ where entries do, whichever run parsed them.
		m, a := maps.Clone(s.good.docs), maps.Clone(s.good.analyses)
		for i, e := range s.cur.parsed {
			if e != s.good.parsed[i] {
				m[docs[i].Path], a[docs[i].Path] = parsed[i], e.analysis
			}
		}
		return m, a
	}
	m := make(map[string]*markdown.Doc, len(docs))
	a := make(map[string]*search.Analysis, len(docs))
	for i, doc := range docs {
		m[doc.Path], a[doc.Path] = parsed[i], s.cur.parsed[i].analysis
	}
	return m, a
}
