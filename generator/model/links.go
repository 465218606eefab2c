package model

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"maps"
	"net/url"
	"path"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/playbookhq/playbook/generator/diag"
	"github.com/playbookhq/playbook/generator/internal/work"
	"github.com/playbookhq/playbook/generator/slugs"
	"github.com/playbookhq/playbook/generator/source"
)

// Target is what a link on a page points at.
type Target struct {
	// Page is the linked page, or nil for a file or a missing target.
	Page *Page
	// File is the site path of a linked content file.
	File string
	// Anchor is the fragment, rewritten to the heading id it matched.
	Anchor string
	// Query is the query string, without "?".
	Query string
	// html says that the link names the page by the .html path mdBook
	// and Jekyll publish it at, which GitHub and GitLab do not show.
	html bool
	// rooted says that the path was read from the content root or the
	// site folder, as Docusaurus reads it, and leads nowhere from the
	// file on GitHub and GitLab.
	rooted bool
	// folded is the path as the content writes it, when the link names
	// it in another case, which GitHub and GitLab do not find.
	folded string
}

// lookupError says why a link does not resolve.
type lookupError struct {
	msg string
	// hint finds a "did you mean" suggestion; it is called only for the
	// errors a report shows (see diag.Hint).
	hint func() string
}

func (e *lookupError) Error() string { return e.msg }

// Lookup resolves a destination written on the page at fromPath. Relative
// paths resolve against the page's file, as on GitHub and GitLab; a path
// starting with "/" resolves from the content root. A link may also name a
// URL of the site, as the published page's link would lead the browser to
// it. See find for every form a link may take.
func (s *Site) Lookup(fromPath, dest string) (Target, error) {
	return s.lookup(fromPath, "", dest)
}

type anchorError struct {
	page *Page
	// anchor is the id the link names, without a text fragment's words
	// (see matchAnchor).
	anchor string
}

func newAnchorError(p *Page, anchor string) *anchorError {
	id, _ := cutTextFragment(anchor)
	return &anchorError{page: p, anchor: id}
}

func (e *anchorError) Error() string {
	if e.page.Input == nil {
		return "the generated page " + e.page.URL + " has no heading #" + e.anchor
	}
	msg := e.page.Path + " has no heading #" + e.anchor
	if e.shownAsText() {
		// <a name="x"> written for GitHub, on a site that shows raw HTML
		// as text.
		msg += " (its raw HTML declares it, but is shown as text: unsafe = true lets raw HTML through)"
	} else if h, ok := e.unreadID(); ok {
		msg += fmt.Sprintf(" (heading %q shows its {#…} as text: an id of its own may hold only letters, digits, \"-\", \"_\", \":\" and \".\"; its id is #%s)", h.Text, h.ID)
	}
	return msg
}

// unreadID returns the heading whose text ends in {#anchor} when the
// anchor holds a character the Markdown parser refuses in an id, for
// which it did not take it.
func (e *anchorError) unreadID() (Heading, bool) {
	refused := strings.IndexFunc(e.anchor, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !strings.ContainsRune("-_:.", r)
	})
	if refused < 0 {
		return Heading{}, false
	}
	attr := "{#" + e.anchor + "}"
	for _, h := range e.page.Input.Headings {
		if strings.HasSuffix(strings.TrimSpace(h.Text), attr) {
			return h, true
		}
	}
	return Heading{}, false
}

// shownAsText reports whether raw HTML that the page shows as text
// declares the anchor, in a form findAnchor would match.
func (e *anchorError) shownAsText() bool {
	var forms []string
	for _, f := range spellings(e.anchor) {
		forms = append(forms, f, strings.ToLower(f), slugs.ID(f))
	}
	for _, id := range e.page.Input.TextHTMLIDs {
		if slices.Contains(forms, id) {
			return true
		}
	}
	return false
}

// hint finds a heading id like the anchor: a page has few.
func (e *anchorError) hint() string {
	return diag.DidYouMean(e.anchor, slices.Collect(maps.Keys(e.page.anchors)))
}

