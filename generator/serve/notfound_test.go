package serve

import (
	"testing"
)

// TestNotFoundPageOfLanguage checks that a missing page gets the nearest
// 404.html above its path: /sv/… the Swedish one, the rest the root one,
// under a base path too.
func TestNotFoundPageOfLanguage(t *testing.T) {
	mem := memSite(t, map[string][]byte{"404.html": []byte("en"), "sv/404.html": []byte("sv"), "index.html": []byte("home")})
	snap := mem.Snapshot()
	for _, tc := range []struct{ base, path, want string }{
		{"", "/sv/finns-inte/", "sv"},
		{"", "/sv/a/b/c", "sv"},
		{"", "/sv", "en"},
		{"", "/svensk/", "en"},
		{"", "/nope", "en"},
		{"", "/../sv/x", "sv"},
		{"/docs", "/docs/sv/finns-inte/", "sv"},
		{"/docs", "/docs/x/", "en"},
	} {
		got, ok := notFoundPage(snap, tc.base, tc.path)
		if !ok || string(got) != tc.want {
			t.Errorf("notFoundPage(%q, %q) = %q, %v; want %q", tc.base, tc.path, got, ok, tc.want)
		}
	}
}
