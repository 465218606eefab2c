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
// title of the outermost TOC group whose pages all lie in it ("General
// setup" for bootstrap/, when its entries are bootstrap/*.md). Breadcrumbs,
// section pages and their cards then name folders as the guide does.
func (s *Site) labelTOCFolders() {
	def := s.opts.Languages[0]
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
		}
		var groups []group
		// walk returns the folder that holds the pages of es and their
		// children, "" when there are none, and lists groups outermost
		// first.
		var walk func(es []TOCEntry) (string, bool)
		walk = func(es []TOCEntry) (string, bool) {
			dir, any := "", false
			for i := range es {
				e := &es[i]
				var d string
				var ok bool
				if e.page != nil {
					d, ok = e.page.Dir, true
				}
				if len(e.Children) > 0 {
					k := len(groups)
					groups = append(groups, group{title: e.Title})
					cd, cok := walk(e.Children)
					if cok {
						if ok {
							cd = commonDir(cd, d)
						}
						d, ok = cd, true
					}
					if ok {
						groups[k].dir = d
					}
				}
				if ok {
					if any {
						dir = commonDir(dir, d)
					} else {
						dir, any = d, true
					}
				}
			}
			return dir, any
		}
		walk(t.Entries)
		for _, g := range groups {
			if g.dir != "" && g.dir != "." {
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
