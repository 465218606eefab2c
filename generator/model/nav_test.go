package model_test

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/playbookhq/playbook/generator/model"
	"github.com/playbookhq/playbook/generator/source"
)

// navCount counts the entries of a navigation tree, and those marked
// More.
func navCount(items []model.NavItem) (all, more int) {
	for _, it := range items {
		all++
		if it.More {
			more++
		}
		a, m := navCount(it.Children)
		all, more = all+a, more+m
	}
	return all, more
}

// navActive returns the URLs of the active entries.
func navActive(items []model.NavItem) []string {
	var out []string
	for _, it := range items {
		if it.Active {
			out = append(out, it.URL)
		}
		out = append(out, navActive(it.Children)...)
	}
	return out
}

// navLevel returns the entries listed under the open entries along the
// path of titles.
func navLevel(items []model.NavItem, titles ...string) []model.NavItem {
	for _, title := range titles {
		var next []model.NavItem
		for _, it := range items {
			if it.Title == title {
				next = it.Children
			}
		}
		items = next
	}
	return items
}

// navBound is the most entries a sidebar may list at depth levels below
// the home page.
func navBound(depth int) int {
	return model.NavTopItems + model.NavLevelsAbove*model.NavLevelItems + model.NavFolderItems + 2*depth
}

// TestNavBounded checks that the navigation of every page of large
// folders lists a bounded window of each level, the page among them, and
// a link to the page that lists all of a level it cut short.
func TestNavBounded(t *testing.T) {
	files := map[string]string{"_index.md": "# Home\n", "big/_index.md": "# Big\n"}
	const big, top, deep = 1000, 60, 12
	for i := range big {
		files[fmt.Sprintf("big/p%04d.md", i)] = fmt.Sprintf("# Page %04d\n", i)
	}
	for i := range top {
		files[fmt.Sprintf("t%03d.md", i)] = fmt.Sprintf("# Top %03d\n", i)
	}
	dir := ""
	for d := range deep {
		dir += fmt.Sprintf("d%d/", d)
		files[dir+"_index.md"] = fmt.Sprintf("# Deep %d\n", d)
		for i := range 30 {
			files[fmt.Sprintf("%sx%02d.md", dir, i)] = fmt.Sprintf("# Deep %d page %02d\n", d, i)
		}
	}
	site, diags := buildFS(t, files)
	if err := diags.Err(); err != nil {
		t.Fatal(err)
	}
	for _, p := range site.Pages() {
		if p.Lang != "en" || p.Hidden {
			continue
		}
		nav := site.NavFor(p)
		depth := strings.Count(p.RelURL, "/") - 1
		if n, _ := navCount(nav); n > navBound(depth) {
			t.Errorf("%s: %d entries, want at most %d", p.URL, n, navBound(depth))
		}
		if act := navActive(nav); p.Kind != model.KindHome && (len(act) != 1 || act[0] != p.URL) {
			t.Errorf("%s: active entries %q", p.URL, act)
		}
	}

	// A page in the middle of the big folder: the pages around it, then
	// the link to all of them.
	p := site.PageByPath("big/p0500.md")
	level := navLevel(site.NavFor(p), "Big")
	if len(level) != model.NavFolderItems+1 {
		t.Fatalf("big folder level has %d entries", len(level))
	}
	at := -1
	for i, it := range level {
		if it.Active {
			at = i
		}
	}
	if at < model.NavFolderItems/5 || at > 3*model.NavFolderItems/5 {
		t.Errorf("the page is entry %d of its folder's %d", at, model.NavFolderItems)
	}
	if more := level[len(level)-1]; !more.More || more.Count != big || more.URL != "/big/" || more.Title != "Big" {
		t.Errorf("last entry %+v, want a link to all %d pages of /big/", more, big)
	}

	// The top level is cut short around the open entry too.
	top0 := site.NavFor(site.PageByPath("t030.md"))
	if n := len(top0); n != model.NavFolderItems+1 || !top0[n-1].More || top0[n-1].URL != "/" {
		t.Errorf("top level of a top page: %d entries, last %+v", n, top0[n-1])
	}
	if n := len(site.NavFor(p)); n != model.NavTopItems+1 {
		t.Errorf("top level of a page below: %d entries", n)
	}
}

