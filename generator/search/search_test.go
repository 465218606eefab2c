package search_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"maps"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"unicode"

	"github.com/playbookhq/playbook/generator/markdown"
	"github.com/playbookhq/playbook/generator/model"
	"github.com/playbookhq/playbook/generator/search"
	"github.com/playbookhq/playbook/generator/source"
)

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Kundtjänst", "kundtjanst"},
		{"Kundtja\u0308nst", "kundtjanst"}, // decomposed input
		{"LAGERSTÄLLE", "lagerstalle"},
		{"Öppettider", "oppettider"},
		{"Øresund", "oresund"},
		{"Straße", "strasse"},
		{"Ærø", "aero"},
		{"Łódź", "lodz"},
		{"Crème brûlée", "creme brulee"},
		{"ΟΔΟΣ", "οδοσ"},
		{"plain ascii", "plain ascii"},
	}
	for _, tt := range tests {
		if got := search.Fold(tt.in); got != tt.want {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestTerms(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"E-commerce & C++ (09.00)", []string{"e", "commerce", "ecommerce", "c", "09", "00"}},
		{"Lagerställe, kundtjänst!", []string{"lagerstalle", "kundtjanst"}},
		{"  ", nil},
		{"self-service-portal", []string{"self", "service", "portal", "selfserviceportal"}},
		{"don't", []string{"don", "t"}},
		{"Kundtjänst " + strings.Repeat("x", 61), []string{"kundtjanst"}},
		{"GitLabのハンドブック", []string{"gitlab", "のハ", "ハン", "ント", "トフ", "フッ", "ック", "ク"}},
		{"日 a日b 日本語x", []string{"日", "a", "日", "b", "日本", "本語", "語", "x"}},
		{"編集-ガイド", []string{"編集", "集", "カイ", "イト", "ト", "編集", "集カ", "カイ", "イト", "ト"}},
		{"長い" + strings.Repeat("文", 40), append(append([]string{"長い", "い文"}, slices.Repeat([]string{"文文"}, 39)...), "文")},
		{"葛\U000E0100城市 カ\u3099イト\u3099", []string{"葛城", "城市", "市", "カイ", "イト", "ト"}},
	}
	for _, tt := range tests {
		if got := search.Terms(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("Terms(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// site builds a model and the pages' plain texts from an in-memory tree.
func site(t *testing.T, files map[string]string) (*model.Site, map[string]string) {
	t.Helper()
	fsys := fstest.MapFS{}
	for name, text := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(text)}
	}
	return load(t, fsys)
}

// load builds a model and the pages' plain texts from a content tree.
func load(t testing.TB, fsys fs.FS) (*model.Site, map[string]string) {
	t.Helper()
	set, diags := source.Load(t.Context(), fsys, source.Options{})
	if err := diags.Err(); err != nil {
		t.Fatal(err)
	}
	md := markdown.New()
	texts := map[string]string{}
	var inputs []*model.PageInput
	for _, doc := range set.Docs {
		d := md.Parse(markdown.Input{Path: doc.Path, Body: doc.Body, BodyLine: doc.BodyLine, Title: doc.Meta.Title})
		in := &model.PageInput{Doc: doc, H1: d.Title}
		for _, h := range d.Headings {
			in.Headings = append(in.Headings, model.Heading{Level: h.Level, Text: h.Text, ID: h.ID, IsTitle: h.IsTitle, Nested: h.Nested})
		}
		inputs = append(inputs, in)
		texts[doc.Path] = d.Text
	}
	s, diags := model.Build(inputs, model.Options{Languages: []string{"en", "sv"}})
	if err := diags.Err(); err != nil {
		t.Fatal(err)
	}
	return s, texts
}

// build indexes s from its pages' plain texts as a build does: each page
// analyzed on its own, on several goroutines, so that the counters meet
// the pages in no fixed order.
func build(s *model.Site, texts map[string]string, opts search.Options) *search.Index {
	a := search.NewAnalyzer()
	var pages []*model.Page
	for _, p := range s.Pages() {
		if p.Input != nil {
			pages = append(pages, p)
		}
	}
	analyses := make([]*search.Analysis, len(pages))
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Go(func() {
			for i := w; i < len(pages); i += 4 {
				p := pages[i]
				analyses[i] = a.Page(p.Description, p.Headings(), texts[p.Path])
			}
		})
	}
	wg.Wait()
	byPath := map[string]*search.Analysis{}
	for i, p := range pages {
		byPath[p.Path] = analyses[i]
	}
	return search.Build(s, byPath, a, opts)
}

// decode reads one index file back: its queue key and its data.
func decode(t *testing.T, f search.File, v any) string {
	t.Helper()
	const head = "(self.playbookSearch=self.playbookSearch||[]).push(["
	s := string(f.Data)
	if !strings.HasPrefix(s, head) || !strings.HasSuffix(s, "]);\n") {
		t.Fatalf("%s: not a queued script: %.80s", f.Name, s)
	}
	var pair []json.RawMessage
	if err := json.Unmarshal([]byte("["+strings.TrimSuffix(strings.TrimPrefix(s, head), "]);\n")+"]"), &pair); err != nil {
		t.Fatalf("%s: %v", f.Name, err)
	}
	var key string
	_ = json.Unmarshal(pair[0], &key)
	if err := json.Unmarshal(pair[1], v); err != nil {
		t.Fatalf("%s: %v", f.Name, err)
	}
	return key
}

type manifest struct {
	V      int
	Lang   string
	Docs   int
	Chunk  int
	Counts string
	Titles [][2]json.RawMessage
	Body   [][2]json.RawMessage
}

type chunk struct {
	F []string
	P [][]json.RawMessage
}

func files(idx *search.Index) map[string]search.File {
	m := map[string]search.File{}
	for _, f := range idx.Files() {
		m[f.Name] = f
	}
	return m
}

var handbook = map[string]string{
	"_index.md":    "---\ntitle: Handbook\n---\nWelcome to the handbook.\n",
	"_index.sv.md": "---\ntitle: Handbok\n---\nVälkommen till handboken.\n",
	"teams/warehouse/index.md": "---\ntitle: Warehouse\ntags: [logistics, stock]\ndescription: Ships every order.\n---\n" +
		"# Warehouse\n\nWe store and ship.\n\n## Lagerställe & kundtjänst\n\nThe Lagerställe in Jönköping talks to Kundtjänst daily.\n\n" +
		"## Cut-off times\n\nOrders before 15.00 ship today. Orders ship, ship, ship.\n",
	"teams/warehouse/index.sv.md": "---\ntitle: Lager\n---\n## Öppettider\n\nLagret öppnar klockan sju.\n",
	"guides/empty.md":             "---\ntitle: Empty\n---\n",
}

func TestBuild(t *testing.T) {
	s, texts := site(t, handbook)
	idx := build(s, texts, search.Options{})
	fs := files(idx)
	var names []string
	for _, f := range idx.Files() {
		names = append(names, f.Name)
	}
	if !slices.IsSorted(names) {
		t.Errorf("files not sorted: %q", names)
	}
	for _, want := range []string{"search/en/index.js", "search/sv/index.js", "search/en/h/0.js", "search/en/t/0.js", "search/en/p/0.js", "search/en/f/0.js", "search/en/f/2.js", "search/sv/f/1.js"} {
		if _, ok := fs[want]; !ok {
			t.Errorf("no %s in %q", want, names)
		}
	}

	var m manifest
	if key := decode(t, fs["search/en/index.js"], &m); key != "en/index" {
		t.Errorf("key %q", key)
	}
	if m.V != search.Version || m.Lang != "en" || m.Docs != 1+1+3 || m.Counts != "5" {
		t.Errorf("manifest %+v, want 5 sections in one chunk", m)
	}

	// Pages are sorted by URL: /, /guides/empty/, /teams/warehouse/.
	var c chunk
	decode(t, fs["search/en/p/0.js"], &c)
	if len(c.P) != 3 {
		t.Fatalf("%d pages", len(c.P))
	}
	var folder int
	var last, title string
	wh := c.P[2]
	_ = json.Unmarshal(wh[0], &folder)
	_ = json.Unmarshal(wh[1], &last)
	_ = json.Unmarshal(wh[2], &title)
	if c.F[folder]+last != "/teams/warehouse/" || title != "Warehouse" {
		t.Errorf("page %q%q %q", c.F[folder], last, title)
	}
	// The heading whose id search.js cannot derive carries it; the other
	// is plain text.
	if len(wh) != 5 || string(wh[3]) != `["Lagerställe \u0026 kundtjänst","lagerstalle-and-kundtjanst"]` || string(wh[4]) != `"Cut-off times"` {
		t.Fatalf("headings %s", wh[3:])
	}

	// A page's fragments hold each section's text; the introduction starts
	// with the description and leaves out the title heading.
	var frags []string
	decode(t, fs["search/en/f/2.js"], &frags)
	if want := []string{"Ships every order. We store and ship.", "The Lagerställe in Jönköping talks to Kundtjänst daily.", "Orders before 15.00 ship today. Orders ship, ship, ship."}; !slices.Equal(frags, want) {
		t.Errorf("fragments %q, want %q", frags, want)
	}
	if _, ok := fs["search/en/f/3.js"]; ok {
		t.Error("a fragment file for a page that is not there")
	}

	// Deterministic.
	again := build(s, texts, search.Options{})
	if len(again.Files()) != len(idx.Files()) {
		t.Fatal("two builds differ in files")
	}
	for i, f := range idx.Files() {
		if g := again.Files()[i]; g.Name != f.Name || !bytes.Equal(g.Data, f.Data) {
			t.Errorf("two builds differ in %s", f.Name)
		}
	}
}

// TestBuildPostings decodes the body and title indexes of the small
// handbook.
func TestBuildPostings(t *testing.T) {
	s, texts := site(t, handbook)
	fs := files(build(s, texts, search.Options{}))
	var m manifest
	decode(t, fs["search/en/index.js"], &m)
	// The body index finds folded terms in the right sections; a word
	// repeated in a section weighs more.
	body := bodyPostings(t, fs, "en", m)
	if got := body["kundtjanst"]; !slices.Equal(got, []string{"3:1"}) {
		t.Errorf("kundtjanst in %q", got)
	}
	if got := body["ship"]; len(got) != 2 || got[0] != "2:1" || !strings.HasPrefix(got[1], "4:") || got[1] <= "4:1" {
		t.Errorf("ship in %q, want sections 2 and 4, 4 weighing more", got)
	}
	if got := body["cutoff"]; got != nil {
		t.Errorf("headings are not body text: cutoff in %q", got)
	}
	// The title index: titles and tags belong to a page's first section,
	// headings to their own.
	titles := titlePostings(t, fs, "en", m)
	for term, want := range map[string]string{
		"warehouse":   "t:2+2",
		"logistics":   "k:2",
		"cutoff":      "h:4",
		"kundtjanst":  "h:3",
		"handbook":    "t:0+0",
		"lagerstalle": "h:3",
	} {
		if got := strings.Join(titles[term], " "); got != want {
			t.Errorf("title index: %s in %q, want %q", term, got, want)
		}
	}
	if got := titles["ship"]; got != nil {
		t.Errorf("body words are not in the title index: ship in %q", got)
	}
	var sv manifest
	decode(t, fs["search/sv/index.js"], &sv)
	if got := bodyPostings(t, fs, "sv", sv)["oppettider"]; got != nil {
		t.Errorf("a heading is not in its section's body: %q", got)
	}
	// Level 0: once in a section longer than average.
	if got := bodyPostings(t, fs, "sv", sv)["lagret"]; !slices.Equal(got, []string{"2:0"}) {
		t.Errorf("lagret in %q", got)
	}
	if got := titlePostings(t, fs, "sv", sv)["oppettider"]; !slices.Equal(got, []string{"h:2"}) {
		t.Errorf("oppettider in %q", got)
	}
}

// The postings' digits, as search.js decodes them.
const digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_"

func varints(t *testing.T, s string) []int {
	t.Helper()
	var out []int
	v := 0
	for _, r := range s {
		c := strings.IndexRune(digits, r)
		switch {
		case c < 0:
			t.Fatalf("%q is not a digit", r)
		case c >= 32:
			v = v*32 + c - 32
		default:
			out = append(out, v*32+c)
			v = 0
		}
	}
	if v != 0 {
		t.Fatalf("%q ends in a continued number", s)
	}
	return out
}

// shards reads the entries of a language's shards under dir ("h" or "t"),
// checking each shard's size against the manifest, that the keys are
// sorted, and that each term is found the way search.js finds it.
func shards(t *testing.T, fs map[string]search.File, lang, dir string, list [][2]json.RawMessage) map[string][]string {
	t.Helper()
	keys := make([]string, len(list))
	for i, s := range list {
		_ = json.Unmarshal(s[0], &keys[i])
		var size int
		_ = json.Unmarshal(s[1], &size)
		if f := fs[fmt.Sprintf("search/%s/%s/%d.js", lang, dir, i)]; len(f.Data) != size {
			t.Errorf("%s shard %d: manifest says %d bytes, file has %d", dir, i, size, len(f.Data))
		}
	}
	if !slices.IsSorted(keys) || len(keys) == 0 || keys[0] != "" {
		t.Errorf("%s shard keys %q: want sorted, from \"\"", dir, keys)
	}
	out := map[string][]string{}
	for i := range keys {
		var entries [][]string
		decode(t, fs[fmt.Sprintf("search/%s/%s/%d.js", lang, dir, i)], &entries)
		for _, e := range entries {
			if _, dup := out[e[0]]; dup {
				t.Errorf("term %q in two shards", e[0])
			}
			if got := lookup(keys, e[0]); got != i {
				t.Errorf("term %q is in shard %d (%q) but the lookup finds %d", e[0], i, keys[i], got)
			}
			for j := range e[0] {
				if p := e[0][:j]; !slices.Contains(prefixShards(keys, p), i) {
					t.Errorf("term %q is in shard %d (%q), not among those of its prefix %q: %v", e[0], i, keys[i], p, prefixShards(keys, p))
				}
			}
			out[e[0]] = e[1:]
		}
	}
	return out
}

// bodyPostings decodes a language's body index into term → "doc:level".
// Terms written as bitmaps are recorded in bitmapTerms.
func bodyPostings(t *testing.T, fs map[string]search.File, lang string, m manifest) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	for term, e := range shards(t, fs, lang, "t", m.Body) {
		if bits, ok := strings.CutPrefix(e[0], "*"); ok {
			if len(bits) != (m.Docs+5)/6 {
				t.Errorf("term %q: %d digits of bits for %d sections", term, len(bits), m.Docs)
			}
			for i, r := range bits {
				c := strings.IndexRune(digits, r)
				for b := range 6 {
					if c&(1<<b) != 0 {
						out[term] = append(out[term], fmt.Sprintf("%d:1", i*6+b))
					}
				}
			}
			bitmapTerms[term] = true
			continue
		}
		doc := -1
		for _, v := range varints(t, e[0]) {
			doc += v/4 + 1
			out[term] = append(out[term], fmt.Sprintf("%d:%d", doc, v%4))
		}
	}
	return out
}

