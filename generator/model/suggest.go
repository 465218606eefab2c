package model

import (
	"cmp"
	"fmt"
	"maps"
	"path"
	"slices"
	"strings"
	"sync"

	"github.com/playbookhq/playbook/generator/diag"
)

// suggestions holds what "did you mean" suggestions for broken links are
// found from. It is built on the first suggestion a report asks for: a
// build whose links all resolve, or whose link checks are off, never
// builds it.
type suggestions struct {
	once sync.Once
	// folders maps a folder to an index of the names of the pages and
	// files in it.
	folders map[string]*diag.Index
	// byName maps a name (see nameKey) to the pages and files that have
	// it, sorted; names indexes its keys.
	byName map[string][]string
	names  *diag.Index
	// wiki indexes the names wikilinks may use.
	wiki *diag.Index
}

func (s *Site) suggestions() *suggestions {
	h := &s.hints
	h.once.Do(func() {
		all := slices.Concat(slices.Collect(maps.Keys(s.byPath)), slices.Collect(maps.Keys(s.files)))
		slices.Sort(all)
		names := map[string][]string{}
		h.byName = map[string][]string{}
		for _, p := range all {
			dir, base := path.Split(p)
			names[dir] = append(names[dir], base)
			k := nameKey(p)
			h.byName[k] = append(h.byName[k], p)
		}
		h.names = diag.NewIndex(slices.Collect(maps.Keys(h.byName)))
		h.folders = make(map[string]*diag.Index, len(names))
		for dir, ns := range names {
			h.folders[dir] = diag.NewIndex(ns)
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
// without the extension, or its folder's name for an index page.
func nameKey(p string) string {
	base := strings.ToLower(path.Base(p))
	stem := strings.TrimSuffix(base, path.Ext(base))
	switch stem {
	case "_index", "index", "readme":
		if d := path.Dir(p); d != "." {
			return strings.ToLower(path.Base(d))
		}
	}
	return stem
}

// suggestPath returns ` (did you mean "x"?)` for the page or file a link to
// the missing content path p most likely meant, or "".
//
// It looks where the mistakes of a hand-edited or migrated handbook lead:
//
//  1. the same folder, the same name: another extension or case
//     (setup.html for setup.md), or a folder link for a page;
//  2. the same folder, a typo in the name (instal.md for install.md);
//  3. the same name in another folder: a typo in a folder's name, or a
//     page that moved; the folder closest to p's wins;
//  4. a name like it in another folder, as in step 3: a page that moved
//     and lost a letter, or a typo in the folder name of an index page
//     (teams/suport/ for teams/support/_index.md).
//
// Each step looks at one folder or one name, so a suggestion costs about
// the same in a handbook of ten pages as in one of ten thousand, where
// comparing p with every path (and a typo in both the folder and the file
// name, which this does not find) would cost a thousand times more.
func (s *Site) suggestPath(p string) string {
	h := s.suggestions()
	dir, base := path.Split(p)
	key := nameKey(p)
	byName := h.byName[key]
	for _, c := range byName {
		if d, _ := path.Split(c); d == dir {
			return didYouMean(p, c)
		}
	}
	if ix := h.folders[dir]; ix != nil {
		if name := ix.Suggest(base); name != "" {
			return didYouMean(p, dir+name)
		}
	}
	if len(byName) == 0 {
		byName = h.byName[h.names.Suggest(key)]
	}
	if len(byName) == 0 {
		return ""
	}
	far := func(c string) int {
		d, _ := path.Split(c)
		return len(d) + len(dir) // no distance is longer than both
	}
	best := slices.MinFunc(byName, func(a, b string) int {
		da, _ := path.Split(a)
		db, _ := path.Split(b)
		return cmp.Or(
			cmp.Compare(diag.Distance(da, dir, far(a)), diag.Distance(db, dir, far(b))),
			cmp.Compare(a, b),
		)
	})
	return didYouMean(p, best)
}

// suggestWiki returns ` (did you mean "x"?)` for the name a wikilink to the
// missing name target most likely meant, or "".
func (s *Site) suggestWiki(target string) string {
	return s.suggestions().wiki.DidYouMean(target)
}

func didYouMean(p, c string) string {
	if c == p {
		return ""
	}
	return fmt.Sprintf(" (did you mean %q?)", c)
}
