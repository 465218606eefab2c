// Package config reads a site's playbook.toml.
package config

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"math"
	"net/url"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/playbookhq/playbook/generator/diag"
	"github.com/playbookhq/playbook/generator/sitefs"
	"github.com/playbookhq/playbook/generator/source"
)

// FileName is the name of the configuration file at the site root.
const FileName = "playbook.toml"

// Config is the site configuration. Every field has a default, so a site
// needs no configuration file at all.
type Config struct {
	// Digest is the SHA-256 of playbook.toml as read, zero without one:
	// configurations loaded from files with the same digest are the same.
	// A builder that takes settings from other files too mixes them in.
	Digest [32]byte `toml:"-"`
	// TitleGiven is set when playbook.toml sets title, ContentDirGiven
	// when it sets contentDir.
	TitleGiven      bool `toml:"-"`
	ContentDirGiven bool `toml:"-"`

	Title       string `toml:"title"`
	Description string `toml:"description"`
	// BaseURL is where the site is published, for example
	// "https://handbook.example.com/playbook/". Links carry its path.
	BaseURL string `toml:"baseURL"`
	// Language is the default language's code, for example "en".
	Language string `toml:"language"`
	// Languages lists further languages by code; files named page.<code>.md
	// belong to them and are published under /<code>/.
	Languages map[string]Language `toml:"languages"`
	// Theme names the folder under themes/ to use; "default" is built in.
	Theme string `toml:"theme"`
	// EditURL is a pattern for "Edit this page" links; {path} is replaced
	// with the file's path relative to the site root.
	EditURL string `toml:"editURL"`
	// Unsafe lets raw HTML in Markdown through.
	Unsafe bool `toml:"unsafe"`
	// Highlight names the chroma styles for code in light and dark mode.
	Highlight Highlight `toml:"highlight"`
	// Checks sets the severity of a kind of check: "error", "warning" or "off".
	Checks map[string]string `toml:"checks"`
	// Params holds free-form values for templates.
	Params map[string]any `toml:"params"`
	// ContentDir is the folder of pages within the site root ("content";
	// "help" for an Experience League repository).
	ContentDir string `toml:"contentDir"`
	// StaticDir is the folder, within the site root, whose files are
	// published at the site's root as they are, as Hugo and Docusaurus
	// publish static/ ("static"; none when it does not exist).
	StaticDir string `toml:"staticDir"`
	// Snippets is the snippets file for {{name}} directives, relative to
	// the content folder.
	Snippets string `toml:"snippets"`
	// Navigation is "tree" (from folders and weights), "toc" (from
	// navigation files: an Experience League repository's TOC.md files,
	// the SUMMARY.md of GitBook and mdBook, MkDocs' nav) or "auto", the
	// default: "toc" when the site has a navigation file for its content
	// folder's top, else "tree".
	Navigation string `toml:"navigation"`
	// MaxPageSize is the largest page or include accepted, in bytes.
	MaxPageSize int64 `toml:"maxPageSize"`
	// KeepFiles names files and folders at the top of the destination that
	// playbook did not write and keeps in each new build (a gh-pages
	// worktree's .git, a CNAME).
	KeepFiles []string `toml:"keepFiles"`
	// Exclude holds patterns of files and folders in the content folder
	// to leave out of the site (see source.NewExclude).
	Exclude []string `toml:"exclude"`
	// Repo is the handbook's repository on GitHub or GitLab
	// ("https://github.com/org/handbook"): checklists and role pages link
	// to a new issue there, prefilled with their items.
	Repo string `toml:"repo"`
	// ReviewEvery is how often pages are due for review ("12 months"),
	// counted from their reviewed date; folders and pages may set their
	// own with review_every.
	ReviewEvery string `toml:"reviewEvery"`
	// Timeout is how long the layout may take for one page ("60s"),
	// parsed into PageTimeout.
	Timeout string `toml:"timeout"`
	// PageTimeout is Timeout as a duration.
	PageTimeout time.Duration `toml:"-"`
}

// Language describes one extra language.
type Language struct {
	Title       string `toml:"title"`
	Description string `toml:"description"`
	// Name is the language's own name, shown in the language switcher.
	Name   string `toml:"name"`
	Weight int    `toml:"weight"`
	// Direction is the language's writing direction, "rtl" or "ltr";
	// empty, the usual one of its code (Direction).
	Direction string `toml:"direction"`
}

