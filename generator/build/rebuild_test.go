package build_test

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/playbookhq/playbook/generator/build"
	"github.com/playbookhq/playbook/generator/diag"
	"github.com/playbookhq/playbook/generator/output"
	"github.com/playbookhq/playbook/generator/source"
	"github.com/playbookhq/playbook/themes"
)

// propertySite is a small handbook with every kind of page and link the
// random edits play with.
var propertySite = map[string]string{
	"playbook.toml": `title = "Property handbook"
[languages.sv]
name = "Svenska"
[checks]
broken-link = "warning"
missing-anchor = "warning"
unknown-team = "warning"
unknown-role = "warning"
`,
	"content/_index.md":    "---\ntitle: Home\n---\nWelcome. Start with [[Guide 1]] or [IT](teams/it/index.md).\n",
	"content/_index.sv.md": "---\ntitle: Hem\n---\nVälkommen.\n",
	"content/teams/it/index.md": `---
title: IT
description: Keeps the lights on.
weight: 1
owners:
  - name: Anna Berg
    email: anna@example.com
contact: "#it"
format: remote
roles:
  - role: support-agent
    count: 2
  - platform-owner
collaborates_with:
  - team: hr
    on: "Laptops for new people"
tags: [ops]
---

What IT does. See [the first guide](../../guides/guide-1.md#steps).

## Onboarding

- [ ] Hiring manager: order the laptop
- [ ] Read [[Guide 2]]
`,
	"content/teams/it/floor-plan.svg": `<svg xmlns="http://www.w3.org/2000/svg"/>`,
	"content/teams/hr/index.md": `---
title: HR
weight: 2
owners: [Bo Ek]
roles: [support-agent]
---

People matters.

## Onboarding

- [ ] Support agent: book the welcome lunch
`,
	"content/roles/support-agent.md":  "---\ntitle: Support agent\nsummary: Answers questions.\nreports_to: platform-owner\n---\n\n## Responsibilities\n\n- Answer tickets.\n",
	"content/roles/platform-owner.md": "---\ntitle: Platform owner\nsummary: Owns the platform.\n---\n\nOwns it. Floor plan: ![plan](../teams/it/floor-plan.svg)\n",
	"content/guides/_index.md":        "---\ntitle: Guides\nweight: 3\n---\nAll guides.\n",
	"content/guides/guide-1.md":       "---\ntitle: Guide 1\nweight: 1\ntags: [start]\n---\n\nIntro.\n\n## Steps\n\nDo [guide 2](guide-2.md).\n",
	"content/guides/guide-1.sv.md":    "---\ntitle: Guide 1 på svenska\n---\n\nInledning.\n",
	"content/guides/guide-2.md":       "---\ntitle: Guide 2\nweight: 2\n---\n\nSee [[Guide 1#steps]] and [HR](../teams/hr/index.md).\n\n{{$include /content/_includes/note.md}}\n",
	"content/guides/guide-3.md":       "---\ntitle: Guide 3\ntags: [start, ops]\n---\n\n## Checklist\n\n- [ ] Support agent: read the guides\n\n{{one}}\n",
	"content/guides/deep/guide-4.md":  "---\ntitle: Guide 4\n---\n\nDeeper. Back to [guide 3](../guide-3.md). Try [the demo](../../demo/).\n",
	"content/_includes/note.md":       "> [!NOTE]\n> An included note.\n\n{{$include more.md}}\n",
	"content/_includes/more.md":       "More text.\n",
	"content/_includes/snippets.md":   "## One {#one}\n\nSnippet one.\n\n## Two {#two}\n\nSnippet two.\n",
}

// site edits a temporary copy of propertySite and records what changed.
type site struct {
	t   *testing.T
	dir string
	rng *rand.Rand
	n   int
	// repairs undo the edits that break the site, soon after.
	repairs []func(s *site) []string
}

func (s *site) abs(rel string) string { return filepath.Join(s.dir, filepath.FromSlash(rel)) }

func (s *site) write(rel, text string) {
	s.t.Helper()
	writeFile(s.t, s.abs(rel), text)
}

// removeOrWrite removes the file rel one time in oneIn, and otherwise
// writes text to it, and returns rel as the path changed.
func (s *site) removeOrWrite(rel string, oneIn int, text string) []string {
	s.t.Helper()
	if s.rng.IntN(oneIn) == 0 {
		_ = os.Remove(s.abs(rel))
	} else {
		s.write(rel, text)
	}
	return []string{rel}
}

func (s *site) read(rel string) string {
	b, err := os.ReadFile(s.abs(rel))
	if err != nil {
		s.t.Fatal(err)
	}
	return string(b)
}

// list returns the site's files under dir ending in ext, sorted.
func (s *site) list(dir, ext string) []string {
	var out []string
	_ = filepath.WalkDir(s.abs(dir), func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ext) {
			rel, _ := filepath.Rel(s.dir, p)
			out = append(out, filepath.ToSlash(rel))
		}
		return nil
	})
	slices.Sort(out)
	return out
}

// pages returns the Markdown pages that are not included snippets.
func (s *site) pages() []string {
	return slices.DeleteFunc(s.list("content", ".md"), func(p string) bool { return strings.Contains(p, "/_includes/") })
}

func (s *site) pick(list []string) string { return list[s.rng.IntN(len(list))] }

