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
// pinned release as minified from npm (see its README.md), with its licence,
// banner and recorded version.
func TestVendoredMiniSearch(t *testing.T) {
	const (
		version = "7.2.0"
		sum     = "ff7086bb7da17d1f045ca4c383e771c798423322ea58fb8358ec2d61f720811c"
		dir     = "assets/vendor/minisearch/"
	)
	fsys := themes.Default()
	js, err := fs.ReadFile(fsys, dir+"minisearch.min.js")
	if err != nil {
		t.Fatal(err)
	}
	h := sha256.Sum256(js)
	if got := hex.EncodeToString(h[:]); got != sum {
		t.Errorf("minisearch.min.js sha256 %s, want %s (npm minisearch@%s dist/umd/index.js, minified)", got, sum, version)
	}
	if !strings.HasPrefix(string(js), "/*! MiniSearch "+version+" ") || !strings.Contains(string(js[:200]), "MIT License") {
		t.Errorf("minisearch.min.js does not start with its licence banner")
	}
	lic, err := fs.ReadFile(fsys, dir+"LICENSE.txt")
	if err != nil || !strings.Contains(string(lic), "Permission is hereby granted") {
		t.Errorf("no MIT licence beside minisearch.min.js: %v", err)
	}
	readme, err := fs.ReadFile(fsys, dir+"README.md")
	if err != nil || !strings.Contains(string(readme), "# MiniSearch "+version) || !strings.Contains(string(readme), sum) {
		t.Errorf("README.md does not record version %s and its hash: %v", version, err)
	}
}
