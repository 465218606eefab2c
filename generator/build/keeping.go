package build

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/playbookhq/playbook/generator/codeowners"
	"github.com/playbookhq/playbook/generator/config"
	"github.com/playbookhq/playbook/generator/diag"
	"github.com/playbookhq/playbook/generator/gitinfo"
	"github.com/playbookhq/playbook/generator/model"
	"github.com/playbookhq/playbook/generator/output"
	"github.com/playbookhq/playbook/generator/sitefs"
	"github.com/playbookhq/playbook/generator/source"
)

// What keeps a handbook true: who owns each page (CODEOWNERS), when pages
// are due for review (against a reference date), the redirects that keep
// moved pages' links working, the URLs a build lost since the previous
// one, and the issues checklists open.

// codeownersFiles are where GitHub and GitLab look for CODEOWNERS, in
// GitHub's order; the first found is used, as both hosts use one.
var codeownersFiles = []string{".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS", ".gitlab/CODEOWNERS"}

// siteFacts is what the model takes from outside the content: the
// CODEOWNERS file, the reference date and the renames of the history.
type siteFacts struct {
	owners *codeowners.File
	today  time.Time
	moves  []model.Move
	// urlLinks, docusaurus and autoSidebar are those of siteFiles.
	urlLinks, docusaurus, autoSidebar bool
	// hash sums them up, so that a rebuild can tell whether they changed.
	hash [32]byte
}

// loadCodeowners reads the site's CODEOWNERS file. The site reader never
// reads hidden files, and .github/ and .gitlab/ are hidden; they are read
// through sitefs.ReadExempt, which reads those two files only, and only as
// regular files reached without a symbolic link, at most
// codeowners.MaxSize bytes. Everything else in those folders stays unread.
func loadCodeowners(root *sitefs.FS) (*codeowners.File, []byte, diag.List) {
	var diags diag.List
	for _, name := range codeownersFiles {
		var src []byte
		var err error
		if strings.HasPrefix(name, ".") {
			src, err = root.ReadExempt(name, codeowners.MaxSize)
		} else {
			src, err = sitefs.ReadFile(root, name, codeowners.MaxSize)
		}
		switch {
		case errors.Is(err, fs.ErrNotExist):
			continue
		case err != nil:
			diags.AddKind("codeowners", diag.Warning, diag.Pos{File: name}, "not read, so pages get no owners from it: %v", unwrap(err))
			continue
		}
		f, d := codeowners.Parse(name, src)
		return f, src, append(diags, d...)
	}
	return nil, nil, diags
}

