package markdown

import (
	"bytes"
	"net/url"
	"regexp"
)

// GitBook's embed block, alone on its line, and the closing tag of its
// captioned form:
//
//	{% embed url="https://example.com/talk" %}
//	A caption.
//	{% endembed %}
var (
	embedRE    = regexp.MustCompile(`^\{%-?[ \t]*embed[ \t]+url[ \t]*=[ \t]*"([^"\s<>]+)"[^%]*-?%\}[ \t]*$`)
	endEmbedRE = regexp.MustCompile(`^\{%-?[ \t]*endembed[ \t]*-?%\}[ \t]*$`)
)

// gitbookEmbeds returns src with each GitBook embed written over as a
// link to its address (<https://…>, padded with spaces to the tag's
// length, so that positions stay where they were) and each closing
// {% endembed %} blanked, outside fenced code blocks. GitBook draws a card
// of the page an embed names, fetched from it; a site that makes no
// external requests shows the link, and the caption below it as text. An
// embed of a relative address stays as it is, and is warned about as any
// Liquid tag. It returns src itself when it has no embed. A rewrite of
// the source, as blankMDXComments is, rather than a goldmark parser: the
// link is then read, checked and rendered as any other autolink.
func gitbookEmbeds(src []byte) []byte {
	if !bytes.Contains(src, []byte("embed")) {
		return src
	}
	var out []byte
	var fence []byte
	for start := 0; start < len(src); {
		end := bytes.IndexByte(src[start:], '\n')
		if end < 0 {
			end = len(src)
		} else {
			end += start
		}
		line := src[start:end]
		next := end + 1
		if run := fenceRun(line); run != nil && (fence == nil || run[0] == fence[0] && len(run) >= len(fence)) {
			if fence == nil {
				fence = run
			} else {
				fence = nil
			}
			start = next
			continue
		}
		indent := len(line) - len(bytes.TrimLeft(line, " \t"))
		body := bytes.TrimRight(line[indent:], "\r")
		if fence != nil || !bytes.HasPrefix(body, []byte("{%")) {
			start = next
			continue
		}
		var with []byte
		if m := embedRE.FindSubmatch(body); m != nil {
			if u, err := url.Parse(string(m[1])); err == nil && u.IsAbs() {
				with = append(append([]byte{'<'}, m[1]...), '>')
			}
		} else if endEmbedRE.Match(body) {
			with = []byte{}
		}
		if with != nil {
			if out == nil {
				out = bytes.Clone(src)
			}
			at := start + indent
			copy(out[at:], with)
			for i := at + len(with); i < at+len(body); i++ {
				out[i] = ' '
			}
		}
		start = next
	}
	if out == nil {
		return src
	}
	return out
}
