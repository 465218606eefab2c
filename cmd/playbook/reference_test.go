package main

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/playbookhq/playbook/generator/config"
	"github.com/playbookhq/playbook/generator/model"
	"github.com/playbookhq/playbook/generator/source"
	"github.com/playbookhq/playbook/themes"
)

// readmeSection returns the text of README.md from the heading line to
// the next heading of the same or a higher level.
func readmeSection(t *testing.T, text, heading string) string {
	t.Helper()
	level := strings.Index(heading, " ")
	lines := strings.Split(text, "\n")
	start := slices.Index(lines, heading)
	if start < 0 {
		t.Fatalf("README.md has no %q", heading)
	}
	end := len(lines)
	for i := start + 1; i < len(lines); i++ {
		if h := strings.Index(lines[i], " "); h > 0 && h <= level && strings.Trim(lines[i][:h], "#") == "" {
			end = i
			break
		}
	}
	return strings.Join(lines[start:end], "\n")
}

func readme(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestReference fails when README.md's Reference section lacks a
// configuration key, a front-matter key, a template or block of the default
// theme, or a command-line flag.
func TestReference(t *testing.T) {
	ref := readmeSection(t, readme(t), "## Reference")

	// playbook.toml: every toml tag of config.Config, with nested tables
	// as parent.child and tables of tables as parent.<name>.child.
	cfgRef := readmeSection(t, ref, "### `playbook.toml` keys")
	var keys []string
	var walk func(prefix string, typ reflect.Type)
	walk = func(prefix string, typ reflect.Type) {
		for f := range typ.Fields() {
			name, _, _ := strings.Cut(f.Tag.Get("toml"), ",")
			if name == "" || name == "-" {
				continue
			}
			keys = append(keys, prefix+name)
			switch ft := f.Type; {
			case ft.Kind() == reflect.Struct:
				walk(prefix+name+".", ft)
			case ft.Kind() == reflect.Map && ft.Elem().Kind() == reflect.Struct:
				walk(prefix+name+".<name>.", ft.Elem())
			}
		}
	}
	walk("", reflect.TypeFor[config.Config]())
	if len(keys) < 16 {
		t.Fatalf("found only %d configuration keys: %v", len(keys), keys)
	}
	for _, k := range keys {
		re := strings.ReplaceAll(regexp.QuoteMeta("`"+k+"`"), "<name>", "<[a-z]+>")
		if !regexp.MustCompile(re).MatchString(cfgRef) {
			t.Errorf("the playbook.toml reference lacks `%s`", k)
		}
	}

	// Front matter.
	fmRef := readmeSection(t, ref, "### Front-matter keys")
	for _, k := range slices.Concat(source.CoreKeys, model.HandbookKeys, model.TranslationKeys) {
		if !strings.Contains(fmRef, "| `"+k+"` |") {
			t.Errorf("the front-matter reference lacks a row for `%s`", k)
		}
	}

	// Templates: every file under layouts/, and every block they declare.
	thRef := readmeSection(t, ref, "### Theme templates and blocks")
	blockRE := regexp.MustCompile(`\{\{-?\s*block\s+"([^"]+)"`)
	var blocks []string
	err := fs.WalkDir(themes.Default(), "layouts", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		if !strings.Contains(thRef, "| `"+p+"` |") {
			t.Errorf("the theme reference lacks a row for `%s`", p)
		}
		b, err := fs.ReadFile(themes.Default(), p)
		for _, m := range blockRE.FindAllStringSubmatch(string(b), -1) {
			blocks = append(blocks, m[1])
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(blocks) < 5 {
		t.Fatalf("found only blocks %v", blocks)
	}
	for _, b := range blocks {
		if !strings.Contains(thRef, "| `"+b+"` |") {
			t.Errorf("the theme reference lacks a row for block `%s`", b)
		}
	}

	// Flags: each command has a heading that names it, and a row for each
	// of its flags.
	flagRef := readmeSection(t, ref, "### Command-line flags")
	var visit func(c *cobra.Command)
	visit = func(c *cobra.Command) {
		for _, sub := range c.Commands() {
			visit(sub)
		}
		if !c.Runnable() || c.Hidden || c.Name() == "help" || c.Name() == "completion" || c.Parent() == nil {
			return
		}
		path := c.CommandPath()
		var heading string
		for _, l := range strings.Split(flagRef, "\n") {
			if strings.HasPrefix(l, "#### ") && strings.Contains(l, "`"+path+"`") {
				heading = l
			}
		}
		if heading == "" {
			t.Errorf("the flag reference has no heading for `%s`", path)
			return
		}
		sec := readmeSection(t, flagRef, heading)
		c.Flags().VisitAll(func(f *pflag.Flag) {
			if f.Name == "help" {
				return
			}
			if !regexp.MustCompile("`--" + regexp.QuoteMeta(f.Name) + "[ `\\[]").MatchString(sec) {
				t.Errorf("%s: the flag reference lacks --%s", path, f.Name)
			}
			if f.Shorthand != "" && !strings.Contains(sec, "`-"+f.Shorthand+"`, `--"+f.Name) {
				t.Errorf("%s: the flag reference lacks -%s for --%s", path, f.Shorthand, f.Name)
			}
		})
	}
	var out bytes.Buffer
	visit(newRootCmd(&out, &out))
}

// TestReferenceOverrides builds a site with the override examples of the
// Reference, which must be in README.md as they are here, and checks that
// each shows.
func TestReferenceOverrides(t *testing.T) {
	const partial = `{{define "head"}}<link rel="stylesheet" href="{{asset "css/site.css"}}">{{end}}
{{define "footerextra"}}<p class="site-help">Questions about this handbook? Ask in #handbook.</p>{{end}}
`
	const team = `{{define "pageheader"}}{{template "team-header" .}}<p class="lead">Ask {{range $i, $o := .Page.Team.Owners}}{{if $i}} or {{end}}{{$o.Name}}{{end}} first.</p>{{end}}
{{define "aftercontent"}}{{template "team-collabs" .}}{{end}}
{{define "main"}}{{template "doc-page" .}}{{end}}
`
	text := readme(t)
	for _, s := range []string{partial, team, "themes/default/layouts/partials/site.html", "themes/default/assets/css/site.css", "`themes/default/layouts/team.html`"} {
		if !strings.Contains(text, s) {
			t.Errorf("README.md lacks the example %q", s)
		}
	}
	dir := t.TempDir()
	mustWrite(t, filepath.Join(dir, "content/_index.md"), "# Home\n\nSee [IT](teams/it/index.md).\n")
	mustWrite(t, filepath.Join(dir, "content/teams/it/index.md"), "---\ntitle: IT\nowners: [Amir Haddad, Mikael Strand]\n---\n\nIT.\n")
	mustWrite(t, filepath.Join(dir, "themes/default/layouts/partials/site.html"), partial)
	mustWrite(t, filepath.Join(dir, "themes/default/assets/css/site.css"), ".site-help { font-weight: bold; }\n")
	mustWrite(t, filepath.Join(dir, "themes/default/layouts/team.html"), team)
	var stdout, stderr bytes.Buffer
	if err := run(t.Context(), []string{"build", "-q", "-s", dir}, &stdout, &stderr); err != nil {
		t.Fatalf("build: %v\n%s", err, stderr.String())
	}
	page, err := os.ReadFile(filepath.Join(dir, "public/teams/it/index.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`<link rel="stylesheet" href="/assets/css/site.css">`, `<p class="site-help">Questions about this handbook?`, `<p class="lead">Ask Amir Haddad or Mikael Strand first.</p>`} {
		if !strings.Contains(string(page), want) {
			t.Errorf("the team page lacks %s", want)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "public/assets/css/site.css")); err != nil {
		t.Error(err)
	}
}

// TestReadmeConfigExample loads each playbook.toml example of README.md
// (a toml block whose first line is a key) and fails on any diagnostic: an
// example a reader copies must mean what it says (a key written under
// [checks] by mistake becomes a check's name).
func TestReadmeConfigExample(t *testing.T) {
	blocks := regexp.MustCompile("(?s)```toml\n(.*?)```").FindAllStringSubmatch(readme(t), -1)
	n := 0
	for _, b := range blocks {
		if !regexp.MustCompile(`^(#.*\n)*[a-zA-Z]+ = `).MatchString(b[1]) && !strings.HasPrefix(b[1], "[") {
			continue
		}
		n++
		_, diags := config.Load(fstest.MapFS{config.FileName: {Data: []byte(b[1])}})
		if len(diags) > 0 {
			t.Errorf("README.md's example\n%s\ngives\n%s", b[1], diags)
		}
	}
	if n == 0 {
		t.Fatal("README.md has no playbook.toml example")
	}
	t.Logf("%d examples", n)
}