// TestNavFolderShared checks that each page's navigation is the one its
// folder's pages share (NavFolder, NavInFolder) with the page marked: the
// builder renders it once per run of pages and relies on that.
func TestNavFolderShared(t *testing.T) {
	files := map[string]string{"_index.md": "# Home\n", "a/_index.md": "# A\n", "a/b/_index.md": "# B\n"}
	for i := range 237 {
		files[fmt.Sprintf("a/b/p%03d.md", i)] = fmt.Sprintf("# Page %03d\n", i)
	}
	for i := range 7 {
		files[fmt.Sprintf("a/q%d.md", i)] = fmt.Sprintf("# Q %d\n", i)
	}
	site, _ := buildFS(t, files)
	runs := map[[2]any]int{}
	for _, p := range site.Pages() {
		folder, start := site.NavFolder(p)
		if folder == nil {
			continue
		}
		runs[[2]any{folder, start}]++
		shared := site.NavInFolder(folder, start)
		mark(shared, p.URL)
		if own := site.NavFor(p); !reflect.DeepEqual(shared, own) {
			t.Errorf("%s: shared navigation differs from its own", p.URL)
		}
	}
	// 237 pages in windows moving 10 at a time, 7 in one window.
	if len(runs) < 237/10-5 || len(runs) > 237/10+5 {
		t.Errorf("%d shared navigations", len(runs))
	}
}

func mark(items []model.NavItem, url string) {
	for i := range items {
		if items[i].URL == url && !items[i].More {
			items[i].Active = true
		}
		mark(items[i].Children, url)
	}
}

// TestListPages checks the pages that list a large folder's children.
func TestListPages(t *testing.T) {
	files := map[string]string{"_index.md": "# Home\n", "big/_index.md": "# Big\n"}
	for i := range 250 {
		files[fmt.Sprintf("big/p%03d.md", i)] = fmt.Sprintf("# Page %03d\n", i)
	}
	site, diags := buildFS(t, files)
	if err := diags.Err(); err != nil {
		t.Fatal(err)
	}
	big := site.PageByPath("big/_index.md")
	if n := big.ListPages(); n != 3 {
		t.Fatalf("ListPages = %d, want 3", n)
	}
	var seen []*model.Page
	for k := 1; k <= 3; k++ {
		seen = append(seen, big.ListChildren(k)...)
	}
	if !reflect.DeepEqual(seen, big.Children) {
		t.Error("the list pages do not list every child once, in order")
	}
	if got := big.ListPageURL(1) + " " + big.ListPageURL(3) + " " + big.ListPageFile(2); got != "/big/ /big/page/3/ big/page/2/index.html" {
		t.Errorf("list page URLs: %s", got)
	}
	if home := site.Home("en"); home.ListPages() != 1 {
		t.Errorf("the home page has %d list pages", home.ListPages())
	}

	// The sidebar of a list page lists the folder from its first page.
	nav := site.NavForList(big, 3)
	if level := navLevel(nav, "Big"); len(level) != model.NavFolderItems+1 || level[0].URL != "/big/p200/" {
		t.Errorf("the third list page's sidebar starts at %+v", level[0])
	}
	if act := navActive(nav); len(act) != 1 || act[0] != "/big/" {
		t.Errorf("active entries %q", act)
	}

	// A tag's page lists 100 at a time too; the folder's page lists no
	// generated list. (TestChromeBounded in build checks /checklists/,
	// whose tasks come from parsing, and /owners/.)
	for i := range 250 {
		files[fmt.Sprintf("big/p%03d.md", i)] = fmt.Sprintf("---\ntags: [big]\n---\n# Page %03d\n", i)
	}
	site, diags = buildFS(t, files)
	if err := diags.Err(); err != nil {
		t.Fatal(err)
	}
	var tag *model.Page
	for _, p := range site.Pages() {
		if p.URL == "/tags/big/" {
			tag = p
		}
	}
	if tag == nil {
		t.Fatal("no page for the tag")
	}
	var listed []*model.Page
	for k := 1; k <= 3; k++ {
		listed = append(listed, site.ListPart(tag, k).Listed...)
	}
	if tag.ListPages() != 3 || len(listed) != 250 || !reflect.DeepEqual(listed, tag.Listed) {
		t.Errorf("the tag's %d list pages do not list its 250 pages once each, in order", tag.ListPages())
	}
	big = site.PageByPath("big/_index.md")
	if part := site.ListPart(big, 1); part.Listed != nil || part.Checklists != nil || part.Owned != nil || len(tag.ListChildren(1)) != 0 {
		t.Error("a page lists what it does not list")
	}

	// Links to the further list pages lead there, by URL or relative to
	// the folder's page; links to list pages the folder does not have
	// lead nowhere.
	for _, c := range []struct{ from, dest, want string }{
		{"big/p000.md", "/big/page/3/", "/big/page/3/"},
		{"big/_index.md", "page/2/", "/big/page/2/"},
		{"big/p000.md", "/big/page/4/", ""},
		{"big/p000.md", "/big/page/1/", ""},
		{"big/p000.md", "/big/page/02/", ""},
		{"_index.md", "/page/2/", ""},
	} {
		if got, _ := site.Resolve(c.from, c.dest); got != c.want {
			t.Errorf("%s: %q leads to %q, want %q", c.from, c.dest, got, c.want)
		}
	}

	// A page at a list page's URL clashes with it.
	files["big/page/2.md"] = "# Two\n"
	_, diags = buildFS(t, files)
	if !strings.Contains(diags.String(), "big/page/2.md:1:1: this page's URL /big/page/2/ clashes with page 2 of the list of the pages in /big/") {
		t.Errorf("no clash reported:\n%s", diags)
	}
}

