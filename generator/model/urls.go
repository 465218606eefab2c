package model

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"maps"
	"path"
	"slices"
	"strings"
	"unicode"

	"github.com/playbookhq/playbook/generator/diag"
	"github.com/playbookhq/playbook/generator/source"
)

// Reserved is a path of the site that the build writes itself, beside the
// pages, the content files and the alias redirects.
type Reserved struct {
	// Name is the file's path in the output ("sitemap.xml"), or a folder
	// whose whole tree the build writes, ending in "/" ("search/").
	Name string
	// What names the writer in messages ("the sitemap").
	What string
	// PerLanguage puts Name in each language's home folder: "feed.xml"
	// is "feed.xml" and "sv/feed.xml".
	PerLanguage bool
	// Generated says that Name is written only where the model generates
	// a page there (the owners page, for a site whose pages have owners).
	// Where it does not, a content file may take the name; a page or an
	// alias may not, so that the content that brings the page later does
	// not take another page's URL.
	Generated bool
	// Replaceable says that a content file at Name is published in its
	// place, and the build does not write its own: a site's own
	// robots.txt or 404.html, as Jekyll and MkDocs sites have them.
	Replaceable bool
}

// The kinds of claims on an output path, in the order they win: what the
// build writes itself, the pages the site generates (those of folders
// after the others, so that a folder at /tags/ is reported at its first
// page), content files, pages, then aliases.
const (
	rankReserved = iota
	rankGenerated
	rankFolder // generated pages of folders without _index.md
	rankFile
	rankUnwritten // a Generated reserved name the model makes no page at
	rankPage
	rankAlias
	rankMoved  // a page's URL under an earlier name: reported only when a file declares it
	rankStatic // a file of the static folder: left out with a warning (StaticDiags)
)

// claim is one owner of an output path.
type claim struct {
	rank int
	// name is the output path; a reserved folder tree ends in "/".
	name string
	// key and idx order claims of one rank: a source path and the index
	// of an alias in its page's list.
	key string
	idx int
	// what names the owner in messages about another claim.
	what string
	// subject, fix and pos say what to report when this claim loses; a
	// nil pos means the claim is never reported.
	subject, fix string
	pos          func() diag.Pos
	// moved is the earlier URL this claim is for, marked lost when it
	// loses.
	moved *movedURL
	// replaceable marks a reserved name that a content file of that very
	// name takes (see Reserved.Replaceable).
	replaceable bool
}

// checkURLs makes sure that every output path has one owner: a page, an
// alias, a content file, a generated page or a file the build writes
// (reserved). Each claim that loses to another is reported where it is
// written, naming the winner. Claims are taken in a fixed order, so the
// same content always reports the same claims; the cost is a few map
// lookups per claim and folder level.
func (s *Site) checkURLs() diag.List {
	var diags diag.List
	claims := s.claims()
	slices.SortFunc(claims, func(a, b *claim) int {
		return cmp.Or(cmp.Compare(a.rank, b.rank), cmp.Compare(a.key, b.key), cmp.Compare(a.idx, b.idx), cmp.Compare(a.name, b.name))
	})
	files := map[string]*claim{} // file paths
	trees := map[string]*claim{} // reserved folders
	dirs := map[string]*claim{}  // folders holding a file or a tree, with the first
	// Names are compared without case: on the file systems of macOS and
	// Windows, /Tags/ and /tags/ are one folder.
	conflict := func(c *claim) (*claim, string) {
		name := strings.ToLower(strings.TrimSuffix(c.name, "/"))
		if o := files[name]; o != nil {
			return o, siteURL(strings.TrimSuffix(o.name, "/"))
		}
		if o := trees[name]; o != nil {
			return o, "/" + name + "/"
		}
		if o := dirs[name]; o != nil {
			return o, siteURL(strings.TrimSuffix(o.name, "/"))
		}
		for d := path.Dir(name); d != "."; d = path.Dir(d) {
			// d is lower-cased; the message names the claim as written.
			if o := files[d]; o != nil {
				return o, siteURL(o.name)
			}
			if o := trees[d]; o != nil {
				return o, "/" + o.name
			}
		}
		return nil, ""
	}
	lostStatic := map[string]bool{}
	for _, c := range claims {
		if o, where := conflict(c); o != nil {
			if c.rank == rankStatic {
				lostStatic[c.name] = true
			}
			diags = append(diags, s.lose(c, o, where)...)
			continue
		}
		name, tree := strings.CutSuffix(c.name, "/")
		name = strings.ToLower(name)
		if tree {
			trees[name] = c
		} else {
			files[name] = c
		}
		for d := path.Dir(name); d != "."; d = path.Dir(d) {
			if dirs[d] == nil {
				dirs[d] = c
			}
		}
	}
	if len(lostStatic) > 0 {
		s.static = slices.DeleteFunc(s.static, func(f string) bool { return lostStatic[f] })
	}
	return diags
}

