package markdown

import (
	"bytes"
	"net/url"
	"strings"

	"golang.org/x/net/html"

	"github.com/playbookhq/playbook/generator/diag"
)

// HTMLURL is a src or href attribute of raw HTML that names a place on
// the same site, relative or from the root, or on the page (#id), or an
// href with a full http or https URL (Absolute), which may be the site's
// own; and where the HTML starts.
type HTMLURL struct {
	Attr, URL string
	Pos       diag.Pos
	Absolute  bool
	line      int // the line of its tag in the HTML scanHTML read, from 0
}

// scanHTML appends to ids the ids that the elements of a piece of raw
// HTML declare: the id attribute of any start tag, and the name of an
// <a>, the older way to mark a place a link goes to; and to rel each src
// and href that names a path of the site (`src="images/a.png"`,
// `href="/guides/"`), as do a video's poster and an object's data, and each
// href that is a full web address. The HTML is read with golang.org/x/net/html's
// tokenizer, as a browser would split it into tags, so attributes inside
// comments, scripts or other attributes' values are not taken.
func scanHTML(ids []string, rel []HTMLURL, raw []byte) ([]string, []HTMLURL) {
	if bytes.IndexByte(raw, '=') < 0 {
		return ids, rel // no attribute has a value: skip the tokenizer
	}
	z := html.NewTokenizer(bytes.NewReader(raw))
	line := 0 // of the token's start
	for {
		tt := z.Next()
		at := line
		line += bytes.Count(z.Raw(), []byte("\n"))
		n := len(rel)
		switch tt {
		case html.ErrorToken:
			return ids, rel
		case html.StartTagToken, html.SelfClosingTagToken:
			name, more := z.TagName()
			isA, isObject := string(name) == "a", string(name) == "object"
			for more {
				var key, val []byte
				key, val, more = z.TagAttr()
				switch k := string(key); {
				case len(val) == 0:
				case k == "id" || isA && k == "name":
					ids = append(ids, string(val))
				case k == "href" && len(val) > 1 && val[0] == '#':
					rel = append(rel, HTMLURL{Attr: k, URL: string(val)}) // a place on the page
				case (k == "src" || k == "href" || k == "poster" || isObject && k == "data") && isLocal(string(val)):
					rel = append(rel, HTMLURL{Attr: k, URL: string(val)})
				case k == "href" && IsWeb(string(val)):
					rel = append(rel, HTMLURL{Attr: k, URL: string(val), Absolute: true})
				}
			}
		}
		for i := n; i < len(rel); i++ {
			rel[i].line = at
		}
	}
}

// IsWeb reports whether u is a full http or https URL.
func IsWeb(u string) bool {
	scheme, rest, ok := strings.Cut(strings.TrimSpace(u), "://")
	return ok && rest != "" && (strings.EqualFold(scheme, "https") || strings.EqualFold(scheme, "http"))
}

// isLocal reports whether u is a path of the same site: no scheme nor
// host, and not an anchor or a query alone.
func isLocal(u string) bool {
	u = strings.TrimSpace(u)
	if u == "" || strings.ContainsAny(u[:1], "#?") || strings.HasPrefix(u, "//") {
		return false
	}
	p, err := url.Parse(u)
	return err == nil && p.Scheme == "" && p.Host == ""
}
