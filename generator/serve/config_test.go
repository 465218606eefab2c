package serve

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
)

// TestConfigInOverlay: warnings about playbook.toml (an unknown key) reach
// the pages as well as the terminal, while the site builds; errors in it
// reach them as every build error does.
func TestConfigInOverlay(t *testing.T) {
	dir := liveSite(t)
	writeFile(t, filepath.Join(dir, "playbook.toml"), "title = \"Handbook\"\ntheem = \"dark\"\n")
	r := startServer(t, dir)
	events := stream(t, t.Context(), r.url)
	hello := next(t, events, "hello")
	ws, _ := hello.data["warnings"].([]any)
	if hello.data["errors"] != nil || len(ws) != 1 {
		t.Fatalf("hello: %v", hello.data)
	}
	w := ws[0].(map[string]any)
	if w["pos"] != "playbook.toml:2:1" || !strings.Contains(fmt.Sprint(w["msg"]), `unknown configuration key "theem" (did you mean "theme"?)`) || w["line"] != `theem = "dark"` {
		t.Errorf("warning: %v", w)
	}
	if !strings.Contains(r.out.String(), `playbook.toml:2:1: warning: unknown configuration key "theem"`) {
		t.Errorf("terminal:\n%s", r.out.String())
	}

	// An edit that changes no warning: the terminal does not repeat them.
	writeFile(t, filepath.Join(dir, "content/guide.md"), "---\ntitle: Guide\n---\nSecond version.\n")
	next(t, events, "reload")
	if n := strings.Count(r.out.String(), `warning: unknown configuration key "theem"`); n != 1 {
		t.Errorf("the warning printed %d times:\n%s", n, r.out.String())
	}

	// Fixed: the warning goes.
	writeFile(t, filepath.Join(dir, "playbook.toml"), "title = \"Handbook\"\ntheme = \"default\"\n")
	ev := next(t, events, "errors")
	if ws, _ := ev.data["warnings"].([]any); len(ws) != 0 {
		t.Errorf("warnings after the fix: %v", ev.data)
	}

	// A syntax error: an error over the pages.
	writeFile(t, filepath.Join(dir, "playbook.toml"), "title = \n")
	ev = next(t, events, "errors")
	errs, _ := ev.data["errors"].([]any)
	if len(errs) != 1 || !strings.HasPrefix(fmt.Sprint(errs[0].(map[string]any)["pos"]), "playbook.toml:1:") {
		t.Errorf("errors event: %v", ev.data)
	}
	// A page opened now hears of it too.
	if h := next(t, stream(t, t.Context(), r.url), "hello"); h.data["errors"] == nil {
		t.Errorf("late hello: %v", h.data)
	}
}
