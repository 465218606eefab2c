package source_test

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"unicode"

	"github.com/playbookhq/playbook/generator/diag"
	"github.com/playbookhq/playbook/generator/source"
)

func TestParse(t *testing.T) {
	tests := []struct {
		name     string
		src      string
		title    string
		bodyLine int
		body     string
		redirect string
		diags    string
	}{
		{name: "no front matter", src: "# Hello\n", bodyLine: 1, body: "# Hello\n"},
		{name: "empty file", src: "", bodyLine: 1},
		{name: "yaml", src: "---\ntitle: IT\n---\n# IT\n", title: "IT", bodyLine: 4, body: "# IT\n"},
		{name: "toml", src: "+++\ntitle = \"IT\"\n+++\nBody\n", title: "IT", bodyLine: 4, body: "Body\n"},
		{name: "crlf", src: "---\r\ntitle: IT\r\n---\r\nBody\r\n", title: "IT", bodyLine: 4, body: "Body\r\n"},
		// An old Mac file ends its lines with "\r" alone, which CommonMark
		// and YAML read as line ends: so do the body and the positions.
		{name: "lone cr", src: "---\rtitle: IT\r---\r# IT\r\r## Part\r", title: "IT", bodyLine: 4, body: "# IT\n\n## Part\n"},
		{
			name: "lone cr, malformed yaml", src: "---\rtitle: IT\rtags: [a, b\r---\rBody\r", bodyLine: 5, body: "Body\n",
			diags: "p.md:3:7: invalid YAML front matter: the [ that opens this value is never closed",
		},
		{name: "bom", src: "\xEF\xBB\xBF---\ntitle: IT\n---\nBody\n", title: "IT", bodyLine: 4, body: "Body\n"},
		{name: "leading blank line", src: "\n---\ntitle: IT\n---\nBody\n", title: "IT", bodyLine: 5, body: "Body\n"},
		{name: "blank line before closing", src: "---\ntitle: IT\n\n---\n\nBody\n", title: "IT", bodyLine: 5, body: "\nBody\n"},
		{
			name: "malformed yaml", src: "---\ntitle: IT\ntags: [a, b\n---\nBody\n", bodyLine: 5, body: "Body\n",
			diags: "p.md:3:7: invalid YAML front matter: the [ that opens this value is never closed",
		},
		{
			name: "malformed toml", src: "+++\ntitle = \"IT\"\nweight = \n+++\nBody\n", bodyLine: 5, body: "Body\n",
			diags: "p.md:3:10: invalid TOML front matter: expected value",
		},
		{
			name: "toml key twice", src: "+++\ntitle = \"IT\"\nweight = 1\ntitle = \"IT again\"\n+++\nBody\n", bodyLine: 6, body: "Body\n",
			diags: "p.md:4:1: invalid TOML front matter: Key 'title' has already been defined.",
		},
		// Jekyll and MkDocs read a key set twice with its last value.
		{
			name: "yaml key twice", src: "---\ntitle: IT\nsection: A\ntitle: IT again\nsection: B\n---\nBody\n", title: "IT again", bodyLine: 7, body: "Body\n",
			diags: `p.md:4:1: warning: key "title" is already set on line 2; the last value is used, as Jekyll and MkDocs read front matter: keep one of them` + "\n" +
				`p.md:5:1: warning: key "section" is already set on line 3; the last value is used`,
		},
		{
			name: "yaml key twice, nested", src: "---\ntitle: IT\nparams:\n  a: 1\n  a: 2\n---\n", title: "IT", bodyLine: 7,
			diags: `p.md:5:3: warning: key "a" is already set on line 4; the last value is used`,
		},
		{
			name: "yaml key twice, and a wrong type", src: "---\nweight: 1\nweight: heavy\n---\n", bodyLine: 5,
			diags: "p.md:3:1: warning: key \"weight\" is already set on line 2; the last value is used, as Jekyll and MkDocs read front matter: keep one of them\np.md:3:1: front matter \"weight\": want a number, got text",
		},
		{
			name: "yaml key twice, at the top and nested", src: "---\ntitle: A\nparams:\n  a: 1\n  a: 2\ntitle: B\n---\n", title: "B", bodyLine: 8,
			diags: `p.md:5:3: warning: key "a" is already set on line 4; the last value is used, as Jekyll and MkDocs read front matter: keep one of them` + "\n" +
				`p.md:6:1: warning: key "title" is already set on line 2; the last value is used`,
		},
		{
			name: "yaml keys twice in two nested mappings and a list", src: "---\nparams:\n  a: 1\n  a: 2\n  b: 1\n  b: 2\nitems:\n  - x: 1\n    x: 2\n  - x: 3\n---\n", bodyLine: 12,
			diags: `p.md:4:3: warning: key "a" is already set on line 3; the last value is used, as Jekyll and MkDocs read front matter: keep one of them` + "\n" +
				`p.md:6:3: warning: key "b" is already set on line 5; the last value is used, as Jekyll and MkDocs read front matter: keep one of them` + "\n" +
				`p.md:9:5: warning: key "x" is already set on line 8; the last value is used`,
		},
		// A key at the start of a line inside a flow mapping is the
		// mapping's, not the page's.
		{
			name: "yaml flow mapping over lines", src: "---\ntitle: A\nmeta: {\ntitle: x,\nlang: en\n}\n---\n", title: "A", bodyLine: 8,
		},
		{
			name: "yaml flow mapping with a key twice", src: "---\ntitle: A\nmeta: {\ntitle: x,\ntitle: y\n}\n---\n", title: "A", bodyLine: 8,
			diags: `p.md:5:1: warning: key "title" is already set on line 4; the last value is used`,
		},
		// A key of a TOML table is the table's: an error in the page's own
		// key stays on its line.
		{
			name: "toml key in a table", src: "+++\ntitle = \"A\"\nweight = \"heavy\"\n[extra]\nweight = 3\n+++\n", title: "A", bodyLine: 7,
			diags: `p.md:3:1: front matter "weight": want a number, got text`,
		},
		{name: "unclosed", src: "---\ntitle: IT\n# Body\n", bodyLine: 4, diags: `p.md:1:1: front matter opened with "---" is never closed`},
		// Eleventy's JSON front matter is read; its JavaScript front matter
		// is passed over, with a warning, and shown nowhere.
		{name: "eleventy json", src: "---json\n{\"title\": \"IT\", \"weight\": 2}\n---\n# IT\n", title: "IT", bodyLine: 4, body: "# IT\n"},
		{name: "eleventy json, key lines", src: "---json\n{\n  \"title\": \"IT\",\n  \"titel\": \"x\"\n}\n---\n", title: "IT", bodyLine: 7,
			diags: `p.md:4:1: warning: unknown front matter key "titel"`},
		{name: "eleventy json, invalid", src: "---json\n{\"title\": [}\n---\nBody\n", bodyLine: 4, body: "Body\n", diags: "p.md:2:"},
		{
			name: "eleventy js", src: "---js\n{\n  title: \"IT\",\n  permalink: data => `/x/`\n}\n---\n# IT\n", bodyLine: 7, body: "# IT\n",
			diags: "p.md:1:1: warning: JavaScript front matter (Eleventy's ---js) is not run, so the page has none of its keys",
		},
		{name: "eleventy js, unclosed", src: "---javascript\nx()\n", bodyLine: 3, diags: `p.md:1:1: front matter opened with "---javascript" is never closed; add a line "---" after it`},
		{name: "invalid utf-8", src: "# Hi\nab\xffc\n", bodyLine: 1, body: "# Hi\nab\uFFFDc\n", diags: "p.md:2:3: invalid UTF-8"},
		{name: "wrong type", src: "---\ntitle: IT\nweight: heavy\n---\n", title: "IT", bodyLine: 5, diags: `p.md:3:1: front matter "weight": want a number, got text`},
		{name: "near miss key", src: "---\ntitel: IT\n---\n", bodyLine: 4, diags: `p.md:2:1: warning: unknown front matter key "titel" (did you mean "title"?)`},
		{name: "Jekyll's redirect_to", src: "---\ntitle: Old\nredirect_to: ' /benefits/ '\n---\n", title: "Old", bodyLine: 5, redirect: "/benefits/"},
		{name: "redirect_to as a list of one", src: "---\nredirect_to: [https://example.com/]\n---\n", bodyLine: 4, redirect: "https://example.com/"},
		{name: "redirect_to to two places", src: "---\nredirect_to: [/a/, /b/]\n---\n", bodyLine: 4, diags: `p.md:2:1: front matter "redirect_to": want one URL or path, got a list`},
		{name: "empty redirect_to", src: "---\nredirect_to: \"\"\n---\n", bodyLine: 4, diags: `p.md:2:1: front matter "redirect_to": want a URL or path, got nothing`},
		{name: "redirect_to a number", src: "---\nredirect_to: 4\n---\n", bodyLine: 4, diags: `p.md:2:1: front matter "redirect_to": want one URL or path, got a number`},
		{name: "one edit from a key", src: "---\ndescripton: x\n---\n", bodyLine: 4, diags: `p.md:2:1: warning: unknown front matter key "descripton" (did you mean "description"?)`},
		{name: "another tool's keys", src: "---\nstage: plan\nnoindex: true\nauthor: me\nfeatured: true\n---\n", bodyLine: 7},
		// Aliases of aliases: nine levels of nine make 9⁹ values.
		{
			name: "alias bomb", src: "---\ntitle: IT\na: &a [x, x, x, x, x, x, x, x, x]\n" + aliasLevels("abcdefghij") + "---\nBody\n", bodyLine: 14, body: "Body\n",
			diags: "p.md:1:1: front matter is over 2.0 MB once its YAML aliases (*name) are expanded; playbook reads none of it",
		},
		{
			name: "one long string many times", src: "---\nbig: &s \"" + strings.Repeat("x", 100_000) + "\"\nother: [" + strings.TrimSuffix(strings.Repeat("*s, ", 30), ", ") + "]\n---\n", bodyLine: 5,
			diags: "p.md:1:1: front matter is over 2.0 MB",
		},
		{
			name: "an alias as a map key", src: "---\na: &a [x, x, x, x, x, x, x, x, x]\n" + aliasLevels("abcdefghi") + "m: {? *i : 1}\n---\n", bodyLine: 13,
			diags: "p.md:1:1: front matter is over 2.0 MB",
		},
		{
			name: "merge keys", src: "---\na: &a {x: 1}\n" + mergeLevels("abcdefghij") + "---\n", bodyLine: 13,
			diags: "p.md:1:1: front matter is over 2.0 MB",
		},
		{name: "aliases within bounds", src: "---\ntitle: IT\na: &a [x, x, x]\nb: [*a, *a, *a]\n---\n", title: "IT", bodyLine: 6},
		// The YAML and TOML parsers take the square of the depth in time
		// and memory: past MaxNesting the front matter is not decoded.
		{
			name: "nested too deep", src: "---\ntitle: IT\nparams: " + strings.Repeat("{a: ", 101) + "1" + strings.Repeat("}", 101) + "\n---\nBody\n", bodyLine: 5, body: "Body\n",
			diags: "p.md:3:407: front matter nests more than 100 levels deep",
		},
		{
			name: "TOML nested too deep", src: "+++\nparams = " + strings.Repeat("[", 60000) + "\n+++\n", bodyLine: 4,
			diags: "p.md:2:110: front matter nests more than 100 levels deep",
		},
		// A quote is no way round it: in a plain value it is a letter.
		{
			name: "nested too deep after a quote", src: "---\nparams:\n  x: [a'b, " + strings.Repeat("{a: ", 200) + "1" + strings.Repeat("}", 200) + "]\n---\n", bodyLine: 5,
			diags: "p.md:3:",
		},
		// Levels opened without brackets, on one line: YAML's "- " and
		// "key: ", TOML's dotted keys.
		{
			name: "YAML nested on one line", src: "---\ntitle: IT\nx: " + strings.Repeat("- ", 200) + "v\n---\n", bodyLine: 5,
			diags: "p.md:3:202: front matter nests more than 100 levels deep",
		},
		{
			name: "YAML keys nested on one line", src: "---\nx: " + strings.Repeat("a: ", 200) + "v\n---\n", bodyLine: 4,
			diags: "p.md:2:302: front matter nests more than 100 levels deep",
		},
		{
			name: "TOML dotted key", src: "+++\n" + strings.Repeat("a.", 200) + "a = 1\n+++\n", bodyLine: 4,
			diags: "p.md:2:202: front matter nests more than 100 levels deep",
		},
		{name: "TOML dots in a value", src: "+++\ntitle = \"IT\"\nips = \"" + strings.Repeat("1.2.3.4 ", 100) + "\"\n+++\n", title: "IT", bodyLine: 5},
		{name: "YAML lines of a long list", src: "---\ntitle: IT\nitems:\n" + strings.Repeat("  - a: b\n", 500) + "---\n", title: "IT", bodyLine: 505},
		{
			name: "front matter over 1 MB", src: "---\ntitle: IT\nitems: [" + strings.Repeat("1,", 600000) + "1]\n---\n", bodyLine: 5,
			diags: "p.md:1:1: front matter is 1.1 MB, over the 1.0 MB limit",
		},
		// Brackets a quote seems to hide still close what they close.
		{name: "100 deep, and quotes in values", src: "---\ntitle: IT\nparams: " + strings.Repeat("[", 100) + strings.Repeat("]", 100) + "\nterms:\n" + strings.Repeat("  - {term: T1, def: the team's tool}\n", 150) + "---\n", title: "IT", bodyLine: 156},
		// Longer than the parser's read buffer: the body is not all read.
		{name: "long body", src: "---\ntitle: IT\n---\n" + strings.Repeat("Body line\n", 1000), title: "IT", bodyLine: 4, body: strings.Repeat("Body line\n", 1000)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, diags := source.Parse("p.md", []byte(tt.src), source.CoreKeys)
			got := diags.String()
			if tt.diags == "" && got != "" || !strings.HasPrefix(got, tt.diags) {
				t.Errorf("diagnostics = %q, want prefix %q", got, tt.diags)
			}
			if doc == nil {
				t.Fatal("nil doc")
			}
			if doc.Meta.Title != tt.title {
				t.Errorf("title = %q, want %q", doc.Meta.Title, tt.title)
			}
			if doc.BodyLine != tt.bodyLine {
				t.Errorf("BodyLine = %d, want %d", doc.BodyLine, tt.bodyLine)
			}
			if doc.Meta.RedirectTo != tt.redirect {
				t.Errorf("redirect_to = %q, want %q", doc.Meta.RedirectTo, tt.redirect)
			}
			if tt.body != "" && string(doc.Body) != tt.body {
				t.Errorf("body = %q, want %q", doc.Body, tt.body)
			}
		})
	}
}

