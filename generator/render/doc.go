// Package render turns a site model and its parsed pages into the site's
// files: the pages with their views and navigation, the not-found pages,
// the content files and theme assets, the sitemap, robots.txt, alias
// redirects, Atom feeds and the search index. It writes to an
// output.Writer and knows nothing of where the files go, nor of the order
// of the pipeline before it: the build decides that, and a preview session
// decides which of these parts to redo.
//
// Everything it writes is deterministic: pages are written from the
// model's sorted lists and every XML file is made with encoding/xml.
package render
