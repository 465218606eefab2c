package model

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/playbookhq/playbook/generator/diag"
)

// TranslationKeys are the front-matter keys that link translations of a
// page, the first present winning: pages sharing a value are the same page
// in different languages. Experience League content carries exl-id.
var TranslationKeys = []string{"translationKey", "exl-id"}

// translationKey returns the page's translation key and the front-matter
// key it came from, or "". A page in a language the site does not have
// has none: it is not the translation of a page in its stand-in language.
func (p *Page) translationKey() (string, string) {
	if p.Input == nil || p.strayLang != "" {
		return "", ""
	}
	for _, want := range TranslationKeys {
		for _, k := range slices.Sorted(maps.Keys(p.Params)) {
			if !strings.EqualFold(k, want) {
				continue
			}
			if v := strings.TrimSpace(fmt.Sprint(p.Params[k])); v != "" && p.Params[k] != nil {
				return v, k
			}
		}
	}
	return "", ""
}

// linkTranslations links the translations of each page. Pages with the same
// translation key (translationKey or exl-id) are translations of each
// other; so are pages with the same path apart from the language
// ("guide.md", "guide.sv.md"). A page without a key joins the key of the
// page its file name pairs it with, unless that key already has a page in
// its language. Two pages of one language with the same key draw a warning
// and the first by URL is linked.
func (s *Site) linkTranslations() diag.List {
	var diags diag.List
	pathKey := func(p *Page) string {
		k := p.Dir + "\x00" + string(p.Kind)
		if p.Kind == KindPage {
			k += "\x00" + p.translationBase()
		}
		return k
	}
	byPath := map[string][]*Page{}
	keyed := map[string][]*Page{}
	for _, p := range s.pages {
		byPath[pathKey(p)] = append(byPath[pathKey(p)], p)
		if k, _ := p.translationKey(); k != "" {
			keyed[k] = append(keyed[k], p)
		}
	}
	hasLang := func(g []*Page, lang string) bool {
		return slices.ContainsFunc(g, func(q *Page) bool { return q.Lang == lang })
	}
	groups := map[string][]*Page{}
	for k, g := range keyed {
		groups["k\x00"+k] = g
	}
	for _, p := range s.pages {
		if k, _ := p.translationKey(); k != "" {
			continue
		}
		group := "p\x00" + pathKey(p)
		// The keys of the pages the file name pairs p with, default
		// language first, then by URL (s.pages is sorted by URL).
		var keys []string
		for _, q := range byPath[pathKey(p)] {
			if k, _ := q.translationKey(); k != "" && q.Lang != p.Lang {
				if q.Lang == s.opts.Languages[0] {
					keys = append([]string{k}, keys...)
				} else {
					keys = append(keys, k)
				}
			}
		}
		for _, k := range keys {
			if !hasLang(groups["k\x00"+k], p.Lang) {
				group = "k\x00" + k
				break
			}
		}
		groups[group] = append(groups[group], p)
	}
	for _, name := range slices.Sorted(maps.Keys(groups)) {
		g := groups[name]
		slices.SortFunc(g, func(a, b *Page) int { return cmp.Compare(a.RelURL, b.RelURL) })
		first := map[string]*Page{}
		for _, p := range g {
			if q, dup := first[p.Lang]; dup {
				k, field := p.translationKey()
				diags.AddKind("translation-key", diag.Warning, p.Input.Doc.KeyPos(field),
					"%s %q is also used by %s in the same language; only %s is linked as a translation", field, k, q.Path, q.Path)
				continue
			}
			first[p.Lang] = p
		}
		for _, p := range g {
			p.Translations = p.Translations[:0]
			for _, l := range slices.Sorted(maps.Keys(first)) {
				if l != p.Lang {
					p.Translations = append(p.Translations, first[l])
				}
			}
		}
	}
	return diags
}