// bitmapTerms records the terms written as bitmaps.
var bitmapTerms = map[string]bool{}

// titlePostings decodes a language's title index into term →
// "t:doc+headings", "k:doc" and "h:doc".
func titlePostings(t *testing.T, fs map[string]search.File, lang string, m manifest) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	for term, e := range shards(t, fs, lang, "h", m.Titles) {
		if len(e) != 3 {
			t.Fatalf("term %q: %d lists", term, len(e))
		}
		v := varints(t, e[0])
		for doc, j := -1, 0; j+1 < len(v); j += 2 {
			doc += v[j] + 1
			out[term] = append(out[term], fmt.Sprintf("t:%d+%d", doc, v[j+1]))
		}
		for f, name := range []string{"k", "h"} {
			doc := -1
			for _, g := range varints(t, e[f+1]) {
				doc += g + 1
				out[term] = append(out[term], fmt.Sprintf("%s:%d", name, doc))
			}
		}
	}
	return out
}

// prefixShards finds the shards of the terms that start with p as
// search.js does: p's own and the run after it whose keys start with p.
func prefixShards(keys []string, p string) []int {
	own := lookup(keys, p)
	out := []int{own}
	for i := own + 1; i < len(keys) && strings.HasPrefix(keys[i], p); i++ {
		out = append(out, i)
	}
	return out
}

