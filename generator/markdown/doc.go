// Package markdown turns page bodies into HTML with goldmark, and extracts
// the facts later stages need: headings, links and task items, each with its
// position in the original file.
//
// Parse and Render are separate steps so that the model can be built from
// every page's facts before any page is rendered; Render then resolves
// links through a Resolver. Parse renders the page once, leaving holes
// where the HTML depends on what Render is given (link targets, the
// page's language, task ids), and keeps that HTML rather than the syntax
// tree; Render fills the holes.
//
// Only this package imports goldmark and chroma.
package markdown
