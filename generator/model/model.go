package model

import (
	"bytes"
	"cmp"
	"context"
	"fmt"
	"maps"
	"math"
	"path"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/playbookhq/playbook/generator/diag"
	"github.com/playbookhq/playbook/generator/internal/work"
	"github.com/playbookhq/playbook/generator/slugs"
	"github.com/playbookhq/playbook/generator/source"
)

// Heading is a heading of a page.
type Heading struct {
	Level int
	Text  string
	// TextContent is the text as the page shows it, which GitHub makes
	// heading ids from; Text stands for it when it is empty.
	TextContent string
	ID          string
	Pos         diag.Pos
	// IsTitle is set on the page's title heading (see
	// markdown.Heading.IsTitle), which the page shows in place of its
	// title, without the heading's id.
	IsTitle bool
	// Nested is set on a heading inside another block (a quote, a list
	// item).
	Nested bool
	// Explicit is set on a heading whose id is given with {#id}.
	Explicit bool
	// Attrs is a kramdown attribute list the heading ends with, as
	// written ("{: #setup}"), which GitHub shows as text.
	Attrs string
}

// Link is a link or image destination written on a page.
type Link struct {
	Dest  string
	Image bool
	Pos   diag.Pos
	// File is where the link is written when that is not the page's own
	// text but a file the page includes: "/" and the file's path in the
	// site root, as positions name it. Relative paths resolve against it.
	File string
	// Absolute is set on a full URL (http: or https:). It is a link to a
	// page when it is the site's own address of the page (under
	// Options.SiteURL), and is never reported: the host may serve more
	// than this site.
	Absolute bool
}

// Task is a task-list item.
type Task struct {
	ID   string
	Text string
	// HTML is Text with its inline code and emphasis, escaped.
	HTML    string
	Who     string
	Checked bool
	Heading string
	Pos     diag.Pos
}

// PageInput is what the model needs to know about one Markdown file.
type PageInput struct {
	Doc *source.Doc
	// H1 is the text of the page's first level-1 heading, or "".
	H1 string
	// Title and Description are the front matter's, as text: their inline
	// Markdown, and the tags of the Experience League dialect, as their
	// words. When empty,
	// the front matter's own are used.
	Title       string
	Description string
	// HeadingHTML is the HTML of the heading the page shows above its
	// text: the level-1 heading the text starts with, else the title with
	// the dialect's inline tags; "" when that is the title as it is.
	HeadingHTML string
	// LeadHTML is the HTML of the description under the heading, with its
	// inline Markdown; "" when that is the description as it is.
	LeadHTML string
	Headings []Heading
	// HTMLIDs are the ids the page's raw HTML declares, which links may
	// name as they name headings.
	HTMLIDs []string
	// Labels are the page's MyST targets: names that anchors of links on
	// any page lead to (see Site.labels).
	Labels []Label
	// TextHTMLIDs are the ids raw HTML shown as text would declare, which
	// a broken link's report names.
	TextHTMLIDs []string
	// Footnotes are the labels of the page's footnotes in the order they
	// are numbered: the note numbered n (id fn:n) has Footnotes[n-1].
	Footnotes []string
	// HTMLURLs are the src and href URLs of the page's raw HTML that name
	// a path of the site, which are written as they are.
	HTMLURLs []HTMLURL
	// Links are the link destinations that stay inside the site.
	Links []Link
	Tasks []Task
	// Diagrams says that the page has a Mermaid diagram for the theme to
	// draw.
	Diagrams bool
	// Math says that the page has TeX math for the theme to draw.
	Math bool
	// Shortcodes says that the page shows a Hugo shortcode as text, which
	// may make headings on a Hugo site: a link to a heading the page lacks
	// is then a warning, not an error.
	Shortcodes bool
}

// Options configure Build.
type Options struct {
	// Languages are the site's language codes, the default first.
	Languages []string
	// BasePath is the path the site is published under ("" or "/docs").
	BasePath string
	// SiteURL is the site's address without its scheme, the host in lower
	// case and the base path ("docs.example.org/handbook"), when baseURL
	// gives a host; a full URL under it names a page of the site.
	SiteURL string
	// RepoURL is the handbook's repository without its scheme, the host
	// in lower case ("github.com/acme/handbook"), when the site names it;
	// a link to one of its files on GitHub or GitLab counts as a link to
	// the page for "Linked from" and the orphan check.
	RepoURL string
	// Drafts includes pages marked draft.
	Drafts bool
	// SiteTitle titles a generated home page.
	SiteTitle string
	// Files are the content's non-Markdown files, copied beside their pages.
	Files []string
	// Static are the paths of the files of the site's static folder
	// (StaticDir), sorted, which are published at the site's root as they
	// are; StaticDir names the folder in messages.
	Static    []string
	StaticDir string
	// Categories are what Docusaurus category files say of folders, by
	// folder path: a folder without a page of its own is titled with the
	// label, and a folder's place among its neighbours is the position
	// unless its page gives one.
	Categories map[string]source.Category
	// Docusaurus says the site is written for Docusaurus (see
	// docusaurus.go): files and folders are published without their
	// number prefixes, which give their places, and a page's id front
	// matter names it.
	Docusaurus bool
	// AutoSidebar says that the site's own navigation lists every page its
	// folders hold (Docusaurus' autogenerated sidebars, a Jekyll or
	// Eleventy theme's templates), so that a page no page links to is no
	// orphan while the navigation shows it.
	AutoSidebar bool
	// MkDocsOrder says the site is written for MkDocs, which lists a
	// folder that no nav orders with its pages first and its folders
	// after, each in the order of their file names (see byPlace).
	MkDocsOrder bool
	// RootDir is the content folder's path in the site root; links
	// starting with "/RootDir/" resolve inside the content folder.
	RootDir string
	// TOCs, when given, set navigation and reading order instead of the
	// folder tree.
	TOCs []TOC
	// URLLinks says the site is written for a tool that publishes each
	// page as a folder, Hugo or Jekyll with pretty permalinks, whose pages
	// link from their URLs, a folder below their files: a relative link
	// that names no Markdown file leads where the browser takes it from
	// the page's URL when anything is there ("../" on programs/zk/zk_cat.md
	// is programs/zk/), before the files' reading.
	URLLinks bool
	// Reserved are the paths the build writes itself (the sitemap, feeds,
	// search index, theme assets); a page, alias or content file there is
	// an error.
	Reserved []Reserved
	// CodeOwners, when set, gives the owners of pages whose front matter
	// and folders name none.
	CodeOwners CodeOwners
	// ReviewEvery is the site's review interval ("12 months"), which
	// folders and pages may change with review_every.
	ReviewEvery string
	// Host is where the handbook's files are read besides the site:
	// "github" or "gitlab" (see config.RepoHost), or "" when unknown. A
	// link to a heading by the other host's anchor is reported then.
	Host string
	// Today is the reference date that review dates are compared with; a
	// zero Today makes no page due.
	Today time.Time
	// Moves are the earlier paths of pages' files; each earlier URL leads
	// to the page unless something else has it.
	Moves []Move
}