func TestParseKeepsUnknownKeys(t *testing.T) {
	src := "---\ntitle: Team\nexl-id: b1a007b2\nsource-git-commit: e76f101d\nworkflow-type: tm+mt\nsource-wordcount: '1224'\nht-degree: 0%\n\n---\n# Team\n"
	doc, diags := source.Parse("team.md", []byte(src), source.CoreKeys)
	if len(diags) != 0 {
		t.Fatalf("unexpected diagnostics: %s", diags)
	}
	want := map[string]any{"exl-id": "b1a007b2", "source-git-commit": "e76f101d", "workflow-type": "tm+mt", "source-wordcount": "1224", "ht-degree": "0%"}
	for k, v := range want {
		if doc.Front[k] != v {
			t.Errorf("Front[%q] = %#v, want %#v", k, doc.Front[k], v)
		}
	}
	if doc.KeyLine["ht-degree"] != 7 {
		t.Errorf("KeyLine[ht-degree] = %d, want 7", doc.KeyLine["ht-degree"])
	}
}

func TestParseBinary(t *testing.T) {
	doc, diags := source.Parse("img.md", []byte("PNG\x00\x01"), nil)
	if doc != nil || !strings.Contains(diags.String(), "img.md:1:4: binary file") {
		t.Errorf("doc=%v diags=%q", doc, diags)
	}
}

