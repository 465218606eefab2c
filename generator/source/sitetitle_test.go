package source_test

import (
	"testing"

	"github.com/playbookhq/playbook/generator/source"
)

func TestSiteTitle(t *testing.T) {
	for _, tc := range []struct{ file, data, want string }{
		{"config/tech-docs.yml", "host: https://docs.example.org\nservice_name: Platform guide\n", "Platform guide"},
		{"config/tech-docs.yml", "title: Not this one\n", ""},
		{"_config.yml", "title: Just the Docs\nurl: https://example.org\n", "Just the Docs"},
		{"_config.yaml", "title: [not, a, title]\n", ""},
		{"hugo.toml", "title = 'Hugo docs'\n[params]\ntitle = 'no'\n", "Hugo docs"},
		{"hugo.yaml", "title: Hugo in YAML\n", "Hugo in YAML"},
		{"config/_default/hugo.yaml", "title: OpenTelemetry\n", "OpenTelemetry"},
		{"config/_default/config.toml", "title = 'Docsy site'\n", "Docsy site"},
		{"book.toml", "[book]\ntitle = \"Rust compiler guide\"\n", "Rust compiler guide"},
		{"book.toml", "title = \"not in [book]\"\n", ""},
		{"hugo.toml", "title = \n", ""},
		{"_config.yml", "title: [\n", ""},
		{"_config.yml", "a: &n Name\ntitle: *n\n", ""}, // an alias is not followed
		// Docusaurus: the title of the object that holds url and baseUrl, at
		// their indentation, when it is a string; not the navbar's or the
		// footer's, nor another object's, nor a commented-out one.
		{"docusaurus.config.ts", "const config: Config = {\n  themeConfig: {\n    navbar: {\n      title: 'Menu',\n    },\n  },\n  title: \"Wonderland Handbook\", // the site\n  url: 'https://example.org',\n  baseUrl: '/',\n};\n", "Wonderland Handbook"},
		{"docusaurus.config.js", "module.exports = {\n  title: `Ops ${year}`,\n  url: 'https://x',\n  footer: {\n    links: [{\n      title: 'Community',\n    }],\n  },\n};\n", ""},
		{"docusaurus.config.js", "const title = 'Acme';\nconst config = {\n  title,\n  baseUrl: '/',\n  themeConfig: {navbar: {\n    title,\n  }, footer: {links: [{\n    title: 'Docs',\n  }]}},\n};\n", ""},
		{"docusaurus.config.js", "module.exports = {\n  title: 'Don\\'t Panic', /* the site */\n  baseUrl: '/',\n};\n", "Don't Panic"},
		{"docusaurus.config.js", "module.exports = {\n  title: siteTitle,\n  baseUrl: '/',\n  navbar: {\n    title: 'Nav',\n  },\n};\n", ""},
		{"docusaurus.config.js", "const navbar = {\n  title: 'Short',\n};\n/*\ntitle: 'Old',\n*/\nconst config = {\n  url: 'https://x',\n  title : 'Acme Engineering Handbook',\n  baseUrl: '/',\n};\n", "Acme Engineering Handbook"},
		{"docusaurus.config.mjs", "export default {\n\t\"title\": `Platform docs`,\r\n\t\"baseUrl\": \"/\",\r\n};\n", "Platform docs"},
		{"docusaurus.config.js", "module.exports = {\n  title: 'A' + b,\n  baseUrl: '/',\n};\n", ""},
		{"docusaurus.config.js", "module.exports = {\n  title: 'No url',\n};\n", ""},
	} {
		if got := source.SiteTitle(tc.file, []byte(tc.data)); got != tc.want {
			t.Errorf("%s %q: %q, want %q", tc.file, tc.data, got, tc.want)
		}
	}
}

// FuzzSiteTitle reads any settings file without panicking.
func FuzzSiteTitle(f *testing.F) {
	f.Add("_config.yml", []byte("title: T\n"))
	f.Add("book.toml", []byte("[book]\ntitle = \"T\"\n"))
	f.Add("docusaurus.config.js", []byte("module.exports = {\n  title: 'T',\n  baseUrl: '/',\n};\n"))
	f.Fuzz(func(t *testing.T, _ string, data []byte) {
		for _, p := range source.TitleFiles {
			_ = source.SiteTitle(p, data)
		}
	})
}