// lookup finds a term's shard as search.js does: the last whose key does
// not sort after it.
func lookup(keys []string, term string) int {
	best := -1
	for i, k := range keys {
		if k <= term {
			best = i
		}
	}
	return best
}

// TestShards builds a large index with small shards and checks every term
// is found where search.js looks for it, and that many pages make many
// small page chunks.
func TestShards(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	words := []string{"kund", "kundtjänst", "kundservice", "lager", "lagerställe", "leverans", "öppettider", "order", "ordrar", "a", "ab", "abc", "日本語"}
	files := map[string]string{"_index.md": "# Home\n"}
	for i := range 200 {
		var b strings.Builder
		fmt.Fprintf(&b, "# Page %d %s\n\n## %s\n\n", i, words[i%len(words)], words[(i/2)%len(words)])
		for range 50 {
			w := words[rng.IntN(len(words))]
			fmt.Fprintf(&b, "%s%d %s ", w, rng.IntN(30), w)
		}
		files[fmt.Sprintf("p%03d.md", i)] = b.String()
	}
	s, texts := site(t, files)
	idx := build(s, texts, search.Options{ShardSize: 2000})
	fs := filesOf(idx)
	var m manifest
	decode(t, fs["search/en/index.js"], &m)
	if len(m.Body) < 10 || len(m.Titles) < 2 {
		t.Errorf("only %d body and %d title shards", len(m.Body), len(m.Titles))
	}
	post := bodyPostings(t, fs, "en", m)
	if !bitmapTerms["kundtjanst"] || bitmapTerms["kundtjanst7"] {
		t.Errorf("want common terms as bitmaps and rare ones as lists")
	}
	if len(post["kundtjanst"]) == 0 || len(post["本語"]) == 0 || len(post["a"]) == 0 {
		t.Errorf("terms missing: %d %d %d", len(post["kundtjanst"]), len(post["本語"]), len(post["a"]))
	}
	titles := titlePostings(t, fs, "en", m)
	if len(titles["kundtjanst"]) == 0 || len(titles["199"]) != 1 {
		t.Errorf("title terms missing: %q %q", titles["kundtjanst"], titles["199"])
	}
	// 201 pages in chunks: the counts add up to the sections.
	sum := 0
	for _, n := range varints(t, m.Counts) {
		sum += n
	}
	if n := len(varints(t, m.Counts)); n != (201+m.Chunk-1)/m.Chunk || sum != m.Docs {
		t.Errorf("%d chunks of %d sections in all, want %d of %d", n, sum, (201+m.Chunk-1)/m.Chunk, m.Docs)
	}
}

