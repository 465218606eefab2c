package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestSplitFront(t *testing.T) {
	tests := []struct {
		name, src, front, body string
		ok                     bool
	}{
		{"yaml", "---\ntitle: A\n---\n# Hi\n", "title: A\n", "# Hi\n", true},
		{"crlf", "---\r\ntitle: A\r\n---\r\nbody", "title: A\r\n", "body", true},
		{"empty block", "---\n---\nbody", "", "body", true},
		{"none", "# Hi\n---\n", "", "# Hi\n---\n", false},
		{"unterminated", "---\ntitle: A\n", "", "---\ntitle: A\n", false},
		{"closing at end of file", "---\na: 1\n---", "a: 1\n", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			front, body := splitFront([]byte(tt.src))
			if (front != nil) != tt.ok || string(front) != tt.front || string(body) != tt.body {
				t.Errorf("splitFront(%q) = %q, %q; want %q, %q (front matter %v)", tt.src, front, body, tt.front, tt.body, tt.ok)
			}
		})
	}
}

func TestRenderPage(t *testing.T) {
	page := "---\ntitle: A\ntags: [x]\n---\n# Head\n\n| a | b |\n| - | - |\n| 1 | ~~2~~ |\n\n- [x] done\n\n" +
		"Term\n: Definition[^1]\n\n[^1]: Note.\n\n```go\nfunc main() {}\n```\n\n```nosuchlanguage\nplain <text>\n```\n"
	w := newWorker()
	path := filepath.Join(t.TempDir(), "a.md")
	if err := os.WriteFile(path, []byte(page), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := w.page(path); err != nil {
		t.Fatal(err)
	}
	html := w.buf.String()
	for _, want := range []string{
		`<h1 id="head">Head</h1>`, "<table>", "<del>2</del>", `type="checkbox"`, "<dl>", `class="footnotes"`,
		`<pre class="chroma">`, `<span class="kd">func</span>`, "plain &lt;text&gt;",
	} {
		if !strings.Contains(html, want) {
			t.Errorf("the HTML lacks %q:\n%s", want, html)
		}
	}
	if strings.Contains(html, "title: A") {
		t.Errorf("the front matter was rendered:\n%s", html)
	}
	if w.totals != (totals{pages: 1, in: int64(len(page)), out: int64(len(html)), code: 2}) {
		t.Errorf("totals = %+v", w.totals)
	}
}

func TestRun(t *testing.T) {
	dir := t.TempDir()
	for name, src := range map[string]string{"a.md": "# A\n", "sub/b.md": "---\nx: [\n---\n", "c.txt": "no"} {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var out bytes.Buffer
	if err := run(t.Context(), []string{dir}, &out); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(out.String(), "2 pages, 17 bytes of Markdown, ") || !strings.HasSuffix(out.String(), "\nfront matter that is not YAML: 1 page(s), rendered all the same\n") {
		t.Errorf("bad front matter: output %q", out.String())
	}
	if err := os.WriteFile(filepath.Join(dir, "sub/b.md"), []byte("---\nx: 1\n---\nB\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out.Reset()
	if err := run(t.Context(), []string{"-j", "3", dir}, &out); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(out.String(), "2 pages, 19 bytes of Markdown, ") || strings.Contains(out.String(), "front matter") {
		t.Errorf("output %q", out.String())
	}
}

func TestRunWrites(t *testing.T) {
	dir := t.TempDir()
	for name, src := range map[string]string{"_index.md": "# Home\n", "team/index.md": "# Team\n", "team/role.md": "# Role\n"} {
		p := filepath.Join(dir, "content", name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out := filepath.Join(dir, "out")
	var log bytes.Buffer
	if err := run(t.Context(), []string{"-o", out, filepath.Join(dir, "content")}, &log); err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]string{"index.html": "Home", "team/index.html": "Team", "team/role/index.html": "Role"} {
		got, err := os.ReadFile(filepath.Join(out, name))
		if err != nil || !strings.Contains(string(got), "<h1 id=\""+strings.ToLower(want)+"\">"+want+"</h1>") {
			t.Errorf("%s: %q, %v", name, got, err)
		}
	}
	if err := run(t.Context(), []string{"-o", out, filepath.Join(dir, "content")}, &log); err == nil {
		t.Error("wrote into a folder that exists")
	}
}

func TestRunErrors(t *testing.T) {
	var out bytes.Buffer
	for _, args := range [][]string{{}, {"-j", "0", t.TempDir()}, {t.TempDir()}, {"no-such-folder"}} {
		if err := run(t.Context(), args, &out); err == nil {
			t.Errorf("run(%q) = nil, want an error", args)
		}
	}
}
