package diag

import (
	"cmp"
	"context"
	"fmt"
	"maps"
	"slices"
)

// MaxPerKind is how many diagnostics of one kind and severity a report
// shows for each file; a line counts the others. A site in the middle of a
// migration can have thousands of broken links, and a report that lists
// them all is one nobody reads.
const MaxPerKind = 20

// group is what a report counts diagnostics by within a file.
type group struct {
	kind string
	sev  Severity
}

// shown calls fn for each diagnostic of the sorted list l with whether a
// report shows it: the first max of each kind and severity in each file.
// It stops at the first error fn returns. A file has diagnostics of a few
// kinds, so their counts are kept in a short list, not a map: a preview
// walks a migrating handbook's tens of thousands of warnings after every
// edit.
func (l List) shown(max int, fn func(i int, show bool) error) error {
	type count struct {
		group
		n int
	}
	var seen []count
	for i, d := range l {
		if i > 0 && d.Pos.File != l[i-1].Pos.File {
			seen = seen[:0]
		}
		g := group{d.Kind, d.Severity}
		j := slices.IndexFunc(seen, func(c count) bool { return c.group == g })
		if j < 0 {
			j = len(seen)
			seen = append(seen, count{group: g})
		}
		seen[j].n++
		if err := fn(i, seen[j].n <= max); err != nil {
			return err
		}
	}
	return nil
}

// ResolveHints adds their hint to the messages of the diagnostics a report
// with max of each kind per file shows (see Summarize), and drops the
// hints of the others, which are never found. The list must be sorted.
// It stops with ctx's error when ctx is done, leaving the list as it is.
func (l List) ResolveHints(ctx context.Context, max int) error {
	return l.shown(max, func(i int, show bool) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		if h := l[i].Hint; h != nil && show {
			l[i].Msg = h.join(l[i].Msg)
		}
		l[i].Hint = nil
		return nil
	})
}

// Summarize returns the list as a report shows it: sorted, with at most
// max diagnostics of each kind and severity per file, and after each
// file's diagnostics one line per kind that had more, such as
//
//	content/x.md: … and 135 more broken-link errors (155 in this file)
//
// The line has the file's position only and the kind and severity of the
// diagnostics it counts. l is left as it is; a max below one means no limit.
func (l List) Summarize(max int) List {
	l = slices.Clone(l)
	l.Sort()
	if max < 1 {
		return l
	}
	out := make(List, 0, len(l))
	total := map[group]int{}
	flush := func(file string) {
		byOrder := func(a, b group) int { return cmp.Or(cmp.Compare(a.sev, b.sev), cmp.Compare(a.kind, b.kind)) }
		for _, g := range slices.SortedFunc(maps.Keys(total), byOrder) {
			if n := total[g]; n > max {
				out = append(out, Diagnostic{Pos: Pos{File: file}, Severity: g.sev, Kind: g.kind, Msg: moreLine(n-max, n, g)})
			}
		}
		clear(total)
	}
	_ = l.shown(max, func(i int, show bool) error {
		d := l[i]
		if i > 0 && d.Pos.File != l[i-1].Pos.File {
			flush(l[i-1].Pos.File)
		}
		total[group{d.Kind, d.Severity}]++
		if show {
			out = append(out, d)
		}
		return nil
	})
	if len(l) > 0 {
		flush(l[len(l)-1].Pos.File)
	}
	return out
}

// moreLine is the message of a summary line: "… and 135 more broken-link
// errors (155 in this file)".
func moreLine(more, total int, g group) string {
	noun := g.sev.String()
	if more != 1 {
		noun += "s"
	}
	if g.kind != "" {
		noun = g.kind + " " + noun
	}
	return fmt.Sprintf("… and %d more %s (%d in this file)", more, noun, total)
}