func filesOf(idx *search.Index) map[string]search.File { return files(idx) }

// tokenize is the plain form of the word splitting that Terms does in one
// pass: runs of letters, digits, marks and hyphens, cut at the hyphens,
// with a hyphenated word's parts also joined, and each of these cut into
// pairs of Chinese and Japanese characters and the words between them.
func tokenize(text string) []string {
	isHyphen := func(r rune) bool { return r == '-' || r == '\u2010' || r == '\u2011' }
	isWord := func(r rune) bool { return unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.Is(unicode.M, r) }
	var out []string
	for _, chunk := range strings.FieldsFunc(text, func(r rune) bool { return !isWord(r) && !isHyphen(r) }) {
		parts := strings.FieldsFunc(chunk, isHyphen)
		if len(parts) > 1 {
			parts = append(parts, strings.Join(parts, ""))
		}
		for _, p := range parts {
			out = append(out, cjkPairs(p)...)
		}
	}
	return out
}

// cjkPairs cuts a word into the runs of Chinese and Japanese characters
// in it, each character with the marks after it, as overlapping pairs and
// the last character alone (a lone character as itself), and the runs of
// other characters, as words.
func cjkPairs(w string) []string {
	isCJK := func(r rune) bool { return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana) || r == 'ー' }
	var out, chars []string
	var other []rune
	flush := func() {
		for i := 0; i+1 < len(chars); i++ {
			out = append(out, chars[i]+chars[i+1])
		}
		if len(chars) > 0 {
			out = append(out, chars[len(chars)-1])
		}
		chars = nil
	}
	for _, r := range w {
		switch {
		case isCJK(r):
			if len(other) > 0 {
				out = append(out, string(other))
				other = nil
			}
			chars = append(chars, string(r))
		case len(chars) > 0 && unicode.Is(unicode.M, r):
			chars[len(chars)-1] += string(r)
		default:
			flush()
			other = append(other, r)
		}
	}
	flush()
	if len(other) > 0 {
		out = append(out, string(other))
	}
	return out
}

