package source

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"math"
	"path"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
	"github.com/adrg/frontmatter"
	"github.com/bmatcuk/doublestar/v4"
	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"

	"github.com/playbookhq/playbook/generator/diag"
	"github.com/playbookhq/playbook/generator/internal/work"
	"github.com/playbookhq/playbook/generator/sitefs"
)

// Doc is one Markdown file of the content tree.
type Doc struct {
	// Path is the slash-separated path relative to the content root.
	Path string
	// Src is the whole file as read, without a leading UTF-8 byte order mark.
	Src []byte
	// Front holds every front-matter key as decoded, known or not.
	Front map[string]any
	// KeyLine gives the file line of each top-level front-matter key.
	KeyLine map[string]int
	// Meta holds the typed values of the keys every page understands.
	Meta Meta
	// Body is the Markdown after the front matter, a suffix of Src.
	Body []byte
	// BodyLine is the 1-based file line on which Body starts.
	BodyLine int
}

// BodyOffset returns the byte offset of Body in Src.
func (d *Doc) BodyOffset() int { return len(d.Src) - len(d.Body) }

// KeyPos returns the position of a top-level front-matter key, or of the
// file when the key is not there.
func (d *Doc) KeyPos(key string) diag.Pos {
	if line, ok := d.KeyLine[key]; ok {
		return diag.Pos{File: d.Path, Line: line, Col: 1}
	}
	return diag.Pos{File: d.Path, Line: 1, Col: 1}
}

// Meta holds the front-matter keys every page understands.
type Meta struct {
	Title       string
	Description string
	// Weight orders pages in navigation and lists; it need not be whole.
	Weight float64
	// ZeroOrder is set when the page's weight is 0 from an order key
	// (sidebar_position, nav_order, order), which counts from 0 in
	// Docusaurus, Just the Docs and Eleventy: the page comes first, where
	// weight 0, as in Hugo, is no weight and comes last.
	ZeroOrder bool
	Draft     bool
	Tags      []string
	// Aliases are the paths that redirect to the page: those of
	// "aliases" (Hugo's key), then those of "redirect_from" (Jekyll's).
	// AliasKeys names, for each, the key as written.
	Aliases   []string
	AliasKeys []string
	// RedirectTo is Jekyll's redirect_to: where the page sends its
	// readers, a URL or a link as the page's text would write it. Such a
	// page is published as a redirect alone.
	RedirectTo string
	Slug       string
	Lang       string
}

// CoreKeys lists the front-matter keys decoded into Meta.
var CoreKeys = []string{"title", "description", "weight", "draft", "tags", "aliases", "redirect_from", "redirect_to", "slug", "lang"}

// ForeignKeys are keys other tools write (Adobe Experience League pages
// carry most of these; "featured" is a common key of Hugo and Jekyll
// themes). They are kept as params like any unknown key; listing them
// here only keeps them from being taken for misspelt known keys.
var ForeignKeys = []string{
	"exl-id", "source-git-commit", "workflow-type", "source-wordcount", "ht-degree",
	"feature", "role", "level", "topic", "type", "solution", "user-guide-title",
	"keywords", "hide", "hidefromtoc", "index", "badge", "doc-type", "jcr-language",
	"last-substantial-update", "mini-toc-levels", "recommendations", "thumbnail", "duration", "kt",
	"featured",
}

// Set is the loaded content tree.
type Set struct {
	// Docs are the Markdown files, sorted by path.
	Docs []*Doc
	// Files are the paths of all other files, sorted; they are copied as is.
	Files []string
	// Categories are what Docusaurus category files (_category_.json)
	// say of their folders, keyed by the folder's path; the files are not
	// among Files.
	Categories map[string]Category
}

// Options tune Load.
type Options struct {
	// KnownKeys are front-matter keys understood beyond CoreKeys. An unknown
	// key that is a near miss of a known one draws a warning.
	KnownKeys []string
	// MaxSize is the largest Markdown file accepted, in bytes; 0 means
	// DefaultMaxSize.
	MaxSize int64
	// Exclude leaves the files and folders it matches out of the content.
	Exclude Exclude
}

// Exclude holds patterns of paths to leave out of the content, as
// playbook.toml's exclude gives them (see NewExclude), ready to match.
type Exclude []excludeGlob

// excludeGlob is one exclude pattern as doublestar matches it, or, with
// templates set, the templates of other tools (see IsTemplate).
type excludeGlob struct {
	glob      string
	dirOnly   bool
	templates bool
}

