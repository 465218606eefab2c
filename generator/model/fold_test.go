package model

import (
	"cmp"
	"strings"
	"testing"
)

// FuzzCompareFold checks that compareFold orders strings as comparing
// their lower-case forms does, for any bytes, valid UTF-8 or not.
func FuzzCompareFold(f *testing.F) {
	for _, s := range [][2]string{
		{"Lager", "lager"}, {"Kundtjänst", "KUNDTJÄNST"}, {"Öppet", "Oppet"}, {"a", "ab"}, {"", "x"},
		{"İstanbul", "istanbul"}, {"ΟΔΟΣ", "οδος"}, {"\xff", "\uFFFD"}, {"Straße", "STRASSE"}, {"𝔸", "\uFFFF"},
	} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		want := cmp.Compare(strings.ToLower(a), strings.ToLower(b))
		if got := compareFold(a, b); got != want {
			t.Errorf("compareFold(%q, %q) = %d, want %d", a, b, got, want)
		}
	})
}
