package markdown

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"hash/fnv"
	"html"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/playbookhq/playbook/generator/diag"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
	"go.abhg.dev/goldmark/wikilink"
)

// renderTree renders a page's tree as Render did before pages were
// prepared when parsed: it sets what depends on r and opts on the nodes,
// and has md's renderer write the tree. It is the reference the prepared
// HTML is checked against.
func renderTree(md goldmark.Markdown, w io.Writer, d *Doc, t *tree, r Resolver, opts RenderOptions) error {
	fr, _ := r.(FileResolver)
	for i, l := range t.linkNodes {
		dest := l.dest
		if r != nil && !isExternal(dest) {
			var href string
			var ok bool
			if fr != nil {
				href, ok = fr.ResolveIn(d.in.Path, l.file, dest)
			} else {
				href, ok = r.Resolve(d.in.Path, dest)
			}
			if ok {
				dest = href
			}
		}
		if isDangerous(dest) {
			dest = ""
		}
		switch n := l.node.(type) {
		case *wikilink.Node:
			if dest == l.dest {
				dest = ""
			}
			n.SetAttributeString("data-href", []byte(dest))
		case *ast.Link:
			n.Destination = []byte(dest)
			if d.Links[i].NoText {
				// The text of the render before, if any, goes.
				n.RemoveChildren(n)
				text := ast.NewString([]byte(html.EscapeString(linkText(r, d.in.Path, l.file, Link{Dest: l.dest, Pos: diag.Pos{File: l.file}}))))
				text.SetCode(true)
				n.AppendChild(n, text)
			}
		case *ast.Image:
			n.Destination = []byte(dest)
		}
	}
	for i, box := range t.boxes {
		id := d.Tasks[i].ID
		if to, ok := opts.TaskIDs[id]; ok {
			id = to
		}
		box.SetAttributeString("data-task", []byte(id))
	}
	for _, c := range t.callouts {
		c.Label, c.watch = calloutLabel(c.Name), "Watch the video"
		if opts.Strings != nil {
			key := c.Name
			if key == "admin" {
				key = "administration"
			}
			if l := opts.Strings("callout-" + key); l != "" {
				c.Label = l
			}
			if w := opts.Strings("video-watch"); w != "" {
				c.watch = w
			}
		}
	}
	code, table := "Code", "Table"
	if opts.Strings != nil {
		code, table = cmp.Or(opts.Strings("region-code"), code), cmp.Or(opts.Strings("region-table"), table)
	}
	t.root.SetAttribute(attrCodeLabel, []byte(code))
	t.root.SetAttribute(attrTableLabel, []byte(table))
	rr, _ := r.(RoleResolver)
	for _, n := range t.roleNodes {
		n.Href = ""
		if rr != nil {
			n.Href, _ = rr.ResolveRole(d.in.Path, n.Name)
		}
	}
	root := t.root
	if t.titleNode != nil && !opts.KeepTitle && t.titleNode.Parent() == root {
		next := t.titleNode.NextSibling()
		root.RemoveChild(root, t.titleNode)
		defer func() {
			if next != nil {
				root.InsertBefore(root, next, t.titleNode)
			} else {
				root.AppendChild(root, t.titleNode)
			}
		}()
	}
	return md.Renderer().Render(w, t.src, root)
}

// mixedResolver resolves some destinations and not others, by a hash of
// what it is asked, to hrefs that need escaping, to dangerous ones and,
// for wikilinks, to the destination itself. It records its calls.
type mixedResolver struct {
	calls []string
}

func pick(s string, n uint32) uint32 {
	h := fnv.New32a()
	_, _ = h.Write([]byte(s))
	return h.Sum32() % n
}

func (m *mixedResolver) Resolve(from, dest string) (string, bool) {
	m.calls = append(m.calls, "resolve "+from+" "+dest)
	switch pick(dest, 7) {
	case 0:
		return "", false
	case 1:
		return "/a/" + strings.ToLower(dest) + "/", true
	case 2:
		return `/q?x="1"&y=<2> ü`, true
	case 3:
		return "javascript:alert(1)", true
	case 4:
		return dest, true
	case 5:
		return "", true
	}
	return "../b/#" + dest, true
}

// fileResolver is a mixedResolver that resolves against the link's file
// and links role prefixes.
type fileResolver struct{ mixedResolver }

