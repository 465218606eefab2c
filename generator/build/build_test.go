package build_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/playbookhq/playbook/generator/build"
	"github.com/playbookhq/playbook/generator/corpus"
	"github.com/playbookhq/playbook/generator/diag"
	"github.com/playbookhq/playbook/generator/output"
	"github.com/playbookhq/playbook/themes"
)

var update = flag.Bool("update", false, "update golden files")

func newBuilder(src, dest string) *build.Builder {
	return build.New(build.Config{SourceDir: src, DestDir: dest, DefaultTheme: themes.Default()})
}

// treeHash hashes every file name and content under dir.
func treeHash(t *testing.T, dir string) string {
	t.Helper()
	h := sha256.New()
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		fmt.Fprintf(h, "%s\x00%d\x00", filepath.ToSlash(rel), len(b))
		h.Write(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return fmt.Sprintf("%x", h.Sum(nil))
}

// TestExampleHandbook builds the bundled example and checks it end to end.
func TestExampleHandbook(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	res, err := newBuilder("../..", dest).Build(t.Context())
	if err != nil {
		t.Fatalf("build failed:\n%v", err)
	}
	if len(res.Warnings) > 0 {
		t.Logf("warnings:\n%s", res.Warnings)
	}

	// One HTML page per content file.
	var mdFiles []string
	_ = filepath.WalkDir("../../content", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") {
			mdFiles = append(mdFiles, p)
		}
		return err
	})
	var htmlFiles []string
	_ = filepath.WalkDir(dest, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, "index.html") {
			htmlFiles = append(htmlFiles, p)
		}
		return err
	})
	if len(htmlFiles) < len(mdFiles) {
		t.Errorf("%d pages for %d Markdown files", len(htmlFiles), len(mdFiles))
	}
	if got := res.Pages + res.Sections; got != len(htmlFiles) {
		t.Errorf("summary counts %d pages, %d files written", got, len(htmlFiles))
	}

	checkLinks(t, dest, "")

	// A team's checklist item keeps its inline code on the role page that
	// lists it.
	role, err := os.ReadFile(filepath.Join(dest, "roles/it-operations-engineer/index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(role), "request your production access with <code>nv-access</code></li>") {
		t.Error("the role page lost the markup of the IT onboarding item")
	}

	// A second build is byte-identical.
	dest2 := filepath.Join(t.TempDir(), "public")
	if _, err := newBuilder("../..", dest2).Build(t.Context()); err != nil {
		t.Fatal(err)
	}
	if a, b := treeHash(t, dest), treeHash(t, dest2); a != b {
		t.Error("two builds of the same input differ")
	}
}

var (
	hrefRE = regexp.MustCompile(`(?:href|src)="([^"]*)"`)
	idRE   = regexp.MustCompile(` id="([^"]+)"`)
)

// checkLinks asserts that every site-internal href and src in the HTML
// under dest names an existing file and, with a fragment, an existing id.
func checkLinks(t *testing.T, dest, basePath string) {
	t.Helper()
	ids := map[string][]string{}
	pages := map[string]string{}
	_ = filepath.WalkDir(dest, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		b, _ := os.ReadFile(p)
		rel, _ := filepath.Rel(dest, p)
		pages[filepath.ToSlash(rel)] = string(b)
		for _, m := range idRE.FindAllStringSubmatch(string(b), -1) {
			ids[filepath.ToSlash(rel)] = append(ids[filepath.ToSlash(rel)], m[1])
		}
		return nil
	})
	checked := 0
	for _, page := range slices.Sorted(mapsKeys(pages)) {
		for _, m := range hrefRE.FindAllStringSubmatch(pages[page], -1) {
			href := m[1]
			if strings.Contains(href, "://") || strings.HasPrefix(href, "mailto:") || href == "" {
				continue
			}
			target, frag, _ := strings.Cut(href, "#")
			file := page
			switch {
			case target == "":
			case strings.HasPrefix(target, "/"):
				if !strings.HasPrefix(target, basePath+"/") {
					t.Errorf("%s: link %q lacks the base path %q", page, href, basePath)
					continue
				}
				file = strings.TrimPrefix(target, basePath+"/")
			default:
				file = filepath.ToSlash(filepath.Join(filepath.Dir(page), target))
			}
			if file == "" || strings.HasSuffix(file, "/") {
				file += "index.html"
			}
			if _, err := os.Stat(filepath.Join(dest, filepath.FromSlash(file))); err != nil {
				t.Errorf("%s: link %q: no file %s", page, href, file)
				continue
			}
			if frag != "" && !slices.Contains(ids[file], frag) {
				t.Errorf("%s: link %q: %s has no id %q", page, href, file, frag)
			}
			checked++
		}
	}
	if checked < 50 {
		t.Errorf("only %d internal links checked", checked)
	}
}