// Resolve implements the Markdown renderer's Resolver: it returns the URL
// to emit for a destination, or ok=false when it names nothing.
func (s *Site) Resolve(fromPath, dest string) (string, bool) {
	return s.ResolveIn(fromPath, fromPath, dest)
}

// ResolveIn implements the Markdown renderer's FileResolver: it resolves a
// destination written in file, which is the page's own path, or "/" and
// the site-root path of a file the page includes. Relative paths resolve
// against that file; the URL is the published one, and the anchor the id
// the heading has on the site.
func (s *Site) ResolveIn(fromPath, file, dest string) (string, bool) {
	if file == fromPath {
		file = ""
	}
	t, err := s.lookup(fromPath, file, dest)
	if !toPage(err) {
		return "", false
	}
	return s.targetURL(fromPath, dest, t), true
}

// ResolveText implements the Markdown renderer's TextResolver: the text a
// link written without any shows (MyST's "[](#label)", "[](guide.md)"),
// which is the heading it names, or the title of the page it leads to. It
// returns ok=false for a link to a file or to nothing.
func (s *Site) ResolveText(fromPath, file, dest string) (string, bool) {
	if file == fromPath {
		file = ""
	}
	t, err := s.lookup(fromPath, file, dest)
	if err != nil || t.Page == nil {
		return "", false
	}
	id, _ := cutTextFragment(t.Anchor)
	if id == "" {
		return t.Page.Title, true
	}
	h, ok := headingByID(t.Page, id) // not an element of the page's own HTML
	return cmp.Or(h.TextContent, h.Text), ok
}

// targetURL is the URL to emit for a destination written on the page at
// fromPath that leads to t.
func (s *Site) targetURL(fromPath, dest string, t Target) string {
	var href string
	switch {
	case t.File != "":
		href = s.opts.BasePath + escapePath(t.File)
	case t.Page != nil && t.Page.Path == fromPath && !strings.HasPrefix(dest, "/") && strings.HasPrefix(dest, "#") && t.Anchor != "":
		href = ""
	case t.Page != nil:
		href = t.Page.URL
	}
	if t.Query != "" {
		href += "?" + t.Query
	}
	if t.Anchor != "" {
		href += "#" + t.Anchor
	}
	return href
}

// toPage reports whether a lookup that returned err leads to its page: it
// did not fail, or only the heading it names is missing. A page without
// the heading is still the page: where missing anchors are only warned
// about, the link leads there, with the anchor as written, and counts as
// a link to it.
func toPage(err error) bool {
	var ae *anchorError
	return err == nil || errors.As(err, &ae)
}

func escapePath(p string) string {
	parts := strings.Split(p, "/")
	for i, s := range parts {
		parts[i] = url.PathEscape(s)
	}
	return strings.Join(parts, "/")
}

// absoluteTarget returns the page a full URL names when it is the site's
// own address of the page (under Options.SiteURL) and the site serves the
// page there, or nil.
func (s *Site) absoluteTarget(dest string) *Page {
	site := s.opts.SiteURL
	if site == "" && s.opts.RepoURL == "" {
		return nil // most sites: no parse of each web link
	}
	u, err := url.Parse(strings.TrimSpace(dest))
	if err != nil || u.Host == "" {
		return nil
	}
	if host, _, _ := strings.Cut(site, "/"); site == "" || !strings.EqualFold(u.Host, host) {
		return s.repoTarget(u, s.opts.RepoURL)
	}
	p := path.Clean("/" + u.Path)
	if strings.HasSuffix(u.Path, "/") && p != "/" {
		p += "/"
	}
	return s.servedPage(p)
}