func TestLoad(t *testing.T) {
	fsys := fstest.MapFS{
		"_index.md":                {Data: []byte("# Home\n")},
		"teams/it/index.md":        {Data: []byte("---\ntitle: IT\ntags: a, b\n---\n")},
		"teams/it/diagram.png":     {Data: []byte("png")},
		"teams/.hidden.md":         {Data: []byte("x")},
		"teams/it/notes.md~":       {Data: []byte("x")},
		"teams/it/index.md.bak":    {Data: []byte("x")},
		"teams/it/export.tmp":      {Data: []byte("x")},
		"teams/it/plan.kate-swp":   {Data: []byte("x")},
		"teams/broken.md":          {Data: []byte("---\ntitle: [\n---\n")},
		"teams/it/index.sv.md":     {Data: []byte("# IT\n")},
		"teams/.git/config":        {Data: []byte("x")},
		"teams/it/runbook/deep.md": {Data: []byte("deep")},
	}
	set, diags := source.Load(t.Context(), fsys, source.Options{})
	var paths []string
	for _, d := range set.Docs {
		paths = append(paths, d.Path)
	}
	wantDocs := "_index.md teams/broken.md teams/it/index.md teams/it/index.sv.md teams/it/runbook/deep.md"
	if got := strings.Join(paths, " "); got != wantDocs {
		t.Errorf("docs = %s, want %s", got, wantDocs)
	}
	if got := strings.Join(set.Files, " "); got != "teams/it/diagram.png" {
		t.Errorf("files = %s", got)
	}
	if !strings.HasPrefix(diags.String(), "teams/broken.md:2:") {
		t.Errorf("diags = %q", diags)
	}
	if got := set.Docs[2].Meta.Tags; len(got) != 2 || got[1] != "b" {
		t.Errorf("comma-separated tags = %q", got)
	}
}

