package build_test

import (
	"errors"
	"fmt"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/playbookhq/playbook/generator/build"
	"github.com/playbookhq/playbook/generator/diag"
	"github.com/playbookhq/playbook/generator/output"
	"github.com/playbookhq/playbook/themes"
)

// These tests build sites whose files must not be trusted: links to
// files outside the site, named pipes, devices, sockets and files too
// large to read. Each site is built the three ways a site is built: a
// build, a check, and the preview server's first build and rebuild; each
// must finish promptly, and nothing outside the site may reach the output.

// secret is written in files beside the site folder.
const secret = "SECRET-3c9f07d1"

// untrustedSite is a site folder in a temporary folder, next to a file
// holding the secret.
type untrustedSite struct {
	t         *testing.T
	base, dir string
}

func newUntrustedSite(t *testing.T) *untrustedSite {
	t.Helper()
	base := t.TempDir()
	s := &untrustedSite{t: t, base: base, dir: filepath.Join(base, "site")}
	writeFile(t, filepath.Join(base, "secret.md"), "# "+secret+"\n\n"+secret+"\n")
	writeFile(t, filepath.Join(base, "outside", "secret.css"), "/* "+secret+" */\n")
	s.write("content/_index.md", "# Home\n\nWelcome.\n")
	return s
}

func (s *untrustedSite) path(rel string) string { return filepath.Join(s.dir, filepath.FromSlash(rel)) }

func (s *untrustedSite) write(rel, text string) { writeFile(s.t, s.path(rel), text) }

func (s *untrustedSite) mkdir(rel string) {
	if err := os.MkdirAll(s.path(rel), 0o755); err != nil {
		s.t.Fatal(err)
	}
}

// link makes rel a symbolic link to target; "$SECRET" stands for the
// secret file and "$OUTSIDE" for the folder beside the site.
func (s *untrustedSite) link(target, rel string) {
	s.t.Helper()
	target = strings.NewReplacer("$SECRET", filepath.Join(s.base, "secret.md"), "$OUTSIDE", filepath.Join(s.base, "outside")).Replace(target)
	s.mkdir(filepath.Dir(rel))
	if err := os.Symlink(target, s.path(rel)); err != nil {
		s.t.Skipf("no symbolic links: %v", err)
	}
}

func (s *untrustedSite) fifo(rel string) {
	s.t.Helper()
	s.mkdir(filepath.Dir(rel))
	if err := syscall.Mkfifo(s.path(rel), 0o644); err != nil {
		s.t.Skipf("no named pipes: %v", err)
	}
}

// outcome is the result of building a site one way.
type outcome struct {
	how string
	// diags are the errors (of a failed build) and warnings, as printed.
	diags string
	err   error
	// files is what the build wrote.
	files map[string][]byte
}

// deadline bounds each build: a build that waits on a named pipe never
// ends.
const deadline = 30 * time.Second