// NewExclude reads exclude patterns: globs with "**" for any number of
// folders, matched against a file's or folder's path relative to the
// content folder. A pattern without a "/" (but a last one) matches a
// name at any depth, one ending in "/" folders only, and a leading "/"
// anchors a pattern to the content folder, as in .gitignore. What is in
// an excluded folder is excluded.
//
// The templates and data files of other tools (IsTemplate) are left out of
// the content too, but for GitBook's uploads (.gitbook/assets); a static
// folder, whose files are published as they are, has no Exclude.
func NewExclude(patterns []string) Exclude {
	e := Exclude{{templates: true}}
	for _, pat := range patterns {
		pat, dirOnly := strings.CutSuffix(pat, "/")
		if anchored, ok := strings.CutPrefix(pat, "/"); ok {
			pat = anchored
		} else if !strings.Contains(pat, "/") {
			pat = "**/" + pat
		}
		e = append(e, excludeGlob{glob: pat, dirOnly: dirOnly})
	}
	return e
}

// Excludes reports whether the file (dir false) or folder at p, a slash
// path relative to the content folder, is matched by a pattern. It does
// not look at the folders above p: Walk does not enter excluded folders,
// and Within checks the path of one file.
func (e Exclude) Excludes(p string, dir bool) bool {
	for _, g := range e {
		if g.templates {
			uploaded := strings.HasPrefix(p, ".gitbook/assets/") || strings.Contains(p, "/.gitbook/assets/")
			if !dir && !uploaded && IsTemplate(path.Base(p)) {
				return true
			}
			continue
		}
		if g.dirOnly && !dir {
			continue
		}
		if ok, _ := doublestar.Match(g.glob, p); ok {
			return true
		}
	}
	return false
}