// repoTarget returns the page whose file or folder u shows on GitHub or
// GitLab in the repository repo (the site's, Options.RepoURL), on any
// branch: …/blob/main/content/guide.md, …/-/tree/main/teams/ops, or nil.
// The path is read from the repository's root, the content folder's name
// first, or else from the content folder.
func (s *Site) repoTarget(u *url.URL, repo string) *Page {
	at := strings.ToLower(u.Host) + u.Path
	if repo == "" || len(at) <= len(repo) || !strings.EqualFold(at[:len(repo)], repo) || at[len(repo)] != '/' {
		return nil
	}
	rest := strings.TrimPrefix(at[len(repo)+1:], "-/")
	view, rest, _ := strings.Cut(rest, "/")
	_, p, ok := strings.Cut(rest, "/") // after the branch
	if view != "blob" && view != "tree" || !ok {
		return nil
	}
	p = path.Clean(p)
	if in, ok := strings.CutPrefix(p, s.opts.RootDir+"/"); ok && s.opts.RootDir != "" {
		p = in
	}
	if pg := s.byPath[p]; pg != nil {
		return pg
	}
	return s.findFolder(p, nil)
}

// repoOf returns the repository ("github.com/acme/handbook") of a web
// link to a file or folder on GitHub or GitLab (…/blob/<branch>/…,
// …/-/tree/<branch>/…), or "".
func repoOf(u *url.URL) string {
	at := strings.ToLower(u.Host) + u.Path
	for _, view := range []string{"/-/blob/", "/-/tree/", "/blob/", "/tree/"} {
		if i := strings.Index(at, view); i > 0 && strings.Count(at[:i], "/") >= 2 {
			return at[:i]
		}
	}
	return ""
}

// servedPage returns the page the site serves at abs, a path from the
// host's root ("/docs/guides/setup/"), or nil.
func (s *Site) servedPage(abs string) *Page {
	rel, ok := strings.CutPrefix(abs, s.opts.BasePath)
	if !ok || rel != "" && !strings.HasPrefix(rel, "/") {
		return nil
	}
	rel = cmp.Or(strings.Trim(rel, "/"), ".")
	h, _ := s.findURL(rel)
	if h.page == nil && h.file == "" && strings.HasSuffix(rel, ".html") {
		// The address Middleman, mdBook and Jekyll publish the page at
		// (guide.html, a folder's index.html), as a link in the content
		// may name it (see hit.html).
		rel = strings.TrimSuffix(strings.TrimSuffix(rel, ".html"), "/index")
		h, _ = s.findURL(cmp.Or(rel, "."))
	}
	return h.page
}

// htmlTarget returns the page an href of p's raw HTML leads the reader to,
// or nil: its URL, written as it is, resolved against the page's own URL
// as the browser resolves it, or a full URL of the site's own address.
func (s *Site) htmlTarget(p *Page, u HTMLURL) *Page {
	if u.Attr != "href" {
		return nil
	}
	if u.Absolute {
		return s.absoluteTarget(u.URL)
	}
	at, ok := browserPath(p, u.URL)
	if !ok {
		return nil
	}
	return s.servedPage(at)
}

// browserPath returns the path from the host's root that the browser goes
// to from p by raw, a relative or root URL of p's raw HTML; false when
// either does not parse, or raw has no path (a query or fragment alone,
// which stays on p).
func browserPath(p *Page, raw string) (string, bool) {
	base, err := url.Parse(p.URL)
	ref, err2 := url.Parse(strings.TrimSpace(raw))
	if err != nil || err2 != nil || ref.Path == "" {
		return "", false
	}
	return base.ResolveReference(ref).Path, true
}

// checkLinks reports links that lead nowhere.
func (s *Site) checkLinks() diag.List {
	// Each page's links are checked on their own, on every core.
	perPage := make([]diag.List, len(s.pages))
	work.Each(context.Background(), len(s.pages), func(i int) {
		perPage[i] = s.checkPageLinks(s.pages[i])
	})
	var diags diag.List
	for _, l := range perPage {
		diags = append(diags, l...)
	}
	return diags
}