func mapsKeys(m map[string]string) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// TestBasePath builds under a base URL with a path and checks every link
// carries it.
func TestBasePath(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	b := build.New(build.Config{SourceDir: "../..", DestDir: dest, DefaultTheme: themes.Default(), BaseURL: "https://intranet.example.com/handbook/"})
	if _, err := b.Build(t.Context()); err != nil {
		t.Fatal(err)
	}
	checkLinks(t, dest, "/handbook")
	sm, _ := os.ReadFile(filepath.Join(dest, "sitemap.xml"))
	if !bytes.Contains(sm, []byte("<loc>https://intranet.example.com/handbook/teams/it/</loc>")) {
		t.Errorf("sitemap lacks absolute URLs:\n%.400s", sm)
	}
}

// TestBrokenSite checks the diagnostics of a site full of errors against
// the golden file, and that the previous output survives the failed build.
func TestBrokenSite(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	if err := os.MkdirAll(dest, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dest, "index.html"), []byte("previous"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dest, output.Marker), []byte("playbook output 1\nindex.html\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	before := treeHash(t, dest)
	_, err := newBuilder("testdata/broken", dest).Build(t.Context())
	var le *diag.ListError
	if !errors.As(err, &le) {
		t.Fatalf("want a diagnostics error, got %v", err)
	}
	got := le.List.String()
	golden := "testdata/broken/diags.golden.txt"
	if *update {
		_ = os.WriteFile(golden, []byte(got), 0o644)
	}
	want, _ := os.ReadFile(golden)
	if got != string(want) {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", got, want)
	}
	if treeHash(t, dest) != before {
		t.Error("a failed build changed the previous output")
	}
	entries, _ := os.ReadDir(filepath.Dir(dest))
	if len(entries) != 1 {
		t.Errorf("staging folder left behind: %v", entries)
	}
}

// TestStaleFilesRemoved checks that a rebuild leaves no file of a page that
// no longer exists.
func TestStaleFilesRemoved(t *testing.T) {
	src := t.TempDir()
	dest := filepath.Join(src, "public")
	writeFile(t, filepath.Join(src, "content/_index.md"), "# Home\n")
	writeFile(t, filepath.Join(src, "content/old.md"), "# Old\n")
	if _, err := newBuilder(src, dest).Build(t.Context()); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dest, "old/index.html")); err != nil {
		t.Fatal(err)
	}
	_ = os.Remove(filepath.Join(src, "content/old.md"))
	if _, err := newBuilder(src, dest).Build(t.Context()); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dest, "old/index.html")); err == nil {
		t.Error("stale page left in the output")
	}
}

