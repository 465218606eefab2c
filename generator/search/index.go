package search

import (
	"bytes"
	"encoding/json"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/playbookhq/playbook/generator/model"
)

// Version is the format of the files, read by search.js.
const Version = 2

// Dir is the folder of the index in the output.
const Dir = "search"

// DefaultShardSize is the size in bytes above which a shard of the title
// or the body index is split by a longer term prefix.
const DefaultShardSize = 8 << 10

// Options tune Build.
type Options struct {
	// ShardSize overrides DefaultShardSize.
	ShardSize int
}

// File is one file of the index.
type File struct {
	// Name is the file's path in the output, for example "search/en/index.js".
	Name string
	Data []byte
}

// Index is the built search index of every language of a site.
type Index struct {
	files []File
}

// Files returns the index's files, sorted by name.
func (idx *Index) Files() []File { return idx.files }

// section is one searchable part of a page: the text before the first
// heading, or a heading and the text under it. Sections are the index's
// documents, numbered in page order across a language.
type section struct {
	heading model.Heading // zero for the introduction
	text    string
	// terms are the section's distinct words, folded, and tfs how often
	// each occurs; words is the number of words.
	terms []string
	tfs   []int
	words int
}

type page struct {
	p        *model.Page
	sections []section
	// first is the number of the page's first section.
	first int
}

// Build indexes the pages that come from Markdown files. texts maps a
// page's source path to its plain text (headings on lines of their own,
// in order).
func Build(site *model.Site, texts map[string]string, opts Options) *Index {
	if opts.ShardSize <= 0 {
		opts.ShardSize = DefaultShardSize
	}
	idx := &Index{}
	for _, lang := range site.Languages() {
		var pages []page
		for _, p := range site.Pages() {
			if p.Lang == lang && p.Input != nil {
				pages = append(pages, page{p: p})
			}
		}
		if len(pages) == 0 {
			continue
		}
		analyze(pages, texts)
		idx.files = append(idx.files, buildLang(lang, pages, opts)...)
	}
	slices.SortFunc(idx.files, func(a, b File) int { return strings.Compare(a.Name, b.Name) })
	return idx
}

// analyze splits each page into sections and counts their words, and
// numbers the sections.
func analyze(pages []page, texts map[string]string) {
	// Splitting and tokenizing is most of the work; pages are
	// independent, so it runs on every core.
	parallel(len(pages), func() func(i int) {
		c := &counter{index: map[string]int{}}
		return func(i int) {
			pg := &pages[i]
			pg.sections = split(pg.p, texts[pg.p.Path])
			for j := range pg.sections {
				s := &pg.sections[j]
				c.reset()
				c.count(s.text)
				s.terms, s.tfs, s.words = slices.Clone(c.terms), slices.Clone(c.tfs), c.words
			}
		}
	})
	doc := 0
	for i := range pages {
		pages[i].first = doc
		doc += len(pages[i].sections)
	}
}