// Kind says what a page is.
type Kind string

// The kinds of pages.
const (
	KindHome    Kind = "home"
	KindSection Kind = "section"
	KindPage    Kind = "page"
)

// Page is one page of the site.
type Page struct {
	// Path is the source file's path in the content tree; generated pages
	// have the path their _index.md would have.
	Path string
	// Dir is the content folder the page describes (sections) or lives in.
	Dir   string
	Kind  Kind
	Lang  string
	Title string
	// NavTitle is the page's name in the navigation when it has one of
	// its own: its front matter's linkTitle (Hugo) or sidebar_label
	// (Docusaurus), or, for a folder's page, the title its folder's .pages
	// file gives (MkDocs' awesome-pages); else "", and the navigation
	// shows Title.
	NavTitle    string
	Description string
	Weight      float64
	Tags        []string
	Aliases     []string
	Params      map[string]any
	// URL is the page's path on the site, with the base path, ending in "/".
	URL string
	// RelURL is the page's path without the base path, for output files.
	RelURL string
	// Generated is true for section pages made for folders without _index.md.
	Generated bool
	// Layout names the theme layout for the page: its Kind, or a more
	// specific one ("team", "role", "roles", "checklists", "tags", "tag")
	// that falls back to page or section when the theme lacks it.
	Layout string
	// Listed are the pages a generated list page (a tag) shows, or the
	// tags' pages on /tags/.
	Listed []*Page
	// listLen is how many entries a language's /checklists/ or /owners/
	// page lists (see ListLen); 0 on every other page.
	listLen int
	// Hidden pages are left out of navigation.
	Hidden bool
	// lostAliases are the places in Aliases of the aliases that another
	// alias has (see checkURLs), which are not written.
	lostAliases []int
	// RedirectTo is where the page sends its readers, its front matter's
	// redirect_to as written, or "". Such a page is published as a
	// redirect alone (see Site.Redirect), and no search, sitemap or feed
	// shows it, nor, unless it is a folder's page, any list.
	RedirectTo string

	Input *PageInput

	Parent   *Page
	Children []*Page
	Prev     *Page
	Next     *Page
	// Translations are the same page in the other languages.
	Translations []*Page

	// anchors maps the page's ids to the place of their heading in
	// Headings, or -1 for an id in its HTML; ghIDs maps the id GitHub
	// gives each heading to the heading's id, and ghAnchors the other
	// forms of each heading's id to the id. given holds the ids written
	// in the page: with {#id} or in its HTML.
	anchors          map[string]int
	ghIDs, ghAnchors map[string]string
	given            map[string]bool
	// toolIDs maps the ids more tools give the page's headings to the
	// ids (see toolAnchors), made when an anchor first matches nothing
	// else.
	toolIDs func() map[string]string
	// titleID is the id of the heading that repeats the title, which
	// the page leaves out.
	titleID    string
	team       *Team
	role       *Role
	checklists []*Checklist
	backlinks  []*Page
	linkers    []*Page // of any language (see Linkers)
	// readme is set when the page is made from its folder's README.md.
	readme bool
	// redirectFolder is set on the page generated for a folder that holds
	// pages that redirect alone: links to the folder reach it, but no list
	// or navigation shows it.
	redirectFolder bool
	// slugIgnored is set on an _index.md whose slug is not applied.
	slugIgnored bool
	// zeroOrder is set when an order key gave the page weight 0, which
	// places it before weight 1 (see source.Meta.ZeroOrder).
	zeroOrder bool
	// untitled is set while the page's title is made from its file's
	// name: it has no title of its own, and a TOC's may replace it.
	untitled bool
	// strayLang is a front matter lang that is none of the site's
	// languages: the page is one of its own (see checkFileLanguages).
	strayLang string
	// cause is the source path of the first page in the folder of a
	// generated section page, which is made because of it.
	cause string
	// navKids are the children that navigation lists; navPos is 1 + the
	// page's place among its parent's, or 0 (see indexNav).
	navKids []*Page
	navPos  int
	// ownership, review and moved: see owners.go, review.go, moved.go.
	ownership *Ownership
	review    *Review
	moved     []*movedURL
	// ticks is how a translation's checklist items share the ticks of
	// its original's (see shareTicks).
	ticks *sharedTicks
}

// Headings returns the page's headings.
func (p *Page) Headings() []Heading {
	if p.Input == nil {
		return nil
	}
	return p.Input.Headings
}

