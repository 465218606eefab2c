package source_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/playbookhq/playbook/generator/diag"
	"github.com/playbookhq/playbook/generator/source"
)

func TestReadTechDocs(t *testing.T) {
	for _, tc := range []struct{ yml, want, warn string }{
		{"host: https://docs.example.org\nredirects:\n  /manual/old.html: /manual/new.html\n  /a/: /b/#part\n",
			"[manual/old.html>manual/new.html@3:3 a/>b/@4:3]", ""},
		// Elsewhere, or from a #part, as the gem allows: left out.
		{"redirects:\n  /x.html: https://example.com/\n  /y.html#z: /w.html\n  /v.html: //cdn.example.com/\n  relative.html: /w.html\n", "[]", ""},
		{"host: x\n", "[]", ""},
		{"redirects:\n", "[]", ""},
		{"redirects: [a, b]\n", "[]", "config/tech-docs.yml:1:12: warning: redirects is not a mapping of old addresses to new ones; left out"},
		{"redirects:\n  /a.html: [\n", "[]", "config/tech-docs.yml:2:"},
	} {
		rs, diags := source.ReadTechDocs(source.TechDocsConfig, []byte(tc.yml))
		var got []string
		for _, r := range rs {
			got = append(got, fmt.Sprintf("%s>%s@%d:%d", r.From, r.To, r.Line, r.Col))
		}
		if fmt.Sprint(got) != tc.want && !(tc.want == "[]" && got == nil) {
			t.Errorf("%q: %v, want %s", tc.yml, got, tc.want)
		}
		if w := diags.String(); tc.warn == "" && w != "" || !strings.HasPrefix(w, tc.warn) {
			t.Errorf("%q: warnings %q, want %q", tc.yml, w, tc.warn)
		}
	}
}

func FuzzReadTechDocs(f *testing.F) {
	f.Add("redirects:\n  /manual/old.html: /manual/new.html\n  /a/: /b/#c\n")
	f.Add("redirects: {/a: /b, &x /c: *x}\n")
	f.Add("redirects:\r  /a: /b\r")
	f.Fuzz(func(t *testing.T, yml string) {
		rs, _ := source.ReadTechDocs(source.TechDocsConfig, []byte(yml))
		lines := strings.Count(string(diag.LineEnds([]byte(yml))), "\n") + 1
		for _, r := range rs {
			if r.Line < 1 || r.Line > lines || r.From == "" || r.To == "" || up(r.From) || up(r.To) || strings.Contains(r.From, "#") {
				t.Errorf("redirect %+v of a file of %d lines", r, lines)
			}
		}
	})
}
