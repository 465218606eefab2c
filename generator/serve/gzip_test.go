package serve

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/playbookhq/playbook/generator/build"
)

// TestServesCompressed checks that the text files the snapshot keeps
// compressed go out as they are to browsers that accept gzip, and
// decompressed to others, and that pages are always decompressed for the
// live-reload script.
func TestServesCompressed(t *testing.T) {
	script := []byte(strings.Repeat("console.log('search shard');\n", 100))
	page := []byte("<!DOCTYPE html><html><head><title>t</title></head><body>" + strings.Repeat("<p>stock count</p>", 100) + "</body></html>")
	mem := memSite(t, map[string][]byte{"search/en/t/1.js": script, "index.html": page})
	s := New(build.NewSession(build.Config{SourceDir: t.TempDir()}, mem))
	s.Start(t.Context())
	ts := httptest.NewServer(s.Handler())
	defer ts.Close()
	get := func(path, accept string) (*http.Response, []byte) {
		req, _ := http.NewRequestWithContext(t.Context(), "GET", ts.URL+path, nil)
		req.Header.Set("Accept-Encoding", accept) // set, so the client does not decompress
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		body, _ := io.ReadAll(res.Body)
		return res, body
	}
	res, body := get("/search/en/t/1.js", "gzip, deflate")
	if res.Header.Get("Content-Encoding") != "gzip" || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/javascript") {
		t.Fatalf("headers %v", res.Header)
	}
	zr, err := gzip.NewReader(bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if plain, _ := io.ReadAll(zr); !bytes.Equal(plain, script) {
		t.Error("the compressed script does not decompress to the file")
	}
	for _, accept := range []string{"identity", "gzip;q=0", "br", "GZIP;Q=0", "gzip;q=0.", "gzip;q=0.000"} {
		if res, body := get("/search/en/t/1.js", accept); res.Header.Get("Content-Encoding") != "" || !bytes.Equal(body, script) {
			t.Errorf("Accept-Encoding %q: got %q encoding, %d bytes", accept, res.Header.Get("Content-Encoding"), len(body))
		}
	}
	if res, _ := get("/search/en/t/1.js", "*"); res.Header.Get("Content-Encoding") != "gzip" {
		t.Error("Accept-Encoding * was not given gzip")
	}
	// A header on two lines is one list: gzip refused on the second.
	two, _ := http.NewRequestWithContext(t.Context(), "GET", ts.URL+"/search/en/t/1.js", nil)
	two.Header.Add("Accept-Encoding", "*")
	two.Header.Add("Accept-Encoding", "gzip;q=0")
	if res, err := http.DefaultClient.Do(two); err != nil {
		t.Fatal(err)
	} else if res.Body.Close(); res.Header.Get("Content-Encoding") != "" {
		t.Error("gzip refused on a second Accept-Encoding line was given gzip")
	}
	// A range is of the file, never of its compressed form.
	req, _ := http.NewRequestWithContext(t.Context(), "GET", ts.URL+"/search/en/t/1.js", nil)
	req.Header.Set("Accept-Encoding", "gzip")
	req.Header.Set("Range", "bytes=0-9")
	if res, err := http.DefaultClient.Do(req); err != nil {
		t.Fatal(err)
	} else {
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != http.StatusPartialContent || res.Header.Get("Content-Encoding") != "" || !bytes.Equal(body, script[:10]) {
			t.Errorf("range: %d, encoding %q, %q", res.StatusCode, res.Header.Get("Content-Encoding"), body)
		}
	}
	// HEAD says how long the compressed file is.
	head, _ := http.NewRequestWithContext(t.Context(), "HEAD", ts.URL+"/search/en/t/1.js", nil)
	head.Header.Set("Accept-Encoding", "gzip")
	if res, err := http.DefaultClient.Do(head); err != nil {
		t.Fatal(err)
	} else if res.Body.Close(); res.Header.Get("Content-Length") == "" || res.Header.Get("Content-Encoding") != "gzip" {
		t.Errorf("HEAD: %v", res.Header)
	}
	if res, body := get("/", "gzip"); res.Header.Get("Content-Encoding") != "" || !bytes.Contains(body, []byte("stock count")) || !bytes.Contains(body, []byte("<script")) {
		t.Errorf("the page: encoding %q, %d bytes", res.Header.Get("Content-Encoding"), len(body))
	}
}

// TestAcceptsGzip checks how an Accept-Encoding header is read: gzip
// named with a quality above zero, or "*" when gzip is not named.
func TestAcceptsGzip(t *testing.T) {
	for header, want := range map[string]bool{
		"":                     false,
		"gzip":                 true,
		"gzip, deflate, br":    true,
		"br;q=1.0, gzip;q=0.8": true,
		"x-gzip":               true,
		"*":                    true,
		"*;q=0, gzip":          true, // gzip named: "*" does not refuse it
		"gzip, *;q=0":          true,
		"gzip;q=0, *":          false, // named and refused
		"*;q=0":                false,
		"identity":             false,
		"gzip;level=1;q=0.5":   true,
		"gzip;q=0.5;level=1":   true,
		"gzip;level=1;q=0":     false,
		"gzip;q=2":             false, // not a quality
		"gzip;q=-1":            false,
		"gzip;q=abc":           false,
		"gzip;q=1e0":           false, // not the RFC's grammar
		"gzip;q=0x1p-1":        false,
		"gzip;q=+0.5":          false,
		"gzip;q=0.001":         true,
		"gzip;q=1.000":         true,
		"gzip;q=1.001":         false,
	} {
		if got := acceptsGzip(header); got != want {
			t.Errorf("acceptsGzip(%q) = %v, want %v", header, got, want)
		}
	}
}
