package source_test

import (
	"strings"
	"testing"

	"github.com/playbookhq/playbook/generator/source"
)

// TestJekyllFolderURLs checks which permalinks of a Jekyll _config.yml
// publish pages as folders.
func TestJekyllFolderURLs(t *testing.T) {
	for _, tc := range []struct {
		yml  string
		want bool
	}{
		{"permalink: pretty\n", true},
		{"title: T\npermalink: \"/:path/\"\nexclude: [a]\n", true},
		{"\ufeffpermalink: /:categories/:title/\r\n", true},
		{"permalink: /:path:output_ext\n", false},
		{"permalink: date\n", false},
		{"title: T\n", false},
		{"defaults:\n  - values:\n      permalink: pretty\n", false}, // not the site's own
		{"permalink: [pretty\n", false},
		{"permalink: pretty\n" + strings.Repeat("#", source.MaxJekyllConfig), false},
	} {
		if got := source.JekyllFolderURLs("_config.yml", []byte(tc.yml)); got != tc.want {
			t.Errorf("%.60q: %v, want %v", tc.yml, got, tc.want)
		}
	}
}

func FuzzJekyllFolderURLs(f *testing.F) {
	f.Add("permalink: pretty\n")
	f.Add("a: &x /:path/\npermalink: *x\n")
	f.Fuzz(func(t *testing.T, yml string) {
		source.JekyllFolderURLs("_config.yml", []byte(yml))
	})
}