// ExcludeProblem says what is wrong with an exclude pattern, or returns
// "": a pattern that could never match a path as Walk gives it, or one
// that leaves out every page.
func ExcludeProblem(pat string) string {
	trimmed := strings.Trim(pat, "/")
	switch {
	case trimmed == "":
		return "matches no file or folder"
	case strings.Contains(pat, `\`):
		return `has a backslash; separate folders with "/"`
	case strings.Contains(pat, "//"):
		return `is not a clean path (it has a "" segment): write it from the content folder, as "drafts/"`
	case strings.HasPrefix(pat, "!"):
		return "starts with \"!\", which does not take a file back in: list only what to leave out"
	case !doublestar.ValidatePattern(trimmed):
		return "is not a valid pattern"
	}
	for seg := range strings.SplitSeq(trimmed, "/") {
		if seg == "" || seg == "." || seg == ".." {
			return fmt.Sprintf("is not a clean path (it has a %q segment): write it from the content folder, as \"drafts/\"", seg)
		}
	}
	if e := NewExclude([]string{pat}); e.Excludes("index.md", false) && (e.Excludes("a/b/page.md", false) || e.Excludes("a", true)) {
		return "leaves out every page"
	}
	return ""
}

// Within reports whether p, a file's or folder's path, or a folder above
// it is excluded.
func (e Exclude) Within(p string, dir bool) bool {
	if len(e) == 0 {
		return false
	}
	for i, c := range p {
		if c == '/' && e.Excludes(p[:i], true) {
			return true
		}
	}
	return e.Excludes(p, dir)
}

// DefaultMaxSize is the default limit on the size of a Markdown file.
const DefaultMaxSize = 10 << 20

// Load walks fsys and loads every file in it. Markdown files (.md) are read
// in parallel and split; other files are listed. Problems are collected, not
// returned at the first.
func Load(ctx context.Context, fsys fs.FS, opts Options) (*Set, diag.List) {
	mdPaths, files, diags := Walk(ctx, fsys, ".", opts.Exclude)
	cats, files, d := SplitCategories(ctx, fsys, files)
	diags = append(diags, d...)
	set := &Set{Files: files, Categories: cats}
	docs, perDoc := Read(ctx, fsys, mdPaths, opts)
	for _, d := range perDoc {
		diags = append(diags, d...)
	}
	set.Docs = slices.DeleteFunc(docs, func(d *Doc) bool { return d == nil })
	return set, diags
}

// MaxDepth is how many folders deep content may be nested. Every page
// shows the folders above it (breadcrumbs, navigation), so a page nested n
// deep costs n, and n folders of one page each n²: deeper folders are
// skipped.
const MaxDepth = 24

// NestedTooDeep reports whether the path p, of a folder when dir is set, is in
// a folder nested deeper than MaxDepth, or is one: what Walk skips.
func NestedTooDeep(p string, dir bool) bool {
	n := strings.Count(p, "/") // the folders above p
	if dir {
		n++
	}
	return n > MaxDepth
}

// Walk lists the files under root ("." for all of fsys), with paths
// relative to the root of fsys: the Markdown files and the other files,
// each sorted. Ignored names (see Ignored) and what exclude matches are
// left out, and so are symbolic links and folders nested deeper than
// MaxDepth, with a warning. Walk does not check whether root itself is
// ignored or excluded.
func Walk(ctx context.Context, fsys fs.FS, root string, exclude Exclude) (mdPaths, files []string, diags diag.List) {
	var gitbooks []string // .gitbook folders, whose assets are listed after
	walk := func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			diags.Add(diag.Pos{File: p}, "cannot read: %v", unwrapPath(err))
			return nil
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		name := d.Name()
		if sitefs.AwesomePagesAt(p) && d.Type().IsRegular() && !exclude.Excludes(p, false) {
			files = append(files, p) // read by SplitCategories, not published
			return nil
		}
		if p != root && (Ignored(name, d.IsDir()) || exclude.Excludes(p, d.IsDir())) {
			if d.IsDir() {
				if name == ".gitbook" {
					gitbooks = append(gitbooks, p)
				}
				return fs.SkipDir
			}
			return nil
		}
		switch {
		case d.Type()&fs.ModeSymlink != 0:
			diags.SymlinkSkipped(diag.Pos{File: p})
		case d.IsDir() && p != "." && NestedTooDeep(p, true):
			diags.Warn(diag.Pos{File: p}, "folder skipped: nested more than %d folders deep", MaxDepth)
			return fs.SkipDir
		case d.IsDir():
		case !d.Type().IsRegular():
			// A named pipe would block the build, a device never end.
			diags.Warn(diag.Pos{File: p}, "skipped: %s, not a regular file", sitefs.Kind(d.Type()))
		case IsMarkdown(name):
			mdPaths = append(mdPaths, p)
		default:
			files = append(files, p)
		}
		return nil
	}
	err := fs.WalkDir(fsys, root, walk)
	// GitBook's uploads are the one hidden folder listed (see
	// sitefs.GitBookAssets), when it is a folder, not a link.
	for _, g := range gitbooks {
		assets := g + "/assets"
		if info, lerr := fs.Lstat(fsys, assets); err == nil && lerr == nil && info.IsDir() && !exclude.Excludes(assets, true) {
			err = fs.WalkDir(fsys, assets, walk)
		}
	}
	if err != nil {
		diags.Add(diag.Pos{File: root}, "cannot walk content: %v", err)
	}
	if len(gitbooks) > 0 {
		slices.Sort(mdPaths)
		slices.Sort(files)
	}
	return mdPaths, files, diags
}

// MarkdownExts are the file name extensions of Markdown pages, in the
// order a link without one tries them ("guide" finds guide.md first):
// those MkDocs reads, which include Jekyll's ".markdown" and all of Hugo's,
// and Docusaurus's and Next.js's ".mdx", read as Markdown (see
// markdown.Doc.dropImports).
var MarkdownExts = []string{".md", ".markdown", ".mdown", ".mkdn", ".mkd", ".mdx"}

// IsMarkdown reports whether the file name or path p names a Markdown page
// by its extension, in any case.
func IsMarkdown(p string) bool { return MarkdownExt(p) != "" }

// MarkdownExt returns the extension that makes p a Markdown page, as
// written, or "" when p is none: one of MarkdownExts, or one of them and
// ".erb", as Middleman and the GOV.UK Tech Docs Template name pages
// (setup.html.md.erb), whose Markdown is read as it is.
func MarkdownExt(p string) string {
	ext := path.Ext(p)
	all := ext
	if strings.EqualFold(ext, ".erb") {
		ext = path.Ext(strings.TrimSuffix(p, ext))
		all = ext + all
	}
	if ext != "" && slices.ContainsFunc(MarkdownExts, func(e string) bool { return strings.EqualFold(ext, e) }) {
		return all
	}
	return ""
}

// TrimExt returns p without its extension: the Markdown extension of a
// page (MarkdownExt), else the last one.
func TrimExt(p string) string {
	if ext := MarkdownExt(p); ext != "" {
		return p[:len(p)-len(ext)]
	}
	return strings.TrimSuffix(p, path.Ext(p))
}

// IgnoredPath reports whether the file (dir false) or folder (dir true) at
// p, a slash-separated path in the content, is left out by its name or a
// folder's on its path (see Ignored). The files in GitBook's .gitbook/assets
// are not (see sitefs.GitBookAssets), nor a folder's .pages
// (sitefs.AwesomePages).
func IgnoredPath(p string, dir bool) bool {
	if sitefs.AwesomePagesAt(p) && !dir {
		p = path.Dir(p) // read, if its folder is
		dir = true
		if p == "." {
			return false
		}
	}
	for p != "" {
		seg, rest, more := strings.Cut(p, "/")
		if !sitefs.GitBookAssetsAt(seg, rest) && Ignored(seg, dir || more) {
			return true
		}
		p = rest
	}
	return false
}

// Read reads and parses the Markdown files at paths, in parallel. docs[i]
// is nil when paths[i] cannot be used, and diags[i] holds its problems.
func Read(ctx context.Context, fsys fs.FS, paths []string, opts Options) (docs []*Doc, diags []diag.List) {
	known := append(slices.Concat(CoreKeys, ForeignKeys), opts.KnownKeys...)
	docs = make([]*Doc, len(paths))
	diags = make([]diag.List, len(paths))
	limit := cmp.Or(opts.MaxSize, DefaultMaxSize)
	work.EachOn(ctx, len(paths), runtime.GOMAXPROCS(0)*2, func(i int) {
		src, err := sitefs.ReadFile(fsys, paths[i], limit)
		if err != nil {
			diags[i] = readError(paths[i], err)
			return
		}
		docs[i], diags[i] = Parse(paths[i], src, known)
	})
	return docs, diags
}

// Ignored reports whether a file (dir false) or folder (dir true) of that
// name is left out of the content: hidden files, and the backups and
// temporary files of editors and tools (sitefs.EditorFile), which the
// preview does not watch either. Folders starting with "_" (such as
// _includes) are left out too: they hold text for other pages; and so are
// Markdown files starting with "_" (see IsPartial), and node_modules
// folders, the dependencies of JavaScript tools, as Jekyll leaves them out.
func Ignored(name string, dir bool) bool {
	return strings.HasPrefix(name, ".") || strings.HasSuffix(name, "~") || strings.HasPrefix(name, "#") ||
		!dir && sitefs.EditorFile(name) || dir && (strings.HasPrefix(name, "_") || name == NodeModules) || !dir && IsPartial(name)
}

// templateExts are the endings of the files that Middleman and Eleventy
// run to make a page or a file (apps.json.erb makes /apps.json, feed.xml.builder
// the feed) or read as data (guide.11tydata.js), which neither publishes.
var templateExts = []string{".erb", ".haml", ".slim", ".builder", ".njk", ".liquid",
	".11ty.js", ".11ty.cjs", ".11ty.mjs", ".11tydata.js", ".11tydata.cjs", ".11tydata.mjs", ".11tydata.json"}

// IsTemplate reports whether a file name is that of another tool's
// template or data file (templateExts), other than a Markdown page
// (setup.html.md.erb, which GOV.UK Tech Docs sites are made of): playbook
// runs none of them, and publishing one would publish its source.
func IsTemplate(name string) bool {
	lower := strings.ToLower(name)
	return slices.ContainsFunc(templateExts, func(ext string) bool { return strings.HasSuffix(lower, ext) }) && !IsMarkdown(name)
}

// NodeModules is the name of the folders that hold JavaScript tools'
// dependencies, which Ignored leaves out.
const NodeModules = "node_modules"

// IsPartial reports whether a file name is that of a partial: a Markdown
// file whose name starts with "_", other than a folder's _index.md (in
// any language), which holds text for other pages to include. Jekyll,
// Docusaurus and Middleman publish no page of one, nor GitHub's wiki of
// its _Sidebar.md.
func IsPartial(name string) bool {
	if !strings.HasPrefix(name, "_") || !IsMarkdown(name) {
		return false
	}
	base := TrimExt(name)
	return base != "_index" && !strings.HasPrefix(base, "_index.")
}

// readError reports why a Markdown file could not be read. A file that
// is no regular file, or a link out of the site, is skipped with a
// warning: the listing found a regular file, so it was replaced since.
func readError(p string, err error) diag.List {
	var diags diag.List
	var le *sitefs.LimitError
	switch {
	case errors.As(err, &le):
		diags.Add(diag.Pos{File: p, Line: 1, Col: 1}, "%v for a page (maxPageSize in playbook.toml)", le)
	case errors.Is(err, sitefs.ErrNotRegular), errors.Is(err, sitefs.ErrOutside):
		diags.Warn(diag.Pos{File: p}, "skipped: %v", unwrapPath(err))
	default:
		diags.Add(diag.Pos{File: p}, "cannot read: %v", unwrapPath(err))
	}
	return diags
}

func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

var bom = []byte("\xEF\xBB\xBF")

// Parse splits one Markdown file into front matter and body and decodes the
// front matter. It never panics; a file it cannot use yields a nil Doc only
// when the file is not text at all.
func Parse(p string, src []byte, knownKeys []string) (*Doc, diag.List) {
	var diags diag.List
	src = diag.LineEnds(bytes.TrimPrefix(src, bom))
	if i := bytes.IndexByte(src, 0); i >= 0 {
		line, col := diag.LineCol(src, i)
		diags.Add(diag.Pos{File: p, Line: line, Col: col}, "binary file: NUL byte found; a .md file must be text")
		return nil, diags
	}
	if !utf8.Valid(src) {
		// An error by default; a site that makes kind "encoding" a
		// warning gets the page with each run of such bytes shown as
		// U+FFFD. Lines keep their numbers.
		off := firstInvalidUTF8(src)
		line, col := diag.LineCol(src, off)
		diags.AddKind("encoding", diag.Error, diag.Pos{File: p, Line: line, Col: col}, "invalid UTF-8 (byte 0x%02x); save the file as UTF-8", src[off])
		src = bytes.ToValidUTF8(src, []byte("\uFFFD"))
	}
	doc := &Doc{Path: p, Src: src, Front: map[string]any{}, KeyLine: map[string]int{}}
	doc.Body, doc.BodyLine = src, 1

	delim, delimLine := openingDelimiter(src)
	if delim == "" {
		return doc, diags
	}
	f := &frontBlock{p: p, line: delimLine, in: &stopReader{src: src}, keyLines: doc.KeyLine}
	rest, err := frontmatter.Parse(f.in, &f.raw, f.formats()...)
	if err != nil {
		diags.Add(diag.Pos{File: p, Line: delimLine, Col: 1}, "front matter: %v", err)
		return doc, diags
	}
	if !f.in.stop {
		closing := delim
		if strings.HasPrefix(delim, "---") {
			closing = "---" // Eleventy's ---json and ---js too
		}
		diags.Add(diag.Pos{File: p, Line: delimLine, Col: 1}, "front matter opened with %q is never closed; add a line %q after it", delim, closing)
		doc.Body = src[len(src):]
		doc.BodyLine = bytes.Count(src, []byte("\n")) + 1
		return doc, diags
	}
	// The body starts where the front matter ends: rest is what the
	// parser read past that point.
	end := f.in.off - len(rest)
	doc.Body = src[end:]
	doc.BodyLine = 1 + bytes.Count(src[:end], []byte("\n"))
	doc.KeyLine = f.keyLines
	if f.refused != nil {
		return doc, append(diags, *f.refused)
	}
	if f.unmarshalErr != nil {
		diags = append(diags, frontMatterError(p, delimLine, delim, f.block, f.unmarshalErr))
		return doc, diags
	}
	if f.dupErr != nil {
		diags = append(diags, duplicateKeys(p, delimLine, f.block, f.dupErr)...)
	}
	if f.raw != nil {
		doc.Front = f.raw
	}
	doc.Meta, diags = decodeMeta(doc, knownKeys, diags)
	return doc, diags
}

// frontBlock is what decoding the front matter block of the file p, opened
// on line line, gave.
type frontBlock struct {
	p    string
	line int
	in   *stopReader
	raw  map[string]any
	// block is the block's text, keyLines the line of each top-level key.
	block    []byte
	keyLines map[string]int
	// refused is set for front matter too deep or too large to decode,
	// or not decoded at all (Eleventy's JavaScript).
	refused              *diag.Diagnostic
	unmarshalErr, dupErr error
}

// formats are the front matter formats the file is read with, each of
// which decodes into f.
func (f *frontBlock) formats() []*frontmatter.Format {
	formats := []*frontmatter.Format{
		frontmatter.NewFormat("---", "---", func(data []byte, v any) error {
			f.in.stop, f.block = true, data
			f.keyLines = keyLines(data, f.line, ':')
			f.refused, f.unmarshalErr, f.dupErr = decodeFront(f.p, f.line, data, false, &f.raw)
			return nil
		}),
		frontmatter.NewFormat("+++", "+++", func(data []byte, v any) error {
			f.in.stop, f.block = true, data
			f.keyLines = keyLines(data, f.line, '=')
			f.refused, f.unmarshalErr, _ = decodeFront(f.p, f.line, data, true, &f.raw)
			return nil
		}),
		// Eleventy's JSON front matter, which YAML reads, being JSON.
		frontmatter.NewFormat("---json", "---", func(data []byte, v any) error {
			f.in.stop, f.block = true, data
			f.keyLines = jsonKeyLines(data, f.line)
			f.refused, f.unmarshalErr, f.dupErr = decodeFront(f.p, f.line, data, false, &f.raw)
			return nil
		}),
	}
	// Eleventy's JavaScript front matter, which playbook does not run:
	// the block is passed over, not shown.
	for _, js := range jsFront {
		formats = append(formats, frontmatter.NewFormat(js, "---", func(data []byte, v any) error {
			f.in.stop = true
			f.refused = &diag.Diagnostic{Pos: diag.Pos{File: f.p, Line: f.line, Col: 1}, Severity: diag.Warning, Kind: "front-matter",
				Msg: fmt.Sprintf("JavaScript front matter (Eleventy's %s) is not run, so the page has none of its keys", js)}
			return nil
		}))
	}
	return formats
}

// jsonKeyLines finds the file line of each key of a JSON front-matter
// block, as keyLines does for YAML: the first line that starts with it,
// quoted, and a colon.
func jsonKeyLines(block []byte, delimLine int) map[string]int {
	lines := map[string]int{}
	for i, l := range bytes.Split(block, []byte("\n")) {
		l = bytes.TrimLeft(l, " \t{,")
		if len(l) == 0 || l[0] != '"' {
			continue
		}
		if j := bytes.IndexByte(l[1:], '"'); j >= 0 && bytes.HasPrefix(bytes.TrimLeft(l[2+j:], " \t"), []byte(":")) {
			if k := string(l[1 : 1+j]); lines[k] == 0 {
				lines[k] = delimLine + 1 + i
			}
		}
	}
	return lines
}

// decodeFront decodes a front matter block, YAML or (isTOML) TOML, into raw.
// A block that nests deeper than MaxNesting or is over MaxFrontMatter is
// not decoded: refused says so, at its place in the file p, whose front
// matter opens on line delimLine. YAML that sets a key twice is decoded
// with the last value, as Jekyll and MkDocs read it, and dup is the
// error a strict decoder gives (see duplicateKeys).
func decodeFront(p string, delimLine int, data []byte, isTOML bool, raw *map[string]any) (refused *diag.Diagnostic, err, dup error) {
	if d := NestingError(p, delimLine+1, data, isTOML, "front matter "); d != nil {
		return d, nil, nil
	}
	if len(data) > MaxFrontMatter {
		return &diag.Diagnostic{Pos: diag.Pos{File: p, Line: delimLine, Col: 1}, Severity: diag.Error,
			Msg: fmt.Sprintf("front matter is %s, over the %s limit; playbook reads none of it (keep data in the page's text or a file beside it)", sitefs.Size(int64(len(data))), sitefs.Size(MaxFrontMatter))}, nil, nil
	}
	if isTOML {
		return nil, toml.Unmarshal(data, raw), nil
	}
	// YAML's aliases (*a) share what their anchor (&a) holds: a few lines
	// can stand for more than any front matter holds written out, which
	// decoding or walking the values would spend. Without a "*" there is
	// no alias.
	if bytes.IndexByte(data, '*') >= 0 && expandedSize(data, MaxExpanded) > MaxExpanded {
		return &diag.Diagnostic{Pos: diag.Pos{File: p, Line: delimLine, Col: 1}, Severity: diag.Error,
			Msg: fmt.Sprintf("front matter is over %s once its YAML aliases (*name) are expanded; playbook reads none of it", sitefs.Size(MaxExpanded))}, nil, nil
	}
	err = yaml.Unmarshal(data, raw)
	if err != nil && dupRE.MatchString(err.Error()) {
		*raw = nil
		return nil, yaml.UnmarshalWithOptions(data, raw, yaml.AllowDuplicateMapKey()), err
	}
	return nil, err, nil
}

// duplicateKeyMsg is the warning at a key set again.
const duplicateKeyMsg = "key %q is already set on line %d; the last value is used, as Jekyll and MkDocs read front matter: keep one of them"

// duplicateKeys warns about each key that a mapping of the YAML front
// matter block sets again, at the repeat, naming the line that set it
// first. It is called only when a strict decode found a key set twice
// (dup), and parses the block again, into go-yaml's syntax tree, so that
// every mapping's repeats are found, nested ones and those of flow
// mappings too; should the tree show none, it warns at the key dup names.
func duplicateKeys(p string, delimLine int, block []byte, dup error) diag.List {
	var out diag.List
	if f, err := parser.ParseBytes(block, 0, parser.AllowDuplicateMapKey()); err == nil {
		for _, n := range ast.FilterFile(ast.MappingType, f) {
			first := map[string]int{}
			for _, v := range n.(*ast.MappingNode).Values {
				if v.Key.IsMergeKey() {
					continue
				}
				tk := v.Key.GetToken()
				if line, again := first[tk.Value]; again {
					out.AddKind("duplicate-key", diag.Warning, diag.Pos{File: p, Line: delimLine + tk.Position.Line, Col: tk.Position.Column}, duplicateKeyMsg, tk.Value, line)
				} else {
					first[tk.Value] = delimLine + tk.Position.Line
				}
			}
		}
	}
	if len(out) > 0 {
		out.Sort()
		return out
	}
	// decodeFront returns dup only when dupRE matches it.
	m := dupRE.FindStringSubmatch(dup.Error())
	f := explainYAML(block, dup, delimLine+1)
	first, _ := strconv.Atoi(m[2])
	out.AddKind("duplicate-key", diag.Warning, diag.Pos{File: p, Line: delimLine + f.line, Col: f.col}, duplicateKeyMsg, m[1], delimLine+first)
	return out
}

// MaxExpanded bounds the size of front matter with its YAML aliases
// expanded (see expandedSize): twice what MaxFrontMatter lets be written
// out, which has at most one value or key per byte and its scalars'
// bytes.
const MaxExpanded = 2 * MaxFrontMatter

// stopReader hands a file to frontmatter.Parse a line at a time and
// reports the end of the file as soon as the front matter has been
// decoded. The parser copies everything it reads, the rest of the file
// included, to return it; the body is a slice of src all the same, so
// that copy is left out.
type stopReader struct {
	src  []byte
	off  int  // bytes handed out so far
	stop bool // set once the front matter has been decoded
}

func (r *stopReader) Read(b []byte) (int, error) {
	if r.stop || r.off == len(r.src) {
		return 0, io.EOF
	}
	line := r.src[r.off:]
	if i := bytes.IndexByte(line, '\n'); i >= 0 {
		line = line[:i+1]
	}
	n := copy(b, line)
	r.off += n
	return n, nil
}

func firstInvalidUTF8(b []byte) int {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return 0
}

// jsFront are the delimiters that open Eleventy's JavaScript front matter.
var jsFront = []string{"---js", "---javascript"}

// OpensDashFront reports whether line, without its line end and trailing
// space, opens front matter that a line "---" closes: YAML's "---", and
// Eleventy's "---json", "---js" and "---javascript".
func OpensDashFront(line string) bool {
	return line == "---" || line == "---json" || slices.Contains(jsFront, line)
}

// openingDelimiter returns the front-matter delimiter the file starts with
// (after blank lines, as adrg/frontmatter allows) and its line, or "".
func openingDelimiter(src []byte) (string, int) {
	line := 0
	for len(src) > 0 {
		line++
		l := src
		if i := bytes.IndexByte(src, '\n'); i >= 0 {
			l, src = src[:i], src[i+1:]
		} else {
			src = nil
		}
		switch t := string(bytes.TrimSpace(l)); t {
		case "":
			continue
		case "+++":
			return t, line
		default:
			if OpensDashFront(t) {
				return t, line
			}
			return "", 0
		}
	}
	return "", 0
}

// keyLines finds the file line of each top-level key in a front-matter
// block whose first line is the line after delimLine (a key set twice is
// read with its last value, see decodeFront, and has that line).
func keyLines(block []byte, delimLine int, sep byte) map[string]int {
	lines := map[string]int{}
	for i, l := range bytes.Split(block, []byte("\n")) {
		if sep == '=' && len(l) > 0 && l[0] == '[' {
			break // a TOML table: the keys after it are its own
		}
		if len(l) == 0 || l[0] == ' ' || l[0] == '\t' || l[0] == '#' || l[0] == '-' || l[0] == '[' {
			continue
		}
		if j := bytes.IndexByte(l, sep); j > 0 {
			lines[strings.Trim(strings.TrimSpace(string(l[:j])), `"'`)] = delimLine + 1 + i
		}
	}
	return lines
}