// onlyRedirects reports whether p is published as a redirect alone, and
// so is no child to list or page to read next: a page with redirect_to,
// not a folder's, which keeps the folder's pages under it.
func (p *Page) onlyRedirects() bool { return p.RedirectTo != "" && p.Kind == KindPage }

// Ancestors returns the pages above p, the home page first.
func (p *Page) Ancestors() []*Page {
	var out []*Page
	for a := p.Parent; a != nil; a = a.Parent {
		out = append(out, a)
	}
	slices.Reverse(out)
	return out
}

// Site is the whole handbook.
type Site struct {
	opts  Options
	pages []*Page
	// byPath maps a source path to its page, and byStem the path of a
	// Markdown page without its extension, in whatever case ("Notes" for
	// Notes.Markdown), which no two pages share: they would share a URL.
	byPath, byStem map[string]*Page
	byURL          map[string]*Page
	// files maps a content file's path to its URL.
	files map[string]string
	// decomposed maps the composed form (NFC) of each page's and file's
	// path that is not written composed, as macOS and GitBook write
	// "é" as "e" and an accent, to the path.
	decomposed map[string]string
	// folded maps each page's, file's and folder's path, and each page's
	// path without its extension, lower-cased to the path, for links
	// that write a name in another case (see Site.findFolded). It is made
	// on the first such link.
	folded     map[string]string
	foldedOnce sync.Once
	// staticComposed does the same for the static folder's files, whose
	// paths are URLs from the site's root, not paths in the content.
	staticComposed map[string]string
	// fileURLs maps a content file's URL to its path, and a static
	// file's to "".
	fileURLs map[string]string
	// static are the static folder's files that are published, and
	// staticDiags the warnings about those that are not.
	static      []string
	staticDiags diag.List
	// fileDirs holds the folders above content files, for the report of
	// a link to a folder that has files but no page.
	fileDirs map[string]bool
	// drafts holds the paths and URLs of the drafts left out (see
	// addDraft), for the report of a link to one.
	drafts map[string]bool
	homes  map[string]*Page
	// folders maps a folder to its page: its _index.md, index.md or
	// README.md, the page beside it (guide.md for guide/), or the page
	// generated for it.
	folders map[folderKey]*Page
	// indexed are the folders that have a page other than README.md:
	// an _index.md, an index.md, or a page beside them (guide.md for
	// guide/). Their README.md is a page of its own. indexFiles are those
	// with an _index.md or index.md.
	indexed, indexFiles map[folderKey]bool
	// aliases maps the URL of each alias (without the base path) to its
	// page; redirected those of the redirects a configuration file
	// declares (see addMoves), which links may lead through as well.
	aliases, redirected map[string]*Page
	// movedFrom maps each earlier content path and earlier URL (without
	// the base path) of a page's file, declared or from the git history,
	// to the page, for the hint of a broken link that names one.
	movedFrom map[string]*Page

	teams      map[string]map[string]*Team
	roles      map[string]map[string]*Role
	teamList   map[string][]*Team
	roleList   map[string][]*Role
	checklists map[string][]*Checklist
	wiki       map[string]*Page
	// labels maps each MyST target's name, in lower case, to the page it
	// is on: the first page, by path, that has it.
	labels map[string]*Page
	// lost are the generated pages whose URL another page took; checkURLs
	// reports the page.
	lost []*Page
	// aliasedFolders are the folders without a page of their own whose
	// URL an alias names, with the page it leads to (see addSections): a
	// link to the folder leads there too.
	aliasedFolders map[folderKey]*Page
	// hints is what "did you mean" suggestions are found from.
	hints suggestions
	// owned lists each language's owners with their pages; ownedStarts
	// counts, for each owner, the pages of the owners before it, and
	// last, the pages of all.
	owned       map[string][]OwnerPages
	ownedStarts map[string][]int
	// langs is what lists show in each language (see linkLanguages).
	langs *languageIndex
}

// Pages returns every page, sorted by URL.
func (s *Site) Pages() []*Page { return s.pages }

// Home returns the home page of a language.
func (s *Site) Home(lang string) *Page { return s.homes[lang] }

// TitledBySite reports whether the site's title (Options.SiteTitle)
// titles a page: a home page the model made, or one without a title of its
// own. A model that it does not title is the same for any site title.
func (s *Site) TitledBySite() bool {
	return slices.ContainsFunc(s.pages, func(p *Page) bool {
		return p.Kind == KindHome && (p.Generated || p.untitled)
	})
}

// Languages returns the site's language codes, the default first.
func (s *Site) Languages() []string { return s.opts.Languages }

// PageByPath returns the page built from a source path.
func (s *Site) PageByPath(p string) *Page { return s.byPath[p] }

// Files returns the content files to copy, mapped to their site paths
// (without the base path), sorted by source path.
func (s *Site) Files() [][2]string {
	out := make([][2]string, 0, len(s.files))
	for _, src := range slices.Sorted(maps.Keys(s.files)) {
		out = append(out, [2]string{src, s.files[src]})
	}
	return out
}

// hasFile reports whether a content file is published at name, a path in
// the output ("robots.txt").
func (s *Site) hasFile(name string) bool {
	_, ok := s.fileURLs["/"+name]
	return ok
}