// reservedNames returns the output paths a reserved name takes: the name,
// or for a name reserved per language, the name in each language's home
// folder.
func (s *Site) reservedNames(r Reserved) []string {
	if !r.PerLanguage {
		return []string{r.Name}
	}
	names := make([]string, len(s.opts.Languages))
	for i, l := range s.opts.Languages {
		names[i] = strings.TrimPrefix(s.urlFor(l, nil), "/") + r.Name
	}
	return names
}

// claims lists what wants each output path.
func (s *Site) claims() []*claim {
	var out []*claim
	generated := map[string]bool{}
	for _, p := range s.pages {
		if p.Generated {
			generated[p.ListPageFile(1)] = true
		}
	}
	for i, r := range s.opts.Reserved {
		for _, name := range s.reservedNames(r) {
			if r.Replaceable && s.hasFile(name) {
				continue
			}
			c := &claim{rank: rankReserved, name: name, idx: i, what: r.What, replaceable: r.Replaceable}
			if r.Generated && !generated[name] {
				c.rank = rankUnwritten
			}
			out = append(out, c)
		}
	}
	for _, p := range slices.Concat(s.pages, s.lost) {
		out = append(out, s.pageClaim(p))
	}
	out = append(out, s.listPageClaims()...)
	for src, rel := range s.files {
		out = append(out, &claim{
			rank: rankFile, name: strings.TrimPrefix(rel, "/"), key: src, what: "the file " + src,
			subject: "this file's URL " + rel, fix: "rename or move the file, or leave it out with exclude in playbook.toml",
			pos: func() diag.Pos { return diag.Pos{File: src} },
		})
	}
	for _, f := range s.static {
		out = append(out, &claim{rank: rankStatic, name: f, key: f, what: "the static file " + path.Join(s.opts.StaticDir, f)})
	}
	for _, p := range s.pages {
		if p.Input == nil {
			continue
		}
		for i, name := range p.AliasFiles() {
			if name == "" {
				continue // reported by checkAliases, the page itself, or said before
			}
			a := p.writtenAlias(i)
			out = append(out, &claim{
				rank: rankAlias, name: name, key: p.Path, idx: i,
				what:    fmt.Sprintf("alias %q of %s", a, p.Path),
				subject: fmt.Sprintf("alias %q", a), fix: "remove the alias or change it to an unused path",
				pos: func() diag.Pos { return aliasPositions(p)[i] },
			})
		}
		for i, m := range p.moved {
			out = append(out, &claim{
				rank: rankMoved, name: strings.TrimPrefix(m.rel, "/") + "index.html", key: p.Path, idx: i,
				what: "the redirect from " + m.from + ", the earlier name of " + p.Path, moved: m,
			})
		}
	}
	return out
}

// lose records that claim c lost its output path to o, at the URL where:
// what is not written, and what to report.
func (s *Site) lose(c, o *claim, where string) diag.List {
	var diags diag.List
	if c.moved != nil {
		c.moved.lost = true
		if c.moved.pos.File != "" {
			// A redirect a file declares, which a reader would expect to
			// lead somewhere.
			diags.AddKind("duplicate-alias", diag.Warning, c.moved.pos, "the redirect from %s is left out: %s has its address, %s", strings.TrimSuffix(c.moved.from, ".md"), o.what, where)
		}
	}
	switch {
	case c.rank == rankStatic:
		s.staticDiags.Warn(diag.Pos{File: path.Join(s.opts.StaticDir, c.name)}, "not published: %s has its URL, %s", o.what, where)
	case c.pos == nil:
	case c.rank == rankAlias && o.rank == rankAlias:
		// Two redirects from one address: the first page keeps it, as
		// jekyll-redirect-from writes one of them. One page's two
		// spellings of it (/linux and /Linux) are one redirect.
		if c.key != o.key {
			diags.AddKind("duplicate-alias", diag.Warning, c.pos(), "%s clashes with %s at %s, which leads there; %s", c.subject, o.what, where, clashFix(c, o))
		}
		if p := s.byPath[c.key]; p != nil {
			p.lostAliases = append(p.lostAliases, c.idx)
		}
	default:
		diags.Add(c.pos(), "%s clashes with %s at %s; %s", c.subject, o.what, where, clashFix(c, o))
	}
	return diags
}