// parallel calls the function made by worker for every i below n, on
// every core; each worker makes its own, so that it can keep state.
func parallel(n int, worker func() func(i int)) {
	var wg sync.WaitGroup
	next := make(chan int)
	for range min(n, runtime.GOMAXPROCS(0)) {
		wg.Go(func() {
			do := worker()
			for i := range next {
				do(i)
			}
		})
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
}

// buildLang writes one language's files:
//
//	index.js      the manifest (manifest below);
//	h/<n>.js      the title, tag and heading index, by term prefix;
//	t/<n>.js      the body index, by term prefix;
//	p/<n>.js      the URL, title and headings of chunkPages pages;
//	f/<doc>.js    the text of one section, for snippets.
func buildLang(lang string, pages []page, opts Options) []File {
	dir := Dir + "/" + lang + "/"
	files := fragments(dir, pages)
	chunks, counts := pageChunks(dir, pages)
	files = append(files, chunks...)

	terms, enc := titleIndex(pages)
	titleShards, titles := writeShards(dir+"h/", terms, enc, opts.ShardSize)
	files = append(files, titleShards...)

	terms, enc = bodyIndex(pages)
	bodyShards, body := writeShards(dir+"t/", terms, enc, opts.ShardSize)
	files = append(files, bodyShards...)

	last := pages[len(pages)-1]
	files = append(files, jsFile(dir+"index.js", manifest{
		V:      Version,
		Lang:   lang,
		Docs:   last.first + len(last.sections),
		Chunk:  chunkPages,
		Counts: counts,
		Titles: titles,
		Body:   body,
	}))
	return files
}

// manifest is a language's index.js: what search.js loads first.
type manifest struct {
	V    int    `json:"v"`
	Lang string `json:"lang"`
	// Docs is the number of sections.
	Docs int `json:"docs"`
	// Chunk is the number of pages of each p/<n>.js, and Counts the number
	// of sections in each, as varints: search.js finds a section's chunk
	// from it.
	Chunk  int    `json:"chunk"`
	Counts string `json:"counts"`
	// Titles and Body list the shards of the two indexes, [key, size in
	// bytes] each: a term is in the shard with the longest key that is a
	// prefix of it.
	Titles [][2]any `json:"titles"`
	Body   [][2]any `json:"body"`
}

// writeShards groups the encoded entries of sorted terms into shard files
// under dir, and returns them with their manifest.
func writeShards(dir string, terms []string, enc []json.RawMessage, limit int) ([]File, [][2]any) {
	shards := shard(terms, enc, limit)
	files := make([]File, len(shards))
	list := make([][2]any, len(shards))
	for i, s := range shards {
		entries := make([]json.RawMessage, len(s.terms))
		for j, t := range s.terms {
			entries[j] = enc[t]
		}
		files[i] = jsFile(fmt.Sprintf("%s%d.js", dir, i), entries)
		list[i] = [2]any{s.key, len(files[i].Data)}
	}
	return files, list
}

// split cuts a page's plain text at its headings. A level-1 heading that
// repeats the title belongs to the introduction.
func split(p *model.Page, text string) []section {
	secs := []section{{}}
	pos := 0
	cur := &secs[0]
	start := 0
	for i, h := range p.Headings() {
		at := findLine(text, h.Text, pos)
		if at < 0 {
			// Not found in order: the heading still gets its (empty) section
			// so that sections and headings stay aligned.
			if h.Level > 1 || i > 0 {
				secs = append(secs, section{heading: h})
			}
			continue
		}
		cur.text += text[start:at]
		pos = at + len(h.Text)
		start = pos
		if h.Level == 1 && i == 0 {
			continue
		}
		secs = append(secs, section{heading: h})
		cur = &secs[len(secs)-1]
	}
	cur.text += text[start:]
	if d := p.Description; d != "" {
		secs[0].text = d + "\n" + secs[0].text
	}
	for i := range secs {
		secs[i].text = collapseSpace(secs[i].text)
	}
	return secs
}

// findLine finds heading text ending a line at or after pos.
func findLine(text, h string, pos int) int {
	for from := pos; from <= len(text); {
		i := strings.Index(text[from:], h)
		if i < 0 || h == "" {
			return -1
		}
		at := from + i
		end := at + len(h)
		if end == len(text) || text[end] == '\n' {
			return at
		}
		from = at + 1
	}
	return -1
}

// jsFile wraps data as a script that queues it for search.js.
func jsFile(name string, data any) File {
	var b bytes.Buffer
	b.WriteString(`(self.playbookSearch=self.playbookSearch||[]).push([`)
	key, _ := json.Marshal(strings.TrimSuffix(strings.TrimPrefix(name, Dir+"/"), ".js"))
	b.Write(key)
	b.WriteByte(',')
	enc := json.NewEncoder(&b)
	if err := enc.Encode(data); err != nil {
		panic(err) // only plain values are encoded
	}
	b.Truncate(b.Len() - 1)
	b.WriteString("]);\n")
	return File{Name: name, Data: b.Bytes()}
}

// fragmentSize is the most text of a section kept for snippets.
const fragmentSize = 1200

// clip shortens text to at most n bytes, at a space.
func clip(text string, n int) string {
	if len(text) <= n {
		return text
	}
	cut := strings.LastIndexByte(text[:n], ' ')
	if cut < n/2 {
		cut = n
		for cut > 0 && !utf8.RuneStart(text[cut]) {
			cut--
		}
	}
	return text[:cut]
}
