package markdown

import (
	"bytes"
	"regexp"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"

	"github.com/playbookhq/playbook/generator/diag"
)

// mystTargetRE matches a MyST target, "(label)=", alone on its line: a
// name that links (#label) from any page of a Jupyter Book or mystmd
// project lead to, the heading below it or its page.
var mystTargetRE = regexp.MustCompile(`^\(([^()\s][^()]*)\)=[ \t]*$`)

// Label is a MyST target of the page.
type Label struct {
	Name string
	// ID is the id of the heading the target stands over, or "" for
	// a target over another block, which leads to the page.
	ID  string
	Pos diag.Pos
}

// KindMystTarget is the kind of a MystTarget.
var KindMystTarget = ast.NewNodeKind("MystTarget")

// MystTarget is a "(label)=" line. Parse takes each out of the tree (see
// Doc.mystTargets), which MyST does not show: Doc trees hold none.
type MystTarget struct {
	ast.BaseBlock
	Name string
	// off is where the line starts in the source.
	off int
}

// Kind implements ast.Node.
func (n *MystTarget) Kind() ast.NodeKind { return KindMystTarget }

// Dump implements ast.Node.
func (n *MystTarget) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Name": n.Name}, nil)
}

// mystTargetsKey is set in a page's parser context once a MystTarget is
// made (addTarget), so that a page without one is not walked for them.
var mystTargetsKey = parser.NewContextKey()

// addTarget puts a target named name, written at off, before node.
func addTarget(pc parser.Context, node ast.Node, name string, off int) {
	if node.Parent() == nil {
		return
	}
	node.Parent().InsertBefore(node.Parent(), node, &MystTarget{Name: name, off: off})
	pc.Set(mystTargetsKey, true)
}

// mystTargetTransformer makes the "(label)=" lines a paragraph starts
// with MystTarget blocks before it, as MyST reads such a line as a block
// of its own: a paragraph of targets alone goes. No goldmark extension
// reads MyST's targets, so this is written here.
type mystTargetTransformer struct{}

func (mystTargetTransformer) Transform(p *ast.Paragraph, reader text.Reader, pc parser.Context) {
	lines := p.Lines()
	src := reader.Source()
	if lines.Len() == 0 {
		return
	}
	if first := lines.At(0); !bytes.HasPrefix(bytes.TrimLeft(first.Value(src), " \t"), []byte("(")) {
		return // most paragraphs
	}
	k := 0
	for ; k < lines.Len(); k++ {
		seg := lines.At(k)
		m := mystTargetRE.FindSubmatch(bytes.TrimSpace(seg.Value(src)))
		if m == nil {
			break
		}
		addTarget(pc, p, string(m[1]), seg.Start)
	}
	dropLines(p, k)
}

// mystTargets takes the MyST targets out of the tree into the page's
// Labels: each names the heading right below it (after other targets), if
// any. A page where the parser made none (t.targets) is not walked.
func (d *Doc) mystTargets(t *tree) {
	if !t.targets {
		return
	}
	var found []*MystTarget
	_ = ast.Walk(t.root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if m, ok := n.(*MystTarget); ok && entering {
			found = append(found, m)
		}
		return ast.WalkContinue, nil
	})
	// Each names what the block after it names: the heading below a run
	// of targets, found once for the run, from the last target up.
	ids := make(map[*MystTarget]string, len(found))
	for i := len(found) - 1; i >= 0; i-- {
		m := found[i]
		switch next := m.NextSibling().(type) {
		case *MystTarget:
			ids[m] = ids[next]
		case *ast.Heading:
			if id, ok := next.AttributeString("id"); ok {
				if b, ok := id.([]byte); ok {
					ids[m] = string(b)
				}
			}
		}
	}
	for _, m := range found {
		d.Labels = append(d.Labels, Label{Name: m.Name, ID: ids[m], Pos: d.Pos(m.off)})
	}
	for _, m := range found {
		m.Parent().RemoveChild(m.Parent(), m)
	}
}

// mystOptionRE matches an option line of a MyST directive,
// ":class: dropdown".
var mystOptionRE = regexp.MustCompile(`^:[A-Za-z][\w-]*:(?:[ \t].*)?$`)

// mystOptionsTransformer leaves out the option lines a MyST callout's
// text starts with (":class: dropdown", ":open:"), which MyST reads as
// settings, not text; a ":name:" or ":label:" names the callout as a
// target. Of other paragraphs it leaves out the option lines under a
// directive playbook shows as text (see mystDirectiveOptions).
type mystOptionsTransformer struct{}