// frontMatterError converts a YAML or TOML error to a diagnostic at its line
// in the file; the decoders count lines from the start of the block. A YAML
// error is placed at the mistake behind it (see explainYAML).
func frontMatterError(p string, delimLine int, delim string, block []byte, err error) diag.Diagnostic {
	pos := diag.Pos{File: p, Line: delimLine, Col: 1}
	msg := err.Error()
	var yerr yaml.Error
	var terr toml.ParseError
	switch {
	case errors.As(err, &yerr):
		f := explainYAML(block, err, delimLine+1)
		pos.Line, pos.Col = delimLine+f.line, f.col
		msg = f.msg
	case errors.As(err, &terr):
		// From the byte offset, as config.Load does.
		line, col := diag.LineCol(block, terr.Position.Start)
		pos.Line, pos.Col = delimLine+line, col
		msg = terr.Message
	}
	kind := "YAML"
	switch delim {
	case "+++":
		kind = "TOML"
	case "---json":
		kind = "JSON"
	}
	// Of the kind front-matter, which a site may lower to a warning: the
	// page is then built without its front matter, as GitHub shows it.
	return diag.Diagnostic{Pos: pos, Severity: diag.Error, Kind: "front-matter", Msg: fmt.Sprintf("invalid %s front matter: %s", kind, msg)}
}

