package markdown

import (
	"strconv"

	"github.com/gosimple/slug"
	"github.com/yuin/goldmark/ast"
)

// Slugify returns the id for a heading's text: the text transliterated to
// ASCII (å→a, ä→a, ö→o, é→e …), lower-cased, with every run of other
// characters replaced by one hyphen. Text with nothing left becomes "section".
func Slugify(text string) string {
	if s := slug.Make(text); s != "" {
		return s
	}
	return "section"
}

// headingIDs gives each heading of one page a unique id. It satisfies
// goldmark's parser.IDs; goldmark's own generator drops non-ASCII letters.
type headingIDs struct {
	used map[string]bool
	// next is, per base id, the first suffix not yet known to be taken:
	// ids are only ever added, so the suffixes tried for a base before
	// stay taken, and the next heading with that base starts after them.
	// Without it a page of n equal headings probes n²/2 ids.
	next map[string]int
}

func newHeadingIDs() *headingIDs {
	return &headingIDs{used: map[string]bool{}, next: map[string]int{}}
}

// Generate returns a fresh id for value, suffixed -1, -2 … when taken.
func (s *headingIDs) Generate(value []byte, _ ast.NodeKind) []byte {
	base := Slugify(string(value))
	i := s.next[base]
	id := base
	if i > 0 {
		id = base + "-" + strconv.Itoa(i)
	}
	for s.used[id] {
		i++
		id = base + "-" + strconv.Itoa(i)
	}
	s.used[id] = true
	s.next[base] = i + 1
	return []byte(id)
}

// Put records an id given explicitly with {#id}.
func (s *headingIDs) Put(value []byte) { s.used[string(value)] = true }