// TestMinimalSite builds a folder with only content/ and no configuration.
func TestMinimalSite(t *testing.T) {
	src := t.TempDir()
	writeFile(t, filepath.Join(src, "content/guide.md"), "# A guide\n\n## Steps\n\n- [ ] one\n")
	res, err := newBuilder(src, "").Build(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if res.Pages != 1 || res.Sections != 2 { // the home page and /checklists/
		t.Errorf("pages=%d sections=%d", res.Pages, res.Sections)
	}
	page, err := os.ReadFile(filepath.Join(src, "public/guide/index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(page), "A guide</h1>"); n != 1 {
		t.Errorf("title shown %d times", n)
	}
}

// TestTemplateTimeout builds a site whose page layout loops without end
// and writes nothing, which no size limit catches: the build fails once
// the timeout of playbook.toml has passed, at the looping pages' files,
// about one per worker, instead of running for ever.
func TestTemplateTimeout(t *testing.T) {
	pages := map[string]string{"playbook.toml": "timeout = \"300ms\"\n", "content/_index.md": "# Home\n\nWelcome.\n"}
	for i := range 20 {
		pages[fmt.Sprintf("content/p%02d.md", i)] = fmt.Sprintf("---\ntitle: Page %d\nloop: true\n---\nText.\n", i)
	}
	// A loop of some seconds, far past the timeout: one that never ended
	// would keep a core busy for the rest of the package's tests, which
	// slowed TestSessionForgetsOldWords until it failed.
	pages["themes/default/layouts/page.html"] = `{{define "main"}}{{if .Page.Params.loop}}{{range 30000000}}{{end}}{{end}}{{.Content}}{{end}}`
	root := t.TempDir()
	for name, text := range pages {
		writeFile(t, filepath.Join(root, name), text)
	}
	done := make(chan error, 1)
	go func() {
		_, err := build.New(build.Config{SourceDir: root, DestDir: filepath.Join(root, "public"), DefaultTheme: themes.Default(), NoGit: true}).Build(t.Context())
		done <- err
	}()
	var err error
	select {
	case err = <-done:
	case <-time.After(2 * time.Minute):
		t.Fatal("the build did not end")
	}
	checkStoppedPages(t, err, "the layout did not finish within 300ms (timeout in playbook.toml): does a template loop without end?")
	if _, err := os.Stat(filepath.Join(root, "public")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a failed build wrote its output: %v", err)
	}

	// With an hour to go, the end of the context ends a preview's run
	// (which waited for the loop before there was a timeout, so that
	// serve did not stop on Ctrl-C).
	writeFile(t, filepath.Join(root, "playbook.toml"), "timeout = \"1h\"\n")
	ctx, cancel := context.WithCancel(t.Context())
	go func() {
		_, err := build.NewSession(build.Config{SourceDir: root, DefaultTheme: themes.Default(), NoGit: true}, output.NewMem()).Rebuild(ctx, nil)
		done <- err
	}()
	time.AfterFunc(500*time.Millisecond, cancel)
	select {
	case err = <-done:
	case <-time.After(2 * time.Minute):
		t.Fatal("the run did not end when its context did")
	}
	if !errors.Is(err, context.Canceled) {
		t.Errorf("run: %v, want context.Canceled", err)
	}
}

// TestDiagramLibrary checks that a site publishes the diagram library only
// while a page has a diagram (which theme.js then loads; see TestDiagrams).
func TestDiagramLibrary(t *testing.T) {
	const lib = "public/assets/vendor/mermaid/mermaid.min.js"
	src := t.TempDir()
	writeFile(t, filepath.Join(src, "content/guide.md"), "# A guide\n\n```go\nfunc main() {}\n```\n")
	writeFile(t, filepath.Join(src, "content/other.md"), "# Other\n")
	if _, err := newBuilder(src, "").Build(t.Context()); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{lib, "public/assets/js/diagrams.js"} {
		if _, err := os.Stat(filepath.Join(src, f)); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("a site without diagrams has %s: %v", f, err)
		}
	}
	writeFile(t, filepath.Join(src, "content/guide.md"), "# A guide\n\n```mermaid\nflowchart LR\n  A --> B\n```\n")
	if _, err := newBuilder(src, "").Build(t.Context()); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{lib, "public/assets/js/diagrams.js"} {
		if _, err := os.Stat(filepath.Join(src, f)); err != nil {
			t.Errorf("a site with a diagram lacks %s: %v", f, err)
		}
	}
	for page, want := range map[string]bool{"guide": true, "other": false, "": false} {
		html, err := os.ReadFile(filepath.Join(src, "public", page, "index.html"))
		if err != nil {
			t.Fatal(err)
		}
		if got := bytes.Contains(html, []byte(`<pre class="mermaid">flowchart LR`)); got != want {
			t.Errorf("/%s/ has the diagram's source: %v, want %v", page, got, want)
		}
	}
	// The last diagram goes, and the library with it.
	writeFile(t, filepath.Join(src, "content/guide.md"), "# A guide\n")
	if _, err := newBuilder(src, "").Build(t.Context()); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(src, lib)); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the library stays once the last diagram is gone: %v", err)
	}
}

// TestMathLibrary checks that a site publishes the math library only while
// a page has math (which theme.js then loads; see TestMath in e2e), and
// that prices are not math.
func TestMathLibrary(t *testing.T) {
	const lib = "public/assets/vendor/katex/katex.min.js"
	src := t.TempDir()
	writeFile(t, filepath.Join(src, "content/guide.md"), "# A guide\n\nA seat costs $5 and a team $10.\n")
	if _, err := newBuilder(src, "").Build(t.Context()); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(src, lib)); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a site without math has %s: %v", lib, err)
	}
	writeFile(t, filepath.Join(src, "content/guide.md"), "# A guide\n\nThe root is $\\sqrt[3](x)$.\n")
	if _, err := newBuilder(src, "").Build(t.Context()); err != nil {
		t.Fatal(err) // \sqrt[3](x) is not a link to x
	}
	if _, err := os.Stat(filepath.Join(src, lib)); err != nil {
		t.Errorf("a site with math lacks %s: %v", lib, err)
	}
}