// Build makes the site model from the pages' inputs.
func Build(inputs []*PageInput, opts Options) (*Site, diag.List) {
	if len(opts.Languages) == 0 {
		opts.Languages = []string{"en"}
	}
	s := newSite(opts)
	// In path order, whatever the caller's, so that which of two pages at
	// one URL is kept does not depend on how the content was listed.
	inputs = sortedByPath(inputs)
	s.markIndexed(inputs)
	diags := s.addPages(inputs)
	s.resolveAliases()
	s.indexAliases()
	s.addSections()
	s.placeCategories()
	s.setNavTitles()
	s.placePrefixes()
	s.addHomes()
	s.titleFromTOCs()
	s.linkTree()
	s.linkReadingOrder()
	diags = append(diags, s.linkTranslations()...)
	diags = append(diags, s.checkFileLanguages()...)
	s.placeFiles(opts.Files)
	s.placeStatic(opts.Static)
	// Each page's own; on every core, as a preview does it again after
	// each change to the configuration.
	work.Each(context.Background(), len(s.pages), func(i int) { s.pages[i].indexAnchors() })
	s.indexWiki()
	s.indexLabels()
	// Before the backlinks: a link through a declared redirect counts.
	diags = append(diags, s.addMoves()...)
	diags = append(diags, s.buildHandbook()...)
	diags = append(diags, s.buildOwners()...)
	diags = append(diags, s.buildReviews()...)
	diags = append(diags, s.checkOrphans()...)
	diags = append(diags, s.resolveTOCs()...)
	s.addListPages()
	diags = append(diags, s.linkLanguages()...)
	s.indexNav()
	// Links are checked once every page is made, the generated lists too.
	diags = append(diags, s.checkLinks()...)
	diags = append(diags, s.checkAliases()...)
	diags = append(diags, s.checkRedirects()...)
	s.setLayouts()
	diags = append(diags, s.checkURLs()...)
	if !slices.ContainsFunc(s.pages, func(p *Page) bool { return p.Input != nil }) {
		why := "no Markdown file that the build reads (.md, .markdown, .mdown, .mkdn or .mkd, or any of them and .erb, and not left out by exclude)"
		if len(inputs) > 0 { // all of them drafts left out
			why = "only drafts (build or check with --drafts to include them)"
		}
		diags.Warn(diag.Pos{File: "."}, "the site has no pages: the content folder holds %s", why)
	}
	return s, diags
}

// newSite returns an empty site with its indexes made.
func newSite(opts Options) *Site {
	return &Site{
		opts:           opts,
		byPath:         map[string]*Page{},
		byStem:         map[string]*Page{},
		byURL:          map[string]*Page{},
		files:          map[string]string{},
		fileURLs:       map[string]string{},
		fileDirs:       map[string]bool{},
		drafts:         map[string]bool{},
		homes:          map[string]*Page{},
		folders:        map[folderKey]*Page{},
		aliasedFolders: map[folderKey]*Page{},
		indexed:        map[folderKey]bool{},
		indexFiles:     map[folderKey]bool{},
	}
}

// sortedByPath returns the inputs sorted by source path, keeping the
// order of equal paths; inputs already sorted are returned as they are.
func sortedByPath(inputs []*PageInput) []*PageInput {
	byPath := func(a, b *PageInput) int { return strings.Compare(a.Doc.Path, b.Doc.Path) }
	if slices.IsSortedFunc(inputs, byPath) {
		return inputs
	}
	return slices.SortedStableFunc(slices.Values(inputs), byPath)
}

// markIndexed records the folders that have a page other than README.md
// (see Site.indexed).
func (s *Site) markIndexed(inputs []*PageInput) {
	for _, in := range inputs {
		switch dir, base, lang, _ := s.splitPath(in.Doc); {
		case base == "_index" || base == "index":
			s.indexed[folderKey{lang, dir}] = true
			s.indexFiles[folderKey{lang, dir}] = true
		case !isReadme(base):
			s.indexed[folderKey{lang, path.Join(dir, base)}] = true
		}
	}
}

// addDraft records the draft in, left out, by the paths and URLs a link
// to it may take (see isDraft): its file, with and without the
// extension, its folder's for an index page, its URL and its aliases,
// without the slashes around them.
func (s *Site) addDraft(in *PageInput) {
	stem := pageStem(in.Doc.Path)
	keys := []string{in.Doc.Path, stem, strings.Trim(s.newPage(in).RelURL, "/")}
	if dir, base := path.Split(stem); base == "_index" || base == "index" || strings.EqualFold(base, "readme") {
		keys = append(keys, path.Clean("./"+dir))
	}
	for _, a := range in.Doc.Meta.Aliases {
		keys = append(keys, strings.Trim(a, "/"))
	}
	for _, k := range keys {
		s.drafts[k] = true
	}
}

// isDraft reports whether the content path or URL p (without the slashes
// around it) names a draft left out: as addDraft records it, or with its
// Markdown extension or Middleman's .html.
func (s *Site) isDraft(p string) bool {
	if source.IsMarkdown(p) {
		return s.drafts[p] || s.drafts[pageStem(p)]
	}
	return s.drafts[p] || s.drafts[htmlStem(p)]
}

// addPages makes a page of each input that is not a draft left out,
// and reports a page whose URL an earlier one took.
func (s *Site) addPages(inputs []*PageInput) diag.List {
	var diags diag.List
	for _, in := range inputs {
		if in.Doc.Meta.Draft && !s.opts.Drafts {
			s.addDraft(in)
			continue
		}
		if searchPage(in) {
			diags.Warn(keyPos(in.Doc, "layout"), "a theme's search page (layout: search, as Docsy's): playbook's search is in the header of every page, so this one is left out")
			continue
		}
		p := s.newPage(in)
		if p.slugIgnored {
			diags.Warn(keyPos(in.Doc, "slug"), "slug is not applied to _index.md, as in Hugo: its URL is the folder's, %s, which its pages' URLs start with; rename the folder to change it", p.URL)
		}
		if prev, ok := s.byURL[p.RelURL]; ok {
			fix := "rename one or set a different slug"
			if s.namedByID(p) {
				fix = "change one's id or set a slug" // the id names the page (Docusaurus)
			}
			diags.Add(slugPos(p), "%s and %s both make the page %s; %s", prev.Path, p.Path, p.URL, fix)
			continue
		}
		s.byURL[p.RelURL] = p
		s.addPath(p)
		s.pages = append(s.pages, p)
		if p.Kind != KindPage {
			s.folders[folderKey{p.Lang, p.Dir}] = p
		}
	}
	return diags
}