// FuzzSplit checks that Parse never panics, that the body is a suffix of
// the input, that a body after front matter starts after its closing
// delimiter, and that every position lies inside the file.
func FuzzSplit(f *testing.F) {
	long := "---\ntitle: x\n---\n" + strings.Repeat("A line of the body.\n", 1000)
	for _, s := range []string{long, "---\ntitle: x\n---\nbody", "+++\ntitle = 1\n+++\n", "---\n", "\xEF\xBB\xBF---\na: [\n---\n", "---\r\na: b\r\n---\r\n",
		"---\na: 1\nb: {\na: 2,\na: 3}\na: 4\nc:\n  - d: 1\n    d: 2\n---\n", "---\n<<: {a: 1}\na: 2\na: 3\n---\n",
		"---json\n{\"title\": \"x\"}\n---\nbody", "---js\n{ title: `x` }\n---\n", "---javascript\n"} {
		f.Add([]byte(s))
	}
	seeds, _ := filepath.Glob("testdata/yaml/*.md")
	for _, p := range seeds {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		doc, diags := source.Parse("f.md", src, source.CoreKeys)
		lines := strings.Count(string(diag.LineEnds(src)), "\n") + 1
		for _, d := range diags {
			if d.Pos.Line < 0 || d.Pos.Line > lines+1 {
				t.Errorf("position %v outside a file of %d lines", d.Pos, lines)
			}
		}
		if doc == nil {
			return
		}
		if !strings.HasSuffix(string(doc.Src), string(doc.Body)) || doc.BodyLine < 1 {
			t.Errorf("body is not a suffix or BodyLine %d < 1", doc.BodyLine)
		}
		// A delimiter line may end in any space, as adrg/frontmatter
		// and openingDelimiter read it ("---\v").
		head := strings.TrimRightFunc(string(doc.Src[:len(doc.Src)-len(doc.Body)]), unicode.IsSpace)
		if head != "" && len(doc.Body) > 0 && !strings.HasSuffix(head, "---") && !strings.HasSuffix(head, "+++") {
			t.Errorf("body starts after %q, not after a closing delimiter", head)
		}
		if want := strings.Count(string(doc.Src[:len(doc.Src)-len(doc.Body)]), "\n") + 1; len(doc.Body) > 0 && doc.BodyLine != want {
			t.Errorf("BodyLine %d, want %d", doc.BodyLine, want)
		}
	})
}

