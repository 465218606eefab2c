package serve

import (
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
)

// The host guard keeps web pages on other sites from reading the preview
// through DNS rebinding: a page at http://evil.example:1313/ whose name
// is made to resolve to 127.0.0.1 reaches the preview as the same origin,
// but its requests still say Host: evil.example:1313. So the preview
// answers only the names it is served under, and refuses the rest with
// 403 before any route sees the request.

// defaultHosts are the names the preview always answers: those of the
// loopback interface.
var defaultHosts = []string{"localhost", "127.0.0.1", "::1"}

// WithAllowedHosts adds host names or IP addresses that the server
// answers, besides localhost, 127.0.0.1, [::1] and the address a request
// arrived at. Names are compared without regard to case, with any port; a
// name that CheckAllowedHost rejects is ignored.
func WithAllowedHosts(names ...string) Option {
	return func(s *Server) {
		for _, n := range names {
			if h, err := allowedName(n); err == nil {
				s.allowedHosts[h] = true
			}
		}
	}
}

// CheckAllowedHost returns an error that says why name cannot be given to
// WithAllowedHosts, or nil: it must be a host name or an IP address (an
// IPv6 address with or without brackets), without scheme, port or path.
func CheckAllowedHost(name string) error {
	_, err := allowedName(name)
	return err
}

// allowedName returns name in the form hostName gives Host headers.
func allowedName(name string) (string, error) {
	inner := name
	if strings.HasPrefix(inner, "[") && strings.HasSuffix(inner, "]") {
		inner = inner[1 : len(inner)-1]
	}
	if addr, err := netip.ParseAddr(inner); err == nil && addr.Zone() == "" {
		return addr.Unmap().String(), nil
	}
	switch {
	case strings.Contains(name, "://"):
		return "", fmt.Errorf("allowed host %q: give the host name alone, without a scheme", name)
	case strings.Contains(name, "/"):
		return "", fmt.Errorf("allowed host %q: give the host name alone, without a path", name)
	case strings.Contains(name, ":"):
		return "", fmt.Errorf("allowed host %q: give the host name without a port (every port is allowed)", name)
	}
	h, ok := hostName(name)
	if !ok {
		return "", fmt.Errorf("allowed host %q is not a host name or an IP address", name)
	}
	return h, nil
}

// hostName returns the host of a Host header value (host, host:port,
// [ipv6] or [ipv6]:port) as the guard compares it: in lower case, without
// the port and one trailing dot (localhost. is localhost), and an IP
// address in its canonical form. ok is false when hostport is empty or
// malformed: a port that is not a number, an IPv6 address without
// brackets or with a zone, characters no host name has.
func hostName(hostport string) (host string, ok bool) {
	host = hostport
	if rest, found := strings.CutPrefix(host, "["); found {
		inner, port, found := strings.Cut(rest, "]")
		if !found || !validPort(port) {
			return "", false
		}
		addr, err := netip.ParseAddr(inner)
		if err != nil || !addr.Is6() || addr.Zone() != "" {
			return "", false
		}
		return addr.Unmap().String(), true
	}
	if i := strings.IndexByte(host, ':'); i >= 0 {
		if !validPort(host[i:]) {
			return "", false
		}
		host = host[:i]
	}
	host = strings.TrimSuffix(strings.ToLower(host), ".")
	if host == "" {
		return "", false
	}
	for _, c := range []byte(host) {
		if !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-' || c == '.' || c == '_') {
			return "", false
		}
	}
	if addr, err := netip.ParseAddr(host); err == nil {
		return addr.String(), true
	}
	return host, true
}

// validPort reports whether s is what may follow a host: nothing, or a
// colon and digits.
func validPort(s string) bool {
	if s == "" {
		return true
	}
	if s[0] != ':' {
		return false
	}
	for _, c := range []byte(s[1:]) {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// hostAllowed reports whether the server answers hostport, the Host of r
// or the host of its Origin: one of allowedHosts, or the IP address r
// arrived at. The latter is what a browser sends when the preview listens
// on every interface (--bind 0.0.0.0) and is opened by this machine's
// address; an IP address cannot be rebound to another site.
func (s *Server) hostAllowed(r *http.Request, hostport string) bool {
	host, ok := hostName(hostport)
	if !ok {
		return false
	}
	if s.allowedHosts[host] {
		return true
	}
	addr, err := netip.ParseAddr(host)
	if err != nil {
		return false
	}
	local, _ := r.Context().Value(http.LocalAddrContextKey).(net.Addr)
	tcp, _ := local.(*net.TCPAddr)
	return tcp != nil && tcp.AddrPort().Addr().Unmap().WithZone("") == addr
}

// originAllowed reports whether the Origin of r, when it has one, is
// http:// or https:// and an allowed host (with any port).
func (s *Server) originAllowed(r *http.Request) bool {
	origins := r.Header.Values("Origin")
	switch len(origins) {
	case 0:
		return true
	case 1:
	default:
		return false
	}
	u, err := url.Parse(origins[0])
	if err != nil || u.Scheme != "http" && u.Scheme != "https" || u.Opaque != "" || u.User != nil ||
		u.Path != "" || u.RawQuery != "" || u.ForceQuery || u.Fragment != "" {
		return false
	}
	return s.hostAllowed(r, u.Host)
}

// forbid answers a request the guard refuses: 403 and a short plain-text
// explanation.
func forbid(w http.ResponseWriter, what string) {
	w.Header().Set("Cache-Control", "no-store")
	http.Error(w, "Forbidden: the preview does not answer "+what+
		". To open it under another host name, start playbook serve with --allowed-host NAME.", http.StatusForbidden)
}
