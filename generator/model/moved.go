package model

import (
	"path"
	"slices"
	"strings"

	"github.com/playbookhq/playbook/generator/diag"
	"github.com/playbookhq/playbook/generator/source"
)

// Move says that the page now at To was once at From, both paths in the
// content folder: the git history's renames, and the redirects a
// configuration file declares (a GitBook space's .gitbook.yaml).
type Move struct {
	From, To string
	// Pos is where a configuration file declares the move, so that a
	// move to no page is reported there; zero for the history's.
	Pos diag.Pos
}

// movedURL is a URL a page had under an earlier name.
type movedURL struct {
	rel  string // without the base path
	from string // the earlier path
	// lost is set when something else has the URL (see checkURLs): a page,
	// an alias, a file or a page the site generates.
	lost bool
	// pos is where a configuration file declares the move (Move.Pos).
	pos diag.Pos
}

// Redirects returns the URLs (without the base path) that the page had
// under earlier names of its file and that nothing else has now, sorted:
// the build writes a redirect to the page at each, as for an alias.
func (p *Page) Redirects() []string {
	var out []string
	for _, m := range p.moved {
		if !m.lost {
			out = append(out, m.rel)
		}
	}
	return out
}

// addMoves gives each page the URLs of its file's earlier names. A name
// that was never published (hidden, starting with "_", not Markdown), or
// whose URL is the page's own, gives none. A declared move to no page is
// a broken link, reported as a warning where it is declared. Links may
// lead to a page through the old URLs that declared moves give it, as the
// site the configuration file was written for redirects them.
func (s *Site) addMoves() diag.List {
	var diags diag.List
	type key struct {
		p   *Page
		rel string
	}
	seen := map[key]bool{}
	s.redirected, s.movedFrom = map[string]*Page{}, map[string]*Page{}
	// Declared moves first: a rename git recorded as well is the same
	// move, and it must still let links through the old URL.
	var moves []Move
	for _, declared := range []bool{true, false} {
		for _, m := range s.opts.Moves {
			if (m.Pos.File != "") == declared {
				moves = append(moves, m)
			}
		}
	}
	for _, m := range moves {
		p := s.byPath[m.To]
		if p == nil || p.Input == nil {
			if m.Pos.File != "" {
				diags.AddKind("broken-link", diag.Warning, m.Pos, "the redirect from %s leads to %s, which is no page", strings.TrimSuffix(m.From, ".md"), m.To)
			}
			continue
		}
		if _, taken := s.movedFrom[m.From]; !taken {
			s.movedFrom[m.From] = p
		}
		rel, ok := s.pathURL(m.From, m.To)
		if !ok || rel == p.RelURL || seen[key{p, rel}] {
			continue
		}
		if _, taken := s.movedFrom[rel]; !taken {
			s.movedFrom[rel] = p
		}
		seen[key{p, rel}] = true
		p.moved = append(p.moved, &movedURL{rel: rel, from: m.From, pos: m.Pos})
		if _, taken := s.redirected[rel]; m.Pos.File != "" && !taken {
			s.redirected[rel] = p
		}
	}
	for _, p := range s.pages {
		slices.SortFunc(p.moved, func(a, b *movedURL) int { return strings.Compare(a.rel, b.rel) })
	}
	return diags
}

// movedAway returns the page whose file was once at the content path p
// (or p.md), or had the URL of one of urls (URL paths without the leading "/"), or
// nil.
func (s *Site) movedAway(p string, urls []string) *Page {
	if pg := s.movedFrom[p]; pg != nil {
		return pg
	}
	if pg := s.movedFrom[p+".md"]; pg != nil && path.Ext(p) == "" {
		return pg // a page's path without ".md", as links name pages too
	}
	for _, u := range urls {
		u = strings.TrimSuffix(strings.TrimSuffix(u, "index.html"), "/")
		if u == "" || u == "." {
			continue
		}
		if pg := s.movedFrom["/"+u+"/"]; pg != nil {
			return pg
		}
		if rel, ok := s.pathURL(u+".md", ""); ok && s.movedFrom[rel] != nil {
			return s.movedFrom[rel]
		}
	}
	return nil
}

// pathURL returns the URL the Markdown file at p, now at to, had, by its
// name alone, or false for a file that would not be a page.
func (s *Site) pathURL(p, to string) (string, bool) {
	if !source.IsMarkdown(p) {
		return "", false
	}
	for seg := range strings.SplitSeq(path.Dir(p), "/") {
		if seg != "." && (strings.HasPrefix(seg, ".") || strings.HasPrefix(seg, "_")) {
			return "", false
		}
	}
	dir, base, lang := s.splitFile(p)
	if strings.HasPrefix(base, ".") || strings.HasPrefix(base, "_") && base != "_index" {
		return "", false
	}
	var segs []string
	// A README.md was its folder's page unless the folder has an index
	// file, or a page beside the folder (guide.md for guide/) claims it
	// that is not where the README went.
	toDir, toName := path.Split(to)
	toBase, _ := s.splitLang(toName)
	wentBeside := path.Join(toDir, toBase) == dir
	readmeIsPage := s.indexFiles[folderKey{lang, dir}] || s.indexed[folderKey{lang, dir}] && !wentBeside
	switch {
	case base == "_index" || base == "index" || isReadme(base) && !readmeIsPage:
		segs = s.slugDir(dir)
	default:
		segs = append(s.slugDir(dir), slugSegment(s.docName(base)))
	}
	return s.urlFor(lang, segs), true
}
