// Command floor does the least work any Markdown site generator does with a
// folder of pages, as fast as it can, so that a generator's build can be
// measured against it: it reads every .md file under a folder, splits off
// the YAML front matter and decodes it, parses the body with goldmark
// (GFM tables, strikethrough, task lists and autolinks, footnotes,
// definition lists and heading ids, the extensions playbook uses) and
// renders it to HTML, highlighting every fenced code block with chroma
// (HTML with CSS classes), on every core. The HTML is thrown away: no
// templates, no site model, no links, no files written.
//
//	go run ./cmd/bench/floor DIR
//
// With -o OUT it also writes each page's HTML, as it is, to
// OUT/PATH/index.html for DIR/PATH.md, and to OUT/FOLDER/index.html for
// DIR/FOLDER/index.md or _index.md: the least a generator that publishes
// the pages with pretty URLs writes, a folder and a file per page. It
// tells how much of a generator's time over the floor's writing the site
// takes. OUT must not exist.
//
// It prints the pages, the bytes read and the bytes of HTML rendered, and
// the wall time. cmd/bench/compare.sh and cmd/bench/realworld.sh run it
// under /usr/bin/time beside playbook and Hugo.
//
// It uses goldmark and chroma as they come (chroma's own HTML formatter),
// not generator/markdown, so it measures the libraries, not playbook.
package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/alecthomas/chroma/v2"
	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/alecthomas/chroma/v2/styles"
	"github.com/goccy/go-yaml"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

func main() {
	if err := run(context.Background(), os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "floor:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string, stdout io.Writer) error {
	fl := flag.NewFlagSet("floor", flag.ContinueOnError)
	workers := fl.Int("j", runtime.GOMAXPROCS(0), "pages rendered at once")
	out := fl.String("o", "", "also write each page's HTML under this new `folder`")
	if err := fl.Parse(args); err != nil {
		return err
	}
	if fl.NArg() != 1 || *workers < 1 {
		return fmt.Errorf("usage: floor [-j N] [-o OUT] DIR")
	}
	start := time.Now()
	if *out != "" {
		if err := os.Mkdir(*out, 0o755); err != nil {
			return err
		}
	}
	paths, err := markdownFiles(fl.Arg(0))
	if err != nil {
		return err
	}
	tot, err := renderAll(ctx, fl.Arg(0), paths, *workers, *out)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%d pages, %d bytes of Markdown, %d bytes of HTML, %d code blocks, in %.2f s\n",
		tot.pages, tot.in, tot.out, tot.code, time.Since(start).Seconds())
	if tot.badFront > 0 {
		fmt.Fprintf(stdout, "front matter that is not YAML: %d page(s), rendered all the same\n", tot.badFront)
	}
	return nil
}

// markdownFiles returns the .md files under dir, in walk order.
func markdownFiles(dir string) ([]string, error) {
	var paths []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type().IsRegular() && strings.HasSuffix(d.Name(), ".md") {
			paths = append(paths, p)
		}
		return nil
	})
	if err == nil && len(paths) == 0 {
		err = fmt.Errorf("%s holds no .md files", dir)
	}
	return paths, err
}

// totals counts what the workers did.
type totals struct {
	pages, in, out, code int64
	badFront             int64 // pages whose front matter did not decode
}

func (t *totals) add(u totals) {
	t.pages += u.pages
	t.in += u.in
	t.out += u.out
	t.code += u.code
	t.badFront += u.badFront
}

// renderAll renders the pages under dir on n workers, each with its own
// goldmark and chroma formatter, and adds up what they did; with out set,
// it writes each page there. It stops at the first error (a file that
// cannot be read or written).
func renderAll(ctx context.Context, dir string, paths []string, n int, out string) (totals, error) {
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	next := make(chan string)
	var (
		mu  sync.Mutex
		tot totals
		wg  sync.WaitGroup
	)
	for range n {
		wg.Go(func() {
			w := newWorker()
			for p := range next {
				err := w.page(p)
				if err == nil && out != "" {
					err = writePage(dir, p, out, w.buf.Bytes())
				}
				if err != nil {
					cancel(err)
					return
				}
			}
			mu.Lock()
			tot.add(w.totals)
			mu.Unlock()
		})
	}
feed:
	for _, p := range paths {
		select {
		case next <- p:
		case <-ctx.Done():
			break feed
		}
	}
	close(next)
	wg.Wait()
	return tot, context.Cause(ctx)
}