// frontMatter returns a page's front matter lines and body.
func splitPage(text string) (front []string, body string) {
	if !strings.HasPrefix(text, "---\n") {
		return nil, text
	}
	end := strings.Index(text[4:], "\n---\n")
	if end < 0 {
		return nil, text
	}
	return strings.Split(text[4:4+end], "\n"), text[4+end+5:]
}

func joinPage(front []string, body string) string {
	if front == nil {
		return body
	}
	return "---\n" + strings.Join(front, "\n") + "\n---\n" + body
}

// setKeyEdit is an edit that sets a front matter key of a page to value.
func setKeyEdit(key string, value func(*site) string) func(*site) []string {
	return func(s *site) []string {
		p := s.pick(s.pages())
		s.setKey(p, key, value(s))
		return []string{p}
	}
}

// setKey sets a top-level front-matter key of a page.
func (s *site) setKey(rel, key, value string) {
	front, body := splitPage(s.read(rel))
	if front == nil {
		front = []string{}
	}
	// Drop the key with its continuation lines, then set it.
	var out []string
	in := false
	for _, l := range front {
		switch {
		case strings.HasPrefix(l, key+":"):
			in = true
			continue
		case in && (strings.HasPrefix(l, " ") || strings.HasPrefix(l, "-")):
			continue
		}
		in = false
		out = append(out, l)
	}
	front = append(out, key+": "+value)
	s.write(rel, joinPage(front, body))
}

// edit is one random change; it returns the paths to report.
type edit struct {
	name  string
	apply func(s *site) []string
}