// Highlight names chroma styles.
type Highlight struct {
	Light string `toml:"light"`
	Dark  string `toml:"dark"`
}

// Default returns the configuration of a site without playbook.toml.
func Default() *Config {
	return &Config{
		Title:       "Handbook",
		Language:    "en",
		Theme:       "default",
		BaseURL:     "/",
		Highlight:   Highlight{Light: "github", Dark: "github-dark"},
		ContentDir:  "content",
		StaticDir:   "static",
		Snippets:    "_includes/snippets.md",
		Navigation:  "auto",
		MaxPageSize: 10 << 20,
		KeepFiles:   []string{".git", "CNAME", ".nojekyll"},
		Timeout:     "60s",
		PageTimeout: time.Minute,
	}
}

// MaxTimeout is the longest timeout accepted.
const MaxTimeout = time.Hour

var knownKeys = []string{
	"title", "description", "baseURL", "language", "languages", "theme", "editURL",
	"unsafe", "highlight", "checks", "params", "contentDir", "snippets", "navigation", "maxPageSize", "keepFiles", "exclude",
	"repo", "reviewEvery", "timeout", "highlight.light", "highlight.dark",
}

var languageKeys = []string{"title", "description", "name", "weight"}

// MaxSize is the largest playbook.toml read, in bytes: 1 MB.
const MaxSize = 1 << 20

func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// Load reads playbook.toml from the root of fsys. A missing file gives the
// defaults, and so does one that is no regular file or a symbolic link out
// of the site (with a warning); unknown keys are reported with a
// suggestion.
func Load(fsys fs.FS) (*Config, diag.List) {
	var diags diag.List
	cfg := Default()
	src, err := sitefs.ReadFile(fsys, FileName, MaxSize)
	var le *sitefs.LimitError
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return cfg, nil
	case errors.Is(err, sitefs.ErrOutside), errors.Is(err, sitefs.ErrNotRegular):
		diags.Warn(diag.Pos{File: FileName}, "skipped, so the site is built with the default configuration: %v", unwrapPath(err))
		return cfg, diags
	case errors.As(err, &le):
		diags.Add(diag.Pos{File: FileName, Line: 1, Col: 1}, "%v for the configuration", le)
		return cfg, diags
	case err != nil:
		diags.Add(diag.Pos{File: FileName}, "cannot read: %v", unwrapPath(err))
		return cfg, diags
	}
	cfg.Digest = sha256.Sum256(src)
	if d := source.NestingError(FileName, 1, src, true, ""); d != nil {
		return cfg, append(diags, *d)
	}
	md, err := toml.Decode(string(src), cfg)
	if err != nil {
		err = earliestDecodeError(src, err)
		pos := diag.Pos{File: FileName, Line: 1, Col: 1}
		msg := err.Error()
		var perr toml.ParseError
		if errors.As(err, &perr) {
			// The byte offset, not the decoder's line and column, which
			// are one line on at a line's end and count columns from
			// elsewhere for a key defined twice.
			pos.Line, pos.Col = diag.LineCol(src, perr.Position.Start)
			msg = perr.Message
		} else if m := decodeErrRE.FindStringSubmatch(msg); m != nil {
			// A value of the wrong type: the decoder names its line and
			// key in the message alone.
			pos.Line, _ = strconv.Atoi(m[1])
			pos.Col = lineIndent(src, pos.Line) + 1
			msg = strconv.Quote(m[2]) + ": " + m[3]
			if kind, ok := strings.CutPrefix(m[2], "checks."); ok {
				msg = checkTypeMsg(kind)
			}
		}
		diags.Add(pos, "invalid configuration: %s", strings.TrimPrefix(msg, "toml: "))
		return Default(), diags
	}
	cfg.TitleGiven, cfg.ContentDirGiven = md.IsDefined("title"), md.IsDefined("contentDir")
	for _, k := range md.Undecoded() {
		key := k.String()
		if len(k) > 0 && (k[0] == "params" || k[0] == "checks") {
			continue
		}
		candidates := knownKeys
		last := k[len(k)-1]
		if len(k) == 3 && k[0] == "languages" {
			candidates = languageKeys
		}
		diags.Warn(keyPos(src, last), "unknown configuration key %q%s", key, diag.DidYouMean(last, candidates))
	}
	diags = append(diags, cfg.validate(src)...)
	return cfg, diags
}

