package slugs_test

import (
	"testing"

	"github.com/gosimple/slug"

	"github.com/playbookhq/playbook/generator/slugs"
)

func TestID(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Lagerställe och kundtjänst", "lagerstalle-och-kundtjanst"},
		{"Loop & Tie", "loop-and-tie"},
		{"Straße", "strasse"},
		{"Привет мир", "privet-mir"},
		{"役割と責任", "役割と責任"},
		{"チームの役割", "チームの役割"},
		{"ユーザー登録", "ユーザー登録"},
		{"团队职责", "团队职责"},
		{"팀의 역할", "팀의-역할"},
		{"API の使い方", "api-の使い方"},
		{"日本語API", "日本語api"},
		{"Set up 日本 (v2)", "set-up-日本-v2"},
		{"がぎ", "がぎ"},
		{"ภาษาไทย", "ภาษาไทย"},
		{"!!!", ""},
		{"🙂 Smile", "smile"},
		{"", ""},
	} {
		if got := slugs.ID(tc.in); got != tc.want {
			t.Errorf("ID(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestIDLatinAsBefore checks that text without letters of kept scripts
// gets the id it always had.
func TestIDLatinAsBefore(t *testing.T) {
	for _, in := range []string{"Hello, World!", "C++ & C#", "  x  ", "Ünïcödé — ok", "a_b-c", "Ελληνικά", "k8s.sgdev.org"} {
		if got, want := slugs.ID(in), slug.Make(in); got != want {
			t.Errorf("ID(%q) = %q, slug.Make gives %q", in, got, want)
		}
	}
}