func unwrap(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// siteFiles is what the facts take from the site folder outside the pages:
// the CODEOWNERS file, the redirects GitBook's and Tech Docs' files
// declare, and the tool the site was written for. A Session reads them
// again only when a file outside the content and the theme changes.
type siteFiles struct {
	owners    *codeowners.File
	ownersSrc []byte
	gitbook   []model.Move
	techDocs  []source.Redirect
	// urlLinks is set for a Hugo site (hugoSite) or a Jekyll site that
	// publishes pages as folders (jekyllFolders); docusaurus for a
	// Docusaurus site (docusaurusSite); hugo for a Hugo site, whose pages
	// have no wikilinks; backslashMath for a site whose \(…\) and \[…\]
	// are math (backslashMath); liquid for a Jekyll or Eleventy site,
	// which runs Liquid (liquidSite); autoSidebar for a Docusaurus site
	// whose sidebars are its folders (autoSidebar).
	urlLinks, docusaurus, hugo, backslashMath, liquid, autoSidebar bool
	diags                                                          diag.List
}

// readSiteFiles reads the siteFiles of the site folder, whose other
// tools' settings are tools.
func readSiteFiles(root *sitefs.FS, cfg *config.Config, tools *toolConf) *siteFiles {
	hugo := hugoSite(root)
	docusaurus := docusaurusSite(root)
	sf := &siteFiles{urlLinks: hugo || jekyllFolders(tools), docusaurus: docusaurus, autoSidebar: docusaurus && autoSidebar(tools), hugo: hugo,
		backslashMath: tools.mkdocs.mk.Arithmatex || hugo && hugoPassthrough(tools), liquid: liquidSite(root, tools)}
	var d diag.List
	sf.owners, sf.ownersSrc, sf.diags = loadCodeowners(root)
	sf.gitbook, d = gitbookRedirects(root, cfg.ContentDir)
	sf.diags = append(sf.diags, d...)
	sf.techDocs, d = readTechDocs(root)
	sf.diags = append(sf.diags, d...)
	if hugo && !cfg.ContentDirGiven {
		sf.diags = append(sf.diags, hugoContentDir(root, cfg, tools)...)
	}
	return sf
}

// siteFactsOf gathers the siteFacts of a build from its site files and
// pages, with date as the reference date when it is not zero (see
// Config.Date).
func siteFactsOf(files *siteFiles, cfg *config.Config, git *gitinfo.History, date time.Time, docs []*source.Doc) (siteFacts, diag.List) {
	f := siteFacts{owners: files.owners, urlLinks: files.urlLinks, docusaurus: files.docusaurus, autoSidebar: files.autoSidebar}
	f.today = referenceDate(date, git)
	prefix := cfg.ContentDir + "/"
	for _, m := range git.Moves() {
		from, ok1 := strings.CutPrefix(m.From, prefix)
		to, ok2 := strings.CutPrefix(m.To, prefix)
		if ok1 && ok2 {
			f.moves = append(f.moves, model.Move{From: from, To: to})
		}
	}
	f.moves = append(f.moves, files.gitbook...)
	f.moves = append(f.moves, techDocsMoves(files.techDocs, docs)...)
	h := sha256.New()
	fmt.Fprintf(h, "%v\x00%v\x00%v\x00", f.urlLinks, f.docusaurus, f.autoSidebar)
	h.Write(files.ownersSrc)
	h.Write([]byte(f.today.Format(time.DateOnly)))
	for _, m := range f.moves {
		fmt.Fprintf(h, "\x00%s\x00%s\x00%v", m.From, m.To, m.Pos)
	}
	copy(f.hash[:], h.Sum(nil))
	return f, slices.Clone(files.diags)
}

// hugoSite reports whether the site folder is a Hugo site's, whose pages
// link as Hugo serves them (see model.Options.URLLinks): it has Hugo's
// configuration, hugo.toml (or .yaml, .yml, .json) or config/_default/,
// or a config.toml (…) beside the layouts/ or archetypes/ folder of one.
func hugoSite(root fs.FS) bool {
	exts := []string{".toml", ".yaml", ".yml", ".json"}
	for _, ext := range exts {
		if isFile(root, "hugo"+ext) {
			return true
		}
	}
	if isDir(root, "config/_default") {
		return true
	}
	if !isDir(root, "layouts") && !isDir(root, "archetypes") {
		return false
	}
	for _, ext := range exts {
		if isFile(root, "config"+ext) {
			return true
		}
	}
	return false
}

// hugoPassthrough reports whether a Hugo site's configuration turns on
// the passthrough extension, with which Hugo sites write math between \(
// and \) or \[ and \]: whether one of its files says "passthrough", as
// [markup.goldmark.extensions.passthrough] does in any of Hugo's formats.
func hugoPassthrough(tools *toolConf) bool {
	return slices.ContainsFunc(hugoConfigs, func(name string) bool {
		data, ok := tools.read(name)
		return ok && bytes.Contains(data, []byte("passthrough"))
	})
}

// hugoContentDirRE matches a line of a Hugo configuration that sets
// contentDir, in TOML, YAML or JSON, with the folder as group 1.
var hugoContentDirRE = regexp.MustCompile(`^\s*"?contentDir"?\s*[:=]\s*["']?([^"'\s,#]+)`)

// hugoConfigs are the files of a Hugo configuration that hugoPassthrough
// and hugoContentDir read, in each of Hugo's formats: the site folder's
// hugo and config files, and those of config/_default, where markup and
// languages have files of their own.
var hugoConfigs = func() []string {
	var names []string
	for _, base := range []string{"hugo", "config", "config/_default/hugo", "config/_default/config", "config/_default/markup", "config/_default/languages"} {
		for _, ext := range []string{".toml", ".yaml", ".yml", ".json"} {
			names = append(names, base+ext)
		}
	}
	return names
}()

// hugoContentDir warns, for a Hugo site whose playbook.toml names no
// contentDir, when Hugo's configuration reads the pages from a folder
// other than the content folder, which holds pages (content/en, as a
// multilingual Docsy site's first language has it): building the content
// folder would put every page under /en/ and break the site's links. The
// first contentDir of the files, in hugoConfigs' order, is the one named.
func hugoContentDir(root fs.FS, cfg *config.Config, tools *toolConf) diag.List {
	for _, name := range hugoConfigs {
		data, ok := tools.read(name)
		if !ok || !bytes.Contains(data, []byte("contentDir")) {
			continue
		}
		for i, line := range bytes.Split(data, []byte("\n")) {
			m := hugoContentDirRE.FindSubmatchIndex(line)
			if m == nil {
				continue
			}
			dir := path.Clean(string(line[m[2]:m[3]]))
			if dir == cfg.ContentDir || !holdsPages(root, dir) {
				return nil
			}
			var d diag.List
			d.Warn(diag.Pos{File: name, Line: i + 1, Col: m[2] + 1}, "Hugo reads this site's pages from %s/, and playbook from %s/: set contentDir = %q in playbook.toml to build them as Hugo does", dir, cfg.ContentDir, dir)
			return d
		}
	}
	return nil
}

// docusaurusExts are the extensions of a Docusaurus configuration file.
var docusaurusExts = []string{".js", ".ts", ".mjs", ".cjs", ".mts", ".cts"}

// docusaurusSite reports whether the site folder is a Docusaurus site's
// (see docusaurusConfig).
func docusaurusSite(root fs.FS) bool { return docusaurusConfig(root) != "" }

// docusaurusConfig returns the name of the site folder's Docusaurus
// configuration file, docusaurus.config.js (or .ts, .mjs, .cjs, .mts,
// .cts), or "".
func docusaurusConfig(root fs.FS) string {
	for _, ext := range docusaurusExts {
		if name := "docusaurus.config" + ext; isFile(root, name) {
			return name
		}
	}
	return ""
}

// autoSidebar reports whether a Docusaurus site's sidebars are made from
// its folders: it has no sidebars file, which makes them so, or its file
// asks for it ({type: "autogenerated"}). Every page is then in them.
func autoSidebar(tools *toolConf) bool {
	for _, ext := range docusaurusExts {
		if data, ok := tools.read("sidebars" + ext); ok {
			return bytes.Contains(data, []byte("autogenerated"))
		}
	}
	return true
}

// jekyllFolders reports whether the site folder is a Jekyll site's that
// publishes each page as a folder (source.JekyllFolderURLs), whose pages
// link as it serves them (see model.Options.URLLinks).
func jekyllFolders(tools *toolConf) bool {
	for _, name := range jekyllConfigs {
		if data, ok := tools.read(name); ok {
			return source.JekyllFolderURLs(name, data)
		}
	}
	return false
}

// jekyllConfigs are the names of Jekyll's configuration file, of which it
// reads the first it finds.
var jekyllConfigs = []string{"_config.yml", "_config.yaml"}

// eleventyConfigs are the names of Eleventy's configuration file.
var eleventyConfigs = []string{".eleventy.js", ".eleventy.cjs", ".eleventy.mjs", "eleventy.config.js", "eleventy.config.cjs", "eleventy.config.mjs"}

// liquidSite reports whether the site folder is a Jekyll site (it has
// Jekyll's _config.yml) or an Eleventy one (it has Eleventy's
// configuration), both of which run Liquid on the pages. Eleventy's file
// is only looked for in the folder's listing: .eleventy.js is hidden, and
// nothing hidden is read.
func liquidSite(root fs.FS, tools *toolConf) bool {
	if slices.ContainsFunc(jekyllConfigs, func(name string) bool { _, ok := tools.read(name); return ok }) {
		return true
	}
	list, _ := fs.ReadDir(root, ".")
	return slices.ContainsFunc(list, func(e fs.DirEntry) bool { return e.Type().IsRegular() && slices.Contains(eleventyConfigs, e.Name()) })
}

// eleventyExcludes returns the exclude patterns (see source.NewExclude)
// of what an Eleventy site's .eleventyignore files, in the site folder
// and in the content folder (Eleventy's input folder), name in the
// content folder: Eleventy builds none of those files, and playbook
// leaves them out as it does what playbook.toml's exclude names. Each line
// is a file, a folder or a glob, from the folder the file is in; "#"
// starts a comment. A pattern that leads out of the content folder has no
// effect here, and one that is no valid pattern is a warning.
func eleventyExcludes(root *sitefs.FS, contentDir string) ([]string, diag.List) {
	var out []string
	var diags diag.List
	for _, base := range slices.Compact([]string{".", contentDir}) {
		name := path.Join(base, sitefs.EleventyIgnore)
		data, err := root.ReadExempt(name, source.MaxTitleFile)
		if err != nil {
			continue
		}
		for i, line := range strings.Split(string(data), "\n") {
			line = strings.TrimSpace(line)
			if line == "" || strings.HasPrefix(line, "#") || strings.HasPrefix(line, "!") {
				continue
			}
			_, dirOnly := strings.CutSuffix(line, "/")
			p := path.Join(base, strings.TrimPrefix(line, "./"))
			rel, ok := p, contentDir == "." && !strings.HasPrefix(p, "../") && p != ".."
			if contentDir != "." {
				rel, ok = strings.CutPrefix(p, contentDir+"/")
			}
			if !ok {
				continue
			}
			pat := "/" + rel
			if dirOnly {
				pat += "/"
			}
			if problem := source.ExcludeProblem(pat); problem != "" {
				diags.Warn(diag.Pos{File: name, Line: i + 1, Col: 1}, "%q %s; playbook builds the files it names", line, problem)
				continue
			}
			out = append(out, pat)
		}
	}
	return out, diags
}

func isFile(root fs.FS, name string) bool {
	st, err := fs.Stat(root, name)
	return err == nil && st.Mode().IsRegular()
}

func isDir(root fs.FS, name string) bool {
	st, err := fs.Stat(root, name)
	return err == nil && st.IsDir()
}

// gitbookRedirects reads the redirects of a GitBook space's .gitbook.yaml
// as moves of pages: the content folder's, else the site folder's, whose
// root (the folder of the space's pages) is the content folder. They are
// read through sitefs.ReadExempt, as the file is hidden.
func gitbookRedirects(root *sitefs.FS, contentDir string) ([]model.Move, diag.List) {
	for _, name := range []string{contentDir + "/" + sitefs.GitBookConfig, sitefs.GitBookConfig} {
		src, err := root.ReadExempt(name, source.MaxGitBook)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		var left diag.List // a warning that the file's redirects are left out
		if err != nil {
			left.AddKind("gitbook", diag.Warning, diag.Pos{File: name}, "not read, so its redirects are left out: %v", unwrap(err))
			return nil, left
		}
		g, diags := source.ReadGitBook(name, src)
		if dir := path.Join(path.Dir(name), g.Root); dir != contentDir {
			if len(g.Redirects) == 0 {
				return nil, diags // what could not be read, if anything
			}
			left.AddKind("gitbook", diag.Warning, diag.Pos{File: name}, "its redirects are left out: they lead to the pages of %s/ (root), and the content folder is %s/", dir, contentDir)
			return nil, left
		}
		moves := make([]model.Move, len(g.Redirects))
		for i, r := range g.Redirects {
			from := r.From
			if !source.IsMarkdown(from) {
				from += ".md"
			}
			// "/": a position in the site folder, not the content folder.
			moves[i] = model.Move{From: from, To: r.To, Pos: diag.Pos{File: "/" + name, Line: r.Line, Col: r.Col}}
		}
		return moves, diags
	}
	return nil, nil
}

// readTechDocs reads the redirects of a GOV.UK Tech Docs site's
// config/tech-docs.yml.
func readTechDocs(root *sitefs.FS) ([]source.Redirect, diag.List) {
	src, err := sitefs.ReadFile(root, source.TechDocsConfig, source.MaxTechDocs+1)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		var d diag.List
		d.AddKind("techdocs", diag.Warning, diag.Pos{File: source.TechDocsConfig}, "not read, so its redirects are left out: %v", unwrap(err))
		return nil, d
	}
	return source.ReadTechDocs(source.TechDocsConfig, src)
}

