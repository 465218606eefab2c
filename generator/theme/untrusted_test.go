package theme_test

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"testing/fstest"
	"time"

	"github.com/playbookhq/playbook/generator/diag"
	"github.com/playbookhq/playbook/generator/sitefs"
	"github.com/playbookhq/playbook/generator/theme"
)

func baseLayer() theme.Layer {
	return layer("themes/default", map[string]string{
		"layouts/home.html":    `home`,
		"layouts/section.html": `section`,
		"layouts/page.html":    `page`,
		"layouts/404.html":     `404`,
		"assets/css/style.css": "body{}",
		"i18n/en.toml":         "search = \"Search\"\n",
	})
}

// TestSpecialThemeFiles checks that theme files that are symbolic links,
// named pipes, devices or sockets are skipped with a warning, and that a
// template or strings file over MaxTextSize is an error.
func TestSpecialThemeFiles(t *testing.T) {
	site := theme.Layer{Name: "themes/x", FS: fstest.MapFS{
		"layouts/partials/pipe.html": {Mode: fs.ModeNamedPipe},
		"assets/shadow.css":          {Mode: fs.ModeSymlink, Data: []byte("/etc/shadow")},
		"assets/zero.js":             {Mode: fs.ModeDevice | fs.ModeCharDevice},
		"assets/sock":                {Mode: fs.ModeSocket},
		"assets/ok.css":              {Data: []byte("p{}")},
	}}
	th, diags := theme.Load([]theme.Layer{site, baseLayer()}, nil)
	want := strings.Join([]string{
		"themes/x/assets/shadow.css: warning: symbolic link skipped: links may point outside the site",
		"themes/x/assets/sock: warning: skipped: a socket, not a regular file",
		"themes/x/assets/zero.js: warning: skipped: a character device, not a regular file",
		"themes/x/layouts/partials/pipe.html: warning: skipped: a named pipe, not a regular file",
	}, "\n") + "\n"
	if diags.Sort(); diags.String() != want {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", diags, want)
	}
	if th == nil {
		t.Fatal("no theme")
	}
	if got := strings.Join(th.Assets(), ","); got != "css/style.css,ok.css" {
		t.Errorf("assets %s", got)
	}

	big := theme.Layer{Name: "themes/x", FS: fstest.MapFS{
		"layouts/page.html": {Data: []byte(strings.Repeat("x", theme.MaxTextSize+1))},
	}}
	if th, diags := theme.Load([]theme.Layer{big, baseLayer()}, nil); th != nil || !strings.HasPrefix(diags.String(), "themes/x/layouts/page.html:1:1: file is 1.0 MB, over the 1.0 MB limit for a template") {
		t.Errorf("large template: %v", diags)
	}

	strs := theme.Layer{Name: "", FS: fstest.MapFS{
		"i18n/sv.toml": {Data: []byte("search = \"" + strings.Repeat("x", theme.MaxTextSize) + "\"\n")},
		"i18n/de.toml": {Mode: fs.ModeNamedPipe},
		"i18n/fr.toml": {Mode: fs.ModeSymlink},
	}}
	_, diags = theme.LoadStrings([]theme.Layer{strs, baseLayer()})
	want = strings.Join([]string{
		"i18n/de.toml: warning: skipped: a named pipe, not a regular file",
		"i18n/fr.toml: warning: symbolic link skipped: links may point outside the site",
		"i18n/sv.toml:1:1: file is 1.0 MB, over the 1.0 MB limit for a strings file",
	}, "\n") + "\n"
	if diags.Sort(); diags.String() != want {
		t.Errorf("strings diagnostics:\n%s\nwant:\n%s", diags, want)
	}
}

// TestThemeOnDisk builds a theme layer from a folder with a named pipe
// among the templates, a named pipe among the strings and an asset that
// links out of the site; loading it must not block, and the asset must not
// be read.
func TestThemeOnDisk(t *testing.T) {
	base := t.TempDir()
	dir := filepath.Join(base, "site", "themes", "x")
	for _, d := range []string{"layouts/partials", "assets", "i18n"} {
		if err := os.MkdirAll(filepath.Join(dir, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(base, "secret.css"), []byte("SECRET"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("../../../../secret.css", filepath.Join(dir, "assets", "secret.css")); err != nil {
		t.Skip(err)
	}
	for _, p := range []string{"layouts/partials/pipe.html", "assets/pipe.css", "i18n/sv.toml"} {
		if err := syscall.Mkfifo(filepath.Join(dir, p), 0o644); err != nil {
			t.Skip(err)
		}
	}
	root := sitefs.Dir(filepath.Join(base, "site"))
	defer root.Close()
	sub, err := fs.Sub(root, "themes/x")
	if err != nil {
		t.Fatal(err)
	}
	site := theme.Layer{Name: "themes/x", FS: sub}
	if err := os.WriteFile(filepath.Join(dir, "assets", "late.css"), []byte("p{}"), 0o644); err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	var th *theme.Theme
	var got string
	go func() {
		defer close(done)
		var diags, d diag.List
		th, diags = theme.Load([]theme.Layer{site, baseLayer()}, nil)
		_, d = theme.LoadStrings([]theme.Layer{site, baseLayer()})
		diags = append(diags, d...)
		diags.Sort()
		got = diags.String()
	}()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("loading the theme blocked")
	}
	want := strings.Join([]string{
		"themes/x/assets/pipe.css: warning: skipped: a named pipe, not a regular file",
		"themes/x/assets/secret.css: warning: symbolic link skipped: links may point outside the site",
		"themes/x/i18n/sv.toml: warning: skipped: a named pipe, not a regular file",
		"themes/x/layouts/partials/pipe.html: warning: skipped: a named pipe, not a regular file",
	}, "\n") + "\n"
	if got != want {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", got, want)
	}
	if th == nil || th.HasAsset("secret.css") || th.HasAsset("pipe.css") {
		t.Fatalf("theme %v has the skipped assets", th)
	}
	// An asset replaced by a link after loading is still not read.
	if err := os.Remove(filepath.Join(dir, "assets", "late.css")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("../../../../secret.css", filepath.Join(dir, "assets", "late.css")); err != nil {
		t.Fatal(err)
	}
	if data, err := th.ReadAsset("late.css"); !errors.Is(err, sitefs.ErrOutside) {
		t.Errorf("read through the link: %q, %v", data, err)
	}
}
