// Package model is the handbook as plain data: pages with their URLs and
// languages, the section tree and navigation, and the link graph.
//
// It knows nothing of Markdown syntax or HTML: the build copies the facts
// it needs (headings, links, task items) from the parsed pages into
// PageInput values. A *Site resolves links written on pages, so it serves
// as the Markdown renderer's resolver without either importing the other.
package model