func (mystOptionsTransformer) Transform(p *ast.Paragraph, reader text.Reader, pc parser.Context) {
	c, ok := p.Parent().(*Callout)
	if !ok || !c.fence.myst {
		mystDirectiveOptions(p, reader, pc)
		return
	}
	if prev := p.PreviousSibling(); prev != nil && prev.Kind() != KindCalloutTitle {
		return
	}
	// ":name: x" makes the callout a target, as "(x)=" above it would.
	dropLines(p, leadingOptions(pc, c, p.Lines(), reader.Source()))
}

// leadingOptions returns how many of lines, from the first, are option
// lines of a MyST directive (":class: dropdown"), and puts a target
// before node for each ":name:" or ":label:" among them.
func leadingOptions(pc parser.Context, node ast.Node, lines *text.Segments, src []byte) int {
	k := 0
	for ; k < lines.Len(); k++ {
		seg := lines.At(k)
		v := bytes.TrimSpace(seg.Value(src))
		if !mystOptionRE.Match(v) {
			break
		}
		if name, ok := mystTargetOption(v); ok {
			addTarget(pc, node, name, seg.Start)
		}
	}
	return k
}

// mystFenceTransformer leaves out the option lines a MyST directive in
// backticks or tildes that stays code starts with ("```{code} yaml" over
// ":name: code-config" and ":filename: myst.yml"), which MyST reads as
// settings, and makes a ":name:" or ":label:" among them a target before
// the block, so that a link to it leads to the page. A page without such
// a fence is not walked.
type mystFenceTransformer struct{}

func (mystFenceTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	src := reader.Source()
	if !bytes.Contains(src, []byte("`{")) && !bytes.Contains(src, []byte("~{")) {
		return
	}
	var fences []*ast.FencedCodeBlock
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if f, ok := n.(*ast.FencedCodeBlock); ok && entering && f.Info != nil {
			if m := mystFenceName.FindSubmatch(bytes.TrimSpace(f.Info.Segment.Value(src))); m != nil && mystDirectives[strings.ToLower(string(m[1]))] {
				fences = append(fences, f)
			}
		}
		return ast.WalkContinue, nil
	})
	for _, f := range fences {
		if k := leadingOptions(pc, f, f.Lines(), src); k > 0 {
			f.SetLines(linesFrom(f.Lines(), k))
		}
	}
}

// mystTargetOption returns the name of a ":name: x" or ":label: x" option
// line, which makes its directive a target.
func mystTargetOption(v []byte) (string, bool) {
	for _, opt := range []string{":name:", ":label:"} {
		if name, ok := bytes.CutPrefix(v, []byte(opt)); ok && len(bytes.TrimSpace(name)) > 0 {
			return string(bytes.TrimSpace(name)), true
		}
	}
	return "", false
}

// mystDirectiveOptions leaves out the option lines under the opening line
// of a MyST directive that a paragraph shows as text (":::{figure} map.png"
// over ":label: fig-map"), which MyST reads as settings: shown, ":link:"
// would even turn into an emoji. A ":name:" or ":label:" makes a target
// before the paragraph, so that a link to it leads to the page.
func mystDirectiveOptions(p *ast.Paragraph, reader text.Reader, pc parser.Context) {
	src, lines := reader.Source(), p.Lines()
	var keep *text.Segments
	opening := false // the line before opens a directive, or is an option
	for i := range lines.Len() {
		seg := lines.At(i)
		v := seg.Value(src)
		if len(v) == 0 || v[0] != ':' && v[0] != ' ' && v[0] != '\t' {
			opening = false // most lines
		} else if v = bytes.TrimSpace(v); opening && mystOptionRE.Match(v) {
			if keep == nil {
				keep = text.NewSegments()
				for j := range i {
					keep.Append(lines.At(j))
				}
			}
			if name, ok := mystTargetOption(v); ok {
				addTarget(pc, p, name, seg.Start)
			}
			continue
		} else {
			opening = bytes.HasPrefix(v, []byte(":::")) && mystColonRE.Match(v)
		}
		if keep != nil {
			keep.Append(seg)
		}
	}
	switch {
	case keep == nil:
	case keep.Len() == 0:
		p.Parent().RemoveChild(p.Parent(), p)
	default:
		p.SetLines(keep)
	}
}