// TestBackslashMath checks that \(…\) and \[…\] are math only on a site
// written for a tool that reads them so, an MkDocs site with arithmatex
// or a Hugo site with the passthrough extension, and elsewhere the escaped
// brackets CommonMark reads, as GitBook writes every parenthesis of a
// page's text: the link inside stays a link.
func TestBackslashMath(t *testing.T) {
	const page = "# A guide\n\nKeep \\(the [guide](a.md)\\) and \\(x^2\\).\n"
	const text = `Keep (the <a href="/a/">guide</a>) and (x^2).`
	const math = `Keep <span class="math math-inline">\(the [guide](a.md)\)</span>`
	for _, tc := range []struct {
		name, file, data, want string
	}{
		{"plain", "", "", text},
		{"mkdocs", "mkdocs.yml", "site_name: T\ndocs_dir: content\nmarkdown_extensions:\n  - admonition\n  - pymdownx.arithmatex:\n      generic: true\n", math},
		{"mkdocs without arithmatex", "mkdocs.yml", "site_name: T\ndocs_dir: content\nmarkdown_extensions:\n  - admonition\n", text},
		{"hugo with passthrough", "hugo.toml", "[markup.goldmark.extensions.passthrough]\nenable = true\n[markup.goldmark.extensions.passthrough.delimiters]\ninline = [['\\(', '\\)']]\n", math},
		{"hugo", "hugo.toml", "title = 'T'\n", text},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := t.TempDir()
			writeFile(t, filepath.Join(src, "content/guide.md"), page)
			writeFile(t, filepath.Join(src, "content/a.md"), "# A\n")
			if tc.file != "" {
				writeFile(t, filepath.Join(src, tc.file), tc.data)
			}
			if _, err := newBuilder(src, "").Build(t.Context()); err != nil {
				t.Fatal(err)
			}
			pageHas(t, src, "guide/index.html", tc.want)
		})
	}
}

// TestForeignTitle checks that a site without a title in playbook.toml is
// titled as the tool it was written for titles it, and that playbook.toml's
// title wins.
func TestForeignTitle(t *testing.T) {
	for _, tc := range []struct{ file, data, toml, want string }{
		{"config/tech-docs.yml", "service_name: Platform guide\n", "", "Platform guide"},
		{"_config.yml", "title: Engineering handbook\n", "", "Engineering handbook"},
		{"book.toml", "[book]\ntitle = \"Compiler guide\"\n", "", "Compiler guide"},
		{"hugo.toml", "title = 'Hugo docs'\n", "", "Hugo docs"},
		{"config/_default/hugo.yaml", "title: OpenTelemetry\n", "", "OpenTelemetry"},
		{"docusaurus.config.ts", "export default {\n  title: 'Wonderland Handbook',\n  url: 'https://example.org',\n  baseUrl: '/',\n};\n", "", "Wonderland Handbook"},
		{"_config.yml", "title: Engineering handbook\n", "title = \"Ours\"\n", "Ours"},
		{"_config.yml", "title: [\n", "", "Handbook"},
	} {
		t.Run(tc.file+" "+tc.want, func(t *testing.T) {
			src := t.TempDir()
			writeFile(t, filepath.Join(src, "content/guide.md"), "# A guide\n")
			writeFile(t, filepath.Join(src, filepath.FromSlash(tc.file)), tc.data)
			if tc.toml != "" {
				writeFile(t, filepath.Join(src, "playbook.toml"), tc.toml)
			}
			if _, err := newBuilder(src, "").Build(t.Context()); err != nil {
				t.Fatal(err)
			}
			html, err := os.ReadFile(filepath.Join(src, "public/guide/index.html"))
			if err != nil {
				t.Fatal(err)
			}
			if want := "<title>A guide · " + tc.want + "</title>"; !bytes.Contains(html, []byte(want)) {
				t.Errorf("the page lacks %s", want)
			}
		})
	}
}

