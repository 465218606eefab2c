// Package search builds the client-side search index of a site.
//
// Each language gets its own index under search/<lang>/, written as small
// JavaScript files that push their data onto a global queue, so that the
// theme's script can load them with <script> elements: that works from a
// web server and from a folder opened with file://, where fetch does not.
//
//   - index.js holds every page's title, tags and headings. The browser
//     indexes it with MiniSearch when the reader first searches; it is the
//     only large file loaded for the first search.
//   - t/<n>.js hold the body text as an inverted index, split by term
//     prefix ("shards"), in the form MiniSearch loads with loadJS: a query
//     loads only the shards of its terms.
//   - f/<n>.js hold the text of one page, section by section, for the
//     snippets of the results shown.
//
// Terms are folded the same way in Go (Fold) and in the theme's search.js:
// decomposed, stripped of combining marks and lower-cased, so that
// "kundtjanst" finds "Kundtjänst". The output is sorted and stable: two
// builds of the same site are byte-identical.
package search
