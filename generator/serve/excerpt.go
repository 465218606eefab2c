package serve

import (
	"bufio"
	"io/fs"
	"strings"
	"unicode/utf8"

	"github.com/playbookhq/playbook/generator/diag"
)

// maxExcerpts is the most diagnostics the overlay quotes source lines for;
// maxExcerpt the most bytes of a line it quotes.
const (
	maxExcerpts = 50
	maxExcerpt  = 240
)

// excerpts adds to each problem the source line its position names, so
// that the overlay shows what is wrong without a trip to the editor. Files
// are read from the site folder (root) only: a position naming a file of
// the built-in theme, or one that is not there any more, gets no line.
func excerpts(root fs.FS, errs diag.List, ps []problem) {
	type want struct {
		line int
		p    *problem
		col  int
	}
	byFile := map[string][]want{}
	for i, d := range errs {
		if i == maxExcerpts {
			break
		}
		name := strings.TrimPrefix(d.Pos.File, "/")
		if d.Pos.Line <= 0 || !fs.ValidPath(name) {
			continue
		}
		byFile[name] = append(byFile[name], want{d.Pos.Line, &ps[i], d.Pos.Col})
	}
	for name, ws := range byFile {
		f, err := root.Open(name)
		if err != nil {
			continue
		}
		lines := map[int]string{}
		last := 0
		for _, w := range ws {
			lines[w.line] = ""
			last = max(last, w.line)
		}
		// Lines are read one at a time: a 20 MB page on one line costs the
		// reader's buffer, not the whole line.
		r := bufio.NewReader(f)
		for n := 1; n <= last; n++ {
			text, err := readLine(r)
			if _, ok := lines[n]; ok {
				lines[n] = text
			}
			if err != nil {
				break
			}
		}
		f.Close()
		for _, w := range ws {
			text := lines[w.line]
			if text == "" {
				continue
			}
			w.p.Line = text
			if w.col > 0 && w.col <= len(text)+1 {
				// The overlay puts a caret under the column, which counts
				// bytes; the browser counts characters.
				w.p.Col = utf8.RuneCountInString(text[:w.col-1]) + 1
			}
		}
	}
}

// readLine reads one line, keeping at most maxExcerpt bytes of it (cut at
// a character boundary) and dropping the rest.
func readLine(r *bufio.Reader) (string, error) {
	var b []byte
	for {
		chunk, isPrefix, err := r.ReadLine()
		if len(b) < maxExcerpt {
			b = append(b, chunk[:min(len(chunk), maxExcerpt-len(b))]...)
		}
		if err != nil || !isPrefix {
			return clean(b), err
		}
	}
}

// clean makes b valid UTF-8 without a trailing carriage return or a
// character cut in half.
func clean(b []byte) string {
	s := strings.TrimSuffix(string(b), "\r")
	for len(s) > 0 {
		r, size := utf8.DecodeLastRuneInString(s)
		if r != utf8.RuneError || size != 1 {
			break
		}
		s = s[:len(s)-1]
	}
	return strings.ToValidUTF8(s, "\uFFFD")
}
