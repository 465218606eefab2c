package markdown

import (
	"bytes"

	"golang.org/x/net/html"
)

// appendHTMLIDs appends to ids the ids that the elements of a piece of
// raw HTML declare: the id attribute of any start tag, and the name of an
// <a>, the older way to mark a place a link goes to. The HTML is read with
// golang.org/x/net/html's tokenizer, as a browser would split it into
// tags, so attributes inside comments, scripts or other attributes' values
// are not taken for ids.
func appendHTMLIDs(ids []string, raw []byte) []string {
	if bytes.IndexByte(raw, '=') < 0 {
		return ids // no attribute has a value: skip the tokenizer
	}
	z := html.NewTokenizer(bytes.NewReader(raw))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return ids
		case html.StartTagToken, html.SelfClosingTagToken:
			name, more := z.TagName()
			isA := string(name) == "a"
			for more {
				var key, val []byte
				key, val, more = z.TagAttr()
				if len(val) > 0 && (string(key) == "id" || isA && string(key) == "name") {
					ids = append(ids, string(val))
				}
			}
		}
	}
}
