package build_test

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/playbookhq/playbook/generator/build"
	"github.com/playbookhq/playbook/themes"
)

// siteShape is a site that grows along one axis: the pages of one folder,
// the links of each page, or the teams and their collaborations.
type siteShape struct {
	name string
	// n is the size measured against 4n: large enough that the fixed cost
	// of a build does not hide the shape's own.
	n int
	// files returns the site's content files of size n.
	files func(n int) map[string]string
}

// guidePage is a small page of guide i with body.
func guidePage(i int, body string) string {
	return fmt.Sprintf("---\ntitle: Guide %05d\ndescription: What guide %d is about.\n---\n## Steps\n\nThe steps of guide %d.\n\n%s", i, i, i, body)
}

var siteShapes = []siteShape{
	{"pages-per-folder", 1000, func(n int) map[string]string {
		// Every page in one folder: each page's sidebar, the folder's
		// list and the reading order grow with it.
		files := map[string]string{"_index.md": "---\ntitle: Home\n---\n", "guides/_index.md": "---\ntitle: Guides\n---\n"}
		for i := range n {
			files[fmt.Sprintf("guides/g%05d.md", i)] = guidePage(i, "")
		}
		return files
	}},
	{"links-per-page", 500, func(n int) map[string]string {
		// 40 pages of n links each, to the other pages and their
		// headings: each page is the target of about n links.
		const pages = 40
		files := map[string]string{"_index.md": "---\ntitle: Home\n---\n"}
		for i := range pages {
			var b strings.Builder
			for j := range n {
				t := (i + 1 + j) % pages
				if j%2 == 0 {
					fmt.Fprintf(&b, "See [guide %d](g%05d.md). ", t, t)
				} else {
					fmt.Fprintf(&b, "See [its steps](g%05d.md#steps).\n", t)
				}
			}
			files[fmt.Sprintf("guides/g%05d.md", i)] = guidePage(i, b.String())
		}
		return files
	}},
	{"teams-collaborations", 125, func(n int) map[string]string {
		// n teams, each working with the next 50 (all others when fewer):
		// the home page's map and table, each team's partners and the
		// sidebar of the teams folder.
		files := map[string]string{"_index.md": "---\ntitle: Home\n---\n", "teams/_index.md": "---\ntitle: Teams\n---\n"}
		for i := range n {
			files[fmt.Sprintf("teams/team-%03d/index.md", i)] = teamPage(i, n, 50)
		}
		return files
	}},
}

// teamPage is the page of team i of n, which works with the next collabs
// teams.
func teamPage(i, n, collabs int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "---\ntitle: Team %03d\nowners: [Owner %d]\n", i, i)
	if collabs > 0 {
		b.WriteString("collaborates_with:\n")
	}
	for j := 1; j <= min(collabs, n-1); j++ {
		fmt.Fprintf(&b, "  - team: team-%03d\n    on: \"Work %d with %d\"\n", (i+j)%n, i, (i+j)%n)
	}
	b.WriteString("---\nThe team's playbook.\n")
	return b.String()
}

// writeSite writes content files into a new site folder.
func writeSite(tb testing.TB, files map[string]string) string {
	tb.Helper()
	root := tb.TempDir()
	for name, text := range files {
		p := filepath.Join(root, "content", filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			tb.Fatal(err)
		}
	}
	return root
}

// BenchmarkSiteScaling builds each site shape at n and 4n, through the
// whole pipeline into a folder, and reports both build times, the ratio
// of the two (ratio-4n/n: about 4 when the build is linear in the shape's
// size, 16 when it is quadratic; above 5 is a regression) and the output
// bytes per page of the 4n site (out-B/page, HTML pages only), which
// shows whether what each page carries grows with the site.
//
//	go test ./generator/build -run='^$' -bench=SiteScaling -benchtime=3x
func BenchmarkSiteScaling(b *testing.B) {
	for _, s := range siteShapes {
		b.Run(s.name, func(b *testing.B) {
			small, large := writeSite(b, s.files(s.n)), writeSite(b, s.files(4*s.n))
			build1 := func(src string) (time.Duration, string) {
				dest := filepath.Join(b.TempDir(), "public")
				bl := build.New(build.Config{SourceDir: src, DestDir: dest, DefaultTheme: themes.Default(), NoGit: true})
				start := time.Now()
				if _, err := bl.Build(b.Context()); err != nil {
					msg := err.Error()
					b.Fatal(msg[:min(len(msg), 500)])
				}
				return time.Since(start), dest
			}
			build1(small) // warms the caches (the theme, chroma)
			var tn, t4n time.Duration
			var dest string
			for b.Loop() {
				d, _ := build1(small)
				tn += d
				d, dest = build1(large)
				t4n += d
			}
			pages, size := htmlSize(b, dest)
			b.ReportMetric(float64(tn.Milliseconds())/float64(b.N), "n-ms")
			b.ReportMetric(float64(t4n.Milliseconds())/float64(b.N), "4n-ms")
			b.ReportMetric(float64(t4n)/float64(tn), "ratio-4n/n")
			b.ReportMetric(float64(size)/float64(pages), "out-B/page")
		})
	}
}

// htmlSize counts the HTML pages under dir and their bytes.
func htmlSize(tb testing.TB, dir string) (pages int, size int64) {
	tb.Helper()
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		info, err := d.Info()
		pages++
		size += info.Size()
		return err
	})
	if err != nil {
		tb.Fatal(err)
	}
	return pages, size
}
