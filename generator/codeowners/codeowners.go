// Package codeowners reads a CODEOWNERS file, in GitHub's or GitLab's
// syntax, and says who owns a path.
//
// A rule is a pattern and its owners: "@user", "@org/team", an email
// address, or GitLab's "@@role". Patterns follow gitignore, as both hosts
// document: "/docs/" is the docs folder at the root and everything in it,
// "docs/" any folder named docs, "*.md" any Markdown file, "docs/*" the
// files directly in docs/ (not those further down), "**" any number of
// folders. The last rule that matches a path wins.
//
// GitLab's sections ("[Docs]", "^[Optional][2] @default-owner") group
// rules: within a section the last match wins, a rule without owners takes
// the section's default owners, and a path that several sections match has
// the owners of each, as GitLab combines them. A file with sections is read
// the way GitLab reads patterns: one that does not start with "/" matches
// at any depth ("docs/index.md" is "**/docs/index.md"), where GitHub, as
// gitignore, anchors a pattern with a "/" in the middle at the root.
//
// Match costs a few map lookups per folder of the path plus the rules those
// lookups find: rules are indexed by their literal start ("/content/teams/"),
// by a file or folder name ("README.md", "docs/") and by extension ("*.md").
// Only patterns none of these describe ("**/drafts/*.md", "a*/") are tried
// for every path.
package codeowners

import (
	"cmp"
	"path"
	"regexp"
	"slices"
	"strings"

	"github.com/playbookhq/playbook/generator/diag"
)

// MaxSize is the largest CODEOWNERS file read: GitHub ignores files of
// 3 MB and more.
const MaxSize = 3 << 20

// File is a parsed CODEOWNERS file.
type File struct {
	// Name is the file's path in the repository, for positions.
	Name  string
	rules []*rule
	// Sections are the GitLab sections, in order; a file without sections
	// has one, named "".
	Sections []string

	byPrefix map[string][]int // anchored rules by their literal start
	byName   map[string][]int // "name" and "name/" at any depth
	byExt    map[string][]int // "*.ext" at any depth
	generic  []int
}

type rule struct {
	line     int
	section  int
	segs     []string // the pattern's segments; "**" for any number of folders
	dirOnly  bool     // the pattern ends in "/"
	deep     bool     // it also owns what is inside a folder it matches
	owners   []string
	fallback bool // no owners of its own: the section's default owners
}

// Match is who owns a path.
type Match struct {
	// Owners as the file writes them ("@org/team", "anna@example.com"),
	// without repeats, in the order of the sections and rules.
	Owners []string
	// Lines are the lines of the rules that matched, one per section
	// that has a match.
	Lines []int
}

var sectionRE = regexp.MustCompile(`^\^?\[([^\]]+)\](\[\d+\])?(\s+.*)?$`)

// Parse reads a CODEOWNERS file. Problems are warnings at their line: a
// rule that cannot be used is left out, the rest of the file still counts.
func Parse(name string, src []byte) (*File, diag.List) {
	var diags diag.List
	f := &File{Name: name, Sections: []string{""}, byPrefix: map[string][]int{}, byName: map[string][]int{}, byExt: map[string][]int{}}
	warn := func(line int, format string, args ...any) {
		diags.AddKind("codeowners", diag.Warning, diag.Pos{File: name, Line: line, Col: 1}, format, args...)
	}
	lines := strings.Split(string(src), "\n")
	gitlab := false
	for _, l := range lines {
		if sectionRE.MatchString(strings.TrimSpace(l)) {
			gitlab = true
			break
		}
	}
	defaults := [][]string{nil}
	sectionIdx := map[string]int{"": 0}
	cur := 0
	for i, l := range lines {
		n := i + 1
		l = strings.TrimSpace(strings.TrimSuffix(l, "\r"))
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		if m := sectionRE.FindStringSubmatch(l); m != nil {
			key := strings.ToLower(strings.TrimSpace(m[1]))
			idx, ok := sectionIdx[key]
			if !ok {
				idx = len(f.Sections)
				sectionIdx[key] = idx
				f.Sections = append(f.Sections, strings.TrimSpace(m[1]))
				defaults = append(defaults, nil)
			}
			cur = idx
			if owners := fields(stripComment(m[3])); len(owners) > 0 {
				defaults[idx] = checkOwners(owners, func(o string) { warn(n, "%q is not an owner: want @user, @org/team or an email address", o) })
			}
			continue
		}
		toks := fields(stripComment(l))
		if len(toks) == 0 {
			continue
		}
		pat := toks[0]
		if strings.HasPrefix(pat, "!") {
			warn(n, "pattern %q: negation (!) is not supported in CODEOWNERS; the rule is ignored", pat)
			continue
		}
		r, problem := compile(pat, gitlab)
		if problem != "" {
			warn(n, "pattern %q %s; the rule is ignored", pat, problem)
			continue
		}
		r.line, r.section = n, cur
		r.owners = checkOwners(toks[1:], func(o string) { warn(n, "%q is not an owner: want @user, @org/team or an email address", o) })
		if len(toks) == 1 {
			r.fallback = true
		}
		f.add(r)
	}
	// Default owners are known once the whole section is read: GitLab
	// allows a section to be continued further down.
	for _, r := range f.rules {
		if r.fallback {
			r.owners = defaults[r.section]
		}
	}
	return f, diags
}

