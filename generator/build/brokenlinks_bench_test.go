package build_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/playbookhq/playbook/generator/build"
	"github.com/playbookhq/playbook/generator/diag"
	"github.com/playbookhq/playbook/generator/output"
	"github.com/playbookhq/playbook/themes"
)

// linkSite writes a handbook of pages in folders of 20, each page with
// linksPerPage links. With broken, every link is broken, in the ways a
// migration breaks them: a typo in the page's name, a page that moved to
// another folder, a page that is gone. checks is the [checks] level of the
// link checks, or "".
func linkSite(tb testing.TB, pages, linksPerPage int, broken bool, checks string) string {
	tb.Helper()
	dir := tb.TempDir()
	write := func(name, text string) {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			tb.Fatal(err)
		}
	}
	toml := "title = \"Links\"\n"
	if checks != "" {
		toml += fmt.Sprintf("\n[checks]\nbroken-link = %q\nmissing-anchor = %q\n", checks, checks)
	}
	write("playbook.toml", toml)
	write("content/_index.md", "# Home\n")
	page := func(i int) string { return fmt.Sprintf("area-%03d/topic-%05d.md", i/20, i) }
	for i := range pages {
		var b strings.Builder
		fmt.Fprintf(&b, "# Topic %d\n\nSome text about topic %d.\n\n## Details\n\n", i, i)
		for j := range linksPerPage {
			t := (i*7 + j*131 + 1) % pages
			if t == i {
				t = (t + 1) % pages // "did you mean" never names the page itself
			}
			dest := "../" + page(t)
			if broken {
				switch j % 3 {
				case 0: // a typo
					dest = fmt.Sprintf("../area-%03d/topc-%05d.md", t/20, t)
				case 1: // moved
					dest = fmt.Sprintf("../old/topic-%05d.md", t)
				default: // gone
					dest = fmt.Sprintf("../gone/page-%d-%d.md", i, j)
				}
			}
			fmt.Fprintf(&b, "- [link %d](%s)\n", j, dest)
		}
		write("content/"+page(i), b.String())
	}
	return dir
}

// BenchmarkBrokenLinks builds a handbook of 1,000 pages and 10,000 links
// with every link good, and with every link broken and the link checks
// off, warnings or errors (which stop the build before rendering). The
// difference to "good" is what 10,000 broken links cost.
func BenchmarkBrokenLinks(b *testing.B) {
	const pages, links = 1000, 10
	for _, bc := range []struct {
		name   string
		broken bool
		checks string
	}{
		{"good", false, ""},
		{"broken-off", true, "off"},
		{"broken-warning", true, "warning"},
		{"broken-error", true, ""},
	} {
		b.Run(bc.name, func(b *testing.B) {
			dir := linkSite(b, pages, links, bc.broken, bc.checks)
			bl := build.New(build.Config{SourceDir: dir, DefaultTheme: themes.Default(), NoGit: true})
			for b.Loop() {
				res, err := bl.BuildTo(b.Context(), output.Discard{})
				var le *diag.ListError
				switch {
				case bc.checks == "" && bc.broken:
					if !errors.As(err, &le) || len(le.List) != pages*links {
						b.Fatalf("want %d errors, got %v", pages*links, err)
					}
				case err != nil:
					b.Fatal(err)
				case bc.checks == "warning" && len(res.Warnings) < pages*links:
					b.Fatalf("%d warnings", len(res.Warnings))
				}
			}
		})
	}
}

// TestBrokenLinkReport checks the report of linkSite: every broken link
// is there, each kind of mistake gets its suggestion, and a page's report
// stops at diag.MaxPerKind.
func TestBrokenLinkReport(t *testing.T) {
	dir := linkSite(t, 60, 30, true, "")
	_, err := build.New(build.Config{SourceDir: dir, DefaultTheme: themes.Default(), NoGit: true}).BuildTo(t.Context(), output.Discard{})
	var le *diag.ListError
	if !errors.As(err, &le) || len(le.List) != 60*30 {
		t.Fatalf("want %d errors, got %v", 60*30, err)
	}
	var typo, moved, hints int
	for _, d := range le.List {
		// The suggestion names the page as the link would ("../area-001/
		// topic-00031.md", "topic-00031.md") and as the content path.
		_, hint, _ := strings.Cut(d.Msg, "(did you mean ")
		switch good := strings.Contains(hint, "that is area-"); {
		case strings.Contains(d.Msg, "/topc-") && good:
			typo++
		case strings.Contains(d.Msg, "old/topic-") && good:
			moved++
		}
		if strings.Contains(d.Msg, "did you mean") {
			hints++
		}
	}
	// 30 links a page, 20 shown: 7 typos and 7 moves of each page's first
	// 20 links get their suggestion, the rest none.
	if typo != 60*7 || moved != 60*7 || hints != typo+moved {
		t.Errorf("%d typos and %d moves found, %d hints; want %d, %d, %d", typo, moved, hints, 60*7, 60*7, 60*14)
	}
}
