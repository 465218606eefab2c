package source

import (
	"net/url"
	"path"
	"strings"

	"github.com/goccy/go-yaml/ast"

	"github.com/playbookhq/playbook/generator/diag"
)

// TechDocsConfig is where a GOV.UK Tech Docs site keeps its settings,
// relative to the site folder.
const TechDocsConfig = "config/tech-docs.yml"

// MaxTechDocs bounds a config/tech-docs.yml: a few settings and some
// thousands of redirects.
const MaxTechDocs = 1 << 20

// ReadTechDocs reads the redirects of a GOV.UK Tech Docs site's
// config/tech-docs.yml, named p: old addresses of the site and the
// addresses they lead to, both paths from the site's root without the
// leading "/" (manual/error-reporting.html, manual/sentry.html). A
// redirect to another site, or from an address with a #fragment, is left
// out without a word: playbook writes redirects to its pages only, and the
// gem allows both. What cannot be read is reported as a warning.
func ReadTechDocs(p string, data []byte) ([]Redirect, diag.List) {
	var diags diag.List
	data, d := yamlConfig(p, data, MaxTechDocs, "techdocs", ", so its redirects are left out")
	if d != nil {
		return nil, append(diags, *d)
	}
	v, _, d := topLevel(p, data, "redirects", "so they are left out")
	if d != nil {
		d.Kind = "techdocs"
		return nil, append(diags, *d)
	}
	if v == nil {
		return nil, nil
	}
	m, ok := unwrap(v).(*ast.MappingNode)
	if !ok {
		if _, null := unwrap(v).(*ast.NullNode); !null {
			line, col := place(v)
			diags.AddKind("techdocs", diag.Warning, diag.Pos{File: p, Line: line, Col: col}, "redirects is not a mapping of old addresses to new ones; left out")
		}
		return nil, diags
	}
	var out []Redirect
	for _, kv := range m.Values {
		from, to := strings.TrimSpace(scalarText(kv.Key)), strings.TrimSpace(scalarText(kv.Value))
		to, _, _ = strings.Cut(to, "#")
		if !strings.HasPrefix(from, "/") || !strings.HasPrefix(to, "/") || strings.HasPrefix(to, "//") || strings.Contains(from, "#") {
			continue
		}
		r := Redirect{From: cleanAddress(from), To: cleanAddress(to)}
		r.Line, r.Col = place(kv.Key)
		if r.From != "" && r.To != "" {
			out = append(out, r)
		}
	}
	return out, diags
}

// cleanAddress returns the path of an address of the site without its
// leading "/", keeping a trailing one, which names a folder's page, and
// with its percent-encoding decoded, as links are.
func cleanAddress(a string) string {
	if u, err := url.PathUnescape(a); err == nil {
		a = u
	}
	c := strings.TrimPrefix(path.Clean(a), "/")
	if strings.HasSuffix(a, "/") && c != "" {
		c += "/"
	}
	return c
}