var edits = []edit{
	{"body text", func(s *site) []string {
		p := s.pick(s.pages())
		s.write(p, s.read(p)+fmt.Sprintf("\nMore text %d.\n", s.n))
		return []string{p}
	}},
	{"line at the top of the body", func(s *site) []string {
		p := s.pick(s.pages())
		front, body := splitPage(s.read(p))
		s.write(p, joinPage(front, fmt.Sprintf("\nA new first line %d.\n", s.n)+body))
		return []string{p}
	}},
	{"link", func(s *site) []string {
		p, q := s.pick(s.pages()), s.pick(s.pages())
		rel, _ := filepath.Rel(filepath.Dir(s.abs(p)), s.abs(q))
		links := []string{
			fmt.Sprintf("[a link](%s)", filepath.ToSlash(rel)),
			fmt.Sprintf("[a link](%s#steps)", filepath.ToSlash(rel)),
			"[[Guide 3]]", "[[Guide 1#steps]]", "[broken](nowhere.md)", "[no anchor](#nope)",
		}
		s.write(p, s.read(p)+"\n"+s.pick(links)+"\n")
		return []string{p}
	}},
	{"remove a line", func(s *site) []string {
		p := s.pick(s.pages())
		front, body := splitPage(s.read(p))
		lines := strings.Split(strings.TrimRight(body, "\n"), "\n")
		if len(lines) > 1 {
			i := s.rng.IntN(len(lines))
			lines = append(lines[:i], lines[i+1:]...)
		}
		s.write(p, joinPage(front, strings.Join(lines, "\n")+"\n"))
		return []string{p}
	}},
	{"heading", func(s *site) []string {
		p := s.pick(s.pages())
		heading := s.pick([]string{"Steps", "Onboarding", "Notes", fmt.Sprintf("Part %d", s.n)})
		s.write(p, s.read(p)+"\n## "+heading+"\n\nText.\n")
		return []string{p}
	}},
	{"task", func(s *site) []string {
		p := s.pick(s.pages())
		who := s.pick([]string{"", "Support agent: ", "Hiring manager: ", "Platform owner: "})
		s.write(p, s.read(p)+fmt.Sprintf("\n- [%s] %sstep %d\n", s.pick([]string{" ", "x"}), who, s.n))
		return []string{p}
	}},
	{"diagram", func(s *site) []string {
		// A Mermaid block, or its removal: the site's first diagram
		// publishes the library that draws it, and its last takes it away.
		const block = "\n```mermaid\nflowchart LR\n  A --> B\n```\n"
		var drawn []string
		for _, p := range s.pages() {
			if strings.Contains(s.read(p), block) {
				drawn = append(drawn, p)
			}
		}
		if len(drawn) > 0 && s.rng.IntN(2) == 0 {
			p := s.pick(drawn)
			s.write(p, strings.ReplaceAll(s.read(p), block, ""))
			return []string{p}
		}
		p := s.pick(s.pages())
		s.write(p, s.read(p)+block)
		return []string{p}
	}},
	{"title", setKeyEdit("title", func(s *site) string { return fmt.Sprintf("%q", fmt.Sprintf("Title %d", s.n)) })},
	{"weight", setKeyEdit("weight", func(s *site) string { return strconv.Itoa(s.rng.IntN(5)) })},
	{"slug", setKeyEdit("slug", func(s *site) string { return fmt.Sprintf("slug-%d", s.n) })},
	{"tags", setKeyEdit("tags", func(s *site) string { return s.pick([]string{"[start]", "[ops, start]", "[]", "[new]"}) })},
	{"description", setKeyEdit("description", func(s *site) string { return fmt.Sprintf("Described %d", s.n) })},
	{"draft", setKeyEdit("draft", func(s *site) string { return s.pick([]string{"true", "false"}) })},
	{"redirect_to", func(s *site) []string {
		// A page, a web address, a link that leads nowhere (an error
		// until repaired) or no redirect.
		p := s.pick(s.pages())
		to := s.pick([]string{"/guides/guide-2/", "https://tool.example.com/", "missing.md", "null"})
		s.setKey(p, "redirect_to", to)
		s.repairs = append(s.repairs, func(s *site) []string {
			if _, err := os.Stat(s.abs(p)); err != nil {
				return nil
			}
			s.setKey(p, "redirect_to", "null")
			return []string{p}
		})
		return []string{p}
	}},
	{"aliases", func(s *site) []string {
		// An unused path, or one that has an owner (an error until repaired).
		p := s.pick(s.pages())
		alias := s.pick([]string{fmt.Sprintf("/old-%d/", s.n), "/guides/guide-2/", "/checklists/", "/tags/ops/",
			"/roles/", "/sitemap.xml", "/search/", "/teams/it/floor-plan.svg", "/assets/css/extra.css", "../up/"})
		s.setKey(p, "aliases", "["+alias+"]")
		s.repairs = append(s.repairs, func(s *site) []string {
			if _, err := os.Stat(s.abs(p)); err != nil {
				return nil
			}
			s.setKey(p, "aliases", "[]")
			return []string{p}
		})
		return []string{p}
	}},
	{"team roles", func(s *site) []string {
		p := s.pick([]string{"content/teams/it/index.md", "content/teams/hr/index.md"})
		if _, err := os.Stat(s.abs(p)); err != nil {
			return nil
		}
		s.setKey(p, "roles", s.pick([]string{"[support-agent]", "[platform-owner, support-agent]", "[]", "[new-role]"}))
		return []string{p}
	}},
	{"broken front matter", func(s *site) []string {
		p := s.pick(s.pages())
		text := s.read(p)
		s.write(p, strings.Replace(text, "---\n", "---\ntitle: [\n", 1))
		s.repairs = append(s.repairs, func(s *site) []string {
			if t, err := os.ReadFile(s.abs(p)); err == nil {
				s.write(p, strings.Replace(string(t), "title: [\n", "", 1))
			}
			return []string{p}
		})
		return []string{p}
	}},
	{"new page", func(s *site) []string {
		dir := s.pick([]string{"content/guides", "content/teams/it", "content/guides/deep", "content/roles", "content/new"})
		p := fmt.Sprintf("%s/page-%d.md", dir, s.n)
		s.write(p, fmt.Sprintf("---\ntitle: Page %d\n---\n\nNew page linking [[Guide 2]].\n", s.n))
		return []string{p}
	}},
	{"delete page", func(s *site) []string {
		p := s.pick(s.pages())
		if err := os.Remove(s.abs(p)); err != nil {
			s.t.Fatal(err)
		}
		return []string{p}
	}},
	{"rename page", func(s *site) []string {
		p := s.pick(s.pages())
		q := filepath.ToSlash(filepath.Join(filepath.Dir(p), fmt.Sprintf("renamed-%d.md", s.n)))
		if err := os.Rename(s.abs(p), s.abs(q)); err != nil {
			s.t.Fatal(err)
		}
		return []string{p, q}
	}},
	{"new folder with pages (reported as the folder)", func(s *site) []string {
		dir := fmt.Sprintf("content/area-%d", s.n)
		s.write(dir+"/_index.md", "---\ntitle: Area\n---\nAn area.\n")
		s.write(dir+"/sub/a.md", "# A page\n\nSee [[Guide 1]].\n")
		s.write(dir+"/sub/picture.svg", "<svg/>")
		return []string{dir}
	}},
	{"remove a folder", func(s *site) []string {
		dir := s.pick([]string{"content/guides/deep", "content/new", "content/teams/hr"})
		for _, d := range s.list("content", "_index.md") {
			if strings.HasPrefix(d, "content/area-") {
				dir = filepath.ToSlash(filepath.Dir(d))
			}
		}
		if err := os.RemoveAll(s.abs(dir)); err != nil {
			s.t.Fatal(err)
		}
		return []string{dir}
	}},
	{"move a folder", func(s *site) []string {
		from := s.pick([]string{"content/guides/deep", "content/teams/it", "content/new"})
		if _, err := os.Stat(s.abs(from)); err != nil {
			return nil
		}
		// A step may move two folders: the second gets another name.
		to := fmt.Sprintf("content/moved-%d", s.n)
		for i := 2; ; i++ {
			if _, err := os.Lstat(s.abs(to)); errors.Is(err, fs.ErrNotExist) {
				break
			}
			to = fmt.Sprintf("content/moved-%d-%d", s.n, i)
		}
		if err := os.Rename(s.abs(from), s.abs(to)); err != nil {
			s.t.Fatal(err)
		}
		return []string{from, to}
	}},
	{"static file", func(s *site) []string {
		p := s.pick([]string{"content/teams/it/floor-plan.svg", "content/guides/photo.svg"})
		// Large enough to be kept compressed (see filePacker).
		return s.removeOrWrite(p, 3, fmt.Sprintf("<svg id=\"v%d\">%s</svg>", s.n, strings.Repeat("<g/>", 200)))
	}},
	{"the site's own robots.txt or 404.html", func(s *site) []string {
		p := s.pick([]string{"content/robots.txt", "content/404.html"})
		return s.removeOrWrite(p, 2, fmt.Sprintf("own %d\n", s.n))
	}},
	{"a folder's own index.html", func(s *site) []string {
		// Links to demo/ lead to it while it is there, and are broken
		// otherwise.
		return s.removeOrWrite("content/demo/index.html", 2, fmt.Sprintf("<p>demo %d</p>\n", s.n))
	}},
	{"GitBook asset", func(s *site) []string {
		p := s.pick([]string{"content/.gitbook/assets/shot.png", "content/.gitbook/assets/deep/diagram.svg", "content/.gitbook/notes.md", "content/.gitbook"})
		switch {
		case s.rng.IntN(3) == 0:
			_ = os.RemoveAll(s.abs(p))
		case p == "content/.gitbook":
			s.write(p+"/assets/new.png", fmt.Sprintf("PNG %d", s.n))
		default:
			s.write(p, fmt.Sprintf("<svg id=\"g%d\"/>", s.n))
		}
		return []string{p}
	}},
	{"included file", func(s *site) []string {
		var p, text string
		switch s.rng.IntN(4) {
		case 0: // a snippet no page shows
			p, text = "content/_includes/snippets.md", fmt.Sprintf("## One {#one}\n\nSnippet one.\n\n## Two {#two}\n\nSnippet two %d.\n", s.n)
		case 1:
			p, text = "content/_includes/snippets.md", fmt.Sprintf("## One {#one}\n\nSnippet one %d.\n\n## Two {#two}\n\nSnippet two.\n", s.n)
		case 2: // included by an included file
			p, text = "content/_includes/more.md", fmt.Sprintf("More text %d.\n", s.n)
		default:
			p, text = "content/_includes/note.md", fmt.Sprintf("> [!NOTE]\n> Included note %d.\n\n{{$include more.md}}\n", s.n)
		}
		s.write(p, text)
		return []string{p}
	}},
	{"template", func(s *site) []string {
		p := "themes/default/layouts/404.html"
		switch s.rng.IntN(3) {
		case 0:
			_ = os.Remove(s.abs(p))
		case 1:
			s.write(p, fmt.Sprintf(`{{define "main"}}<p>Not here %d</p>{{end}}`, s.n))
		default:
			s.write(p, `{{define "main"}}{{.Nope}{{end}}`) // a template error
			s.repairs = append(s.repairs, func(s *site) []string {
				_ = os.Remove(s.abs(p))
				return []string{p}
			})
		}
		return []string{p}
	}},
	{"theme asset", func(s *site) []string {
		return s.removeOrWrite("themes/default/assets/css/extra.css", 3, fmt.Sprintf("body{--n:%d}", s.n))
	}},
	{"configuration", func(s *site) []string {
		text := s.read("playbook.toml")
		lines := strings.Split(text, "\n")
		lines[0] = fmt.Sprintf("title = \"Handbook %d\"", s.n)
		s.write("playbook.toml", strings.Join(lines, "\n"))
		return []string{"playbook.toml"}
	}},
	{"exclude in the configuration", func(s *site) []string {
		lines := strings.Split(s.read("playbook.toml"), "\n")
		if strings.HasPrefix(lines[1], "exclude") {
			lines = slices.Delete(lines, 1, 2)
		} else {
			lines = slices.Insert(lines, 1, `exclude = ["drafts/", "**/*.draft.md"]`)
		}
		s.write("playbook.toml", strings.Join(lines, "\n"))
		return []string{"playbook.toml"}
	}},
	{"file that exclude matches", func(s *site) []string {
		p := s.pick([]string{"content/drafts/idea.md", "content/teams/it/plan.draft.md", "content/drafts/sketch.png", "content/drafts"})
		switch {
		case s.rng.IntN(3) == 0:
			_ = os.RemoveAll(s.abs(p))
		case p == "content/drafts":
			s.write(p+"/notes/n.md", fmt.Sprintf("# Notes %d\n\nSee [IT](../../teams/it/index.md).\n", s.n))
			return []string{p, p + "/notes/n.md"}
		default:
			s.write(p, fmt.Sprintf("# Draft %d\n\nSee [Guide 1](/guides/guide-1/).\n", s.n))
		}
		return []string{p}
	}},
	{"same content written again", func(s *site) []string {
		p := s.pick(s.pages())
		s.write(p, s.read(p))
		return []string{p}
	}},
	{"unrelated file", func(s *site) []string {
		s.write("notes.txt", fmt.Sprintf("note %d", s.n))
		return []string{"notes.txt", "public/index.html"}
	}},
}