// brokenLinkMsg says why the link to dest is broken: err, shortened to a
// line's length, and for {{…}} in dest that it is not expanded.
func brokenLinkMsg(dest string, err error) string {
	msg := fmt.Sprintf("broken link %q: %v", dest, err)
	if len(msg) > maxLinkMsg {
		cut := maxLinkMsg
		for cut > 0 && !utf8.RuneStart(msg[cut]) {
			cut--
		}
		msg = msg[:cut] + "…"
	}
	if strings.Contains(dest, "{{") {
		msg += " ({{…}} is the template syntax of another tool, such as Jekyll's {{site.baseurl}}, which playbook does not expand: write the path itself)"
	}
	return msg
}

// maxLinkMsg is the longest broken-link message, in bytes, before it is
// cut: a destination may be as long as its page.
const maxLinkMsg = 400

// checkPageLinks checks the links of one page.
func (s *Site) checkPageLinks(p *Page) diag.List {
	if p.Input == nil {
		return nil
	}
	var diags diag.List
	for _, l := range p.Input.Links {
		if l.Absolute {
			continue
		}
		_, err := s.lookup(p.Path, l.File, l.Dest)
		if err == nil {
			continue
		}
		if delim, name, ok := s.shortcodeLink(p, l); ok {
			// As a shortcode in the text, which the page shows as it is
			// written: Hugo's param in a reference definition's <…>.
			diags.AddKind("hugo-shortcode", diag.Warning, l.Pos, "Hugo shortcode {{%s %s …}} in the link %q is not supported, so the link leads nowhere: write the address itself", delim, name, l.Dest)
			continue
		}
		if s.erbLink(p, l) {
			dest := l.Dest
			if strings.HasPrefix(dest, "%") {
				dest = "<" + dest + ">" // as written: CommonMark took the brackets
			}
			diags.AddKind("erb-tag", diag.Warning, l.Pos, "ERB tag <%%…%%> (Middleman, GOV.UK Tech Docs) in the link %q is not supported, so the link leads nowhere: write the address itself", dest)
			continue
		}
		if i, j := liquidTag(l.Dest); i >= 0 && s.leadsBefore(p, l, i) && s.leadsAfter(p, l, i, j) {
			d := linkDiag(l.Pos, l.Dest, err) // for its hint
			d.Kind, d.Severity = "liquid-tag", diag.Warning
			d.Msg = fmt.Sprintf("template tag %s…%s (Liquid, Nunjucks) in the link %q is not run, so the link leads nowhere: write the address itself", l.Dest[i:i+2], l.Dest[j-2:j], l.Dest)
			diags = append(diags, d)
			continue
		}
		diags = append(diags, linkDiag(l.Pos, l.Dest, err))
	}
	for _, u := range p.Input.HTMLURLs {
		if u.Absolute {
			continue
		}
		if why := s.htmlURLMisses(p, u); why != "" {
			diags.AddKind("raw-html-link", diag.Warning, u.Pos, "%s=%q in raw HTML %s", u.Attr, u.URL, why)
		}
	}
	return diags
}

// htmlURLMisses says why a URL of the page's raw HTML, which is written
// as it is, misses on the site, or returns "": the site serves nothing
// where the browser goes from the page's URL, but what the URL names in
// the content is published elsewhere (a page's URL is a folder below its
// file, the site may be under a base path, and GitBook's .gitbook/assets
// are published as gitbook/assets). When the target is known, the
// message names its URL.
func (s *Site) htmlURLMisses(p *Page, u HTMLURL) string {
	raw := strings.TrimSpace(u.URL)
	if frag, ok := strings.CutPrefix(raw, "#"); ok {
		return missingPlace(p, frag)
	}
	why := p.htmlURLMisses(u)
	root := strings.HasPrefix(raw, "/")
	if u.Pos.File != p.Path && !root {
		return why // relative to the included file: where it leads differs by page
	}
	t, err := s.lookup(p.Path, "", raw)
	if !toPage(err) {
		if root {
			return s.rootMisses(raw, err)
		}
		if why == "" {
			return s.relativeMisses(p, raw, err)
		}
		return why
	}
	href := s.targetURL(p.Path, raw, t)
	href, _, _ = strings.Cut(href, "#")
	href, _, _ = strings.Cut(href, "?")
	at, ok := browserPath(p, raw)
	switch {
	case href == "":
		return why
	case ok && at == href:
		return "" // the browser goes where it names, as Hugo's authors write it
	case why != "":
		return why + ": " + href
	case !ok:
		return ""
	}
	if in, ok := s.underBase(at); ok {
		if _, served := s.findURL(cmp.Or(strings.TrimPrefix(in, "/"), ".")); served {
			return ""
		}
	}
	return "is not rewritten, and on the site it leads to " + at + ", where nothing is published; what it names is at " + href + ": write that, or a Markdown link or image"
}