// TestTermsMatchesTokenize checks the one-pass Terms against Fold applied
// to the plain tokenize, on text mixing scripts, hyphens and punctuation.
func TestTermsMatchesTokenize(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	pieces := []string{"Kundtjänst", "e-commerce", "-", "--", " ", ", ", "Ö", " \u0301 ", "self-service-portal", "日本語", "日", "ハンドブックー", "GitLabの", "葛\U000E0100", "\u3099", "x\u0308", "C++", "09.00", "‐", "‑", "Straße", "a-", "-b", "ÅÄÖ-åäö", "\n", "🙂", "\u00a0", "\u2003\t", strings.Repeat("z", 70)}
	for range 2000 {
		var b strings.Builder
		for range rng.IntN(12) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		text := b.String()
		var want []string
		for _, tok := range tokenize(text) {
			if f := search.Fold(tok); f != "" && len(f) <= 60 {
				want = append(want, f)
			}
		}
		if got := search.Terms(text); !slices.Equal(got, want) {
			t.Fatalf("Terms(%q) = %q, want %q", text, got, want)
		}
		counts, words := search.CountTerms(text)
		wantCounts := map[string]int{}
		for _, w := range want {
			wantCounts[w]++
		}
		if words != len(want) || !maps.Equal(counts, wantCounts) {
			t.Fatalf("counting %q: %v (%d words), want %v (%d)", text, counts, words, wantCounts, len(want))
		}
		if got, want := search.CollapseSpace(text), strings.Join(strings.Fields(text), " "); got != want {
			t.Fatalf("CollapseSpace(%q) = %q, want %q", text, got, want)
		}
	}
}

