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
	// parts are the pieces of the page's text that make up the section:
	// for the introduction, the description and the text before and after
	// a level-1 heading that repeats the title.
	parts [3]string
	// terms are the section's distinct words, by number (see vocabulary),
	// with how often each occurs; words is the number of words.
	terms []termCount
	words int
}

type page struct {
	p        *model.Page
	sections []section
	// first is the number of the page's first section.
	first int
	// worker is the counter that numbered the page's words until
	// renumber gives them the language's numbers.
	worker int
	// fragments is the page's f/<n>.js.
	fragments File
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
		dir := Dir + "/" + lang + "/"
		vocab := analyze(dir, pages, texts)
		idx.files = append(idx.files, buildLang(lang, pages, vocab, opts)...)
	}
	slices.SortFunc(idx.files, func(a, b File) int { return strings.Compare(a.Name, b.Name) })
	return idx
}

// analyze splits each page into sections, counts their words and writes
// the page's fragments, then numbers the sections and returns the words
// of the language, which the sections' terms number.
func analyze(dir string, pages []page, texts map[string]string) []string {
	// Splitting and counting is most of the work; pages are independent,
	// so it runs on every core, each worker with a counter of its own.
	counters := make([]*counter, workers(len(pages)))
	for w := range counters {
		counters[w] = newCounter()
	}
	parallel(len(pages), len(counters), func(w, i int) {
		pg := &pages[i]
		pg.worker = w
		counters[w].page(pg, texts[pg.p.Path])
		pg.fragments = fragments(fmt.Sprintf("%sf/%d.js", dir, i), pg)
	})
	doc := 0
	for i := range pages {
		pages[i].first = doc
		doc += len(pages[i].sections)
	}
	return renumber(pages, counters)
}

// page splits a page's text into sections and counts their words.
func (c *counter) page(pg *page, text string) {
	pg.sections = split(pg.p, text)
	var all []termCount
	ends := make([]int, len(pg.sections))
	for j := range pg.sections {
		s := &pg.sections[j]
		for _, part := range s.parts {
			c.count(part)
		}
		all, s.words = c.flush(all)
		ends[j] = len(all)
	}
	from := 0
	for j := range pg.sections {
		pg.sections[j].terms = all[from:ends[j]:ends[j]]
		from = ends[j]
	}
}

// renumber gives the words of every counter one number in the language,
// rewrites the sections' terms with it, and returns the words by number.
func renumber(pages []page, counters []*counter) []string {
	ids := map[string]uint32{}
	var vocab []string
	remap := make([][]uint32, len(counters))
	for w, c := range counters {
		remap[w] = make([]uint32, len(c.vocab))
		for i, t := range c.vocab {
			id, ok := ids[t]
			if !ok {
				id = uint32(len(vocab))
				ids[t] = id
				vocab = append(vocab, t)
			}
			remap[w][i] = id
		}
	}
	for _, pg := range pages {
		to := remap[pg.worker]
		for _, s := range pg.sections {
			for k := range s.terms {
				s.terms[k].term = to[s.terms[k].term]
			}
		}
	}
	return vocab
}

// workers is the number of goroutines for n independent pieces of work.
func workers(n int) int { return max(1, min(n, runtime.GOMAXPROCS(0))) }

// parallel calls do(w, i) for every i below n, on workers goroutines; w
// is the number of the goroutine, below workers, so that do can keep
// state by goroutine.
func parallel(n, workers int, do func(w, i int)) {
	var wg sync.WaitGroup
	next := make(chan int)
	for w := range workers {
		wg.Go(func() {
			for i := range next {
				do(w, i)
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
//	f/<n>.js      the text of page n's sections, for snippets.
func buildLang(lang string, pages []page, vocab []string, opts Options) []File {
	dir := Dir + "/" + lang + "/"
	files := make([]File, 0, len(pages)+len(pages)/chunkPages+1)
	for i := range pages {
		files = append(files, pages[i].fragments)
		pages[i].fragments = File{}
	}
	chunks, counts := pageChunks(dir, pages)
	files = append(files, chunks...)

	terms, enc := titleIndex(pages)
	titleShards, titles := writeShards(dir+"h/", terms, enc, opts.ShardSize)
	files = append(files, titleShards...)

	terms, enc = bodyIndex(pages, vocab)
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
	secs := make([]section, 1, len(p.Headings())+1)
	secs[0].parts[0] = p.Description
	pos := 0
	cur, part := &secs[0], 1
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
		cur.parts[part] = text[start:at]
		part++
		pos = at + len(h.Text)
		start = pos
		if h.Level == 1 && i == 0 {
			continue
		}
		secs = append(secs, section{heading: h})
		cur, part = &secs[len(secs)-1], 0
	}
	cur.parts[part] = text[start:]
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
