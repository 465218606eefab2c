package markdown

import (
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// linkReferenceTransformer takes link reference definitions out of
// paragraphs, as goldmark's parser.LinkReferenceParagraphTransformer
// does, and is adapted from it (goldmark, parser/link_ref.go and
// parser/link.go, MIT licence, Copyright (c) 2019 Yusuke Inuzuka). Two
// things differ, both for time only: labels and titles are read through a
// valueReader, and the lines of the definitions are taken out of the
// paragraph at once rather than by moving the lines after each one, so a
// paragraph of n definitions costs O(n), not O(n²).
type linkReferenceTransformer struct{}

func (linkReferenceTransformer) Transform(node *ast.Paragraph, reader text.Reader, pc parser.Context) {
	lines := node.Lines()
	block := newValueReader(text.NewBlockReader(reader.Source(), lines), lines)
	removes := [][2]int{}
	for {
		ref, start, end := parseLinkReferenceDefinition(block, pc)
		if start > -1 {
			if start == 0 {
				ref.SetBlankPreviousLines(node.HasBlankPreviousLines())
			}
			node.Parent().InsertBefore(node.Parent(), node, ref)
			for i := start + 1; i < end; i++ {
				ref.Lines().Append(lines.At(i))
			}
			seg := ref.Lines().At(ref.Lines().Len() - 1)
			ref.Lines().Set(ref.Lines().Len()-1, seg.TrimRightSpace(reader.Source()))
			if start == end {
				end++
			}
			removes = append(removes, [2]int{start, end})
			continue
		}
		break
	}

	offset := 0
	for _, remove := range removes {
		if lines.Len() == 0 {
			break
		}
		lo, hi := remove[0]-offset, remove[1]-offset
		if lo == 0 && hi <= lines.Len() {
			// goldmark copies the lines after hi to the front; dropping
			// the first hi lines leaves the same lines.
			lines.SetSliced(hi, lines.Len())
		} else {
			s := lines.Sliced(hi, lines.Len())
			lines.SetSliced(0, lo)
			lines.AppendAll(s)
		}
		offset = remove[1]
	}

	if lines.Len() == 0 {
		node.Parent().RemoveChild(node.Parent(), node)
		return
	}

	node.SetLines(lines)
}

var linkFindClosureOptions = text.FindClosureOptions{
	Nesting: false,
	Newline: true,
	Advance: true,
}

// parseLinkReferenceDefinition reads a link reference definition at the
// start of block. It returns the definition and the lines it spans, from
// start up to end, or start -1 when block starts with none.
func parseLinkReferenceDefinition(block text.Reader, pc parser.Context) (ast.Node, int, int) {
	label, startLine, startPos, ok := parseLinkReferenceLabel(block)
	if !ok {
		return nil, -1, -1
	}
	if block.Peek() != ':' {
		return nil, -1, -1
	}
	block.Advance(1)
	block.SkipSpaces()
	destination, ok := parseLinkDestination(block)
	if !ok {
		return nil, -1, -1
	}
	line, _ := block.PeekLine()
	isNewLine := line == nil || util.IsBlank(line)

	endLine, _ := block.Position()
	_, spaces, _ := block.SkipSpaces()
	opener := block.Peek()
	if opener != '"' && opener != '\'' && opener != '(' {
		if !isNewLine {
			return nil, -1, -1
		}
		return newLinkReference(pc, label, destination, nil, startPos), startLine, endLine + 1
	}
	if spaces == 0 {
		return nil, -1, -1
	}
	block.Advance(1)
	closer := opener
	if opener == '(' {
		closer = ')'
	}
	segments, found := block.FindClosure(opener, closer, linkFindClosureOptions)
	if !found {
		if !isNewLine {
			return nil, -1, -1
		}
		ref := newLinkReference(pc, label, destination, nil, startPos)
		block.AdvanceLine()
		return ref, startLine, endLine + 1
	}
	title := segmentsValue(block, segments)

	line, _ = block.PeekLine()
	if line != nil && !util.IsBlank(line) {
		if !isNewLine {
			return nil, -1, -1
		}
		return newLinkReference(pc, label, destination, title, startPos), startLine, endLine
	}

	endLine, _ = block.Position()
	return newLinkReference(pc, label, destination, title, startPos), startLine, endLine + 1
}

// parseLinkReferenceLabel reads the "[label]" a link reference
// definition starts with, and returns the label, the line it starts on
// and that line's segment.
func parseLinkReferenceLabel(block text.Reader) (label []byte, startLine int, startPos text.Segment, ok bool) {
	block.SkipSpaces()
	line, _ := block.PeekLine()
	if line == nil {
		return nil, 0, startPos, false
	}
	startLine, _ = block.Position()
	width, pos := util.IndentWidth(line, 0)
	if width > 3 {
		return nil, 0, startPos, false
	}
	if width != 0 {
		pos++
	}
	if line[pos] != '[' {
		return nil, 0, startPos, false
	}
	_, startPos = block.Position()
	block.Advance(pos + 1)
	segments, found := block.FindClosure('[', ']', linkFindClosureOptions)
	if !found {
		return nil, 0, startPos, false
	}
	label = segmentsValue(block, segments)
	if util.IsBlank(label) {
		return nil, 0, startPos, false
	}
	return label, startLine, startPos, true
}

// segmentsValue returns the text of segments of block, joined.
func segmentsValue(block text.Reader, segments *text.Segments) []byte {
	if segments.Len() == 1 {
		return block.Value(segments.At(0))
	}
	var v []byte
	for i := range segments.Len() {
		s := segments.At(i)
		v = append(v, block.Value(s)...)
	}
	return v
}

// newLinkReference returns the definition of a link reference that starts
// on the line startPos, and adds the reference to pc.
func newLinkReference(pc parser.Context, label, destination, title []byte, startPos text.Segment) ast.Node {
	ref := ast.NewLinkReferenceDefinition(label, destination, title)
	ref.Lines().Append(startPos)
	pc.AddReference(parser.NewReference(label, destination, title))
	return ref
}

func parseLinkDestination(block text.Reader) ([]byte, bool) {
	block.SkipSpaces()
	line, _ := block.PeekLine()
	if block.Peek() == '<' {
		i := 1
		for i < len(line) {
			c := line[i]
			if c == '\\' && i < len(line)-1 && util.IsPunct(line[i+1]) {
				i += 2
				continue
			} else if c == '>' {
				block.Advance(i + 1)
				return line[1:i], true
			}
			i++
		}
		return nil, false
	}
	opened := 0
	i := 0
	for i < len(line) {
		c := line[i]
		if c == '\\' && i < len(line)-1 && util.IsPunct(line[i+1]) {
			i += 2
			continue
		} else if c == '(' {
			opened++
		} else if c == ')' {
			opened--
			if opened < 0 {
				break
			}
		} else if util.IsSpace(c) {
			break
		}
		i++
	}
	block.Advance(i)
	return line[:i], len(line[:i]) != 0
}