// buildAll builds the site as "playbook build", "playbook check" and
// "playbook serve" do; the serve build then rebuilds after changes to the
// paths in changed, which a test makes in change.
func (s *untrustedSite) buildAll(change func(), changed ...string) []outcome {
	s.t.Helper()
	var outs []outcome
	run := func(how string, fn func() (*build.Result, map[string][]byte, error)) {
		s.t.Helper()
		type result struct {
			res   *build.Result
			files map[string][]byte
			err   error
		}
		done := make(chan result, 1)
		go func() {
			res, files, err := fn()
			done <- result{res, files, err}
		}()
		select {
		case r := <-done:
			o := outcome{how: how, err: r.err, files: r.files}
			var le *diag.ListError
			switch {
			case errors.As(r.err, &le):
				o.diags = le.List.String()
			case r.err != nil:
				o.diags = r.err.Error()
			default:
				o.diags = r.res.Warnings.String()
			}
			outs = append(outs, o)
		case <-time.After(deadline):
			s.t.Fatalf("%s: still running after %v", how, deadline)
		}
	}
	ctx := s.t.Context()
	run("build", func() (*build.Result, map[string][]byte, error) {
		dest := filepath.Join(s.base, "public")
		res, err := build.New(build.Config{SourceDir: s.dir, DestDir: dest, DefaultTheme: themes.Default(), NoGit: true}).Build(ctx)
		return res, readTree(s.t, dest), err
	})
	run("check", func() (*build.Result, map[string][]byte, error) {
		// playbook check discards the files; they are kept here to be
		// searched for the secret.
		mem := output.NewMem()
		c := mem.NewCollector()
		res, err := build.New(build.Config{SourceDir: s.dir, DefaultTheme: themes.Default(), Review: true, NoGit: true}).BuildTo(ctx, c)
		mem.Publish(c)
		return res, snapshotFiles(mem), err
	})
	mem := output.NewMem()
	b := build.NewSession(build.Config{SourceDir: s.dir, DefaultTheme: themes.Default(), NoGit: true}, mem)
	run("serve", func() (*build.Result, map[string][]byte, error) {
		res, err := b.Rebuild(ctx, nil)
		return res, snapshotFiles(mem), err
	})
	if change != nil {
		change()
		run("rebuild", func() (*build.Result, map[string][]byte, error) {
			res, err := b.Rebuild(ctx, changed)
			return res, snapshotFiles(mem), err
		})
		run("full rebuild", func() (*build.Result, map[string][]byte, error) {
			res, err := b.Rebuild(ctx, nil)
			return res, snapshotFiles(mem), err
		})
	}
	return outs
}

func readTree(t *testing.T, dir string) map[string][]byte {
	files := map[string][]byte{}
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			data, _ := os.ReadFile(p)
			rel, _ := filepath.Rel(dir, p)
			files[filepath.ToSlash(rel)] = data
		}
		return nil
	})
	return files
}

func snapshotFiles(mem *output.Mem) map[string][]byte {
	files := map[string][]byte{}
	if snap := mem.Snapshot(); snap != nil {
		for name, data := range snap.All() {
			files[name] = data.Bytes()
		}
	}
	return files
}

// check checks that no outcome leaked the secret, that each failed or
// succeeded as wanted, and that its diagnostics hold every line of want.
func check(t *testing.T, outs []outcome, fail bool, want ...string) {
	t.Helper()
	for _, o := range outs {
		if (o.err != nil) != fail {
			t.Errorf("%s: error %v, want failure %v\n%s", o.how, o.err, fail, o.diags)
		}
		if strings.Contains(o.diags, secret) {
			t.Errorf("%s: the secret is in the diagnostics:\n%s", o.how, o.diags)
		}
		for name, data := range o.files {
			if strings.Contains(string(data), secret) {
				t.Errorf("%s: the secret is in %s", o.how, name)
			}
		}
		for _, w := range want {
			if !strings.Contains(o.diags, w+"\n") {
				t.Errorf("%s: diagnostics lack\n%s\ngot:\n%s", o.how, w, o.diags)
			}
		}
	}
}

// TestIncludeLinkOutside includes files through links that leave the
// site: a secret file (by an absolute and a relative link), the process's
// environment and /dev/zero. Each is an error at the include directive, and
// nothing of them is read.
func TestIncludeLinkOutside(t *testing.T) {
	for _, tc := range []struct{ name, target, directive string }{
		{"secret", "$SECRET", "{{$include _includes/env.md}}"},
		{"relative", "../../../secret.md", "{{$include _includes/env.md}}"},
		{"environment", "/proc/self/environ", "{{$include _includes/env.md}}"},
		{"device", "/dev/zero", "  {{$include /content/_includes/env.md}}"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := newUntrustedSite(t)
			s.write("content/_index.md", "# Home\n\nBefore.\n\n"+tc.directive+"\n\nAfter.\n")
			s.link(tc.target, "content/_includes/env.md")
			col := 1 + len(tc.directive) - len(strings.TrimLeft(tc.directive, " "))
			arg := strings.Fields(strings.Trim(strings.TrimSpace(tc.directive), "{}"))[1]
			want := fmt.Sprintf(`content/_index.md:5:%d: include %q: content/_includes/env.md: symbolic link leads outside the site folder`, col, arg)
			// The preview server is then told of an edit of the page.
			outs := s.buildAll(func() { s.write("content/_index.md", "# Home\n\n"+tc.directive+"\n") }, "content/_index.md")
			check(t, outs[:3], true, want)
			check(t, outs[3:], true, strings.Replace(want, ":5:", ":3:", 1))
		})
	}
}