func BenchmarkTerms(b *testing.B) {
	text := strings.Repeat("The Lagerställe in Jönköping talks to Kundtjänst daily; e-commerce orders ship before 15.00. ", 50)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		search.Terms(text)
	}
}

// TestFoldTable checks the Latin table against the general path.
func TestFoldTable(t *testing.T) {
	for r := rune(0); r < 0x2000; r++ {
		s := "x" + string(r) + "Y"
		want := search.FoldSlow(s)
		if got := search.Fold(s); got != want {
			t.Errorf("Fold(%q) = %q, want %q", s, got, want)
		}
	}
}

// TestFoldByRune checks that folding rune by rune, as the word counter
// does beyond the Latin blocks, folds every rune, alone and among others
// (a mark after a base letter, a base letter before a mark), as folding
// the whole text does.
func TestFoldByRune(t *testing.T) {
	fold := search.CounterFold()
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if r == 0xD800 {
			r = 0xE000 // no surrogates
		}
		for _, s := range []string{"あ" + string(r) + "Й", string(r) + "\u0301", "e" + string(r)} {
			if got, want := fold(s), search.FoldSlow(s); got != want {
				t.Fatalf("the counter folds %q to %q, want %q", s, got, want)
			}
		}
	}
	for _, s := range []string{"が\xffガ", "Ελληνικά", "한국어", "ǅungla"} {
		if got, want := fold(s), search.FoldSlow(s); got != want {
			t.Errorf("the counter folds %q to %q, want %q", s, got, want)
		}
	}
}

