package source

import "strings"

// MaxJekyllConfig bounds a Jekyll site's _config.yml: some settings,
// collections and defaults.
const MaxJekyllConfig = 1 << 20

// JekyllFolderURLs reports whether data, a Jekyll site's _config.yml named
// p, publishes each page as a folder of its own: its permalink is "pretty"
// or a pattern that ends in "/" ("/:path/"). The site's pages then link
// from their URLs, a folder below their files, as a Hugo site's do. A file
// that cannot be read says no, as Jekyll's default (/:path.html) would.
func JekyllFolderURLs(p string, data []byte) bool {
	data, d := yamlConfig(p, data, MaxJekyllConfig, "", "")
	if d != nil {
		return false
	}
	v, _, d := topLevel(p, data, "permalink", "")
	if d != nil || v == nil {
		return false
	}
	permalink := strings.TrimSpace(scalarText(v))
	return permalink == "pretty" || strings.HasSuffix(permalink, "/")
}
