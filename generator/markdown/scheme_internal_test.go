package markdown

import (
	"html"
	"strings"
	"testing"
	"unicode"
)

// TestSchemes checks isExternal and isDangerous on the forms a scheme
// takes, with their fast paths for a destination without a colon.
func TestSchemes(t *testing.T) {
	tests := []struct {
		dest                string
		external, dangerous bool
	}{
		{"guide.md", false, false},
		{"../teams/it/#roles", false, false},
		{"/abs/path", false, false},
		{"//cdn.example.com/x.js", true, false},
		{"https://example.com/a:b", true, false},
		{"mailto:a@example.com", true, false},
		{":no-scheme", false, false},
		{"1http://x", false, false},
		{"a/b:c", false, false},
		{"javascript:alert(1)", true, true},
		{"JaVaScRiPt:alert(1)", true, true},
		{"java\tscript:alert(1)", false, true},
		{" javascript:alert(1)", false, true},
		{"javascript&#58;alert(1)", false, true},
		{"javascript&colon;alert(1)", false, true},
		{"&#106;avascript:alert(1)", false, true},
		{"vbscript:msgbox", true, true},
		{"data:text/html;base64,PHNjcmlwdD4=", true, true},
		{"data:image/png;base64,iVBORw0KGgo=", true, false},
		{"file:///etc/passwd", true, true},
		{"a&amp;b.md", false, false},
	}
	for _, tt := range tests {
		if got := isExternal(tt.dest); got != tt.external {
			t.Errorf("isExternal(%q) = %v, want %v", tt.dest, got, tt.external)
		}
		if got := isDangerous(tt.dest); got != tt.dangerous {
			t.Errorf("isDangerous(%q) = %v, want %v", tt.dest, got, tt.dangerous)
		}
	}
}

// FuzzSchemes checks that the fast paths of isExternal and isDangerous
// decide as the full checks do.
func FuzzSchemes(f *testing.F) {
	for _, s := range []string{"guide.md", "javascript:x", "java&#58;script:x", "&#106;avascript:x", "//x", "a:b", "\tdata:text/html,x", "data:image/png,x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, dest string) {
		if got, want := isExternal(dest), schemeRE.MatchString(dest) || strings.HasPrefix(dest, "//"); got != want {
			t.Errorf("isExternal(%q) = %v, the expression says %v", dest, got, want)
		}
		clean := strings.Map(func(r rune) rune {
			if r <= ' ' {
				return -1
			}
			return unicode.ToLower(r)
		}, html.UnescapeString(dest))
		want := false
		for _, s := range []string{"javascript:", "vbscript:", "data:", "file:"} {
			if strings.HasPrefix(clean, s) {
				want = !isSafeDataImage(clean)
				break
			}
		}
		if got := isDangerous(dest); got != want {
			t.Errorf("isDangerous(%q) = %v, the full check says %v", dest, got, want)
		}
	})
}
