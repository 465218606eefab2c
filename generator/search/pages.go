package search

import (
	"fmt"
	"strings"
)

// chunkPages is the number of pages in each p/<n>.js. A query loads the
// chunks of the results it shows, so small chunks keep that small; the
// manifest has one character or two per chunk.
const chunkPages = 8

// fragments writes f/<doc>.js for every section: its text, clipped to
// fragmentSize, for the snippet of a result.
func fragments(dir string, pages []page) []File {
	per := make([][]File, len(pages))
	parallel(len(pages), func() func(i int) {
		return func(i int) {
			pg := &pages[i]
			per[i] = make([]File, len(pg.sections))
			for j, s := range pg.sections {
				per[i][j] = jsFile(fmt.Sprintf("%sf/%d.js", dir, pg.first+j), clip(s.text, fragmentSize))
			}
		}
	})
	var files []File
	for _, f := range per {
		files = append(files, f...)
	}
	return files
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
			for _, s := range pg.sections[1:] {
				if s.heading.ID != simpleSlug(s.heading.Text) {
					entry = append(entry, []string{s.heading.Text, s.heading.ID})
				} else {
					entry = append(entry, s.heading.Text)
				}
			}
			ch.Pages = append(ch.Pages, entry)
			sections += len(pg.sections)
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
