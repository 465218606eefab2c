package model

import (
	"cmp"
	"html"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"unicode"

	"github.com/playbookhq/playbook/generator/slugs"
)

// GitHubID returns the id GitHub gives a heading with the text: the text in
// lower case with every character removed that is not a letter, a mark, a
// digit, "_", "-" or a space, and each space turned into "-". "Loop & Tie"
// is "loop--tie", "k8s.sgdev.org" is "k8ssgdevorg" and "Öppettider" is
// "öppettider". A second heading with the same id gets "-1", then "-2".
func GitHubID(text string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(text) {
		switch {
		case r == ' ' || r == '-':
			b.WriteByte('-')
		case r == '_' || unicode.In(r, unicode.L, unicode.M, unicode.Nd, unicode.Nl, unicode.Pc):
			b.WriteRune(r)
		}
	}
	return b.String()
}

// Label is a MyST target of a page: a name, "(name)=" on the line above
// a heading or another block, that links on any page may name as an
// anchor ("#name"), which leads to that heading (its ID), or to the page
// when ID is "".
type Label struct {
	Name, ID string
}

// indexLabels records the page each MyST target is on, by its name in
// lower case, in its page's language ("sv\x00name") and in any ("\x00name");
// of two pages with one name, the first by path.
func (s *Site) indexLabels() {
	s.labels = map[string]*Page{}
	for _, p := range s.pages {
		if p.Input == nil {
			continue
		}
		for _, l := range p.Input.Labels {
			name := strings.ToLower(l.Name)
			for _, k := range []string{p.Lang + "\x00" + name, "\x00" + name} {
				if q := s.labels[k]; q == nil || p.Path < q.Path {
					s.labels[k] = p
				}
			}
		}
	}
}

// aliasLabels lets the page's MyST targets name the heading below each,
// or the page: MyST reads their names in any case. An id or form of one
// that another heading has keeps naming that.
func (p *Page) aliasLabels() {
	if p.Input == nil {
		return
	}
	for _, l := range p.Input.Labels {
		for _, a := range []string{l.Name, strings.ToLower(l.Name)} {
			if _, ok := p.ghAnchors[a]; !ok && a != "" {
				p.ghAnchors[a] = l.ID
			}
		}
	}
}

// indexAnchors records the ids a link to the page may name: the ids of its
// headings (checklist items have no id on the page: theirs name the
// reader's ticks) and of the elements of its raw HTML, and other forms of
// each heading's id that stand for it. Those are the id GitHub gives the
// heading, also without hyphens at its ends and underscores (Experience
// League's form), and the heading's text as the page shows it made into an
// id the way playbook makes ids (so a heading with an image or an inline
// tag is found by its words).
func (p *Page) indexAnchors() {
	hs := p.Headings()
	p.anchors = make(map[string]int, len(hs))
	p.ghIDs = make(map[string]string, len(hs))
	p.ghAnchors = map[string]string{}
	p.given = nil
	for i, h := range hs {
		if _, dup := p.anchors[h.ID]; !dup {
			p.anchors[h.ID] = i
		}
		if h.Explicit {
			p.give(h.ID)
		}
		if h.IsTitle {
			p.titleID = h.ID
		}
	}
	if p.Input != nil {
		for _, id := range p.Input.HTMLIDs {
			if _, dup := p.anchors[id]; !dup {
				p.anchors[id] = -1
			}
			p.give(id)
		}
	}
	alias := func(a, id string) {
		if _, ok := p.ghAnchors[a]; !ok && a != "" {
			p.ghAnchors[a] = id
		}
	}
	p.aliasLabels()
	// loose numbers the headings as if GitHub read their {#id} and their
	// includes, as playbook once did: links written that way still lead
	// to their heading, below every other form. GitLab's ids, for links
	// written in a handbook kept on GitLab, come before the forms made up
	// for links written by hand ("-" trimmed, "_" dropped), which are
	// nobody's exact id.
	var loose slugger
	looseIDs := make([]string, len(hs))
	glIDs := make([]string, len(hs))
	made := make([]string, len(hs)) // GitHub's id, or its form without the {#id}
	p.eachHostID(func(i int, h Heading, gh, gl string, shown bool) {
		id := GitHubID(cmp.Or(h.TextContent, h.Text))
		looseIDs[i] = loose.next(id)
		switch {
		case !shown:
			// From an included file: GitHub shows the include line as
			// text, so the heading has no id there, nor a number.
			alias(id, h.ID)
		case h.Explicit:
			p.ghIDs[gh] = h.ID
			alias(id, h.ID)
		default:
			p.ghIDs[gh] = h.ID
			id = gh
		}
		if gl != gh {
			glIDs[i] = gl // most are GitHub's, already in ghIDs
		}
		made[i] = id
	})
	for i, h := range hs {
		alias(glIDs[i], h.ID)
	}
	for i, h := range hs {
		alias(strings.Trim(made[i], "-"), h.ID)
		// Experience League drops underscores as well:
		// #consumerswaitformessages for "consumers_wait_for_messages".
		alias(strings.ReplaceAll(strings.Trim(made[i], "-"), "_", ""), h.ID)
		alias(slugs.ID(cmp.Or(h.TextContent, h.Text)), h.ID)
	}
	for i, h := range hs {
		alias(looseIDs[i], h.ID)
	}
	p.indexFootnotes(alias)
	p.toolIDs = sync.OnceValue(p.toolAnchors)
}

