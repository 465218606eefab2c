package search

import (
	"cmp"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
)

// chunkPages is the number of pages in each p/<n>.js. A query loads the
// chunks of the results it shows, so small chunks keep that small; the
// manifest has one character or two per chunk.
const chunkPages = 8

// A page's f/<n>.js holds the text of each of its sections, for the
// snippets of its results: at most fragmentSize bytes of a section, and
// pageFragments of the page, shared out among the sections so that a
// page's file costs a result in view about what one section's file did
// (each section keeps at least fragmentMin, a snippet's worth: search.js
// shows about 160 characters from shortly before the first word found).
const (
	fragmentSize  = 1200
	pageFragments = 1500
	fragmentMin   = 200
)

// snippets encodes the list of a page's sections' texts, for its
// f/<n>.js. Each section's text is first collapsed up to an even share of
// the page; only when a short section leaves room are the others read
// further.
func snippets(secs []section) []byte {
	texts := make([]string, len(secs))
	lens := make([]int, len(texts))
	c := collapser{}
	collapse := func(j, limit int) {
		c.buf, c.space, c.limit = c.buf[:0], false, limit
		for _, part := range secs[j].parts {
			if !c.write(part) {
				break
			}
		}
		texts[j] = string(c.buf)
		lens[j] = len(c.buf)
		if lens[j] > limit {
			lens[j] = fragmentSize // more than the limit: as much as it may keep
		}
	}
	even := min(fragmentSize, max(fragmentMin, pageFragments/len(texts)))
	for j := range texts {
		collapse(j, even)
	}
	for j, n := range shares(lens, pageFragments) {
		if n > even && lens[j] == fragmentSize {
			collapse(j, n)
		}
		texts[j] = clip(texts[j], n)
	}
	enc, err := json.Marshal(texts)
	if err != nil {
		panic(err) // strings always encode
	}
	return enc
}

// shares shares out total bytes among texts of the given lengths, the
// shortest first: each gets its length or an even part of what is left,
// whichever is less, but at least fragmentMin.
func shares(lens []int, total int) []int {
	order := make([]int, len(lens))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(lens[a], lens[b]) })
	out := make([]int, len(lens))
	left := total
	for k, j := range order {
		out[j] = min(lens[j], max(left/(len(lens)-k), fragmentMin))
		left -= out[j]
	}
	return out
}

// chunk is one p/<n>.js: the folders its pages' URLs share, and the pages.
// A page is
//
//	[folder, last segment, title, heading...]
//
// where a heading is its text, or [text, id] when simpleSlug of the text
// is not its id.
type chunk struct {
	Folders []string `json:"f"`
	Pages   [][]any  `json:"p"`
}

// pageChunks writes the page chunks and returns them with the number of
// sections of each chunk, as varints.
func pageChunks(dir string, pages []page) ([]File, string) {
	var files []File
	var counts []byte
	for c := 0; c*chunkPages < len(pages); c++ {
		var ch chunk
		folderIdx := map[string]int{}
		sections := 0
		for _, pg := range pages[c*chunkPages : min(len(pages), (c+1)*chunkPages)] {
			folder, last := splitURL(pg.p.URL)
			fi, ok := folderIdx[folder]
			if !ok {
				fi = len(ch.Folders)
				folderIdx[folder] = fi
				ch.Folders = append(ch.Folders, folder)
			}
			entry := []any{fi, last, pg.p.Title}
			for _, s := range pg.a.sections[1:] {
				if s.heading.ID != simpleSlug(s.heading.Text) {
					entry = append(entry, []string{s.heading.Text, s.heading.ID})
				} else {
					entry = append(entry, s.heading.Text)
				}
			}
			ch.Pages = append(ch.Pages, entry)
			sections += len(pg.a.sections)
		}
		files = append(files, jsFile(fmt.Sprintf("%sp/%d.js", dir, c), ch))
		counts = appendVarint(counts, sections)
	}
	return files, string(counts)
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
