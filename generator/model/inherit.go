package model

import "path"

// inheritance finds what pages inherit through folders when their front
// matter does not say it, such as owners and review intervals. Each
// folder is resolved once, so the cost is one step per page and folder.
type inheritance[T any] struct {
	s *Site
	// values are what pages' own front matter says.
	values map[*Page]T
	// root is what a page inherits when no folder above it says anything.
	root T
	memo map[folderKey]T
}

func newInheritance[T any](s *Site, values map[*Page]T, root T) *inheritance[T] {
	return &inheritance[T]{s: s, values: values, root: root, memo: map[folderKey]T{}}
}

// own returns the value p's front matter gives, else, for a translation,
// the value its original's gives. ok is false when neither gives one.
func (in *inheritance[T]) own(p *Page) (v T, ok bool) {
	if v, ok := in.values[p]; ok {
		return v, true
	}
	if orig := in.s.original(p); orig != nil {
		if v, ok := in.values[orig]; ok {
			return v, true
		}
	}
	return v, false
}

// folder returns what p inherits from the folders above it: the value of
// the nearest one whose page says something, else root. The home page
// has no folder above it and inherits root.
func (in *inheritance[T]) folder(p *Page) T {
	if p.Kind == KindHome {
		return in.root
	}
	start := p.Dir
	if p.Kind != KindPage && p.isIndex() {
		start = path.Dir(p.Dir)
	}
	return in.of(p.Lang, start)
}

// of returns what folder dir of a language passes down: the value of the
// folder's page, of its page in the default language, or of the folder
// above.
func (in *inheritance[T]) of(lang, dir string) T {
	k := folderKey{lang, dir}
	if v, ok := in.memo[k]; ok {
		return v
	}
	for _, l := range []string{lang, in.s.opts.Languages[0]} {
		if fp := in.s.folders[folderKey{l, dir}]; fp != nil {
			if v, ok := in.values[fp]; ok {
				in.memo[k] = v
				return v
			}
		}
	}
	v := in.root
	if dir != "." {
		v = in.of(lang, path.Dir(dir))
	}
	in.memo[k] = v
	return v
}