// TestFragments checks how a page's snippet text is shared out among its
// sections: a short section keeps all its text, a long one a prefix cut
// at a space, no section more than 1,200 bytes, and a page no more than
// 1,500 unless it has so many sections that each keeps only 200.
func TestFragments(t *testing.T) {
	words := func(n int, w string) string { return strings.TrimSpace(strings.Repeat(w+" ", n)) }
	tests := []struct {
		name     string
		sections []string // the introduction, then one section per heading
		want     []int    // the length of each fragment
	}{
		{"short", []string{"Intro text.", "Under a heading."}, []int{11, 16}},
		{"one long", []string{"Intro.", words(500, "word")}, []int{6, 1199}},
		{"shared", []string{words(400, "abcd"), words(400, "efgh"), words(400, "ijkl"), "Short one."}, []int{494, 494, 494, 10}},
		{"room left", []string{"Short.", words(60, "abcd"), words(400, "efgh")}, []int{6, 299, 1194}},
		{"many", slices.Repeat([]string{words(100, "abcd")}, 16), slices.Repeat([]int{199}, 16)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var md strings.Builder
			md.WriteString("---\ntitle: Page\n---\n" + tt.sections[0] + "\n")
			for i, s := range tt.sections[1:] {
				fmt.Fprintf(&md, "\n## Heading %d\n\n%s\n", i, s)
			}
			s, texts := site(t, map[string]string{"page.md": md.String()})
			var frags []string
			decode(t, files(build(s, texts, search.Options{}))["search/en/f/0.js"], &frags)
			var got []int
			for i, f := range frags {
				got = append(got, len(f))
				if !strings.HasPrefix(tt.sections[i], f) {
					t.Errorf("fragment %d %q is not a prefix of the section", i, f)
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("fragment lengths %v, want %v", got, tt.want)
			}
		})
	}
}

// TestConcurrentBuilds builds the index twice at once, many times, with
// one Analyzer, as the preview server may (an index left building by one
// run and the next run's): neither may wait for the other for ever.
func TestConcurrentBuilds(t *testing.T) {
	s, texts := site(t, handbook)
	a := search.NewAnalyzer()
	an := map[string]*search.Analysis{}
	for _, p := range s.Pages() {
		if p.Input != nil {
			an[p.Path] = a.Page(p.Description, p.Headings(), texts[p.Path])
		}
	}
	want := files(search.Build(s, an, a, search.Options{}))
	var wg sync.WaitGroup
	for range 2 {
		wg.Go(func() {
			for range 5000 {
				search.Build(s, an, a, search.Options{})
			}
		})
	}
	wg.Wait()
	if got := files(search.Build(s, an, a, search.Options{})); !maps.EqualFunc(got, want, func(a, b search.File) bool { return bytes.Equal(a.Data, b.Data) }) {
		t.Error("the index changed")
	}
}