// pageClaim is a page's claim on its URL.
func (s *Site) pageClaim(p *Page) *claim {
	c := &claim{rank: rankPage, name: p.ListPageFile(1), key: p.Path}
	switch {
	case !p.Generated:
		c.what = "the page " + p.Path
		c.subject, c.fix = "this page's URL "+p.RelURL, "rename the file or set a different slug"
		if p.Input != nil && s.namedByID(p) {
			c.fix = "change its id or set a slug" // the id names the page (Docusaurus)
		}
		c.pos = func() diag.Pos { return slugPos(p) }
	case p.role != nil:
		c.rank, c.what = rankGenerated, fmt.Sprintf("the generated page of role %q", p.role.Slug)
	case p.Layout == "checklists":
		c.rank, c.what = rankGenerated, "the generated checklists page"
	case p.Layout == "owners":
		c.rank, c.what = rankGenerated, "the generated owners page"
	case p.Layout == "tags":
		c.rank, c.what = rankGenerated, "the generated tags page"
	case p.Layout == "tag":
		name, _ := p.Params["tag"].(string) // the tag as written; the title is capitalised
		c.rank, c.what = rankGenerated, fmt.Sprintf("the generated page of tag %q", cmp.Or(name, p.Title))
	case p.Kind == KindHome:
		c.rank, c.what = rankGenerated, "the generated home page"
	default:
		c.rank, c.what = rankFolder, "the generated page of folder "+p.Dir+"/"
		if p.cause != "" {
			// The folder's page is made because of its first page.
			c.key = p.cause
			c.subject = fmt.Sprintf("the generated page of this page's folder %s/", p.Dir)
			c.fix = "rename the folder"
			c.pos = func() diag.Pos { return diag.Pos{File: p.cause, Line: 1, Col: 1} }
		}
	}
	return c
}

// slugPos is where a page's URL is set: its slug key, or its first line.
func slugPos(p *Page) diag.Pos {
	if p.Input.Doc.Meta.Slug != "" {
		return keyPos(p.Input.Doc, "slug")
	}
	return diag.Pos{File: p.Path, Line: 1, Col: 1}
}

// AliasFiles returns, for each of the page's aliases, the output file of
// its redirect page, or "" where none is written: an alias that is not a
// clean path (checkAliases reports it), that leads from the path of one
// before it (a page that names its old path under both aliases and
// redirect_from, or with and without a trailing "/"), or that is, as
// written, the page's own URL (Jekyll's redirect_from, written for a site
// whose URLs were other, may name it; in other case it is a URL of its
// own), or that another page's alias has (a duplicate-alias warning).
func (p *Page) AliasFiles() []string {
	files := make([]string, len(p.Aliases))
	seen := map[string]bool{p.ListPageFile(1): true}
	for i, a := range p.Aliases {
		if name, err := aliasName(a); err == "" && !seen[name] && !slices.Contains(p.lostAliases, i) {
			files[i], seen[name] = name, true
		}
	}
	return files
}

// clashFix says what to do about claim c, which lost its URL to o.
func clashFix(c, o *claim) string {
	fix := c.fix
	switch {
	case o.rank == rankFile && c.rank == rankPage:
		// A file of another tool (a Jekyll or docsify index.html).
		fix += ", or leave " + o.key + " out with exclude in playbook.toml"
	case c.rank == rankPage && o.key == "":
		// A page of another tool where the build writes its own (Docsy's
		// search.md at the search index).
		fix += ", or leave " + c.key + " out with exclude in playbook.toml"
	}
	if o.replaceable && c.rank == rankFile {
		// Robots.txt for robots.txt.
		fix = "name it " + o.name + " to publish it in place of " + o.what + ", or " + fix
	}
	return fix
}

// writtenAlias returns the page's alias i as its front matter writes it,
// before resolveAliases reads a relative one from the page's folder.
func (p *Page) writtenAlias(i int) string {
	if w := p.Input.Doc.Meta.Aliases; i < len(w) {
		return w[i]
	}
	return p.Aliases[i]
}

// aliasPositions returns the position of each of a page's aliases, which
// its aliases and redirect_from keys give, in that order.
func aliasPositions(p *Page) []diag.Pos {
	keys := p.Input.Doc.Meta.AliasKeys
	var out []diag.Pos
	for i := 0; i < len(keys); {
		j := i
		for j < len(keys) && keys[j] == keys[i] {
			j++
		}
		out = append(out, valuePositions(p.Input.Doc, keys[i], p.Input.Doc.Meta.Aliases[i:j])...)
		i = j
	}
	for len(out) < len(p.Aliases) {
		out = append(out, diag.Pos{File: p.Path})
	}
	return out
}