// decodeMeta type-checks the core keys and warns about likely typos.
// Keys are matched case-insensitively, as some corpora capitalise them.
func decodeMeta(doc *Doc, knownKeys []string, diags diag.List) (Meta, diag.List) {
	var m Meta
	var order *float64 // sidebar_position, nav_order or order, for a page without a weight
	for _, key := range slices.Sorted(maps.Keys(doc.Front)) {
		v := doc.Front[key]
		pos := doc.KeyPos(key)
		lk := strings.ToLower(key)
		var err error
		switch lk {
		case "title":
			m.Title, err = asString(v)
		case "description":
			m.Description, err = asString(v)
		case "slug":
			m.Slug, err = asString(v)
		case "lang":
			m.Lang, err = asString(v)
		case "weight":
			m.Weight, err = asNumber(v)
		case "sidebar_position", "nav_order":
			// The order Docusaurus and Jekyll's Just the Docs read.
			var n float64
			if n, err = asNumber(v); err == nil {
				order = &n
			}
		case "order", "eleventynavigation":
			// Eleventy's, top-level or in eleventyNavigation: a site's
			// own order key may be anything else, and is left alone then.
			if nav, ok := v.(map[string]any); ok && lk == "eleventynavigation" {
				v = nav["order"]
			}
			if n, e := asNumber(v); e == nil && v != nil {
				order = &n
			}
			continue
		case "draft":
			m.Draft, err = asBool(v)
		case "tags":
			m.Tags, err = AsStrings(v)
		case "aliases", "redirect_from":
			var as []string
			as, err = AsStrings(v)
			m.Aliases = append(m.Aliases, as...)
			for range as {
				m.AliasKeys = append(m.AliasKeys, key)
			}
		case "redirect_to":
			m.RedirectTo, err = asRedirect(v)
		default:
			if !slices.Contains(knownKeys, lk) && !slices.Contains(ForeignKeys, lk) {
				if s := keyTypo(lk, knownKeys); s != "" {
					diags.AddKind("unknown-key", diag.Warning, pos, "unknown front matter key %q (did you mean %q?)", key, s)
				}
			}
			continue
		}
		if err != nil {
			diags.Add(pos, "front matter %q: %v", key, err)
		}
	}
	if m.Weight == 0 && order != nil {
		m.Weight, m.ZeroOrder = *order, *order == 0
	}
	return m, diags
}