// missingPlace says that frag, an href's #fragment in the raw HTML of p,
// names no heading or element of p, or returns "".
func missingPlace(p *Page, frag string) string {
	if f, err := url.PathUnescape(frag); err == nil {
		frag = f
	}
	if frag == "" || strings.EqualFold(frag, "top") {
		return ""
	}
	switch id, ok := p.matchAnchor(frag); {
	case !ok:
		return "leads to #" + frag + ", which no heading or element of this page has"
	case id != frag:
		return "is not rewritten, and the browser finds no #" + frag + ": the place it names is #" + id + ", write that"
	}
	return ""
}

// relativeMisses says why raw, a relative path in the raw HTML of a page
// whose URL is its file's folder (an index page), that lookup found
// nothing at (err), misses: nothing is published where the browser goes.
func (s *Site) relativeMisses(p *Page, raw string, err error) string {
	var le *lookupError
	at, ok := browserPath(p, raw)
	if !errors.As(err, &le) || !ok {
		return ""
	}
	if in, ok := s.underBase(at); !ok {
		return "" // above the site's base path: another site's, maybe
	} else if _, served := s.findURL(cmp.Or(strings.Trim(in, "/"), ".")); served {
		return ""
	}
	return "leads to " + at + ", where nothing is published: " + le.msg
}

// rootMisses says why raw, a path from the site root in a page's raw
// HTML that lookup found nothing at (err), misses: nothing is published
// there, as a Markdown link to it would report. It returns "" for what
// may be another site's on the same host: a protocol-relative URL
// ("//host/x"), or a path outside the site's base path.
func (s *Site) rootMisses(raw string, err error) string {
	var le *lookupError
	if strings.HasPrefix(raw, "//") || strings.HasPrefix(raw, "/\\") || !errors.As(err, &le) {
		return ""
	}
	u, perr := url.Parse(raw)
	if perr != nil {
		return ""
	}
	if _, ok := s.underBase(u.Path); !ok {
		return ""
	}
	return "leads to " + u.Path + ", where nothing is published: " + le.msg
}

// linkDiag reports a link to dest, written at pos, that lookup could not
// follow (err): a broken link, or a missing anchor, with the hint of
// where it may have meant to lead.
func linkDiag(pos diag.Pos, dest string, err error) diag.Diagnostic {
	d := diag.Diagnostic{Pos: pos, Severity: diag.Error, Kind: "broken-link", Msg: brokenLinkMsg(dest, err)}
	switch e := err.(type) {
	case *anchorError:
		d.Kind, d.Hint = "missing-anchor", &diag.Hint{Find: e.hint}
		if e.page.Input != nil && e.page.Input.Shortcodes && !e.shownAsText() {
			// The heading may be one a shortcode would make.
			d.Severity = diag.Warning
			d.Msg += " (the page shows Hugo shortcodes as text, which Hugo would run, and which may make it)"
		}
	case *lookupError:
		if e.hint != nil {
			d.Hint = &diag.Hint{Find: e.hint}
		}
	}
	return d
}

// shortcodeRE matches the opening of a Hugo shortcode, {{< name or
// {{% name, and captures its delimiter and name.
var shortcodeRE = regexp.MustCompile(`\{\{([<%])\s*([A-Za-z][\w.-]*)`)