func TestWalkSubtree(t *testing.T) {
	fsys := fstest.MapFS{
		"a.md":                   {Data: []byte("# A")},
		"teams/it/index.md":      {Data: []byte("# IT")},
		"teams/it/plan.pdf":      {Data: []byte("%PDF")},
		"teams/it/apps.json.erb": {Data: []byte("<%= apps.to_json %>")},
		"teams/it/.x.md.swp":     {Data: []byte("swap")},
		"teams/it/_inc/s.md":     {Data: []byte("snippet")},
		"teams/hr/index.md":      {Data: []byte("# HR")},
		// The dependencies of a JavaScript tool, as Jekyll leaves them out.
		"teams/it/node_modules/lib.js":        {Data: []byte("x")},
		"teams/it/node_modules/pkg/README.md": {Data: []byte("# pkg")},
	}
	md, files, diags := source.Walk(t.Context(), fsys, "teams/it", source.NewExclude(nil))
	if strings.Join(md, ",") != "teams/it/index.md" || strings.Join(files, ",") != "teams/it/plan.pdf" || len(diags) != 0 {
		t.Errorf("Walk(teams/it) = %v, %v, %v", md, files, diags)
	}
	docs, perDoc := source.Read(t.Context(), fsys, []string{"a.md", "missing.md"}, source.Options{})
	if docs[0] == nil || docs[0].Path != "a.md" || docs[1] != nil || !strings.Contains(perDoc[1].String(), "missing.md: cannot read") {
		t.Errorf("Read: %v, %v", docs, perDoc)
	}
	for _, tt := range []struct {
		name string
		dir  bool
		want bool
	}{{"_includes", true, true}, {"_index.md", false, false}, {".git", true, true}, {"a.md~", false, true}, {"a.md", false, false}, {"a.md.bak", false, true}, {"sedAb12Cd", false, true}, {"old.bak", true, false}, {"node_modules", true, true}, {"node_modules", false, false}} {
		if got := source.Ignored(tt.name, tt.dir); got != tt.want {
			t.Errorf("Ignored(%q, %v) = %v", tt.name, tt.dir, got)
		}
	}
	// Other tools' templates and data are left out of the content, but
	// for a Markdown page of GOV.UK Tech Docs and GitBook's uploads; a
	// static folder (no Exclude) publishes them as they are.
	content := source.NewExclude(nil)
	for _, tt := range []struct {
		p    string
		dir  bool
		want bool
	}{{"apps.json.erb", false, true}, {"a/index.HTML.ERB", false, true}, {"feed.xml.builder", false, true}, {"base.njk", false, true},
		{"standards.11tydata.js", false, true}, {"setup.html.md.erb", false, false}, {"app.js", false, false}, {"erb", false, false},
		{"x.erb", true, false}, {".gitbook/assets/sample.liquid", false, false}, {"a/.gitbook/assets/x.erb", false, false}} {
		if got := content.Excludes(tt.p, tt.dir); got != tt.want {
			t.Errorf("Excludes(%q, %v) = %v", tt.p, tt.dir, got)
		}
		if (source.Exclude)(nil).Excludes(tt.p, tt.dir) {
			t.Errorf("the static folder leaves out %s", tt.p)
		}
	}
}