func (m *fileResolver) ResolveIn(from, file, dest string) (string, bool) {
	m.calls = append(m.calls, "in "+file)
	return m.Resolve(from, dest)
}

func (m *fileResolver) ResolveText(from, file, dest string) (string, bool) {
	m.calls = append(m.calls, "text "+file+" "+dest)
	switch pick(dest, 3) {
	case 0:
		return "", false
	case 1:
		return "", true
	}
	return `Title "&<` + dest, true
}

func (m *fileResolver) ResolveRole(from, name string) (string, bool) {
	m.calls = append(m.calls, "role "+name)
	if pick(name, 3) == 0 {
		return "", false
	}
	return "/roles/" + name + `/"&`, true
}

// renderCases are the resolvers and options a page is rendered with in
// TestCompactMatchesTree and FuzzCompactMatchesTree.
func renderCases(d *Doc) []struct {
	name string
	r    func() Resolver
	opts RenderOptions
} {
	renames := map[string]string{}
	for i, k := range d.Tasks {
		if i%2 == 0 {
			renames[k.ID] = fmt.Sprintf(`r%d"&<`, i)
		}
	}
	words := func(key string) string {
		if key == "callout-note" || key == "callout-info" {
			return ""
		}
		return key + ` "&'<>` + "ä"
	}
	type tc = struct {
		name string
		r    func() Resolver
		opts RenderOptions
	}
	return []tc{
		{"nil", func() Resolver { return nil }, RenderOptions{}},
		{"mixed", func() Resolver { return &mixedResolver{} }, RenderOptions{KeepTitle: true}},
		{"file", func() Resolver { return &fileResolver{} }, RenderOptions{Strings: words, TaskIDs: renames}},
		{"file-keep", func() Resolver { return &fileResolver{} }, RenderOptions{Strings: words, TaskIDs: renames, KeepTitle: true}},
		{"stub", func() Resolver { return stubResolverIn{} }, RenderOptions{Strings: func(string) string { return "" }}},
	}
}

// stubResolverIn resolves everything to one address.
type stubResolverIn struct{}

func (stubResolverIn) Resolve(_, dest string) (string, bool) { return "/x/" + dest, true }

// compareCompact parses src both ways and checks that every render case
// writes the same bytes and asks the resolver the same questions.
func compareCompact(t *testing.T, c *Converter, ref goldmark.Markdown, src []byte) {
	t.Helper()
	in := Input{Path: "teams/x/p.md", Body: src, BodyLine: 3, Title: "T"}
	d := c.Parse(in)
	td, tr := c.parseTree(in)
	if d.Text != td.Text || len(d.Links) != len(td.Links) || len(d.Tasks) != len(td.Tasks) || d.TitleHTML != td.TitleHTML {
		t.Fatalf("%q: the facts differ", src)
	}
	for i, k := range renderCases(d) {
		var got, want bytes.Buffer
		rg, rw := k.r(), k.r()
		errGot := c.Render(&got, d, rg, k.opts)
		errWant := renderTree(ref, &want, td, tr, rw, k.opts)
		if errGot != nil || errWant != nil {
			t.Fatalf("%s: %q: errors %v, %v", k.name, src, errGot, errWant)
		}
		if !bytes.Equal(got.Bytes(), want.Bytes()) {
			t.Fatalf("%s: %q:\nprepared:\n%s\ntree:\n%s", k.name, src, got.Bytes(), want.Bytes())
		}
		if fmt.Sprint(rg) != fmt.Sprint(rw) {
			t.Fatalf("%s: %q: the resolver was asked\n%v\nnot\n%v", k.name, src, rg, rw)
		}
		// With KeepLinks, a render writes the same, and one again with the
		// same resolver asks it nothing more.
		keep := k.opts
		keep.KeepLinks = uint64(i + 1) // the cases' resolvers answer differently
		rk := k.r()
		for i := range 2 {
			got.Reset()
			if err := c.Render(&got, d, rk, keep); err != nil || !bytes.Equal(got.Bytes(), want.Bytes()) {
				t.Fatalf("%s: %q: render %d keeping links (%v):\n%s\nnot\n%s", k.name, src, i+1, err, got.Bytes(), want.Bytes())
			}
			if fmt.Sprint(rk) != fmt.Sprint(rw) {
				t.Fatalf("%s: %q: render %d keeping links asked\n%v\nnot\n%v", k.name, src, i+1, rk, rw)
			}
		}
	}
}

