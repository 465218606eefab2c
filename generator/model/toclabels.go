package model

import (
	"path"
	"slices"
	"strings"
)

// tocLink returns the address of a TOC entry that leads off the site
// ("https://…"), which navigation shows as a link, or "".
func tocLink(dest string) string {
	if i := strings.IndexByte(dest, ':'); i > 0 {
		switch strings.ToLower(dest[:i]) {
		case "http", "https", "mailto":
			return dest
		}
	}
	return ""
}

// labelTOCFolders titles the pages generated for folders that have no
// _index.md with what the TOCs call them, in place of the folder's name:
// a TOC's folder takes the TOC's user-guide-title, and another folder the
// title of the outermost TOC group whose pages all lie in it and make
// more than half of its pages ("General setup" for bootstrap/, when its
// entries are bootstrap/*.md; not "Caching", a group of 2 of the 12 pages
// of traits/). Breadcrumbs, section pages and their cards then name
// folders as the guide does.
func (s *Site) labelTOCFolders() {
	def := s.opts.Languages[0]
	var held map[string]int // pages in each folder, its subfolders' too
	labeled := map[*Page]bool{}
	parents := map[*Page]bool{}
	label := func(dir, title string) {
		p := s.folders[folderKey{def, dir}]
		if title == "" || p == nil || !p.Generated || p.Input != nil || labeled[p] || p.Kind == KindHome {
			return
		}
		p.Title, labeled[p] = title, true
		if p.Parent != nil {
			parents[p.Parent] = true
		}
	}
	defer func() {
		// Folders are listed by title: list the renamed ones so.
		for p := range parents {
			slices.SortFunc(p.Children, s.byPlace)
		}
	}()
	for i := range s.opts.TOCs {
		t := &s.opts.TOCs[i]
		label(path.Dir(t.Path), t.Title)
		for _, g := range tocGroups(t.Entries) {
			if g.dir == "" || g.dir == "." {
				continue
			}
			if held == nil {
				held = s.pagesUnder(def)
			}
			if 2*g.pages > held[g.dir] {
				label(g.dir, g.title)
			}
		}
	}
}

// tocGroup is a group of TOC entries: its title, the folder that holds
// its pages, and how many of its entries lead to a page.
type tocGroup struct {
	title, dir string
	pages      int
}

// tocGroups lists the groups of entries es, outermost first.
func tocGroups(es []TOCEntry) []tocGroup {
	var groups []tocGroup
	// walk returns the folder that holds the pages of es and their
	// children, "" when there are none, and how many entries lead to a
	// page.
	var walk func(es []TOCEntry) (string, int)
	walk = func(es []TOCEntry) (string, int) {
		dir, pages := "", 0
		for i := range es {
			e := &es[i]
			var d string
			n := 0
			if e.page != nil {
				d, n = e.page.Dir, 1
			}
			if len(e.Children) > 0 {
				k := len(groups)
				groups = append(groups, tocGroup{title: e.Title})
				if cd, cn := walk(e.Children); cn > 0 {
					if n > 0 {
						cd = commonDir(cd, d)
					}
					d, n = cd, n+cn
				}
				if n > 0 {
					groups[k].dir, groups[k].pages = d, n
				}
			}
			if n > 0 {
				if pages > 0 {
					dir = commonDir(dir, d)
				} else {
					dir = d
				}
				pages += n
			}
		}
		return dir, pages
	}
	walk(es)
	return groups
}

// pagesUnder counts the pages of a language in each folder, its
// subfolders' too.
func (s *Site) pagesUnder(lang string) map[string]int {
	held := map[string]int{}
	for _, p := range s.pages {
		if p.Input == nil || p.Lang != lang {
			continue
		}
		for d := p.Dir; d != "." && d != "/" && d != ""; d = path.Dir(d) {
			held[d]++
		}
	}
	return held
}

// commonDir returns the deepest folder that holds both a and b.
func commonDir(a, b string) string {
	for a != b {
		if len(a) >= len(b) {
			if a == "." {
				return "."
			}
			a = path.Dir(a)
		} else {
			b = path.Dir(b)
		}
	}
	return a
}