// checkAliases reports aliases that are not clean paths on the site.
func (s *Site) checkAliases() diag.List {
	var diags diag.List
	for _, p := range s.pages {
		if p.Input == nil {
			continue
		}
		for i, a := range p.Aliases {
			if _, err := aliasName(a); err != "" {
				diags.Add(aliasPositions(p)[i], "alias %q %s; an alias is a path on this site, such as /old/path/", p.writtenAlias(i), err)
			}
		}
	}
	return diags
}

// Redirect returns the URL a page with redirect_to sends its readers to:
// a web address as written, else where the link leads, as a link in the
// page's text would (and as written when it leads nowhere, which
// checkRedirects reports, an error unless [checks] makes it a warning).
// ok is false when it leads back to the page or off the web.
func (s *Site) Redirect(p *Page) (string, bool) {
	u, _, err := s.redirect(p)
	return u, err != errNotWeb && err != errSelf
}

var (
	errNotWeb = errors.New("is not a web address (http or https)")
	errSelf   = errors.New("leads to the page itself")
)

// redirect returns the URL of p's redirect_to and the page of the site it
// leads to (nil for a web address), or why it has none.
func (s *Site) redirect(p *Page) (string, *Page, error) {
	dest := p.RedirectTo
	if leavesSite(dest) {
		if scheme, _, _ := strings.Cut(strings.ToLower(dest), ":"); !strings.HasPrefix(dest, "//") && scheme != "http" && scheme != "https" {
			return "", nil, errNotWeb
		}
		return dest, nil, nil
	}
	t, err := s.lookup(p.Path, "", dest)
	if !toPage(err) {
		return dest, nil, err
	}
	if t.Page == p {
		return "", nil, errSelf
	}
	u, _ := s.ResolveIn(p.Path, p.Path, dest)
	return u, t.Page, err
}

// leavesSite reports whether a link destination is a URL of its own (it
// has a scheme, or is protocol-relative), not a path on the site.
func leavesSite(dest string) bool {
	return hasScheme(dest) || strings.HasPrefix(dest, "//")
}

// checkRedirects reports a redirect_to that leads nowhere, to another
// kind of address than the web's, back to its page, or through other
// such pages back to it.
func (s *Site) checkRedirects() diag.List {
	var diags diag.List
	errs := map[*Page]error{}
	next := map[*Page]*Page{} // the page a redirect leads to, when it redirects too
	for _, p := range s.pages {
		if p.RedirectTo == "" {
			continue
		}
		_, to, err := s.redirect(p)
		if err != nil {
			errs[p] = err
		}
		if to != nil && to.RedirectTo != "" {
			next[p] = to
		}
	}
	loops := redirectLoops(s.pages, next)
	for _, p := range s.pages {
		err, loop := errs[p], loops[p]
		if err == nil && loop == "" {
			continue
		}
		pos := valuePositions(p.Input.Doc, "redirect_to", []string{p.RedirectTo})[0]
		switch {
		case loop != "":
			diags.Add(pos, "redirect_to %q leads in a loop: %s", p.RedirectTo, loop)
		case err == errNotWeb || err == errSelf:
			diags.Add(pos, "redirect_to %q %v", p.RedirectTo, err)
		default:
			d := linkDiag(pos, p.RedirectTo, err)
			d.Msg = "redirect_to: " + d.Msg
			diags = append(diags, d)
		}
	}
	return diags
}

// maxLoopShown is how many pages of a redirect loop its report names.
const maxLoopShown = 6

// redirectLoops returns, for each of pages whose redirect leads, by next,
// through other such pages back to it, the loop from that page ("a.md →
// b.md → a.md"). Each page is walked once.
func redirectLoops(pages []*Page, next map[*Page]*Page) map[*Page]string {
	loops := map[*Page]string{}
	const walking, done = 1, 2
	state := map[*Page]int{}
	for _, p := range pages {
		var walk []*Page
		q := p
		for ; next[q] != nil && state[q] == 0; q = next[q] {
			state[q] = walking
			walk = append(walk, q)
		}
		if state[q] == walking {
			cycle := walk[slices.Index(walk, q):]
			for i, c := range cycle {
				// A long loop is named by its first pages, so that the
				// reports stay linear in its length.
				var names []string
				for j := range min(len(cycle), maxLoopShown) {
					names = append(names, cycle[(i+j)%len(cycle)].Path)
				}
				if len(cycle) > maxLoopShown {
					names = append(names, fmt.Sprintf("… (%d pages)", len(cycle)))
				}
				loops[c] = strings.Join(append(names, c.Path), " → ")
			}
		}
		for _, w := range walk {
			state[w] = done
		}
	}
	return loops
}

