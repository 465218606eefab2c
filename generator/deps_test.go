package generator_test

import (
	"encoding/json"
	"os/exec"
	"slices"
	"strings"
	"testing"
)

const mod = "github.com/playbookhq/playbook/"

// rules is the import policy of the product packages (named without the
// module path), in the spirit of go/build's deps_test.go.
type rules struct {
	// only maps an import path, and the packages below it, to the packages
	// allowed to import it. Every module that go.mod requires directly has
	// an entry under its module path.
	only map[string][]string
	// never lists pairs of a package and an import prefix it must not use.
	never [][2]string
	// stdlibOnly lists the packages that import nothing but the standard
	// library and golang.org/x/sys, the system calls it does not wrap.
	stdlibOnly []string
}

// policy returns the import rules.
func policy() rules {
	return rules{
		only: map[string][]string{
			"github.com/fsnotify/fsnotify":    {"generator/watch"},
			"github.com/yuin/goldmark":        {"generator/markdown"},
			"github.com/alecthomas/chroma/v2": {"generator/markdown"},
			"go.abhg.dev/goldmark/wikilink":   {"generator/markdown"},
			"github.com/yuin/goldmark-emoji":  {"generator/markdown"},
			"github.com/adrg/frontmatter":     {"generator/source"},
			"github.com/goccy/go-yaml":        {"generator/source"},
			// TOML front matter, site configuration and theme settings.
			"github.com/BurntSushi/toml": {"generator/source", "generator/config", "generator/theme"},
			"github.com/gosimple/slug":   {"generator/slugs"},
			// The exclude patterns of playbook.toml.
			"github.com/bmatcuk/doublestar/v4": {"generator/source"},
			"golang.org/x/text":                {"generator/search", "generator/model"},
			// Compressing the preview's pages in memory.
			"github.com/klauspost/compress": {"generator/output", "generator/markdown"}, // S2 for what is kept in memory
			// Reading the ids of raw HTML in Markdown.
			"golang.org/x/net": {"generator/markdown", "generator/theme"}, // HTML ids; the home page's lead
			// openat2, which opens a site's files in one call (sitefs).
			"golang.org/x/sys":       {"generator/sitefs"},
			"github.com/spf13/cobra": {"cmd/playbook"},
			"github.com/spf13/pflag": {"cmd/playbook"},
			// The browser driver is for the browser tests under
			// generator/e2e alone (see TestTestImportRules); no product
			// package imports it.
			"github.com/chromedp/chromedp": {},
			"github.com/chromedp/cdproto":  {},

			"net/http": {"generator/serve", "cmd/playbook"},
			"os/exec":  {"generator/gitinfo", "cmd/playbook"}, // git; opening the browser

			mod + "generator/search":  {"generator/build", "generator/render"},
			mod + "generator/gitinfo": {"generator/build", "generator/render"},
			mod + "generator/build":   {"generator/serve", "cmd/playbook"},
			mod + "generator/serve":   {"cmd/playbook"},
			mod + "generator/watch":   {"generator/serve", "cmd/playbook"},
			mod + "themes":            {"cmd/playbook"},
		},
		never: [][2]string{
			{"generator/markdown", mod + "generator/model"},
			{"generator/model", mod + "generator/markdown"},
			{"generator/model", mod + "generator/theme"},
			{"generator/render", mod + "generator/build"},
			{"generator/diag", mod},
			{"generator/output", mod},
			{"generator/sitefs", mod},
		},
		stdlibOnly: []string{"generator/sitefs"},
	}
}

