// Package build is the only place that knows the order of the pipeline:
// configuration and theme, content, Markdown, git history, model,
// rendering and output. It holds no templates, HTML or XML; the stages
// are the packages it calls (stages.go lists them as plain functions).
//
// Builder runs every stage once, in order, into a folder or any
// output.Writer: the one-off build of "playbook build" and "playbook
// check". Session runs the same stages for the preview server and keeps
// what each made, so that Rebuild redoes only what changed files affect;
// the server owns it.
package build