// worker renders one page at a time into a buffer it reuses.
type worker struct {
	md     goldmark.Markdown
	code   *codeRenderer
	buf    bytes.Buffer
	totals totals
}

func newWorker() *worker {
	code := &codeRenderer{
		formatter: chromahtml.New(chromahtml.WithClasses(true)),
		style:     styles.Get("github"),
		lexers:    map[string]chroma.Lexer{},
	}
	md := goldmark.New(
		goldmark.WithExtensions(extension.GFM, extension.Footnote, extension.DefinitionList),
		goldmark.WithParserOptions(parser.WithAutoHeadingID(), parser.WithHeadingAttribute()),
		goldmark.WithRendererOptions(renderer.WithNodeRenderers(util.Prioritized(code, 100))),
	)
	return &worker{md: md, code: code}
}

// page reads, decodes, parses and renders one file.
func (w *worker) page(path string) error {
	src, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	// A generator reports bad front matter and goes on; so does the
	// floor, counting it, so that it runs on any handbook.
	front, body := splitFront(src)
	if front != nil {
		var meta map[string]any
		if yaml.Unmarshal(front, &meta) != nil {
			w.totals.badFront++
		}
	}
	w.buf.Reset()
	w.code.blocks = 0
	if err := w.md.Convert(body, &w.buf); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	w.totals.add(totals{pages: 1, in: int64(len(src)), out: int64(w.buf.Len()), code: int64(w.code.blocks)})
	return nil
}

// writePage writes the HTML of the page at path, under dir, to out, in a
// folder of its own as pretty URLs have it.
func writePage(dir, path, out string, html []byte) error {
	rel, err := filepath.Rel(dir, strings.TrimSuffix(path, ".md"))
	if err != nil {
		return err
	}
	if base := filepath.Base(rel); base == "index" || base == "_index" {
		rel = filepath.Dir(rel)
	}
	folder := filepath.Join(out, rel)
	if err := os.MkdirAll(folder, 0o755); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(folder, "index.html"), html, 0o644)
}

// splitFront returns the YAML between a first line "---" and the next line
// "---", and the body after it; without such a block, nil and src.
func splitFront(src []byte) (front, body []byte) {
	rest, ok := bytes.CutPrefix(src, []byte("---\n"))
	if !ok {
		rest, ok = bytes.CutPrefix(src, []byte("---\r\n"))
	}
	if !ok {
		return nil, src
	}
	for off := 0; off < len(rest); {
		line := rest[off:]
		end := bytes.IndexByte(line, '\n')
		if end < 0 {
			end = len(line)
		} else {
			end++
		}
		if string(bytes.TrimRight(line[:end], "\r\n")) == "---" {
			return rest[:off], rest[off+end:]
		}
		off += end
	}
	return nil, src
}

// codeRenderer renders code blocks with chroma's HTML formatter, with CSS
// classes (as Hugo does with noClasses = false).
type codeRenderer struct {
	formatter *chromahtml.Formatter
	style     *chroma.Style
	lexers    map[string]chroma.Lexer // by language; nil for unknown ones
	blocks    int
}

func (r *codeRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindFencedCodeBlock, r.render)
}

func (r *codeRenderer) lexer(lang string) chroma.Lexer {
	lx, ok := r.lexers[lang]
	if !ok {
		if lx = lexers.Get(lang); lx != nil {
			lx = chroma.Coalesce(lx)
		}
		r.lexers[lang] = lx
	}
	if lx == nil {
		return lexers.Fallback
	}
	return lx
}

func (r *codeRenderer) render(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkSkipChildren, nil
	}
	r.blocks++
	fc := n.(*ast.FencedCodeBlock)
	var code strings.Builder
	for i := range fc.Lines().Len() {
		seg := fc.Lines().At(i)
		code.Write(seg.Value(src))
	}
	it, err := r.lexer(string(fc.Language(src))).Tokenise(nil, code.String())
	if err != nil {
		return ast.WalkStop, err
	}
	if err := r.formatter.Format(w, r.style, it); err != nil {
		return ast.WalkStop, err
	}
	return ast.WalkSkipChildren, nil
}