// fullBuild builds the site from scratch into a new Mem.
func fullBuild(t *testing.T, dir string) (*output.Snapshot, *build.Result, error) {
	t.Helper()
	mem := output.NewMem()
	b := build.NewSession(build.Config{SourceDir: dir, DefaultTheme: themes.Default(), NoGit: true}, mem)
	res, err := b.Rebuild(t.Context(), nil)
	return mem.Snapshot(), res, err
}

// checkMatchesFullBuild fails the test, saying what was done, when the
// site in mem differs from the one a full build of dir makes, leaving out
// the names skip, when set, reports.
func checkMatchesFullBuild(t *testing.T, what string, mem *output.Mem, dir string, skip func(string) bool) {
	t.Helper()
	want, _, err := fullBuild(t, dir)
	if err != nil {
		t.Fatalf("%s: full build: %v", what, err)
	}
	if d := diffSnapshots(mem.Snapshot(), want, skip); d != "" {
		t.Errorf("%s: the site differs from a full build:\n%s", what, d)
	}
}

// diffSnapshots describes how two sites differ, or returns "".
func diffSnapshots(got, want *output.Snapshot, skip func(string) bool) string {
	var b strings.Builder
	names := map[string]bool{}
	for n := range got.All() {
		names[n] = true
	}
	for n := range want.All() {
		names[n] = true
	}
	shown := 0
	for _, n := range slices.Sorted(mapsKeysBool(names)) {
		if skip != nil && skip(n) {
			continue
		}
		g, gok := got.Get(n)
		w, wok := want.Get(n)
		switch {
		case !gok:
			fmt.Fprintf(&b, "missing %s\n", n)
		case !wok:
			fmt.Fprintf(&b, "extra %s\n", n)
		case !bytes.Equal(g, w):
			i := 0
			for i < len(g) && i < len(w) && g[i] == w[i] {
				i++
			}
			from := max(0, i-80)
			fmt.Fprintf(&b, "differs %s at byte %d:\n  got  %q\n  want %q\n", n, i, g[from:min(len(g), i+80)], w[from:min(len(w), i+80)])
		default:
			continue
		}
		if shown++; shown > 5 {
			b.WriteString("…\n")
			break
		}
	}
	return b.String()
}