// TestIncludeLinkInside includes a file through a link that stays inside
// the site, which is followed.
func TestIncludeLinkInside(t *testing.T) {
	s := newUntrustedSite(t)
	s.write("shared/notice.md", "Shared notice text.\n")
	s.write("content/_index.md", "# Home\n\n{{$include _includes/notice.md}}\n")
	s.link("../../shared/notice.md", "content/_includes/notice.md")
	outs := s.buildAll(nil)
	check(t, outs, false)
	for _, o := range outs {
		if !strings.Contains(string(o.files["index.html"]), "Shared notice text.") {
			t.Errorf("%s: the included text is missing", o.how)
		}
	}
}

// TestThemeAssetLinkOutside gives the site's theme an asset that links to
// a file outside the site, and a theme folder that does: the asset is
// skipped with a warning, the folder is an error.
func TestThemeAssetLinkOutside(t *testing.T) {
	s := newUntrustedSite(t)
	s.link("$OUTSIDE/secret.css", "themes/default/assets/css/shadow.css")
	s.link("$SECRET", "themes/default/layouts/partials/secret.html")
	s.link("$SECRET", "i18n/en.toml")
	outs := s.buildAll(func() { s.write("themes/default/assets/css/extra.css", "p{}") }, "themes/default/assets/css/extra.css")
	check(t, outs, false,
		"themes/default/assets/css/shadow.css: warning: symbolic link skipped: links may point outside the site",
		"themes/default/layouts/partials/secret.html: warning: symbolic link skipped: links may point outside the site",
		"i18n/en.toml: warning: symbolic link skipped: links may point outside the site",
	)
	for _, o := range outs {
		if _, ok := o.files["assets/css/shadow.css"]; ok {
			t.Errorf("%s: the linked asset was copied", o.how)
		}
	}

	s = newUntrustedSite(t)
	s.write("playbook.toml", "theme = \"corp\"\n")
	s.link("$OUTSIDE", "themes/corp")
	check(t, s.buildAll(nil), true, `playbook.toml: theme "corp": themes/corp: symbolic link leads outside the site folder`)
}

// TestContentLinkOutside links pages, files and a folder of the content to
// outside the site: they are skipped with a warning.
func TestContentLinkOutside(t *testing.T) {
	s := newUntrustedSite(t)
	s.link("$SECRET", "content/secret.md")
	s.link("$OUTSIDE/secret.css", "content/style.css")
	s.link("$OUTSIDE", "content/docs")
	s.link("$SECRET", "playbook.toml")
	outs := s.buildAll(func() { s.link("$SECRET", "content/later.md") }, "content/later.md")
	check(t, outs, false,
		"content/secret.md: warning: symbolic link skipped: links may point outside the site",
		"content/style.css: warning: symbolic link skipped: links may point outside the site",
		"content/docs: warning: symbolic link skipped: links may point outside the site",
		"playbook.toml: warning: skipped, so the site is built with the default configuration: symbolic link leads outside the site folder",
	)
	check(t, outs[3:], false, "content/later.md: warning: symbolic link skipped: links may point outside the site")
}

// TestSymlinkOff checks that [checks] silences the warnings of symbolic
// links skipped (kind symlink), in the content and in a theme, which are
// still skipped.
func TestSymlinkOff(t *testing.T) {
	s := newUntrustedSite(t)
	s.link("$SECRET", "content/secret.md")
	s.link("$OUTSIDE/secret.css", "themes/default/assets/css/shadow.css")
	s.write("playbook.toml", "[checks]\nsymlink = \"off\"\n")
	outs := s.buildAll(nil)
	check(t, outs, false)
	for _, o := range outs {
		if strings.Contains(o.diags, "symbolic link") {
			t.Errorf("%s: a symbolic link is reported:\n%s", o.how, o.diags)
		}
	}
}

