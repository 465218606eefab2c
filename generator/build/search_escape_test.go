package build_test

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestSearchIndexKeepsScriptAsText builds a page whose title, heading and
// text carry "</script>", "<script>" and "<!--", and checks each file of the
// search index. The theme loads those files with <script src>, so each must
// be one call whose only argument is JSON: no code of the page can run from
// it. They also hold no "<" at all (nor a raw line or paragraph separator),
// so that even copied into an inline script they could not end it or open
// an HTML comment. And the page's text survives as text, raw HTML included:
// the page shows it as text, since the site does not allow raw HTML.
func TestSearchIndexKeepsScriptAsText(t *testing.T) {
	src := t.TempDir()
	page := "---\ntitle: \"Home </script><script>alert(1)</script> <!-- \\u2028 end\"\n---\n" +
		"Code `</script><script>alert(2)</script>` and an open <!-- comment.\n\n" +
		"## Heading `</script><!--`\n\n" +
		"Raw </script><script>alert(3)</script> markup.\n"
	if err := os.MkdirAll(filepath.Join(src, "content"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(src, "content/_index.md"), []byte(page), 0o644); err != nil {
		t.Fatal(err)
	}
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := newBuilder(src, dest).Build(t.Context()); err != nil {
		t.Fatalf("build: %v", err)
	}

	const head, tail = "(self.playbookSearch=self.playbookSearch||[]).push(", ");\n"
	var texts []string
	files := 0
	err := filepath.WalkDir(filepath.Join(dest, "search"), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		files++
		rel, _ := filepath.Rel(dest, p)
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if i := bytes.IndexByte(data, '<'); i >= 0 {
			t.Errorf("%s holds %q", rel, data[i:min(len(data), i+12)])
		}
		if bytes.ContainsAny(data, "\u2028\u2029") {
			t.Errorf("%s holds a raw line or paragraph separator", rel)
		}
		arg, ok := bytes.CutPrefix(data, []byte(head))
		if ok {
			arg, ok = bytes.CutSuffix(arg, []byte(tail))
		}
		if !ok {
			t.Errorf("%s is not one call of playbookSearch.push: %.80q", rel, data)
			return nil
		}
		var call []any
		dec := json.NewDecoder(bytes.NewReader(arg))
		if err := dec.Decode(&call); err != nil || dec.More() {
			t.Errorf("%s: the argument is not one JSON value (%v)", rel, err)
			return nil
		}
		name := strings.TrimSuffix(filepath.ToSlash(strings.TrimPrefix(rel, "search"+string(filepath.Separator))), ".js")
		if len(call) != 2 || call[0] != name {
			t.Errorf("%s: the call names %v, want %q", rel, call[0], name)
		}
		texts = appendStrings(texts, call)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if files < 3 {
		t.Fatalf("only %d search files", files)
	}
	slices.Sort(texts)
	all := strings.Join(texts, "\n")
	for _, want := range []string{
		"Home </script><script>alert(1)</script> <!-- \u2028 end",
		"Code </script><script>alert(2)</script> and an open <!-- comment.",
		"Heading </script><!--",
		"Raw </script><script>alert(3)</script> markup.",
	} {
		if !strings.Contains(all, want) {
			t.Errorf("the search index lacks the text %q; it holds:\n%s", want, all)
		}
	}
}

// appendStrings appends every string in v, a decoded JSON value.
func appendStrings(out []string, v any) []string {
	switch v := v.(type) {
	case string:
		out = append(out, v)
	case []any:
		for _, x := range v {
			out = appendStrings(out, x)
		}
	case map[string]any:
		for _, x := range v {
			out = appendStrings(out, x)
		}
	}
	return out
}
