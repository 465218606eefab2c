package search_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

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

func TestTokenize(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"E-commerce & C++ (09.00)", []string{"E", "commerce", "Ecommerce", "C", "09", "00"}},
		{"Lagerställe, kundtjänst!", []string{"Lagerställe", "kundtjänst"}},
		{"  ", nil},
		{"self-service-portal", []string{"self", "service", "portal", "selfserviceportal"}},
		{"don't", []string{"don", "t"}},
	}
	for _, tt := range tests {
		if got := search.Tokenize(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("Tokenize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if got := search.Terms("Kundtjänst " + strings.Repeat("x", 61)); !slices.Equal(got, []string{"kundtjanst"}) {
		t.Errorf("Terms dropped too little or too much: %q", got)
	}
}

// site builds a model and the pages' plain texts from an in-memory tree.
func site(t *testing.T, files map[string]string) (*model.Site, map[string]string) {
	t.Helper()
	fsys := fstest.MapFS{}
	for name, text := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(text)}
	}
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
			in.Headings = append(in.Headings, model.Heading{Level: h.Level, Text: h.Text, ID: h.ID})
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

type meta struct {
	V       int
	Lang    string
	Folders []string
	Pages   [][]json.RawMessage
	Docs    int
	Avg     float64
	Shards  [][2]json.RawMessage
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
	idx := search.Build(s, texts, search.Options{})
	fs := files(idx)
	var names []string
	for _, f := range idx.Files() {
		names = append(names, f.Name)
	}
	if !slices.IsSorted(names) {
		t.Errorf("files not sorted: %q", names)
	}
	for _, want := range []string{"search/en/index.js", "search/sv/index.js", "search/en/t/0.js", "search/en/f/0.js"} {
		if _, ok := fs[want]; !ok {
			t.Errorf("no %s in %q", want, names)
		}
	}

	var m meta
	if key := decode(t, fs["search/en/index.js"], &m); key != "en/index" {
		t.Errorf("key %q", key)
	}
	if m.V != search.Version || m.Lang != "en" {
		t.Errorf("v=%d lang=%q", m.V, m.Lang)
	}
	// Pages are sorted by URL: /, /guides/empty/, /teams/warehouse/.
	if len(m.Pages) != 3 {
		t.Fatalf("%d pages", len(m.Pages))
	}
	var folder int
	var last, title, tags, lens string
	wh := m.Pages[2]
	_ = json.Unmarshal(wh[0], &folder)
	_ = json.Unmarshal(wh[1], &last)
	_ = json.Unmarshal(wh[2], &title)
	_ = json.Unmarshal(wh[3], &tags)
	_ = json.Unmarshal(wh[4], &lens)
	if m.Folders[folder]+last != "/teams/warehouse/" || title != "Warehouse" || tags != "logistics stock" {
		t.Errorf("page %q%q %q %q", m.Folders[folder], last, title, tags)
	}
	// One length code per section: 7, 8 and 10 words (codes 11, 12, 13).
	if lens != "BCD" {
		t.Errorf("lengths %q", lens)
	}
	// The heading whose id search.js cannot derive carries it; the other
	// is plain text.
	if len(wh) != 7 || string(wh[5]) != `["Lagerställe \u0026 kundtjänst","lagerstalle-and-kundtjanst"]` || string(wh[6]) != `"Cut-off times"` {
		t.Fatalf("headings %s %s", wh[5], wh[6:])
	}
	if m.Docs != 1+1+3 {
		t.Errorf("docs = %d, want 5 sections", m.Docs)
	}

	// The fragments hold each section's text; the introduction starts with
	// the description and leaves out the title heading.
	var frag []string
	decode(t, fs["search/en/f/2.js"], &frag)
	want := []string{"Ships every order. We store and ship.", "The Lagerställe in Jönköping talks to Kundtjänst daily.", "Orders before 15.00 ship today. Orders ship, ship, ship."}
	if !slices.Equal(frag, want) {
		t.Errorf("fragments\n%q\nwant\n%q", frag, want)
	}

	// The body index finds folded terms in the right sections, with counts.
	post := postings(t, fs, "en", m)
	if got := post["kundtjanst"]; !slices.Equal(got, []string{"3:1"}) {
		t.Errorf("kundtjanst in %q", got)
	}
	if got := post["ship"]; !slices.Equal(got, []string{"2:1", "4:4"}) {
		t.Errorf("ship in %q", got)
	}
	if got := post["cutoff"]; got != nil {
		t.Errorf("headings are not body text: cutoff in %q", got)
	}
	var sv meta
	decode(t, fs["search/sv/index.js"], &sv)
	if got := postings(t, fs, "sv", sv)["oppettider"]; got != nil {
		t.Errorf("a heading is not in its section's body: %q", got)
	}
	if got := postings(t, fs, "sv", sv)["lagret"]; !slices.Equal(got, []string{"2:1"}) {
		t.Errorf("lagret in %q", got)
	}

	// Deterministic.
	again := search.Build(s, texts, search.Options{})
	if len(again.Files()) != len(idx.Files()) {
		t.Fatal("two builds differ in files")
	}
	for i, f := range idx.Files() {
		if g := again.Files()[i]; g.Name != f.Name || !bytes.Equal(g.Data, f.Data) {
			t.Errorf("two builds differ in %s", f.Name)
		}
	}
}