// TestSpecialFiles puts named pipes, a socket and a link to a device in
// every place a site has files. Nothing blocks; each is skipped with a
// warning, or, when a page includes one, is an error at the directive.
func TestSpecialFiles(t *testing.T) {
	s := newUntrustedSite(t)
	s.write("content/a.md", "# A\n\nText.\n")
	s.fifo("content/pipe.md")
	s.fifo("content/files/pipe.pdf")
	s.fifo("content/_includes/pipe.md")
	s.fifo("themes/default/assets/css/pipe.css")
	s.fifo("themes/default/layouts/partials/pipe.html")
	s.fifo("i18n/sv.toml")
	s.link("/dev/zero", "themes/default/assets/zero.js")
	if l, err := net.Listen("unix", s.path("content/sock")); err == nil {
		defer l.Close()
	}
	warnings := []string{
		"content/pipe.md: warning: skipped: a named pipe, not a regular file",
		"content/files/pipe.pdf: warning: skipped: a named pipe, not a regular file",
		"themes/default/assets/css/pipe.css: warning: skipped: a named pipe, not a regular file",
		"themes/default/layouts/partials/pipe.html: warning: skipped: a named pipe, not a regular file",
		"i18n/sv.toml: warning: skipped: a named pipe, not a regular file",
		"themes/default/assets/zero.js: warning: symbolic link skipped: links may point outside the site",
	}
	// The preview server is told of a page that became a named pipe and
	// of a new one.
	outs := s.buildAll(func() {
		if err := os.Remove(s.path("content/a.md")); err != nil {
			t.Fatal(err)
		}
		s.fifo("content/a.md")
		s.fifo("content/b.md")
	}, "content/a.md", "content/b.md")
	check(t, outs, false, warnings...)
	check(t, outs[3:], false, "content/a.md: warning: skipped: a named pipe, not a regular file", "content/b.md: warning: skipped: a named pipe, not a regular file")
	for _, o := range outs {
		if _, ok := o.files["a/index.html"]; ok != !strings.Contains(o.how, "rebuild") {
			t.Errorf("%s: page a published: %v", o.how, ok)
		}
	}

	// A page that includes a named pipe.
	s = newUntrustedSite(t)
	s.fifo("content/_includes/pipe.md")
	s.write("content/_index.md", "# Home\n\n{{$include _includes/pipe.md}}\n")
	outs = s.buildAll(func() {
		s.fifo("content/_includes/pipe2.md")
		s.write("content/_index.md", "# Home\n\n{{$include _includes/pipe2.md}}\n")
	}, "content/_index.md")
	check(t, outs[:3], true, `content/_index.md:3:1: include "_includes/pipe.md": content/_includes/pipe.md: a named pipe, not a regular file`)
	check(t, outs[3:], true, `content/_index.md:3:1: include "_includes/pipe2.md": content/_includes/pipe2.md: a named pipe, not a regular file`)
}

// TestIncludeTooLarge includes a file over maxPageSize, and files that are
// within it alone but not with the page and its other includes: each is an
// error at the include directive.
func TestIncludeTooLarge(t *testing.T) {
	s := newUntrustedSite(t)
	s.write("content/_includes/big.md", strings.Repeat("A line of a very large include.\n", 20<<20/32))
	s.write("content/_index.md", "# Home\n\n{{$include _includes/big.md}}\n")
	check(t, s.buildAll(nil), true,
		`content/_index.md:3:1: include "_includes/big.md": includes expand past the limit: content/_includes/big.md is 20.0 MB, and with the page and its other includes that is over 10.0 MB (maxPageSize in playbook.toml)`)

	s = newUntrustedSite(t)
	s.write("playbook.toml", "maxPageSize = 1048576\n")
	s.write("content/_includes/part.md", strings.Repeat("Part of a page, nearly half a megabyte.\n", 400<<10/40))
	s.write("content/_index.md", "# Home\n\n"+strings.Repeat("x", 300<<10)+"\n\n{{$include _includes/part.md}}\n\n{{$include _includes/part.md}}\n")
	s.write("content/nested.md", "# Nested\n\n{{$include _includes/twice.md}}\n")
	s.write("content/_includes/twice.md", "{{$include part.md}}\n\n{{$include part.md}}\n\n{{$include part.md}}\n")
	check(t, s.buildAll(nil), true,
		`content/_index.md:7:1: include "_includes/part.md": includes expand past the limit: content/_includes/part.md is 400.0 KB, and with the page and its other includes that is over 1.0 MB (maxPageSize in playbook.toml)`,
		`content/_includes/twice.md:5:1: include "part.md": includes expand past the limit: content/_includes/part.md is 400.0 KB, and with the page and its other includes that is over 1.0 MB (maxPageSize in playbook.toml)`)
}