// shortcodeLink reports whether the link l of p, which leads nowhere,
// does so because of a Hugo shortcode in its destination, which playbook
// does not run: one that the destination starts with, or one after a path
// that leads somewhere (guide.md#{{% param section %}}). It names the
// first shortcode that is not relref or ref, which playbook reads. A path
// before the shortcode that leads nowhere is a broken link all the same.
func (s *Site) shortcodeLink(p *Page, l Link) (delim, name string, ok bool) {
	ms := shortcodeRE.FindAllStringSubmatchIndex(l.Dest, -1)
	if ms == nil || !s.leadsBefore(p, l, ms[0][0]) {
		return "", "", false
	}
	m := ms[0]
	for _, n := range ms {
		if name := l.Dest[n[4]:n[5]]; name != "relref" && name != "ref" {
			m = n
			break
		}
	}
	return l.Dest[m[2]:m[3]], l.Dest[m[4]:m[5]], true
}

// erbLink reports whether the link l of p, which leads nowhere, does so
// because of an ERB tag in its destination, which Middleman runs before
// the Markdown and playbook does not: a destination that is one tag
// ("<%= page.source_url %>", which CommonMark reads without its angle
// brackets), or a path that leads somewhere followed by one.
func (s *Site) erbLink(p *Page, l Link) bool {
	d := l.Dest
	if len(d) > 2 && strings.HasSuffix(d, "%") && strings.ContainsAny(d[1:2], "=-# ") && d[0] == '%' {
		return true // <%= x %>, <%- x %>, <%# x %> or <% x %>
	}
	i := strings.Index(d, "<%")
	return i >= 0 && s.leadsBefore(p, l, i)
}

// liquidTag returns where the first Liquid or Nunjucks tag of a link's
// destination starts and ends, {{ base.url }} or {% link x.md %}, which
// Jekyll and Eleventy run before the Markdown and playbook does not; or
// -1, -1. A tag is closed ({{…}}, {%…%}) and is no Hugo shortcode
// ({{< or {{%): an unclosed "{%" is a percent-encoded brace, as in a
// query's JSON.
func liquidTag(dest string) (start, end int) {
	for i := 0; i+2 < len(dest); i++ {
		if dest[i] != '{' {
			continue
		}
		var closing string
		switch {
		case dest[i+1] == '{' && dest[i+2] != '<' && dest[i+2] != '%':
			closing = "}}"
		case dest[i+1] == '%':
			closing = "%}"
		default:
			continue
		}
		if j := strings.Index(dest[i+2:], closing); j >= 0 {
			return i, i + 2 + j + len(closing)
		}
	}
	return -1, -1
}

// leadsAfter reports whether what follows the tag [i, j) in the
// destination of the link l of p may lead somewhere: a path from the site
// root after a tag that starts the destination ({{ site.baseurl
// }}/guide/) must lead somewhere without the tag, to its #fragment;
// anything else is taken on trust, as the tag's value is unknown.
func (s *Site) leadsAfter(p *Page, l Link, i, j int) bool {
	rest := l.Dest[j:]
	if strings.TrimSpace(l.Dest[:i]) != "" || !strings.HasPrefix(rest, "/") {
		return true
	}
	_, err := s.lookup(p.Path, l.File, rest)
	return err == nil
}

// leadsBefore reports whether the destination of the link l of p, up to
// offset i where another tool's template syntax starts, leads somewhere:
// its path, without any #fragment or ?query, is empty or found.
func (s *Site) leadsBefore(p *Page, l Link, i int) bool {
	before := strings.TrimSpace(l.Dest[:i])
	if j := strings.IndexAny(before, "#?"); j >= 0 {
		before = before[:j]
	}
	if before == "" {
		return true
	}
	_, err := s.lookup(p.Path, l.File, before)
	return err == nil
}

// HTMLURL is a relative src or href URL in a page's raw HTML, and where
// the HTML is.
type HTMLURL struct {
	Attr, URL string
	Pos       diag.Pos
	// Absolute is set on a full http or https URL, which may be the site's
	// own address of a page (see Link.Absolute) and is never reported.
	Absolute bool
}