// checkTypeMsg says what is wrong with a value under [checks] that is no
// string, as "unsafe = true" written below [checks] instead of above it.
func checkTypeMsg(kind string) string {
	msg := fmt.Sprintf("checks.%s: a check's level is \"error\", \"warning\" or \"off\"", kind)
	if slices.Contains(knownKeys, kind) {
		msg += fmt.Sprintf("; %s is a setting of its own, which goes above the [checks] table", kind)
	}
	return msg
}

// decodeErrRE matches the errors BurntSushi/toml gives a value it cannot
// decode: "toml: line 2 (last key "title"): incompatible types: …".
var decodeErrRE = regexp.MustCompile(`^toml: line (\d+) \(last key "((?:[^"\\]|\\.)*)"\): (.*)$`)

// earliestDecodeError returns, of the values of src of a type its key
// does not take, the error of the first in the file, when err is such an
// error: BurntSushi/toml reports the first it meets in the order of a Go
// map, which changes from run to run, and a build's messages must not.
// Each try decodes the lines before the key last reported, which end
// where a key begins, so the loop ends at the first key of a wrong type.
func earliestDecodeError(src []byte, err error) error {
	last := math.MaxInt // the line of err's key
	for {
		var perr toml.ParseError
		m := decodeErrRE.FindStringSubmatch(err.Error())
		if m == nil || errors.As(err, &perr) {
			return err // no value of a wrong type: one error only
		}
		line, _ := strconv.Atoi(m[1])
		if line >= last {
			return err
		}
		last = line
		before := 0 // where line starts
		for l := range bytes.Lines(src) {
			if line--; line <= 0 {
				break
			}
			before += len(l)
		}
		if line > 0 {
			return err // a line the file does not have
		}
		_, e := toml.Decode(string(src[:before]), &Config{})
		if e == nil || errors.As(e, &perr) || !decodeErrRE.MatchString(e.Error()) {
			return err // the lines before hold no value of a wrong type
		}
		err = e
	}
}

// lineIndent returns how many spaces and tabs start line n (1-based) of
// src, or 0 when src has no such line.
func lineIndent(src []byte, n int) int {
	for l := range bytes.Lines(src) {
		if n--; n == 0 {
			return len(l) - len(bytes.TrimLeft(l, " \t"))
		}
	}
	return 0
}

// validateDirs checks the content and static folders: each a folder
// inside the site folder, apart from each other.
func (c *Config) validateDirs(src []byte) diag.List {
	var diags diag.List
	switch dir := path.Clean(c.ContentDir); {
	case dir == ".":
		diags.Add(keyPos(src, "contentDir"), "contentDir %q is the site folder itself, which also holds playbook.toml, themes/ and the built site: move the pages into a folder inside it, such as content/", c.ContentDir)
		c.ContentDir = "content"
	case dir == ".." || strings.HasPrefix(dir, "../") || path.IsAbs(dir):
		diags.Add(keyPos(src, "contentDir"), "contentDir %q is outside the site folder: it must be a folder inside it", c.ContentDir)
		c.ContentDir = "content"
	default:
		c.ContentDir = dir
	}
	if hidden(c.ContentDir) {
		diags.Add(keyPos(src, "contentDir"), "contentDir %q is hidden: hidden folders (such as .git) are never read", c.ContentDir)
		c.ContentDir = "content"
	}
	switch dir := path.Clean(c.StaticDir); {
	case c.StaticDir == "":
	case dir == "." || dir == ".." || strings.HasPrefix(dir, "../") || path.IsAbs(dir) || hidden(dir):
		diags.Add(keyPos(src, "staticDir"), "staticDir %q must be a folder inside the site folder, such as static/", c.StaticDir)
		c.StaticDir = ""
	case strings.HasPrefix(dir+"/", c.ContentDir+"/") || strings.HasPrefix(c.ContentDir+"/", dir+"/"):
		if dir != "static" { // the default, which a content folder named static/ leaves out
			diags.Add(keyPos(src, "staticDir"), "staticDir %q and contentDir %q overlap: they must be folders apart", c.StaticDir, c.ContentDir)
		}
		c.StaticDir = ""
	default:
		c.StaticDir = dir
	}
	return diags
}