// toolAnchors maps the ids two more tools give the page's headings to
// the heading's id, the first heading's where two share one. GOV.UK Tech
// Docs (Redcarpet) makes ids from the escaped text, "'" being "&#39;"
// ("#pod-shows-39-error-39-"), and gives a heading the id of the heading
// above it as a prefix when its own repeats ("#major-upgrade-upgrade-
// paths"; taken here for every heading, which leads to the same place);
// Eleventy's markdown-it-anchor, with sindresorhus/slugify, spells
// "&" as "and" ("#m-and-ie" for "M&IE"). Both join the words with single
// hyphens ("#other-people-s-money" for "Other people's money").
func (p *Page) toolAnchors() map[string]string {
	out := map[string]string{}
	add := func(text, id string) {
		if k := kebabID(text); k != "" {
			if _, ok := out[k]; !ok {
				out[k] = id
			}
		}
	}
	var above []Heading // the nearest heading above, of each level
	for _, h := range p.Headings() {
		text := cmp.Or(h.TextContent, h.Text)
		add(text, h.ID)
		add(html.EscapeString(text), h.ID)
		add(strings.ReplaceAll(text, "&", " and "), h.ID)
		for len(above) > 0 && above[len(above)-1].Level >= h.Level {
			above = above[:len(above)-1]
		}
		if len(above) > 0 {
			add(html.EscapeString(cmp.Or(above[len(above)-1].TextContent, above[len(above)-1].Text)+" "+text), h.ID)
		}
		above = append(above, h)
	}
	return out
}

// kebabID returns the words of s, its runs of letters and digits, in
// lower case and joined by hyphens.
func kebabID(s string) string {
	var b strings.Builder
	for w := range strings.FieldsFuncSeq(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		if b.Len() > 0 {
			b.WriteByte('-')
		}
		b.WriteString(w)
	}
	return b.String()
}

// indexFootnotes records the ids of the page's footnotes and of their
// first references, fn:1 and fnref:1, and the ids GitHub gives them, which
// links written for GitHub (and GitBook's exports) name: fn-label and
// fnref-label, shown as user-content-fn-label.
func (p *Page) indexFootnotes(alias func(a, id string)) {
	if p.Input == nil {
		return
	}
	for i, label := range p.Input.Footnotes {
		n := strconv.Itoa(i + 1)
		for _, kind := range []string{"fn", "fnref"} {
			id := kind + ":" + n
			if _, dup := p.anchors[id]; !dup {
				p.anchors[id] = -1
			}
			if label != "" {
				alias(kind+"-"+label, id)
				alias("user-content-"+kind+"-"+label, id)
			}
		}
	}
}

// give records an id written in the page, with {#id} or in its HTML.
func (p *Page) give(id string) {
	if p.given == nil {
		p.given = map[string]bool{}
	}
	p.given[id] = true
}

// hostBase returns what GitHub makes the id of heading h from, before it
// numbers repeats, or false for a heading from an included file, which
// GitHub does not show (it shows the include line as text). GitHub shows
// a {#id} as text, in the id too: "Foo {#bar}" is foo-bar there.
func (p *Page) hostBase(h Heading) (string, bool) {
	if h.Pos.File != p.Path {
		return "", false
	}
	text := cmp.Or(h.TextContent, h.Text)
	switch {
	case h.Attrs != "":
		text += " " + h.Attrs
	case h.Explicit:
		text += " {#" + h.ID + "}"
	}
	return GitHubID(text), true
}

// hostIDs maps the id of each heading of the page's own text to the
// anchors GitHub and GitLab give it (see gitLabBase), GitLab's "" where
// its count gives an earlier heading the same id (a link with it leads
// there). The review compares links with both; indexAnchors keeps
// GitLab's only as aliases.
func (p *Page) hostIDs() map[string][2]string {
	out := make(map[string][2]string, len(p.Headings()))
	glTaken := map[string]bool{}
	p.eachHostID(func(_ int, h Heading, gh, gl string, shown bool) {
		if !shown {
			return
		}
		ids := [2]string{gh, gl}
		if glTaken[gl] {
			ids[1] = "" // GitLab gave an earlier heading this id too
		} else {
			glTaken[gl] = true
		}
		if _, dup := out[h.ID]; !dup {
			out[h.ID] = ids
		}
	})
	return out
}