// searchPage reports whether in is a theme's search page, as a Docsy
// site's content/en/search.md: layout: search, and no text of its own.
func searchPage(in *PageInput) bool {
	l, _ := in.Doc.Front["layout"].(string)
	return l == "search" && len(bytes.TrimSpace(in.Doc.Body)) == 0
}

// addSections generates section pages for folders that hold pages but
// have no _index.md, so that every breadcrumb leads somewhere. A folder
// whose URL a page's alias names gets none: the alias leads there, to
// the page it was written for, and the folder's pages go under the
// folder above, as in Hugo, where a folder without _index.md below the
// top is no section. The home page and roles/, the list of roles, are
// made all the same.
func (s *Site) addSections() {
	lost := map[folderKey]bool{}
	// URLs are compared without case, as checkURLs does.
	aliasAt := map[string]*Page{}
	for _, rel := range slices.Sorted(maps.Keys(s.aliases)) {
		if k := strings.ToLower(rel); aliasAt[k] == nil {
			aliasAt[k] = s.aliases[rel]
		}
	}
	for _, p := range slices.Clone(s.pages) {
		for dir := parentDir(p); ; dir = path.Dir(dir) {
			k := folderKey{p.Lang, dir}
			if f := s.folders[k]; f != nil && !p.onlyRedirects() {
				f.redirectFolder = false
			}
			if s.folders[k] == nil && !lost[k] {
				g := s.generatedSection(dir, p.Lang)
				g.cause, g.redirectFolder = p.Path, p.onlyRedirects()
				if a := aliasAt[strings.ToLower(g.RelURL)]; a != nil && dir != "." && dir != "roles" {
					lost[k] = true
					s.aliasedFolders[k] = a
				} else if page, taken := s.byURL[g.RelURL]; !taken {
					s.addGenerated(k, g)
				} else if page.Dir == path.Dir(dir) && page.Kind == KindPage {
					// guide.md beside guide/ is that folder's page, as
					// GitBook, wp-cli and other handbooks write it.
					s.folders[k] = page
				} else {
					lost[k] = true
					s.lost = append(s.lost, g)
				}
			}
			if dir == "." {
				break
			}
		}
	}
}

// placeCategories gives each folder's page the position its category file
// gives the folder, and each page and folder the place its folder's .pages
// gives it, unless the page has an order of its own.
func (s *Site) placeCategories() {
	if len(s.opts.Categories) == 0 {
		return
	}
	for k, p := range s.folders {
		if c, ok := s.opts.Categories[k.dir]; ok && c.HasPosition && p.Weight == 0 && !p.zeroOrder {
			p.Weight, p.zeroOrder = c.Position, c.Position == 0
		}
	}
	// Then the order a .pages file gives its folder's pages and folders:
	// each takes its place in the list, the others that of "...", or,
	// when the list has no "...", they are left out of the navigation, as
	// awesome-pages leaves them (still published). A page is found by its
	// name without its language, so that its translations take its place.
	places := map[string]map[string]int{} // by folder, see orderPlaces
	for _, p := range s.pages {
		if p.Kind == KindHome {
			continue
		}
		dir := parentDir(p)
		c := s.opts.Categories[dir]
		if c.Order == nil {
			continue
		}
		if places[dir] == nil {
			places[dir] = s.orderPlaces(c.Order)
		}
		key := path.Base(p.Dir)
		if p.Kind == KindPage {
			stem, _ := s.splitLang(path.Base(p.Path))
			key = "\x00" + stem
		}
		i, ok := places[dir][key]
		if !ok {
			i, ok = places[dir]["..."]
			if !ok {
				i, p.Hidden = len(c.Order), true
			}
		}
		if p.Weight == 0 && !p.zeroOrder {
			p.Weight, p.zeroOrder = float64(i), i == 0
		}
	}
}

// setNavTitles sets each page's NavTitle.
func (s *Site) setNavTitles() {
	for _, p := range s.pages {
		for _, key := range []string{"linkTitle", "sidebar_label"} {
			switch t := p.Param(key).(type) {
			case string:
				p.NavTitle = strings.TrimSpace(t)
			case int, int64, uint64, float64:
				p.NavTitle = fmt.Sprint(t) // linkTitle: 2024
			}
			if p.NavTitle != "" {
				break
			}
		}
		if p.NavTitle == "" && p.Kind == KindSection && !p.Generated {
			if c := s.opts.Categories[p.Dir]; c.PagesTitle != "" && c.PagesTitle != p.Title {
				p.NavTitle = c.PagesTitle
			}
		}
	}
}

// orderPlaces maps each entry of a .pages order to its place, the first
// where it repeats: a folder by its name, a page by its name without
// language or extension after a NUL byte.
func (s *Site) orderPlaces(order []string) map[string]int {
	places := make(map[string]int, len(order))
	for i, e := range order {
		if source.IsMarkdown(e) {
			stem, _ := s.splitLang(e)
			e = "\x00" + stem
		}
		if _, seen := places[e]; !seen {
			places[e] = i
		}
	}
	return places
}

// addGenerated adds a generated page as the page of folder k.
func (s *Site) addGenerated(k folderKey, g *Page) {
	s.folders[k] = g
	s.byURL[g.RelURL] = g
	s.pages = append(s.pages, g)
}

// addHomes records each language's home page, generating the default
// language's when its content has none.
func (s *Site) addHomes() {
	for _, l := range s.opts.Languages {
		k := folderKey{l, "."}
		if _, ok := s.folders[k]; !ok && l == s.opts.Languages[0] {
			s.addGenerated(k, s.generatedSection(".", l))
		}
		s.homes[l] = s.folders[k]
	}
}