// TestDeepFolders checks that folders nested deeper than MaxDepth are
// skipped with a warning: a page n folders deep costs n in every page's
// breadcrumbs, and n nested folders n² in all.
func TestDeepFolders(t *testing.T) {
	fsys := fstest.MapFS{}
	p := ""
	for i := range source.MaxDepth + 5 {
		p += "d/"
		fsys[p+"page.md"] = &fstest.MapFile{Data: []byte("# Page " + strconv.Itoa(i) + "\n")}
	}
	md, _, diags := source.Walk(t.Context(), fsys, ".", nil)
	if len(md) != source.MaxDepth {
		t.Errorf("%d pages, want %d", len(md), source.MaxDepth)
	}
	if len(diags) != 1 || !strings.Contains(diags[0].Msg, "nested more than 24 folders deep") {
		t.Errorf("diagnostics %v", diags)
	}
}

// TestWeight checks the weights front matter may give: whole or not, as a
// number or as text, and Docusaurus' and Just the Docs' order keys for a
// page without one, whose 0 is a place (ZeroOrder) where weight 0 is none.
func TestWeight(t *testing.T) {
	for _, tc := range []struct {
		front string
		want  float64
		diags string
		zero  bool // ZeroOrder
	}{
		{"weight: 40", 40, "", false},
		{"weight: 40.5", 40.5, "", false},
		{"weight: \"7\"", 7, "", false},
		{"weight: -2.25", -2.25, "", false},
		{"weight: .nan", 0, `front matter "weight": want a number, got NaN`, false},
		{"weight: [1]", 0, `front matter "weight": want a number, got a list`, false},
		{"sidebar_position: 3", 3, "", false},
		{"nav_order: 2.5", 2.5, "", false},
		{"weight: 4\nsidebar_position: 3", 4, "", false},
		{"Nav_Order: x", 0, `front matter "Nav_Order": want a number, got text`, false},
		// Eleventy's order, top-level or in eleventyNavigation; an order
		// key that is not a number is some other tool's, left alone.
		{"order: 2", 2, "", false},
		{"eleventyNavigation:\n  key: Setup\n  order: 5", 5, "", false},
		{"order: desc", 0, "", false},
		{"order: [1, 2]", 0, "", false},
		{"eleventyNavigation: x", 0, "", false},
		{"weight: 4\norder: 3", 4, "", false},
		{"weight: 0", 0, "", false},
		{"sidebar_position: 0", 0, "", true},
		{"nav_order: 0", 0, "", true},
		{"order: 0", 0, "", true},
		{"eleventyNavigation:\n  order: 0", 0, "", true},
		{"weight: 0\nsidebar_position: 0", 0, "", true},
		{"weight: 2\nnav_order: 0", 2, "", false},
		{"order: zero", 0, "", false},
	} {
		doc, diags := source.Parse("p.md", []byte("---\n"+tc.front+"\n---\n"), nil)
		if doc.Meta.Weight != tc.want || !strings.Contains(diags.String(), tc.diags) || tc.diags == "" && diags.String() != "" {
			t.Errorf("%s: weight %v, %q", tc.front, doc.Meta.Weight, diags.String())
		}
		if doc.Meta.ZeroOrder != tc.zero {
			t.Errorf("%s: ZeroOrder %v, want %v", tc.front, doc.Meta.ZeroOrder, tc.zero)
		}
	}
}