func asString(v any) (string, error) {
	switch v := v.(type) {
	case nil:
		return "", nil
	case string:
		return v, nil
	case int, int64, uint64, float64, bool:
		return fmt.Sprint(v), nil
	}
	return "", fmt.Errorf("want text, got %s", typeName(v))
}

// asRedirect reads redirect_to: one URL or path, as text or, as Jekyll
// also takes it, a list of one.
func asRedirect(v any) (string, error) {
	if l, ok := v.([]any); ok && len(l) == 1 {
		v = l[0]
	}
	if v == nil {
		return "", nil // redirect_to: with no value redirects nowhere
	}
	s, ok := v.(string)
	switch {
	case !ok:
		return "", fmt.Errorf("want one URL or path, got %s", typeName(v))
	case strings.TrimSpace(s) == "":
		return "", errors.New("want a URL or path, got nothing")
	}
	return strings.TrimSpace(s), nil
}

// asNumber reads a number, whole or not (a weight of 40.5 sorts between
// 40 and 41).
func asNumber(v any) (float64, error) {
	var f float64
	switch v := v.(type) {
	case nil:
		return 0, nil
	case int:
		f = float64(v)
	case int64:
		f = float64(v)
	case uint64:
		f = float64(v)
	case float64:
		f = v
	case string:
		var err error
		if f, err = strconv.ParseFloat(strings.TrimSpace(v), 64); err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
			return 0, fmt.Errorf("want a number, got %s", typeName(v))
		}
	default:
		return 0, fmt.Errorf("want a number, got %s", typeName(v))
	}
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, fmt.Errorf("want a number, got %v", v)
	}
	return f, nil
}