// TestTOCNavBounded checks that a large TOC gives a bounded navigation
// that still shows the page.
func TestTOCNavBounded(t *testing.T) {
	files := map[string]string{"_index.md": "# Home\n"}
	var entries []model.TOCEntry
	for g := range 30 {
		group := model.TOCEntry{Title: fmt.Sprintf("Group %d", g)}
		for i := range 200 {
			name := fmt.Sprintf("g%02d/p%03d.md", g, i)
			files[name] = fmt.Sprintf("# G%d P%d\n", g, i)
			group.Children = append(group.Children, model.TOCEntry{Title: fmt.Sprintf("G%d P%d", g, i), Dest: name})
		}
		entries = append(entries, group)
	}
	site := buildTOC(t, files, model.TOC{Path: "TOC.md", Title: "Guide", Entries: entries})
	for _, name := range []string{"g00/p000.md", "g15/p100.md", "g29/p199.md"} {
		p := site.PageByPath(name)
		nav := site.NavFor(p)
		// The groups off the path to the page are closed.
		if n, _ := navCount(nav); n > navBound(2) {
			t.Errorf("%s: %d entries", name, n)
		}
		if act := navActive(nav); len(act) != 1 || act[0] != p.URL {
			t.Errorf("%s: active %q", name, act)
		}
	}
}

// TestTOCPartsListed checks that the entries of a SUMMARY.md's parts are
// listed as a top level is, as GitBook lists them: on a page deep in one
// part, its part's other entries are there; on the home page, parts of
// 18 entries in all are listed whole, with no link to "all pages".
func TestTOCPartsListed(t *testing.T) {
	files := map[string]string{"_index.md": "# Home\n"}
	entry := func(name string, kids ...model.TOCEntry) model.TOCEntry {
		files[name] = "# " + name + "\n"
		return model.TOCEntry{Title: name, Dest: name, Children: kids}
	}
	part := func(title string, n int) model.TOCEntry {
		p := model.TOCEntry{Title: title, Part: true}
		for i := range n {
			p.Children = append(p.Children, entry(fmt.Sprintf("%s%d.md", title, i)))
		}
		return p
	}
	ops := model.TOCEntry{Title: "Ops", Part: true, Children: []model.TOCEntry{
		entry("x1.md", entry("x1-a.md", entry("x1-a-b.md", entry("x1-a-b-c.md")))), entry("x2.md"), entry("x3.md"),
	}}
	site := buildTOC(t, files, model.TOC{Path: "SUMMARY.md", Title: "Handbook", Entries: []model.TOCEntry{
		{Title: "Home", Dest: "_index.md"}, ops, part("a", 2), part("b", 11), part("c", 3), part("d", 1),
	}})
	for _, name := range []string{"x1-a-b.md", "x1-a-b-c.md", "_index.md"} {
		nav := site.NavFor(site.PageByPath(name))
		var titles []string
		var walk func([]model.NavItem)
		walk = func(items []model.NavItem) {
			for _, it := range items {
				titles = append(titles, it.Title)
				walk(it.Children)
			}
		}
		walk(nav)
		got := strings.Join(titles, " ")
		for _, want := range []string{"x2.md x3.md", "a1.md b b0.md", "b10.md c c0.md c1.md c2.md d d0.md"} {
			if !strings.Contains(got, want) {
				t.Errorf("%s: the navigation lacks %q: %s", name, want, got)
			}
		}
		if _, more := navCount(nav); more > 0 {
			t.Errorf("%s: %d links to all pages: %s", name, more, got)
		}
	}
}