func (c *Config) validate(src []byte) diag.List {
	var diags diag.List
	if c.BaseURL == "" {
		c.BaseURL = "/"
	}
	// A relative path ("handbook/") would make links resolve against each
	// page's own folder, breaking every page below the home page.
	if u, err := url.Parse(c.BaseURL); err != nil || (u.Scheme != "" && u.Scheme != "http" && u.Scheme != "https") ||
		u.Scheme == "" && (!strings.HasPrefix(c.BaseURL, "/") || strings.HasPrefix(c.BaseURL, "//")) || u.Scheme != "" && u.Host == "" {
		diags.Add(keyPos(src, "baseURL"), "baseURL %q is not an http(s) URL or a path starting with \"/\" (such as \"/handbook/\")", c.BaseURL)
		c.BaseURL = "/"
	}
	if c.Language == "" {
		c.Language = "en"
	}
	// Language tags are the same in any case ("EN", "pt-BR"); playbook's
	// codes, in file names and URLs, are lower case.
	c.Language = strings.ToLower(c.Language)
	if c.Theme == "" {
		c.Theme = "default"
	}
	diags = append(diags, c.validateDirs(src)...)
	if hidden(path.Clean(c.Snippets)) {
		diags.Add(keyPos(src, "snippets"), "snippets %q is hidden: hidden files and folders are never read", c.Snippets)
	}
	if c.MaxPageSize <= 0 || c.MaxPageSize > MaxPageSizeLimit {
		diags.Add(keyPos(src, "maxPageSize"), "maxPageSize = %d: want a number of bytes from 1 to %d (100 MB)", c.MaxPageSize, int64(MaxPageSizeLimit))
		c.MaxPageSize = Default().MaxPageSize
	}
	if c.Repo != "" {
		if _, err := RepoHost(c.Repo); err != nil {
			diags.Add(keyPos(src, "repo"), "repo %q: %v", c.Repo, err)
			c.Repo = ""
		}
	}
	if c.ReviewEvery != "" && !intervalRE.MatchString(strings.ToLower(strings.TrimSpace(c.ReviewEvery))) {
		diags.Add(keyPos(src, "reviewEvery"), "reviewEvery = %q: want a number and days, weeks, months or years, such as \"12 months\"", c.ReviewEvery)
		c.ReviewEvery = ""
	}
	if d, err := time.ParseDuration(strings.TrimSpace(c.Timeout)); err != nil || d <= 0 || d > MaxTimeout {
		diags.Add(keyPos(src, "timeout"), "timeout = %q: want a duration above 0 and up to 1h, such as \"60s\" or \"2m\"", c.Timeout)
		c.Timeout, c.PageTimeout = Default().Timeout, Default().PageTimeout
	} else {
		c.PageTimeout = d
	}
	switch c.Navigation {
	case "":
		c.Navigation = "auto"
	case "tree", "toc", "auto":
	default:
		diags.Add(keyPos(src, "navigation"), "navigation = %q: want \"tree\", \"toc\" or \"auto\"", c.Navigation)
		c.Navigation = "auto"
	}
	return append(diags, c.validateLists(src)...)
}