// TestExclude checks which files and folders playbook.toml's exclude
// leaves out of the content: a name at any depth, a path from the
// content folder, folders only, "**", and everything in an excluded
// folder, for a whole walk, a walk of a subfolder and a single path.
func TestExclude(t *testing.T) {
	fsys := fstest.MapFS{
		"index.md":                  {Data: []byte("# Home")},
		"OWNERS":                    {Data: []byte("x")},
		"teams/OWNERS":              {Data: []byte("x")},
		"teams/it/index.md":         {Data: []byte("# IT")},
		"teams/it/CODENOTIFY":       {Data: []byte("x")},
		"teams/it/notes.draft.md":   {Data: []byte("# Draft")},
		"drafts/idea.md":            {Data: []byte("# Idea")},
		"guides/drafts/old.md":      {Data: []byte("# Old")},
		"guides/drafts.md":          {Data: []byte("# Drafts page")},
		"guides/archive/2020/a.md":  {Data: []byte("# A")},
		"guides/archive/2020/a.png": {Data: []byte("png")},
		"guides/archive.md":         {Data: []byte("# Archive")},
	}
	ex := source.NewExclude([]string{"OWNERS", "**/CODENOTIFY", "*.draft.md", "/drafts/", "guides/drafts/", "guides/archive/**"})
	md, files, diags := source.Walk(t.Context(), fsys, ".", ex)
	wantMD := "guides/archive.md,guides/drafts.md,index.md,teams/it/index.md"
	if strings.Join(md, ",") != wantMD || len(files) != 0 || len(diags) != 0 {
		t.Errorf("Walk = %v, %v, %v; want pages %s and no files", md, files, diags, wantMD)
	}
	md, files, _ = source.Walk(t.Context(), fsys, "teams", ex)
	if strings.Join(md, ",") != "teams/it/index.md" || len(files) != 0 {
		t.Errorf("Walk(teams) = %v, %v", md, files)
	}
	for _, tt := range []struct {
		p    string
		dir  bool
		want bool
	}{
		{"teams/it/CODENOTIFY", false, true},
		{"drafts/idea.md", false, true},
		{"drafts", true, true},
		{"drafts", false, false},
		{"guides/drafts.md", false, false},
		{"guides/drafts/old.md", false, true},
		{"guides/archive/2020", true, true},
		{"guides/archive", true, true}, // "x/**" matches x itself too
		{"teams/it/index.md", false, false},
	} {
		if got := ex.Within(tt.p, tt.dir); got != tt.want {
			t.Errorf("Within(%q, %v) = %v, want %v", tt.p, tt.dir, got, tt.want)
		}
	}
}