// TestTOCPartsEdges checks a SUMMARY.md's parts at their edges: a page
// listed in two parts is active once; a part with no room to open and no
// page in it to open links to its first entry; and a sidebar of many
// large parts stays within its bound, which parts raise by twice
// NavTopItems (a part's level and the closed parts' budget).
func TestTOCPartsEdges(t *testing.T) {
	files := map[string]string{"_index.md": "# Home\n", "p.md": "# P\n"}
	var big []model.TOCEntry
	for i := range 30 {
		name := fmt.Sprintf("big%02d.md", i)
		files[name] = "# " + name + "\n"
		big = append(big, model.TOCEntry{Title: name, Dest: name})
	}
	site := buildTOC(t, files, model.TOC{Path: "SUMMARY.md", Title: "Handbook", Entries: []model.TOCEntry{
		{Title: "Home", Dest: "_index.md"},
		{Title: "One", Part: true, Children: []model.TOCEntry{{Title: "P", Dest: "p.md"}}},
		{Title: "Two", Part: true, Children: []model.TOCEntry{{Title: "P again", Dest: "p.md"}}},
		{Title: "Big", Part: true, Children: big},
		{Title: "Links", Part: true, Children: []model.TOCEntry{{Title: "Example", Dest: "https://example.com/"}}},
	}})
	p := site.PageByPath("p.md")
	if act := navActive(site.NavFor(p)); len(act) != 1 || act[0] != p.URL {
		t.Errorf("active entries %q, want %s once", act, p.URL)
	}
	var check func([]model.NavItem)
	check = func(items []model.NavItem) {
		for _, it := range items {
			if it.URL == "" && len(it.Children) == 0 {
				t.Errorf("%q leads nowhere", it.Title)
			}
			check(it.Children)
		}
	}
	check(site.NavFor(site.PageByPath("_index.md")))

	// 25 parts of 40 entries, the first entry of the first part with a
	// chain five levels deep, each level 40 wide.
	files = map[string]string{"_index.md": "# Home\n"}
	var entries []model.TOCEntry
	var deep []string
	for g := range 25 {
		part := model.TOCEntry{Title: fmt.Sprintf("Part %d", g), Part: true}
		for i := range 40 {
			name := fmt.Sprintf("p%02d/e%02d.md", g, i)
			files[name] = "# " + name + "\n"
			part.Children = append(part.Children, model.TOCEntry{Title: name, Dest: name})
		}
		entries = append(entries, part)
	}
	level := &entries[0].Children[0]
	for d := range 5 {
		for i := range 40 {
			name := fmt.Sprintf("deep/d%d/c%02d.md", d, i)
			files[name] = "# " + name + "\n"
			level.Children = append(level.Children, model.TOCEntry{Title: name, Dest: name})
		}
		deep = append(deep, level.Children[20].Dest)
		level = &level.Children[20]
	}
	site = buildTOC(t, files, model.TOC{Path: "SUMMARY.md", Title: "Handbook", Entries: entries})
	for d, name := range deep {
		pg := site.PageByPath(name)
		nav := site.NavFor(pg)
		if n, _ := navCount(nav); n > navBound(d+3)+2*model.NavTopItems {
			t.Errorf("%s: %d entries, over %d", name, n, navBound(d+3)+2*model.NavTopItems)
		}
		if act := navActive(nav); len(act) != 1 || act[0] != pg.URL {
			t.Errorf("%s: active %q", name, act)
		}
	}
}

// buildTOC builds the model of an in-memory content tree whose navigation
// a TOC gives.
func buildTOC(t *testing.T, files map[string]string, toc model.TOC) *model.Site {
	t.Helper()
	fsys := fstest.MapFS{}
	for name, text := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(text)}
	}
	set, _ := source.Load(t.Context(), fsys, source.Options{})
	var inputs []*model.PageInput
	for _, doc := range set.Docs {
		inputs = append(inputs, &model.PageInput{Doc: doc})
	}
	site, diags := model.Build(inputs, model.Options{Languages: []string{"en"}, SiteTitle: "Fixture", TOCs: []model.TOC{toc}})
	if err := diags.Err(); err != nil {
		t.Fatal(err)
	}
	return site
}
