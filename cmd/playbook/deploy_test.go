package main

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestSubPathDeployment builds sites for a sub-path, serves each as a
// static host would (under /handbook/, with 404.html for missing paths) and
// follows every link, asset, stylesheet url() and search index from the
// home page and the 404 page: each must stay under /handbook/ and answer
// 200.
func TestSubPathDeployment(t *testing.T) {
	skeleton := filepath.Join(t.TempDir(), "new")
	var out bytes.Buffer
	if err := run(t.Context(), []string{"init", skeleton, "--owner", "Anna Berg"}, &out, &out); err != nil {
		t.Fatalf("init: %v\n%s", err, out.String())
	}
	for _, site := range []struct{ name, dir string }{{"example", "../.."}, {"init", skeleton}} {
		t.Run(site.name, func(t *testing.T) {
			dest := filepath.Join(t.TempDir(), "public")
			var stdout, stderr bytes.Buffer
			if err := run(t.Context(), []string{"build", "-q", "-s", site.dir, "-d", dest, "--base-url", "/handbook/"}, &stdout, &stderr); err != nil {
				t.Fatalf("build: %v\n%s", err, stderr.String())
			}
			srv := httptest.NewServer(staticHost("/handbook/", dest))
			defer srv.Close()
			crawl(t, srv.URL, "/handbook/")
		})
	}
}

// staticHost serves dir under prefix as a static host does: files, index.html
// for folders, and 404.html with status 404 for anything missing.
func staticHost(prefix, dir string) http.Handler {
	files := http.StripPrefix(strings.TrimSuffix(prefix, "/"), http.FileServer(http.Dir(dir)))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rel, ok := strings.CutPrefix(r.URL.Path, prefix)
		if ok {
			name := filepath.Join(dir, filepath.FromSlash(path.Clean("/"+rel)))
			if st, err := os.Stat(name); err == nil && st.IsDir() {
				_, err = os.Stat(filepath.Join(name, "index.html"))
				ok = err == nil
			} else {
				ok = err == nil
			}
		}
		if !ok {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.WriteHeader(http.StatusNotFound)
			b, _ := os.ReadFile(filepath.Join(dir, "404.html"))
			_, _ = w.Write(b)
			return
		}
		files.ServeHTTP(w, r)
	})
}

var (
	attrRE = regexp.MustCompile(`\s(?:href|src|data-lib)="([^"]*)"`)
	// The search box loads data-index + the page's language + /index.js.
	searchRE = regexp.MustCompile(`\sdata-index="([^"]*)"`)
	langRE   = regexp.MustCompile(`<html lang="([^"]+)"`)
	cssURLRE = regexp.MustCompile(`url\(\s*['"]?([^'")]+)['"]?\s*\)`)
)

// crawl follows every same-site reference from prefix and from a missing
// page, and fails on any that leaves prefix or does not answer 200.
func crawl(t *testing.T, base, prefix string) {
	t.Helper()
	seen := map[string]bool{}
	queue := []string{prefix}
	from := map[string]string{}
	get := func(p string) (int, string, string) {
		resp, err := http.Get(base + p)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, resp.Header.Get("Content-Type"), string(b)
	}
	// The 404 page, as a reader who mistyped a path deep in the site sees it.
	code, _, body := get(prefix + "teams/no-such-team/page/")
	if code != http.StatusNotFound || !strings.Contains(body, prefix+"assets/") {
		t.Fatalf("missing page: %d, 404.html without the base path", code)
	}
	enqueue := func(page, ref string) {
		u, err := url.Parse(ref)
		if err != nil {
			t.Errorf("%s: bad URL %q", page, ref)
			return
		}
		if u.Scheme != "" || u.Host != "" || strings.HasPrefix(ref, "#") || ref == "" {
			return // another site, or a place on this page
		}
		abs := (&url.URL{Path: page}).ResolveReference(&url.URL{Path: u.Path}).Path
		if !strings.HasPrefix(abs, prefix) {
			t.Errorf("%s links to %q, outside %s", page, ref, prefix)
			return
		}
		if !seen[abs] {
			seen[abs] = true
			from[abs] = page
			queue = append(queue, abs)
		}
	}
	for _, m := range attrRE.FindAllStringSubmatch(body, -1) {
		enqueue(prefix+"404.html", htmlUnescape(m[1]))
	}
	seen[prefix] = true
	pages := 0
	for len(queue) > 0 {
		p := queue[0]
		queue = queue[1:]
		code, ctype, body := get(p)
		if code != http.StatusOK {
			t.Errorf("GET %s (linked from %s): %d", p, from[p], code)
			continue
		}
		switch {
		case strings.HasPrefix(ctype, "text/html"):
			pages++
			for _, m := range attrRE.FindAllStringSubmatch(body, -1) {
				enqueue(p, htmlUnescape(m[1]))
			}
			if m := searchRE.FindStringSubmatch(body); m != nil {
				if l := langRE.FindStringSubmatch(body); l != nil {
					enqueue(p, htmlUnescape(m[1])+l[1]+"/index.js")
				}
			}
		case strings.HasPrefix(ctype, "text/css"):
			for _, m := range cssURLRE.FindAllStringSubmatch(body, -1) {
				if !strings.HasPrefix(m[1], "data:") {
					enqueue(p, m[1])
				}
			}
		}
	}
	if pages < 3 {
		t.Errorf("crawled only %d pages", pages)
	}
	t.Logf("%d pages and %d files answered under %s", pages, len(seen)-pages, prefix)
}

func htmlUnescape(s string) string {
	return strings.NewReplacer("&amp;", "&", "&#39;", "'", "&quot;", `"`, "&lt;", "<", "&gt;", ">").Replace(s)
}
