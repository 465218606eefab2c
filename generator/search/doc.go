// Package search builds the client-side search index of a site.
//
// Each language gets its own index under search/<lang>/, written as small
// JavaScript files that push their data onto a global queue, so that the
// theme's script can load them with <script> elements: that works from a
// web server and from a folder opened with file://, where fetch does not.
// A query loads only what it needs, so the first search of a large site
// downloads a few hundred kilobytes at most, not the whole index:
//
//   - index.js is the manifest: the shards of the two indexes below, as
//     [key, size] pairs, and the number of sections in each page chunk.
//     It grows by a few bytes per page and per shard.
//   - h/<n>.js hold the titles, tags and headings as an inverted index,
//     its terms in sorted order cut into runs of about 4 KB ("shards"):
//     a term is in the last shard whose key (a start of the shard's first
//     term) does not sort after it. A query loads the shards of its
//     terms, and for prefix matching as the reader types, the shards
//     after a term's whose keys start with it, while they are few.
//   - t/<n>.js hold the body text the same way. They are loaded only when
//     the titles and headings give fewer results than the first page of
//     the list, or for "Show more".
//   - p/<n>.js hold the URL, title and headings of 8 pages: the results a
//     query shows load their chunks.
//   - f/<n>.js hold the text of the sections of page n, for the snippets
//     of the results in view: 1,200 bytes of a section at most, and 1,500
//     of a page, shared out among its sections (fragments in pages.go).
//     One file a page keeps the files few and a result's snippet one
//     small download.
//
// The documents of both indexes are sections (a page's introduction, or a
// heading and the text under it), numbered in page order. Postings are
// strings of base-64 varints (encode.go), or bitmaps for body terms found
// in a large share of the sections. A body posting carries the BM25 weight
// of the term in its section as one of four levels, so that the browser
// ranks without loading section lengths; search.js hands the shards to
// MiniSearch (loadJS), which ranks title and heading matches, then body
// matches, with prefix and fuzzy matching.
//
// Terms are folded the same way in Go (Fold, Terms) and in the theme's
// search.js: decomposed, stripped of combining marks and lower-cased, so
// that "kundtjanst" finds "Kundtjänst". The output is sorted and stable:
// two builds of the same site are byte-identical. Every part costs time
// and space linear in the pages, apart from sorting the terms: the text is
// read once, as each page is parsed (Analyzer), by a counter per core that
// numbers the words it meets (so a word costs a string only the first
// time); a build keeps each page's counted words and snippets (Analysis),
// not its text; and the postings are placed by a counting sort, not grown
// in a map.
package search
