package build_test

import (
	"fmt"
	"html"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/playbookhq/playbook/generator/build"
	"github.com/playbookhq/playbook/generator/diag"
	"github.com/playbookhq/playbook/generator/output"
	"github.com/playbookhq/playbook/themes"
)

// The links site (testdata/links) writes every form of link playbook
// resolves, each with a title saying where it must lead on the site
// ("want:/handbook/legal/terms/#scope"), and links that must be reported,
// titled "broken". Its link checks are warnings, so that it builds.
const (
	linksSite = "testdata/links"
	linksBase = "/handbook"
)

// buildLinks builds the links site and returns its output folder and the
// link diagnostics.
func buildLinks(t *testing.T) (string, diag.List) {
	t.Helper()
	dest := filepath.Join(t.TempDir(), "public")
	res, err := newBuilder(linksSite, dest).Build(t.Context())
	if err != nil {
		t.Fatalf("build failed:\n%v", err)
	}
	var links diag.List
	for _, d := range res.Warnings {
		if d.Kind == "broken-link" || d.Kind == "missing-anchor" {
			links = append(links, d)
		}
	}
	return dest, links
}

// TestLinksGolden checks the links site's diagnostics: one at each link
// titled "broken", in the file and on the line it is written.
func TestLinksGolden(t *testing.T) {
	_, links := buildLinks(t)
	// The suggestions have tests of their own.
	got := hintRE.ReplaceAllString(links.String(), "")
	golden := filepath.Join(linksSite, "diags.golden.txt")
	if *update {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, _ := os.ReadFile(golden)
	if got != string(want) {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", got, want)
	}
	if n := countInSources(t, `"broken")`); len(links) != n {
		t.Errorf("%d links reported, %d titled broken", len(links), n)
	}
}

// TestPublishedLinksNotReported checks that a link to a published URL is
// never reported: for each reported link, neither the browser (from every
// page that shows the link as written) nor a reader of the source (from
// the file it is written in) finds its target, heading included, in the
// built site.
func TestPublishedLinksNotReported(t *testing.T) {
	dest, links := buildLinks(t)
	site := readSite(t, dest)
	if len(links) == 0 {
		t.Fatal("no link reported")
	}
	msgRE := regexp.MustCompile(`^broken link ("(?:[^"\\]|\\.)*")`)
	for _, d := range links {
		m := msgRE.FindStringSubmatch(d.Msg)
		if m == nil {
			t.Errorf("%s: no destination in the message", d)
			continue
		}
		dest, _ := strconv.Unquote(m[1])
		shown := site.pagesShowing(dest)
		// A link to a page that lacks the heading it names leads to the
		// page, so no page shows it as written; the check of the source
		// below finds the heading missing there.
		if len(shown) == 0 && !strings.Contains(d.Msg, " has no heading #") {
			t.Errorf("%s: no page shows the link", d)
		}
		for _, page := range shown {
			if u, ok := browserURL(pageURL(page), dest); ok && site.serves(u) {
				t.Errorf("%s: the site serves %s, which the link on %s leads to", d, u, page)
			}
		}
		for _, u := range sourceURLs(strings.TrimPrefix(d.Pos.File, "content/"), dest) {
			if site.serves(u) {
				t.Errorf("%s: the site serves %s, which the link names in the source", d, u)
			}
		}
	}
}

// TestLinkHrefs checks that each link titled "want:URL" is written with an
// href that leads to that URL, and that the site has the file and id
// there.
func TestLinkHrefs(t *testing.T) {
	dest, _ := buildLinks(t)
	site := readSite(t, dest)
	checked := 0
	for _, page := range slices.Sorted(mapsKeys(site.pages)) {
		for _, tag := range tagRE.FindAllString(site.pages[page], -1) {
			title := html.UnescapeString(attr(tag, "title"))
			want, ok := strings.CutPrefix(title, "want:")
			if !ok {
				continue
			}
			checked++
			href := html.UnescapeString(attr(tag, "href") + attr(tag, "src"))
			got, ok := browserURL(pageURL(page), href)
			if !ok || got != want {
				t.Errorf("%s: %q leads to %q, want %q", page, href, got, want)
				continue
			}
			if !site.servesExactly(want) {
				t.Errorf("%s: %q: the site has nothing at %s", page, href, want)
			}
		}
	}
	if n := countInSources(t, `"want:`); checked < n {
		t.Errorf("%d links checked, %d titled want in the sources", checked, n)
	}
}

var (
	hintRE  = regexp.MustCompile(`(?m) \(did you mean "[^"]*"(, that is [^?]*)?\?\)$`)
	tagRE   = regexp.MustCompile(`<(?:a|img) [^>]*>`)
	attrREs = map[string]*regexp.Regexp{}
)

func attr(tag, name string) string {
	re := attrREs[name]
	if re == nil {
		re = regexp.MustCompile(` ` + name + `="([^"]*)"`)
		attrREs[name] = re
	}
	if m := re.FindStringSubmatch(tag); m != nil {
		return m[1]
	}
	return ""
}

// countInSources counts s in the links site's content files.
func countInSources(t *testing.T, s string) int {
	t.Helper()
	n := 0
	err := filepath.WalkDir(filepath.Join(linksSite, "content"), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
			return err
		}
		b, err := os.ReadFile(p)
		n += strings.Count(string(b), s)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// builtSite is a built site's HTML pages and the ids in each.
type builtSite struct {
	dir   string
	pages map[string]string
}

func readSite(t *testing.T, dir string) *builtSite {
	t.Helper()
	s := &builtSite{dir: dir, pages: map[string]string{}}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		if !strings.Contains(string(b), `http-equiv="refresh"`) && rel != "404.html" {
			s.pages[filepath.ToSlash(rel)] = string(b)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// pagesShowing returns the pages with a link or image whose destination is
// dest as written.
func (s *builtSite) pagesShowing(dest string) []string {
	var out []string
	for _, page := range slices.Sorted(mapsKeys(s.pages)) {
		for _, tag := range tagRE.FindAllString(s.pages[page], -1) {
			if html.UnescapeString(attr(tag, "href")+attr(tag, "src")) == dest {
				out = append(out, page)
				break
			}
		}
	}
	return out
}

// file returns the output file a URL path of the site is served from.
func (s *builtSite) file(p string) (string, bool) {
	rel, ok := strings.CutPrefix(p, linksBase+"/")
	if !ok {
		return "", false
	}
	if r, err := url.PathUnescape(rel); err == nil {
		rel = r
	}
	if rel == "" || strings.HasSuffix(rel, "/") {
		rel += "index.html"
	}
	st, err := os.Stat(filepath.Join(s.dir, filepath.FromSlash(rel)))
	if err == nil && st.IsDir() {
		rel += "/index.html"
		_, err = os.Stat(filepath.Join(s.dir, filepath.FromSlash(rel)))
	}
	return rel, err == nil
}

// servesExactly reports whether the site has a file at the URL and, for a
// page, the URL's fragment as an id (or "top", which browsers always
// find).
func (s *builtSite) servesExactly(u string) bool {
	p, frag, _ := strings.Cut(u, "#")
	p, _, _ = strings.Cut(p, "?")
	frag, _, _ = strings.Cut(frag, ":~:") // a text fragment's words
	rel, ok := s.file(p)
	if !ok {
		return false
	}
	page, isPage := s.pages[rel]
	if frag == "" || !isPage || strings.EqualFold(frag, "top") {
		return true
	}
	return strings.Contains(page, ` id="`+html.EscapeString(frag)+`"`)
}

var headingRE = regexp.MustCompile(`(?s)<h[1-6][^>]*>(.*?)</h[1-6]>`)

// serves is servesExactly that also finds a heading by the id GitHub
// would give it: a link written for GitHub names the heading.
func (s *builtSite) serves(u string) bool {
	if s.servesExactly(u) {
		return true
	}
	p, frag, ok := strings.Cut(u, "#")
	if !ok {
		return false
	}
	rel, ok := s.file(strings.SplitN(p, "?", 2)[0])
	if !ok {
		return false
	}
	for _, m := range headingRE.FindAllStringSubmatch(s.pages[rel], -1) {
		text := html.UnescapeString(regexp.MustCompile(`<[^>]*>`).ReplaceAllString(m[1], ""))
		if githubID(text) == frag || strings.Trim(githubID(text), "-") == frag {
			return true
		}
	}
	return false
}

// githubID is the id GitHub gives a heading (its repeats aside).
func githubID(text string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(text) {
		switch {
		case r == ' ' || r == '-':
			b.WriteByte('-')
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) || r == '_':
			b.WriteRune(r)
		}
	}
	return b.String()
}

func exists(name string) bool {
	_, err := os.Stat(name)
	return err == nil
}

// pageURL is the URL path of an output page.
func pageURL(page string) string {
	return linksBase + "/" + strings.TrimSuffix(page, "index.html")
}

// browserURL resolves an href as the browser does on the page at base,
// and returns its path, query and fragment.
func browserURL(base, href string) (string, bool) {
	b := &url.URL{Path: base}
	r, err := url.Parse(href)
	if err != nil || r.Scheme != "" || r.Host != "" {
		return "", false
	}
	u := b.ResolveReference(r)
	out := u.EscapedPath()
	if u.RawQuery != "" {
		out += "?" + u.RawQuery
	}
	if u.Fragment != "" {
		out += "#" + u.Fragment
	}
	return out, true
}

// sourceURLs returns the URLs the site would serve the target of a link
// at, read as a reader of the source reads it: a path to a file, relative
// to the file it is written in or from the content root, and a Markdown
// file or a folder as the page made of it. Names in this site are their
// own slugs, so a page's URL is its path.
func sourceURLs(file, dest string) []string {
	raw, frag, _ := strings.Cut(dest, "#")
	raw, _, _ = strings.Cut(raw, "?")
	if p, err := url.PathUnescape(raw); err == nil {
		raw = p
	}
	var p string
	if strings.HasPrefix(raw, "/") {
		p = path.Clean(strings.TrimPrefix(strings.TrimPrefix(raw, linksBase), "/"))
	} else {
		p = path.Join(path.Dir(file), raw)
	}
	if p == ".." || strings.HasPrefix(p, "../") {
		return nil
	}
	if p == "." {
		p = ""
	}
	var urls []string
	switch dir, base := path.Split(strings.TrimSuffix(p, ".md")); {
	case strings.HasSuffix(p, ".md") && !exists(filepath.Join(linksSite, "content", p)):
		// No such file: no page is made of it.
	case p == "":
		urls = append(urls, linksBase+"/")
	case !strings.HasSuffix(p, ".md"):
		urls = append(urls, linksBase+"/"+p, linksBase+"/"+p+"/")
	case base == "README" || base == "index" || base == "_index":
		urls = append(urls, linksBase+"/"+dir)
	default:
		urls = append(urls, linksBase+"/"+dir+base+"/")
	}
	if frag != "" {
		for i := range urls {
			urls[i] += "#" + frag
		}
	}
	return urls
}

// TestMissingHeadingLeadsToPage checks that where missing headings are
// only warned about, a link to a page that lacks the heading it names is
// written to lead to the page, and counts as a link to it.
func TestMissingHeadingLeadsToPage(t *testing.T) {
	src := writeSite(t, map[string]string{
		"_index.md":    "# Home\n\n[About us](sub/about.md#nope)\n",
		"sub/about.md": "# About\n",
	})
	res := buildWith(t, src, "title = \"T\"\n[checks]\nmissing-anchor = \"warning\"\n")
	if got := res.Warnings.String(); !strings.Contains(got, `has no heading #nope`) || strings.Contains(got, "no page links to About") {
		t.Errorf("warnings:\n%s", got)
	}
	b, _ := os.ReadFile(filepath.Join(src, "public/index.html"))
	if !strings.Contains(string(b), `<a href="/sub/about/#nope">About us</a>`) {
		t.Error("the link does not lead to the page")
	}
}

// TestHTMLAnchors checks that links may name the ids of a page's raw HTML
// (id on any element, name on <a>, in a heading as on GitHub) when the
// site lets raw HTML through, and that they are missing headings when it
// does not: the HTML is then shown as text. HTML in an image's description
// declares nothing: the page shows its text as the image's alt.
func TestHTMLAnchors(t *testing.T) {
	for _, unsafe := range []bool{true, false} {
		src := t.TempDir()
		writeFile(t, filepath.Join(src, "playbook.toml"), fmt.Sprintf("title = \"T\"\nunsafe = %v\n[checks]\nmissing-anchor = \"warning\"\n", unsafe))
		writeFile(t, filepath.Join(src, "content/_index.md"), "# Home\n\n[a](#approval) [b](#old-name) [c](page.md#legacy) [d](page.md#in-comment) [e](page.md#in-heading) [f](page.md#in-alt) [g](title.md#in-title)\n\n"+
			"<span id=\"approval\"></span>\nText.\n\n<A NAME=\"old-name\"></A>\n")
		writeFile(t, filepath.Join(src, "content/page.md"), "# Page\n\nInline <a id='legacy'></a> anchor.\n\n<!-- <a id=\"in-comment\"></a> -->\n\n"+
			"## <a name=\"in-heading\"></a>Marked\n\n![<a name=\"in-alt\"></a>plan](plan.png)\n")
		writeFile(t, filepath.Join(src, "content/plan.png"), "png")
		writeFile(t, filepath.Join(src, "content/title.md"), "# <a name=\"in-title\"></a>Title\n\nThe title heading is shown escaped, above the page.\n")
		var missing []string
		for _, msg := range buildWarnings(t, src, "missing-anchor") {
			_, id, _ := strings.Cut(msg, "#")
			missing = append(missing, strings.TrimRight(strings.Fields(id)[0], `":`))
		}
		want := "in-comment in-alt in-title"
		if !unsafe {
			want = "approval old-name legacy in-comment in-heading in-alt in-title"
		}
		if got := strings.Join(missing, " "); got != want {
			t.Errorf("unsafe = %v: missing anchors %q, want %q", unsafe, got, want)
		}
	}
}

// TestGitHubAnchorWins checks that a link written with the anchor GitHub
// gives a heading leads to that heading when the anchor is also the id
// playbook made for another heading (an emoji or "&" drops out of one
// heading's GitHub id and not of its neighbour's); that an id written
// with {#id} keeps its heading, and counts as text in GitHub's id of it;
// that an included heading, which GitHub does not show, takes no GitHub
// id from the page's own; that wikilinks and the checklists' links,
// which GitHub does not read, name headings as playbook does; and that
// only the link to a {#id} draws a portability warning. A link numbered
// as if GitHub read the {#id} ("#foo-1") leads where it always did.
func TestGitHubAnchorWins(t *testing.T) {
	src := t.TempDir()
	writeFile(t, filepath.Join(src, "playbook.toml"), "title = \"T\"\n")
	writeFile(t, filepath.Join(src, "content/_index.md"), "# Home\n\n"+
		"[a](guide.md#roles-and-responsibilities) [b](guide.md#setup) [c](guide.md#roles--responsibilities) "+
		"[d](guide.md#-setup) [e](guide.md#setup-guide) [f](guide.md#foo) [g](guide.md#foo-bar) [h](guide.md#qa) "+
		"[[guide#AB|i]] [[guide#A/B|j]] [k](guide.md#foo-1)\n")
	writeFile(t, filepath.Join(src, "content/guide.md"), "# Guide\n\n## Roles & Responsibilities\n\n## Roles and responsibilities\n\n"+
		"## 🚀 Setup\n\n## Setup\n\n## Intro {#setup-guide}\n\n## Setup guide\n\n## Foo {#bar}\n\n## Foo\n\n"+
		"{{$include /_includes/shared.md}}\n\n## QA\n\n## A/B\n\n- [ ] Under A/B\n\n## AB\n\n- [ ] Under AB\n")
	writeFile(t, filepath.Join(src, "_includes/shared.md"), "## Q&A\n")
	res, err := build.New(build.Config{SourceDir: src, DestDir: filepath.Join(src, "public"), DefaultTheme: themes.Default(), Review: true}).Build(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	var w []string
	for _, d := range res.Warnings {
		if d.Kind == "portability" && !strings.HasPrefix(d.Msg, "wikilink") {
			w = append(w, d.Msg)
		}
	}
	wantW := []string{"anchor #setup-guide is the {#setup-guide} of heading", "anchor #foo-1 of heading \"Foo\" works here, but GitHub and GitLab give it #foo",
		"{#setup-guide} after a heading", "{#bar} after a heading"}
	if len(w) != len(wantW) || slices.ContainsFunc(wantW, func(s string) bool { return !strings.Contains(strings.Join(w, "\n"), s) }) {
		t.Errorf("portability warnings %q, want only the four for {#setup-guide}, {#bar} and #foo-1", w)
	}
	for page, want := range map[string]string{
		"public/index.html":            "roles-and-responsibilities-1 setup-1 roles-and-responsibilities setup setup-guide foo bar qa ab a-b foo",
		"public/checklists/index.html": "a-b ab",
	} {
		html, err := os.ReadFile(filepath.Join(src, page))
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, m := range regexp.MustCompile(`href="[^"]*guide/#([^"]*)"`).FindAllStringSubmatch(string(html), -1) {
			if !slices.Contains(got, m[1]) || page == "public/index.html" {
				got = append(got, m[1])
			}
		}
		if strings.Join(got, " ") != want {
			t.Errorf("%s: anchors %q, want %q", page, strings.Join(got, " "), want)
		}
	}
}

// TestGitLabAnchors checks that a link written with the anchor GitLab
// gives a heading (runs of hyphens squeezed into one, "anchor-" before an
// id of digits, repeats numbered by GitLab's count) leads to that heading,
// for handbooks kept on GitLab, also where another heading's GitHub id
// with its hyphens trimmed reads the same ("-öppet-tider"); that GitHub's
// anchor of a heading written over two lines (setext) leads to it, and
// its id is made from both lines; and that none of these draws
// portability advice, as a link with GitHub's anchor draws none.
func TestGitLabAnchors(t *testing.T) {
	src := t.TempDir()
	writeFile(t, filepath.Join(src, "playbook.toml"), "title = \"T\"\n")
	writeFile(t, filepath.Join(src, "content/_index.md"), "# Home\n\n"+
		"[a](guide.md#foo-bar) [b](guide.md#foo-bar-1) [c](guide.md#anchor-2023) [d](guide.md#api-v2) [e](guide.md#2023) [f](guide.md#öppet-tider) [g](guide.md#first-linesecond-line)\n")
	writeFile(t, filepath.Join(src, "content/guide.md"), "# Guide\n\n## Foo & Bar\n\n## Foo & Bar\n\n## 2023\n\n## API -- v2\n\n## 🕘 Öppet tider\n\n## Öppet – tider\n\nFirst Line\nSecond Line\n-----------\n")
	res, err := build.New(build.Config{SourceDir: src, DestDir: filepath.Join(src, "public"), DefaultTheme: themes.Default(), Review: true}).Build(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range res.Warnings {
		if d.Kind != "orphan" {
			t.Errorf("warning: %s", d)
		}
	}
	html, err := os.ReadFile(filepath.Join(src, "public/index.html"))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, m := range regexp.MustCompile(`href="[^"]*guide/#([^"]*)"`).FindAllStringSubmatch(string(html), -1) {
		got = append(got, m[1])
	}
	if want := "foo-and-bar foo-and-bar-1 2023 api-v2 2023 oppet-tider-1 first-line-second-line"; strings.Join(got, " ") != want {
		t.Errorf("anchors %q, want %q", strings.Join(got, " "), want)
	}
}

// TestOtherToolsAnchors checks that links find headings by the ids GOV.UK
// Tech Docs gives them (the escaped text: "'" is "-39-"; a repeated
// heading prefixed with the one above it) and Eleventy's slugify does
// ("&" as "and", "'" as a hyphen), and lead to playbook's ids; and that
// forms no tool gives ("#vs-code-extensions" for "VSCode Extensions",
// underscores for spaces) are still missing anchors.
func TestOtherToolsAnchors(t *testing.T) {
	src := writeSite(t, map[string]string{
		"_index.md": "# Home\n\n[a](guide.md#my-pod-shows-39-createcontainerconfigerror-39-after-deployment) [b](guide.md#major-upgrade-upgrade-paths) " +
			"[c](guide.md#other-people-s-money) [d](guide.md#m-and-ie-and-travel) [e](guide.md#vs-code-extensions) [f](guide.md#upgrade_paths)\n",
		"guide.md": "# Guide\n\n## Minor upgrade\n\n### Upgrade paths\n\n## Major upgrade\n\n### Upgrade paths\n\n" +
			"## My pod shows 'CreateContainerConfigError' after deployment\n\n## Other people's money\n\n## M&IE and travel\n\n## VSCode Extensions\n",
	})
	res := buildWith(t, src, "title = \"T\"\n[checks]\nmissing-anchor = \"warning\"\n")
	var got []string
	for _, d := range res.Warnings {
		if d.Kind == "missing-anchor" {
			got = append(got, d.Pos.String())
		}
	}
	if want := []string{"content/_index.md:3:189", "content/_index.md:3:222"}; !slices.Equal(got, want) {
		t.Errorf("missing anchors at %q, want %q", got, want)
	}
	pageHas(t, src, "index.html", `href="/guide/#my-pod-shows-createcontainerconfigerror-after-deployment"`,
		`href="/guide/#upgrade-paths-1"`, `href="/guide/#other-peoples-money"`, `href="/guide/#mandie-and-travel"`)
}

// TestMarkdownExtensions checks that the other extensions Markdown pages
// have in Jekyll, Hugo and MkDocs handbooks (".markdown", ".mdown", …)
// make pages, which links find by any of their forms, as they do .md
// pages.
func TestMarkdownExtensions(t *testing.T) {
	src := t.TempDir()
	writeFile(t, filepath.Join(src, "playbook.toml"), "title = \"T\"\n")
	writeFile(t, filepath.Join(src, "content/_index.md"), "# Home\n\n"+
		"[a](guide.markdown) [b](guide) [c](guide.html#setup) [d](team/notes.MDOWN) [e](team/) [f](team/notes) [g](v1.markdown/) [[guide#setup]]\n")
	writeFile(t, filepath.Join(src, "content/guide.markdown"), "# Guide\n\n## Setup\n")
	writeFile(t, filepath.Join(src, "content/team/index.mkd"), "# Team\n\n[Notes](notes.MDOWN)\n")
	writeFile(t, filepath.Join(src, "content/team/notes.MDOWN"), "# Notes\n\nBack [home](../_index.md).\n")
	writeFile(t, filepath.Join(src, "content/v1.markdown/index.md"), "# Version 1\n\nA folder named like a page.\n")
	res, err := newBuilder(src, filepath.Join(src, "public")).Build(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Warnings) > 0 {
		t.Errorf("warnings: %v", res.Warnings)
	}
	page, err := os.ReadFile(filepath.Join(src, "public/index.html"))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, m := range regexp.MustCompile(`<a href="([^"]*)">[a-g]</a>`).FindAllStringSubmatch(string(page), -1) {
		got = append(got, m[1])
	}
	want := "/guide/ /guide/ /guide/#setup /team/notes/ /team/ /team/notes/ /v1-markdown/"
	if strings.Join(got, " ") != want {
		t.Errorf("links %q, want %q", strings.Join(got, " "), want)
	}
	for _, f := range []string{"guide/index.html", "team/index.html", "team/notes/index.html"} {
		if !exists(filepath.Join(src, "public", f)) {
			t.Errorf("no %s", f)
		}
	}
	if exists(filepath.Join(src, "public/guide.markdown")) {
		t.Error("the page's source was copied as a file")
	}
}

// TestReadmeAnchor checks that "#readme", the id of the element GitHub
// shows a Markdown file in (a folder's README.md under its files, any
// file on its own page), leads to the top of a page made from a Markdown
// file, and not of a page the site generates.
func TestReadmeAnchor(t *testing.T) {
	src := writeSite(t, map[string]string{
		"_index.md":            "# Home\n\n[a](onboarding/#readme) [b](onboarding/README.md#README) [c](other.md#readme) [d](tags/#readme)\n",
		"onboarding/README.md": "# Onboarding\n",
		"other.md":             "---\ntags: [x]\n---\n# Other\n",
	})
	writeFile(t, filepath.Join(src, "playbook.toml"), "title = \"T\"\n[checks]\nmissing-anchor = \"warning\"\n")
	missing := buildWarnings(t, src, "missing-anchor")
	if len(missing) != 1 || !strings.Contains(missing[0], `"tags/#readme"`) {
		t.Errorf("missing anchors: %q, want one, of the generated tags page", missing)
	}
	b, _ := os.ReadFile(filepath.Join(src, "public/index.html"))
	if !strings.Contains(string(b), `<a href="/onboarding/">a</a> <a href="/onboarding/">b</a> <a href="/other/">c</a>`) {
		t.Errorf("the links do not lead to the pages:\n%s", b)
	}
}

// TestEscapedDestinations checks that a link destination is read as
// CommonMark and GitHub read it, with its backslash escapes and character
// references resolved: file\_name.md leads to file_name.md, and an
// escaped "&" starts no reference.
func TestEscapedDestinations(t *testing.T) {
	src := writeSite(t, map[string]string{
		"_index.md": "# Home\n\n[a](file\\_name.md) [b](caf&eacute;.md) [c](caf&#233;.md#caf&eacute;) [d](r\\(1\\).md#a-\\(b\\))\n\n" +
			"| t |\n| - |\n| [e](file\\_name.md) |\n\n[f](x\\&amp;y.md) [g](x&amp;y.md)\n",
		"file_name.md": "# F\n",
		"café.md":      "# Café\n",
		"r(1).md":      "# R\n\n## A (b)\n",
		"x&y.md":       "# XY\n",
	})
	writeFile(t, filepath.Join(src, "playbook.toml"), "title = \"T\"\n[checks]\nbroken-link = \"warning\"\n")
	broken := buildWarnings(t, src, "broken-link")
	if len(broken) != 1 || !strings.Contains(broken[0], `"x\\&amp;y.md"`) {
		t.Errorf("broken links: %q, want one, the escaped \"&\"", broken)
	}
	b, _ := os.ReadFile(filepath.Join(src, "public/index.html"))
	for _, want := range []string{`<a href="/file_name/">a</a>`, `<a href="/cafe/">b</a>`, `<a href="/cafe/">c</a>`, `<a href="/r-1/#a-b">d</a>`, `<a href="/file_name/">e</a>`, `<a href="/xandy/">g</a>`} {
		if !strings.Contains(string(b), want) {
			t.Errorf("the home page lacks %s", want)
		}
	}
}

// TestRedirectFrom checks Jekyll's redirect_from, which handbooks moved
// from Jekyll carry: as Hugo's aliases, each path gets a redirect page to
// the page, and links to it lead to the page; one that is the page's own
// URL is left out.
func TestRedirectFrom(t *testing.T) {
	src := buildSmallSite(t, map[string]string{
		"_index.md":   "# Home\n\n[a](/benefits/life-assurance) [b](/benefits/life-assurance/#cover) [c](/benefits/life.html)\n",
		"life.md":     "---\ntitle: Life cover\nredirect_from:\n- /benefits/life-assurance\n- /life/\n- /benefits/life.html\n---\n## Cover\n",
		"benefits.md": "# Benefits\n",
	})
	home, _ := os.ReadFile(filepath.Join(src, "public/index.html"))
	if !strings.Contains(string(home), `<a href="/life/">a</a> <a href="/life/#cover">b</a> <a href="/life/">c</a>`) {
		t.Errorf("the links do not lead to the page:\n%s", home)
	}
	if r, err := os.ReadFile(filepath.Join(src, "public/benefits/life-assurance/index.html")); err != nil || !strings.Contains(string(r), `/life/`) {
		t.Errorf("no redirect page at the old path: %v\n%s", err, r)
	}
	// A file's old path is written as that file, as Hugo does.
	if r, err := os.ReadFile(filepath.Join(src, "public/benefits/life.html")); err != nil || !strings.Contains(string(r), `/life/`) {
		t.Errorf("no redirect file at the old file's path: %v\n%s", err, r)
	}
	// A path that is the page's own URL here (it was not on the site
	// the key was written for) leaves the page there.
	if p, _ := os.ReadFile(filepath.Join(src, "public/life/index.html")); !strings.Contains(string(p), `id="cover"`) {
		t.Errorf("the page's own URL holds no page:\n%s", p)
	}
}

// TestChecklistUnderTitle checks that the checklists page links the tasks
// under a page's title heading, which the page shows as its title without
// an id, to the page itself, not to an id the page does not have.
func TestChecklistUnderTitle(t *testing.T) {
	src := buildSmallSite(t, map[string]string{
		"_index.md": "# Home\n\n[s](s.md) [l](l.md)\n",
		"s.md":      "# Ess\n\n- [ ] first\n\n## Later\n\n- [ ] second\n",
		"l.md":      "---\ntitle: Ell\n---\nIntro.\n\n# Ell\n\n- [ ] first\n",
	})
	b, _ := os.ReadFile(filepath.Join(src, "public/checklists/index.html"))
	hrefs := regexp.MustCompile(`<th scope="row"><a href="([^"]*)"`).FindAllStringSubmatch(string(b), -1)
	var got []string
	for _, h := range hrefs {
		got = append(got, h[1])
	}
	if want := "/l/ /s/ /s/#later"; strings.Join(got, " ") != want {
		t.Errorf("checklist links %q, want %q", strings.Join(got, " "), want)
	}
	for _, page := range []string{"s", "l"} {
		b, _ := os.ReadFile(filepath.Join(src, "public", page, "index.html"))
		if strings.Count(string(b), "<h1") != 1 {
			t.Errorf("%s: %d h1 elements", page, strings.Count(string(b), "<h1"))
		}
	}
}

// TestChecksOfParsing checks that [checks] sets the severity of what
// reading and parsing the pages report, as of what the model reports.
func TestChecksOfParsing(t *testing.T) {
	for _, level := range []string{"off", "warning", "error"} {
		src := writeSite(t, map[string]string{
			"_index.md": "---\ntitel: x\n---\n# Home\n\n- [ ] same\n- [ ] same\n",
		})
		writeFile(t, filepath.Join(src, "playbook.toml"), "title = \"T\"\n[checks]\nduplicate-task-id = \""+level+"\"\nunknown-key = \""+level+"\"\n")
		res, err := newBuilder(src, filepath.Join(src, "public")).Build(t.Context())
		var kinds []string
		if res != nil {
			for _, d := range res.Warnings {
				kinds = append(kinds, d.Kind)
			}
		}
		var got string
		switch {
		case err != nil && strings.Contains(err.Error(), "titel") && strings.Contains(err.Error(), "already used"):
			got = "error"
		case err == nil && strings.Join(kinds, " ") == "unknown-key duplicate-task-id":
			got = "warning"
		case err == nil && len(kinds) == 0:
			got = "off"
		default:
			got = fmt.Sprintf("%v %q", err, kinds)
		}
		if got != level {
			t.Errorf("checks set to %s: got %s", level, got)
		}
	}
}

// buildWarnings builds the site at src into src/public and returns the
// messages of its warnings of the given kind.
// buildSmallSite writes a site of files under content/, titled "T", builds it
// into public/ and returns its folder.
func buildSmallSite(t *testing.T, files map[string]string) string {
	t.Helper()
	src := writeSite(t, files)
	writeFile(t, filepath.Join(src, "playbook.toml"), "title = \"T\"\n")
	if _, err := newBuilder(src, filepath.Join(src, "public")).Build(t.Context()); err != nil {
		t.Fatal(err)
	}
	return src
}

func buildWarnings(t *testing.T, src, kind string) []string {
	t.Helper()
	var msgs []string
	for _, d := range buildWarningDiags(t, src, kind) {
		msgs = append(msgs, d.Msg)
	}
	return msgs
}

// buildWarningDiags builds the site at src and returns its warnings of
// one kind.
func buildWarningDiags(t *testing.T, src, kind string) diag.List {
	t.Helper()
	res, err := newBuilder(src, filepath.Join(src, "public")).Build(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	var ws diag.List
	for _, d := range res.Warnings {
		if d.Kind == kind {
			ws = append(ws, d)
		}
	}
	return ws
}

// TestRawHTMLLinks checks the warnings about relative URLs in raw HTML,
// which is written as it is: on a page a folder below its file, every
// one; on a folder's index page, links to .md files; in a file a page
// includes, every one, naming the page; none where the browser reaches
// what it names from the page's URL; none when raw HTML is shown as text.
func TestRawHTMLLinks(t *testing.T) {
	html := "<img src=\"images/a.png\"> and <a href=\"other.md#x\">o</a> <a href=\"/careers/\">a</a> <a href=\"https://x.example/\">x</a>\n"
	for _, unsafe := range []bool{true, false} {
		src := writeSite(t, map[string]string{
			"_index.md":            "# Home\n\n[a](careers/ladder.md) [b](careers/) [c](guide/README.md) [d](docs/)\n",
			"careers/ladder.md":    "# Ladder\n\n" + html,
			"careers/_index.md":    "# Careers\n\n" + html,
			"guide/index.md":       "# Guide\n",
			"guide/README.md":      "# Read me\n\n" + html, // a page of its own: guide/ has index.md
			"docs/README.md":       "# Docs\n\n{{$include ../_inc/frag.md}}\n",
			"_inc/frag.md":         html,
			"careers/images/a.png": "png",
			"careers/other.md":     "# Other\n\n[l](ladder.md)\n",
			"guide/other.md":       "# Other\n",
			"guide/images/a.png":   "png",
			// Relative to the page's URL, as Hugo's authors write it:
			// the browser finds it.
			"careers/hugo.md":   "# Hugo\n\n<img src=\"../img/c.png\">\n",
			"careers/img/c.png": "png",
		})
		writeFile(t, filepath.Join(src, "playbook.toml"), fmt.Sprintf("title = \"T\"\nunsafe = %v\n[checks]\norphan-page = \"off\"\n", unsafe))
		// Each warning as its place, its URL and the last word of its
		// advice: "root" (a path from the site root) or "link", and the
		// URL it names where the target is known.
		var got []string
		for _, d := range buildWarningDiags(t, src, "raw-html-link") {
			attr, why, _ := strings.Cut(d.Msg, " in raw HTML ")
			href := ""
			if i := strings.LastIndex(why, ": /"); i >= 0 {
				why, href = why[:i], " "+why[i+2:]
			}
			words := strings.Fields(why)
			got = append(got, d.Pos.String()+" "+attr+" "+words[len(words)-1]+href)
		}
		want := []string{
			`content/_inc/frag.md:1:1 src="images/a.png" root`,
			`content/_inc/frag.md:1:30 href="other.md#x" root`,
			`content/careers/_index.md:3:30 href="other.md#x" link /careers/other/`,
			`content/careers/ladder.md:3:1 src="images/a.png" root /careers/images/a.png`,
			`content/careers/ladder.md:3:30 href="other.md#x" root /careers/other/`,
			`content/guide/README.md:3:1 src="images/a.png" root /guide/images/a.png`,
			`content/guide/README.md:3:30 href="other.md#x" root /guide/other/`,
		}
		if !unsafe {
			want = nil
		}
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("unsafe = %v: warnings\n%s\nwant\n%s", unsafe, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	}
}

// TestRawHTMLRootPaths checks that a path from the root in raw HTML is
// reported where the browser finds nothing but what it names is published
// elsewhere: without the base path (also in an included file, and with
// space around it), and at GitBook's .gitbook/assets, which are published
// as gitbook/assets; that one under the base path that names nothing is
// reported too, as a Markdown link to it is, and so is a relative path on
// an index page that names nothing, and a #fragment that no id of the page
// is as written; and that one the site serves
// (a page, its index.html, an alias, a generated page), one outside the
// base path and a protocol-relative URL, which may be another site's on
// the same host, are not.
func TestRawHTMLRootPaths(t *testing.T) {
	src := writeSite(t, map[string]string{
		"_index.md": "# Home\n\n[t](team/page.md) [o](other.md)\n\n<img src=\".gitbook/assets/a.png\">\n\n<img src=\"./missing.png\"> <a href=\"team/page/\">p</a> <img src=\"team/b.png\">\n",
		"team/page.md": "---\naliases: [/old/]\ntags: [stock]\n---\n# Page\n\n<img src=\"/.gitbook/assets/a.png\">\n\n" +
			"<img src=\"/hb/team/b.png\"> <img src=\" /team/b.png\"> <a href=\"/elsewhere/\">e</a> <a href=\"/hb/team/page/\">p</a>\n\n" +
			"<a href=\"/hb/team/page/index.html\">i</a> <a href=\"/hb/index.html\">h</a> <a href=\"/hb/old/\">o</a> <a href=\"/hb/team/page\">s</a> <a href=\"/hb/tags/\">t</a>\n\n" +
			"<a href=\"/hb/nowhere/\">n</a> <a href=\"//cdn.example.com/x.js\">c</a> <img src=\"/hb/team/missing.png\">\n\n" +
			"## Part\n\n<a href=\"#part\">p</a> <a href=\"#top\">t</a> <a href=\"#Part\">P</a> <span id=\"here\"></span><a href=\"#here\">h</a> <a href=\"#gdcalert2\">g</a>\n\n" +
			"- Step {#step-one}\n\n<a href=\"#step-one\">s</a> [s](#step-one)\n",
		"other.md":              "# Other\n\n{{$include _inc/part.md}}\n",
		"_inc/part.md":          "<img src=\"/team/b.png\">\n",
		"team/b.png":            "png",
		".gitbook/assets/a.png": "png",
	})
	writeFile(t, filepath.Join(src, "playbook.toml"), "title = \"T\"\nunsafe = true\nbaseURL = \"/hb/\"\n")
	var got []string
	for _, d := range buildWarningDiags(t, src, "raw-html-link") {
		got = append(got, d.String())
	}
	const tail = ", where nothing is published; what it names is at "
	want := []string{
		`content/_inc/part.md:1:1: warning: src="/team/b.png" in raw HTML is not rewritten, and on the site it leads to /team/b.png` + tail + `/hb/team/b.png: write that, or a Markdown link or image`,
		`content/_index.md:5:1: warning: src=".gitbook/assets/a.png" in raw HTML is not rewritten, and on the site it leads to /hb/.gitbook/assets/a.png` + tail + `/hb/gitbook/assets/a.png: write that, or a Markdown link or image`,
		`content/_index.md:7:1: warning: src="./missing.png" in raw HTML leads to /hb/missing.png, where nothing is published: no page or file missing.png`,
		`content/team/page.md:7:1: warning: src="/.gitbook/assets/a.png" in raw HTML is not rewritten, and on the site it leads to /.gitbook/assets/a.png` + tail + `/hb/gitbook/assets/a.png: write that, or a Markdown link or image`,
		`content/team/page.md:9:28: warning: src=" /team/b.png" in raw HTML is not rewritten, and on the site it leads to /team/b.png` + tail + `/hb/team/b.png: write that, or a Markdown link or image`,
		`content/team/page.md:13:1: warning: href="/hb/nowhere/" in raw HTML leads to /hb/nowhere/, where nothing is published: no page or file nowhere`,
		`content/team/page.md:13:69: warning: src="/hb/team/missing.png" in raw HTML leads to /hb/team/missing.png, where nothing is published: no page or file team/missing.png`,
		`content/team/page.md:17:44: warning: href="#Part" in raw HTML is not rewritten, and the browser finds no #Part: the place it names is #part, write that`,
		`content/team/page.md:17:111: warning: href="#gdcalert2" in raw HTML leads to #gdcalert2, which no heading or element of this page has`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("warnings\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestRawHTMLInInclude checks the raw-html warning's count of lines when
// an included file has raw HTML on the line number of the page's own.
func TestRawHTMLInInclude(t *testing.T) {
	src := writeSite(t, map[string]string{
		"_index.md":    "# Home\n\n[p](p1.md)\n",
		"p1.md":        "# P1\n\nA <b>x</b>\n{{$include /content/_inc/part.md}}\n",
		"_inc/part.md": "x\n\n<i>y</i>\n",
	})
	writeFile(t, filepath.Join(src, "playbook.toml"), "title = \"T\"\n")
	got := buildWarnings(t, src, "raw-html")
	if len(got) != 1 || !strings.Contains(got[0], "<b> is shown as text (here and on 1 more line)") {
		t.Errorf("raw-html warnings %q, want one counting the included line", got)
	}
}

// TestRedirectTo checks Jekyll's redirect_to: the page is published as a
// redirect alone, to a page as a link of its text would lead, or to a web
// address; its aliases lead there too; no list, navigation, search,
// sitemap or reading order shows it, nor a folder of such pages alone,
// which links reach all the same;
// and a redirect that leads nowhere, back to its page or to another
// scheme than the web's is an error at the value.
func TestRedirectTo(t *testing.T) {
	src := buildSmallSite(t, map[string]string{
		"_index.md":       "# Home\n\n[old](guide/old.md) [new](guide/new.md) [tool](tool.md) [moved](moved/)\n",
		"guide/_index.md": "# Guide\n",
		"guide/old.md":    "---\ntitle: Oldpage\nredirect_to: new.md#part\naliases: [/older/]\ntags: [x]\n---\nNot shown.\n",
		"guide/new.md":    "---\ntags: [x]\n---\n# New\n\n## Part\n",
		"tool.md":         "---\ntitle: Toolpage\nredirect_to: https://tool.example.com/a?b=c\n---\n",
		"unlinked.md":     "---\ntitle: Unlinked\nredirect_to: /guide/new/\n---\n",
		// A folder of redirects alone is no section.
		"moved/buddy.md": "---\ntitle: Buddy\nredirect_to: https://example.com/buddy\n---\n",
	})
	if w := buildWarnings(t, src, "orphan-page"); len(w) > 0 {
		t.Errorf("a page that only redirects needs no links: %q", w)
	}
	public := filepath.Join(src, "public")
	for name, want := range map[string]string{
		"guide/old/index.html":   `url=/guide/new/#part`,
		"older/index.html":       `url=/guide/new/#part`,
		"tool/index.html":        `url=https://tool.example.com/a?b=c`,
		"moved/buddy/index.html": `url=https://example.com/buddy`,
	} {
		if got := read(t, public, name); !strings.Contains(got, want) || strings.Contains(got, "Not shown") || strings.Contains(got, "<nav") {
			t.Errorf("%s is not a redirect to %s:\n%s", name, want, got)
		}
	}
	if home := read(t, public, "index.html"); !strings.Contains(home, `<a href="/guide/old/">old</a>`) {
		t.Errorf("the link to the redirecting page does not lead to its URL:\n%s", home)
	}
	// The folder's page is there for links, but nothing lists it.
	home := read(t, public, "index.html")
	_, nav, _ := strings.Cut(home, `<nav class="site-nav"`)
	nav, _, _ = strings.Cut(nav, "</nav>")
	_, cards, _ := strings.Cut(home, `class="children`)
	if strings.Contains(nav, `"/moved/"`) || strings.Contains(cards, `"/moved/"`) {
		t.Error("the folder of redirects alone is listed on the home page")
	}
	for _, name := range []string{"guide/index.html", "guide/new/index.html", "sitemap.xml", "tags/x/index.html"} {
		if got := read(t, public, name); strings.Contains(got, "Oldpage") || strings.Contains(got, "Toolpage") || strings.Contains(got, "/guide/old/") || strings.Contains(got, "/tool/") {
			t.Errorf("%s shows a page that only redirects:\n%s", name, got)
		}
	}
	for name, b := range readTree(t, filepath.Join(public, "search")) {
		if strings.Contains(string(b), "Oldpage") || strings.Contains(string(b), "Toolpage") {
			t.Errorf("the search file %s has a page that only redirects", name)
		}
	}

	src = writeSite(t, map[string]string{
		"_index.md": "# Home\n\n[a](a.md) [b](b.md) [c](c.md) [d](d.md)\n",
		"a.md":      "---\ntitle: A\nredirect_to: gone.md\n---\n",
		"b.md":      "---\ntitle: B\nredirect_to: \"javascript:alert(1)\"\n---\n",
		"c.md":      "---\ntitle: C\nredirect_to: '#top'\n---\n",
		"d.md":      "---\ntitle: D\nredirect_to: a.md#nowhere\n---\n",
		"e.md":      "---\ntitle: E\nredirect_to: f.md\n---\n",
		"f.md":      "---\ntitle: F\nredirect_to: /e/\n---\n",
	})
	writeFile(t, filepath.Join(src, "playbook.toml"), "title = \"T\"\n[checks]\nbroken-link = \"warning\"\nmissing-anchor = \"warning\"\n")
	_, err := newBuilder(src, filepath.Join(src, "public")).Build(t.Context())
	want := `content/b.md:3:15: redirect_to "javascript:alert(1)" is not a web address (http or https)
content/c.md:3:15: redirect_to "#top" leads to the page itself
content/e.md:3:14: redirect_to "f.md" leads in a loop: e.md → f.md → e.md
content/f.md:3:14: redirect_to "/e/" leads in a loop: f.md → e.md → f.md`
	if err == nil || err.Error() != want {
		t.Errorf("with broken links as warnings, errors:\n%v\nwant:\n%s", err, want)
	}
	// Made warnings, a redirect that leads nowhere leads where it says.
	for _, name := range []string{"b.md", "c.md", "e.md", "f.md"} {
		writeFile(t, filepath.Join(src, "content", name), "# Plain\n")
	}
	if _, err := newBuilder(src, filepath.Join(src, "public")).Build(t.Context()); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(filepath.Join(src, "public", "a", "index.html")); !strings.Contains(string(b), "url=gone.md") {
		t.Errorf("a broken redirect made a warning:\n%s", b)
	}
	writeFile(t, filepath.Join(src, "playbook.toml"), "title = \"T\"\n")
	writeFile(t, filepath.Join(src, "content", "b.md"), "---\ntitle: B\nredirect_to: \"javascript:alert(1)\"\n---\n")
	writeFile(t, filepath.Join(src, "content", "c.md"), "---\ntitle: C\nredirect_to: '#top'\n---\n")
	_, err = newBuilder(src, filepath.Join(src, "public")).Build(t.Context())
	want = `content/a.md:3:14: redirect_to: broken link "gone.md": no page or file gone.md
content/b.md:3:15: redirect_to "javascript:alert(1)" is not a web address (http or https)
content/c.md:3:15: redirect_to "#top" leads to the page itself
content/d.md:3:14: redirect_to: broken link "a.md#nowhere": a.md has no heading #nowhere`
	if err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Errorf("errors:\n%v\nwant:\n%s", err, want)
	}
}

// TestGitBookAssets checks that a handbook synced from GitBook publishes
// the pictures GitBook keeps in .gitbook/assets, which its pages link to,
// and nothing else of .gitbook.
func TestGitBookAssets(t *testing.T) {
	src := buildSmallSite(t, map[string]string{
		"_index.md":                   "# Home\n\n![Map](.gitbook/assets/map%20\\(1\\).png) [guide](guide/a.md)\n",
		"guide/a.md":                  "# A\n\n![Map](../.gitbook/assets/map%20\\(1\\).png)\n",
		".gitbook/assets/map (1).png": "PNG",
		".gitbook/assets/.DS_Store":   "x",
		".gitbook/includes/part.md":   "# Part\n",
		".gitbook/notes.md":           "# Notes\n",
	})
	var got []string
	for name := range readTree(t, filepath.Join(src, "public")) {
		if strings.Contains(name, "gitbook") || strings.Contains(name, "DS_Store") || strings.Contains(name, "part") || strings.Contains(name, "notes") {
			got = append(got, name)
		}
	}
	slices.Sort(got)
	if want := []string{"gitbook/assets/map (1).png"}; !slices.Equal(got, want) {
		t.Errorf("published %q, want %q", got, want)
	}
	for _, page := range []string{"index.html", "guide/a/index.html"} {
		if b, _ := os.ReadFile(filepath.Join(src, "public", page)); !strings.Contains(string(b), `src="/gitbook/assets/map%20%281%29.png"`) {
			t.Errorf("%s does not show the picture:\n%s", page, b)
		}
	}
}

// TestMiddlemanNames checks that Middleman's setup.html.md is the page
// setup, which links reach as Middleman publishes it (setup.html), by its
// file, and without an extension, and that a folder's index.html.md is the
// folder's page.
func TestMiddlemanNames(t *testing.T) {
	src := writeSite(t, map[string]string{
		"_index.md":           "# Home\n\n[a](/setup.html) [b](/guide/#install) [c](/setup) [d](setup.html.md) [e](guide/index.html.md) [f](docs/run.html) [g](docs/) [h](docs/run.html.md.erb) [i](LOUD.HTML)\n",
		"setup.html.md":       "# Setup\n",
		"guide/index.html.md": "# Guide\n\n## Install\n",
		// The GOV.UK Tech Docs Template's names.
		"docs/index.html.md.erb": "# Docs\n\n<%= partial 'nav' %>\n",
		"docs/run.html.md.erb":   "---\ntitle: Run it & see\n---\n# <%= current_page.data.title %>\n\nBack [home](../index.html).\n",
		"LOUD.HTML.MD":           "# Loud\n",
	})
	res, err := newBuilder(src, filepath.Join(src, "public")).Build(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if res.Pages != 4 || res.Sections != 2 {
		t.Errorf("%d pages and %d sections, want 4 and 2 (guide/ is its index.html.md, docs/ its index.html.md.erb)", res.Pages, res.Sections)
	}
	if got := res.Warnings.String(); !strings.Contains(got, "content/docs/index.html.md.erb:3:1: warning: ERB tag <%= partial …%>") {
		t.Errorf("warnings:\n%s", got)
	}
	home, err := os.ReadFile(filepath.Join(src, "public", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`href="/setup/">a<`, `href="/guide/#install">b<`, `href="/setup/">c<`, `href="/setup/">d<`, `href="/guide/">e<`, `href="/docs/run/">f<`, `href="/docs/">g<`, `href="/docs/run/">h<`, `href="/loud/">i<`} {
		if !strings.Contains(string(home), want) {
			t.Errorf("the home page lacks %s", want)
		}
	}
	for _, f := range []string{"setup/index.html", "guide/index.html", "docs/index.html", "docs/run/index.html"} {
		if _, err := os.Stat(filepath.Join(src, "public", f)); err != nil {
			t.Error(err)
		}
	}
	// The heading that shows the title in Tech Docs shows it here.
	if run, err := os.ReadFile(filepath.Join(src, "public", "docs/run/index.html")); err != nil || !strings.Contains(string(run), `<h1 class="doc-title">Run it &amp; see</h1>`) || strings.Contains(string(run), "current_page") {
		t.Errorf("docs/run/: %v\n%s", err, run)
	}
	// Pages' sources are not published as files.
	notPublished(t, src, "docs/run.html.md.erb", "docs/index.html.md.erb")
}

// TestFootnoteAnchors checks that links to a page's footnotes, by the ids
// playbook writes (#fn:1, #fnref:1) and by GitHub's (#user-content-fn-note,
// #fn-note, as GitBook exports write them), are not reported and lead to
// the note, and that a footnote the page lacks is reported.
func TestFootnoteAnchors(t *testing.T) {
	src := writeSite(t, map[string]string{
		"_index.md": "# Home\n\nFree[^1], with terms[^terms].\n\n[a](#fn:1) [b](#user-content-fn-1) [c](#fn-terms) [d](#user-content-fnref-terms) [e](page.md#user-content-fn-x) [f](#fn-missing)\n\n" +
			"[^1]: While it lasts.\n[^terms]: See the terms.\n",
		"page.md": "# Page\n\nA page[^x].\n\n[^x]: A note.\n",
	})
	writeFile(t, filepath.Join(src, "playbook.toml"), "title = \"T\"\n[checks]\nmissing-anchor = \"warning\"\n")
	var missing []string
	for _, msg := range buildWarnings(t, src, "missing-anchor") {
		_, id, _ := strings.Cut(msg, "#")
		missing = append(missing, strings.TrimRight(strings.Fields(id)[0], `":`))
	}
	if got := strings.Join(missing, " "); got != "fn-missing" {
		t.Errorf("missing anchors %q, want only fn-missing", got)
	}
	pageHas(t, src, "index.html", `<a href="#fn:1">a</a>`, `<a href="#fn:1">b</a>`, `<a href="#fn:2">c</a>`, `<a href="#fnref:2">d</a>`, `<a href="/page/#fn:1">e</a>`)
}

// TestSiteOwnFullURLs checks that a link written as the site's own full
// address of a page (under baseURL's host and path, in either scheme,
// the host in any case) counts as a link to the page: it is in the page's
// "Linked from", and the page is no orphan. A full URL that names no page
// is not reported, since the host may serve more than the site; other
// hosts and paths beside the base path are not the site. The .html
// address Middleman and Jekyll publish a page at names it too.
func TestSiteOwnFullURLs(t *testing.T) {
	src := writeSite(t, map[string]string{
		"_index.md": "# Home\n\n[Install](https://docs.example.org/handbook/install/), [again](http://DOCS.example.org/handbook/install/#steps), " +
			"[missing](https://docs.example.org/handbook/no-such-page/), [home](https://docs.example.org/handbook).\n\n" +
			"As Middleman and Jekyll publish them: [guide](https://docs.example.org/handbook/guide.html), [team](https://docs.example.org/handbook/team/index.html); " +
			"a file of that name is the file: [x](https://docs.example.org/handbook/lone.html).\n",
		"lone.html":      "<p>A file of its own.</p>\n",
		"install.md":     "# Install\n\n## Steps\n\nText.\n",
		"guide.md":       "# Guide\n",
		"team/_index.md": "# Team\n",
		"other.md": "# Other\n\n[Elsewhere](https://docs.example.com/handbook/lone/), [beside](https://docs.example.org/handbook-old/lone/), " +
			"[above](https://docs.example.org/handbook/../lone/), [its file](https://docs.example.org/handbook/lone.md).\n",
		"lone.md": "# Lone\n\nNo page links here.\n",
	})
	res := buildWith(t, src, "title = \"T\"\nbaseURL = \"https://docs.example.org/handbook/\"\n")
	for _, d := range res.Warnings {
		if strings.Contains(d.Msg, "no-such-page") {
			t.Errorf("a full URL of the site's host that names no page is reported: %v", d)
		}
	}
	if got := strings.Join(filesOf(res.Warnings, "orphan-page"), " "); got != "content/lone.md content/other.md" {
		t.Errorf("orphan pages %q, want lone.md and other.md", got)
	}
	if linked := linkedFrom(read(t, filepath.Join(src, "public"), "install/index.html")); !strings.Contains(linked, `<a href="/handbook/">Home</a>`) {
		t.Errorf("install's Linked from lacks the home page: %q", linked)
	}
}

// TestRawHTMLBacklinks checks that, with unsafe = true, a link of raw HTML
// counts as a link to the page the reader's browser reaches from the
// page's URL (relative, from the root, or the site's own full address):
// the page is in the target's "Linked from" and no orphan. An href that
// reaches no page, such as a .md file name, and an image's src count for
// nothing.
func TestRawHTMLBacklinks(t *testing.T) {
	src := writeSite(t, map[string]string{
		"_index.md": "# Home\n\n[Guides](guides/index.md)\n",
		"guides/index.md": "# Guides\n\n<table><tr><td><a href=\"relative/\">Relative</a></td><td><a href=\"/handbook/rooted/\">Rooted</a></td>" +
			"<td><a href=\"https://docs.example.org/handbook/full/\">Full</a></td><td><a href=\"named.md\">Named</a> <img src=\"../pictured/\" alt=\"\"></td></tr></table>\n",
		"guides/relative.md": "# Relative\n",
		"rooted.md":          "# Rooted\n",
		"full.md":            "# Full\n",
		"guides/named.md":    "# Named\n",
		"pictured.md":        "# Pictured\n",
	})
	res := buildWith(t, src, "title = \"T\"\nbaseURL = \"https://docs.example.org/handbook/\"\nunsafe = true\n")
	orphans := filesOf(res.Warnings, "orphan-page")
	if got := strings.Join(orphans, " "); got != "content/guides/named.md content/pictured.md" {
		t.Errorf("orphan pages %q, want named.md and pictured.md", got)
	}
	for _, page := range []string{"guides/relative", "rooted", "full"} {
		if linked := linkedFrom(read(t, filepath.Join(src, "public"), page+"/index.html")); !strings.Contains(linked, `<a href="/handbook/guides/">Guides</a>`) {
			t.Errorf("%s: Linked from lacks Guides: %q", page, linked)
		}
	}
}

// TestDocusaurusRootedLinks checks that a path without ./ or ../ that
// names nothing beside its file is read as Docusaurus reads it, from the
// content root and then from the site folder, with a portability warning
// that GitHub reads it from the file; that a path with ./ stays relative;
// and that a page beside the file still wins.
func TestDocusaurusRootedLinks(t *testing.T) {
	src := t.TempDir()
	for name, text := range map[string]string{
		"playbook.toml":        "title = \"T\"\ncontentDir = \"docs\"\n[checks]\nbroken-link = \"warning\"\n",
		"docs/intro.md":        "# Intro\n\n[Setup](guides/setup.md), [from the site](docs/guides/setup.md) and [the intro of guides](guides/intro.md).\n",
		"docs/guides/setup.md": "# Setup\n\n[Intro](intro.md) is the guides' own; [Faq](faq.md) is at the root; [not this](./faq.md).\n",
		"docs/guides/intro.md": "# Guides intro\n\nText.\n",
		"docs/faq.md":          "# Faq\n\nText.\n",
		// A draft beside the file is what a link names, not a page of
		// that name at the root.
		"docs/guides/draft.md": "---\ndraft: true\n---\n# Draft\n",
		"docs/draft.md":        "# Root draft namesake\n\n[Setup](guides/setup.md) [Intro](intro.md)\n",
		"docs/guides/usage.md": "# Usage\n\n[The draft](draft.md)\n",
	} {
		writeFile(t, filepath.Join(src, filepath.FromSlash(name)), text)
	}
	res, err := build.New(build.Config{SourceDir: src, DestDir: filepath.Join(src, "public"), DefaultTheme: themes.Default(), Review: true}).Build(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range res.Warnings {
		if d.Kind == "broken-link" || d.Kind == "portability" {
			msg, _, _ := strings.Cut(d.Msg, " here")
			got = append(got, fmt.Sprintf("%s:%d %s %s", d.Pos.File, d.Pos.Line, d.Kind, msg))
		}
	}
	want := []string{
		`docs/guides/setup.md:3 portability link "faq.md" leads to faq.md`,
		`docs/guides/setup.md:3 broken-link broken link "./faq.md": no page or file guides/faq.md (did you mean "../faq.md", that is faq.md?)`,
		`docs/intro.md:3 portability link "docs/guides/setup.md" leads to guides/setup.md`,
		`docs/guides/usage.md:3 broken-link broken link "draft.md": no page or file guides/draft.md (a draft: build or check with --drafts to include drafts) (did you mean "../draft.md", that is draft.md?)`,
	}
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	pageHas(t, src, "guides/setup/index.html", `<a href="/guides/intro/">Intro</a>`, `<a href="/faq/">Faq</a>`)
}

// TestComposedNames checks that a link finds a file or page whose name
// spells its accented letters in the other form: a file named as macOS
// and GitBook write names ("e" and a combining accent) from a link typed
// with "é", and the other way round; the link leads to the name as it
// is published.
func TestComposedNames(t *testing.T) {
	const nfd, nfc = "sche\u0301ma", "sch\u00e9ma"
	src := writeSite(t, map[string]string{
		"_index.md":            "# Home\n\n![Plan](" + nfc + ".png), [the page](" + nfd + "-page.md) and [the folder](" + nfc + "-dir/).\n",
		nfd + ".png":           "png",
		nfc + "-page.md":       "# Page\n",
		nfd + "-dir/_index.md": "# Folder\n",
		// Without the extension, and from the content root as Docusaurus
		// reads a path; a file beside the page wins over the root's.
		nfd + "-dir/guide.md":         "# Guide\n\n[Back](../" + nfc + "-page) [Root](" + nfc + "-dir/guide.md) [Beside](r\u00e9union.md)\n",
		nfd + "-dir/re\u0301union.md": "# Beside\n",
		"r\u00e9union.md":             "# At the root\n",
	})
	res := buildWith(t, src, "title = \"T\"\n")
	for _, d := range res.Warnings {
		if d.Kind == "broken-link" {
			t.Errorf("reported: %v", d)
		}
	}
	pageHas(t, src, "index.html", `src="/`+url.PathEscape(nfd)+`.png"`, `href="/schema-page/"`)
	pageHas(t, src, "schema-dir/guide/index.html", `<a href="/schema-page/">Back</a>`, `<a href="/schema-dir/guide/">Root</a>`, `<a href="/schema-dir/reunion/">Beside</a>`)
}

// TestDocusaurusCategories checks that Docusaurus category files give
// their folders a label and a place: a folder without a page of its own is
// titled with the label, the folders are ordered by position (a page's own
// order wins), the files are not published, and one that cannot be read is
// reported and changes nothing.
func TestDocusaurusCategories(t *testing.T) {
	src := writeSite(t, map[string]string{
		"_index.md":                 "# Home\n\n[a](01-basics/a.md) [b](zz-start/b.md) [c](own/index.md) [d](broken/d.md)\n",
		"01-basics/_category_.json": `{"label": "The basics", "position": 3, "link": {"type": "generated-index"}}`,
		"01-basics/a.md":            "# A\n",
		"zz-start/_category_.yml":   "label: Getting started\nposition: 1\n",
		"zz-start/b.md":             "# B\n",
		"own/_category_.json":       `{"label": "Ignored for a folder with its own page", "position": 0}`,
		"own/index.md":              "---\ntitle: Own page\nsidebar_position: 2\n---\nText.\n",
		"broken/_category_.json":    "{\"label\": \"Broken\",\n  \"position\": [",
		"01-basics/_category_.yml":  "label: Left out for the JSON file beside it\n",
		"broken/d.md":               "# D\n",
	})
	res := buildWith(t, src, "title = \"T\"\n")
	var warned []string
	for _, d := range res.Warnings {
		if strings.Contains(d.Pos.File, "_category_") {
			warned = append(warned, d.Pos.String())
		}
	}
	if got := strings.Join(warned, " "); got != "content/01-basics/_category_.yml:1:1 content/broken/_category_.json:2:15" {
		t.Errorf("category files warned about: %q", got)
	}
	nav, order := sidebar(read(t, filepath.Join(src, "public"), "index.html"), `<a href="/([^"]*)/"`)
	if got := order; !strings.HasPrefix(got, "zz-start own 01-basics broken") {
		t.Errorf("sidebar order %q, want zz-start own 01-basics broken first", got)
	}
	for _, want := range []string{">Getting started<", ">The basics<", ">Own page<", ">Broken<"} {
		if !strings.Contains(nav, want) {
			t.Errorf("sidebar lacks %s", want)
		}
	}
	notPublished(t, src, "01-basics/_category_.json", "zz-start/_category_.yml")
}

// TestAwesomePages checks that the .pages files of MkDocs' awesome-pages
// plugin give their folders a title and their pages and folders an order:
// those listed in the order listed, the rest where "..." stands (at the
// end without one), a page's own order winning; that links, paths into
// other folders and titles of pages are left out; that the files are not
// published; and that one that cannot be read is reported and changes
// nothing.
func TestAwesomePages(t *testing.T) {
	src := writeSite(t, map[string]string{
		"_index.md":     "# Home\n\n[a](alpha.md) [z](zeta.md) [c](ci.md) [m](mid.md) [o](own.md) [s](sub/x.md) [t](team/y.md) [b](broken/w.md)\n",
		".pages":        "nav:\n  - zeta.md\n  - CI/CD: ci.md\n  - team\n  - Status: https://status.example.com/\n  - sub/x.md\n  - ...\n  - alpha.md\n",
		"alpha.md":      "# Alpha\n",
		"zeta.md":       "# Zeta\n",
		"ci.md":         "# Continuous integration\n",
		"mid.md":        "# Mid\n",
		"own.md":        "---\ntitle: Own\nweight: 1\n---\nText.\n",
		"sub/x.md":      "# X\n",
		"team/.pages":   "title: The team\n",
		"team/y.md":     "# Y\n",
		"broken/.pages": "nav: [\n",
		"broken/w.md":   "# W\n",
	})
	res := buildWith(t, src, "title = \"T\"\n")
	var warned []string
	for _, d := range res.Warnings {
		if strings.HasSuffix(d.Pos.File, ".pages") {
			warned = append(warned, d.Pos.String())
		}
	}
	if got := strings.Join(warned, " "); !strings.HasPrefix(got, "content/broken/.pages:") || strings.Contains(got, " ") {
		t.Errorf(".pages files warned about: %q, want content/broken/.pages alone", got)
	}
	nav, order := sidebar(read(t, filepath.Join(src, "public"), "index.html"), `<a href="/([^"/]*)/"`)
	if got, want := order, "zeta ci own team broken mid sub alpha"; got != want {
		t.Errorf("sidebar order %q, want %q", got, want)
	}
	for _, want := range []string{">The team<", ">Continuous integration<"} {
		if !strings.Contains(nav, want) {
			t.Errorf("sidebar lacks %s", want)
		}
	}
	notPublished(t, src, ".pages", "team/.pages")
}

// TestAwesomePagesHides checks that the pages and folders a .pages nav
// without "..." does not list are left out of the navigation, as
// awesome-pages leaves them, and are still published, and that a nav with
// "..." keeps them.
func TestAwesomePagesHides(t *testing.T) {
	src := writeSite(t, awesomeSite("# Home\n\n[a](team/a.md) [b](team/b.md) [c](team/sub/c.md) [d](open/d.md) [e](open/e.md)\n"))
	buildWith(t, src, "title = \"T\"\n")
	for page, want := range map[string]string{"team/a/index.html": "team/a", "open/d/index.html": "open/e open/d"} {
		html := read(t, filepath.Join(src, "public"), page)
		if _, got := sidebar(html, `<a href="/((?:team|open)/[a-z/]+)/"`); got != want {
			t.Errorf("%s: sidebar %q, want %q", page, got, want)
		}
	}
	for _, page := range []string{"team/b/index.html", "team/sub/c/index.html"} {
		read(t, filepath.Join(src, "public"), page)
	}
}

// TestAnchorsShortcodesMake checks that a link to a heading that a page
// lacks is a warning, saying why, when the page shows a Hugo shortcode as
// text (its {{% include %}} may make the heading on Hugo), and an error
// on a page without one.
func TestAnchorsShortcodesMake(t *testing.T) {
	src := writeSite(t, map[string]string{
		"_index.md":    "# Home\n\n[Jaeger](exporters.md#jaeger).\n",
		"exporters.md": "# Exporters\n\nSee [Jaeger](#jaeger).\n\n{{% include \"exporters/jaeger.md\" %}}\n",
		"plain.md":     "# Plain\n\n[Home](_index.md)\n",
	})
	res := buildWith(t, src, "title = \"T\"\n")
	const why = "has no heading #jaeger (the page shows Hugo shortcodes as text, which Hugo would run, and which may make it)"
	var warned []string
	for _, d := range res.Warnings {
		if d.Kind == "missing-anchor" {
			if !strings.Contains(d.Msg, why) {
				t.Errorf("warning %s lacks %q", d, why)
			}
			warned = append(warned, d.Pos.File)
		}
	}
	if want := []string{"content/_index.md", "content/exporters.md"}; !slices.Equal(warned, want) {
		t.Errorf("warned at %q, want %q", warned, want)
	}
	writeFile(t, filepath.Join(src, "content/_index.md"), "# Home\n\n[Jaeger](exporters.md#jaeger) and [gone](plain.md#gone).\n")
	_, err := newBuilder(src, filepath.Join(src, "public")).Build(t.Context())
	if want := `content/_index.md:3:35: broken link "plain.md#gone": plain.md has no heading #gone`; err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("error %v, want %s", err, want)
	}
}

// awesomeSite returns the content of a site whose home page is home, with
// a folder whose .pages nav lists one of its pages (team: a, not b or the
// folder sub) and one whose nav lists one and then "..." (open: e, d).
func awesomeSite(home string) map[string]string {
	return map[string]string{
		"_index.md":     home,
		"team/.pages":   "nav:\n  - a.md\n",
		"team/a.md":     "# A\n",
		"team/b.md":     "# B\n",
		"team/sub/c.md": "# C\n",
		"open/.pages":   "nav:\n  - e.md\n  - ...\n",
		"open/d.md":     "# D\n",
		"open/e.md":     "# E\n",
	}
}

// TestAwesomePagesOrphans checks that on a site whose .pages files have a
// nav, a page in the navigation is not an orphan, as MkDocs reports only
// pages not in its nav: the pages a .pages nav leaves out, and those of a
// folder it leaves out, are; those of a folder without a .pages are not.
func TestAwesomePagesOrphans(t *testing.T) {
	files := awesomeSite("# Home\n")
	files["open/deeper/f.md"] = "# F\n"
	src := writeSite(t, files)
	res := buildWith(t, src, "title = \"T\"\n")
	if got, want := filesOf(res.Warnings, "orphan-page"), []string{"content/team/b.md", "content/team/sub/c.md"}; !slices.Equal(got, want) {
		t.Errorf("orphan pages %q, want %q", got, want)
	}
	// With a SUMMARY.md, the navigation is the one it lists: a .pages nav
	// below only orders a folder.
	writeFile(t, filepath.Join(src, "content/SUMMARY.md"), "# Summary\n\n- [A](team/a.md)\n- [E](open/e.md)\n")
	res = buildWith(t, src, "title = \"T\"\n")
	if got, want := filesOf(res.Warnings, "orphan-page"), []string{"content/open/d.md", "content/open/deeper/f.md", "content/team/b.md", "content/team/sub/c.md"}; !slices.Equal(got, want) {
		t.Errorf("with a SUMMARY.md: orphan pages %q, want %q", got, want)
	}
}

// TestNavTitles checks that the navigation names a page by its linkTitle
// (Hugo) or sidebar_label (Docusaurus), and a folder's page by the title
// its .pages (or category file) gives the folder, and orders pages by
// that name, while the page keeps its own title as its heading.
func TestNavTitles(t *testing.T) {
	src := writeSite(t, map[string]string{
		"_index.md":      "# Home\n\n[a](guide/a.md) [b](guide/b.md) [g](guide/index.md)\n",
		"guide/.pages":   "title: Programming guide\n",
		"guide/index.md": "# Introduction\n",
		"guide/a.md":     "---\ntitle: Setting up a development environment\nlinkTitle: Setup\n---\nText.\n",
		"guide/b.md":     "---\ntitle: Reviewing a change\nsidebar_label: Review\n---\nText.\n",
		"guide/c.md":     "---\ntitle: The plan for the year\nlinkTitle: 2024\n---\nText.\n",
	})
	buildWith(t, src, "title = \"T\"\n")
	html := read(t, filepath.Join(src, "public"), "guide/a/index.html")
	nav, _ := sidebar(html, `x`)
	for _, want := range []string{">Programming guide<", ">Setup<", ">Review<", ">2024<"} {
		if !strings.Contains(nav, want) {
			t.Errorf("sidebar lacks %s:\n%s", want, nav)
		}
	}
	// Sorted as Hugo sorts them, by the name shown: by their titles, they
	// would go b, a, c.
	if _, got := sidebar(html, `<a href="/(guide/[abc])/"`); got != "guide/c guide/b guide/a" {
		t.Errorf("sidebar order %q, want by the names shown: guide/c guide/b guide/a", got)
	}
	if !strings.Contains(html, `<h1 class="doc-title">Setting up a development environment</h1>`) {
		t.Error("the page lost its own title as its heading")
	}
	pageHas(t, src, "guide/index.html", `<h1 class="doc-title">Introduction</h1>`)
}

// TestAwesomePagesElsewhere checks that a .pages file orders a page's
// translations as it orders the page, that one in the static folder is
// left out as any hidden file is, without an error, and that one in
// GitBook's .gitbook/assets, whose hidden names stay unread, is not read.
func TestAwesomePagesElsewhere(t *testing.T) {
	src := writeSite(t, map[string]string{
		"_index.md":               "# Home\n\n[a](team/a.md) [b](team/b.md) [c](team/c.md) ![m](.gitbook/assets/m.png) [n](.gitbook/assets/note.md)\n",
		"_index.sv.md":            "# Hem\n\n[a](team/a.sv.md) [b](team/b.sv.md) [c](team/c.sv.md)\n",
		"team/.pages":             "nav:\n  - c.md\n  - ...\n  - a.md\n",
		"team/a.md":               "# A\n",
		"team/b.md":               "# B\n",
		"team/c.md":               "# C\n",
		"team/a.sv.md":            "# A på svenska\n",
		"team/b.sv.md":            "# B på svenska\n",
		"team/c.sv.md":            "# C på svenska\n",
		".gitbook/assets/.pages":  "title: Read from a hidden folder\n",
		".gitbook/assets/m.png":   "png",
		".gitbook/assets/note.md": "# Note\n",
	})
	writeFile(t, filepath.Join(src, "static/.pages"), "nav: [x]\n")
	writeFile(t, filepath.Join(src, "static/robots.txt"), "User-agent: *\n")
	buildWith(t, src, "title = \"T\"\n[languages.sv]\nname = \"Svenska\"\n")
	for page, want := range map[string]string{"team/a/index.html": "team/c team/b team/a", "sv/team/a/index.html": "sv/team/c sv/team/b sv/team/a"} {
		html := read(t, filepath.Join(src, "public"), page)
		if _, got := sidebar(html, `<a href="/((?:sv/)?team/[abc])/"`); got != want {
			t.Errorf("%s: sidebar order %q, want %q", page, got, want)
		}
		if strings.Contains(html, "Read from a hidden folder") {
			t.Errorf("%s: shows the title of .gitbook/assets/.pages", page)
		}
	}
	if html := read(t, filepath.Join(src, "public"), "gitbook/assets/note/index.html"); strings.Contains(html, "Read from a hidden folder") {
		t.Error("the page in .gitbook/assets shows the title of its .pages")
	}
	notPublished(t, src, ".pages", "gitbook/assets/.pages")
}

// TestKramdownHeadingAnchors checks that a heading with a kramdown
// attribute list is reached by its id here and by the anchor GitHub gives
// it, which shows the list as text ("Install {: #setup}" is
// #install--setup there), and that GitHub's numbering of repeated
// headings counts the list's words.
func TestKramdownHeadingAnchors(t *testing.T) {
	src := writeSite(t, map[string]string{
		"_index.md": "# Home\n\n## Install {: #setup}\n\n## Usage {: .note}\n\n## Alpha {: #beta}\n\n## Beta\n\n## beta {: .x}\n\n" +
			"[a](#setup) [b](#install--setup) [c](#usage) [d](#usage--note) [e](#beta-1) [f](#beta--x)\n",
	})
	res := buildWith(t, src, "title = \"T\"\n")
	for _, d := range res.Warnings {
		if d.Kind == "missing-anchor" || d.Kind == "broken-link" {
			t.Errorf("reported: %v", d)
		}
	}
	pageHas(t, src, "index.html", `<a href="#setup">a</a>`, `<a href="#setup">b</a>`, `<a href="#usage">c</a>`, `<a href="#usage">d</a>`,
		`<h2 id="beta-1">Beta</h2>`, `<a href="#beta-1">e</a>`, `<h2 id="beta-2">beta</h2>`, `<a href="#beta-2">f</a>`)
}

// sidebar returns the navigation of a built page and, apart by spaces,
// the first group of each match of link in it, in order.
func sidebar(html, link string) (nav, order string) {
	_, nav, _ = strings.Cut(html, `<nav class="site-nav"`)
	nav, _, _ = strings.Cut(nav, "</nav>")
	var names []string
	for _, m := range regexp.MustCompile(link).FindAllStringSubmatch(nav, -1) {
		names = append(names, m[1])
	}
	return nav, strings.Join(names, " ")
}

// pageHas checks that the built page at name, under the site src's
// public/ folder, holds each of wants.
func pageHas(t *testing.T, src, name string, wants ...string) {
	t.Helper()
	html := read(t, filepath.Join(src, "public"), name)
	for _, want := range wants {
		if !strings.Contains(html, want) {
			t.Errorf("%s lacks %s", name, want)
		}
	}
}

// linkedFrom returns a built page's "Linked from" list.
func linkedFrom(html string) string {
	_, linked, _ := strings.Cut(html, `id="pb-backlinks-title"`)
	linked, _, _ = strings.Cut(linked, "</section>")
	return linked
}

// notPublished checks that none of names is a file under the site src's
// public/ folder.
func notPublished(t *testing.T, src string, names ...string) {
	t.Helper()
	for _, f := range names {
		if _, err := os.Stat(filepath.Join(src, "public", f)); err == nil {
			t.Errorf("%s is published", f)
		}
	}
}

// buildWith writes the site src's playbook.toml and builds the site into
// src/public, failing the test if the build fails.
func buildWith(t *testing.T, src, toml string) *build.Result {
	t.Helper()
	writeFile(t, filepath.Join(src, "playbook.toml"), toml)
	res, err := newBuilder(src, filepath.Join(src, "public")).Build(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// filesOf returns the files of the diagnostics of one kind, in order.
func filesOf(l diag.List, kind string) []string {
	var out []string
	for _, d := range l {
		if d.Kind == kind {
			out = append(out, d.Pos.File)
		}
	}
	return out
}

// TestStaticFolder checks that the files of the site's static/ folder, as
// Hugo and Docusaurus keep them, are published at the site's root as
// they are (a Markdown file too, unrendered), that links reach them from
// the root, and that a content file, a page or a file the build writes
// keeps its URL, with a warning at the static file left out.
func TestStaticFolder(t *testing.T) {
	src := writeSite(t, map[string]string{
		"_index.md": "---\ntags: [x]\naliases: [/old/]\n---\n# Home\n\n![Logo](/img/logo.png) [the notes](/notes/README.md) [the pdf](/docs/Guide%20v2.pdf)\n" +
			// Accented names typed in the other Unicode form than the file's.
			"![Plan](/img/sch\u00e9ma.png) [the minutes](/d\u00e9cisions/re\u0301union.txt)\n",
		"clash.txt":        "from the content",
		"guides/_index.md": "# Guides\n",
		"team/_index.md":   "# Team\n",
	})
	for name, text := range map[string]string{
		"static/img/logo.png":                     "png",
		"static/notes/README.md":                  "# Not a page\n",
		"static/docs/Guide v2.pdf":                "pdf",
		"static/clash.txt":                        "from static",
		"static/guides/index.html":                "<p>a page has this URL</p>",
		"static/sitemap.xml":                      "<urlset/>",
		"static/tags/index.html":                  "a generated page has this URL",
		"static/Tags/X/index.html":                "a generated page has this URL, in another case",
		"static/team":                             "a file where the output has a folder",
		"static/old/index.html":                   "an alias has this URL",
		"static/.hidden":                          "left out, as in the content",
		"static/img/sche\u0301ma.png":             "png",
		"static/de\u0301cisions/r\u00e9union.txt": "txt",
		"static/_drafts/x.png":                    "left out, as in the content",
	} {
		writeFile(t, filepath.Join(src, filepath.FromSlash(name)), text)
	}
	res := buildWith(t, src, "title = \"T\"\n")
	for _, d := range res.Warnings {
		if d.Kind == "broken-link" {
			t.Errorf("reported: %v", d)
		}
	}
	var left []string
	for _, d := range res.Warnings {
		if strings.Contains(d.Msg, "not published") {
			left = append(left, d.Pos.File)
		}
	}
	if got := strings.Join(left, " "); got != "static/Tags/X/index.html static/clash.txt static/guides/index.html static/old/index.html static/sitemap.xml static/tags/index.html static/team" {
		t.Errorf("static files left out: %q", got)
	}
	for name, want := range map[string]string{"img/logo.png": "png", "notes/README.md": "# Not a page\n", "docs/Guide v2.pdf": "pdf", "clash.txt": "from the content"} {
		if got := read(t, filepath.Join(src, "public"), name); got != want {
			t.Errorf("%s = %q, want %q", name, got, want)
		}
	}
	notPublished(t, src, ".hidden", "_drafts/x.png")
	pageHas(t, src, "index.html", `src="/img/logo.png"`, `href="/notes/README.md"`,
		`src="/img/`+url.PathEscape("sche\u0301ma")+`.png"`, `href="/`+url.PathEscape("de\u0301cisions")+`/`+url.PathEscape("r\u00e9union")+`.txt"`)
	if g := read(t, filepath.Join(src, "public"), "guides/index.html"); strings.Contains(g, "a page has this URL") {
		t.Error("the static index.html replaced the page")
	}
}

// TestMDXPages checks that .mdx files, as Docusaurus and Next.js write
// pages, are pages read as Markdown: links to them reach the page, with
// or without the extension, their import lines and comments are left out,
// and the source is not published.
func TestMDXPages(t *testing.T) {
	src := writeSite(t, map[string]string{
		"_index.md":        "# Home\n\n[B](b.mdx) and [C](guides/c)\n",
		"b.mdx":            "---\ntitle: B\n---\nimport Tabs from '@theme/Tabs';\n\n{/* a note to editors */}\n\nThe b page.\n",
		"guides/c.mdx":     "# C\n\nBack [home](../_index.md).\n",
		"guides/_index.md": "# Guides\n",
	})
	res := buildWith(t, src, "title = \"T\"\n")
	for _, d := range res.Warnings {
		if d.Kind == "broken-link" || d.Kind == "orphan-page" {
			t.Errorf("reported: %v", d)
		}
	}
	pageHas(t, src, "index.html", `<a href="/b/">B</a>`, `<a href="/guides/c/">C</a>`)
	pageHas(t, src, "b/index.html", "<p>The b page.</p>")
	if b := read(t, filepath.Join(src, "public"), "b/index.html"); strings.Contains(b, "import Tabs") || strings.Contains(b, "a note to editors") {
		t.Error("the import line or the comment is on the page")
	}
	notPublished(t, src, "b.mdx", "guides/c.mdx")
}

// TestContentIconsBesideTheme checks that an Experience League
// repository's own icon set (help/assets/icons/Search.svg, Note.svg …,
// Adobe's icon names) builds beside the default theme, whose icons are in
// its stylesheets and claim no URL of their own.
func TestContentIconsBesideTheme(t *testing.T) {
	src := writeSite(t, map[string]string{
		"_index.md":               "# Home\n\n![Search](assets/icons/Search.svg) ![Note](assets/icons/Note.svg) ![Tip](assets/icons/tip.svg)\n\n> [!NOTE]\n> A note.\n",
		"assets/icons/Search.svg": "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
		"assets/icons/Note.svg":   "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
		"assets/icons/tip.svg":    "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
	})
	buildWith(t, src, "title = \"T\"\n")
	pageHas(t, src, "index.html", `src="/assets/icons/Search.svg"`, `src="/assets/icons/Note.svg"`, `src="/assets/icons/tip.svg"`)
	for _, f := range []string{"assets/icons/Search.svg", "assets/icons/Note.svg", "assets/icons/tip.svg"} {
		if got := read(t, filepath.Join(src, "public"), f); !strings.HasPrefix(got, "<svg") {
			t.Errorf("%s = %q, want the content's file", f, got)
		}
	}
}

// TestCaseFoldedLinks checks that a link naming a file in another case
// than its name, as DocFX and case-insensitive file systems find it,
// leads to it, with a portability warning for a link (GitHub does not
// find it).
func TestCaseFoldedLinks(t *testing.T) {
	src := writeSite(t, map[string]string{
		"_index.md":                  "# Home\n\n[a](About/about_hash_tables.md) [b](about/) ![c](About/Pic.PNG) [d](ABOUT/PIC.PNG) [e](About/OWNERS)\n",
		"About/about_Hash_Tables.md": "# Hash tables\n",
		"About/pic.png":              "png",
		"About/owners.md":            "# Owners\n",
	})
	writeFile(t, filepath.Join(src, "playbook.toml"), "title = \"T\"\n[checks]\nbroken-link = \"warning\"\n")
	res, err := build.New(build.Config{SourceDir: src, DestDir: filepath.Join(src, "public"), DefaultTheme: themes.Default(), Review: true}).Build(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range res.Warnings {
		if d.Kind == "broken-link" || d.Kind == "portability" {
			msg, _, _ := strings.Cut(d.Msg, ", written in")
			msg, _, _ = strings.Cut(msg, " (did you mean")
			got = append(got, fmt.Sprintf("%d:%d %s %s", d.Pos.Line, d.Pos.Col, d.Kind, msg))
		}
	}
	// A name without its extension is found in its own case only: OWNERS
	// is no owners.md, in any case. (about/ is the folder's URL.)
	want := `3:1 portability link "About/about_hash_tables.md" leads to About/about_Hash_Tables.md here|` +
		`3:65 portability link "ABOUT/PIC.PNG" leads to About/pic.png here|` +
		`3:84 broken-link broken link "About/OWNERS": no page or file About/OWNERS`
	if strings.Join(got, "|") != want {
		t.Errorf("warnings\n%s\nwant\n%s", strings.Join(got, "\n"), strings.ReplaceAll(want, "|", "\n"))
	}
	pageHas(t, src, "index.html", `<a href="/about/about_hash_tables/">a</a>`, `<a href="/about/">b</a>`, `src="/about/pic.png"`)
}

// TestSlugOnFolderPage checks that an _index.md keeps its folder's URL,
// which its pages' URLs start with, when its front matter has a slug, as
// Hugo ignores it there, with a warning at the key; the slug of a page,
// and of an index.md (a leaf bundle's page in Hugo), still names it.
func TestSlugOnFolderPage(t *testing.T) {
	src := writeSite(t, map[string]string{
		"_index.md":         "# Home\n\n[Publish](pub/_index.md) [X](pub/x.md) [API](/pub/api/) [Setup](pub/setup/index.md)\n",
		"pub/_index.md":     "---\ntitle: Publish\nslug: publizieren\n---\nText.\n",
		"pub/x.md":          "---\nslug: ex\n---\n# X\n",
		"pub/api/_index.md": "---\ntitle: API\nslug: i14y-api\n---\nText.\n",
		// index.md, a leaf bundle's page in Hugo, takes its slug there.
		"pub/setup/index.md": "---\ntitle: Setup\nslug: start\n---\nText.\n",
	})
	res := buildWith(t, src, "title = \"T\"\n")
	var got []string
	for _, d := range res.Warnings {
		if strings.Contains(d.Msg, "slug") {
			got = append(got, d.Pos.String())
		}
	}
	if strings.Join(got, " ") != "content/pub/_index.md:3:1 content/pub/api/_index.md:3:1" {
		t.Errorf("slug warnings at %q", got)
	}
	pageHas(t, src, "index.html", `<a href="/pub/">Publish</a>`, `<a href="/pub/ex/">X</a>`, `<a href="/pub/api/">API</a>`, `<a href="/pub/start/">Setup</a>`)
	notPublished(t, src, "publizieren", "pub/i14y-api")
}

// TestRepoLinksCount checks that a link to a page's file or folder in the
// site's repository on GitHub, on any branch, counts as a link to the page
// for "Linked from" and the orphan check, and that a link to another
// repository or to no page does not.
func TestRepoLinksCount(t *testing.T) {
	src := writeSite(t, map[string]string{
		"_index.md": "# Home\n\n[Guide](https://github.com/acme/handbook/blob/master/content/guide.md) " +
			"[Team](https://github.com/Acme/Handbook/tree/main/team) [Other](https://github.com/acme/other/blob/main/lonely.md) " +
			"[Nothing](https://github.com/acme/handbook/blob/main/nothing.md)\n",
		"guide.md":       "# Guide\n",
		"team/_index.md": "# Team\n",
		"lonely.md":      "# Lonely\n",
	})
	res := buildWith(t, src, "title = \"T\"\nrepo = \"https://github.com/acme/handbook.git\"\n")
	var orphans []string
	for _, d := range res.Warnings {
		if d.Kind == "orphan-page" {
			orphans = append(orphans, d.Pos.File)
		}
	}
	if strings.Join(orphans, " ") != "content/lonely.md" {
		t.Errorf("orphans %q, want content/lonely.md alone", orphans)
	}
	for _, page := range []string{"guide/index.html", "team/index.html"} {
		if linked := linkedFrom(read(t, filepath.Join(src, "public"), page)); !strings.Contains(linked, `<a href="/">Home</a>`) {
			t.Errorf("%s is not linked from the home page: %q", page, linked)
		}
	}
	pageHas(t, src, "index.html", `href="https://github.com/acme/handbook/blob/master/content/guide.md"`)
}

// TestDocFXImages checks that a DocFX image line, :::image …:::, is an
// image whose source is resolved and checked as a Markdown image's: one
// that names a file of the site shows it, one that names nothing is a
// broken link at the directive. Other directives are left out with a
// docfx warning, and the headings after them are not in a callout.
func TestDocFXImages(t *testing.T) {
	src := writeSite(t, map[string]string{
		"guide.md": "# Guide\n\n:::image type=\"content\" source=\"media/portal.png\" alt-text=\"The portal\":::\n\n" +
			":::image type=\"content\" source=\"media/missing.png\" alt-text=\"Gone\":::\n\n" +
			":::code language=\"powershell\" source=\"setup.ps1\":::\n\n## Later\n\nText.\n",
		"media/portal.png": "png",
	})
	writeFile(t, filepath.Join(src, "playbook.toml"), "title = \"T\"\n[checks]\nbroken-link = \"warning\"\n")
	res, err := newBuilder(src, filepath.Join(src, "public")).Build(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	var broken, docfx []string
	for _, d := range res.Warnings {
		switch d.Kind {
		case "broken-link":
			broken = append(broken, d.String())
		case "docfx":
			docfx = append(docfx, d.String())
		}
	}
	if len(broken) != 1 || !strings.HasPrefix(broken[0], "content/guide.md:5:1: ") || !strings.Contains(broken[0], "media/missing.png") {
		t.Errorf("broken links: %q, want media/missing.png at content/guide.md:5:1", broken)
	}
	if len(docfx) != 1 || !strings.HasPrefix(docfx[0], "content/guide.md:7:1: ") || !strings.Contains(docfx[0], ":::code") {
		t.Errorf("docfx warnings: %q, want :::code at content/guide.md:7:1", docfx)
	}
	pageHas(t, src, "guide/index.html", `<img src="/media/portal.png" alt="The portal"`, `<h2 id="later">Later</h2>`)
	if html := read(t, filepath.Join(src, "public"), "guide/index.html"); strings.Contains(html, "data-callout") || strings.Contains(html, ":::") {
		t.Error("the page shows a callout or a directive")
	}
}

// TestSameHeadingIDsAcrossIncludes checks that the warning of a heading
// id given twice names the other heading's file when an included file
// holds one of them, and that [checks] can silence it (kind duplicate-id).
func TestSameHeadingIDsAcrossIncludes(t *testing.T) {
	src := writeSite(t, map[string]string{
		"_index.md":        "# Home\n\n## First {#x}\n\n{{$include _includes/inc.md}}\n\n## Third {#y}\n",
		"_includes/inc.md": "Text.\n\n## Second {#x}\n\n## Dup {#y}\n",
	})
	res := buildWith(t, src, "title = \"T\"\n")
	var got []string
	for _, d := range res.Warnings {
		if strings.Contains(d.Msg, "is also the id") {
			got = append(got, d.String())
			if d.Kind != "duplicate-id" {
				t.Errorf("kind %q, want duplicate-id: %s", d.Kind, d)
			}
		}
	}
	if off := buildWith(t, src, "title = \"T\"\n[checks]\nduplicate-id = \"off\"\n"); len(off.Warnings) != len(res.Warnings)-2 {
		t.Errorf("duplicate-id = \"off\" left %d of %d warnings, want 2 fewer", len(off.Warnings), len(res.Warnings))
	}
	want := `content/_includes/inc.md:3:1: warning: the heading's id "x" is also the id of the heading at line 3 of _index.md, where links to #x lead: give one of them another id|` +
		`content/_index.md:7:1: warning: the heading's id "y" is also the id of the heading at line 5 of content/_includes/inc.md, where links to #y lead: give one of them another id`
	if strings.Join(got, "|") != want {
		t.Errorf("warnings\n%s\nwant\n%s", strings.Join(got, "\n"), strings.ReplaceAll(want, "|", "\n"))
	}
}

// TestHugoSiteLinks checks that on a site folder with Hugo's
// configuration a relative link that names no Markdown file leads where
// the browser takes it from the page's URL, a folder below the page's
// file, even where the files' reading names another page ("../" on
// programs/zk/cat.md is programs/zk/, not programs/), while a link to a
// .md file keeps the files' reading; that so does a Jekyll site whose
// pages are published as folders (permalink: pretty, or one ending in
// "/"); and that elsewhere, or with a config.toml that is not Hugo's or a
// Jekyll site that publishes .html files, the files' reading stays first.
func TestHugoSiteLinks(t *testing.T) {
	for _, tc := range []struct {
		name  string
		files []string // in the site folder, "dir/" a folder, "name:text" a file with text
		want  string   // where "../" leads
	}{
		{"Jekyll pretty", []string{"_config.yml:title: T\npermalink: pretty\n"}, "/programs/zk/"},
		{"Jekyll .yaml", []string{"_config.yaml:permalink: pretty\n"}, "/programs/zk/"},
		{"Jekyll /:path/", []string{"_config.yml:permalink: \"/:path/\"\ncollections: {}\n"}, "/programs/zk/"},
		{"Jekyll default", []string{"_config.yml:title: T\n"}, "/programs/"},
		{"Jekyll .html", []string{"_config.yml:permalink: /:path:output_ext\n"}, "/programs/"},
		{"Jekyll unreadable", []string{"_config.yml:permalink: [pretty\n"}, "/programs/"},
		{"none", nil, "/programs/"},
		{"hugo.toml", []string{"hugo.toml"}, "/programs/zk/"},
		{"hugo.yaml", []string{"hugo.yaml"}, "/programs/zk/"},
		{"config/_default", []string{"config/_default/"}, "/programs/zk/"},
		{"config.toml beside layouts", []string{"config.toml", "layouts/"}, "/programs/zk/"},
		{"config.yaml beside archetypes", []string{"config.yaml", "archetypes/"}, "/programs/zk/"},
		{"config.toml alone", []string{"config.toml"}, "/programs/"},
		{"hugo.toml a folder", []string{"hugo.toml/"}, "/programs/"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := writeSite(t, map[string]string{
				"_index.md":             "# Home\n\n[p](programs/)\n",
				"programs/_index.md":    "# Programs\n\n[zk](zk/)\n",
				"programs/zk/_index.md": "# zk\n\n[cat](cat.md)\n",
				"programs/zk/cat.md":    "# cat\n\n[zk](../) [md](../_index.md)\n",
				"programs/zk/img/a.png": "png",
			})
			for _, f := range tc.files {
				p := filepath.Join(src, filepath.FromSlash(f))
				if strings.HasSuffix(f, "/") {
					if err := os.MkdirAll(p, 0o755); err != nil {
						t.Fatal(err)
					}
					continue
				}
				name, text, _ := strings.Cut(f, ":")
				writeFile(t, filepath.Join(src, filepath.FromSlash(name)), text)
			}
			buildWith(t, src, "title = \"T\"\n")
			out, err := os.ReadFile(filepath.Join(src, "public/programs/zk/cat/index.html"))
			if err != nil {
				t.Fatal(err)
			}
			want := `<a href="` + tc.want + `">zk</a> <a href="/programs/">md</a>`
			if !strings.Contains(string(out), want) {
				t.Errorf("want %s in\n%s", want, out)
			}
		})
	}
}

// TestShortcodeInLinkDestination checks that a link whose destination
// holds a Hugo shortcode, as a reference definition in <…> may ({{% param
// eventUrl %}}, which Hugo fills from the page's front matter), gets the
// warning the same shortcode gets in text, hugo-shortcode, not a
// broken-link error, also after a path that leads somewhere; relref and
// ref are resolved, inline and in reference definitions, and a path
// before a shortcode that leads nowhere is still a broken link, as is a
// Liquid output tag before a path that leads nowhere ({{site.baseurl}}/x/,
// see TestLiquidInLinkDestination).
func TestShortcodeInLinkDestination(t *testing.T) {
	src := writeSite(t, map[string]string{
		"_index.md": "# Home\n\n[Register][lf] and [guide]({{< relref \"guide.md\" >}}) and [base]({{site.baseurl}}/x/)\n\n" +
			"[lf]: <{{% param eventUrl %}}register/>\n\n[a](<guide.md#{{% param s %}}>) [b](<gone.md#{{% param s %}}>) [c](<{{% relref \"gone.md\" %}}{{% param q %}}>)\n\n" +
			"[ok][OK] [gone][GONE]\n\n[OK]: <{{% relref \"guide.md\" %}}>\n[GONE]: {{< ref gone.md >}}\n",
		"guide.md": "# Guide\n",
	})
	res := buildWith(t, src, "title = \"T\"\n[checks]\nbroken-link = \"warning\"\n")
	var got []string
	for _, d := range res.Warnings {
		if d.Kind == "broken-link" || d.Kind == "hugo-shortcode" {
			got = append(got, d.Kind+" "+d.Pos.String())
		}
		if d.Kind == "hugo-shortcode" && strings.Contains(d.Msg, "relref") && !strings.Contains(d.Msg, "{{% param …}}") {
			t.Errorf("names relref, which playbook reads: %s", d)
		}
	}
	want := []string{"hugo-shortcode content/_index.md:3:1", "broken-link content/_index.md:3:59",
		"hugo-shortcode content/_index.md:7:1", "broken-link content/_index.md:7:33", "hugo-shortcode content/_index.md:7:64",
		"broken-link content/_index.md:9:10"}
	if !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
	pageHas(t, src, "index.html", `<a href="/guide/">guide</a>`, `<a href="/guide/">ok</a>`)
}

// TestERBInLinkDestination checks that a link whose destination is an ERB
// tag, as Middleman and GOV.UK Tech Docs pages write a link to GitHub
// (<%= schema.link_to_github %>, which CommonMark reads without its
// angle brackets), gets the erb-tag warning, not a broken-link error, also
// after a path that leads somewhere; a path before one that leads nowhere,
// or percent signs that make no ERB tag (%, %APPDATA%, %E2%80%99%), is
// still a broken link.
func TestERBInLinkDestination(t *testing.T) {
	src := writeSite(t, map[string]string{
		"_index.md": "# Home\n\n[View on GitHub](<%= schema.link_to_github %>)\n\n[a](guide.md#<%=s%>) [b](gone.md#<%=s%>) [c](%)\n\n[d][D]\n\n[D]: <%= page.url %>\n\n[e](%APPDATA%) [f](%E2%80%99%) [g](%%)\n",
		"guide.md":  "# Guide\n",
	})
	res := buildWith(t, src, "title = \"T\"\n[checks]\nbroken-link = \"warning\"\n")
	var got []string
	for _, d := range res.Warnings {
		if d.Kind == "broken-link" || d.Kind == "erb-tag" {
			got = append(got, d.Kind+" "+d.Pos.String())
		}
		if d.Pos.Line == 3 && !strings.Contains(d.Msg, `"<%= schema.link_to_github %>"`) {
			t.Errorf("the tag is not named as written: %s", d)
		}
	}
	want := []string{"erb-tag content/_index.md:3:1", "erb-tag content/_index.md:5:1", "broken-link content/_index.md:5:22",
		"broken-link content/_index.md:5:42", "erb-tag content/_index.md:7:1",
		"broken-link content/_index.md:11:1", "broken-link content/_index.md:11:16", "broken-link content/_index.md:11:32"}
	if !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

// TestLiquidInLinkDestination checks that a link whose destination holds
// a Liquid or Nunjucks tag, as Jekyll and Eleventy pages write the base
// URL ({{base.baseurl}}/software/, which the site runs before the
// Markdown), gets the liquid-tag warning, not a broken-link error, also
// after a path that leads somewhere; a path before one that leads nowhere,
// or a path from the root after one that starts the destination that
// leads nowhere without it ({{site.baseurl}}/gnoe/), is still a broken
// link, and braces that make no tag ({%22a%22:1}, an unclosed {%) are no
// excuse.
func TestLiquidInLinkDestination(t *testing.T) {
	src := writeSite(t, map[string]string{
		"_index.md": "# Home\n\n[a]({{base.baseurl}}/software/) [b]({{site.base_url}}/guide/) [c](guide.md#{%anchor%})\n\n[d](gone.md#{{x}}) [e](/{x}/)\n\n" +
			"[f](/guide/?q={%22a%22:1}#nosuch) [g](/gone/{%20}/) [h]({{site.baseurl}}/gnoe/) [i]({{site.baseurl}}/guide/#nosuch) [j]({{x}}.md)\n",
		"guide.md":    "# Guide\n",
		"software.md": "# Software\n",
	})
	res := buildWith(t, src, "title = \"T\"\n[checks]\nbroken-link = \"warning\"\nmissing-anchor = \"warning\"\n")
	var got []string
	for _, d := range res.Warnings {
		if d.Kind == "broken-link" || d.Kind == "missing-anchor" || d.Kind == "liquid-tag" {
			got = append(got, d.Kind+" "+d.Pos.String())
		}
		if d.Pos.Line == 3 && d.Pos.Col == 1 && !strings.HasPrefix(d.Msg, `template tag {{…}} (Liquid, Nunjucks) in the link "{{base.baseurl}}/software/" is not run, so the link leads nowhere: write the address itself`) {
			t.Errorf("message: %s", d.Msg)
		}
	}
	want := []string{"liquid-tag content/_index.md:3:1", "liquid-tag content/_index.md:3:33", "liquid-tag content/_index.md:3:63",
		"broken-link content/_index.md:5:1", "broken-link content/_index.md:5:20",
		"missing-anchor content/_index.md:7:1", "broken-link content/_index.md:7:35", "broken-link content/_index.md:7:53",
		"broken-link content/_index.md:7:81", "liquid-tag content/_index.md:7:117"}
	if !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

// TestLiquidCommentSites checks that Liquid's comments are taken out of
// the pages of a Jekyll site and of an Eleventy site, which run Liquid,
// and shown, with a warning, on any other, as GitHub shows them.
func TestLiquidCommentSites(t *testing.T) {
	for name, tc := range map[string]struct{ file, shows string }{
		"jekyll":    {"_config.yml", "<p>Keep this.</p>"},
		"eleventy":  {".eleventy.js", "<p>Keep this.</p>"},
		"eleventy3": {"eleventy.config.mjs", "<p>Keep this.</p>"},
		"plain":     {"", "<p>Keep{% comment %} TODO: ask Ana{% endcomment %} this.</p>"},
	} {
		t.Run(name, func(t *testing.T) {
			src := writeSite(t, map[string]string{"_index.md": "# Home\n\nKeep{% comment %} TODO: ask Ana{% endcomment %} this.\n"})
			if tc.file != "" {
				writeFile(t, filepath.Join(src, tc.file), "title: T\n")
			}
			res := buildWith(t, src, "title = \"T\"\n")
			pageHas(t, src, "index.html", tc.shows)
			warned := slices.ContainsFunc(res.Warnings, func(d diag.Diagnostic) bool { return d.Kind == "liquid-tag" })
			if warned != (tc.file == "") {
				t.Errorf("liquid-tag warning: %v", res.Warnings)
			}
		})
	}
}

// TestSnippetLinksArePages checks that the links of a file MkDocs'
// pymdownx.snippets pastes into a page are the page's, relative to it, as
// MkDocs pastes the text before it reads the Markdown: a snippet kept
// outside the content folder links to ../other.md from a page one folder
// down.
func TestSnippetLinksArePages(t *testing.T) {
	src := writeSite(t, map[string]string{
		"_index.md":      "# Home\n\n[Old](legacy/old.md)\n",
		"other.md":       "# Other\n",
		"legacy/old.md":  "# Old\n\n--8<-- \"includes/deprecated.md\"\n\nBody.\n",
		"legacy/more.md": "# More\n\n--8<-- \"includes/deprecated.md\"\n",
	})
	writeFile(t, filepath.Join(src, "includes/deprecated.md"), "Deprecated: use [Other](../other.md) or [](../other.md) instead.\n")
	buildWith(t, src, "title = \"T\"\n")
	pageHas(t, src, "legacy/old/index.html", `use <a href="/other/">Other</a> or <a href="/other/">Other</a> instead`)
	pageHas(t, src, "legacy/more/index.html", `<a href="/other/">Other</a>`)
}

// TestHugoContentDir checks that a Hugo site whose configuration reads
// the pages from another folder (content/en, as a multilingual Docsy site
// has it) is told to name it with contentDir, at the line that sets it,
// unless playbook.toml names a content folder; and that the site builds
// as Hugo's once it does.
func TestHugoContentDir(t *testing.T) {
	for name, tc := range map[string]struct{ file, conf, toml, want string }{
		"toml": {"hugo.toml", "title = \"K\"\n\n[languages.en]\ncontentDir = \"content/en\"\n", "", "hugo.toml:4:15"},
		"yaml": {"config/_default/languages.yaml", "en:\n  contentDir: content/en\n", "", "config/_default/languages.yaml:2:15"},
		"set":  {"hugo.toml", "[languages.en]\ncontentDir = \"content/en\"\n", "contentDir = \"content\"\n", ""},
	} {
		t.Run(name, func(t *testing.T) {
			src := writeSite(t, map[string]string{"en/_index.md": "# Home\n\n[Guide](guide.md)\n", "en/guide.md": "# Guide\n"})
			writeFile(t, filepath.Join(src, tc.file), tc.conf)
			res := buildWith(t, src, "title = \"T\"\n"+tc.toml)
			var got []string
			for _, d := range res.Warnings {
				if strings.Contains(d.Msg, "Hugo reads this site's pages from content/en/") {
					got = append(got, d.Pos.String())
				}
			}
			if want := strings.Fields(tc.want); !slices.Equal(got, want) {
				t.Errorf("warned at %q, want %q: %v", got, want, res.Warnings)
			}
		})
	}
	src := writeSite(t, map[string]string{"en/_index.md": "# Home\n\n[Guide](guide.md)\n", "en/guide.md": "# Guide\n"})
	writeFile(t, filepath.Join(src, "hugo.toml"), "[languages.en]\ncontentDir = \"content/en\"\n")
	res := buildWith(t, src, "title = \"T\"\ncontentDir = \"content/en\"\n")
	if len(res.Warnings) > 0 {
		t.Errorf("warnings: %v", res.Warnings)
	}
	pageHas(t, src, "index.html", `<a href="/guide/">Guide</a>`)
}

// TestJekyllHTMLFiles checks that an HTML file of the content that starts
// with front matter, as Jekyll's pages in HTML do, is published without
// it, with a front-matter warning (which [checks] can make an error), in
// a build and in a preview alike; other HTML files are copied as they are.
func TestJekyllHTMLFiles(t *testing.T) {
	src := writeSite(t, map[string]string{
		"_index.md":   "# Home\n\n[Search](search.html) [Plain](plain.html)\n",
		"404.html":    "---\npermalink: /404.html\nlayout: default\n---\n<h1>Not found</h1>\n",
		"search.html": "---\r\nlayout: search\r\n---\r\n<div id=\"search\"></div>\n",
		"plain.html":  "<!DOCTYPE html>\n<p>--- not front matter ---</p>\n",
		"bom.HTM":     "\ufeff--- \nlayout: x\n...\t\n<p>bom</p>\n",
		"go.html":     "---js\n{ permalink: data => `/go/${data.to}/` }\n---\n<p>go</p>\n",
	})
	res := buildWith(t, src, "title = \"T\"\n")
	var got []string
	for _, d := range res.Warnings {
		if d.Kind == "front-matter" {
			got = append(got, d.Pos.String())
		}
	}
	if want := []string{"content/404.html:1:1", "content/bom.HTM:1:1", "content/go.html:1:1", "content/search.html:1:1"}; !slices.Equal(got, want) {
		t.Errorf("front-matter warnings at %v, want %v", got, want)
	}
	dest := filepath.Join(src, "public")
	for name, want := range map[string]string{"404.html": "<h1>Not found</h1>\n", "search.html": "<div id=\"search\"></div>\n", "bom.HTM": "<p>bom</p>\n", "go.html": "<p>go</p>\n",
		"plain.html": "<!DOCTYPE html>\n<p>--- not front matter ---</p>\n"} {
		if got := read(t, dest, name); got != want {
			t.Errorf("%s published as %q, want %q", name, got, want)
		}
	}
	mem := output.NewMem()
	s := build.NewSession(build.Config{SourceDir: src, DefaultTheme: themes.Default(), NoGit: true}, mem)
	if _, err := s.Rebuild(t.Context(), nil); err != nil {
		t.Fatal(err)
	}
	checkMatchesFullBuild(t, "a preview", mem, src, nil)
	writeFile(t, filepath.Join(src, "playbook.toml"), "title = \"T\"\n[checks]\nfront-matter = \"error\"\n")
	if _, err := newBuilder(src, filepath.Join(src, "strict")).Build(t.Context()); err == nil || !strings.Contains(err.Error(), "content/404.html:1:1") {
		t.Errorf("front-matter = \"error\": %v", err)
	}
}
