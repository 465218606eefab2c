// Command servebench measures the preview server as a writer meets it: it
// starts "playbook serve" on a site, waits for the first build, then edits
// the site's files on disk and times each edit from the moment the file is
// written to the moment the server returns the edited page with the
// change, and reads the server's resident memory before and after.
//
//	go run ./cmd/bench/servebench -playbook BIN [-edits 20] [-full-edits 3] SITE
//
// cmd/bench/serve.sh builds playbook, generates the site with
// cmd/bench/gencorpus and runs this; see cmd/bench/benchmarks.md.
//
// The edits, each made by writing a hidden temporary file and renaming it
// over the original (an atomic save, as editors do):
//
//   - content: a paragraph with a new word appended to one page;
//   - template: a <meta> tag with a new word added to the site's copy of
//     the default theme's layouts/base.html, which every page uses (the
//     theme is copied into SITE/themes/default first when the site has no
//     copy, which builds the same site);
//   - config: a new word added to the site title in playbook.toml, which
//     every page shows.
//
// The clock stops when a GET of the edited page returns the new word. The
// page is fetched each time the server's event stream announces a change
// (/_playbook/events) and every 100 ms besides. The server renders the
// pages it served last first when a change touches every page, so for the
// template and config edits a second time is taken: until a page the
// benchmark has not fetched before (a different one each edit) returns the
// new word too, standing for the rest of the site. Before each edit the
// benchmark waits for the server to settle: at least 0.7 s after the last
// one (the server updates the search index 0.5 s after edits pause) and
// until it uses less than 10 ms of CPU in 0.25 s.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/signal"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/playbookhq/playbook/themes"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "servebench:", err)
		os.Exit(1)
	}
}

// options are the command's flags.
type options struct {
	bin       string
	site      string
	content   string   // the content folder, relative to the site (contentDir)
	page      string   // the page edited, relative to the content folder
	others    []string // pages no one has opened, newest choice last
	edits     int
	fullEdits int
	timeout   time.Duration
	run       string // names this run in the words it adds
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var o options
	fl := flag.NewFlagSet("servebench", flag.ContinueOnError)
	fl.SetOutput(stderr)
	fl.StringVar(&o.bin, "playbook", "playbook", "the playbook `binary` to run")
	fl.StringVar(&o.content, "content", "content", "the site's content `folder` (contentDir in its playbook.toml)")
	fl.StringVar(&o.page, "page", "", "the page to edit, relative to the content folder (default: the first page in a folder of pages)")
	fl.IntVar(&o.edits, "edits", 20, "content edits")
	fl.IntVar(&o.fullEdits, "full-edits", 3, "template edits and config edits (each re-renders every page)")
	fl.DurationVar(&o.timeout, "timeout", 15*time.Minute, "longest wait for the first build or for one edit")
	if err := fl.Parse(args); err != nil {
		return err
	}
	if fl.NArg() != 1 || o.edits < 1 || o.fullEdits < 0 {
		return errors.New("usage: servebench -playbook BIN [-edits N] [-full-edits N] [-content DIR] [-page PATH] SITE")
	}
	o.site = fl.Arg(0)
	o.run = strconv.FormatInt(time.Now().UnixNano()%(1<<40), 36)
	all, err := pages(filepath.Join(o.site, o.content))
	if err != nil {
		return err
	}
	if o.page == "" {
		o.page = all[0]
	}
	o.others = otherPages(all, o.page, 2*o.fullEdits)
	if err := copyTheme(o.site); err != nil {
		return err
	}
	r, err := measure(ctx, o, stderr)
	if r != nil {
		r.print(stdout)
	}
	return err
}

// pages returns the pages under content, in walk order, that are not a
// folder's index: pages whose edit changes no list. The first is the one
// edited by default.
func pages(content string) ([]string, error) {
	var all []string
	err := filepath.WalkDir(content, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if d.Type().IsRegular() && strings.HasSuffix(name, ".md") && !strings.HasPrefix(name, "_") && name != "index.md" && name != "README.md" {
			rel, _ := filepath.Rel(content, p)
			all = append(all, filepath.ToSlash(rel))
		}
		return nil
	})
	if err == nil && len(all) == 0 {
		err = fmt.Errorf("%s holds no page to edit", content)
	}
	return all, err
}

// otherPages returns n pages other than page, from the end of all (far
// from the edited page), a different one for each full edit while there
// are enough, so that each is a page the server has not served yet.
func otherPages(all []string, page string, n int) []string {
	var out []string
	for i := len(all) - 1; i >= 0 && len(out) < n; i-- {
		if all[i] != page {
			out = append(out, all[i])
		}
	}
	if len(out) == 0 && n > 0 {
		out = []string{page}
	}
	for i := 0; len(out) < n; i++ {
		out = append(out, out[i])
	}
	return out
}

// pageURL returns the path a page is served at: content/a/b.md at /a/b/.
func pageURL(page string) string {
	return "/" + strings.TrimSuffix(path.Clean(page), ".md") + "/"
}

// copyTheme writes the built-in default theme into SITE/themes/default,
// unless the site has that folder, so that the template edit has a file to
// change. A site's themes/default is layered over the built-in one, so the
// copy builds the same pages.
func copyTheme(site string) error {
	dir := filepath.Join(site, "themes", "default")
	if _, err := os.Stat(dir); err == nil {
		return nil
	}
	return os.CopyFS(dir, themes.Default())
}

// writeAtomic replaces name with data as an editor's atomic save does: a
// hidden temporary file beside it (which the watcher ignores), renamed over
// it.
func writeAtomic(name string, data []byte) error {
	tmp := filepath.Join(filepath.Dir(name), "."+filepath.Base(name)+".servebench.tmp")
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, name)
}
