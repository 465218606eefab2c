package config_test

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/playbookhq/playbook/generator/config"
	"github.com/playbookhq/playbook/generator/diag"
)

func TestLoad(t *testing.T) {
	tests := []struct {
		name  string
		toml  string
		diags string
		check func(*testing.T, *config.Config)
	}{
		{name: "missing file", check: func(t *testing.T, c *config.Config) {
			if c.Title != "Handbook" || c.Language != "en" || c.Theme != "default" {
				t.Errorf("defaults: %+v", c)
			}
		}},
		{
			name: "full",
			toml: "title = \"H\"\nbaseURL = \"https://x.example/hb/\"\n[languages.sv]\nname = \"Svenska\"\n[params]\nanything = 1\n[checks]\norphan-page = \"off\"\n",
			check: func(t *testing.T, c *config.Config) {
				if c.BasePath() != "/hb" || strings.Join(c.LanguageCodes(), ",") != "en,sv" || c.Checks["orphan-page"] != "off" {
					t.Errorf("got %+v", c)
				}
			},
		},
		{name: "unknown key", toml: "title = \"H\"\ntitel = \"x\"\n", diags: `playbook.toml:2:1: warning: unknown configuration key "titel" (did you mean "title"?)`},
		{name: "unknown language key", toml: "[languages.sv]\nnmae = \"x\"\n", diags: `playbook.toml:2:1: warning: unknown configuration key "languages.sv.nmae" (did you mean "name"?)`},
		{name: "syntax error", toml: "title = \n", diags: "playbook.toml:1:9: invalid configuration"},
		// At a line's end, on that line (the decoder says the next one);
		// a key defined twice, where its second definition starts.
		{name: "syntax error at a line's end", toml: "[[broken\n", diags: "playbook.toml:1:9: invalid configuration: expected '.' or ']'"},
		{name: "key defined twice", toml: "unsafe = true\nreviewEvery = \"2 weeks\"\nunsafe = \"yes\"\n", diags: "playbook.toml:3:1: invalid configuration: Key 'unsafe' has already been defined."},
		{name: "wrong type", toml: "# a comment\ntitle = 5\n", diags: `playbook.toml:2:1: invalid configuration: "title": incompatible types`},
		{name: "wrong type in a table", toml: "[checks]\n  reviewEvery = 12\n", diags: `playbook.toml:2:3: invalid configuration: checks.reviewEvery: a check's level is "error", "warning" or "off"; reviewEvery is a setting of its own`},
		{name: "nested too deep", toml: "title = \"H\"\n[params]\nx = " + strings.Repeat("{a=", 20000) + "1" + strings.Repeat("}", 20000) + "\n", diags: "playbook.toml:3:305: nests more than 100 levels deep"},
		{name: "writing direction", toml: "language = \"ar\"\n[languages.en]\n[languages.fa-ir]\n[languages.ms-arab]\ndirection = \"rtl\"\n[languages.ur]\ndirection = \"ltr\"\n",
			check: func(t *testing.T, c *config.Config) {
				for lang, want := range map[string]string{"ar": "rtl", "en": "ltr", "fa-ir": "rtl", "ms-arab": "rtl", "ur": "ltr", "he": "rtl", "sv": "ltr"} {
					if got := c.Direction(lang); got != want {
						t.Errorf("Direction(%q) = %q, want %q", lang, got, want)
					}
				}
			}},
		{name: "static folder", toml: "staticDir = \"public-files/\"\n", check: func(t *testing.T, c *config.Config) {
			if c.StaticDir != "public-files" {
				t.Errorf("staticDir %q", c.StaticDir)
			}
		}},
		{name: "static folder outside the site", toml: "staticDir = \"../shared\"\n", diags: `playbook.toml:1:1: staticDir "../shared" must be a folder inside the site folder, such as static/`},
		{name: "static folder in the content", toml: "staticDir = \"content/img\"\n", diags: `playbook.toml:1:1: staticDir "content/img" and contentDir "content" overlap: they must be folders apart`},
		{name: "content folder named static", toml: "contentDir = \"static\"\n", check: func(t *testing.T, c *config.Config) {
			if c.StaticDir != "" || c.ContentDir != "static" {
				t.Errorf("staticDir %q, contentDir %q", c.StaticDir, c.ContentDir)
			}
		}},
		{name: "default language in upper case", toml: "language = \"EN\"\n", check: func(t *testing.T, c *config.Config) {
			if c.Language != "en" {
				t.Errorf("language %q, want en", c.Language)
			}
		}},
		{name: "language code in upper case", toml: "[languages.\"pt-BR\"]\nname = \"Português\"\n",
			diags: `playbook.toml:1:1: language code "pt-BR": write it in lower case, "pt-br", as file names and URLs use it`},
		{name: "bad writing direction", toml: "[languages.ar]\nname = \"x\"\ndirection = \"right-to-left\"\n",
			diags: `playbook.toml:3:1: languages.ar.direction = "right-to-left": want "rtl" or "ltr"`},
		{name: "timeout", toml: "timeout = \"2m30s\"\n", check: func(t *testing.T, c *config.Config) {
			if c.PageTimeout != 150*time.Second {
				t.Errorf("PageTimeout %v", c.PageTimeout)
			}
		}},
		{name: "default timeout", toml: "title = \"H\"\n", check: func(t *testing.T, c *config.Config) {
			if c.PageTimeout != time.Minute {
				t.Errorf("PageTimeout %v", c.PageTimeout)
			}
		}},
		{name: "bad timeout", toml: "title = \"H\"\ntimeout = \"60\"\n", diags: `playbook.toml:2:1: timeout = "60": want a duration above 0 and up to 1h, such as "60s" or "2m"`},
		{name: "timeout too long", toml: "timeout = \"2h\"\n", diags: `playbook.toml:1:1: timeout = "2h": want a duration`},
		{name: "negative timeout", toml: "timeout = \"-1s\"\n", diags: `playbook.toml:1:1: timeout = "-1s": want a duration`},
		{name: "bad check level", toml: "[checks]\nbroken-link = \"loud\"\n", diags: `playbook.toml:2:1: checks.broken-link = "loud"`},
		{name: "setting under checks", toml: "title = \"H\"\n[checks]\nunsafe = true\n",
			diags: `playbook.toml:3:1: invalid configuration: checks.unsafe: a check's level is "error", "warning" or "off"; unsafe is a setting of its own, which goes above the [checks] table`},
		{name: "check level not text", toml: "[checks]\nbroken-link = 1\n",
			diags: `playbook.toml:2:1: invalid configuration: checks.broken-link: a check's level is "error", "warning" or "off"`},
		{name: "unknown check", toml: "[checks]\norphan-page = \"off\"\nbroken-links = \"warning\"\n",
			diags: `playbook.toml:3:1: warning: unknown check "broken-links" in [checks], which has no effect (did you mean "broken-link"?)`},
		{name: "unknown check, quoted, after a key of that name", toml: "[params]\nrawhtml = 1\n[checks]\n\"rawhtml\" = \"off\"\n",
			diags: `playbook.toml:4:1: warning: unknown check "rawhtml" in [checks]`},
		{name: "unknown check, dotted", toml: "title = \"T\"\nchecks.broken-links = \"off\"\n",
			diags: `playbook.toml:2:1: warning: unknown check "broken-links" in [checks]`},
		{name: "every check known", toml: "[checks]\n" + everyCheck("off")},
		{name: "exclude", toml: "exclude = [\"OWNERS\", \"drafts/\", \"**/*.draft.md\"]\n", check: func(t *testing.T, c *config.Config) {
			if strings.Join(c.Exclude, ",") != "OWNERS,drafts/,**/*.draft.md" {
				t.Errorf("exclude %q", c.Exclude)
			}
		}},
		{name: "bad exclude", toml: "title = \"H\"\nexclude = [\"a[b\"]\n", diags: `playbook.toml:2:12: exclude pattern "a[b" is not a valid pattern`},
		{name: "empty exclude", toml: "exclude = [\"/\"]\n", diags: `playbook.toml:1:12: exclude pattern "/" matches no file or folder`},
		{name: "exclude that never matches", toml: "exclude = ['./drafts/', 'a\\b/', 'a//b.md', '.', 'a/./b', '!drafts/', '**', '*.md', 'x/**', '**/*.draft.md']\n",
			diags: `playbook.toml:1:12: exclude pattern "./drafts/" is not a clean path (it has a "." segment): write it from the content folder, as "drafts/"; a pattern is a path or name with *, ** and ?, such as "drafts/" or "**/OWNERS"` + "\n" +
				`playbook.toml:1:25: exclude pattern "a\\b/" has a backslash; separate folders with "/"; a pattern is a path or name with *, ** and ?, such as "drafts/" or "**/OWNERS"` + "\n" +
				`playbook.toml:1:33: exclude pattern "a//b.md" is not a clean path (it has a "" segment): write it from the content folder, as "drafts/"; a pattern is a path or name with *, ** and ?, such as "drafts/" or "**/OWNERS"` + "\n" +
				`playbook.toml:1:44: exclude pattern "." is not a clean path (it has a "." segment): write it from the content folder, as "drafts/"; a pattern is a path or name with *, ** and ?, such as "drafts/" or "**/OWNERS"` + "\n" +
				`playbook.toml:1:49: exclude pattern "a/./b" is not a clean path (it has a "." segment): write it from the content folder, as "drafts/"; a pattern is a path or name with *, ** and ?, such as "drafts/" or "**/OWNERS"` + "\n" +
				`playbook.toml:1:58: exclude pattern "!drafts/" starts with "!", which does not take a file back in: list only what to leave out; a pattern is a path or name with *, ** and ?, such as "drafts/" or "**/OWNERS"` + "\n" +
				`playbook.toml:1:70: exclude pattern "**" leaves out every page; a pattern is a path or name with *, ** and ?, such as "drafts/" or "**/OWNERS"` + "\n" +
				`playbook.toml:1:76: exclude pattern "*.md" leaves out every page; a pattern is a path or name with *, ** and ?, such as "drafts/" or "**/OWNERS"` + "\n"},
		{name: "exclude with more slashes", toml: "exclude = ['drafts//', '//drafts', '/*']\n",
			diags: `playbook.toml:1:12: exclude pattern "drafts//" is not a clean path (it has a "" segment): write it from the content folder, as "drafts/"; a pattern is a path or name with *, ** and ?, such as "drafts/" or "**/OWNERS"` + "\n" +
				`playbook.toml:1:24: exclude pattern "//drafts" is not a clean path (it has a "" segment): write it from the content folder, as "drafts/"; a pattern is a path or name with *, ** and ?, such as "drafts/" or "**/OWNERS"` + "\n" +
				`playbook.toml:1:36: exclude pattern "/*" leaves out every page; a pattern is a path or name with *, ** and ?, such as "drafts/" or "**/OWNERS"` + "\n"},
		{name: "exclude over several lines", toml: "title = \"T\"\nexclude = [\n  \"ok/\",\n  \"./bad/\",\n]\n",
			diags: `playbook.toml:4:3: exclude pattern "./bad/" is not a clean path`},
		{name: "exclude from the site folder", toml: "exclude = ['content/drafts/']\n",
			diags: `playbook.toml:1:12: warning: exclude pattern "content/drafts/" starts with the content folder, content/, which patterns are written from: write "drafts/"` + "\n"},
		{name: "bad base URL", toml: "baseURL = \"ftp://x\"\n", diags: `playbook.toml:1:1: baseURL "ftp://x"`},
		{name: "relative base URL", toml: "baseURL = \"handbook/\"\n", diags: `playbook.toml:1:1: baseURL "handbook/" is not an http(s) URL or a path starting with "/"`},
		{name: "hidden content folder", toml: "contentDir = \".git\"\n", diags: `playbook.toml:1:1: contentDir ".git" is hidden`,
			check: func(t *testing.T, c *config.Config) {
				if c.ContentDir != "content" {
					t.Errorf("contentDir %q", c.ContentDir)
				}
			}},
		{name: "site folder as content", toml: "contentDir = \".\"\n", diags: `playbook.toml:1:1: contentDir "." is the site folder itself`},
		{name: "site folder as content, spelt out", toml: "contentDir = \"docs/..\"\n", diags: `playbook.toml:1:1: contentDir "docs/.." is the site folder itself`},
		{name: "content outside the site", toml: "contentDir = \"../docs\"\n", diags: `playbook.toml:1:1: contentDir "../docs" is outside the site folder`},
		{name: "absolute content path", toml: "contentDir = \"/srv/docs\"\n", diags: `playbook.toml:1:1: contentDir "/srv/docs" is outside the site folder`},
		{name: "backslash in the content path", toml: "contentDir = 'a\\b'\n", check: func(t *testing.T, c *config.Config) {
			if c.ContentDir != `a\b` {
				t.Errorf("contentDir %q", c.ContentDir)
			}
		}},
		{name: "content path cleaned", toml: "contentDir = \"./docs/\"\n", check: func(t *testing.T, c *config.Config) {
			if c.ContentDir != "docs" {
				t.Errorf("contentDir %q", c.ContentDir)
			}
		}},
		{name: "hidden folder in the content path", toml: "contentDir = \"docs/.private\"\n", diags: `playbook.toml:1:1: contentDir "docs/.private" is hidden`},
		{name: "hidden snippets", toml: "snippets = \"../.env\"\n", diags: `playbook.toml:1:1: snippets "../.env" is hidden`},
		{name: "huge maxPageSize", toml: "maxPageSize = 9000000000000\n", diags: "playbook.toml:1:1: maxPageSize = 9000000000000: want a number of bytes from 1 to"},
		{name: "zero maxPageSize", toml: "maxPageSize = 0\n", diags: "playbook.toml:1:1: maxPageSize = 0"},
		{name: "keepFiles with a path", toml: "keepFiles = [\"a/b\"]\n", diags: `playbook.toml:1:1: keepFiles entry "a/b"`},
		{name: "base URL without host", toml: "baseURL = \"https:///h/\"\n", diags: `playbook.toml:1:1: baseURL "https:///h/"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{}
			if tt.toml != "" {
				fsys["playbook.toml"] = &fstest.MapFile{Data: []byte(tt.toml)}
			}
			c, diags := config.Load(fsys)
			if got := diags.String(); tt.diags == "" && got != "" || !strings.HasPrefix(got, tt.diags) {
				t.Errorf("diagnostics %q, want prefix %q", got, tt.diags)
			}
			if tt.check != nil {
				tt.check(t, c)
			}
		})
	}
}

// everyCheck returns a [checks] table body that sets every kind of check
// to level.
func everyCheck(level string) string {
	var b strings.Builder
	for _, k := range diag.CheckKinds() {
		fmt.Fprintf(&b, "%s = %q\n", k, level)
	}
	return b.String()
}

// FuzzLoad checks that any playbook.toml loads without panicking: the
// defaults and an error at a position inside the file, or a configuration
// with warnings inside it; twice the same.
func FuzzLoad(f *testing.F) {
	for _, s := range []string{
		"title = \"Handbook\"\nbaseURL = \"https://example.com/hb/\"\n[checks]\nbroken-link = \"warning\"\n",
		"navigation = \"toc\"\ncontentDir = \"help\"\nunsafe = true\nexclude = [\"/drafts/\"]\n[params]\nx = 1\n",
		"titel = 1\n[languages.sv]\ntitle = \"Handbok\"\n",
		"title = \"a\"\ntitle = \"b\"\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		fsys := fstest.MapFS{config.FileName: {Data: src}}
		cfg, diags := config.Load(fsys)
		if cfg == nil {
			t.Fatal("no configuration")
		}
		lines := strings.Count(string(src), "\n") + 1
		for _, d := range diags {
			if d.Pos.File != config.FileName || d.Pos.Line > lines || d.Pos.Line < 0 {
				t.Fatalf("diagnostic at %v, outside the file of %d lines: %v", d.Pos, lines, d)
			}
		}
		_, again := config.Load(fsys)
		if diags.String() != again.String() {
			t.Fatalf("two loads differ:\n%v\n%v", diags, again)
		}
	})
}
