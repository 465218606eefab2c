package generator_test

import (
	"os/exec"
	"strings"
	"testing"
)

// TestImportRules enforces the dependency direction of the generator
// packages, in the spirit of go/build's deps_test.go.
func TestImportRules(t *testing.T) {
	out, err := exec.Command("go", "list", "-f", `{{.ImportPath}}{{range .Imports}} {{.}}{{end}}`, "github.com/playbookhq/playbook/...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	const mod = "github.com/playbookhq/playbook/"
	// only maps an import prefix to the packages allowed to import it.
	only := map[string][]string{
		"github.com/fsnotify/fsnotify": {"generator/watch"},
		"github.com/yuin/goldmark":     {"generator/markdown"},
		"github.com/alecthomas/chroma": {"generator/markdown"},
		"github.com/adrg/frontmatter":  {"generator/source"},
		"github.com/goccy/go-yaml":     {"generator/source"},
		"net/http":                     {"generator/serve", "generator/linkcheck", "cmd/playbook"},
		"github.com/spf13/cobra":       {"cmd/playbook"},
		"os/exec":                      {"generator/gitinfo", "cmd/playbook"}, // git; opening the browser
		"golang.org/x/text":            {"generator/search"},
		mod + "generator/search":       {"generator/build"},
		mod + "generator/gitinfo":      {"generator/build"},
		mod + "generator/build":        {"generator/serve", "cmd/playbook"},
		mod + "generator/serve":        {"cmd/playbook"},
		mod + "generator/watch":        {"generator/serve", "cmd/playbook"},
		mod + "themes":                 {"cmd/playbook"},
	}
	// never lists pairs of packages that must not import each other.
	never := [][2]string{
		{"generator/markdown", mod + "generator/model"},
		{"generator/model", mod + "generator/markdown"},
		{"generator/model", mod + "generator/theme"},
		{"generator/diag", mod},
		{"generator/output", mod},
		{"generator/sitefs", mod},
	}
	// stdlibOnly lists the packages that import nothing but the standard
	// library.
	stdlibOnly := []string{"generator/sitefs"}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		fields := strings.Fields(line)
		pkg := strings.TrimPrefix(fields[0], mod)
		// Tests, test helpers (generator/corpus, generator/e2e) and the
		// benchmark tools under cmd/bench/ are
		// not part of the product.
		if strings.HasSuffix(pkg, "_test") || strings.Contains(pkg, "/internal/") || pkg == "generator/corpus" || strings.HasPrefix(pkg, "generator/e2e") || strings.HasPrefix(pkg, "cmd/bench/") {
			continue
		}
		for _, imp := range fields[1:] {
			if contains(stdlibOnly, pkg) && strings.Contains(strings.Split(imp, "/")[0], ".") {
				t.Errorf("%s imports %s; it may import only the standard library", pkg, imp)
			}
			for prefix, allowed := range only {
				if (imp == prefix || strings.HasPrefix(imp, prefix+"/")) && !contains(allowed, pkg) {
					t.Errorf("%s imports %s; only %v may", pkg, imp, allowed)
				}
			}
			for _, n := range never {
				if pkg == n[0] && strings.HasPrefix(imp, n[1]) {
					t.Errorf("%s must not import %s", pkg, imp)
				}
			}
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// TestTestImportRules keeps the browser driver out of every test but the
// browser tests', so that the unit tests compile fast: chromedp and its
// protocol package are large.
func TestTestImportRules(t *testing.T) {
	out, err := exec.Command("go", "list", "-f", `{{.ImportPath}}{{range .TestImports}} {{.}}{{end}}{{range .XTestImports}} {{.}}{{end}}`, "github.com/playbookhq/playbook/...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	const mod = "github.com/playbookhq/playbook/"
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		fields := strings.Fields(line)
		pkg := strings.TrimPrefix(fields[0], mod)
		for _, imp := range fields[1:] {
			if strings.HasPrefix(imp, "github.com/chromedp/") && pkg != "generator/e2e" && !strings.HasPrefix(pkg, "generator/e2e/") {
				t.Errorf("the tests of %s import %s; only the browser tests under generator/e2e may", pkg, imp)
			}
		}
	}
}
