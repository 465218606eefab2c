package themes_test

import (
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"strings"
	"testing"

	"github.com/playbookhq/playbook/themes"
)

// TestVendored checks that each embedded library is the pinned release as
// its README.md says it was made from npm, with its licence and recorded
// version and hash.
func TestVendored(t *testing.T) {
	tests := []struct {
		name, version, dir, file, sum string
		// banner is how the file starts, when it carries its licence.
		banner string
	}{
		{"MiniSearch", "7.2.0", "assets/vendor/minisearch/", "minisearch.min.js",
			"ff7086bb7da17d1f045ca4c383e771c798423322ea58fb8358ec2d61f720811c", "/*! MiniSearch 7.2.0 "},
		{"Mermaid", "12.4.0", "assets/vendor/mermaid/", "mermaid.min.js",
			"c0891e4c0413d0710ad193b431d8cbbe9d031636e51c467d11daa4721ba22094", ""},
		{"KaTeX", "0.19.1", "assets/vendor/katex/", "katex.min.js",
			"fa140498b8cfc8302cbe5e7cb1bdbc1f952bc38b3fa258ede09e73edbf9a74bc", ""},
	}
	fsys := themes.Default()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			js, err := fs.ReadFile(fsys, tt.dir+tt.file)
			if err != nil {
				t.Fatal(err)
			}
			h := sha256.Sum256(js)
			if got := hex.EncodeToString(h[:]); got != tt.sum {
				t.Errorf("%s sha256 %s, want %s (npm %s@%s, see README.md)", tt.file, got, tt.sum, strings.ToLower(tt.name), tt.version)
			}
			if tt.banner != "" && (!strings.HasPrefix(string(js), tt.banner) || !strings.Contains(string(js[:200]), "MIT License")) {
				t.Errorf("%s does not start with its licence banner", tt.file)
			}
			lic, err := fs.ReadFile(fsys, tt.dir+"LICENSE.txt")
			if err != nil || !strings.Contains(string(lic), "Permission is hereby granted") {
				t.Errorf("no MIT licence beside %s: %v", tt.file, err)
			}
			readme, err := fs.ReadFile(fsys, tt.dir+"README.md")
			if err != nil || !strings.Contains(string(readme), "# "+tt.name+" "+tt.version) || !strings.Contains(string(readme), tt.sum) {
				t.Errorf("README.md does not record version %s and its hash: %v", tt.version, err)
			}
		})
	}
}