// TestThemeOverride checks that a site's theme file replaces the built-in
// one and that template errors name the file and line.
func TestThemeOverride(t *testing.T) {
	src := t.TempDir()
	writeFile(t, filepath.Join(src, "content/_index.md"), "# Home\n")
	writeFile(t, filepath.Join(src, "themes/default/layouts/404.html"), `{{define "main"}}<p>Custom not found</p>{{end}}`)
	if _, err := newBuilder(src, "").Build(t.Context()); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(filepath.Join(src, "public/404.html"))
	if !strings.Contains(string(b), "Custom not found") {
		t.Error("site layout did not override the default")
	}
	// An interface string's template, redefined in a partial of the
	// site's own, is what the built-in layouts print.
	writeFile(t, filepath.Join(src, "themes/default/layouts/partials/site.html"), `{{define "t-built"}}Built by the handbook team{{end}}`)
	if _, err := newBuilder(src, "").Build(t.Context()); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(filepath.Join(src, "public/index.html")); !strings.Contains(string(b), "Built by the handbook team") {
		t.Error("the site's t-built template did not replace the default's")
	}
	writeFile(t, filepath.Join(src, "themes/default/layouts/404.html"), "{{define \"main\"}}\n\n{{.Nope}\n{{end}}")
	_, err := newBuilder(src, "").Build(t.Context())
	if err == nil || !strings.Contains(err.Error(), "themes/default/layouts/404.html:3:") {
		t.Errorf("want a template error at 404.html:3, got %v", err)
	}
	writeFile(t, filepath.Join(src, "playbook.toml"), "theme = \"corporate\"\n")
	_, err = newBuilder(src, "").Build(t.Context())
	if err == nil || !strings.Contains(err.Error(), `theme "corporate" not found`) {
		t.Errorf("want a missing theme error, got %v", err)
	}
}

func writeFile(t *testing.T, p, s string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

// BenchmarkBuild builds a generated 1,000-page handbook.
func BenchmarkBuild(b *testing.B) {
	src := b.TempDir()
	if err := corpus.Generate(src, 1000, 1); err != nil {
		b.Fatal(err)
	}
	dest := filepath.Join(b.TempDir(), "public")
	bl := newBuilder(src, dest)
	b.ReportAllocs()
	phases := map[string]time.Duration{}
	for b.Loop() {
		res, err := bl.Build(b.Context())
		if err != nil {
			b.Fatal(err)
		}
		for _, p := range res.Phases {
			phases[p.Name] += p.Duration
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N)/1000, "µs/page")
	// Each phase's share, so that a regression shows where it is.
	for name, d := range phases {
		b.ReportMetric(float64(d.Milliseconds())/float64(b.N), name+"-ms/op")
	}
}

// TestConfigErrorAlone checks that an error in playbook.toml stops a build
// and a preview's rebuild with that error alone: built with the defaults,
// the site's [checks] were lost and its broken links, warnings until then,
// were reported as errors before it.
func TestConfigErrorAlone(t *testing.T) {
	dir := t.TempDir()
	conf := filepath.Join(dir, "playbook.toml")
	good := "title = \"H\"\n[checks]\nbroken-link = \"warning\"\n"
	writeFile(t, conf, good)
	writeFile(t, filepath.Join(dir, "content/_index.md"), "# Home\n\nSee [a](a.md), [b](b.md) and [c](c.md).\n")
	mem := output.NewMem()
	s := build.NewSession(build.Config{SourceDir: dir, DefaultTheme: themes.Default(), NoGit: true}, mem)
	if _, err := s.Rebuild(t.Context(), nil); err != nil {
		t.Fatal(err)
	}
	served := mem.Snapshot()
	writeFile(t, conf, good+"title = \"x\n")
	page := filepath.Join(dir, "content/_index.md")
	writeFile(t, page, "# Home\n\nSee [a](a.md), [b](b.md) and [d](d.md).\n") // saved with it
	want := "playbook.toml:4:11: invalid configuration: strings cannot contain newlines\n"
	_, err := s.Rebuild(t.Context(), []string{conf, page})
	var le *diag.ListError
	if !errors.As(err, &le) || le.List.String() != want {
		t.Errorf("preview: %v, want\n%s", err, want)
	}
	if mem.Snapshot() != served {
		t.Error("the preview stopped serving the last good site")
	}
	_, err = newBuilder(dir, filepath.Join(t.TempDir(), "public")).Build(t.Context())
	if !errors.As(err, &le) || le.List.String() != want {
		t.Errorf("build: %v, want\n%s", err, want)
	}
	// Repaired, the preview has the page saved with the mistake too.
	writeFile(t, conf, good)
	if _, err := s.Rebuild(t.Context(), []string{conf}); err != nil {
		t.Fatal(err)
	}
	finishAndCompare(t, s, mem, dir, "repaired")
}

// TestWaitIsNotBuildTime builds into a folder that another build holds:
// the build waits for it, says so once, and the time it reports leaves
// the wait out.
func TestWaitIsNotBuildTime(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no flock")
	}
	root := writeSite(t, map[string]string{"_index.md": "# Home\n\nWelcome.\n"})
	dest := filepath.Join(root, "public")
	other, err := output.NewDir(t.Context(), dest, output.DirOptions{})
	if err != nil {
		t.Fatal(err)
	}
	waiting := make(chan string, 2)
	type built struct {
		res *build.Result
		err error
	}
	done := make(chan built, 1)
	begun := time.Now()
	go func() {
		cfg := build.Config{SourceDir: root, DestDir: dest, DefaultTheme: themes.Default(), NoGit: true, Waiting: func(dir string) { waiting <- dir }}
		res, err := build.New(cfg).Build(t.Context())
		done <- built{res, err}
	}()
	<-waiting
	held := time.Now()
	time.Sleep(300 * time.Millisecond) // the other build goes on a while
	if err := other.Abort(); err != nil {
		t.Fatal(err)
	}
	waited := time.Since(held) // at least
	b := <-done
	total := time.Since(begun)
	if b.err != nil {
		t.Fatal(b.err)
	}
	if len(waiting) != 0 {
		t.Error("the wait was announced more than once")
	}
	if b.res.Duration > total-waited {
		t.Errorf("the build reports %s; it took %s, of which it waited at least %s", b.res.Duration, total, waited)
	}
}