// htmlURLMisses says why a relative URL of the page's raw HTML, which is
// written as it is, misses on the site, or returns "". It is relative to
// the page's URL there: on a page that is not its folder's index that is
// a folder below the page's file, where the author wrote it from, as on
// GitHub; in a file the page includes, the page's folder need not be the
// file's; and a link to a .md file misses on any page.
func (p *Page) htmlURLMisses(u HTMLURL) string {
	dest, _, _ := strings.Cut(strings.TrimSpace(u.URL), "#")
	switch {
	case strings.HasPrefix(dest, "/"):
		return "" // the same from any page
	case u.Pos.File != p.Path:
		return "is not rewritten, and on the site it is relative to the URL of " + p.Path + ", which includes this file: write it as a Markdown link or image, or as a path from the site root"
	case !p.isIndex():
		return "is not rewritten, and on the site it is relative to the page's URL, a folder below this file: write it as a Markdown link or image, or as a path from the site root"
	case source.IsMarkdown(dest):
		return "is not rewritten to the page's URL: write it as a Markdown link"
	}
	return ""
}

// ResolveRole implements the Markdown renderer's RoleResolver: it links a
// task item's role prefix to the role's page.
func (s *Site) ResolveRole(fromPath, name string) (string, bool) {
	lang := s.opts.Languages[0]
	if p := s.byPath[fromPath]; p != nil {
		lang = p.Lang
	}
	if r := s.RoleByName(lang, name); r != nil {
		return r.Page.URL, true
	}
	return "", false
}

// lookupWiki resolves [[Page title]], [[slug]] or [[path/to/page]], with an
// optional #heading, in the linking page's language first.
func (s *Site) lookupWiki(fromPath, target string) (Target, error) {
	var t Target
	target, t.Anchor, _ = strings.Cut(target, "#")
	from := s.byPath[fromPath]
	var found *Page
	if target == "" {
		found = from
	} else {
		langs := s.opts.Languages
		if from != nil {
			langs = append([]string{from.Lang}, langs...)
		}
		key := strings.ToLower(target)
		if source.IsMarkdown(key) {
			key = source.TrimExt(key)
		}
		for _, l := range langs {
			if found = s.wiki[l+"\x00"+key]; found != nil {
				break
			}
			if found = s.wiki[l+"\x00"+slugSegment(key)]; found != nil {
				break
			}
		}
	}
	if found == nil {
		return t, &lookupError{msg: "no page titled or named " + strconvQuote(target), hint: func() string { return s.suggestWiki(strings.ToLower(target)) }}
	}
	t.Page = found
	if t.Anchor != "" {
		a, ok := found.matchAnchorOf(t.Anchor, false)
		if !ok {
			a, ok = found.matchAnchorOf(slugs.ID(t.Anchor), false)
		}
		if !ok {
			return t, newAnchorError(found, t.Anchor)
		}
		t.Anchor = a
	}
	return t, nil
}

func strconvQuote(s string) string { return `"` + s + `"` }

// indexWiki records the names wikilinks may use for each page: its title,
// its file or folder name, and its path without .md, a translation's or an
// index page's file name and path too.
func (s *Site) indexWiki() {
	s.wiki = map[string]*Page{}
	add := func(lang, key string, p *Page) {
		k := lang + "\x00" + strings.ToLower(key)
		if _, taken := s.wiki[k]; !taken && key != "" {
			s.wiki[k] = p
		}
	}
	for _, p := range s.pages {
		if p.Input == nil {
			continue
		}
		add(p.Lang, p.Title, p)
		// A file's own path and name name it too, as Obsidian links to a
		// file: [[teams/ops/index]], a translation's [[faq.sv]].
		base, file := p.translationBase(), source.TrimExt(p.Path)
		if p.isIndex() {
			add(p.Lang, path.Base(p.Dir), p)
			add(p.Lang, p.Dir, p)
			add(p.Lang, file, p)
		} else {
			add(p.Lang, base, p)
			add(p.Lang, path.Join(p.Dir, base), p)
			if name := path.Base(file); name != base {
				add(p.Lang, name, p)
				add(p.Lang, file, p)
			}
		}
	}
}