// stripComment removes a comment that follows a rule: "#" after a space.
// An escaped "\#" is part of the pattern.
func stripComment(s string) string {
	for i := 1; i < len(s); i++ {
		if s[i] == '#' && (s[i-1] == ' ' || s[i-1] == '\t') {
			return s[:i]
		}
	}
	return s
}

// fields splits a line on spaces, keeping spaces escaped with "\".
func fields(s string) []string {
	var out []string
	var b strings.Builder
	flush := func() {
		if b.Len() > 0 {
			out = append(out, b.String())
			b.Reset()
		}
	}
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '\\' && i+1 < len(s) && (s[i+1] == ' ' || s[i+1] == '#'):
			b.WriteByte(s[i+1])
			i++
		case c == ' ' || c == '\t':
			flush()
		default:
			b.WriteByte(c)
		}
	}
	flush()
	return out
}

// checkOwners keeps the entries that look like owners and reports the
// others.
func checkOwners(toks []string, bad func(string)) []string {
	var out []string
	for _, o := range toks {
		if strings.HasPrefix(o, "@") && len(strings.Trim(o, "@")) > 0 || strings.Count(o, "@") == 1 && !strings.HasSuffix(o, "@") && !strings.ContainsAny(o, "/*") {
			out = append(out, o)
		} else {
			bad(o)
		}
	}
	return out
}

// compile turns a pattern into a rule.
func compile(pat string, gitlab bool) (*rule, string) {
	r := &rule{}
	p := pat
	anchored := strings.HasPrefix(p, "/")
	r.dirOnly = strings.HasSuffix(p, "/")
	p = strings.Trim(p, "/")
	if p == "" {
		if anchored {
			// "/" is the whole repository.
			return &rule{segs: []string{"**"}, deep: true}, ""
		}
		return nil, "is empty"
	}
	if !gitlab && strings.Contains(p, "/") {
		anchored = true // gitignore: a slash in the middle anchors at the root
	}
	for seg := range strings.SplitSeq(p, "/") {
		if seg == "" || seg == "." || seg == ".." {
			return nil, "is not a clean path"
		}
		if _, err := path.Match(seg, ""); err != nil {
			return nil, "is not a valid pattern"
		}
		if seg == "**" && len(r.segs) > 0 && r.segs[len(r.segs)-1] == "**" {
			continue
		}
		r.segs = append(r.segs, seg)
	}
	if !anchored && r.segs[0] != "**" {
		r.segs = append([]string{"**"}, r.segs...)
	}
	last := r.segs[len(r.segs)-1]
	// "docs/*" owns the files in docs/, not those further down (as GitHub
	// documents); "docs", "docs/" and "docs/**" own the whole folder.
	r.deep = r.dirOnly || last == "**" || !hasMeta(last)
	return r, ""
}

