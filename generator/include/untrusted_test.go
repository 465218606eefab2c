package include_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"testing/fstest"
	"time"

	"github.com/playbookhq/playbook/generator/include"
	"github.com/playbookhq/playbook/generator/sitefs"
)

// TestUnreadableIncludes checks that an include that is too large, is not
// a regular file or leads out of the site is an error at its directive,
// that nothing of it reaches the output, and that the rest of the page is
// still expanded when expansion can go on.
func TestUnreadableIncludes(t *testing.T) {
	root := fstest.MapFS{
		"c/_includes/small.md":  {Data: []byte("small\n")},
		"c/_includes/big.md":    {Data: []byte(strings.Repeat("b", 600) + "\n")},
		"c/_includes/half.md":   {Data: []byte(strings.Repeat("h", 400) + "\n")},
		"c/_includes/pipe.md":   {Mode: fs.ModeNamedPipe},
		"c/_includes/dev.md":    {Mode: fs.ModeDevice | fs.ModeCharDevice},
		"c/_includes/dir.md":    {Mode: fs.ModeDir},
		"c/_includes/s.md":      {Data: []byte("## One {#one}\n" + strings.Repeat("s", 600) + "\n")},
		"c/_includes/thrice.md": {Data: []byte("{{$include half.md}}\n{{$include half.md}}\n{{$include half.md}}\n")},
	}
	opts := include.Options{Root: root, ContentDir: "c", Snippets: "c/_includes/s.md", MaxSize: 1000}
	for _, tc := range []struct {
		name, body, want, out string
	}{
		{
			name: "over the limit alone",
			body: "P1\n  {{$include _includes/big.md}}\n{{$include _includes/big.md}}\n",
			want: `c/p.md:3:1: include "_includes/big.md": includes expand past the limit: c/_includes/big.md is 601 bytes, and with the page and its other includes that is over 1000 bytes (maxPageSize in playbook.toml)`,
			out:  "P1\nbbb",
		},
		{
			name: "page and include together",
			body: strings.Repeat("p", 500) + "\n{{$include _includes/big.md}}\nafter\n",
			want: `c/p.md:2:1: include "_includes/big.md": includes expand past the limit`,
		},
		{
			name: "nested includes together",
			body: "{{$include _includes/thrice.md}}\n{{$include _includes/half.md}}\n",
			want: `c/_includes/thrice.md:3:1: include "half.md": includes expand past the limit`,
		},
		{
			name: "snippet",
			body: strings.Repeat("p", 500) + "\n{{one}}\n",
			want: `c/p.md:2:1: snippet "one": includes expand past the limit`,
		},
		{
			name: "named pipe",
			body: "P1\n{{$include _includes/pipe.md}}\n{{$include _includes/small.md}}\n",
			want: `c/p.md:2:1: include "_includes/pipe.md": c/_includes/pipe.md: a named pipe, not a regular file`,
			out:  "P1\n\nsmall\n",
		},
		{
			name: "device",
			body: "{{$include /c/_includes/dev.md}}\n",
			want: `c/p.md:1:1: include "/c/_includes/dev.md": c/_includes/dev.md: a character device, not a regular file`,
		},
		{
			name: "folder",
			body: "{{$include _includes/dir.md}}\n",
			want: `c/p.md:1:1: include "_includes/dir.md": c/_includes/dir.md: a folder, not a regular file`,
		},
	} {
		x := include.Expand("c/p.md", []byte(tc.body), 1, opts)
		out, diags := x.Body, x.Diags
		if got := diags.String(); !strings.HasPrefix(got, tc.want) {
			t.Errorf("%s: diagnostics\n%s\nwant\n%s", tc.name, got, tc.want)
		}
		if !strings.HasPrefix(string(out), tc.out) {
			t.Errorf("%s: output %q, want it to start with %q", tc.name, out, tc.out)
		}
		if len(out) > 1000+100 {
			t.Errorf("%s: %d bytes expanded", tc.name, len(out))
		}
	}
}

// TestIncludeOutside includes files through symbolic links on disk: one to
// a secret file next to the site, one to /dev/zero, one to the process's
// environment. Each is an error at its directive and nothing of the
// targets is read; a link inside the site is followed.
func TestIncludeOutside(t *testing.T) {
	const secret = "SECRET-a83b1e"
	base := t.TempDir()
	site := filepath.Join(base, "site")
	inc := filepath.Join(site, "content", "_includes")
	if err := os.MkdirAll(inc, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(base, "secret.md"), []byte(secret+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(inc, "real.md"), []byte("real text\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	links := map[string]string{
		"secret.md": filepath.Join(base, "secret.md"),
		"rel.md":    "../../../secret.md",
		"zero.md":   "/dev/zero",
		"env.md":    "/proc/self/environ",
		"alias.md":  "real.md",
	}
	for name, target := range links {
		if err := os.Symlink(target, filepath.Join(inc, name)); err != nil {
			t.Skip(err)
		}
	}
	if err := syscall.Mkfifo(filepath.Join(inc, "pipe.md"), 0o644); err != nil {
		t.Skip(err)
	}
	t.Setenv("PLAYBOOK_TEST_ENV", secret)
	body := "# Page\n{{$include _includes/secret.md}}\n{{$include _includes/rel.md}}\n{{$include _includes/zero.md}}\n" +
		"{{$include _includes/env.md}}\n{{$include _includes/pipe.md}}\n{{$include _includes/alias.md}}\n"
	root := sitefs.Dir(site)
	defer root.Close()
	done := make(chan struct{})
	var out []byte
	var got string
	go func() {
		defer close(done)
		x := include.Expand("content/p.md", []byte(body), 1, include.Options{Root: root, ContentDir: "content"})
		o, diags := x.Body, x.Diags
		out, got = o, diags.String()
	}()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("Expand blocked")
	}
	if strings.Contains(string(out), secret) || strings.Contains(got, secret) {
		t.Errorf("the secret was read:\n%s\n%s", out, got)
	}
	if !strings.Contains(string(out), "real text") {
		t.Errorf("the link inside the site was not followed: %q", out)
	}
	for _, want := range []string{
		`content/p.md:2:1: include "_includes/secret.md": content/_includes/secret.md: symbolic link leads outside the site folder`,
		`content/p.md:3:1: include "_includes/rel.md": content/_includes/rel.md: symbolic link leads outside the site folder`,
		`content/p.md:4:1: include "_includes/zero.md": content/_includes/zero.md: symbolic link leads outside the site folder`,
		`content/p.md:5:1: include "_includes/env.md": content/_includes/env.md: symbolic link leads outside the site folder`,
		`content/p.md:6:1: include "_includes/pipe.md": content/_includes/pipe.md: a named pipe, not a regular file`,
	} {
		if !strings.Contains(got, want+"\n") {
			t.Errorf("diagnostics lack\n%s\ngot\n%s", want, got)
		}
	}
}
