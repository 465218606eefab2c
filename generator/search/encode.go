package search

// Posting lists are written as strings of base-64 digits rather than JSON
// arrays of numbers: a small number takes one character and no comma.
// search.js decodes them (varints and bits there).
//
// A number is written in groups of 5 bits, the most significant first:
// every group but the last as a "continue" digit (digits[32:]), the last
// as a "final" digit (digits[:32]). Numbers below 32 take one character,
// below 1,024 two, below 32,768 three.
//
// A bitmap holds one bit per document, six to a digit, the lowest bit
// first: the form of a term found in a large share of the documents.
const digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_"

// bitmapMark starts a posting string that is a bitmap.
const bitmapMark = '*'

// appendVarint appends v (not negative) to b.
func appendVarint(b []byte, v int) []byte {
	var tmp [13]byte
	i := len(tmp) - 1
	tmp[i] = digits[v&31]
	for v >>= 5; v > 0; v >>= 5 {
		i--
		tmp[i] = digits[32+v&31]
	}
	return append(b, tmp[i:]...)
}

// appendBitmap appends bitmapMark and the bitmap of docs (sorted, each
// below n) to b.
func appendBitmap(b []byte, docs []int, n int) []byte {
	b = append(b, bitmapMark)
	start := len(b)
	for range (n + 5) / 6 {
		b = append(b, 0)
	}
	bits := b[start:]
	for _, d := range docs {
		bits[d/6] |= 1 << (d % 6)
	}
	for i, v := range bits {
		bits[i] = digits[v]
	}
	return b
}