// TestFilesTooLarge checks the limits of the other files: playbook.toml,
// a template, a file beside the pages and a theme asset.
func TestFilesTooLarge(t *testing.T) {
	s := newUntrustedSite(t)
	s.write("playbook.toml", "title = \"H\"\n"+strings.Repeat("# padding\n", 110<<10))
	check(t, s.buildAll(nil), true, "playbook.toml:1:1: file is 1.1 MB, over the 1.0 MB limit for the configuration")

	s = newUntrustedSite(t)
	s.write("themes/default/layouts/partials/big.html", strings.Repeat("<p></p>\n", 150<<10))
	check(t, s.buildAll(nil), true, "themes/default/layouts/partials/big.html:1:1: file is 1.2 MB, over the 1.0 MB limit for a template")

	// Sparse files: large, but nothing is written to the disk.
	for _, rel := range []string{"content/files/video.mp4", "themes/default/assets/img/huge.png"} {
		s = newUntrustedSite(t)
		s.write(rel, "")
		if err := os.Truncate(s.path(rel), 101<<20); err != nil {
			t.Fatal(err)
		}
		check(t, s.buildAll(nil), true, rel+":1:1: file is 101.0 MB, over the 100.0 MB limit for a file copied into the site")
	}

	// Two such files: one build reports both.
	s = newUntrustedSite(t)
	for _, rel := range []string{"content/files/a.bin", "content/files/b.bin"} {
		s.write(rel, "")
		if err := os.Truncate(s.path(rel), 101<<20); err != nil {
			t.Fatal(err)
		}
	}
	check(t, s.buildAll(nil), true,
		"content/files/a.bin:1:1: file is 101.0 MB, over the 100.0 MB limit for a file copied into the site",
		"content/files/b.bin:1:1: file is 101.0 MB, over the 100.0 MB limit for a file copied into the site")

	// With an error in a page, which stops the build before it copies the
	// files: one build reports both.
	s = newUntrustedSite(t)
	s.write("content/files/video.mp4", "")
	if err := os.Truncate(s.path("content/files/video.mp4"), 101<<20); err != nil {
		t.Fatal(err)
	}
	s.write("content/broken.md", "# Broken\n\n[x](nope.md)\n")
	check(t, s.buildAll(nil), true,
		`content/broken.md:3:1: broken link "nope.md": no page or file nope.md`,
		"content/files/video.mp4:1:1: file is 101.0 MB, over the 100.0 MB limit for a file copied into the site")
}

// TestLinksInsideSite checks that files named by their path may be links
// that stay inside the site: the configuration, the content folder and
// the theme folder.
func TestLinksInsideSite(t *testing.T) {
	s := newUntrustedSite(t)
	s.write("config/playbook.toml", "title = \"Linked\"\ntheme = \"corp\"\n")
	s.link("config/playbook.toml", "playbook.toml")
	s.write("pages/_index.md", "# Home\n\nFrom the linked folder.\n")
	if err := os.RemoveAll(s.path("content")); err != nil {
		t.Fatal(err)
	}
	s.link("pages", "content")
	s.write("vendor/corp/assets/css/corp.css", "p{color:teal}")
	s.link("../vendor/corp", "themes/corp")
	outs := s.buildAll(nil)
	check(t, outs, false)
	for _, o := range outs {
		if string(o.files["assets/css/corp.css"]) != "p{color:teal}" {
			t.Errorf("%s: the linked theme's asset is missing", o.how)
		}
		home := string(o.files["index.html"])
		for _, want := range []string{"Linked", "From the linked folder."} {
			if !strings.Contains(home, want) {
				t.Errorf("%s: the home page lacks %q", o.how, want)
			}
		}
	}
}