// validateLists checks the keys that hold lists and tables: exclude,
// keepFiles, the language codes and [checks].
func (c *Config) validateLists(src []byte) diag.List {
	var diags diag.List
	for _, e := range c.Exclude {
		if problem := source.ExcludeProblem(e); problem != "" {
			diags.Add(entryPos(src, "exclude", e), "exclude pattern %q %s; a pattern is a path or name with *, ** and ?, such as \"drafts/\" or \"**/OWNERS\"", e, problem)
		} else if rest, ok := strings.CutPrefix(strings.TrimPrefix(e, "/"), c.ContentDir+"/"); ok && c.ContentDir != "" {
			diags.Warn(entryPos(src, "exclude", e), "exclude pattern %q starts with the content folder, %s/, which patterns are written from: write %q", e, c.ContentDir, rest)
		}
	}
	for _, k := range c.KeepFiles {
		if k == "" || k == "." || k == ".." || strings.ContainsAny(k, `/\`) {
			diags.Add(keyPos(src, "keepFiles"), "keepFiles entry %q: want the name of a file or folder at the top of the destination", k)
		}
	}
	for _, code := range slices.Sorted(maps.Keys(c.Languages)) {
		switch {
		case langCode.MatchString(code):
		case langCode.MatchString(strings.ToLower(code)):
			// A tag as BCP 47 writes it ("pt-BR"): the code is the file
			// name's suffix (guide.pt-br.md) and its URL's folder, which
			// playbook keeps in lower case.
			diags.Add(keyPos(src, code), "language code %q: write it in lower case, %q, as file names and URLs use it", code, strings.ToLower(code))
		default:
			diags.Add(keyPos(src, code), "language code %q: want a code such as \"sv\" or \"pt-br\"", code)
		}
		if d := c.Languages[code].Direction; d != "" && d != "rtl" && d != "ltr" {
			diags.Add(tableKeyPos(src, "languages."+code, "direction"), "languages.%s.direction = %q: want \"rtl\" or \"ltr\"", code, d)
		}
	}
	kinds := diag.CheckKinds()
	for _, kind := range slices.Sorted(maps.Keys(c.Checks)) {
		if !slices.Contains(kinds, kind) {
			diags.Warn(tableKeyPos(src, "checks", kind), "unknown check %q in [checks], which has no effect%s", kind, diag.DidYouMean(kind, kinds))
		}
		switch c.Checks[kind] {
		case "error", "warning", "off":
		default:
			diags.Add(tableKeyPos(src, "checks", kind), "checks.%s = %q: want \"error\", \"warning\" or \"off\"", kind, c.Checks[kind])
		}
	}
	return diags
}

// MaxPageSizeLimit is the largest maxPageSize accepted: a page with its
// includes is held in memory several times over while it is built.
const MaxPageSizeLimit = 100 << 20

// hidden reports whether a slash-separated path has a segment that starts
// with a dot.
func hidden(p string) bool {
	for seg := range strings.SplitSeq(p, "/") {
		if len(seg) > 1 && seg[0] == '.' && seg != ".." {
			return true
		}
	}
	return false
}

// intervalRE is the form of a review interval, as model.ParseInterval
// reads it.
var intervalRE = regexp.MustCompile(`^[1-9]\d{0,3}\s*(day|week|month|year)s?$`)

// The hosts of a repository, for its new-issue links.
const (
	GitHub = "github"
	GitLab = "gitlab"
)

// RepoHost says whether repo is a GitHub or a GitLab repository: a host
// name with "github" or "gitlab" in it (github.com, gitlab.com, a GitHub
// Enterprise or self-managed GitLab host named so), or a path with GitLab's
// "/-/" in it.
func RepoHost(repo string) (string, error) {
	u, err := url.Parse(repo)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || strings.Trim(u.Path, "/") == "" {
		return "", errors.New("want the repository's web address, such as https://github.com/org/handbook")
	}
	if u.RawQuery != "" || u.Fragment != "" {
		return "", errors.New("want the repository's web address without a query or fragment")
	}
	host := strings.ToLower(u.Hostname())
	switch {
	case strings.Contains(host, "gitlab") || strings.Contains(u.Path, "/-/"):
		return GitLab, nil
	case strings.Contains(host, "github"):
		return GitHub, nil
	}
	return "", errors.New("cannot tell GitHub from GitLab: the host name has neither word in it")
}

var langCode = regexp.MustCompile(`^[a-z]{2,3}(-[a-z0-9]{2,8})?$`)

// keyPos finds the line on which key is assigned or opens a table.
func keyPos(src []byte, key string) diag.Pos {
	for i, line := range strings.Split(string(src), "\n") {
		t := strings.TrimSpace(line)
		if rest, ok := strings.CutPrefix(t, key); ok {
			if r := strings.TrimSpace(rest); strings.HasPrefix(r, "=") {
				return diag.Pos{File: FileName, Line: i + 1, Col: strings.Index(line, key) + 1}
			}
		}
		if strings.HasPrefix(t, "[") && strings.HasSuffix(strings.TrimRight(t, "]"), "."+key) || t == "["+key+"]" {
			return diag.Pos{File: FileName, Line: i + 1, Col: 1}
		}
	}
	return diag.Pos{File: FileName, Line: 1, Col: 1}
}

// entryPos returns the position of value, a string in the array of key,
// written in quotes from the key's line on; else the key's.
func entryPos(src []byte, key, value string) diag.Pos {
	at := keyPos(src, key)
	lines := strings.Split(string(src), "\n")
	for i := max(at.Line-1, 0); i < len(lines); i++ {
		for _, q := range []string{strconv.Quote(value), "'" + value + "'"} {
			if c := strings.Index(lines[i], q); c >= 0 {
				return diag.Pos{File: FileName, Line: i + 1, Col: c + 1}
			}
		}
		if i > at.Line-1 && strings.Contains(lines[i], "]") {
			break // the end of the array
		}
	}
	return at
}

// tableKeyPos returns the position of key in the TOML table named table:
// on a line of its own after [table] and before the next table, or
// written as table.key, bare or quoted; else where keyPos finds it.
func tableKeyPos(src []byte, table, key string) diag.Pos {
	in := false
	for i, line := range strings.Split(string(src), "\n") {
		t := strings.TrimSpace(line)
		if strings.HasPrefix(t, "[") {
			in = strings.Trim(strings.TrimSpace(strings.Trim(t, "[]")), `"'`) == table
			continue
		}
		k, _, ok := strings.Cut(t, "=")
		if !ok {
			continue
		}
		var parts []string
		for part := range strings.SplitSeq(k, ".") {
			parts = append(parts, strings.Trim(strings.TrimSpace(part), `"'`))
		}
		if in && len(parts) == 1 && parts[0] == key || !in && len(parts) == 2 && parts[0] == table && parts[1] == key {
			return diag.Pos{File: FileName, Line: i + 1, Col: strings.Index(line, strings.TrimLeft(line, " \t")) + 1}
		}
	}
	return keyPos(src, key)
}