func asBool(v any) (bool, error) {
	switch v := v.(type) {
	case nil:
		return false, nil
	case bool:
		return v, nil
	case string:
		switch strings.ToLower(v) {
		case "true", "yes":
			return true, nil
		case "false", "no":
			return false, nil
		}
	}
	return false, fmt.Errorf("want true or false, got %s", typeName(v))
}

// AsStrings reads a list of text values; a single text value is split at
// commas, as some corpora write lists ("Products, Categories").
func AsStrings(v any) ([]string, error) {
	switch v := v.(type) {
	case nil:
		return nil, nil
	case string:
		var out []string
		for _, s := range strings.Split(v, ",") {
			if s = strings.TrimSpace(s); s != "" {
				out = append(out, s)
			}
		}
		return out, nil
	case []any:
		out := make([]string, 0, len(v))
		for _, e := range v {
			s, err := asString(e)
			if err != nil {
				return nil, fmt.Errorf("list item: %v", err)
			}
			out = append(out, s)
		}
		return out, nil
	case []string:
		return v, nil
	}
	return nil, fmt.Errorf("want a list of text, got %s", typeName(v))
}

func typeName(v any) string {
	switch v.(type) {
	case map[string]any:
		return "a table"
	case []any:
		return "a list"
	case string:
		return "text"
	case bool:
		return "true/false"
	case nil:
		return "nothing"
	case int, int64, uint64, float64:
		return "a number"
	}
	return fmt.Sprintf("a %T", v)
}

// keyTypo returns the known key that key is most likely a typo of, or "".
// Front matter holds many keys of other tools (stage, noindex, author), so
// only a key one edit away from a known one, or with its letters in
// another order (titel), counts: the looser match of diag.Suggest would
// take "stage" for "tags".
func keyTypo(key string, known []string) string {
	s := diag.Suggest(key, known)
	if s == "" || diag.Distance(key, s, 1) <= 1 {
		return s
	}
	a, b := []rune(key), []rune(strings.ToLower(s))
	slices.Sort(a)
	slices.Sort(b)
	if slices.Equal(a, b) {
		return s
	}
	return ""
}
