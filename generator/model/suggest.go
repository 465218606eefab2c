package model

import (
	"fmt"
	"maps"
	"path"
	"slices"
	"strings"
	"sync"

	"github.com/playbookhq/playbook/generator/diag"
	"github.com/playbookhq/playbook/generator/internal/memo"
	"github.com/playbookhq/playbook/generator/source"
)

// suggestions holds what "did you mean" suggestions for broken links are
// found from. It is built on the first suggestion a report asks for: a
// build whose links all resolve, or whose link checks are off, never
// builds it.
//
// A link to a page is only ever matched with pages, and a link to another
// file with files (see class): a missing screenshot is better left without
// a suggestion than pointed at the page it was on.
type suggestions struct {
	once sync.Once
	// folders maps a class and a folder to an index of the names of the
	// pages or files in it.
	folders map[string]*diag.Index
	// byName maps a class and a name (see nameKey) to the pages or files
	// that have it, sorted; names indexes the names of each class.
	byName map[string][]string
	names  map[string]*diag.Index
	// wiki indexes the names wikilinks may use.
	wiki *diag.Index
	// paths holds what closest found for each missing path.
	paths memo.Map[string, string]
}

// class is "page" for a path that names a page (a Markdown or HTML file,
// or a folder) and "file" for any other.
func class(p string) string {
	switch strings.ToLower(path.Ext(p)) {
	case "", ".html", ".htm":
		return "page"
	}
	if source.IsMarkdown(p) {
		return "page"
	}
	return "file"
}

func (s *Site) suggestions() *suggestions {
	h := &s.hints
	h.once.Do(func() {
		all := slices.Concat(slices.Collect(maps.Keys(s.byPath)), slices.Collect(maps.Keys(s.files)))
		slices.Sort(all)
		inFolder := map[string][]string{}
		names := map[string][]string{}
		h.byName = map[string][]string{}
		for _, p := range all {
			c := class(p)
			dir, base := path.Split(p)
			inFolder[c+"\x00"+dir] = append(inFolder[c+"\x00"+dir], base)
			k := c + "\x00" + nameKey(p)
			if len(h.byName[k]) == 0 {
				names[c] = append(names[c], nameKey(p))
			}
			h.byName[k] = append(h.byName[k], p)
		}
		h.names = map[string]*diag.Index{}
		for c, ns := range names {
			h.names[c] = diag.NewIndex(ns)
		}
		h.folders = make(map[string]*diag.Index, len(inFolder))
		for k, ns := range inFolder {
			h.folders[k] = diag.NewIndex(ns)
		}
		var keys []string
		for k := range s.wiki {
			_, name, _ := strings.Cut(k, "\x00")
			keys = append(keys, name)
		}
		h.wiki = diag.NewIndex(keys)
	})
	return h
}

// nameKey is the name a page or file goes by, in lower case: its file name
// without the extension, or its folder's name for an index page (not for
// a file such as index.js, which goes by its own name).
func nameKey(p string) string {
	base := strings.ToLower(path.Base(p))
	stem := source.TrimExt(base)
	switch stem {
	case "_index", "index", "readme":
		if d := path.Dir(p); d != "." && class(p) == "page" {
			return strings.ToLower(path.Base(d))
		}
	}
	return stem
}

// suggestPath returns ` (did you mean "x"?)` for the page or file a link to
// the missing content path p on the page at fromPath most likely meant,
// or "": never the linking page itself, which its author did not mean.
//
// It looks where the mistakes of a hand-edited or migrated handbook lead:
//
//  1. the same folder, the same name: another extension or case
//     (setup.html for setup.md), or a folder link for a page;
//  2. the same folder, a typo in the name (instal.md for install.md);
//  3. the same name in another folder: a typo in a folder's name, or a
//     page that moved; for a file the same extension wins, then the
//     folder closest to p's;
//  4. a name like it in another folder, as in step 3: a page that moved
//     and lost a letter, or a typo in the folder name of an index page
//     (teams/suport/ for teams/support/_index.md).
//
// Each step looks at one folder or one name, so a suggestion costs about
// the same in a handbook of ten pages as in one of ten thousand, where
// comparing p with every path (and a typo in both the folder and the file
// name, which this does not find) would cost a thousand times more.
func (s *Site) suggestPath(p, fromPath string, as func(string) string) string {
	h := s.suggestions()
	c := h.paths.Get(p, func() string { return h.closest(p) })
	if c == "" || c == fromPath {
		return ""
	}
	return didYouMean(p, c, as)
}