func hasMeta(s string) bool { return strings.ContainsAny(s, `*?[\`) }

// add indexes a rule.
func (f *File) add(r *rule) {
	i := len(f.rules)
	f.rules = append(f.rules, r)
	switch {
	case r.segs[0] != "**":
		var lit []string
		for _, s := range r.segs {
			if hasMeta(s) {
				break
			}
			lit = append(lit, s)
		}
		k := strings.Join(lit, "/")
		f.byPrefix[k] = append(f.byPrefix[k], i)
	case len(r.segs) == 2 && !hasMeta(r.segs[1]):
		f.byName[r.segs[1]] = append(f.byName[r.segs[1]], i)
	case len(r.segs) == 2 && strings.HasPrefix(r.segs[1], "*") && !hasMeta(r.segs[1][1:]) && !r.dirOnly && path.Ext(r.segs[1][1:]) != "":
		ext := path.Ext(r.segs[1][1:])
		f.byExt[ext] = append(f.byExt[ext], i)
	default:
		f.generic = append(f.generic, i)
	}
}

// Match returns the owners of the file at p, a slash-separated path from
// the repository's root. ok is false when no rule matches; a match may
// still have no owners (a rule that removes them).
func (f *File) Match(p string) (m Match, ok bool) {
	if f == nil || len(f.rules) == 0 {
		return Match{}, false
	}
	p = strings.Trim(p, "/")
	segs := strings.Split(p, "/")
	var cand []int
	cand = append(cand, f.byPrefix[""]...)
	for i := range segs {
		cand = append(cand, f.byPrefix[strings.Join(segs[:i+1], "/")]...)
		cand = append(cand, f.byName[segs[i]]...)
	}
	cand = append(cand, f.byExt[path.Ext(segs[len(segs)-1])]...)
	cand = append(cand, f.generic...)
	slices.SortFunc(cand, func(a, b int) int { return cmp.Compare(b, a) })
	cand = slices.Compact(cand)
	found := make([]*rule, len(f.Sections))
	left := len(f.Sections)
	for _, i := range cand {
		r := f.rules[i]
		if found[r.section] != nil || !r.matches(segs) {
			continue
		}
		found[r.section] = r
		if left--; left == 0 {
			break
		}
	}
	for _, r := range found {
		if r == nil {
			continue
		}
		ok = true
		m.Lines = append(m.Lines, r.line)
		for _, o := range r.owners {
			if !slices.Contains(m.Owners, o) {
				m.Owners = append(m.Owners, o)
			}
		}
	}
	return m, ok
}

// Owners returns the owners of the file at p and the position of the rule
// that gives them (the first section's, when several do); it is Match in
// the form the site model asks for.
func (f *File) Owners(p string) ([]string, diag.Pos, bool) {
	m, ok := f.Match(p)
	if !ok {
		return nil, diag.Pos{}, false
	}
	return m.Owners, diag.Pos{File: f.Name, Line: m.Lines[0], Col: 1}, true
}

// matches reports whether the rule owns the file whose path has the
// segments segs: the pattern matches the file, or a folder above it when
// the rule owns what is inside.
func (r *rule) matches(segs []string) bool {
	if !r.dirOnly && match(r.segs, segs) {
		return true
	}
	if !r.deep {
		return false
	}
	for n := len(segs) - 1; n >= 1; n-- {
		if match(r.segs, segs[:n]) {
			return true
		}
	}
	return false
}

// match matches pattern segments against path segments; "**" stands for
// any number of segments, and each other segment is a path.Match pattern.
// It runs in time proportional to the product of the two lengths.
func match(pat, segs []string) bool {
	// ok[j] says whether pat[:i] matches segs[:j], for the current i.
	ok := make([]bool, len(segs)+1)
	ok[0] = true
	for _, p := range pat {
		next := make([]bool, len(segs)+1)
		if p == "**" {
			any := false
			for j := range ok {
				any = any || ok[j]
				next[j] = any
			}
		} else {
			for j := 1; j <= len(segs); j++ {
				if ok[j-1] {
					if m, _ := path.Match(p, segs[j-1]); m {
						next[j] = true
					}
				}
			}
		}
		ok = next
	}
	return ok[len(segs)]
}