// TestTemplateWithoutEnd builds a site whose page layout loops without
// end: the build fails, at a page's file with the layout named, and soon,
// after a page or two (about one per worker) rather than one error for
// each page, instead of running until the memory is full. A layout that writes
// a large page's text several times is no loop.
func TestTemplateWithoutEnd(t *testing.T) {
	line := strings.Repeat("x", 1023) + "\n"
	pages := map[string]string{"_index.md": "# Home\n\nWelcome.\n"}
	for i := range 50 {
		pages[fmt.Sprintf("p%02d.md", i)] = fmt.Sprintf("---\ntitle: Page %d\nloop: true\n---\nText.\n", i)
	}
	// 6 MB of text, which the layout writes four times.
	pages["big.md"] = "# Big\n\n" + strings.Repeat("A line of text that the page holds many times.\n\n", 128000)
	root := writeSite(t, pages)
	layout := `{{define "main"}}{{if .Page.Params.loop}}{{range 1000000000000}}` + line + `{{end}}{{end}}{{.Content}}{{.Content}}{{.Content}}{{.Content}}{{end}}`
	if err := os.MkdirAll(filepath.Join(root, "themes/default/layouts"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(root, "themes/default/layouts/page.html"), []byte(layout), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := build.New(build.Config{SourceDir: root, DestDir: filepath.Join(root, "public"), DefaultTheme: themes.Default(), NoGit: true}).Build(t.Context())
	checkStoppedPages(t, err, "the layout writes far more than the page's text: does a template loop without end?")
	// Without the loop, the big page builds.
	if err := os.WriteFile(filepath.Join(root, "themes/default/layouts/page.html"), []byte(strings.Replace(layout, "{{if .Page.Params.loop}}", "{{if false}}", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := build.New(build.Config{SourceDir: root, DestDir: filepath.Join(root, "public"), DefaultTheme: themes.Default(), NoGit: true}).Build(t.Context()); err != nil {
		t.Fatalf("without the loop: %v", err)
	}
}

// checkStoppedPages checks that a build failed with err at the looping
// pages (content/pNN.md) of its page layout, each with the message msg,
// about one per worker: each worker finishes the page it has, and one may
// have been handed the next as the first stopped.
func checkStoppedPages(t *testing.T, err error, msg string) {
	t.Helper()
	var le *diag.ListError
	if !errors.As(err, &le) {
		t.Fatalf("build: %v", err)
	}
	errs := le.List.Errors()
	if most := runtime.GOMAXPROCS(0) + 1; len(errs) == 0 || len(errs) > most {
		t.Fatalf("%d errors, want 1 to %d:\n%s", len(errs), most, errs)
	}
	re := regexp.MustCompile(`^content/p\d\d\.md: template error: layout page: ` + regexp.QuoteMeta(msg) + `$`)
	for _, d := range errs {
		if !re.MatchString(d.String()) {
			t.Errorf("error %q", d.String())
		}
	}
}

// TestNoContentFolder checks the error of a site without its content
// folder: it says to create one, and, when the site folder holds pages
// itself (a handbook read on GitHub), to move them there or name their
// folder with contentDir; an MkDocs site's, to name its docs_dir, whose
// nav the site then has when its mkdocs.yml has one; an mdBook book's, a
// Docusaurus site's or an Eleventy site's, to name the folder of its
// pages.
func TestNoContentFolder(t *testing.T) {
	for _, tc := range []struct {
		files map[string]string
		want  string
	}{
		{map[string]string{"playbook.toml": "title = \"T\"\n"}, "content: no content folder: create content/ with at least one .md file"},
		{map[string]string{"playbook.toml": "title = \"T\"\n", "README.md": "# Handbook\n", "guide.md": "# Guide\n"},
			"content: no content folder content/, and the site folder holds pages (README.md): move them into content/, beside which playbook.toml and the built site stay, or name the folder that holds them with contentDir in playbook.toml"},
		// An MkDocs site, its pages in its docs_dir, its README at the top.
		{map[string]string{"README.md": "# Repo\n", "mkdocs.yml": "site_name: T\ndocs_dir: handbook\nnav:\n  - index.md\n", "handbook/index.md": "# Handbook\n"},
			"content: no content folder content/, and the site is an MkDocs site (handbook/index.md): set contentDir = \"handbook\" in playbook.toml to build its pages with its nav"},
		// Without a nav, MkDocs lists the folders, and so will playbook.
		{map[string]string{"mkdocs.yml": "site_name: T\n", "docs/index.md": "# Handbook\n"},
			"content: no content folder content/, and the site is an MkDocs site (docs/index.md): set contentDir = \"docs\" in playbook.toml to build its pages"},
		// An mdBook book, in src/ or the folder its book.toml names, with
		// a README at the top, and a Docusaurus site.
		{map[string]string{"README.md": "# Repo\n", "book.toml": "[book]\ntitle = \"Forge\"\n", "src/SUMMARY.md": "# Summary\n"},
			"content: no content folder content/, and the site is an mdBook book (book.toml): set contentDir = \"src\" in playbook.toml to build its pages"},
		{map[string]string{"book.toml": "[book]\nsrc = \"./book/\"\n", "book/intro.md": "# Intro\n"},
			"content: no content folder content/, and the site is an mdBook book (book.toml): set contentDir = \"book\" in playbook.toml to build its pages"},
		{map[string]string{"docusaurus.config.ts": "export default {};\n", "docs/intro.md": "# Intro\n"},
			"content: no content folder content/, and the site is a Docusaurus site (docusaurus.config.ts): set contentDir = \"docs\" in playbook.toml to build its pages"},
		// A book.toml whose folder is not there, or a docs folder without a
		// page, says nothing of them.
		{map[string]string{"book.toml": "[book]\nsrc = \"../x\"\n"}, "content: no content folder: create content/ with at least one .md file"},
		{map[string]string{"book.toml": "[book]\n", "docusaurus.config.js": "module.exports = {};\n", "docs/guide/intro.mdx": "# Intro\n"},
			"content: no content folder content/, and the site is a Docusaurus site (docusaurus.config.js): set contentDir = \"docs\" in playbook.toml to build its pages"},
		// A Jekyll site whose _config.yml names its source folder.
		{map[string]string{"_config.yml": "title: T\nsource: ./src\n", "CONTRIBUTING.md": "# Contribute\n", "src/index.md": "# Home\n"},
			"content: no content folder content/, and the site is a Jekyll site (_config.yml, source: src): set contentDir = \"src\" in playbook.toml to build its pages"},
		// An Eleventy site, whose configuration names its input folder in
		// JavaScript: the folder Eleventy sites use that holds pages.
		{map[string]string{".eleventy.js": "module.exports = () => ({dir: {input: 'docs'}});\n", "README.md": "# Repo\n", "docs/index.md": "# Home\n", "src/x.png": "png"},
			"content: no content folder content/, and the site is an Eleventy site (.eleventy.js) with pages in docs/: set contentDir = \"docs\" in playbook.toml to build its pages"},
		{map[string]string{"docusaurus.config.js": "module.exports = {};\n", "docs/img/x.png": "png", "README.md": "# Repo\n"},
			"content: no content folder content/, and the site folder holds pages (README.md): move them into content/, beside which playbook.toml and the built site stay, or name the folder that holds them with contentDir in playbook.toml"},
	} {
		src := t.TempDir()
		for name, text := range tc.files {
			writeFile(t, filepath.Join(src, name), text)
		}
		_, err := newBuilder(src, filepath.Join(src, "public")).Build(t.Context())
		if err == nil || err.Error() != tc.want {
			t.Errorf("error %v, want %s", err, tc.want)
		}
	}
	// A content folder that is a link out of the site says so.
	outside, src := t.TempDir(), t.TempDir()
	writeFile(t, filepath.Join(outside, "index.md"), "# Handbook\n")
	if err := os.Symlink(outside, filepath.Join(src, "content")); err != nil {
		t.Skip(err)
	}
	_, err := newBuilder(src, filepath.Join(src, "public")).Build(t.Context())
	if want := "content: content folder content/: symbolic link leads outside the site folder, which playbook does not read through"; err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Errorf("error %v, want %s", err, want)
	}
}

// TestMkDocsSiteName checks that a site whose playbook.toml sets no title
// is titled with the site_name of its mkdocs.yml, as MkDocs titles it,
// when the file's docs_dir is the content folder, and that a title in
// playbook.toml wins.
func TestMkDocsSiteName(t *testing.T) {
	for _, tc := range []struct{ toml, want string }{
		{"contentDir = \"docs\"\n", "<title>Engineering Playbook</title>"},
		{"title = \"Ours\"\ncontentDir = \"docs\"\n", "<title>Ours</title>"},
		// An mkdocs.yml left over from before: its docs are elsewhere.
		{"contentDir = \"handbook\"\n", "<title>Handbook</title>"},
	} {
		src := t.TempDir()
		writeFile(t, filepath.Join(src, "mkdocs.yml"), "site_name: Engineering Playbook\nplugins:\n  - search\n")
		writeFile(t, filepath.Join(src, "playbook.toml"), tc.toml)
		writeFile(t, filepath.Join(src, "docs/index.md"), "Welcome.\n")
		writeFile(t, filepath.Join(src, "handbook/index.md"), "Welcome.\n")
		if _, err := newBuilder(src, filepath.Join(src, "public")).Build(t.Context()); err != nil {
			t.Fatal(err)
		}
		if html := read(t, filepath.Join(src, "public"), "index.html"); !strings.Contains(html, tc.want) {
			t.Errorf("%q: the home page lacks %s", tc.toml, tc.want)
		}
	}
}

// TestInvalidFrontMatterLowered checks that front matter that is not valid
// YAML is an error of the kind front-matter, which stops the build, and
// that a site that lowers the kind to a warning gets the page built from
// its body, without the front matter, as GitHub shows such a file.
func TestInvalidFrontMatterLowered(t *testing.T) {
	src := writeSite(t, map[string]string{
		"_index.md": "# Home\n\nSee [the trace](trace.md).\n",
		"trace.md":  "---\ntitle: Tracing: how\n---\n# Tracing\n\nThe body.\n",
	})
	writeFile(t, filepath.Join(src, "playbook.toml"), "title = \"T\"\n")
	_, err := newBuilder(src, filepath.Join(src, "public")).Build(t.Context())
	if err == nil || !strings.Contains(err.Error(), "content/trace.md:2:8: invalid YAML front matter") {
		t.Fatalf("error %v", err)
	}
	res := buildWith(t, src, "title = \"T\"\n[checks]\nfront-matter = \"warning\"\n")
	var got []string
	for _, d := range res.Warnings {
		if d.Kind == "front-matter" {
			got = append(got, d.Pos.String())
		}
	}
	if want := []string{"content/trace.md:2:8"}; !slices.Equal(got, want) {
		t.Errorf("front-matter warnings at %q, want %q", got, want)
	}
	pageHas(t, src, "trace/index.html", "<title>Tracing · T</title>", "<p>The body.</p>")
}

// TestMkDocsSidebarOrder checks that an MkDocs site without a nav lists a
// folder's pages by file name in the sidebar, as MkDocs does, not by
// title.
func TestMkDocsSidebarOrder(t *testing.T) {
	src := t.TempDir()
	for name, text := range map[string]string{
		"mkdocs.yml":    "site_name: T\n",
		"playbook.toml": "contentDir = \"docs\"\n",
		"docs/index.md": "# Home\n\n[Tools](tools.md) [FAQ](faq.md)\n",
		"docs/tools.md": "# Code review tools\n",
		"docs/faq.md":   "# Questions\n",
	} {
		writeFile(t, filepath.Join(src, name), text)
	}
	if _, err := newBuilder(src, filepath.Join(src, "public")).Build(t.Context()); err != nil {
		t.Fatal(err)
	}
	html := read(t, filepath.Join(src, "public"), "index.html")
	_, nav, _ := strings.Cut(html, `<nav class="site-nav"`)
	if faq, tools := strings.Index(nav, `href="/faq/"`), strings.Index(nav, `href="/tools/"`); faq < 0 || tools < 0 || faq > tools {
		t.Errorf("sidebar lists /faq/ at %d and /tools/ at %d, want faq.md first", faq, tools)
	}
}