// aliasName returns the output file of an alias's redirect page, or why
// the alias is not a clean path on the site.
func aliasName(a string) (name, problem string) {
	switch {
	case strings.TrimSpace(a) == "":
		return "", "is empty"
	case strings.HasPrefix(a, "//") || strings.Contains(a, "://") || hasScheme(a):
		return "", "is a full URL"
	case strings.ContainsAny(a, "?#"):
		return "", "has a query or fragment"
	case strings.Contains(a, `\`):
		return "", `has a backslash; separate folders with "/"`
	case strings.ContainsFunc(a, unicode.IsControl):
		return "", "has a control character"
	}
	t := strings.Trim(a, "/")
	if t == "" {
		return "index.html", ""
	}
	for seg := range strings.SplitSeq(t, "/") {
		switch {
		case seg == "", seg == ".", seg == "..":
			return "", fmt.Sprintf("is not a clean path (it has a %q segment)", seg)
		case seg[0] == '.':
			// .git, .nojekyll and the output's own record are kept or
			// written by playbook; hosts hide such names anyway.
			return "", fmt.Sprintf("has a hidden segment %q (a name starting with a dot)", seg)
		}
	}
	// A file's old path (Jekyll's about.html, a page's index.html) is
	// written as that file, as Hugo writes such an alias.
	if ext := strings.ToLower(path.Ext(t)); (ext == ".html" || ext == ".htm") && !strings.HasSuffix(a, "/") {
		return t, ""
	}
	return t + "/index.html", ""
}

// AliasFile returns the output file of the redirect page of a path that
// led to a page, or "" for one that is not a clean path on the site.
func AliasFile(a string) string {
	name, _ := aliasName(a)
	return name
}

// hasScheme reports whether a starts with a URL scheme ("mailto:").
func hasScheme(a string) bool {
	i := strings.IndexByte(a, ':')
	if i <= 0 {
		return false
	}
	for j, r := range a[:i] {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || j > 0 && (r >= '0' && r <= '9' || r == '+' || r == '-' || r == '.')) {
			return false
		}
	}
	return true
}

// siteURL is the URL of an output path: "a/index.html" is "/a/".
func siteURL(name string) string {
	if name == "index.html" {
		return "/"
	}
	if d, ok := strings.CutSuffix(name, "/index.html"); ok {
		return "/" + d + "/"
	}
	return "/" + name
}

// keyPos is the position of a front-matter key, matched without regard to
// case as the front matter is decoded.
func keyPos(doc *source.Doc, key string) diag.Pos {
	for _, k := range slices.Sorted(maps.Keys(doc.KeyLine)) {
		if strings.EqualFold(k, key) {
			return doc.KeyPos(k)
		}
	}
	return doc.KeyPos(key)
}

// valuePositions returns where each of values is written in the front
// matter under key. The values are looked for in order, from the key's
// line to the end of its entry; a value not found (written with escapes,
// say) is placed at the key.
func valuePositions(doc *source.Doc, key string, values []string) []diag.Pos {
	at := keyPos(doc, key)
	out := make([]diag.Pos, len(values))
	for i := range out {
		out[i] = at
	}
	src := doc.Src
	if at.Line <= 1 || len(src) == 0 {
		return out
	}
	// The key's line, and the end of its entry: the closing delimiter or
	// the next line that starts a key.
	start := 0
	for range at.Line - 1 {
		i := bytes.IndexByte(src[start:], '\n')
		if i < 0 {
			return out
		}
		start += i + 1
	}
	end := start
	for first := true; end < len(src); first = false {
		lineEnd := len(src)
		if i := bytes.IndexByte(src[end:], '\n'); i >= 0 {
			lineEnd = end + i + 1
		}
		line := bytes.TrimRight(src[end:lineEnd], "\r\n")
		if !first && (len(line) > 0 && !bytes.ContainsAny(line[:1], " \t-#]") || string(line) == "---" || string(line) == "+++") {
			break
		}
		end = lineEnd
	}
	cur := start
	if i := bytes.IndexAny(src[start:end], ":="); i >= 0 {
		cur += i + 1
	}
	for i, v := range values {
		if v == "" {
			continue
		}
		j := bytes.Index(src[cur:end], []byte(v))
		if j < 0 {
			continue
		}
		line, col := diag.LineCol(src, cur+j)
		out[i] = diag.Pos{File: doc.Path, Line: line, Col: col}
		cur += j + len(v)
	}
	return out
}