func mapsKeysBool(m map[string]bool) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

func isSearch(name string) bool { return strings.HasPrefix(name, "search/") }

// TestRebuildMatchesFullBuild applies random sequences of edits, creates,
// renames and deletes to a site and checks after each Rebuild that the
// site in memory is byte for byte a fresh full build of the same files,
// with the same diagnostics; after a failed build, that the last good site
// is still served. Set PLAYBOOK_REBUILD_STEPS and PLAYBOOK_REBUILD_SEED to
// run longer or replay a sequence.
func TestRebuildMatchesFullBuild(t *testing.T) {
	steps := 40
	if testing.Short() {
		steps = 10
	}
	if n, err := strconv.Atoi(os.Getenv("PLAYBOOK_REBUILD_STEPS")); err == nil {
		steps = n
	}
	seed := uint64(1)
	if n, err := strconv.ParseUint(os.Getenv("PLAYBOOK_REBUILD_SEED"), 10, 64); err == nil {
		seed = n
	}
	t.Logf("seed %d, %d steps", seed, steps)
	s := &site{t: t, dir: t.TempDir(), rng: rand.New(rand.NewPCG(seed, 2))}
	for rel, text := range propertySite {
		s.write(rel, text)
	}
	// The site is a git repository with its files committed, so that pages
	// show their history; the edits are not committed, as while a writer
	// previews them.
	g := &gitSite{t: t, dir: s.dir}
	t.Setenv("GIT_CEILING_DIRECTORIES", filepath.Dir(s.dir))
	g.git("2026-05-04T10:00:00Z", "init", "-q")
	g.commit("2026-05-04T10:00:00Z", "Anna Berg", "The handbook", nil)
	cfg := build.Config{SourceDir: s.dir, DefaultTheme: themes.Default()}
	mem := output.NewMem()
	b := build.NewSession(cfg, mem)
	if _, err := b.Rebuild(t.Context(), nil); err != nil {
		t.Fatalf("first build: %v", err)
	}
	if home, _ := mem.Snapshot().Get("index.html"); !bytes.Contains(home, []byte("Anna Berg")) {
		t.Fatal("the pages do not show their git history")
	}
	lastGood := mem.Snapshot()
	partial, failed := 0, 0
	for s.n = 1; s.n <= steps; s.n++ {
		var changed []string
		var names []string
		if len(s.repairs) > 0 && s.rng.IntN(3) > 0 {
			for _, r := range s.repairs {
				for _, p := range r(s) {
					changed = append(changed, s.abs(p))
				}
			}
			s.repairs = nil
			names = append(names, "repair")
		}
		for range 1 + s.rng.IntN(2) { // sometimes two edits in one batch
			e := edits[s.rng.IntN(len(edits))]
			names = append(names, e.name)
			for _, p := range e.apply(s) {
				changed = append(changed, s.abs(p))
			}
		}
		step := fmt.Sprintf("step %d (%s)", s.n, strings.Join(names, ", "))
		res, err := b.Rebuild(t.Context(), changed)
		wantMem := output.NewMem()
		wantRes, wantErr := build.NewSession(cfg, wantMem).Rebuild(t.Context(), nil)
		want := wantMem.Snapshot()

		var le, wantLE *diag.ListError
		switch {
		case wantErr != nil && !errors.As(wantErr, &wantLE):
			t.Fatalf("%s: full build: %v", step, wantErr)
		case wantErr != nil:
			if !errors.As(err, &le) || le.Error() != wantLE.Error() {
				t.Fatalf("%s: rebuild gave %v\nwant the errors of a full build:\n%v", step, err, wantErr)
			}
			if mem.Snapshot() != lastGood {
				t.Fatalf("%s: a failed rebuild changed the served site", step)
			}
			failed++
			if os.Getenv("PLAYBOOK_REBUILD_DEBUG") != "" {
				t.Logf("%s: failed as the full build does:\n%v", step, wantErr)
			}
			continue
		case err != nil:
			t.Fatalf("%s: rebuild failed where a full build succeeds: %v", step, err)
		}
		if res.Rendered < res.Pages+res.Sections {
			partial++
		}
		if os.Getenv("PLAYBOOK_REBUILD_DEBUG") != "" {
			t.Logf("%s: rendered %d of %d", step, res.Rendered, res.Pages+res.Sections)
		}
		if d := diffSnapshots(mem.Snapshot(), want, isSearch); d != "" {
			t.Fatalf("%s: the rebuilt site differs from a full build (rendered %d of %d pages):\n%s", step, res.Rendered, res.Pages+res.Sections, d)
		}
		if got, want := res.Warnings.String(), wantRes.Warnings.String(); got != want {
			t.Fatalf("%s: warnings\n%s\nwant\n%s", step, got, want)
		}
		if res.Pages != wantRes.Pages || res.Sections != wantRes.Sections || res.Files != wantRes.Files {
			t.Fatalf("%s: counts %d/%d/%d, want %d/%d/%d", step, res.Pages, res.Sections, res.Files, wantRes.Pages, wantRes.Sections, wantRes.Files)
		}
		if res.SearchPending {
			if _, err := b.FinishSearch(t.Context()); err != nil {
				t.Fatalf("%s: FinishSearch: %v", step, err)
			}
		}
		if d := diffSnapshots(mem.Snapshot(), want, nil); d != "" {
			t.Fatalf("%s: after FinishSearch, the site differs from a full build:\n%s", step, d)
		}
		lastGood = mem.Snapshot()
	}
	t.Logf("%d of %d rebuilds rendered only part of the site; %d failed as the full build did", partial, steps, failed)
	if steps >= 30 && partial == 0 {
		t.Error("no rebuild was partial: the incremental path is never taken")
	}
}

