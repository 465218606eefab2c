package search

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"math"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/playbookhq/playbook/generator/model"
)

// Version is the format of the files, read by search.js.
const Version = 1

// Dir is the folder of the index in the output.
const Dir = "search"

// DefaultShardSize is the size in bytes above which a shard of the body
// index is split by a longer term prefix.
const DefaultShardSize = 48 << 10

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
// heading, or a heading and the text under it.
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
	// frag is the file of the page's text by section, for snippets.
	frag File
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
		// Splitting and tokenizing is most of the work; pages are
		// independent, so it runs on every core.
		var wg sync.WaitGroup
		next := make(chan int)
		for range min(len(pages), runtime.GOMAXPROCS(0)) {
			wg.Go(func() {
				c := &counter{index: map[string]int{}}
				for i := range next {
					pg := &pages[i]
					pg.sections = split(pg.p, texts[pg.p.Path])
					frag := make([]string, len(pg.sections))
					for j := range pg.sections {
						s := &pg.sections[j]
						c.reset()
						c.count(s.text)
						s.terms, s.tfs, s.words = slices.Clone(c.terms), slices.Clone(c.tfs), c.words
						frag[j] = clip(s.text, fragmentSize)
					}
					pg.frag = jsFile(fmt.Sprintf("%s/%s/f/%d.js", Dir, lang, i), frag)
				}
			})
		}
		for i := range pages {
			next <- i
		}
		close(next)
		wg.Wait()
		if len(pages) == 0 {
			continue
		}
		idx.files = append(idx.files, buildLang(lang, pages, opts)...)
	}
	slices.SortFunc(idx.files, func(a, b File) int { return strings.Compare(a.Name, b.Name) })
	return idx
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

// buildLang writes one language's files.
func buildLang(lang string, pages []page, opts Options) []File {
	dir := Dir + "/" + lang + "/"
	var files []File

	// The inverted index of the bodies: term → documents (sections) in
	// order, with the number of times the term occurs.
	type posting struct{ doc, tf int }
	postings := map[string][]posting{}
	docs := 0
	for _, pg := range pages {
		for _, s := range pg.sections {
			for j, t := range s.terms {
				postings[t] = append(postings[t], posting{docs, s.tfs[j]})
			}
			docs++
		}
	}
	// Each term's entry is [term, postings] in one of two forms, whichever
	// is shorter:
	//   - a list: positive numbers are gaps between document numbers (the
	//     first counted from -1) of documents where the term occurs once;
	//     a negative number is a gap followed by the count;
	//   - a string with one character per document, the count in base 36
	//     ("0" where the term does not occur, at most "z"), for terms found
	//     in a large share of the documents.
	terms := slices.Sorted(maps.Keys(postings))
	encoded := make([]json.RawMessage, len(terms))
	var buf []byte
	dense := make([]byte, docs)
	for i, t := range terms {
		buf = buf[:0]
		prev := -1
		for j, p := range postings[t] {
			if j > 0 {
				buf = append(buf, ',')
			}
			gap := p.doc - prev
			prev = p.doc
			if p.tf == 1 {
				buf = strconv.AppendInt(buf, int64(gap), 10)
			} else {
				buf = strconv.AppendInt(buf, int64(-gap), 10)
				buf = append(buf, ',')
				buf = strconv.AppendInt(buf, int64(p.tf), 10)
			}
		}
		var b bytes.Buffer
		b.WriteByte('[')
		k, _ := json.Marshal(t)
		b.Write(k)
		if len(buf) <= docs {
			b.WriteString(",[")
			b.Write(buf)
			b.WriteString("]]")
		} else {
			for d := range dense {
				dense[d] = '0'
			}
			for _, p := range postings[t] {
				dense[p.doc] = base36[min(p.tf, len(base36)-1)]
			}
			b.WriteString(`,"`)
			b.Write(dense)
			b.WriteString(`"]`)
		}
		encoded[i] = b.Bytes()
	}
	shards := shard(terms, encoded, opts.ShardSize)
	manifest := make([][2]any, len(shards))
	for i, s := range shards {
		entries := make([]json.RawMessage, len(s.terms))
		for j, t := range s.terms {
			entries[j] = encoded[t]
		}
		f := jsFile(fmt.Sprintf("%st/%d.js", dir, i), entries)
		files = append(files, f)
		manifest[i] = [2]any{s.key, len(f.Data)}
	}

	// The page list: titles, tags and headings, each page's URL split into
	// a shared folder and its last segment. A page is
	//
	//	[folder, last segment, title, tags, lengths, heading...]
	//
	// where lengths has one character per section (lengthCode) and a
	// heading is its text, or [text, id] when search.js cannot derive the
	// id from the text.
	var folders []string
	folderIdx := map[string]int{}
	list := make([]any, len(pages))
	sum := 0.0
	for i, pg := range pages {
		folder, last := splitURL(pg.p.URL)
		fi, ok := folderIdx[folder]
		if !ok {
			fi = len(folders)
			folderIdx[folder] = fi
			folders = append(folders, folder)
		}
		var lens strings.Builder
		for _, s := range pg.sections {
			c := lengthCode(s.words)
			lens.WriteByte(lengthDigits[c])
			sum += lengthOf(c)
		}
		entry := []any{fi, last, pg.p.Title, strings.Join(pg.p.Tags, " "), lens.String()}
		for _, s := range pg.sections[1:] {
			if s.heading.ID != simpleSlug(s.heading.Text) {
				entry = append(entry, []string{s.heading.Text, s.heading.ID})
			} else {
				entry = append(entry, s.heading.Text)
			}
		}
		list[i] = entry

		files = append(files, pg.frag)
	}
	avg := 0.0
	if docs > 0 {
		avg = math.Round(sum/float64(docs)*100) / 100
	}
	files = append(files, jsFile(dir+"index.js", map[string]any{
		"v":       Version,
		"lang":    lang,
		"folders": folders,
		"pages":   list,
		"docs":    docs,
		"avg":     avg,
		"shards":  manifest,
	}))
	return files
}

const base36 = "0123456789abcdefghijklmnopqrstuvwxyz"

// Section lengths (in words) are stored as one character each: code c
// stands for about 1.2^c - 1 words. Ranking only needs lengths relative to
// the average, and this keeps the page list small.
const lengthDigits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"

func lengthCode(n int) int {
	return min(len(lengthDigits)-1, int(math.Round(math.Log(float64(n)+1)/math.Log(1.2))))
}

func lengthOf(c int) float64 { return math.Round(math.Pow(1.2, float64(c)) - 1) }

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

// splitURL splits "/teams/it/" into "/teams/" and "it/".
func splitURL(u string) (string, string) {
	trimmed := strings.TrimSuffix(u, "/")
	i := strings.LastIndexByte(trimmed, '/')
	if i < 0 {
		return "", u
	}
	return u[:i+1], u[i+1:]
}
