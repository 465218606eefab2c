package serve

import (
	"bytes"
	"html"
	"mime"
	"net/http"
	"path"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/playbookhq/playbook/generator/output"
)

// siteName maps the path of a request (already percent-decoded) to the name
// of a file of the site under base ("" or "/docs"). dir says that the path
// names a folder, whose index.html is meant. ok is false for paths that
// cannot name a file of the site: outside base, with "." or ".." segments,
// empty segments (as in "//etc/passwd"), backslashes, NUL bytes, or
// segments that start with a dot (hidden files).
func siteName(base, p string) (name string, dir, ok bool) {
	rest, found := strings.CutPrefix(p, base+"/")
	if !found || strings.ContainsAny(rest, "\\\x00") {
		return "", false, false
	}
	if rest == "" || strings.HasSuffix(rest, "/") {
		dir = true
		rest += "index.html"
	}
	for seg := range strings.SplitSeq(rest, "/") {
		if seg == "" || seg[0] == '.' {
			return "", false, false
		}
	}
	return rest, dir, true
}

// serveFile answers a request for a file of the site.
func (s *Server) serveFile(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	// The state before the snapshot: a page may then carry an older gen
	// than its content, which costs one extra reload, never a missed one.
	st := s.state()
	snap := s.mem.Snapshot()
	base := st.base
	if base != "" && r.URL.Path == base || r.URL.Path == "/" && base != "" {
		http.Redirect(w, r, base+"/", http.StatusFound)
		return
	}
	if snap.Len() == 0 {
		s.servePlaceholder(w, r, st)
		return
	}
	name, dir, ok := siteName(base, r.URL.Path)
	if !ok {
		s.serveNotFound(w, r, snap, st)
		return
	}
	if strings.HasSuffix(name, ".html") {
		// A page the last build has not rendered yet (it rendered the
		// open ones first) is rendered now rather than served stale.
		if data, ok := s.b.PendingPage(r.Context(), name); ok {
			s.mu.Lock()
			s.servedEarly[name] = true
			s.mu.Unlock()
			if st.early != "" {
				st.gen = st.early // see liveState.early
			}
			s.servePage(w, r, name, data, st)
			return
		}
	}
	p, found := snap.Packed(name)
	if !found && !dir {
		if _, isDir := snap.Packed(name + "/index.html"); isDir {
			target := r.URL.Path + "/"
			if r.URL.RawQuery != "" {
				target += "?" + r.URL.RawQuery
			}
			http.Redirect(w, r, target, http.StatusMovedPermanently)
			return
		}
	}
	if !found {
		s.serveNotFound(w, r, snap, st)
		return
	}
	if strings.HasSuffix(name, ".html") {
		s.servePage(w, r, name, p.Bytes(), st)
		return
	}
	setHeaders(w)
	serveFile(w, r, name, p)
}

// servePage answers with the page name, whose content is page, with the
// script that follows the server's events.
func (s *Server) servePage(w http.ResponseWriter, r *http.Request, name string, page []byte, st liveState) {
	setHeaders(w)
	s.opened(name)
	data := inject(page, st.base, st.gen, st.css)
	w.Header().Set("Content-Security-Policy", PolicyFor(data))
	http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(data))
}

// serveFile answers with a file of the site other than a page: as the
// snapshot keeps it, compressed, to a browser that accepts gzip and asks
// for the whole file; decompressed otherwise (ranges are of the file).
func serveFile(w http.ResponseWriter, r *http.Request, name string, p output.Packed) {
	raw, gz := p.Raw()
	if gz {
		w.Header().Set("Vary", "Accept-Encoding")
	}
	if !gz || r.Header.Get("Range") != "" || !acceptsGzip(strings.Join(r.Header.Values("Accept-Encoding"), ",")) {
		http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(p.Bytes()))
		return
	}
	ctype := mime.TypeByExtension(path.Ext(name))
	if ctype == "" {
		ctype = "text/plain; charset=utf-8" // the compressed kinds are all text
	}
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Content-Encoding", "gzip")
	w.Header().Set("Content-Length", strconv.Itoa(len(raw)))
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		_, _ = w.Write(raw)
	}
}

// acceptsGzip reports whether an Accept-Encoding header accepts gzip: it
// names gzip with a quality above zero, or, when it does not name gzip,
// "*" with a quality above zero (RFC 9110, 12.5.3: a named coding takes
// precedence over "*"). An entry whose quality does not parse counts as
// refusing.
func acceptsGzip(header string) bool {
	star := false
	for part := range strings.SplitSeq(header, ",") {
		coding, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		coding = strings.TrimSpace(coding)
		gzip := strings.EqualFold(coding, "gzip") || strings.EqualFold(coding, "x-gzip")
		if !gzip && coding != "*" {
			continue
		}
		ok := quality(params) > 0
		if gzip {
			return ok
		}
		star = ok
	}
	return star
}

// qvalue is RFC 9110's grammar of a quality: 0 to 1, at most three
// decimals.
var qvalue = regexp.MustCompile(`^(0(\.[0-9]{0,3})?|1(\.0{0,3})?)$`)

