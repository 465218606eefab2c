package markdown

import (
	"slices"
	"testing"
	"time"

	"github.com/alecthomas/chroma/v2"
)

// passLexer gives the tokens of its passes in turn, the last one again
// after that, and counts the passes.
type passLexer struct {
	chroma.Lexer
	passes [][]chroma.Token
	n      int
	slow   bool // the first pass takes suspectAfter
}

func (l *passLexer) Tokenise(*chroma.TokeniseOptions, string) (chroma.Iterator, error) {
	if l.slow && l.n == 0 {
		time.Sleep(suspectAfter) // a lower bound on the pass's time, not a wait for an event
	}
	toks := l.passes[min(l.n, len(l.passes)-1)]
	l.n++
	return chroma.Literator(toks...), nil
}

// TestStableTokens checks that a pass with an error token, or a slow one,
// is checked by another, and that what two passes agree on is kept: a match that ran out
// of time on the first pass does not reach the page.
func TestStableTokens(t *testing.T) {
	space := []chroma.Token{{Type: chroma.Keyword, Value: "EXPOSE"}, {Type: chroma.Text, Value: " "}, {Type: chroma.LiteralNumber, Value: "8020"}}
	timedOut := []chroma.Token{space[0], {Type: chroma.Error, Value: " "}, space[2]}
	invalid := []chroma.Token{{Type: chroma.Error, Value: "@"}}
	other := []chroma.Token{{Type: chroma.Text, Value: "@"}}
	for _, tc := range []struct {
		name   string
		passes [][]chroma.Token
		want   []chroma.Token
		n      int
		slow   bool
	}{
		{"clean", [][]chroma.Token{space}, space, 1, false},
		{"timed out once", [][]chroma.Token{timedOut, space}, space, 3, false},
		{"invalid code", [][]chroma.Token{invalid}, invalid, 2, false},
		{"no two passes agree", [][]chroma.Token{timedOut, space, invalid, other}, invalid, 3, false},
		{"slow pass", [][]chroma.Token{space}, space, 2, true},
	} {
		l := &passLexer{passes: tc.passes, slow: tc.slow}
		got, err := stableTokens(l, "EXPOSE 8020")
		if err != nil || !slices.Equal(got, tc.want) || l.n != tc.n {
			t.Errorf("%s: %v after %d passes (%v), want %v after %d", tc.name, got, l.n, err, tc.want, tc.n)
		}
	}
}
