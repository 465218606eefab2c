package build

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"sync"
	"time"

	"github.com/playbookhq/playbook/generator/config"
	"github.com/playbookhq/playbook/generator/diag"
	"github.com/playbookhq/playbook/generator/gitinfo"
	"github.com/playbookhq/playbook/generator/markdown"
	"github.com/playbookhq/playbook/generator/model"
	"github.com/playbookhq/playbook/generator/output"
	"github.com/playbookhq/playbook/generator/render"
	"github.com/playbookhq/playbook/generator/theme"
)

// How a Session decides what a run must redo: the facts each page tells
// the others, the model it can reuse, the pages to render again, and the
// extras and search files it keeps.

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
func (s *Session) buildModel(inputs []*model.PageInput, opts model.Options, facts [32]byte, strs *theme.Strings) (*model.Site, diag.List) {
	cur := s.cur
	cur.entries = make([]*docEntry, len(inputs))
	cur.pages = make([]string, len(inputs))
	cur.next = 0
	for i, in := range inputs {
		cur.entries[i] = s.entry(in.Doc)
		cur.pages[i] = in.Doc.Path
	}
	cur.files = slices.Clone(opts.Files)
	cur.static = slices.Clone(opts.Static)
	cur.tocs = hashJSON(opts.TOCs)
	cur.categories = hashJSON(opts.Categories)
	cur.reserved = opts.Reserved
	cur.modelCfg = modelConfigOf(opts)
	cur.facts = facts
	// New interface strings may retitle the generated list pages
	// (titleListPages), which a published model must never be: the model
	// is built again.
	if site, d, ok := s.reuseModel(); ok && !retitles(site, strs) {
		cur.site, cur.modelDiags, cur.reused, cur.model = site, d, true, s.good.model
		return site, slices.Clone(d)
	}
	site, d := buildModel(inputs, opts, s.cfg.Review, strs)
	s.models++
	cur.site, cur.modelDiags, cur.model = site, slices.Clone(d), s.models
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
// all their facts and the configuration asks for the same model, with the
// diagnostics moved to the pages' new lines.
//
// The reused model's pages keep their old input: its facts are those of
// the new one apart from positions, which pages do not show, and a
// published model is never changed (FinishSearch reads it unlocked).
func (s *Session) reuseModel() (*model.Site, diag.List, bool) {
	cur, good := s.cur, s.good
	if good == nil || cur.fresh || !sameModelConfig(good, cur) || !slices.Equal(cur.pages, good.pages) || !slices.Equal(cur.files, good.files) || !slices.Equal(cur.static, good.static) || cur.tocs != good.tocs || cur.categories != good.categories ||
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

// modelConfigOf is what of the configuration opts were made from: opts
// without the files and the site's facts, which reuseModel compares on
// their own.
func modelConfigOf(opts model.Options) model.Options {
	opts.Files, opts.Static, opts.Categories, opts.TOCs, opts.Reserved = nil, nil, nil, nil, nil
	opts.CodeOwners, opts.Today, opts.Moves = nil, time.Time{}, nil
	opts.URLLinks, opts.Docusaurus, opts.AutoSidebar, opts.MkDocsOrder = false, false, false, false
	return opts
}

// sameModelConfig reports whether the model of good is built from the
// configuration of cur: a new site title counts only when the model shows
// it (model.Site.TitledBySite), so that retitling the site re-renders the
// pages without building the model again.
func sameModelConfig(good, cur *runState) bool {
	a, b := good.modelCfg, cur.modelCfg
	if !good.site.TitledBySite() {
		a.SiteTitle, b.SiteTitle = "", ""
	}
	return hashJSON(a) == hashJSON(b)
}

// loadGit reads the git history once, and again when everything is read
// again.
func (s *Session) loadGit(ctx context.Context, cfg *config.Config) (*gitinfo.History, diag.List) {
	if !s.gitLoaded {
		if !s.cfg.NoGit {
			// Before the log, so that a commit made while it runs is
			// read by the next run.
			s.gitProbe = gitinfo.Probe(s.cfg.SourceDir)
		}
		s.git, s.gitDiags = loadGit(ctx, s.cfg, cfg)
		s.gitLoaded = ctx.Err() == nil
	}
	return s.git, slices.Clone(s.gitDiags)
}

// HistoryMoved reports whether the git history the last run read is out
// of date: a commit, checkout, reset or pull since, or a repository that
// came or went, which the next run reads (see begin). It waits for a run
// under way.
func (s *Session) HistoryMoved() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.historyMoved()
}

func (s *Session) historyMoved() bool {
	return s.gitLoaded && !s.cfg.NoGit && gitinfo.Probe(s.cfg.SourceDir) != s.gitProbe
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
	if !slices.Equal(cur.pages, good.pages) || good.rest != nil {
		// Pages added or removed; or the last run rendered the open pages
		// only, and FinishRender has not rendered the rest: they are all
		// to render, as the last run's changes call for.
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
	cur.renderAll = cur.themeGen != good.themeGen || navChanged || !slices.Equal(cur.files, good.files) || !slices.Equal(cur.static, good.static) || cur.tocs != good.tocs || cur.categories != good.categories || cur.facts != good.facts
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
// of any language that link, or linked, to one of changed, whose headings
// or links changed.
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
			linkers = append(linkers, pg.Linkers()...)
		}
		if old := good.site.PageByPath(path); old != nil {
			linkers = append(linkers, old.Linkers()...)
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