// TestRebuildRendersOnlyWhatChanged checks how much each kind of change
// re-renders, and what Result.Changed reports.
func TestRebuildRendersOnlyWhatChanged(t *testing.T) {
	dir := t.TempDir()
	for rel, text := range propertySite {
		writeFile(t, filepath.Join(dir, rel), text)
	}
	mem := output.NewMem()
	b := build.NewSession(build.Config{SourceDir: dir, DefaultTheme: themes.Default(), NoGit: true}, mem)
	first, err := b.Rebuild(t.Context(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if first.Rendered != first.Pages+first.Sections || first.SearchPending || first.Changed != nil {
		t.Fatalf("first build: %+v", first)
	}
	all := first.Pages + first.Sections
	guide := filepath.Join(dir, "content/guides/guide-3.md")
	text, _ := os.ReadFile(guide)

	rebuild := func(changed ...string) *build.Result {
		t.Helper()
		res, err := b.Rebuild(t.Context(), changed)
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	// A body edit re-renders the page alone and leaves the search pending.
	writeFile(t, guide, string(text)+"\nA new paragraph.\n")
	res := rebuild(guide)
	if res.Rendered != 1 || !slices.Equal(res.Changed, []string{"guides/guide-3/index.html"}) || !res.SearchPending {
		t.Errorf("body edit: rendered %d, changed %v, search pending %v", res.Rendered, res.Changed, res.SearchPending)
	}
	changed, err := b.FinishSearch(t.Context())
	if err != nil || len(changed) == 0 || !strings.HasPrefix(changed[0], "search/") {
		t.Errorf("FinishSearch: %v, %v", changed, err)
	}
	// Writing the same bytes again changes nothing.
	writeFile(t, guide, string(text)+"\nA new paragraph.\n")
	if res := rebuild(guide); res.Rendered != 0 || len(res.Changed) != 0 || res.SearchPending {
		t.Errorf("same content: rendered %d, changed %v", res.Rendered, res.Changed)
	}
	// A title shows on other pages: everything is rendered again.
	writeFile(t, guide, strings.Replace(string(text), "title: Guide 3", "title: The third guide", 1))
	if res := rebuild(guide); res.Rendered != all {
		t.Errorf("title edit: rendered %d of %d", res.Rendered, all)
	}
	// A CSS asset changes that file alone.
	css := filepath.Join(dir, "themes/default/assets/css/extra.css")
	writeFile(t, css, "body{}")
	res = rebuild(css)
	if res.Rendered != 0 || !slices.Equal(res.Changed, []string{"assets/css/extra.css"}) {
		t.Errorf("asset: rendered %d, changed %v", res.Rendered, res.Changed)
	}
	// A template change in a build that failed still counts once the
	// error is fixed.
	layout := filepath.Join(dir, "themes/default/layouts/404.html")
	writeFile(t, layout, `{{define "main"}}<p>Custom 404</p>{{end}}`)
	writeFile(t, guide, "---\ntitle: [\n---\n")
	if _, err := b.Rebuild(t.Context(), []string{layout, guide}); err == nil {
		t.Fatal("a broken page built")
	}
	writeFile(t, guide, string(text))
	rebuild(guide)
	if page, _ := mem.Snapshot().Get("404.html"); !strings.Contains(string(page), "Custom 404") {
		t.Error("the template change of a failed build was lost")
	}
	// A file outside the site's inputs changes nothing.
	if res := rebuild(filepath.Join(dir, "public/x.html"), filepath.Join(dir, "README.txt")); res.Rendered != 0 || len(res.Changed) != 0 {
		t.Errorf("unrelated: rendered %d, changed %v", res.Rendered, res.Changed)
	}
}

// TestRebuildGitBookFolder checks that a .gitbook folder reported as
// changed, as a watcher reports a folder made with its files, brings in
// or takes out its assets.
func TestRebuildGitBookFolder(t *testing.T) {
	src := writeSite(t, map[string]string{"_index.md": "# Home\n"})
	mem := output.NewMem()
	b := build.NewSession(build.Config{SourceDir: src, DefaultTheme: themes.Default(), NoGit: true}, mem)
	if _, err := b.Rebuild(t.Context(), nil); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(src, "content", ".gitbook")
	writeFile(t, filepath.Join(dir, "assets", "map.png"), "PNG")
	if _, err := b.Rebuild(t.Context(), []string{dir}); err != nil {
		t.Fatal(err)
	}
	if got, ok := mem.Snapshot().Get("gitbook/assets/map.png"); !ok || string(got) != "PNG" {
		t.Errorf("the new asset is not published: %q, %v", got, ok)
	}
	if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
	if _, err := b.Rebuild(t.Context(), []string{dir}); err != nil {
		t.Fatal(err)
	}
	if _, ok := mem.Snapshot().Get("gitbook/assets/map.png"); ok {
		t.Error("the removed asset is still published")
	}
}

// TestRebuildTooDeep: a page in a folder nested deeper than
// source.MaxDepth, which a full build skips, stays out of the preview when
// it changes, and when its folders are made while the preview runs, as a
// watcher reports each folder and file made.
func TestRebuildTooDeep(t *testing.T) {
	deep := strings.Repeat("d/", source.MaxDepth+1)
	src := writeSite(t, map[string]string{"_index.md": "# Home\n", deep + "old.md": "# Old\n"})
	mem := output.NewMem()
	b := build.NewSession(build.Config{SourceDir: src, DefaultTheme: themes.Default(), NoGit: true}, mem)
	if _, err := b.Rebuild(t.Context(), nil); err != nil {
		t.Fatal(err)
	}
	content := filepath.Join(src, "content")
	writeFile(t, filepath.Join(content, deep, "old.md"), "# Old, edited\n")
	changed := []string{filepath.Join(content, deep, "old.md")}
	newDeep := strings.Repeat("n/", source.MaxDepth+1)
	writeFile(t, filepath.Join(content, newDeep, "new.md"), "# New\n")
	for i := range source.MaxDepth + 1 {
		changed = append(changed, filepath.Join(content, strings.Repeat("n/", i+1)))
	}
	changed = append(changed, filepath.Join(content, newDeep, "new.md"))
	if _, err := b.Rebuild(t.Context(), changed); err != nil {
		t.Fatal(err)
	}
	checkMatchesFullBuild(t, "the preview", mem, src, nil)
}

// TestOwnRobotsAnd404 checks that a site's own robots.txt and 404.html
// are published in place of the generated ones, with no clash, and that
// the preview puts the generated ones back when they are removed.
func TestOwnRobotsAnd404(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "playbook.toml"), "title = \"H\"\n[languages.sv]\n")
	writeFile(t, filepath.Join(dir, "content/_index.md"), "# Home\n")
	writeFile(t, filepath.Join(dir, "content/_index.sv.md"), "# Hem\n")
	mem := output.NewMem()
	b := build.NewSession(build.Config{SourceDir: dir, DefaultTheme: themes.Default(), NoGit: true}, mem)
	if _, err := b.Rebuild(t.Context(), nil); err != nil {
		t.Fatal(err)
	}
	own := map[string]string{"robots.txt": "User-agent: *\nDisallow: /drafts/\n", "404.html": "<h1>Lost</h1>\n"}
	var paths []string
	for name, text := range own {
		p := filepath.Join(dir, "content", name)
		writeFile(t, p, text)
		paths = append(paths, p)
	}
	step := func(what string) {
		t.Helper()
		if _, err := b.Rebuild(t.Context(), paths); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		checkMatchesFullBuild(t, what, mem, dir, nil)
	}
	step("added")
	snap := mem.Snapshot()
	for name, text := range own {
		if got, _ := snap.Get(name); string(got) != text {
			t.Errorf("%s is %q, want the site's own", name, got)
		}
	}
	if got, _ := snap.Get("sv/404.html"); !strings.Contains(string(got), "<!DOCTYPE html>") {
		t.Errorf("sv/404.html is not the generated page: %q", got)
	}
	for _, p := range paths {
		if err := os.Remove(p); err != nil {
			t.Fatal(err)
		}
	}
	step("removed")
	snap = mem.Snapshot()
	for name, text := range own {
		if got, ok := snap.Get(name); !ok || string(got) == text {
			t.Errorf("after removing the site's own %s: %q, %v", name, got, ok)
		}
	}
}

// TestConfigEditKeepsHistory checks that a preview session does not read
// the git history again for an edit of playbook.toml, which cannot change
// it, and does for a commit that follows.
func TestConfigEditKeepsHistory(t *testing.T) {
	realGit, err := exec.LookPath("git")
	if err != nil || runtime.GOOS == "windows" {
		t.Skip("needs git and a shell script standing in for it")
	}
	g := newGitSite(t, map[string]string{
		"playbook.toml":     "title = \"Handbook\"\n",
		"content/_index.md": "# Home\n\nSee the [guide](guide.md).\n",
		"content/guide.md":  "# Guide\n\nText.\n",
	})
	g.git("2026-01-05T10:00:00Z", "init", "-q", "-b", "main")
	g.commit("2026-01-05T10:00:00Z", "Anna Berg", "The handbook", nil)
	// A git that notes each history it is asked for.
	bin, calls := t.TempDir(), filepath.Join(t.TempDir(), "calls")
	writeFile(t, filepath.Join(bin, "git"), "#!/bin/sh\ncase \" $* \" in *\" log \"*) echo log >> "+calls+";; esac\nexec "+realGit+" \"$@\"\n")
	if err := os.Chmod(filepath.Join(bin, "git"), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", bin+string(os.PathListSeparator)+os.Getenv("PATH"))
	logs := func() int {
		b, _ := os.ReadFile(calls)
		return bytes.Count(b, []byte("log\n"))
	}
	mem := output.NewMem()
	s := build.NewSession(build.Config{SourceDir: g.dir, DefaultTheme: themes.Default()}, mem)
	if _, err := s.Rebuild(t.Context(), nil); err != nil {
		t.Fatal(err)
	}
	read := logs()
	if read == 0 {
		t.Fatal("the first build read no history through the noting git")
	}
	toml := filepath.Join(g.dir, "playbook.toml")
	writeFile(t, toml, "title = \"Platform handbook\"\n")
	if _, err := s.Rebuild(t.Context(), []string{toml}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.FinishRender(t.Context()); err != nil {
		t.Fatal(err)
	}
	if n := logs(); n != read {
		t.Errorf("a title edit read the history again (%d reads, %d before)", n, read)
	}
	if page, _ := mem.Snapshot().Get("guide/index.html"); !bytes.Contains(page, []byte("Platform handbook")) || !bytes.Contains(page, []byte("Anna Berg")) {
		t.Error("after the title edit, the guide lacks the new title or its author")
	}
	g.commit("2026-01-06T10:00:00Z", "Bo Ek", "A new guide", map[string]string{"content/guide.md": "# Guide\n\nNew text.\n"})
	if _, err := s.Rebuild(t.Context(), []string{filepath.Join(g.dir, "content/guide.md")}); err != nil {
		t.Fatal(err)
	}
	if n := logs(); n == read {
		t.Error("a commit did not read the history again")
	}
	if page, _ := mem.Snapshot().Get("guide/index.html"); !bytes.Contains(page, []byte("Bo Ek")) {
		t.Error("after the commit, the guide does not show its new author")
	}
}

// TestRebuildAfterCommit checks that a preview session reads the git
// history again when the folder becomes a repository, after a commit and
// after a checkout, whether or not the run that follows names a changed
// file, so that its pages' dates and
// authors, the feed, the sitemap and the redirects of renamed pages are a
// fresh build's, not those of the history it read first.
func TestRebuildAfterCommit(t *testing.T) {
	g := newGitSite(t, map[string]string{
		"playbook.toml":     "title = \"Handbook\"\nbaseURL = \"https://handbook.example.com/\"\n",
		"content/_index.md": "# Home\n\nSee the [guide](guide.md) and [other](other.md).\n",
		"content/guide.md":  "# Guide\n\nThe first version.\n",
		"content/other.md":  "# Other\n\nText.\n",
	})
	// The preview starts before the folder is a repository.
	mem := output.NewMem()
	s := build.NewSession(build.Config{SourceDir: g.dir, DefaultTheme: themes.Default()}, mem)
	if _, err := s.Rebuild(t.Context(), nil); err != nil {
		t.Fatal(err)
	}
	if s.HistoryMoved() {
		t.Error("the history moved before there was one")
	}
	g.git("2026-01-05T10:00:00Z", "init", "-q", "-b", "main")
	g.commit("2026-01-05T10:00:00Z", "Anna Berg", "The handbook", nil)
	if !s.HistoryMoved() {
		t.Error("a new repository is not seen")
	}
	if _, err := s.Rebuild(t.Context(), []string{}); err != nil {
		t.Fatal(err)
	}
	if page, _ := mem.Snapshot().Get("guide/index.html"); !bytes.Contains(page, []byte("Anna Berg")) {
		t.Error("the guide does not show the first commit, made after the preview started")
	}
	if s.HistoryMoved() {
		t.Error("the history moved with no commit")
	}
	same := func(what string) {
		t.Helper()
		want := output.NewMem()
		if _, err := build.NewSession(build.Config{SourceDir: g.dir, DefaultTheme: themes.Default()}, want).Rebuild(t.Context(), nil); err != nil {
			t.Fatal(err)
		}
		if d := diffSnapshots(mem.Snapshot(), want.Snapshot(), nil); d != "" {
			t.Errorf("%s: the site differs from a full build:\n%s", what, d)
		}
	}
	// Edits and a rename, previewed as they are saved, then committed:
	// the commit changes no file, and the run after it names none.
	writeFile(t, filepath.Join(g.dir, "content/guide.md"), "# Guide\n\nThe second version.\n")
	writeFile(t, filepath.Join(g.dir, "content/_index.md"), "# Home\n\nSee the [guide](guide.md) and [other](moved.md).\n")
	g.git("2026-03-09T10:00:00Z", "mv", "content/other.md", "content/moved.md")
	var saved []string
	for _, name := range []string{"guide.md", "_index.md", "other.md", "moved.md"} {
		saved = append(saved, filepath.Join(g.dir, "content", name))
	}
	if _, err := s.Rebuild(t.Context(), saved); err != nil {
		t.Fatal(err)
	}
	g.commit("2026-03-09T10:00:00Z", "Bo Ek", "Second version", nil)
	if _, err := s.Rebuild(t.Context(), []string{}); err != nil {
		t.Fatal(err)
	}
	if page, _ := mem.Snapshot().Get("guide/index.html"); !bytes.Contains(page, []byte("Bo Ek")) {
		t.Error("the guide does not show the commit made after the history was read")
	}
	if _, ok := mem.Snapshot().Get("other/index.html"); !ok {
		t.Error("the renamed page's old URL does not redirect")
	}
	same("after a commit")
	// Back to the first commit, as a checkout of another branch does.
	g.git("2026-03-09T10:00:00Z", "checkout", "-q", "-b", "old", "HEAD~1")
	if _, err := s.Rebuild(t.Context(), saved); err != nil {
		t.Fatal(err)
	}
	same("after a checkout")
}