// TestPageAlone checks that pages analyzed with counters of their own
// index as those analyzed with the shared ones.
func TestPageAlone(t *testing.T) {
	s, texts := site(t, handbook)
	want := files(build(s, texts, search.Options{}))
	a := search.NewAnalyzer()
	an := map[string]*search.Analysis{}
	for i, p := range s.Pages() {
		if p.Input == nil {
			continue
		}
		if i%2 == 0 {
			an[p.Path] = a.PageAlone(p.Description, p.Headings(), texts[p.Path])
		} else {
			an[p.Path] = a.Page(p.Description, p.Headings(), texts[p.Path])
		}
	}
	got := files(search.Build(s, an, a, search.Options{}))
	if len(got) != len(want) {
		t.Fatalf("%d files, want %d", len(got), len(want))
	}
	for name, f := range want {
		if !bytes.Equal(got[name].Data, f.Data) {
			t.Errorf("%s differs:\n%s\nwant\n%s", name, got[name].Data, f.Data)
		}
	}
}

// TestLevelOneSections checks a page whose # headings, after some text,
// divide it and do not repeat its title: each is a section of its own in
// the index, the first too.
func TestLevelOneSections(t *testing.T) {
	s, texts := site(t, map[string]string{
		"_index.md": "---\ntitle: Handbook\n---\nWelcome.\n",
		"guide.md":  "---\ntitle: Guide\n---\nIntro text here.\n\n# Setup\n\nBanana.\n\n# Usage\n\nCherry.\n",
	})
	var c chunk
	decode(t, files(build(s, texts, search.Options{}))["search/en/p/0.js"], &c)
	if len(c.P) != 2 {
		t.Fatalf("%d pages", len(c.P))
	}
	if got := c.P[1][3:]; len(got) != 2 || string(got[0]) != `"Setup"` || string(got[1]) != `"Usage"` {
		t.Errorf("the guide's sections are headed %s, want \"Setup\" and \"Usage\"", got)
	}
}

// TestTitleHeadingWords: a page shows its title heading in place of its
// title, so a search for the heading's words finds the page even where
// the heading does not repeat the title.
func TestTitleHeadingWords(t *testing.T) {
	s, texts := site(t, map[string]string{
		"_index.md": "---\ntitle: Handbook\n---\nWelcome.\n",
		"start.md":  "---\ntitle: Onboarding\n---\n# Your first week\n\nLaptops arrive on Monday.\n\n## Access\n\nKeys.\n",
	})
	fs := files(build(s, texts, search.Options{}))
	var m manifest
	decode(t, fs["search/en/index.js"], &m)
	titles := titlePostings(t, fs, "en", m)
	for term, want := range map[string]string{"onboarding": "t:1+1", "week": "t:1+1", "access": "h:2"} {
		if got := strings.Join(titles[term], " "); got != want {
			t.Errorf("title index: %s in %q, want %q", term, got, want)
		}
	}
	if got := bodyPostings(t, fs, "en", m)["week"]; got != nil {
		t.Errorf("the title heading is not body text: week in %q", got)
	}
}

// TestLanguageWithoutPages: a language of the site without pages still
// gets an index, an empty one, since search.js offers the results of
// every language and would otherwise ask for files that are not there.
func TestLanguageWithoutPages(t *testing.T) {
	s, texts := site(t, map[string]string{"_index.md": "---\ntitle: Handbook\n---\nWelcome.\n"})
	fs := files(build(s, texts, search.Options{}))
	var m manifest
	if key := decode(t, fs["search/sv/index.js"], &m); key != "sv/index" || m.Docs != 0 {
		t.Fatalf("sv manifest %q %+v, want an empty one", key, m)
	}
	if got := titlePostings(t, fs, "sv", m); len(got) != 0 {
		t.Errorf("sv title terms %v", got)
	}
	if got := bodyPostings(t, fs, "sv", m); len(got) != 0 {
		t.Errorf("sv body terms %v", got)
	}
}