// postings decodes a language's body index into term → "doc:count", and
// checks that each term is found through the manifest the way search.js
// finds it: in the shard with the longest key that is a prefix of it.
func postings(t *testing.T, fs map[string]search.File, lang string, m meta) map[string][]string {
	t.Helper()
	keys := make([]string, len(m.Shards))
	for i, s := range m.Shards {
		_ = json.Unmarshal(s[0], &keys[i])
		var size int
		_ = json.Unmarshal(s[1], &size)
		if f := fs[fmt.Sprintf("search/%s/t/%d.js", lang, i)]; len(f.Data) != size {
			t.Errorf("shard %d: manifest says %d bytes, file has %d", i, size, len(f.Data))
		}
	}
	out := map[string][]string{}
	for i := range keys {
		var entries [][2]json.RawMessage
		decode(t, fs[fmt.Sprintf("search/%s/t/%d.js", lang, i)], &entries)
		for _, e := range entries {
			var term, dense string
			var nums []int
			_ = json.Unmarshal(e[0], &term)
			if json.Unmarshal(e[1], &dense) == nil {
				// One count per document in base 36.
				if len(dense) != m.Docs {
					t.Errorf("term %q: %d counts for %d documents", term, len(dense), m.Docs)
				}
				for d, c := range dense {
					if tf, _ := strconv.ParseInt(string(c), 36, 0); tf > 0 {
						out[term] = append(out[term], fmt.Sprintf("%d:%d", d, tf))
					}
				}
				denseTerms[term] = true
				continue
			}
			_ = json.Unmarshal(e[1], &nums)
			if _, dup := out[term]; dup {
				t.Errorf("term %q in two shards", term)
			}
			if got := lookup(keys, term); got != i {
				t.Errorf("term %q is in shard %d (%q) but the lookup finds %d", term, i, keys[i], got)
			}
			doc := -1
			for j := 0; j < len(nums); j++ {
				tf := 1
				if nums[j] < 0 {
					doc += -nums[j]
					j++
					tf = nums[j]
				} else {
					doc += nums[j]
				}
				out[term] = append(out[term], fmt.Sprintf("%d:%d", doc, tf))
			}
		}
	}
	return out
}

// denseTerms records the terms written as one count per document.
var denseTerms = map[string]bool{}

func lookup(keys []string, term string) int {
	best := -1
	for i, k := range keys {
		if strings.HasPrefix(term, k) && (best < 0 || len(k) > len(keys[best])) {
			best = i
		}
	}
	return best
}

// TestShards builds a large index with small shards and checks every term
// is found where search.js looks for it.
func TestShards(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	words := []string{"kund", "kundtjänst", "kundservice", "lager", "lagerställe", "leverans", "öppettider", "order", "ordrar", "a", "ab", "abc", "日本語"}
	files := map[string]string{"_index.md": "# Home\n"}
	for i := range 200 {
		var b strings.Builder
		fmt.Fprintf(&b, "# Page %d\n\n", i)
		for range 50 {
			w := words[rng.IntN(len(words))]
			fmt.Fprintf(&b, "%s%d %s ", w, rng.IntN(30), w)
		}
		files[fmt.Sprintf("p%03d.md", i)] = b.String()
	}
	s, texts := site(t, files)
	idx := search.Build(s, texts, search.Options{ShardSize: 2000})
	fs := files2(idx)
	var m meta
	decode(t, fs["search/en/index.js"], &m)
	if len(m.Shards) < 10 {
		t.Errorf("only %d shards", len(m.Shards))
	}
	post := postings(t, fs, "en", m)
	if !denseTerms["kundtjanst"] || denseTerms["kundtjanst7"] {
		t.Errorf("want common terms as one count per document and rare ones as lists")
	}
	if len(post["kundtjanst"]) == 0 || len(post["日本語"]) == 0 || len(post["a"]) == 0 {
		t.Errorf("terms missing: %d %d %d", len(post["kundtjanst"]), len(post["日本語"]), len(post["a"]))
	}
}

func files2(idx *search.Index) map[string]search.File { return files(idx) }

// TestTermsMatchesTokenize checks the one-pass Terms against Fold applied
// to Tokenize, on text mixing scripts, hyphens and punctuation.
func TestTermsMatchesTokenize(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	pieces := []string{"Kundtjänst", "e-commerce", "-", "--", " ", ", ", "Ö", "self-service-portal", "日本語", "x\u0308", "C++", "09.00", "‐", "‑", "Straße", "a-", "-b", "ÅÄÖ-åäö", "\n", "🙂", "\u00a0", "\u2003\t", strings.Repeat("z", 70)}
	for range 2000 {
		var b strings.Builder
		for range rng.IntN(12) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		text := b.String()
		var want []string
		for _, tok := range search.Tokenize(text) {
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
