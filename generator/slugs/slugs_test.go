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
		{"١٢٣ أهلا", "١٢٣-أهلا"},
		{"Ελληνικά", "ellenika"},
		{"a_b-c", "a_b-c"},
		{"on-call/handover", "on-call-handover"},
		{"!!!", ""},
		{" -- ", ""},
		{"   ", ""},
		{"🙂 Smile", "smile"},
		{"🙂", ""},
		{"", ""},
	} {
		if got := slugs.ID(tc.in); got != tc.want {
			t.Errorf("ID(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestSegment(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Site Reliability Engineering", "site-reliability-engineering"},
		{"Lagerställe och kundtjänst", "lagerstalle-och-kundtjanst"},
		{"Loop & Tie", "loop-and-tie"},
		{"Q&A", "qanda"},
		{"Straße", "strasse"},
		{"Привет мир", "privet-mir"},
		{"Ελληνικά", "ellenika"},
		{"Ünïcödé — ok", "unicode-ok"},
		// Letters of every script become ASCII, unlike ID's.
		{"团队职责", "tuan-dui-zhi-ze"},
		{"役割と責任", "yi-ge-toze-ren"},
		{"팀의 역할", "timyi-yeoghal"},
		{"日本語API", "ri-ben-yu-api"},
		{"١٢٣", "123"},
		{"on-call/handover", "on-call-handover"},
		{"k8s.sgdev.org", "k8s-sgdev-org"},
		{"a_b-c", "a_b-c"},
		{"  x  y  ", "x-y"},
		{"🙂 Smile", "smile"},
		{"!!!", ""},
		{" -- ", ""},
		{"🙂", ""},
		{"", ""},
	} {
		if got := slugs.Segment(tc.in); got != tc.want {
			t.Errorf("Segment(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestSegmentIsASCII checks that a segment is made only of characters that
// need no escaping in a URL path or a file name.
func TestSegmentIsASCII(t *testing.T) {
	for _, in := range []string{"役割と責任", "팀의 역할", "ภาษาไทย", "Привет, мир!", "שלום", "नमस्ते", "a/b\\c:d*e?f\"g<h>i|j", "é\u0301"} {
		for _, r := range slugs.Segment(in) {
			if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-' || r == '_') {
				t.Errorf("Segment(%q) = %q holds %q", in, slugs.Segment(in), r)
			}
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