// linkTree makes each page's parent the page of the nearest folder
// above it, sorts children by weight and the pages by URL. A section
// without children becomes a page.
func (s *Site) linkTree() {
	for _, p := range s.pages {
		if p.Kind == KindHome {
			continue
		}
		for dir := parentDir(p); ; dir = path.Dir(dir) {
			if parent, ok := s.folders[folderKey{p.Lang, dir}]; ok && parent != p {
				p.Parent = parent
				if !p.onlyRedirects() && !p.redirectFolder {
					parent.Children = append(parent.Children, p)
				}
				break
			}
			if dir == "." {
				break
			}
		}
	}
	for _, p := range s.pages {
		slices.SortFunc(p.Children, s.byPlace)
		if p.Kind == KindSection && len(p.Children) == 0 && !p.Generated {
			p.Kind = KindPage
		}
	}
	slices.SortFunc(s.pages, func(a, b *Page) int { return cmp.Compare(a.RelURL, b.RelURL) })
}

// linkReadingOrder sets each page's Prev and Next: depth first through
// the tree, per language.
func (s *Site) linkReadingOrder() {
	for _, l := range s.opts.Languages {
		var prev *Page
		var walk func(p *Page)
		walk = func(p *Page) {
			if prev != nil {
				prev.Next, p.Prev = p, prev
			}
			prev = p
			for _, c := range p.Children {
				walk(c)
			}
		}
		if h := s.homes[l]; h != nil {
			walk(h)
		}
	}
}

// setLayouts gives each page without a layout of its own the one its
// kind, team or role calls for.
func (s *Site) setLayouts() {
	for _, p := range s.pages {
		switch {
		case p.Layout != "":
		case p.team != nil:
			p.Layout = "team"
		case p.role != nil:
			p.Layout = "role"
		case p.Kind == KindSection && p.Dir == "roles":
			p.Layout = "roles"
		default:
			p.Layout = string(p.Kind)
		}
	}
}

// byWeight orders pages as Hugo does, but for its dates: by weight, then
// by the name the navigation shows (linkTitle, else the title), then by
// URL. (Hugo orders pages of equal weight by date, newest first, before
// the name; playbook reads no dates.)
func byWeight(a, b *Page) int {
	return cmp.Or(cmp.Compare(place(a), place(b)), compareFold(cmp.Or(a.NavTitle, a.Title), cmp.Or(b.NavTitle, b.Title)), cmp.Compare(a.RelURL, b.RelURL))
}

// place is a page's weight as ordering reads it: pages without a weight
// come after weighted ones, as in Hugo; an order key's 0 is a place.
func place(p *Page) float64 {
	if p.Weight == 0 && !p.zeroOrder {
		return math.Inf(1)
	}
	return p.Weight
}

// byPlace orders the children of a page: byWeight, or on an MkDocs site
// (Options.MkDocsOrder) by weight (an awesome-pages order is one), then
// pages before folders, each by file name, as MkDocs lists a folder that
// no nav orders (index.md and README.md are the folder's own page).
func (s *Site) byPlace(a, b *Page) int {
	if !s.opts.MkDocsOrder {
		return byWeight(a, b)
	}
	return cmp.Or(cmp.Compare(place(a), place(b)), cmp.Compare(s.fileName(a), s.fileName(b)), cmp.Compare(a.RelURL, b.RelURL))
}

// fileName is how MkDocs orders a folder's entries: its pages before its
// folders, each by name (Python's order of strings, by code point). A
// folder is known by its page, whatever its kind: a folder holding only
// its index.md is a page to the navigation, and is made one while
// siblings are sorted.
func (s *Site) fileName(p *Page) string {
	if p.Input == nil || s.folders[folderKey{p.Lang, p.Dir}] == p {
		return "1" + path.Base(p.Dir)
	}
	return "0" + path.Base(p.Path)
}

// parentDir is the folder whose page is p's parent: for a section, the
// folder above its own; for a page, its folder.
func parentDir(p *Page) string {
	if p.Kind == KindPage {
		return p.Dir
	}
	return path.Dir(p.Dir)
}

// splitLang splits "index.sv.md" into "index" and "sv" when sv is one of
// the site's languages; otherwise the language is the default. The
// ".html" of Middleman's "setup.html.md" is left out too: its page is
// setup, as Middleman publishes it at setup.html.
func (s *Site) splitLang(name string) (string, string) {
	base := pageStem(name)
	if i := strings.LastIndexByte(base, '.'); i > 0 {
		if l := base[i+1:]; slices.Contains(s.opts.Languages[1:], l) || l == s.opts.Languages[0] {
			return htmlStem(base[:i]), l
		}
	}
	return base, s.opts.Languages[0]
}

// splitPath returns a page's folder, its file name without the language
// and extension, and its language; stray is a front matter lang that is
// none of the site's languages, which the file name's language stands in
// for.
func (s *Site) splitPath(doc *source.Doc) (dir, base, lang, stray string) {
	dir, base, lang = s.splitFile(doc.Path)
	if l := s.siteLang(doc.Meta.Lang); l != "" {
		lang = l
	} else {
		stray = doc.Meta.Lang
	}
	return dir, base, lang, stray
}

// splitFile splits the path of a content file into its folder, its name
// without language and extension, and its language: that of its name, or
// of the language folder it is in (langFolder), which is then left out of
// the folder.
func (s *Site) splitFile(p string) (dir, base, lang string) {
	dir, name := path.Split(p)
	dir = path.Clean(dir)
	base, lang = s.splitLang(name)
	if fl, rest := s.langFolder(dir); fl != "" {
		dir = rest
		if lang == s.opts.Languages[0] {
			lang = fl // the file's name has no language
		}
	}
	return dir, base, lang
}

