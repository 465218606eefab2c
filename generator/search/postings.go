package search

import (
	"encoding/json"
	"maps"
	"slices"
	"strings"
)

// The body index stores with each posting a weight level instead of a
// count: the term-frequency part of BM25, computed here with the section's
// real length, in four steps. search.js hands MiniSearch a count for each
// level that gives the same part at the average length, so no section
// lengths need to be loaded. bm25K and bm25B are MiniSearch's defaults.
const bm25K, bm25B = 1.2, 0.7

// levelBounds are the lowest weights of levels 1, 2 and 3. search.js maps
// the levels to the counts 0.5, 1, 1.73 and 4.67 (weights of about 0.65,
// 1, 1.3 and 1.75); a word found once in a section of average length is
// level 1.
var levelBounds = [...]float64{0.8, 1.15, 1.5}

// level returns the weight level of a term found tf times in a section of
// words words, where sections have avg words on average.
func level(tf, words int, avg float64) int {
	norm := 1.0
	if avg > 0 {
		norm = 1 - bm25B + bm25B*float64(words)/avg
	}
	w := float64(tf) * (bm25K + 1) / (float64(tf) + bm25K*norm)
	l := 0
	for l < len(levelBounds) && w >= levelBounds[l] {
		l++
	}
	return l
}

// bodyIndex returns the sorted terms of the sections' text and each
// term's entry, [term, postings]. postings is the shorter of
//
//   - varints: for each section with the term, in order, 4 × (the gap
//     from the previous one, minus one; the first counts from -1) plus
//     the weight level;
//   - a bitmap (bitmapMark, then one bit per section) for terms found in
//     a large share of the sections, which then all count as level 1.
func bodyIndex(pages []page, w words) ([]string, []json.RawMessage) {
	vocab := w.vocab
	docs, words := 0, 0
	// start[t] is where term t's postings begin in posts, once the counts
	// below are summed.
	start := make([]int, len(vocab)+1)
	for _, pg := range pages {
		to := w.remap[pg.a.counter]
		for _, s := range pg.a.sections {
			words += s.words
			docs++
			for t := range s.terms.all() {
				start[to[t.term]+1]++
			}
		}
	}
	for t := range vocab {
		start[t+1] += start[t]
	}
	avg := float64(words) / float64(max(docs, 1))
	// Each term's postings in section order, without a map: a counting sort.
	type posting struct {
		doc   int32
		level int8
	}
	posts := make([]posting, start[len(vocab)])
	next := slices.Clone(start[:len(vocab)])
	for _, pg := range pages {
		to := w.remap[pg.a.counter]
		for j, s := range pg.a.sections {
			for t := range s.terms.all() {
				id := to[t.term]
				posts[next[id]] = posting{int32(pg.first + j), int8(level(int(t.tf), s.words, avg))}
				next[id]++
			}
		}
	}
	order := make([]int, len(vocab))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return strings.Compare(vocab[a], vocab[b]) })
	terms := make([]string, len(vocab))
	enc := make([]json.RawMessage, len(vocab))
	var list, bits []byte
	var ds []int
	for i, t := range order {
		ps := posts[start[t]:start[t+1]]
		list = list[:0]
		prev := -1
		for _, p := range ps {
			list = appendVarint(list, (int(p.doc)-prev-1)*4+int(p.level))
			prev = int(p.doc)
		}
		post := list
		if len(list) > (docs+5)/6+1 {
			ds = ds[:0]
			for _, p := range ps {
				ds = append(ds, int(p.doc))
			}
			bits = appendBitmap(bits[:0], ds, docs)
			post = bits
		}
		terms[i] = vocab[t]
		enc[i] = entry(vocab[t], string(post))
	}
	return terms, enc
}

// titleIndex returns the sorted terms of the pages' titles, tags and
// headings and each term's entry, [term, title, tags, headings]: three
// varint lists of the sections where the term occurs in that field. A
// title or tag belongs to a page's first section; in the title list each
// gap is followed by the page's number of headings, so that search.js
// can let a heading match through its page's title too.
func titleIndex(pages []page) ([]string, []json.RawMessage) {
	type lists struct {
		field [3][]byte
		prev  [3]int
	}
	m := map[string]*lists{}
	seen := map[string]bool{}
	add := func(field int, text string, doc int, extra int) {
		clear(seen)
		for _, t := range Terms(text) {
			if seen[t] {
				continue
			}
			seen[t] = true
			l := m[t]
			if l == nil {
				l = &lists{prev: [3]int{-1, -1, -1}}
				m[t] = l
			}
			l.field[field] = appendVarint(l.field[field], doc-l.prev[field]-1)
			if field == 0 {
				l.field[0] = appendVarint(l.field[0], extra)
			}
			l.prev[field] = doc
		}
	}
	for _, pg := range pages {
		add(0, pg.p.Title+"\n"+pg.a.sections[0].heading.Text, pg.first, len(pg.a.sections)-1)
		add(1, strings.Join(pg.p.Tags, " "), pg.first, 0)
		for j, s := range pg.a.sections[1:] {
			add(2, s.heading.Text, pg.first+1+j, 0)
		}
	}
	terms := slices.Sorted(maps.Keys(m))
	enc := make([]json.RawMessage, len(terms))
	for i, t := range terms {
		l := m[t]
		enc[i] = entry(t, string(l.field[0]), string(l.field[1]), string(l.field[2]))
	}
	return terms, enc
}

// entry encodes [term, postings...].
func entry(term string, postings ...string) json.RawMessage {
	b, err := json.Marshal(append([]string{term}, postings...))
	if err != nil {
		panic(err) // strings always encode
	}
	return b
}
