package source

import (
	"path"
	"strings"

	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"

	"github.com/playbookhq/playbook/generator/diag"
)

// MaxGitBook bounds a .gitbook.yaml: a few settings and some thousands of
// redirects.
const MaxGitBook = 1 << 20

// GitBook is what playbook reads of a GitBook space's .gitbook.yaml.
type GitBook struct {
	// Root is the folder of the space's pages, relative to the file's
	// folder: root, "." when it does not say.
	Root string
	// Redirects are the addresses of the space that lead to a page, in
	// the order of the file.
	Redirects []Redirect
}

// Redirect is an address of a GitBook space that leads to a page.
type Redirect struct {
	// From is the address as written, a path in the space without the
	// leading "/" (guide/old-page).
	From string
	// To is the page it leads to, a file relative to the space's root,
	// without the leading "/" or "./" and any #fragment.
	To        string
	Line, Col int
}

// ReadGitBook reads the root and the redirects of a .gitbook.yaml named
// p. What cannot be read is reported as a warning at its place and left
// out: a redirect from an address with a #fragment (which browsers never
// send), or to anything but a Markdown page of the space.
//
// Read from go-yaml's syntax tree rather than decoded into a struct, so
// that each redirect keeps its line for the warnings about it.
func ReadGitBook(p string, data []byte) (GitBook, diag.List) {
	var diags diag.List
	g := GitBook{Root: "."}
	data, d := yamlConfig(p, data, MaxGitBook, "gitbook", "")
	if d != nil {
		return g, append(diags, *d)
	}
	f, err := parser.ParseBytes(data, 0)
	if err != nil {
		e := explainYAML(data, err, 1)
		diags.AddKind("gitbook", diag.Warning, diag.Pos{File: p, Line: e.line, Col: e.col}, "%s is not YAML, so playbook reads none of it: %s", path.Base(p), e.msg)
		return g, diags
	}
	if len(f.Docs) == 0 {
		return g, diags
	}
	top, _ := unwrap(f.Docs[0].Body).(*ast.MappingNode)
	if top == nil {
		return g, diags
	}
	warn := func(n ast.Node, format string, args ...any) {
		line, col := place(n)
		diags.AddKind("gitbook", diag.Warning, diag.Pos{File: p, Line: line, Col: col}, format, args...)
	}
	for _, kv := range top.Values {
		switch scalarText(kv.Key) {
		case "root":
			if r := strings.TrimSpace(scalarText(kv.Value)); r != "" {
				g.Root = path.Clean(strings.TrimPrefix(r, "/"))
			}
		case "redirects":
			m, ok := unwrap(kv.Value).(*ast.MappingNode)
			if !ok {
				warn(kv.Key, "redirects is not a mapping of addresses to pages; left out")
				continue
			}
			for _, r := range m.Values {
				if red, ok := redirect(r, warn); ok {
					g.Redirects = append(g.Redirects, red)
				}
			}
		}
	}
	return g, diags
}

// redirect reads one entry of redirects: an address and the page it
// leads to.
func redirect(kv *ast.MappingValueNode, warn func(ast.Node, string, ...any)) (Redirect, bool) {
	var r Redirect
	r.Line, r.Col = place(kv.Key)
	r.From = strings.TrimPrefix(path.Clean("/"+strings.TrimSpace(scalarText(kv.Key))), "/")
	to := strings.TrimSpace(scalarText(kv.Value))
	to, _, _ = strings.Cut(to, "#")
	to = strings.TrimPrefix(path.Clean("/"+to), "/")
	switch {
	case r.From == "":
		warn(kv.Key, "a redirect from no address is left out")
		return r, false
	case strings.Contains(r.From, "#"):
		warn(kv.Key, "the redirect from %s is left out: browsers never send the part of an address after #, so no reader reaches it", r.From)
		return r, false
	case !IsMarkdown(to):
		warn(kv.Value, "the redirect from %s is left out: it leads to %q, and a GitBook redirect leads to a Markdown page of the space", r.From, scalarText(kv.Value))
		return r, false
	}
	r.To = to
	return r, true
}