// closest returns the content path suggestPath suggests for the missing
// path p, or "". It depends on p alone, so suggestions keeps it for each
// p: a migrated handbook links to the same missing page from many pages.
func (h *suggestions) closest(p string) string {
	found, byName := h.lookInFolder(p)
	if found != "" {
		return found
	}
	c := class(p)
	dir, base := path.Split(p)
	// The candidates are ranked by, in turn: a file of the same name with
	// another extension (sample.swift for sample.js) after the same file
	// name in any folder, since a page's forms (guide.md, guide/, README.md
	// for its folder) are all one; the edit distance of their folder from
	// p's; their path, which is byName's order, so a candidate replaces the
	// best only when it is nearer. A name as common as "faq" has a
	// candidate in every part of a large handbook, so a folder is measured
	// only as far as it could still be nearer than the best one's, which
	// rules most of them out in a few characters.
	best, bestOther, bestDist := "", 0, 0
	for _, q := range byName {
		other := 0
		if c == "file" && !strings.EqualFold(path.Base(q), base) {
			other = 1
		}
		d, _ := path.Split(q)
		limit := len(d) + len(dir) // no distance is longer than both
		if best != "" && other > bestOther || best != "" && other == bestOther && bestDist == 0 {
			continue
		}
		if best != "" && other == bestOther {
			limit = bestDist - 1
		}
		if dist := diag.Distance(d, dir, limit); dist <= limit {
			best, bestOther, bestDist = q, other, dist
		}
	}
	return best
}

// lookInFolder takes the first three steps of suggestPath for the missing
// path p: it returns the page or file found in p's folder, or else the
// paths in other folders of p's name or, failing that, a name like it,
// sorted.
func (h *suggestions) lookInFolder(p string) (found string, byName []string) {
	c := class(p)
	dir, base := path.Split(p)
	key := nameKey(p)
	byName = h.byName[c+"\x00"+key]
	for _, q := range byName {
		if d, _ := path.Split(q); d == dir {
			return q, nil
		}
	}
	if ix := h.folders[c+"\x00"+dir]; ix != nil {
		if name := ix.Suggest(base); name != "" {
			return dir + name, nil
		}
	}
	if ix := h.names[c]; len(byName) == 0 && ix != nil {
		if k := ix.Suggest(key); k != "" {
			byName = h.byName[c+"\x00"+k]
		}
	}
	return "", byName
}

// suggestWiki returns ` (did you mean "x"?)` for the name a wikilink to the
// missing name target most likely meant, or "".
func (s *Site) suggestWiki(target string) string {
	return s.suggestions().wiki.DidYouMean(target)
}

func didYouMean(p, c string, as func(string) string) string {
	if c == p {
		return ""
	}
	if w := as(c); w != c {
		return fmt.Sprintf(" (did you mean %q, that is %s?)", w, c)
	}
	return fmt.Sprintf(" (did you mean %q?)", c)
}

// linkAs returns how a link written as raw in the page at fromPath would
// write the content path c: from the content root when raw starts with
// "/", else relative to the page's folder ("../images/a.png"), as its
// author writes links. Links in included files get c as it is.
func (s *Site) linkAs(fromPath, file, raw string) func(string) string {
	return func(c string) string {
		switch {
		case strings.HasPrefix(raw, "/"):
			return "/" + c
		case file != "" && file != fromPath:
			return c
		}
		from := strings.Split(path.Dir(fromPath), "/")
		to := strings.Split(c, "/")
		if from[0] == "." {
			from = nil
		}
		i := 0
		for i < len(from) && i < len(to)-1 && from[i] == to[i] {
			i++
		}
		return strings.Repeat("../", len(from)-i) + strings.Join(to[i:], "/")
	}
}