// quality returns the q parameter of an Accept-Encoding entry's
// parameters: 1 when there is none, 0 when it does not parse.
func quality(params string) float64 {
	for param := range strings.SplitSeq(params, ";") {
		k, v, _ := strings.Cut(strings.TrimSpace(param), "=")
		if !strings.EqualFold(strings.TrimSpace(k), "q") {
			continue
		}
		v = strings.TrimSpace(v)
		if !qvalue.MatchString(v) {
			return 0
		}
		q, _ := strconv.ParseFloat(v, 64)
		return q
	}
	return 1
}

func setHeaders(w http.ResponseWriter) {
	w.Header().Set("Cache-Control", "no-store")
}

// serveNotFound answers with the site's 404 page and status 404: the
// nearest 404.html above the path asked for, so that /sv/… gets the
// Swedish one (/sv/404.html), as Cloudflare Pages serves them.
func (s *Server) serveNotFound(w http.ResponseWriter, r *http.Request, snap *output.Snapshot, st liveState) {
	setHeaders(w)
	data, ok := notFoundPage(snap, st.base, r.URL.Path)
	if !ok {
		data = []byte("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Not found</title></head><body><p>Not found.</p></body></html>\n")
	}
	data = inject(data, st.base, st.gen, st.css)
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Content-Length", strconv.Itoa(len(data)))
	w.WriteHeader(http.StatusNotFound)
	if r.Method != http.MethodHead {
		_, _ = w.Write(data)
	}
}

// servePlaceholder answers while the first build is not done or failed.
func (s *Server) servePlaceholder(w http.ResponseWriter, r *http.Request, st liveState) {
	setHeaders(w)
	msg := "Building the site…"
	if len(st.errors) > 0 {
		msg = "The site has errors; they are listed over this page and in the terminal. It appears here once they are fixed."
	}
	page := "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>playbook preview</title></head>" +
		"<body><p>" + html.EscapeString(msg) + "</p></body></html>\n"
	data := inject([]byte(page), st.base, st.gen, st.css)
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(http.StatusServiceUnavailable)
	if r.Method != http.MethodHead {
		_, _ = w.Write(data)
	}
}

// inject returns page with the live-reload script added right after the
// <head> tag (or <html>, or at the start when the page has neither). The
// script is an external file so that a Content Security Policy without
// 'unsafe-inline' allows it; data-gen and data-css tell it which build the
// page and its stylesheets are of.
func inject(page []byte, base, gen, css string) []byte {
	tag := `<script src="` + html.EscapeString(base) + `/_playbook/live.js" data-gen="` + html.EscapeString(gen) +
		`" data-css="` + html.EscapeString(css) + `" defer></script>`
	at := tagEnd(page, "<head")
	if at < 0 {
		at = tagEnd(page, "<html")
	}
	if at < 0 {
		at = 0
		if i := tagEnd(page, "<!doctype"); i >= 0 {
			at = i
		}
	}
	out := make([]byte, 0, len(page)+len(tag))
	out = append(out, page[:at]...)
	out = append(out, tag...)
	return append(out, page[at:]...)
}

// tagEnd returns the offset just after the first start tag named by open
// ("<head", in lower case), matched without regard to ASCII case, or -1.
// It looks at the page's first 64 KB, in place: a lower-cased copy cost
// most of the time of serving a page, and its offsets differ from the
// page's where lower-casing changes a character's length in UTF-8 ("İ",
// "Ⱥ", invalid bytes).
func tagEnd(page []byte, open string) int {
	page = page[:min(len(page), 64<<10)]
	for from := 0; ; {
		i := bytes.IndexByte(page[from:], '<')
		if i < 0 {
			return -1
		}
		i += from
		j := i + len(open)
		if j < len(page) && hasPrefixFold(page[i:], open) && (page[j] == '>' || page[j] == ' ' || page[j] == '\t' || page[j] == '\n' || page[j] == '\r') {
			if k := bytes.IndexByte(page[j:], '>'); k >= 0 {
				return j + k + 1
			}
			return -1
		}
		from = i + 1
	}
}

// hasPrefixFold reports whether b begins with prefix, which is in lower
// case, without regard to ASCII case.
func hasPrefixFold(b []byte, prefix string) bool {
	if len(b) < len(prefix) {
		return false
	}
	for i := range len(prefix) {
		c := b[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != prefix[i] {
			return false
		}
	}
	return true
}

// notFoundPage returns the 404.html nearest above urlPath in the site.
func notFoundPage(snap *output.Snapshot, base, urlPath string) ([]byte, bool) {
	rest, _ := strings.CutPrefix(urlPath, base)
	dir := path.Dir(path.Clean("/" + rest))
	for {
		if data, ok := snap.Get(strings.TrimPrefix(path.Join(dir, "404.html"), "/")); ok {
			return data, true
		}
		if dir == "/" || dir == "." {
			return nil, false
		}
		dir = path.Dir(dir)
	}
}
