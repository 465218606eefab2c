// Package watch reports which files changed under a set of folders, in
// batches: it turns the stream of file-system events into one call per
// burst of changes, with the paths that changed.
//
// It is the only package that knows about fsnotify. Editors save files in
// many ways (writing in place, writing a temporary file and renaming it over
// the original, deleting and creating), and a checkout touches hundreds of
// files at once; a Watcher hides all of that behind
//
//	w := watch.New([]string{dir}, watch.WithIgnore(skip))
//	err := w.Run(ctx, func(changed []string) { ... })
//
// Folders created after Run starts, and whole trees moved in, are watched as
// they appear. When the system cannot watch every folder (the inotify limit,
// too many open files), the Watcher says so once and polls instead.
package watch
