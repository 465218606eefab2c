package source

import (
	"path"
	"strings"
)

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

// JekyllSource returns the folder a Jekyll configuration, data (the file
// p), names as the site's source, the folder its pages are in ("src"), or
// "" when it names none, names the site folder itself, or cannot be read.
func JekyllSource(p string, data []byte) string {
	data, d := yamlConfig(p, data, MaxJekyllConfig, "", "")
	if d != nil {
		return ""
	}
	v, _, d := topLevel(p, data, "source", "")
	if d != nil || v == nil {
		return ""
	}
	dir := path.Clean(strings.TrimPrefix(strings.TrimSpace(scalarText(v)), "./"))
	if dir == "." || strings.HasPrefix(dir, "/") || dir == ".." || strings.HasPrefix(dir, "../") {
		return ""
	}
	return dir
}