// goList runs go list with a template over every package of the module and
// returns one line per package.
func goList(t *testing.T, format string) []string {
	t.Helper()
	out, err := exec.Command("go", "list", "-f", format, mod+"...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	return strings.Split(strings.TrimSpace(string(out)), "\n")
}

// product reports whether pkg (without the module path) is part of the
// product: tests, test helpers (generator/corpus, generator/e2e), internal
// helpers and the benchmark tools under cmd/bench/ are not.
func product(pkg string) bool {
	return !strings.HasSuffix(pkg, "_test") && !strings.Contains(pkg, "/internal/") && pkg != "generator/corpus" &&
		pkg != "generator/e2e" && !strings.HasPrefix(pkg, "generator/e2e/") && !strings.HasPrefix(pkg, "cmd/bench/")
}

// TestImportRules enforces the dependency direction of the generator
// packages.
func TestImportRules(t *testing.T) {
	r := policy()
	for _, line := range goList(t, `{{.ImportPath}}{{range .Imports}} {{.}}{{end}}`) {
		fields := strings.Fields(line)
		pkg := strings.TrimPrefix(fields[0], mod)
		if !product(pkg) {
			continue
		}
		for _, imp := range fields[1:] {
			if slices.Contains(r.stdlibOnly, pkg) && strings.Contains(strings.Split(imp, "/")[0], ".") && !strings.HasPrefix(imp, "golang.org/x/sys/") {
				t.Errorf("%s imports %s; it may import only the standard library", pkg, imp)
			}
			for prefix, allowed := range r.only {
				if (imp == prefix || strings.HasPrefix(imp, prefix+"/")) && !slices.Contains(allowed, pkg) {
					t.Errorf("%s imports %s; only %v may", pkg, imp, allowed)
				}
			}
			for _, n := range r.never {
				if pkg == n[0] && strings.HasPrefix(imp, n[1]) {
					t.Errorf("%s must not import %s", pkg, imp)
				}
			}
		}
	}
}

// TestEveryModuleHasRule checks that each module go.mod requires directly
// has a rule saying which packages may import it, and that every
// third-party rule names a required module.
func TestEveryModuleHasRule(t *testing.T) {
	out, err := exec.Command("go", "mod", "edit", "-json").Output()
	if err != nil {
		t.Fatalf("go mod edit -json: %v", err)
	}
	var gomod struct {
		Require []struct {
			Path     string
			Indirect bool
		}
	}
	if err := json.Unmarshal(out, &gomod); err != nil {
		t.Fatal(err)
	}
	only := policy().only
	var direct []string
	for _, req := range gomod.Require {
		if req.Indirect {
			continue
		}
		direct = append(direct, req.Path)
		if _, ok := only[req.Path]; !ok {
			t.Errorf("go.mod requires %s, and no rule says which packages may import it", req.Path)
		}
	}
	if len(direct) == 0 {
		t.Fatal("go.mod requires no module directly; is go mod edit reading the right go.mod?")
	}
	for prefix := range only {
		thirdParty := strings.Contains(strings.Split(prefix, "/")[0], ".") && !strings.HasPrefix(prefix, mod)
		if thirdParty && !slices.Contains(direct, prefix) {
			t.Errorf("a rule names %s, which go.mod does not require directly", prefix)
		}
	}
}

// TestRulesNameRealPackages checks that every package a rule names exists,
// so that a renamed or removed package cannot leave a rule that guards
// nothing.
func TestRulesNameRealPackages(t *testing.T) {
	exists := map[string]bool{}
	for _, line := range goList(t, `{{.ImportPath}}`) {
		exists[strings.TrimPrefix(line, mod)] = true
	}
	if !exists["generator/build"] || !exists["cmd/playbook"] {
		t.Fatalf("go list found %d packages, and not generator/build or cmd/playbook", len(exists))
	}
	check := func(pkg, where string) {
		pkg = strings.TrimPrefix(pkg, mod)
		if pkg == "" || !strings.HasPrefix(pkg, "generator/") && !strings.HasPrefix(pkg, "cmd/") && pkg != "themes" {
			return // the whole module, the standard library or a third-party module
		}
		if !exists[pkg] {
			t.Errorf("%s names %s, which is not a package of the module", where, pkg)
		}
	}
	r := policy()
	for prefix, allowed := range r.only {
		check(prefix, "the rule for "+prefix)
		for _, pkg := range allowed {
			check(pkg, "the rule for "+prefix)
		}
	}
	for _, n := range r.never {
		check(n[0], "a never rule")
		check(n[1], "a never rule")
	}
	for _, pkg := range r.stdlibOnly {
		check(pkg, "stdlibOnly")
	}
}

// TestTestImportRules keeps the browser driver out of every test but the
// browser tests', so that the unit tests compile fast: chromedp and its
// protocol package are large.
func TestTestImportRules(t *testing.T) {
	for _, line := range goList(t, `{{.ImportPath}}{{range .TestImports}} {{.}}{{end}}{{range .XTestImports}} {{.}}{{end}}`) {
		fields := strings.Fields(line)
		pkg := strings.TrimPrefix(fields[0], mod)
		for _, imp := range fields[1:] {
			if strings.HasPrefix(imp, "github.com/chromedp/") && pkg != "generator/e2e" && !strings.HasPrefix(pkg, "generator/e2e/") {
				t.Errorf("the tests of %s import %s; only the browser tests under generator/e2e may", pkg, imp)
			}
		}
	}
}