// rtlLanguages are the codes of the languages written right to left.
var rtlLanguages = map[string]bool{
	"ar": true, "arc": true, "ckb": true, "dv": true, "fa": true, "he": true, "ks": true,
	"ps": true, "sd": true, "syr": true, "ug": true, "ur": true, "yi": true,
}

// Direction returns the writing direction of the language lang, "rtl" or
// "ltr": its direction in [languages.<lang>], else right to left for
// Arabic, Hebrew, Persian, Urdu and the other languages written so
// (pt-br's is pt's).
func (c *Config) Direction(lang string) string {
	if d := c.Languages[lang].Direction; d != "" {
		return d
	}
	base, _, _ := strings.Cut(strings.ToLower(lang), "-")
	if rtlLanguages[base] {
		return "rtl"
	}
	return "ltr"
}

// LanguageCodes returns the default language followed by the others,
// ordered by weight, then code.
func (c *Config) LanguageCodes() []string {
	others := slices.Sorted(maps.Keys(c.Languages))
	others = slices.DeleteFunc(others, func(s string) bool { return s == c.Language })
	slices.SortStableFunc(others, func(a, b string) int { return c.Languages[a].Weight - c.Languages[b].Weight })
	return append([]string{c.Language}, others...)
}

// SiteURL returns the site's address without its scheme, the host in lower
// case and the base path, "docs.example.org/handbook" for
// "https://docs.example.org/handbook/", or "" when baseURL names no host.
func (c *Config) SiteURL() string {
	u, err := url.Parse(c.BaseURL)
	if err != nil || u.Host == "" || u.Scheme != "http" && u.Scheme != "https" {
		return ""
	}
	return strings.ToLower(u.Host) + strings.TrimRight(u.Path, "/")
}

// BasePath returns the path part of BaseURL without a trailing slash, for
// prefixing site-absolute links ("" for a site at the root).
func (c *Config) BasePath() string {
	u, err := url.Parse(c.BaseURL)
	if err != nil {
		return ""
	}
	return strings.TrimRight(u.Path, "/")
}
