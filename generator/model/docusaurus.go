package model

import (
	"path"
	"regexp"
	"strconv"
	"strings"
)

// Docusaurus names a doc and its folders without their number prefixes
// (02-setup.md is setup, at …/setup; 01-basics/ is basics), which order
// them in its sidebar, and a doc's id front matter names it instead of its
// file (id: dev-guide-iframe on iframe.md is at …/dev-guide-iframe). Its
// pages link by those names, so a site written for it (Options.Docusaurus)
// is published under them too.

// numberPrefixRE matches Docusaurus' number prefix of a file or folder
// name: digits, then "-", "_" or "." (and spaces), then the name.
var numberPrefixRE = regexp.MustCompile(`^(\d+)\s*[-_.]+\s*([^-_.\s].*)$`)

// prefixLikeRE matches the names whose leading digits Docusaurus leaves
// alone: dates (2021-05-06-release) and versions (8.0-notes).
var prefixLikeRE = regexp.MustCompile(`^(?:(?:\d{2}|\d{4})[-_.]\d{2}(?:[-_.](?:\d{2}|\d{4}))?|\d+[-_.]\d+)`)

// numberPrefix splits Docusaurus' number prefix from a file or folder
// name: "02-setup" is 2 and "setup"; a name without one is -1 and itself.
func numberPrefix(name string) (int, string) {
	if prefixLikeRE.MatchString(name) {
		return -1, name
	}
	m := numberPrefixRE.FindStringSubmatch(name)
	if m == nil {
		return -1, name
	}
	n, err := strconv.Atoi(m[1])
	if err != nil {
		return -1, name
	}
	return n, m[2]
}

// docName returns the name a file or folder is published under: on a
// Docusaurus site without its number prefix.
func (s *Site) docName(name string) string {
	if !s.opts.Docusaurus {
		return name
	}
	_, rest := numberPrefix(name)
	return rest
}

// docID returns the id front matter of a page of a Docusaurus site, or "".
func (s *Site) docID(front map[string]any) string {
	if !s.opts.Docusaurus {
		return ""
	}
	id, _ := front["id"].(string)
	if id = strings.TrimSpace(id); strings.ContainsRune(id, '/') {
		return "" // Docusaurus refuses it too
	}
	return id
}

// placePrefixes gives the pages of a Docusaurus site that have no place
// of their own (sidebar_position, weight, a category file's position) the
// place their number prefix gives them: a page its file's, a section its
// folder's.
func (s *Site) placePrefixes() {
	if !s.opts.Docusaurus {
		return
	}
	for _, p := range s.pages {
		if p.Weight != 0 || p.zeroOrder || p.Kind == KindHome {
			continue
		}
		named := path.Base(p.Dir)
		if p.Kind == KindPage {
			named, _ = s.splitLang(path.Base(p.Path))
		}
		if n, _ := numberPrefix(named); n >= 0 {
			p.Weight, p.zeroOrder = float64(n), n == 0
		}
	}
}

// namedByID reports whether page p, which has a source, takes its URL from
// its id (Docusaurus) rather than from a slug or its file's name; a clash
// of two such pages is fixed by changing an id.
func (s *Site) namedByID(p *Page) bool {
	return p.Input.Doc.Meta.Slug == "" && s.docID(p.Input.Doc.Front) != ""
}
