package main

import (
	"fmt"
	"net/url"
	"strings"
)

// checkBaseURL accepts what --base-url may be: "" (not given), an absolute
// http(s) URL with a host, or a path starting with one "/". Anything else
// (handbook, handbook/, ftp://…, //host/) would make every link below the
// home page resolve against the page it is on.
func checkBaseURL(s string) error {
	if s == "" {
		return nil
	}
	bad := func(why string) error {
		return fmt.Errorf("--base-url %q: %s; want an absolute http(s) URL such as https://example.com/handbook/ or a path starting with \"/\" such as /handbook/", s, why)
	}
	if strings.ContainsAny(s, " \t\r\n\\") {
		return bad("it has spaces or backslashes")
	}
	if strings.HasPrefix(s, "//") {
		return bad("it has no scheme")
	}
	u, err := url.Parse(s)
	switch {
	case err != nil:
		return bad("not a URL")
	case u.RawQuery != "" || u.Fragment != "" || strings.ContainsAny(s, "?#"):
		return bad("it has a query or a fragment")
	case strings.HasPrefix(s, "/"):
		return nil
	case u.Scheme == "":
		return bad("a relative path")
	case u.Scheme != "http" && u.Scheme != "https":
		return bad("the scheme is " + u.Scheme)
	case u.Host == "":
		return bad("it has no host")
	}
	return nil
}
