package markdown

import (
	"strconv"

	east "github.com/yuin/goldmark/extension/ast"

	"github.com/playbookhq/playbook/generator/diag"
)

// uniqueTaskIDs gives the task items of the page that share an id (two
// "- [ ] TBD" under one heading, or one explicit {#id} written twice)
// ids of their own, with a warning: a page moved into the handbook with
// such items builds, and each item keeps its own tick. A nested item
// takes the id made from the item above it instead, without a warning.
//
// The first item keeps the id, so the ticks readers stored under it stay
// with it; the next ones get "-2", "-3", … in the order they come, skipping
// any id another item of the page has. An item's id then depends on the
// items with its text above it, so the warning suggests an explicit {#id}.
// boxes are the items' check boxes, in the order of d.Tasks.
func (d *Doc) uniqueTaskIDs(boxes []*east.TaskCheckBox) {
	taken := make(map[string]bool, len(d.Tasks))
	for _, t := range d.Tasks {
		taken[t.ID] = true
	}
	first := make(map[string]int, len(d.Tasks)) // id -> index of its first item
	// next is, per id, the first suffix not yet known to be taken: ids
	// are only added, so a page of n equal items probes n ids, not n²/2.
	next := map[string]int{}
	for i := range d.Tasks {
		t := &d.Tasks[i]
		f, dup := first[t.ID]
		// A step under another item than the first's is no repeat: it
		// takes the id made from that item, which items added above do
		// not shift.
		if dup && t.nested != "" && t.nested != d.Tasks[f].nested {
			t.ID = t.nested
			if f, dup = first[t.ID]; !dup && i < len(boxes) {
				boxes[i].SetAttributeString("data-task", []byte(t.ID))
			}
		}
		if !dup {
			first[t.ID], taken[t.ID] = i, true
			continue
		}
		var id string
		n := max(2, next[t.ID])
		for ; ; n++ {
			id = t.ID + "-" + strconv.Itoa(n)
			if !taken[id] {
				break
			}
		}
		next[t.ID] = n + 1
		taken[id] = true
		d.Diags.AddKind("duplicate-task-id", diag.Warning, t.Pos,
			"checklist item id %q is already used at line %d; this one gets %q, which shifts if an item with the same text is added above: give it its own {#id}",
			t.ID, d.Tasks[f].Pos.Line, id)
		t.ID = id
		if i < len(boxes) {
			boxes[i].SetAttributeString("data-task", []byte(id))
		}
	}
}
