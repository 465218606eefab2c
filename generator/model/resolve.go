package model

import (
	"fmt"
	"html"
	"net/url"
	"path"
	"regexp"
	"slices"
	"strings"

	"golang.org/x/text/unicode/norm"

	"github.com/playbookhq/playbook/generator/sitefs"
	"github.com/playbookhq/playbook/generator/source"
)

// folderKey names a content folder in one language.
type folderKey struct{ lang, dir string }

// hit is what a link's path leads to: a page, or a file the site serves
// (a content file, or one the build writes) by its URL without the base
// path.
type hit struct {
	page *Page
	file string
	html bool // found as the page mdBook and Jekyll publish at a .html path
	// rooted is set when found from the content root or the site folder,
	// as Docusaurus reads a path without ./ or ../, not from the file.
	rooted bool
	// folded is the path as the content writes it, when found by a name
	// in another case (findFolded).
	folded string
}

// lookup resolves dest written on the page at fromPath. file is where the
// link is written when that is not the page's own text (an included
// file): "/" and the file's path in the site root, as positions name it;
// relative paths resolve against it. The anchor is checked on the page the
// path leads to.
func (s *Site) lookup(fromPath, file, dest string) (Target, error) {
	var t Target
	if inner, ok := strings.CutPrefix(dest, "[["); ok {
		return s.lookupWiki(fromPath, strings.TrimSuffix(inner, "]]"))
	}
	raw := unescapeDest(dest)
	if i := strings.IndexByte(raw, '#'); i >= 0 {
		raw, t.Anchor = raw[:i], raw[i+1:]
	}
	if i := strings.IndexByte(raw, '?'); i >= 0 {
		raw, t.Query = raw[:i], raw[i+1:]
	}
	from := s.byPath[fromPath]
	target := from
	if raw != "" {
		var h hit
		var err error
		found := false
		if s.opts.URLLinks || s.opts.Docusaurus {
			h, found = s.urlHit(from, file, raw) // as Hugo's pages are written: see Options
		}
		if !found {
			h, err = s.find(from, fromPath, file, raw)
		}
		if err != nil {
			return t, err
		}
		t.rooted, t.folded = h.rooted, h.folded
		if h.file != "" {
			t.File = h.file
			return t, nil
		}
		target, t.html = h.page, h.html
	}
	t.Page = target
	if t.Anchor != "" && target != nil {
		a, ok := target.matchAnchor(t.Anchor)
		if alt := s.urlReading(from, file, raw, target); !ok && alt != nil {
			if a, ok = alt.matchAnchor(t.Anchor); ok {
				t = Target{Page: alt, Query: t.Query}
			}
		}
		if alt := s.labelPage(from, raw, t.Anchor); !ok && alt != nil {
			// "#label" names a MyST target anywhere in the project.
			if a, ok = alt.matchAnchor(t.Anchor); ok {
				t = Target{Page: alt, Query: t.Query}
			}
		}
		if !ok {
			return t, newAnchorError(target, t.Anchor)
		}
		t.Anchor = a
	}
	return t, nil
}

// labelPage returns the page that has the MyST target an anchor alone
// (raw is "") names on page from: in from's language if one has it, or
// nil.
func (s *Site) labelPage(from *Page, raw, anchor string) *Page {
	if raw != "" || len(s.labels) == 0 {
		return nil
	}
	name, _ := cutTextFragment(anchor)
	name = strings.ToLower(name)
	if from != nil {
		if p := s.labels[from.Lang+"\x00"+name]; p != nil {
			return p
		}
	}
	return s.labels["\x00"+name]
}

// urlReading returns the page a relative link leads to from its page's
// URL, as the browser reads it, when that is another page than target,
// the one its path in the content names: a page written for Hugo links so
// ("../#setup" from docs/guide/install.md, whose URL is a folder below its
// file, is docs/guide/_index.md's #setup). lookup takes it when only it
// has the link's anchor. It is nil for a link to a Markdown file, one in
// an included file, or one from the root.
func (s *Site) urlReading(from *Page, file, raw string, target *Page) *Page {
	if h, ok := s.urlHit(from, file, raw); ok && h.page != nil && h.page != target {
		return h.page
	}
	return nil
}

