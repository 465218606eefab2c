package source

import (
	"bytes"
	"fmt"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"

	"github.com/playbookhq/playbook/generator/diag"
)

// MkDocsFiles are the names MkDocs reads its configuration from, in the
// order it looks for them, in the site folder.
var MkDocsFiles = []string{"mkdocs.yml", "mkdocs.yaml"}

// MaxMkDocs bounds an mkdocs.yml: its settings and a nav of some
// thousands of pages.
const MaxMkDocs = 1 << 20

// MkDocs is what playbook reads of an MkDocs configuration file.
type MkDocs struct {
	// DocsDir is the folder of its pages, relative to the file's folder:
	// docs_dir, "docs" when it does not say.
	DocsDir string
	// Nav is its nav, nil when it has none (MkDocs then lists the
	// folders).
	Nav []NavEntry
	// NavLine is the line of the nav key, or 0.
	NavLine int
	// SiteName is its site_name, the site's title, or "".
	SiteName string
	// Arithmatex is set when its markdown_extensions has
	// pymdownx.arithmatex, which reads \(…\) and \[…\] as math.
	Arithmatex bool
}

// NavEntry is an entry of a nav: a page or link, with the title it is
// listed by ("" for the page's own), or a titled group of entries.
type NavEntry struct {
	Title     string
	Dest      string
	Line, Col int
	Children  []NavEntry
}

// ReadMkDocs reads the docs_dir, site_name and nav of an MkDocs configuration file
// named p. Everything else in it is left alone: its plugins and Markdown
// extensions are Python, and its YAML tags (!!python/name:…, !ENV) are
// read as the text they hold. What cannot be read as a nav is reported as
// a warning at its place and left out; an mkdocs.yml that is not YAML, or
// too large or deep to read, has no nav.
//
// Written here rather than decoded into a struct: an entry's form (a
// path, a one-key mapping of a title to a path or to a list) is only
// known from the YAML node, and its line is kept for the links it holds.
func ReadMkDocs(p string, data []byte) (MkDocs, diag.List) {
	var diags diag.List
	m := MkDocs{DocsDir: "docs"}
	data, d := yamlConfig(p, data, MaxMkDocs, "", ", so the navigation comes from the folders")
	if d != nil {
		return m, append(diags, *d)
	}
	if v, _, _ := topLevel(p, data, "docs_dir", ""); v != nil {
		if s, ok := unwrap(v).(*ast.StringNode); ok && strings.TrimSpace(s.Value) != "" {
			m.DocsDir = path.Clean(strings.TrimSpace(s.Value))
		}
	}
	if v, _, _ := topLevel(p, data, "site_name", ""); v != nil {
		m.SiteName = strings.Join(strings.Fields(scalarText(v)), " ")
	}
	m.Arithmatex = listsExtension(data, "pymdownx.arithmatex")
	v, line, d := topLevel(p, data, "nav", "so the navigation comes from the folders")
	if d != nil {
		return m, append(diags, *d)
	}
	if line == 0 {
		return m, diags
	}
	m.NavLine = line
	r := navReader{file: p}
	m.Nav = r.entries(v)
	if m.Nav == nil {
		m.Nav = []NavEntry{}
	}
	return m, append(diags, r.diags...)
}

// listsExtension reports whether the markdown_extensions of data, an
// mkdocs.yml, list the extension name: alone ("- admonition") or with its
// settings ("- pymdownx.arithmatex:" over "generic: true"). The lines are
// read as lines: the YAML parser loses its place after a tag such as
// "!!python/name:…", which other extensions' settings hold.
func listsExtension(data []byte, name string) bool {
	// is reports whether an item names the extension, quoted or not,
	// before its settings' colon.
	is := func(item []byte) bool {
		item, _, _ = bytes.Cut(item, []byte(":"))
		return string(bytes.Trim(bytes.TrimSpace(item), `"'`)) == name
	}
	in := false
	for line := range bytes.Lines(data) {
		line = bytes.TrimRight(line, "\r\n")
		if topKey(line) {
			in = isKey(line, "markdown_extensions")
			if _, flow, ok := bytes.Cut(line, []byte("[")); in && ok { // [toc, pymdownx.arithmatex]
				if slices.ContainsFunc(bytes.Split(bytes.TrimRight(bytes.TrimSpace(flow), "]"), []byte(",")), is) {
					return true
				}
			}
			continue
		}
		if item, ok := bytes.CutPrefix(bytes.TrimLeft(line, " \t"), []byte("-")); in && ok && is(item) {
			return true
		}
	}
	return false
}

