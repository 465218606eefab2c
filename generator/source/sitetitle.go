package source

import (
	"path"
	"regexp"
	"strings"

	"github.com/BurntSushi/toml"
)

// TitleFiles lists, in the order they are asked, the settings files of
// other tools whose site title titles a site that playbook.toml does not:
// GOV.UK Tech Docs' service_name, Jekyll's title, Hugo's title, mdBook's
// book title and Docusaurus' title. (MkDocs' site_name is read with its
// nav.)
var TitleFiles = []string{TechDocsConfig, "_config.yml", "_config.yaml", "hugo.toml", "hugo.yaml", "hugo.yml", "book.toml",
	"docusaurus.config.js", "docusaurus.config.ts", "docusaurus.config.mjs", "docusaurus.config.cjs", "docusaurus.config.mts", "docusaurus.config.cts"}

// MaxTitleFile bounds a settings file read for its title.
const MaxTitleFile = 1 << 20

// SiteTitle returns the site title that data, the settings file named p
// (one of TitleFiles), gives, or "" when it gives none or cannot be read:
// the title is a nicety, and a file that does not parse says nothing.
func SiteTitle(p string, data []byte) string {
	var title any
	switch path.Base(p) {
	case path.Base(TechDocsConfig), "_config.yml", "_config.yaml", "hugo.yaml", "hugo.yml":
		key := "title"
		if p == TechDocsConfig {
			key = "service_name"
		}
		data, d := yamlConfig(p, data, MaxTitleFile, "", "")
		if d != nil {
			return ""
		}
		v, _, d := topLevel(p, data, key, "")
		if d != nil || v == nil {
			return ""
		}
		title = scalarText(v)
	case "hugo.toml", "book.toml":
		var m map[string]any
		if _, err := toml.Decode(string(data), &m); err != nil {
			return ""
		}
		if path.Base(p) == "book.toml" {
			m, _ = m["book"].(map[string]any)
		}
		title = m["title"]
	default:
		if strings.HasPrefix(path.Base(p), "docusaurus.config.") {
			return jsTitle(data)
		}
	}
	s, _ := title.(string)
	return strings.TrimSpace(s)
}

// jsTitleRE matches a line of a JavaScript configuration that sets a
// title to a string literal: its indentation, then the string in one of
// JavaScript's three quotes (a template literal without ${…}).
var jsTitleRE = regexp.MustCompile(`^([ \t]*)(?:title|"title"|'title'):[ \t]*(?:'([^'\\\n]*)'|"([^"\\\n]*)"|` + "`([^`\\\\$\\n]*)`" + `)[ \t]*,?[ \t]*(?://.*)?$`)

// jsTitle returns the title a Docusaurus configuration, data, gives the
// site: the string of its least indented title line, the configuration
// object's own (the navbar's and the others' are nested deeper), the first
// of them when two are as little indented. The file is not run, so a
// title that code computes is not found, and a file over MaxTitleFile is
// not read.
func jsTitle(data []byte) string {
	title, indent := "", -1
	for line := range strings.Lines(string(data)) {
		m := jsTitleRE.FindStringSubmatch(strings.TrimRight(line, "\r\n"))
		if m == nil || indent >= 0 && len(m[1]) >= indent {
			continue
		}
		title, indent = m[2]+m[3]+m[4], len(m[1])
	}
	return strings.TrimSpace(title)
}

// MdBookSrc returns the folder of an mdBook book's pages that data, its
// book.toml, names ([book] src), "src" when it names none, or "" when
// the file does not parse.
func MdBookSrc(data []byte) string {
	var m struct {
		Book struct {
			Src string `toml:"src"`
		} `toml:"book"`
	}
	if _, err := toml.Decode(string(data), &m); err != nil {
		return ""
	}
	src := path.Clean(strings.TrimSpace(m.Book.Src))
	if src == "." && strings.TrimSpace(m.Book.Src) == "" {
		return "src"
	}
	return src
}
