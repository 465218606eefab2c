package serve

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/playbookhq/playbook/generator/diag"
)

// TestOverlaySummarized breaks a served page with many broken links: the
// overlay and the terminal list the first diag.MaxPerKind of them and a
// line counting the rest, and the count of errors is all of them.
func TestOverlaySummarized(t *testing.T) {
	dir := liveSite(t)
	r := startServer(t, dir)
	events := stream(t, t.Context(), r.url)
	next(t, events, "hello")

	var b strings.Builder
	b.WriteString("---\ntitle: Guide\n---\n")
	for i := range 135 {
		fmt.Fprintf(&b, "- [old %d](old/page-%d.md)\n", i, i)
	}
	writeFile(t, filepath.Join(dir, "content/guide.md"), b.String())
	ev := next(t, events, "errors")
	errs, _ := ev.data["errors"].([]any)
	if len(errs) != diag.MaxPerKind+1 {
		t.Fatalf("overlay lists %d problems, want %d: %v", len(errs), diag.MaxPerKind+1, ev.data)
	}
	first := errs[0].(map[string]any)
	if first["pos"] != "content/guide.md:4:3" || first["line"] != "- [old 0](old/page-0.md)" {
		t.Errorf("first problem %v", first)
	}
	last := errs[len(errs)-1].(map[string]any)
	if want := "… and 115 more broken-link errors (135 in this file)"; last["pos"] != "content/guide.md" || last["msg"] != want {
		t.Errorf("last problem %v, want %q", last, want)
	}
	out := r.out.String()
	if !strings.Contains(out, "content/guide.md: … and 115 more broken-link errors (135 in this file)\n") ||
		strings.Contains(out, "page-20.md") || !strings.Contains(out, "Build failed: 135 error(s)") {
		t.Errorf("terminal output:\n%s", out)
	}
}

// TestSameErrorsReportedOnce: a file of the site folder that is not part
// of the site (a log serve's output goes to) changing while the build
// fails tries the build again, which must not print the same errors
// again: that would change the log again, without end.
func TestSameErrorsReportedOnce(t *testing.T) {
	dir := liveSite(t)
	r := startServer(t, dir)
	events := stream(t, t.Context(), r.url)
	next(t, events, "hello")
	writeFile(t, filepath.Join(dir, "content/guide.md"), "---\ntitle: [Guide\n---\n")
	next(t, events, "errors")
	log := filepath.Join(dir, "serve.log")
	for range 3 {
		writeFile(t, log, r.out.String())
		r.s.Rebuild(t.Context(), []string{log})
	}
	if n := strings.Count(r.out.String(), "still serving the last good version"); n != 1 {
		t.Errorf("the errors were reported %d times:\n%s", n, r.out.String())
	}
	// Other errors are reported.
	writeFile(t, filepath.Join(dir, "content/guide.md"), "---\ntitle: {Guide\n---\n")
	next(t, events, "errors")
	if n := strings.Count(r.out.String(), "still serving the last good version"); n != 2 {
		t.Errorf("new errors: reported %d times in all:\n%s", n, r.out.String())
	}
}
