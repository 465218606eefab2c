package themes_test

import (
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"strings"
	"testing"

	"github.com/playbookhq/playbook/themes"
)

// TestVendoredMiniSearch checks that the embedded MiniSearch is the
// pinned, unmodified release, with its licence and recorded version.
func TestVendoredMiniSearch(t *testing.T) {
	const (
		version = "7.2.0"
		sum     = "03c27931eb603af1d3358579e9885eafdb6a2f5fa9929557b3e77d7e99d06d03"
		dir     = "assets/vendor/minisearch/"
	)
	fsys := themes.Default()
	js, err := fs.ReadFile(fsys, dir+"minisearch.js")
	if err != nil {
		t.Fatal(err)
	}
	h := sha256.Sum256(js)
	if got := hex.EncodeToString(h[:]); got != sum {
		t.Errorf("minisearch.js sha256 %s, want %s (npm minisearch@%s dist/umd/index.js)", got, sum, version)
	}
	lic, err := fs.ReadFile(fsys, dir+"LICENSE.txt")
	if err != nil || !strings.Contains(string(lic), "Permission is hereby granted") {
		t.Errorf("no MIT licence beside minisearch.js: %v", err)
	}
	readme, err := fs.ReadFile(fsys, dir+"README.md")
	if err != nil || !strings.Contains(string(readme), "# MiniSearch "+version) || !strings.Contains(string(readme), sum) {
		t.Errorf("README.md does not record version %s and its hash: %v", version, err)
	}
}
