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
	holds := func(dir string) int {
		if held == nil {
			held = map[string]int{}
			for _, p := range s.pages {
				if p.Input == nil || p.Lang != def {
					continue
				}
				for d := p.Dir; d != "." && d != "/" && d != ""; d = path.Dir(d) {
					held[d]++
				}
			}
		}
		return held[dir]
	}
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
			slices.SortFunc(p.Children, byWeight)
		}
	}()
	for i := range s.opts.TOCs {
		t := &s.opts.TOCs[i]
		label(path.Dir(t.Path), t.Title)
		type group struct {
			title, dir string
			pages      int
		}
		var groups []group
		// walk returns the folder that holds the pages of es and their
		// children, "" when there are none, and how many entries lead to
		// a page; it lists groups outermost first.
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
					groups = append(groups, group{title: e.Title})
					cd, cn := walk(e.Children)
					if cn > 0 {
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
		walk(t.Entries)
		for _, g := range groups {
			if g.dir != "" && g.dir != "." && 2*g.pages > holds(g.dir) {
				label(g.dir, g.title)
			}
		}
	}
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