// langFolder splits a folder under a top-level folder named for one of
// the site's further languages (de/guides for [languages.de]), as Hugo,
// Jekyll and Docusaurus sites keep a language's pages, into that language
// and the folder below it ("guides", or "." for de itself); else "" and
// dir. Pages there are that language's, at the URLs and translating the
// pages the same path below the content root has, unless their file name
// or front matter names another.
func (s *Site) langFolder(dir string) (lang, rest string) {
	first, rest, _ := strings.Cut(dir, "/")
	for _, l := range s.opts.Languages[1:] {
		if l == first {
			return l, cmp.Or(rest, ".")
		}
	}
	return "", dir
}

// siteLang returns the site's language that a front matter's lang names:
// the same code in any case, or the language of a regional code ("en"
// for "en-US") when the site has no such region; "" when it names none
// (checkFileLanguages warns of that).
func (s *Site) siteLang(code string) string {
	if code == "" {
		return ""
	}
	base, _, _ := strings.Cut(strings.ReplaceAll(code, "_", "-"), "-")
	for _, c := range []string{code, base} {
		if i := slices.IndexFunc(s.opts.Languages, func(l string) bool { return strings.EqualFold(l, c) }); i >= 0 {
			return s.opts.Languages[i]
		}
	}
	return ""
}

// isReadme reports whether a file name without its extension is README,
// in any case.
func isReadme(base string) bool { return strings.EqualFold(base, "readme") }

func (s *Site) newPage(in *PageInput) *Page {
	doc := in.Doc
	dir, base, lang, stray := s.splitPath(doc)
	p := &Page{
		Path: doc.Path, Lang: lang, Input: in, strayLang: stray,
		Description: cmp.Or(in.Description, doc.Meta.Description), Weight: doc.Meta.Weight,
		zeroOrder: doc.Meta.ZeroOrder,
		Tags:      distinctTags(doc.Meta.Tags), Aliases: doc.Meta.Aliases, Params: doc.Front,
		RedirectTo: doc.Meta.RedirectTo,
	}
	var segs []string
	// README.md is its folder's page, as on GitHub and GitBook, unless
	// the folder has another (see Site.indexed).
	if isReadme(base) && !s.indexed[folderKey{lang, dir}] {
		base, p.readme = "index", true
	}
	switch base {
	case "_index", "index":
		p.Kind, p.Dir = KindSection, dir
		if dir == "." {
			p.Kind = KindHome
		} else {
			segs = s.slugDir(dir)
			// Hugo reads a slug on index.md (a leaf bundle's page), not
			// on _index.md (see addPages).
			if doc.Meta.Slug != "" && base == "index" {
				if slug := lastSlugSegment(doc.Meta.Slug); slug != "" {
					segs[len(segs)-1] = slugSegment(slug)
				}
			}
			p.slugIgnored = doc.Meta.Slug != "" && base == "_index"
		}
	default:
		p.Kind, p.Dir = KindPage, dir
		segs = append(s.slugDir(dir), slugSegment(cmp.Or(lastSlugSegment(doc.Meta.Slug), s.docID(doc.Front), s.docName(base))))
	}
	p.Title = cmp.Or(strings.TrimSpace(in.Title), strings.TrimSpace(doc.Meta.Title), in.H1)
	if p.Title == "" {
		p.Title, p.untitled = humanize(s.docName(base), s.docDir(dir)), true
		if p.Kind == KindHome && s.opts.SiteTitle != "" {
			p.Title = s.opts.SiteTitle // as the generated home page is titled
		}
	}
	p.RelURL = s.urlFor(lang, segs)
	p.URL = s.opts.BasePath + p.RelURL
	return p
}

func (s *Site) generatedSection(dir, lang string) *Page {
	p := &Page{Dir: dir, Lang: lang, Kind: KindSection, Generated: true, Params: map[string]any{}}
	p.Path = path.Join(dir, "_index.md")
	if dir == "." {
		p.Kind = KindHome
		p.Title = cmp.Or(s.opts.SiteTitle, "Handbook")
	} else {
		p.Title = humanize(s.docName(path.Base(dir)), ".")
		if c := s.opts.Categories[dir]; c.Label != "" {
			p.Title = c.Label
		}
	}
	p.RelURL = s.urlFor(lang, s.slugDir(dir))
	p.URL = s.opts.BasePath + p.RelURL
	return p
}

func (s *Site) urlFor(lang string, segs []string) string {
	if lang != s.opts.Languages[0] {
		segs = append([]string{lang}, segs...)
	}
	if len(segs) == 0 {
		return "/"
	}
	return "/" + strings.Join(segs, "/") + "/"
}

// slugDir returns the URL path segments of a content folder.
func (s *Site) slugDir(dir string) []string {
	if dir == "." || dir == "" {
		return nil
	}
	parts := strings.Split(dir, "/")
	for i, p := range parts {
		parts[i] = slugSegment(s.docName(p))
	}
	return parts
}

// docDir returns dir with the folder's own name as it is published
// (docName), for titles.
func (s *Site) docDir(dir string) string {
	return path.Join(path.Dir(dir), s.docName(path.Base(dir)))
}

// slugSegment makes one URL path segment (see slugs.Segment); a name with
// no letters or digits becomes "page".
// distinctTags drops the tags that repeat an earlier one's URL (content,
// content; Content, content): the page is under that tag once.
func distinctTags(tags []string) []string {
	if len(tags) < 2 {
		return tags
	}
	seen := make(map[string]bool, len(tags))
	out := tags[:0:0]
	for _, t := range tags {
		if slug := slugSegment(t); !seen[slug] {
			seen[slug] = true
			out = append(out, t)
		}
	}
	return out
}