// TestKeepLinksAsksAgain checks that the links kept on a Doc are used
// again for the same KeepLinks only: with another, or with 0, the
// resolver is asked again.
func TestKeepLinksAsksAgain(t *testing.T) {
	d := New().Parse(Input{Path: "p.md", Body: []byte("[a](a.md) and [b](b.md)\n"), BodyLine: 1})
	render := func(r Resolver, key uint64) string {
		var b bytes.Buffer
		if err := New().Render(&b, d, r, RenderOptions{KeepLinks: key}); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}
	first, second, third := &mixedResolver{}, &mixedResolver{}, &mixedResolver{}
	want := render(first, 1)
	if got := render(first, 1); got != want || len(first.calls) != 2 {
		t.Errorf("the same key again: %d questions in all, wrote\n%s\nnot\n%s", len(first.calls), got, want)
	}
	if render(second, 2); len(second.calls) != 2 {
		t.Errorf("another key: the resolver was asked %d questions, not 2", len(second.calls))
	}
	for range 2 {
		render(third, 0)
	}
	if len(third.calls) != 4 {
		t.Errorf("key 0: the resolver was asked %d questions in two renders, not 4", len(third.calls))
	}
}

// corpus is the render fixtures and the pages that exercise every hole.
func corpus(t testing.TB) [][]byte {
	inputs, _ := filepath.Glob("testdata/render/*.md")
	var out [][]byte
	for _, in := range inputs {
		b, err := os.ReadFile(in)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, b)
	}
	for _, s := range []string{
		"# Title [link](a.md) [[Wiki]]\n\nText [a](b.md \"t\") ![i](c.png){width=\"600\"} [[Page#frag|label]] ![[pic.png|Alt \"x\"]] ![[pic.png]] ![[doc.pdf]]\n",
		"Intro\n\n# Not the title\n\n- [ ] Hiring manager: book [the laptop](it.md)\n- [x] IT: `code` {#explicit}\n- [ ] TBD\n- [ ] TBD\n",
		"(setup)=\n## Set up\n\nSee [](#setup), [](other.md#part \"Title\"), [](https://example.com/a?b=1&c), [](<a b.md>), [ ](x.md) and [](javascript:alert(1)).\n",
		"> [!NOTE]\n> text\n\n>[!ADMIN]\n>\n>more\n\n>[!VIDEO](https://v.example/1)\n\n>[!custom]\n> x\n",
		"```go\nfunc main() {}\n```\n\n    indented\n\n| a | b |\n|---|---|\n| [x](y.md) | ![z](javascript:alert(1)) |\n",
		"<!-- c -->\n\n# Title after a comment\n\n[[javascript:alert(1)]] [x](<a b.md>) [y](%zz) [[a|b]] ![a [b](c.md)](d.png)\n",
		"# Only a title",
		"[^1] and [x][ref]\n\n[^1]: foot [l](f.md)\n\n[ref]: r.md\n\n# Title later\n",
	} {
		out = append(out, []byte(s))
	}
	return out
}

// TestCompactMatchesTree checks that the prepared HTML renders to what
// rendering the tree writes, for every fixture, resolver and option.
func TestCompactMatchesTree(t *testing.T) {
	c := New()
	ref := newMarkdown(false, false, false)
	kinds := map[holeKind]bool{}
	for _, src := range corpus(t) {
		compareCompact(t, c, ref, src)
		for _, h := range c.Parse(Input{Path: "p.md", Body: src, BodyLine: 1}).holes {
			kinds[h.kind] = true
		}
	}
	for k := holeLinkDest; k <= holeTitleEnd; k++ {
		if !kinds[k] {
			t.Errorf("no page of the corpus has a hole of kind %d", k)
		}
	}
	cu := New(WithUnsafe(true))
	refu := newMarkdown(true, false, false)
	for _, src := range corpus(t) {
		compareCompact(t, cu, refu, src)
	}
	// Packed, as a preview keeps its pages.
	cp := New(WithPackedHTML())
	packed := 0
	for _, src := range corpus(t) {
		compareCompact(t, cp, ref, src)
		if cp.Parse(Input{Path: "p.md", Body: src, BodyLine: 1}).packed {
			packed++
		}
	}
	if packed == 0 {
		t.Error("no page of the corpus was packed")
	}
}

