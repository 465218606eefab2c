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
var TitleFiles = []string{TechDocsConfig, "_config.yml", "_config.yaml", "hugo.toml", "hugo.yaml", "hugo.yml",
	"config/_default/hugo.toml", "config/_default/hugo.yaml", "config/_default/hugo.yml",
	"config/_default/config.toml", "config/_default/config.yaml", "config/_default/config.yml", "book.toml",
	"docusaurus.config.js", "docusaurus.config.ts", "docusaurus.config.mjs", "docusaurus.config.cjs", "docusaurus.config.mts", "docusaurus.config.cts"}

// MaxTitleFile bounds a settings file read for its title.
const MaxTitleFile = 1 << 20

// SiteTitle returns the site title that data, the settings file named p
// (one of TitleFiles), gives, or "" when it gives none or cannot be read:
// the title is a nicety, and a file that does not parse says nothing.
func SiteTitle(p string, data []byte) string {
	var title any
	base := path.Base(p)
	if path.Dir(p) == "config/_default" { // Hugo's configuration folder
		base = "hugo" + path.Ext(p)
	}
	switch base {
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

// jsKeyRE matches a line of a JavaScript object that sets a key: its
// indentation and the key, bare or quoted.
var jsKeyRE = regexp.MustCompile(`^([ \t]*)(?:([A-Za-z_$][\w$]*)|"([^"\n]*)"|'([^'\n]*)')[ \t]*:`)

// jsStringRE matches what follows a key's colon when it is a string
// literal alone: in one of JavaScript's three quotes (a template literal
// without ${…}), then a comma or a comment at most.
var jsStringRE = regexp.MustCompile(`^[ \t]*(?:'((?:[^'\\\n]|\\.)*)'|"((?:[^"\\\n]|\\.)*)"|` + "`([^`\\\\$\\n]*)`" + `)[ \t]*,?[ \t]*(?://.*|/\*.*\*/[ \t]*,?)?$`)

// jsTitle returns the title a Docusaurus configuration, data, gives the
// site: the configuration object's own title, when it is a string. That
// object is the one holding url and baseUrl, which every configuration
// sets, and its title is the key at the same indentation in the same
// block of lines (the navbar's and the footer's titles are nested deeper;
// another object's, as a navbar written before the configuration, is in
// another block). The file is not run: a title that code computes, or a
// configuration without those keys, gives "", as does a file over
// MaxTitleFile, which is not read.
func jsTitle(data []byte) string {
	type keyLine struct {
		indent    int
		key, rest string
	}
	var keys []keyLine
	comment := false
	for line := range strings.Lines(string(data)) {
		line = strings.TrimRight(line, "\r\n")
		if comment { // within /* … */
			comment = !strings.Contains(line, "*/")
			continue
		}
		trimmed := strings.TrimSpace(line)
		if trimmed == "" || strings.HasPrefix(trimmed, "//") {
			continue
		}
		if strings.HasPrefix(trimmed, "/*") {
			comment = !strings.Contains(trimmed[2:], "*/")
			continue
		}
		k := keyLine{indent: len(line) - len(strings.TrimLeft(line, " \t"))}
		if m := jsKeyRE.FindStringSubmatch(line); m != nil {
			k.key, k.rest = m[2]+m[3]+m[4], line[len(m[0]):]
		}
		keys = append(keys, k)
	}
	// The configuration's indentation: its url's or baseUrl's, the least.
	at := -1
	for _, k := range keys {
		if (k.key == "url" || k.key == "baseUrl") && (at < 0 || k.indent < at) {
			at = k.indent
		}
	}
	if at < 0 {
		return ""
	}
	// The first block of lines at that indentation or deeper (one object)
	// that sets url or baseUrl there: its first title.
	title, titled, found := "", false, false
	for _, k := range keys {
		switch {
		case k.indent < at && found: // the block ends
			return strings.TrimSpace(title)
		case k.indent < at:
			title, titled = "", false
		case k.indent > at:
		case k.key == "url" || k.key == "baseUrl":
			found = true
		case k.key == "title" && !titled:
			title, titled = jsString(k.rest), true
		}
	}
	if !found {
		return ""
	}
	return strings.TrimSpace(title)
}

// jsString returns the string literal that rest, what follows a key's
// colon, is alone, unescaped, or "".
func jsString(rest string) string {
	m := jsStringRE.FindStringSubmatch(rest)
	if m == nil {
		return ""
	}
	if m[3] != "" {
		return m[3]
	}
	s := m[1] + m[2]
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			i++
		}
		b.WriteByte(s[i])
	}
	return b.String()
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