// eachHostID calls f with each heading of the page, in order, and the ids
// GitHub and GitLab give it, each numbering repeats its own way; shown is
// false, and the ids "", for a heading from an included file, which
// neither shows (see hostBase).
func (p *Page) eachHostID(f func(i int, h Heading, gh, gl string, shown bool)) {
	var gh slugger
	var gl gitLabSlugger
	for i, h := range p.Headings() {
		base, ok := p.hostBase(h)
		if !ok {
			f(i, h, "", "", false)
			continue
		}
		f(i, h, gh.next(base), gl.next(gitLabBase(base)), true)
	}
}

// slugger numbers repeated heading ids as GitHub does (after
// github-slugger): the n-th repeat of "a" is "a-n", unless that is taken,
// and then the next number. The count kept for each base makes a page of
// n equal headings cost n steps, not n²/2.
type slugger struct{ seen map[string]int }

// next returns the id of the next heading whose id would be base.
func (s *slugger) next(base string) string {
	if s.seen == nil {
		s.seen = map[string]int{}
	}
	id := base
	for {
		if _, taken := s.seen[id]; !taken {
			break
		}
		s.seen[base]++
		id = base + "-" + strconv.Itoa(s.seen[base])
	}
	s.seen[id] = 0
	return id
}

// gitLabSlugger numbers repeated heading ids as GitLab does: the n-th
// repeat of "a" is "a-n", whether or not another heading took that id.
type gitLabSlugger struct{ seen map[string]int }

// next returns the id of the next heading whose id would be base.
func (s *gitLabSlugger) next(base string) string {
	if s.seen == nil {
		s.seen = map[string]int{}
	}
	n := s.seen[base]
	s.seen[base]++
	if n == 0 {
		return base
	}
	return base + "-" + strconv.Itoa(n)
}

// matchAnchor finds the id an anchor on a link to the page names: one of
// the page's ids, also written with percent-escapes or in other case, the
// GitHub form of a heading's id, or the heading's text made into an id.
// "#top" always leads somewhere: browsers scroll to the top of a page that
// has no element with that id. The heading that repeats the title is not
// on the page, so its id becomes "": the link leads to the page.
//
// A text fragment (#:~:text=words, or #id:~:text=words) has the browser
// find and mark words on the page; only the id before it, if any, has to
// be there, and the directive is kept.
func (p *Page) matchAnchor(a string) (string, bool) {
	return p.matchAnchorOf(a, true)
}

// matchAnchorOf is matchAnchor for an anchor that names a heading as
// GitHub does (a Markdown link's), or, with github false, by playbook's
// id or its text (a wikilink's, which GitHub does not read).
func (p *Page) matchAnchorOf(a string, github bool) (string, bool) {
	a, words := cutTextFragment(a)
	id, ok := p.findAnchor(a, github)
	if ok && id != "" && id == p.titleID {
		id = ""
	}
	return id + words, ok
}

// spellings returns an anchor as written and, when it has percent-escapes,
// unescaped: the forms findAnchor looks a page's ids up in.
func spellings(a string) []string {
	if u, err := url.PathUnescape(a); err == nil && u != a {
		return []string{a, u}
	}
	return []string{a}
}

func (p *Page) findAnchor(a string, github bool) (string, bool) {
	if a == "" {
		return a, true
	}
	for _, f := range spellings(a) {
		for _, c := range []string{f, strings.ToLower(f)} {
			// The id GitHub gives one heading may be the id playbook
			// made for another ("Roles and responsibilities" after
			// "Roles & Responsibilities"): it names the heading it names
			// on GitHub, so that the link leads to the same place there
			// and here. An id written in the page keeps its place.
			if id, ok := p.ghIDs[c]; ok && github && !p.given[c] {
				return id, true
			}
			if p.hasAnchor(c) {
				return c, true
			}
			if id, ok := p.ghAnchors[c]; ok {
				return id, true
			}
		}
		if s := slugs.ID(f); p.hasAnchor(s) {
			return s, true
		}
		if p.toolIDs != nil {
			if id, ok := p.toolIDs()[strings.ToLower(f)]; ok {
				return id, true
			}
		}
	}
	if strings.EqualFold(a, "top") {
		return a, true
	}
	// GitHub shows a Markdown file, on its own page and as a folder's
	// README.md under the folder's files, in an element with the id
	// "readme", which links use to skip GitHub's header; here that is the
	// page itself.
	if p.Input != nil && strings.EqualFold(a, "readme") {
		return "", true
	}
	return "", false
}

func (p *Page) hasAnchor(id string) bool {
	_, ok := p.anchors[id]
	return ok
}