// techDocsMoves makes moves of pages of a Tech Docs site's redirects: each
// old address as the page that would have had it (manual/old.html as
// manual/old.html.md), to the page at the new address among docs. A new
// address that is no page is left to the model, which warns about it
// where the redirect is.
func techDocsMoves(rs []source.Redirect, docs []*source.Doc) []model.Move {
	if len(rs) == 0 {
		return nil
	}
	pages := make(map[string]bool, len(docs))
	for _, d := range docs {
		pages[d.Path] = true
	}
	next := map[string]string{}
	for _, r := range rs {
		next[r.From] = r.To
	}
	var moves []model.Move
	for _, r := range rs {
		from, ok := techDocsPage(r.From)
		if !ok {
			continue
		}
		// A redirect to an old address leads where that one does, as
		// the site's visitors are led on; a loop stops where it began.
		end := r.To
		for range maxHops {
			n, ok := next[end]
			if !ok || n == r.From {
				break
			}
			end = n
		}
		to := techDocsTarget(pages, end)
		moves = append(moves, model.Move{From: from, To: to, Pos: diag.Pos{File: "/" + source.TechDocsConfig, Line: r.Line, Col: r.Col}})
	}
	return moves
}

// maxHops is how many redirects in a row techDocsRedirects follows, as
// browsers follow some twenty.
const maxHops = 20

