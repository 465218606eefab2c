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
const Version = 3

// Dir is the folder of the index in the output.
const Dir = "search"

// DefaultShardSize is the size in bytes up to which a shard of the title
// or the body index is filled with terms (see shard): what a query
// downloads for each word it looks up.
const DefaultShardSize = 4 << 10

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
	// heading is the section's heading; for the introduction, the page's
	// title heading (model.Heading.IsTitle), if it has one, whose words
	// the title index adds to the title's: the page shows it in place of
	// the title, which it need not repeat word for word.
	heading model.Heading
	// parts are the pieces of the page's text that make up the section:
	// for the introduction, the description and the text before and after
	// a level-1 heading that repeats the title.
	parts [3]string
	// terms are the section's distinct words, by number (see vocabulary),
	// with how often each occurs; words is the number of words.
	terms termList
	words int
}

type page struct {
	p *model.Page
	a *Analysis
	// first is the number of the page's first section.
	first int
}

// Analyzer splits pages' text into sections and counts their words. It
// is meant to run as the pages are parsed, on any number of goroutines at
// once: what it keeps of a page, an Analysis, is a fraction of the page's
// text, which then need not be kept until the index is built. It has a
// counter per core, each of which numbers the words it meets, so that a
// word costs a string only the first time; Build gives the words one
// number per language.
//
// The shared counters never forget a word. A long-lived Analyzer, such as
// the preview server's, analyzes the pages an edit changes with PageAlone,
// whose words go when its Analysis does.
type Analyzer struct {
	free     chan *counter
	counters []*counter
	// reading is held while vocabs holds every counter, so that two
	// index builds cannot each hold some and wait for the rest.
	reading sync.Mutex
}

// NewAnalyzer returns an Analyzer with a counter per core.
func NewAnalyzer() *Analyzer {
	n := runtime.GOMAXPROCS(0)
	a := &Analyzer{free: make(chan *counter, n)}
	for range n {
		c := newCounter()
		a.counters = append(a.counters, c)
		a.free <- c
	}
	return a
}

// Analysis is what the index keeps of a page's text: its sections, their
// words counted, and the texts of its snippets.
type Analysis struct {
	sections []section
	// counter numbered the words.
	counter *counter
	// snippets is the list of the sections' texts for f/<n>.js, encoded.
	snippets []byte
}

// Page analyzes a page from its description, its headings in order and
// its plain text (headings on lines of their own, in order), numbering
// its words with a shared counter.
func (a *Analyzer) Page(description string, headings []model.Heading, text string) *Analysis {
	c := <-a.free
	defer func() { a.free <- c }()
	return analyze(c, description, headings, text)
}

// PageAlone is Page with a counter of the page's own, which is let go of
// with the Analysis: for a page analyzed again after an edit, whose new
// words would otherwise stay in a shared counter for as long as the
// Analyzer lives.
func (a *Analyzer) PageAlone(description string, headings []model.Heading, text string) *Analysis {
	return analyze(newCounter(), description, headings, text)
}

// analyze makes a page's Analysis with counter c.
func analyze(c *counter, description string, headings []model.Heading, text string) *Analysis {
	an := &Analysis{counter: c, sections: split(description, headings, text)}
	c.sections(an.sections)
	an.snippets = snippets(an.sections)
	for j := range an.sections {
		an.sections[j].parts = [3]string{} // the text is not kept
	}
	return an
}

// vocabs returns the words each shared counter has numbered so far, by
// number. It holds every counter while it reads them: the words of a
// counter only grow, so what it returns stays true while other pages are
// analyzed.
func (a *Analyzer) vocabs() map[*counter][]string {
	a.reading.Lock()
	defer a.reading.Unlock()
	held := make([]*counter, 0, len(a.counters))
	for range a.counters {
		held = append(held, <-a.free)
	}
	out := make(map[*counter][]string, len(held))
	for _, c := range held {
		out[c] = c.vocab
	}
	for _, c := range held {
		a.free <- c
	}
	return out
}

// Build indexes the pages that come from Markdown files, from their
// analyses by source path, made by a. A page without one is indexed
// with its headings and description only.
func Build(site *model.Site, analyses map[string]*Analysis, a *Analyzer, opts Options) *Index {
	if opts.ShardSize <= 0 {
		opts.ShardSize = DefaultShardSize
	}
	byLang := map[string][]page{}
	for _, p := range site.Pages() {
		if p.Input == nil || p.RedirectTo != "" {
			continue
		}
		an := analyses[p.Path]
		if an == nil {
			an = a.Page(p.Description, p.Headings(), "")
		}
		byLang[p.Lang] = append(byLang[p.Lang], page{p: p, a: an})
	}
	vocabs := a.vocabs()
	idx := &Index{}
	for _, lang := range site.Languages() {
		// A language without pages gets an empty index all the same:
		// search.js offers every language's results.
		pages := byLang[lang]
		doc := 0
		for i := range pages {
			pages[i].first = doc
			doc += len(pages[i].a.sections)
		}
		idx.files = append(idx.files, buildLang(lang, pages, numbering(pages, vocabs), opts)...)
	}
	slices.SortFunc(idx.files, func(a, b File) int { return strings.Compare(a.Name, b.Name) })
	return idx
}

