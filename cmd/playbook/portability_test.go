package main

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"
)

// TestPortabilityCheck: Markdown that GitHub and GitLab show differently is
// a warning in check, nothing in build, and [checks] portability changes
// its severity.
func TestPortabilityCheck(t *testing.T) {
	dir := t.TempDir()
	mustWrite(t, filepath.Join(dir, "content/_index.md"), "# Home\n\nSee [[Guide]] and [its end](guide.md#the-end-part).\n")
	mustWrite(t, filepath.Join(dir, "content/guide.md"), "# Guide\n\n## The end {#the-end-part}\n\nTerm\n: Definition.\n")
	const warn = "content/_index.md:3:5: warning: wikilink [[Guide]] shows as text on GitHub and GitLab; write a relative link to the file instead: [Guide](guide.md)"
	tests := []struct {
		args   []string
		checks string
		code   int
		stderr []string
	}{
		{[]string{"build", "-q"}, "", 0, nil},
		{[]string{"check"}, "", 0, []string{
			warn,
			"content/_index.md:3:19: warning: anchor #the-end-part is the {#the-end-part} of heading \"The end\", which GitHub and GitLab show as text; remove it from the heading and link to #the-end",
			"content/guide.md:3:12: warning: {#the-end-part} after a heading shows as text on GitHub and GitLab; remove it and link to the heading as #the-end",
			"content/guide.md:6:1: warning: definition list",
		}},
		{[]string{"check"}, "portability = \"off\"", 0, nil},
		{[]string{"check"}, "portability = \"error\"", 1, []string{"content/_index.md:3:5: wikilink [[Guide]]"}},
		{[]string{"build", "-q"}, "portability = \"error\"", 0, nil},
	}
	for _, tt := range tests {
		mustWrite(t, filepath.Join(dir, "playbook.toml"), "[checks]\n"+tt.checks+"\n")
		var stdout, stderr bytes.Buffer
		err := run(t.Context(), append(tt.args, "-s", dir), &stdout, &stderr)
		if exitCode(err) != tt.code {
			t.Errorf("%v with %q: exit %d, want %d\n%s", tt.args, tt.checks, exitCode(err), tt.code, stderr.String())
		}
		for _, s := range tt.stderr {
			if !strings.Contains(stderr.String(), s) {
				t.Errorf("%v with %q: stderr lacks %q:\n%s", tt.args, tt.checks, s, stderr.String())
			}
		}
		if tt.stderr == nil && strings.Contains(stderr.String(), "GitHub") {
			t.Errorf("%v with %q: %s", tt.args, tt.checks, stderr.String())
		}
	}
}
