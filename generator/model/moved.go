package model

import (
	"path"
	"slices"
	"strings"

	"github.com/playbookhq/playbook/generator/source"
)

// Move says that the page now at To was once at From, both paths in the
// content folder: the git history's renames.
type Move struct {
	From, To string
}

// movedURL is a URL a page had under an earlier name.
type movedURL struct {
	rel  string // without the base path
	from string // the earlier path
	// lost is set when something else has the URL (see checkURLs): a page,
	// an alias, a file or a page the site generates.
	lost bool
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
// whose URL is the page's own, gives none.
func (s *Site) addMoves() {
	type key struct {
		p   *Page
		rel string
	}
	seen := map[key]bool{}
	for _, m := range s.opts.Moves {
		p := s.byPath[m.To]
		if p == nil || p.Input == nil {
			continue
		}
		rel, ok := s.pathURL(m.From)
		if !ok || rel == p.RelURL || seen[key{p, rel}] {
			continue
		}
		seen[key{p, rel}] = true
		p.moved = append(p.moved, &movedURL{rel: rel, from: m.From})
	}
	for _, p := range s.pages {
		slices.SortFunc(p.moved, func(a, b *movedURL) int { return strings.Compare(a.rel, b.rel) })
	}
}

// pathURL returns the URL a Markdown file at p would have, by its name
// alone, or false for a file that would not be a page.
func (s *Site) pathURL(p string) (string, bool) {
	if !source.IsMarkdown(p) {
		return "", false
	}
	for seg := range strings.SplitSeq(path.Dir(p), "/") {
		if seg != "." && (strings.HasPrefix(seg, ".") || strings.HasPrefix(seg, "_")) {
			return "", false
		}
	}
	dir, name := path.Split(p)
	dir = path.Clean(dir)
	base, lang := s.splitLang(name)
	if strings.HasPrefix(base, ".") || strings.HasPrefix(base, "_") && base != "_index" {
		return "", false
	}
	var segs []string
	switch {
	// A README.md was its folder's page unless the folder has an index
	// file: the page beside the folder that claims it now (guide.md for
	// guide/) is, as often as not, where the README went.
	case base == "_index" || base == "index" || isReadme(base) && !s.indexFiles[folderKey{lang, dir}]:
		segs = slugDir(dir)
	default:
		segs = append(slugDir(dir), slugSegment(base))
	}
	return s.urlFor(lang, segs), true
}