// sections counts the words of a page's sections.
func (c *counter) sections(secs []section) {
	var all termList
	ends := make([]int, len(secs))
	for j := range secs {
		s := &secs[j]
		for _, part := range s.parts {
			c.count(part)
		}
		all, s.words = c.flush(all)
		ends[j] = len(all)
	}
	all = bytes.Clone(all) // without the room append left
	from := 0
	for j := range secs {
		secs[j].terms = all[from:ends[j]:ends[j]]
		from = ends[j]
	}
}

// words numbers the words of one language's pages: vocab lists them by
// number, and remap gives, for each counter, the number in vocab of each
// of its words (noWord for those the language does not use).
type words struct {
	vocab []string
	remap map[*counter][]uint32
}

const noWord = ^uint32(0)

// numbering gives the words the pages use one number, in the order the
// pages use them. shared holds what the shared counters had numbered when
// the build began; a page's own counter is done with once its page is
// analyzed.
func numbering(pages []page, shared map[*counter][]string) words {
	w := words{remap: map[*counter][]uint32{}}
	ids := map[string]uint32{}
	for _, pg := range pages {
		c := pg.a.counter
		from, ok := shared[c]
		if !ok {
			from = c.vocab
		}
		to := w.remap[c]
		if to == nil {
			to = make([]uint32, len(from))
			for j := range to {
				to[j] = noWord
			}
			w.remap[c] = to
		}
		for _, s := range pg.a.sections {
			for t := range s.terms.all() {
				if to[t.term] != noWord {
					continue
				}
				term := from[t.term]
				id, ok := ids[term]
				if !ok {
					id = uint32(len(w.vocab))
					ids[term] = id
					w.vocab = append(w.vocab, term)
				}
				to[t.term] = id
			}
		}
	}
	return w
}

// buildLang writes one language's files:
//
//	index.js      the manifest (manifest below);
//	h/<n>.js      the title, tag and heading index, by term prefix;
//	t/<n>.js      the body index, by term prefix;
//	p/<n>.js      the URL, title and headings of chunkPages pages;
//	f/<n>.js      the text of page n's sections, for snippets.
func buildLang(lang string, pages []page, w words, opts Options) []File {
	dir := Dir + "/" + lang + "/"
	files := make([]File, 0, len(pages)+len(pages)/chunkPages+1)
	for i := range pages {
		files = append(files, jsRaw(fmt.Sprintf("%sf/%d.js", dir, i), pages[i].a.snippets))
	}
	chunks, counts := pageChunks(dir, pages)
	files = append(files, chunks...)

	terms, enc := titleIndex(pages)
	titleShards, titles := writeShards(dir+"h/", terms, enc, opts.ShardSize)
	files = append(files, titleShards...)

	terms, enc = bodyIndex(pages, w)
	bodyShards, body := writeShards(dir+"t/", terms, enc, opts.ShardSize)
	files = append(files, bodyShards...)

	docs := 0
	if len(pages) > 0 {
		last := pages[len(pages)-1]
		docs = last.first + len(last.a.sections)
	}
	files = append(files, jsFile(dir+"index.js", manifest{
		V:      Version,
		Lang:   lang,
		Docs:   docs,
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
	// bytes] each: a term is in the last shard whose key does not sort
	// after it (see shard).
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

// split cuts a page's plain text at its headings. The title heading
// (model.Heading.IsTitle) belongs to the introduction, which starts with
// the page's description; other level-1 headings start sections.
func split(description string, headings []model.Heading, text string) []section {
	secs := make([]section, 1, len(headings)+1)
	secs[0].parts[0] = description
	pos := 0
	cur, part := &secs[0], 1
	start := 0
	for _, h := range headings {
		at := findLine(text, h.Text, pos)
		if at < 0 {
			// Not found in order: the heading still gets its (empty) section
			// so that sections and headings stay aligned.
			if h.IsTitle {
				secs[0].heading = h
			} else {
				secs = append(secs, section{heading: h})
			}
			continue
		}
		cur.parts[part] = text[start:at]
		part++
		pos = at + len(h.Text)
		start = pos
		if h.IsTitle {
			secs[0].heading = h
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
	enc, err := json.Marshal(data)
	if err != nil {
		panic(err) // only plain values are encoded
	}
	return jsRaw(name, enc)
}

// jsRaw is jsFile for data already encoded.
func jsRaw(name string, enc []byte) File {
	var b bytes.Buffer
	b.WriteString(`(self.playbookSearch=self.playbookSearch||[]).push([`)
	key, _ := json.Marshal(strings.TrimSuffix(strings.TrimPrefix(name, Dir+"/"), ".js"))
	b.Grow(len(key) + len(enc) + 5)
	b.Write(key)
	b.WriteByte(',')
	b.Write(enc)
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