// yamlConfig checks the YAML configuration file of another tool, named p,
// before it is read: over limit bytes, or nested deeper than MaxNesting,
// it returns a warning of kind ("" for none) that playbook reads none of
// it, followed by after; else the file without its byte order mark.
func yamlConfig(p string, data []byte, limit int, kind, after string) ([]byte, *diag.Diagnostic) {
	if len(data) > limit {
		return nil, &diag.Diagnostic{Pos: diag.Pos{File: p, Line: 1, Col: 1}, Severity: diag.Warning, Kind: kind,
			Msg: fmt.Sprintf("%s is over %d KB; playbook reads none of it%s", path.Base(p), limit>>10, after)}
	}
	data = bytes.TrimPrefix(data, bom)
	if d := NestingError(p, 1, data, false, ""); d != nil {
		d.Severity, d.Kind, d.Msg = diag.Warning, kind, path.Base(p)+" "+d.Msg
		return nil, d
	}
	return data, nil
}

// topLevel returns the value of the top-level key of a YAML file and the
// line of the key, or line 0 when the file has no such key; d says why the
// key's block cannot be read, and what follows (then).
//
// Only the key's own lines are parsed, from the key to the next line that
// starts with another key: an mkdocs.yml names Python objects with tags
// (emoji_index: !!python/name:material.extensions.emoji.twemoji) after
// which the YAML parser can lose its place and read the keys below as
// part of the tagged value. The lines above the block are kept blank, so
// that the parser's lines are the file's.
func topLevel(p string, data []byte, key, then string) (v ast.Node, line int, d *diag.Diagnostic) {
	start, end := -1, len(data)
	for off, n := 0, 1; off < len(data); n++ {
		eol := bytes.IndexByte(data[off:], '\n')
		next := len(data)
		if eol >= 0 {
			next = off + eol + 1
		}
		l := data[off:next]
		if topKey(l) {
			if start >= 0 {
				end = off
				break
			}
			if isKey(l, key) {
				start, line = off, n
			}
		}
		off = next
	}
	if start < 0 {
		return nil, 0, nil
	}
	block := append(bytes.Repeat([]byte("\n"), line-1), data[start:end]...)
	f, err := parser.ParseBytes(block, 0)
	if err != nil {
		// A value in YAML's flow style may go on in the first column
		// ("nav: [a.md,\nb.md]"), past where the block seemed to end:
		// the whole file may read where the block did not.
		if whole, werr := parser.ParseBytes(data, 0); werr == nil && len(whole.Docs) > 0 {
			if top, ok := unwrap(whole.Docs[0].Body).(*ast.MappingNode); ok {
				for _, kv := range top.Values {
					if scalarText(kv.Key) == key {
						return kv.Value, line, nil
					}
				}
			}
		}
		at := diag.Pos{File: p, Line: line, Col: 1}
		msg, _, _ := strings.Cut(err.Error(), "\n")
		if sm := yamlPosRE.FindStringSubmatch(msg); sm != nil {
			at.Line, _ = strconv.Atoi(sm[1])
			at.Col, _ = strconv.Atoi(sm[2])
			msg = msg[len(sm[0]):]
		}
		return nil, line, &diag.Diagnostic{Pos: at, Severity: diag.Warning,
			Msg: fmt.Sprintf("cannot read the %s of %s, %s: %s", key, path.Base(p), then, msg)}
	}
	if len(f.Docs) == 0 {
		return nil, line, nil
	}
	switch top := unwrap(f.Docs[0].Body).(type) {
	case *ast.MappingNode:
		if len(top.Values) > 0 {
			v = top.Values[0].Value
		}
	case *ast.MappingValueNode:
		v = top.Value
	}
	return v, line, nil
}

// isKey reports whether a line of YAML starts with the key, bare or
// quoted, and its colon.
func isKey(l []byte, key string) bool {
	for _, k := range []string{key, `"` + key + `"`, "'" + key + "'"} {
		if rest, ok := bytes.CutPrefix(l, []byte(k)); ok {
			rest = bytes.TrimLeft(rest, " \t")
			return len(rest) > 0 && rest[0] == ':'
		}
	}
	return false
}

// topKey reports whether a line of YAML starts a key of the top-level
// mapping: text from its first column that is not a comment, a list item
// (a top-level key's list may start there) or a document marker.
func topKey(l []byte) bool {
	if len(l) == 0 || bytes.HasPrefix(l, []byte("---")) || bytes.HasPrefix(l, []byte("...")) {
		return false
	}
	switch l[0] {
	case ' ', '\t', '\r', '\n', '#', '-':
		return false
	}
	return true
}

// navReader reads a nav's entries, noting what it leaves out.
type navReader struct {
	file  string
	diags diag.List
}

func (r *navReader) warn(n ast.Node, format string, args ...any) {
	line, col := place(n)
	r.diags.Warn(diag.Pos{File: r.file, Line: line, Col: col}, format, args...)
}

// place returns the line and column where a node is written.
func place(n ast.Node) (line, col int) {
	if n == nil || n.GetToken() == nil {
		return 0, 0
	}
	p := n.GetToken().Position
	return p.Line, p.Column
}