// mystColonRE matches the opening line of a MyST directive in colons that
// is not a callout (":::{figure} img.png"), which stays text; mystFenceName
// the name of one in backticks, whose text stays code; mystRoleRE a role's
// name before its code span ({term}`CSS`).
var (
	mystColonRE   = regexp.MustCompile(`(?m)^[ \t]*:{3,}\{([A-Za-z][\w-]*)\}`)
	mystFenceName = regexp.MustCompile(`^\{([A-Za-z][\w-]*)\}`)
	mystRoleRE    = regexp.MustCompile(`\{([a-z][\w:-]*)\}$`)
)

// mystDirectives and mystRoles are the MyST directives and roles (of
// MyST, Sphinx and the Jupyter Book extensions) that checkMystFence,
// checkMystRole and checkTemplateTags report: a fence of R Markdown or
// Quarto ("```{r}", "```{python}") holds code, and is none of them.
var (
	mystDirectives = map[string]bool{
		"figure": true, "image": true, "code-block": true, "code-cell": true, "code": true, "literalinclude": true,
		"include": true, "list-table": true, "csv-table": true, "table": true, "glossary": true, "tab-set": true,
		"tab-item": true, "tabbed": true, "card": true, "grid": true, "grid-item": true, "grid-item-card": true,
		"toctree": true, "tableofcontents": true, "contents": true, "math": true, "margin": true, "sidebar": true,
		"epigraph": true, "pull-quote": true, "topic": true, "div": true, "raw": true, "embed": true, "iframe": true,
		"youtube": true, "button": true, "bibliography": true, "versionadded": true, "versionchanged": true,
		"deprecated": true, "eval-rst": true, "glue": true, "exercise": true, "solution": true, "proof": true,
	}
	mystRoles = map[string]bool{
		"term": true, "ref": true, "doc": true, "numref": true, "eq": true, "math": true, "abbr": true, "sub": true,
		"sup": true, "download": true, "kbd": true, "cite": true, "cite:p": true, "cite:t": true, "button": true,
		"guilabel": true, "menuselection": true, "command": true, "file": true, "program": true, "envvar": true,
		"samp": true, "rfc": true, "pep": true, "u": true, "underline": true, "strike": true, "sc": true,
		"smallcaps": true, "index": true, "glue": true, "glue:text": true, "footcite": true, "prf:ref": true,
	}
)

// checkMystFence reports a fenced block that is a MyST directive other
// than a callout or a diagram ("```{figure} img.png"), which shows as code.
func (d *Doc) checkMystFence(n *ast.FencedCodeBlock, src []byte) {
	if n.Info == nil {
		return
	}
	m := mystFenceName.FindSubmatch(bytes.TrimSpace(n.Info.Segment.Value(src)))
	if m == nil || !mystDirectives[strings.ToLower(string(m[1]))] {
		return
	}
	d.Diags.AddKind("myst", diag.Warning, d.Pos(n.Info.Segment.Start),
		"MyST directive {%s} is not supported; it is shown as code", m[1])
}

// checkMystRole reports a MyST role, the code span n right after a
// "{name}" ({term}`CSS`), which shows as the name and code.
func (d *Doc) checkMystRole(n *ast.CodeSpan, src []byte) {
	prev, ok := n.PreviousSibling().(*ast.Text)
	if !ok {
		return
	}
	v := prev.Segment.Value(src)
	if len(v) == 0 || v[len(v)-1] != '}' {
		return
	}
	if m := mystRoleRE.FindSubmatchIndex(v); m != nil && mystRoles[string(v[m[2]:m[3]])] {
		d.Diags.AddKind("myst", diag.Warning, d.Pos(prev.Segment.Start+m[0]),
			"MyST role {%s} is not supported; it is shown as text", v[m[2]:m[3]])
	}
}

// dropLines takes the first k lines out of paragraph p, before its text
// is read, and p out of its parent when they are all it has.
func dropLines(p *ast.Paragraph, k int) {
	lines := p.Lines()
	switch {
	case k == 0:
	case k >= lines.Len():
		p.Parent().RemoveChild(p.Parent(), p)
	default:
		p.SetLines(linesFrom(lines, k))
	}
}

// linesFrom returns lines without the first k.
func linesFrom(lines *text.Segments, k int) *text.Segments {
	rest := text.NewSegments()
	rest.AppendAll(lines.Sliced(k, lines.Len()))
	return rest
}
