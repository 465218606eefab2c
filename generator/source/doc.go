// Package source walks a content tree, splits each Markdown file into front
// matter and body, and decodes the front matter.
//
// It records where the body starts in the file, so every later stage can
// report positions in the original file, front matter lines counted.
package source