// entries reads a list of nav entries.
func (r *navReader) entries(n ast.Node) []NavEntry {
	seq, ok := unwrap(n).(*ast.SequenceNode)
	if !ok {
		if v := unwrap(n); v != nil && v.Type() != ast.NullType {
			r.warn(n, "nav is not a list of pages; left out")
		}
		return nil
	}
	var out []NavEntry
	for _, item := range seq.Values {
		if e, ok := r.entry(item); ok {
			out = append(out, e)
		}
	}
	return out
}

// entry reads one entry: "page.md", "Title: page.md" (or a URL), or
// "Title:" over a list of entries.
func (r *navReader) entry(n ast.Node) (NavEntry, bool) {
	var e NavEntry
	e.Line, e.Col = place(n)
	if _, tagged := n.(*ast.TagNode); tagged && unwrap(n) == nil {
		r.warn(n, "a nav entry read from an environment variable without a default (!ENV [NAME, default]) is left out: playbook builds the same site whatever the environment")
		return e, false
	}
	switch v := unwrap(n).(type) {
	case *ast.MappingNode:
		if len(v.Values) != 1 {
			at := n
			if len(v.Values) > 0 {
				at = v.Values[0].Key
			}
			r.warn(at, "a nav entry names one title; this one has %d keys, so it is left out", len(v.Values))
			return e, false
		}
		return r.titled(e, v.Values[0])
	case *ast.MappingValueNode:
		return r.titled(e, v)
	case *ast.AliasNode:
		r.warn(n, "a nav entry that repeats another (*%s) is left out; write it out", v.Value)
		return e, false
	case nil:
		return e, false
	case ast.ScalarNode:
		if v.Type() == ast.NullType {
			return e, false
		}
		e.Dest = strings.TrimSpace(scalarText(v))
		return e, e.Dest != ""
	}
	r.warn(n, "a nav entry is a page (page.md), a titled page (Title: page.md) or a titled list; this one is left out")
	return e, false
}

// titled reads an entry written as a title and what it leads to.
func (r *navReader) titled(e NavEntry, kv *ast.MappingValueNode) (NavEntry, bool) {
	e.Title = strings.TrimSpace(scalarText(kv.Key))
	e.Line, e.Col = place(kv.Key)
	switch v := unwrap(kv.Value).(type) {
	case *ast.SequenceNode:
		e.Children = r.entries(v)
		if len(e.Children) == 0 {
			r.warn(kv.Key, "nav entry %q lists no pages; left out", e.Title)
			return e, false
		}
		return e, true
	case *ast.AliasNode:
		r.warn(kv.Value, "a nav entry that repeats another (*%s) is left out; write it out", v.Value)
		return e, false
	case ast.ScalarNode:
		if v.Type() != ast.NullType {
			e.Dest = strings.TrimSpace(scalarText(v))
			e.Line, e.Col = place(v) // where a broken link is
		}
		if e.Dest == "" {
			r.warn(kv.Key, "nav entry %q leads nowhere; left out", e.Title)
			return e, false
		}
		if strings.HasPrefix(e.Dest, "!import ") {
			// mkdocs-multirepo's: another repository's pages, which the
			// plugin fetches at build time.
			r.warn(kv.Value, "nav entry %q imports another repository's pages (mkdocs-multirepo's !import), which playbook does not fetch; left out", e.Title)
			return e, false
		}
		return e, true
	}
	r.warn(kv.Value, "nav entry %q holds neither a page nor a list; left out", e.Title)
	return e, false
}

// unwrap returns the node an anchor (&a) or a tag stands over, or nil
// for none. MkDocs' !ENV reads an environment variable, which a build
// that gives the same site from the same files does not: of !ENV [NAME,
// default] it takes the default, and !ENV NAME is nothing.
func unwrap(n ast.Node) ast.Node {
	for n != nil {
		switch v := n.(type) {
		case *ast.AnchorNode:
			n = v.Value
		case *ast.TagNode:
			n = v.Value
			if v.Start == nil || v.Start.Value != "!ENV" {
				continue
			}
			seq, ok := n.(*ast.SequenceNode)
			if !ok || len(seq.Values) < 2 {
				return nil
			}
			n = seq.Values[len(seq.Values)-1]
		default:
			return n
		}
	}
	return nil
}

// scalarText returns the text of a scalar node as written, unquoted, or
// "" for any other node, an alias (*name) included: these files' readers
// do not follow aliases, and the alias's own text is no value.
func scalarText(n ast.Node) string {
	switch v := unwrap(n).(type) {
	case *ast.StringNode:
		return v.Value
	case *ast.NullNode, *ast.AliasNode:
		return ""
	case *ast.LiteralNode: // a block scalar, | or >
		if v.Value == nil {
			return ""
		}
		return v.Value.Value
	case ast.ScalarNode:
		return v.GetToken().Value
	}
	return ""
}