// FuzzCompactMatchesTree checks the same on any input.
func FuzzCompactMatchesTree(f *testing.F) {
	for _, src := range corpus(f) {
		f.Add(src)
	}
	c, cp := New(), New(WithPackedHTML())
	ref := newMarkdown(false, false, false)
	f.Fuzz(func(t *testing.T, src []byte) {
		if len(src) > 8192 {
			return
		}
		compareCompact(t, c, ref, src)
		compareCompact(t, cp, ref, src)
	})
}

// TestRenderConcurrent renders one Doc from several goroutines with
// different options, and parses and renders the page again in others;
// each writes what a render alone writes (run with -race to check that
// Render only reads the Doc).
func TestRenderConcurrent(t *testing.T) {
	c := New()
	var src []byte
	for _, b := range corpus(t) {
		src = append(append(src, b...), '\n')
	}
	d := c.Parse(Input{Path: "p.md", Body: src, BodyLine: 1})
	cases := renderCases(d)
	want := make([][]byte, len(cases))
	for i, k := range cases {
		var b bytes.Buffer
		if err := c.Render(&b, d, k.r(), k.opts); err != nil {
			t.Fatal(err)
		}
		want[i] = b.Bytes()
	}
	var wg sync.WaitGroup
	errs := make(chan error, 16*len(cases))
	for range 8 {
		for i, k := range cases {
			wg.Go(func() {
				var b bytes.Buffer
				if err := c.Render(&b, d, k.r(), k.opts); err != nil || !bytes.Equal(b.Bytes(), want[i]) {
					errs <- fmt.Errorf("%s: a concurrent render differs (%v)%s", k.name, err, firstDiff(b.Bytes(), want[i]))
				}
			})
			wg.Go(func() {
				var b bytes.Buffer
				d := c.Parse(Input{Path: "p.md", Body: src, BodyLine: 1})
				if err := c.Render(&b, d, k.r(), k.opts); err != nil || !bytes.Equal(b.Bytes(), want[i]) {
					errs <- fmt.Errorf("%s: a page parsed concurrently renders differently (%v)%s", k.name, err, firstDiff(b.Bytes(), want[i]))
				}
			})
		}
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

// TestPrepareChecksMarkup checks that markup other than what goldmark and
// the wikilink renderer are expected to write around a hole makes the
// page fail to render, instead of rendering wrong.
func TestPrepareChecksMarkup(t *testing.T) {
	src := []byte("[a](b.md) [[W]]\n")
	for _, tc := range []struct {
		name string
		edit func(r *recordingRenderer)
	}{
		{"link destination escaped otherwise", func(r *recordingRenderer) {
			r.link = func(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
				if entering {
					_, _ = w.WriteString(`<a href="/b.md">`)
				} else {
					_, _ = w.WriteString(`</a>`)
				}
				return ast.WalkContinue, nil
			}
		}},
		{"link element renamed", func(r *recordingRenderer) {
			r.link = func(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
				if entering {
					_, _ = w.WriteString(`<a class="x" href="b.md">`)
				}
				return ast.WalkContinue, nil
			}
		}},
		{"wikilink written otherwise", func(r *recordingRenderer) {
			r.wiki = func(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
				_, _ = w.WriteString(`<a data-x>`)
				return ast.WalkContinue, nil
			}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rr := newRecordingRenderer()
			tc.edit(rr)
			c := &Converter{md: newMarkdown(false, false, false)}
			c.md.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(rr, 0)))
			d := c.Parse(Input{Path: "p.md", Body: src, BodyLine: 1})
			err := c.Render(io.Discard, d, nil, RenderOptions{})
			if !errors.Is(err, errPrepare) {
				t.Fatalf("Render: %v, want an error of unexpected HTML", err)
			}
		})
	}
}

// firstDiff shows where got first differs from want.
func firstDiff(got, want []byte) string {
	i := 0
	for i < len(got) && i < len(want) && got[i] == want[i] {
		i++
	}
	from := max(0, i-100)
	return fmt.Sprintf(": at byte %d\n  got  %q\n  want %q", i, got[from:min(len(got), i+100)], want[from:min(len(want), i+100)])
}
