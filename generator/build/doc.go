// Package build is the only place that knows the order of the pipeline:
// configuration, content, Markdown, model, checks, rendering and output.
package build