// linkBase returns the URL a browser reads a relative link on page p
// from: the page's own, or on a Docusaurus site, whose URLs end without
// "/", its folder's.
func (s *Site) linkBase(p *Page) string {
	if s.opts.Docusaurus && p.RelURL != "/" {
		return path.Dir(strings.TrimSuffix(p.RelURL, "/"))
	}
	return p.RelURL
}

// urlHit returns what a relative link leads to from its page's URL, as
// the browser reads it (see urlReading), if anything.
func (s *Site) urlHit(from *Page, file, raw string) (hit, bool) {
	if from == nil || file != "" || raw == "" || strings.HasPrefix(raw, "/") || source.IsMarkdown(path.Base(raw)) {
		return hit{}, false
	}
	u := strings.TrimPrefix(path.Join(s.linkBase(from), raw), "/")
	if u == "" {
		u = "."
	}
	return s.findURL(u)
}

// find resolves a link's path the ways its author may have meant it, in
// this order, the first that leads somewhere winning:
//
//  1. a path in the content: relative to the file the link is written
//     in, as on GitHub and GitLab, or from the content root when it
//     starts with "/" (with or without the site's base path, and with or
//     without the content folder's name). It names a page's Markdown file,
//     a content file, a folder (its _index.md, index.md or README.md, the
//     page beside it or the page generated for it), or a page without
//     ".md" (after 3 when the link ends in "/": "../guide/" names no
//     folder beside the file, and the page at that URL is what a browser
//     reaches);
//  2. the content path of a page as mdBook and Jekyll publish it
//     (findHTMLName): guide.html relative to the file, as those tools'
//     books mean it, not to the page's URL, where index.html would be
//     the page itself;
//  3. a URL of the site, as the browser reads it from the page's URL: a
//     page, a content file, a file the build writes, or an alias;
//  4. for a path without "./" or "../" in front, as Docusaurus reads one
//     that names nothing beside the file: a path in the content from its
//     root, then in the site folder ("docs/guides/setup.md" with the
//     content in docs/).
//
// Each is tried as written and with its percent-escapes decoded.
func (s *Site) find(from *Page, fromPath, file, raw string) (hit, error) {
	// Most links are relative paths to a page, which the first candidate
	// finds: try it before making the others.
	stems := !strings.HasSuffix(raw, "/")
	if !strings.HasPrefix(raw, "/") && !strings.Contains(raw, "%") {
		if c, ok := s.relative(fromPath, file, raw); ok {
			if h, ok := s.findContent(c, from, stems); ok {
				return h, nil
			}
		}
	}
	forms := []string{raw}
	if u, err := url.PathUnescape(raw); err == nil && u != raw {
		forms = []string{u, raw}
	}
	var inContent, urls []string
	for _, f := range forms {
		c, u := s.candidates(from, fromPath, file, f)
		inContent, urls = append(inContent, c...), append(urls, u...)
	}
	for _, c := range inContent {
		if h, ok := s.findContent(c, from, stems); ok {
			return h, nil
		}
	}
	if !strings.HasSuffix(raw, "/") { // guide.html/ names no page
		for _, c := range inContent {
			if h, ok := s.findHTMLName(c, from); ok {
				return h, nil
			}
		}
	}
	for _, u := range urls {
		if h, ok := s.findURL(u); ok {
			return h, nil
		}
	}
	for _, c := range inContent {
		if pg := s.byStem[c]; pg != nil && !stems { // the stems deferred above
			return hit{page: pg}, nil
		}
	}
	if h, ok := s.findOtherForm(inContent, urls, from, stems); ok {
		return h, nil
	}
	// A draft beside the file is what the link names: with --drafts it
	// leads there, without it the link is broken, as it says.
	if len(inContent) == 0 || !s.isDraft(inContent[0]) {
		if h, ok := s.findRooted(from, raw, stems); ok {
			return h, nil
		}
	}
	if len(inContent) == 0 {
		return hit{}, &lookupError{msg: "link leaves the content folder"}
	}
	p := inContent[0]
	why := unpublished(p, strings.HasSuffix(raw, "/"))
	switch {
	case strings.ContainsRune(raw, '\\'):
		// As Windows writes paths; browsers and GitHub read \ as a letter.
		why = fmt.Sprintf(" (written with \\ between folders, as Windows writes paths: write %q)", strings.ReplaceAll(raw, `\`, "/"))
	case why != "":
	case s.isDraft(p):
		why = " (a draft: build or check with --drafts to include drafts)"
	case s.fileDirs[p]:
		why = " (a folder of files with no page: link one of its files, or give it an _index.md)"
	}
	return hit{}, &lookupError{msg: "no page or file " + p + why, hint: func() string {
		return s.brokenHint(from, fromPath, file, raw, p, urls)
	}}
}

// brokenHint returns what a link raw, written in file on the page from
// (at fromPath), that names no page or file, most likely meant: another
// heading of the page, an address, the page that moved from the missing
// path p or one of the URLs urls, or a path like p.
func (s *Site) brokenHint(from *Page, fromPath, file, raw, p string, urls []string) string {
	if h := headingMeant(from, raw); h != "" {
		return h
	}
	if h := addressMeant(raw); h != "" {
		return h
	}
	as := s.linkAs(fromPath, file, raw)
	if pg := s.movedAway(p, urls); pg != nil && pg != from {
		if w := as(pg.Path); w != pg.Path {
			return fmt.Sprintf(" (a page moved from there: did you mean %q, that is %s?)", w, pg.Path)
		}
		return fmt.Sprintf(" (a page moved from there: did you mean %q?)", pg.Path)
	}
	return s.suggestPath(p, fromPath, as)
}

// findComposed finds what a path in the content names when the link and
// the file spell its accented letters in different forms: one composed
// ("é"), the other decomposed ("e" and an accent), as macOS and GitBook
// write file names and most keyboards type links.
func (s *Site) findComposed(p string, from *Page, stems bool) (hit, bool) {
	if c, ok := otherForm(s.decomposed, p); ok {
		return s.findContent(c, from, stems)
	}
	return hit{}, false
}

// findOtherForm tries the paths in the content, then the URLs, with
// their accented letters in the other Unicode form (findComposed), then
// the paths in the content in another case (findFolded).
func (s *Site) findOtherForm(inContent, urls []string, from *Page, stems bool) (hit, bool) {
	for _, c := range inContent {
		if h, ok := s.findComposed(c, from, stems); ok {
			return h, true
		}
	}
	for _, u := range urls {
		if h, ok := s.findComposedURL(u); ok {
			return h, true
		}
	}
	for _, c := range inContent {
		if h, ok := s.findFolded(c, from, stems); ok {
			return h, true
		}
	}
	return hit{}, false
}

// findFolded finds what a path in the content names when it writes a
// name in another case than the file's (about_hash_tables.md for
// about_Hash_Tables.md), as DocFX and case-insensitive file systems find
// it.
func (s *Site) findFolded(p string, from *Page, stems bool) (hit, bool) {
	s.foldedOnce.Do(s.indexFolded)
	real, ok := s.folded[strings.ToLower(p)]
	if !ok || real == p {
		return hit{}, false
	}
	h, ok := s.findContent(real, from, stems)
	if ok {
		h.folded = real
	}
	return h, ok
}

// indexFolded makes s.folded: the pages' and files' paths and their
// folders, as case-insensitive file systems find names. Of two paths that
// differ in case alone, the first in byte order is kept.
func (s *Site) indexFolded() {
	s.folded = map[string]string{}
	add := func(p string) {
		k := strings.ToLower(p)
		if old, ok := s.folded[k]; !ok || p < old {
			s.folded[k] = p
		}
	}
	for p := range s.byPath {
		add(p) // not its stem: "OWNERS" is not owners.md in any case
		for d := path.Dir(p); d != "."; d = path.Dir(d) {
			add(d)
		}
	}
	for f := range s.files {
		add(f)
	}
}

// findComposedURL is findComposed for a URL path of the static folder.
func (s *Site) findComposedURL(u string) (hit, bool) {
	if c, ok := otherForm(s.staticComposed, u); ok {
		return s.findURL(c)
	}
	return hit{}, false
}

// otherForm returns p as written in the index m of names not written
// composed, when p spells them in the other form.
func otherForm(m map[string]string, p string) (string, bool) {
	if isASCII(p) {
		return "", false
	}
	c := norm.NFC.String(p)
	if real, ok := m[c]; ok {
		c = real
	} else if real, ok := m[path.Dir(c)]; ok {
		// A name without its extension, or one not yet seen, in a
		// folder named in the other form.
		c = real + "/" + path.Base(c)
	}
	return c, c != p
}

// findRooted finds what a path without "./" or "../" in front names from
// the content root, then from the site folder (step 4 of find).
func (s *Site) findRooted(from *Page, raw string, stems bool) (hit, bool) {
	if strings.HasPrefix(raw, "/") || strings.HasPrefix(raw, "./") || strings.HasPrefix(raw, "../") || strings.Contains(raw, "://") {
		return hit{}, false
	}
	p := path.Clean(raw)
	if p == "." || p == ".." || strings.HasPrefix(p, "../") {
		return hit{}, false
	}
	tries := []string{p}
	if c, ok := s.inRoot(p); ok && s.opts.RootDir != "" {
		tries = append(tries, c)
	}
	for _, find := range []func(string, *Page, bool) (hit, bool){s.findContent, s.findComposed} {
		for _, c := range tries {
			if h, ok := find(c, from, stems); ok {
				h.rooted = true
				return h, true
			}
		}
	}
	return hit{}, false
}

// headingMeant returns ` (did you mean "#x"?)` for a link raw that names
// no file but a heading of the page it is on, without its "#"
// (create-a-section).
func headingMeant(from *Page, raw string) string {
	if from != nil && !strings.ContainsAny(raw, "/.") {
		if a, ok := from.matchAnchor(raw); ok {
			return fmt.Sprintf(" (did you mean %q?)", "#"+a)
		}
	}
	return ""
}

// addressMeant returns ` (did you mean "x"?)` for a link raw that names no
// file and reads as an e-mail address without "mailto:" or a web address
// without "https://" (app.example.com): its domain ends in one of the
// top-level domains of commonTLD, which no file extension is, so that
// a file's name (first-week.sv.md, logo@2x.png) is left to suggestPath.
func addressMeant(raw string) string {
	host, _, _ := strings.Cut(raw, "/")
	if local, domain, ok := strings.Cut(raw, "@"); ok && local != "" && !strings.ContainsAny(raw, "/") && webHost(domain) {
		return fmt.Sprintf(" (did you mean %q?)", "mailto:"+raw)
	}
	if webHost(host) {
		return fmt.Sprintf(" (did you mean %q?)", "https://"+raw)
	}
	return ""
}

// commonTLD lists the top-level domains that a link's first part is
// taken for a web address by: common ones that are not also file
// extensions (.md is Moldova's, .sh Saint Helena's, .py Paraguay's).
var commonTLD = map[string]bool{
	"com": true, "org": true, "net": true, "io": true, "dev": true, "gov": true, "edu": true, "app": true,
	"info": true, "biz": true, "cloud": true, "tech": true, "co": true, "us": true, "uk": true, "eu": true,
	"de": true, "se": true, "no": true, "dk": true, "fi": true, "fr": true, "nl": true, "be": true, "ch": true,
	"at": true, "es": true, "it": true, "ca": true, "au": true, "nz": true, "jp": true, "in": true, "br": true,
}

// webHost reports whether h has the shape of a domain name: labels of
// letters, digits and hyphens, at least two, the last one of commonTLD.
func webHost(h string) bool {
	labels := strings.Split(h, ".")
	if len(labels) < 2 || !commonTLD[strings.ToLower(labels[len(labels)-1])] {
		return false
	}
	for i, l := range labels {
		if l == "" || l[0] == '-' || l[len(l)-1] == '-' {
			return false
		}
		for _, c := range []byte(l) {
			letter := c|0x20 >= 'a' && c|0x20 <= 'z'
			if !letter && (i == len(labels)-1 || c != '-' && (c < '0' || c > '9')) {
				return false
			}
		}
	}
	return true
}

// unpublished says why a content path is not on the site when one of its
// names keeps it out of the content, or returns "". folder says that the
// link names a folder (/_template/).
func unpublished(p string, folder bool) string {
	for rest := p; rest != ""; {
		var seg string
		seg, rest, _ = strings.Cut(rest, "/")
		if seg != "." && seg != ".." && strings.HasPrefix(seg, ".") && !sitefs.GitBookAssetsAt(seg, rest) {
			return fmt.Sprintf(" (%s is not published: its name starts with \".\")", seg)
		}
	}
	dir, _ := path.Split(p)
	if folder {
		dir = p
	}
	for seg := range strings.SplitSeq(strings.TrimSuffix(dir, "/"), "/") {
		if strings.HasPrefix(seg, "_") {
			return fmt.Sprintf(" (%s/ is not published: its name starts with \"_\")", seg)
		}
		if seg == source.NodeModules {
			return " (node_modules/ is not published: it holds the dependencies of JavaScript tools)"
		}
	}
	if !folder && source.IsPartial(path.Base(p)) {
		return " (a Markdown file whose name starts with \"_\" is a partial, not a page: include it, or rename it)"
	}
	if !folder && source.IsTemplate(path.Base(p)) {
		return " (another tool's template or data file, such as Middleman's .erb or Eleventy's .njk, is not published: playbook runs none, and would publish its source)"
	}
	return ""
}

// underBase returns the path p, from the root, without the site's base
// path, cleaned, and whether p is under the base path.
func (s *Site) underBase(p string) (string, bool) {
	b := s.opts.BasePath
	if p != b && !strings.HasPrefix(p, b+"/") {
		return "", false
	}
	return path.Clean("/" + strings.TrimPrefix(p, b)), true
}

// candidates returns the content paths and the site URLs (without the
// leading "/", "." for the root) that a link's path may mean. A relative
// path that leads out of the content folder has no content path.
func (s *Site) candidates(from *Page, fromPath, file, raw string) (inContent, urls []string) {
	if strings.HasPrefix(raw, "/") {
		// A path that starts with the base path is most likely a URL.
		paths := []string{path.Clean(raw)}
		if in, ok := s.underBase(paths[0]); ok && s.opts.BasePath != "" {
			paths = []string{in, paths[0]}
		}
		for _, p := range paths {
			rel := strings.TrimPrefix(p, "/")
			if rel == "" {
				rel = "."
			}
			if c, ok := s.inRoot(rel); ok && s.opts.RootDir != "" {
				inContent = append(inContent, c)
			}
			inContent = append(inContent, rel)
			urls = append(urls, rel)
			if docs, ok := strings.CutPrefix(rel, "docs/"); ok && s.opts.Docusaurus {
				urls = append(urls, docs) // Docusaurus serves its docs at /docs/
			}
		}
		return inContent, urls
	}
	if c, ok := s.relative(fromPath, file, raw); ok {
		inContent = append(inContent, c)
	}
	if from != nil {
		// From a translation, a URL its original's page leads to is a
		// page that has no translation yet.
		for _, p := range []*Page{from, s.original(from)} {
			if p == nil {
				continue
			}
			u := strings.TrimPrefix(path.Join(s.linkBase(p), raw), "/")
			if u == "" {
				u = "."
			}
			urls = append(urls, u)
		}
		// Where the browser goes as a path in the content, which a URL
		// is but for its slugs: "../21.0/setup/" from docs/21.0/x.md,
		// whose URL is /docs/21-0/x/, names docs/21.0/setup. Not for a
		// Markdown file, which names a file from the file, nor for a path
		// that climbs above the root, where the browser stops.
		u := path.Join(strings.Trim(from.RelURL, "/"), raw)
		if !source.IsMarkdown(path.Base(raw)) && u != ".." && !strings.HasPrefix(u, "../") && !slices.Contains(inContent, u) {
			inContent = append(inContent, u)
		}
	}
	return inContent, urls
}

// relative returns the content path a relative link's path names, from
// the file it is written in (see lookup), or false when it leads out of
// the content folder.
func (s *Site) relative(fromPath, file, raw string) (string, bool) {
	base := fromPath
	if f, ok := strings.CutPrefix(file, "/"); ok {
		base = f
	} else if s.opts.RootDir != "" {
		base = s.opts.RootDir + "/" + fromPath
	}
	return s.inRoot(path.Join(path.Dir(base), raw))
}

// inRoot turns a path in the site root into one in the content folder, or
// returns false when it is outside the content folder.
func (s *Site) inRoot(p string) (string, bool) {
	root := s.opts.RootDir
	switch {
	case root == "":
		return p, p != ".." && !strings.HasPrefix(p, "../")
	case p == root:
		return ".", true
	case strings.HasPrefix(p, root+"/"):
		return p[len(root)+1:], true
	}
	return "", false
}

// findContent finds what a path in the content folder names.
func (s *Site) findContent(p string, from *Page, stems bool) (hit, bool) {
	if pg := s.byPath[p]; pg != nil {
		return hit{page: pg}, true
	}
	if f, ok := s.files[p]; ok {
		return hit{file: f}, true
	}
	if pg := s.findFolder(p, from); pg != nil {
		return hit{page: pg}, true
	}
	if u, ok := s.files[path.Join(p, "index.html")]; ok {
		// A folder of files with an index.html of its own (a demo, a
		// slide deck) has no page, and web servers serve its index.html
		// at the folder's URL.
		return hit{file: strings.TrimSuffix(u, "index.html")}, true
	}
	if pg := s.byStem[p]; pg != nil && stems {
		return hit{page: pg}, true
	}
	return hit{}, false
}

// findFolder returns the page of the content folder dir, in from's
// language first, or nil.
func (s *Site) findFolder(dir string, from *Page) *Page {
	langs := s.opts.Languages
	if from != nil {
		langs = append([]string{from.Lang}, langs...)
	}
	for _, l := range langs {
		if pg := s.folders[folderKey{l, dir}]; pg != nil {
			return pg
		}
		if pg := s.aliasedFolders[folderKey{l, dir}]; pg != nil {
			return pg
		}
	}
	return nil
}

// findHTMLName finds the page that mdBook and Jekyll would publish at the
// content path p: guide.md at guide.html, a folder's README.md or index.md
// at its index.html. Their books link the pages so; the site publishes
// them elsewhere, and links there. An alias at that path leads where it
// does; a file the site serves there (404.html) is left to the URLs.
func (s *Site) findHTMLName(p string, from *Page) (hit, bool) {
	stem, ok := strings.CutSuffix(p, ".html")
	if !ok || stem == "" || strings.HasSuffix(stem, "/") {
		return hit{}, false
	}
	if pg := s.aliases["/"+p+"/"]; pg != nil {
		// A book moved here keeps its old addresses as aliases.
		return hit{page: pg, html: true}, true
	}
	if s.hasFile(p) || s.writes(p) {
		return hit{}, false // a file the site serves (404.html), found as a URL
	}
	if pg := s.byStem[stem]; pg != nil {
		return hit{page: pg, html: true}, true
	}
	if pg := s.redirectedAt(stem); pg != nil {
		return hit{page: pg, html: true}, true
	}
	if dir, ok := strings.CutSuffix(stem, "index"); ok && (dir == "" || strings.HasSuffix(dir, "/")) {
		if pg := s.findFolder(path.Clean("./"+dir), from); pg != nil {
			return hit{page: pg, html: true}, true
		}
	}
	return hit{}, false
}

// findURL finds what the site serves at a URL path, given without the
// leading "/" ("." for the root): a page, with or without its trailing
// slash or "index.html", a content file, a file the build writes, or an
// alias's redirect.
func (s *Site) findURL(u string) (hit, bool) {
	if u == "index.html" {
		u = "."
	}
	u = strings.TrimSuffix(u, "/index.html")
	rel := "/"
	if u != "." {
		rel = "/" + u + "/"
	}
	if pg := s.byURL[rel]; pg != nil {
		return hit{page: pg}, true
	}
	if s.hasFile(u) || s.writes(u) {
		return hit{file: "/" + u}, true
	}
	if u != "." && s.hasFile(u+"/index.html") {
		return hit{file: rel}, true // a folder's own index.html (see findContent)
	}
	if pg := s.aliases[rel]; pg != nil {
		return hit{page: pg}, true
	}
	if pg := s.redirectedAt(u); u != "." && pg != nil {
		return hit{page: pg}, true
	}
	if pg, _ := s.ListPageAt(rel); pg != nil {
		return hit{file: rel}, true
	}
	return hit{}, false
}

// redirectedAt returns the page that a declared redirect leads to from the
// URL path u (without the leading "/" and ".html"), or nil. The redirect's
// URL is the slug of its old address (/Old Page.html redirects from
// /old-page/), and so is u's.
func (s *Site) redirectedAt(u string) *Page {
	if pg := s.redirected["/"+u+"/"]; pg != nil {
		return pg
	}
	if rel, ok := s.pathURL(u+".md", ""); ok {
		return s.redirected[rel]
	}
	return nil
}

// writes reports whether the build writes a file of its own at the URL
// path u (without the leading "/"): the sitemap, a feed, 404.html.
func (s *Site) writes(u string) bool {
	for _, r := range s.opts.Reserved {
		if !strings.HasSuffix(r.Name, "/") && slices.Contains(s.reservedNames(r), u) {
			return true
		}
	}
	return false
}

// resolveAliases makes each alias written without a leading "/" under
// the key aliases a path from the site's root, read from the folder that
// holds the page's URL, as Hugo reads it: "manual" on the page
// /docs/go/setup/ is /docs/go/manual/, and "../old" is /docs/old/.
// Jekyll's redirect_from paths are from the root, however written.
func (s *Site) resolveAliases() {
	for _, p := range s.pages {
		if p.Input == nil || len(p.Aliases) == 0 {
			continue
		}
		keys := p.Input.Doc.Meta.AliasKeys
		cloned := false
		for i, a := range p.Aliases {
			if i >= len(keys) || !strings.EqualFold(keys[i], "aliases") || a == "" || strings.HasPrefix(a, "/") || hasScheme(a) || strings.HasPrefix(a, "//") {
				continue
			}
			if !cloned {
				p.Aliases, cloned = slices.Clone(p.Aliases), true // the source's own stays as written
			}
			rel := path.Join(strings.TrimPrefix(path.Dir(strings.TrimSuffix(p.RelURL, "/")), "/"), a)
			if rel == ".." || strings.HasPrefix(rel, "../") {
				continue // above the site's root: checkAliases reports it as written
			}
			resolved := "/" + strings.TrimPrefix(rel, ".")
			if strings.HasSuffix(a, "/") && resolved != "/" {
				resolved += "/"
			}
			p.Aliases[i] = resolved
		}
	}
}

// indexAliases records the page each alias redirects to, by its URL.
func (s *Site) indexAliases() {
	s.aliases = map[string]*Page{}
	for _, p := range s.pages {
		if p.Input == nil {
			continue
		}
		for _, a := range p.Aliases {
			name, problem := aliasName(a)
			if problem != "" {
				continue
			}
			rel := "/" + strings.TrimSuffix(strings.TrimSuffix(name, "index.html"), "/")
			if rel != "/" {
				rel += "/"
			}
			if _, taken := s.aliases[rel]; !taken {
				s.aliases[rel] = p
			}
		}
	}
}

// unescapeDest resolves in a link destination as written what CommonMark
// (and so GitHub) resolves before it reads it as a URL: backslash escapes
// of ASCII punctuation (file\_name.md) and character references
// (caf&eacute;.md, &#233;), in one pass, so that an escaped "&" starts no
// reference.
func unescapeDest(d string) string {
	if !strings.ContainsAny(d, `\&`) {
		return d
	}
	var b strings.Builder
	for i := 0; i < len(d); i++ {
		switch c := d[i]; {
		case c == '\\' && i+1 < len(d) && isASCIIPunct(d[i+1]):
			i++
			b.WriteByte(d[i])
		case c == '&':
			if ref := charRefRE.FindString(d[i:]); ref != "" {
				// html.UnescapeString also decodes a name's known start
				// ("&notes;" as "¬es;"): only a whole name counts.
				if u := html.UnescapeString(ref); u != ref && (!strings.HasSuffix(u, ";") || ref == "&semi;") {
					b.WriteString(u)
					i += len(ref) - 1
					continue
				}
			}
			b.WriteByte(c)
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// charRefRE matches a character reference as CommonMark reads one: a
// name, or 1–7 decimal or 1–6 hexadecimal digits, and a ";".
var charRefRE = regexp.MustCompile(`^&(?:[A-Za-z][A-Za-z0-9]{0,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});`)

// isASCIIPunct reports whether c is ASCII punctuation, which a backslash
// escapes in CommonMark.
func isASCIIPunct(c byte) bool {
	return c >= '!' && c <= '/' || c >= ':' && c <= '@' || c >= '[' && c <= '`' || c >= '{' && c <= '~'
}