// lastSlugSegment returns the segment a page's slug gives its URL: the
// last of a Docusaurus slug's ("/guides/setup" is setup), as a page's URL
// here follows its folders; "" for a slug without one ("/", which names
// the docs' root in Docusaurus), which leaves the file's name.
func lastSlugSegment(slug string) string {
	slug = strings.Trim(slug, "/")
	if i := strings.LastIndexByte(slug, '/'); i >= 0 {
		slug = slug[i+1:]
	}
	return slug
}

func slugSegment(s string) string {
	return cmp.Or(slugs.Segment(s), "page")
}

// humanize turns a file name into a title: "first-week" → "First week",
// "öppettider" → "Öppettider" (the first letter, not its first byte).
func humanize(base, dir string) string {
	if base == "_index" || base == "index" {
		base = path.Base(dir)
	}
	if base == "." || base == "" {
		return "Home"
	}
	t := strings.Join(strings.Fields(strings.NewReplacer("-", " ", "_", " ").Replace(base)), " ")
	if t == "" {
		return base // "___": nothing but separators
	}
	r, n := utf8.DecodeRuneInString(t)
	return string(unicode.ToUpper(r)) + t[n:]
}

// isIndex reports whether the page is made from its folder's _index.md,
// index.md or README.md.
func (p *Page) isIndex() bool {
	b := p.translationBase()
	return b == "_index" || b == "index" || p.readme
}

func (p *Page) translationBase() string {
	base := pageStem(path.Base(p.Path))
	if i := strings.LastIndexByte(base, '.'); i > 0 && base[i+1:] == p.Lang {
		base = htmlStem(base[:i]) // guide.html.sv.md too
	}
	return base
}

// addDecomposed indexes a path that is not in composed form (NFC), and
// each such folder above it, by that form.
func (s *Site) addDecomposed(p string) { addDecomposed(&s.decomposed, p) }

// addDecomposed indexes p and each folder above it in m by its composed
// form, where p is not written composed.
func addDecomposed(m *map[string]string, p string) {
	if isASCII(p) || norm.NFC.IsNormalString(p) {
		return
	}
	if *m == nil {
		*m = map[string]string{}
	}
	for ; p != "." && !norm.NFC.IsNormalString(p); p = path.Dir(p) {
		c := norm.NFC.String(p)
		if _, taken := (*m)[c]; taken {
			return // and the folders above it
		}
		(*m)[c] = p
	}
}

func isASCII(s string) bool {
	for i := range len(s) {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// placeStatic publishes the static folder's files at the site's root,
// each at its own path, for links to reach them. A content file keeps its
// URL here; checkURLs leaves out those that lose to any other owner of
// their URL, with a warning.
func (s *Site) placeStatic(files []string) {
	for _, f := range files {
		if _, content := s.fileURLs["/"+f]; content {
			s.staticDiags.Warn(diag.Pos{File: path.Join(s.opts.StaticDir, f)}, "not published: the file %s has its URL, /%s", path.Join(s.opts.RootDir, s.fileURLs["/"+f]), f)
			continue
		}
		s.static = append(s.static, f)
		s.fileURLs["/"+f] = ""
		addDecomposed(&s.staticComposed, f)
	}
}

// StaticFiles returns the static folder's files that are published, each
// at its own path from the site's root.
func (s *Site) StaticFiles() []string { return s.static }

// StaticDiags returns the warnings about static files left out, whose
// paths are in the site folder (the model's others are in the content
// folder).
func (s *Site) StaticDiags() diag.List { return s.staticDiags }

// placeFiles gives each content file its URL beside the page of its folder.
func (s *Site) placeFiles(files []string) {
	for _, f := range files {
		dir, name := path.Split(f)
		rel := s.urlFor(s.opts.Languages[0], s.slugDir(path.Clean(dir))) + name
		s.files[f] = rel
		s.fileURLs[rel] = f
		s.addDecomposed(f)
		for d := path.Dir(f); d != "." && !s.fileDirs[d]; d = path.Dir(d) {
			s.fileDirs[d] = true
		}
	}
}

// compareFold compares a and b as cmp.Compare(strings.ToLower(a),
// strings.ToLower(b)) does, without making the lower-case strings: sorting
// the pages of a large site compares their titles a great many times.
func compareFold(a, b string) int {
	for a != "" && b != "" {
		ra, na := utf8.DecodeRuneInString(a)
		rb, nb := utf8.DecodeRuneInString(b)
		if la, lb := unicode.ToLower(ra), unicode.ToLower(rb); la != lb {
			return cmp.Compare(la, lb)
		}
		a, b = a[na:], b[nb:]
	}
	return cmp.Compare(len(a), len(b))
}

// addPath indexes a page by its path, and by its path without the
// extension: also without the ".html" of Middleman's "setup.html.md".
func (s *Site) addPath(p *Page) {
	s.byPath[p.Path] = p
	s.addDecomposed(p.Path)
	if source.IsMarkdown(p.Path) {
		s.addDecomposed(source.TrimExt(p.Path)) // as links without .md name it
	}
	if source.IsMarkdown(p.Path) {
		stem := source.TrimExt(p.Path)
		s.byStem[stem] = p
		if h := htmlStem(stem); h != stem && s.byStem[h] == nil {
			s.byStem[h] = p
		}
	}
}

// pageStem returns a page's file name or path without its Markdown
// extension and the ".html" of Middleman's names: "setup" for
// "setup.html.md.erb", "guide.sv" for "guide.sv.md".
func pageStem(p string) string { return htmlStem(source.TrimExt(p)) }

// htmlStem returns a Markdown file's name without its extension, given
// without it, with the ".html" of Middleman's "setup.html.md" left out
// too, in any case.
func htmlStem(stem string) string {
	if n := len(stem) - len(".html"); n > 0 && strings.EqualFold(stem[n:], ".html") && stem[n-1] != '/' {
		return stem[:n]
	}
	return stem
}