// FuzzExclude checks, for any pattern and path, that checking and matching
// never panic, and that a pattern the checks accept does not leave out
// every page.
func FuzzExclude(f *testing.F) {
	for _, s := range []string{"drafts/", "**/OWNERS", "/a/*.md", "{a,b}/", "a[b", "!x", "./x", "**"} {
		f.Add(s, "drafts/idea.md")
	}
	f.Fuzz(func(t *testing.T, pat, p string) {
		e := source.NewExclude([]string{pat})
		_ = e.Within(p, false)
		_ = e.Within(p, true)
		if source.ExcludeProblem(pat) == "" && e.Excludes("index.md", false) && e.Excludes("a", true) {
			t.Errorf("pattern %q is accepted but leaves out every page", pat)
		}
	})
}

// aliasLevels returns YAML lines "b: &b [*a, …]" for each letter of
// names after the first, each a list of nine of the one before.
func aliasLevels(names string) string {
	var b strings.Builder
	for i := 1; i < len(names); i++ {
		prev, cur := names[i-1:i], names[i:i+1]
		b.WriteString(cur + ": &" + cur + " [" + strings.TrimSuffix(strings.Repeat("*"+prev+", ", 9), ", ") + "]\n")
	}
	return b.String()
}

// mergeLevels returns YAML lines "b: &b {<<: [*a, …], b: 1}" for each
// letter of names after the first, each merging nine of the one before.
func mergeLevels(names string) string {
	var b strings.Builder
	for i := 1; i < len(names); i++ {
		prev, cur := names[i-1:i], names[i:i+1]
		b.WriteString(cur + ": &" + cur + " {<<: [" + strings.TrimSuffix(strings.Repeat("*"+prev+", ", 9), ", ") + "], " + cur + ": 1}\n")
	}
	return b.String()
}