// techDocsPage returns the Markdown file that a Tech Docs site serves at
// the address u: manual/x.html from manual/x.html.md, manual/ from
// manual/index.html.md; false for an address of a file other than a page.
func techDocsPage(u string) (string, bool) {
	switch ext := path.Ext(u); {
	case strings.HasSuffix(u, "/"):
		return path.Join(u, "index.html.md"), true
	case ext == ".html":
		return u + ".md", true
	case ext == "":
		return u + ".html.md", true
	}
	return "", false
}

// techDocsTarget returns the page among pages (paths in the content
// folder) at the address u, as the site's files name it (with .erb, or as
// plain .md), or the name techDocsPage gives it when there is none.
func techDocsTarget(pages map[string]bool, u string) string {
	name, ok := techDocsPage(u)
	if !ok {
		return u
	}
	base := strings.TrimSuffix(name, ".html.md")
	for _, c := range []string{name, name + ".erb", base + ".md", base + "/index.html.md", base + "/index.md"} {
		if pages[c] {
			return c
		}
	}
	return name
}

// referenceDate is the day review dates are compared with: date,
// else the day of the site's newest commit; never the clock, so that a
// build's output depends on its input only. Zero outside git without a
// date: no page is then due.
func referenceDate(date time.Time, git *gitinfo.History) time.Time {
	t := date
	if t.IsZero() {
		if c := git.Newest(); c != nil {
			t = c.CommitDate
		}
	}
	if t.IsZero() {
		return t
	}
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// lostURLs reports every page of the previous build (an index.html its
// manifest names) that the new build does not have, not even as a
// redirect: a link to it, a bookmark or a search result now ends on the
// not-found page. manifest names the previous build's record, for the
// position.
func lostURLs(prev map[string]bool, cur []string, manifest, basePath string) diag.List {
	var diags diag.List
	now := make(map[string]bool, len(cur))
	for _, n := range cur {
		now[n] = true
	}
	for _, n := range slices.Sorted(maps.Keys(prev)) {
		if path.Base(n) != "index.html" || now[n] {
			continue
		}
		url := basePath + "/" + strings.TrimSuffix(n, "index.html")
		diags.AddKind("removed-url", diag.Warning, diag.Pos{File: manifest}, "%s was in the previous build and is gone, with nothing redirecting it: add %q to the aliases of the page that replaces it", url, strings.TrimPrefix(url, basePath))
	}
	return diags
}

// compareManifest reports the pages of the previous build that this one
// lost (see lostURLs), as [checks] sets their severity: as errors, the
// build fails and the destination stays as it was.
func (b *Builder) compareManifest(ctx context.Context, d *output.Dir, cfg *config.Config, res *Result) error {
	prev, name, ok, err := b.previousManifest(d)
	if err != nil {
		return fmt.Errorf("--previous %s: %w", b.cfg.Previous, err)
	}
	if !ok || cfg == nil {
		return nil
	}
	lost := applyChecks(lostURLs(prev, d.Names(), name, cfg.BasePath()), cfg.Checks)
	if lost.Err() != nil {
		return finish(ctx, append(lost, res.Warnings...))
	}
	res.Warnings = append(res.Warnings, lost...)
	res.Warnings.Sort()
	return nil
}

// previousManifest returns the files of the previous build to compare
// with: those of Config.Previous (a build's folder, or its marker file),
// else those of the destination the build replaces. ok is false when there
// is none.
func (b *Builder) previousManifest(d *output.Dir) (files map[string]bool, name string, ok bool, err error) {
	if b.cfg.Previous != "" {
		files, err := output.ReadManifest(b.cfg.Previous)
		return files, b.cfg.Previous, err == nil, err
	}
	if files := d.Previous(); files != nil {
		return files, filepath.Join(b.cfg.DestDir, output.Marker), true, nil
	}
	return nil, "", false, nil
}
