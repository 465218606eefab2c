package markdown_test

import (
	"bytes"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/playbookhq/playbook/generator/diag"
	"github.com/playbookhq/playbook/generator/markdown"
)

// TestDuplicateTaskIDs checks that items sharing an id on one page get ids
// of their own, in order, with a warning each; that the first keeps the id
// it would have alone; and that a released page renders the same ids.
func TestDuplicateTaskIDs(t *testing.T) {
	tbd := markdown.TaskID("p.md", "setup", "TBD")
	phone := markdown.TaskID("p.md", "setup", "Phone")
	for _, tc := range []struct {
		name string
		body string
		ids  []string
		warn []int // lines of the warnings
	}{
		{
			name: "no duplicates",
			body: "## Setup\n\n- [ ] TBD\n- [ ] other {#x}\n",
			ids:  []string{tbd, "x"},
		},
		{
			name: "two TBD",
			body: "## Setup\n\n- [ ] TBD\n- [x] tbd.\n",
			ids:  []string{tbd, tbd + "-2"},
			warn: []int{4},
		},
		{
			name: "three TBD",
			body: "## Setup\n\n- [ ] TBD\n- [ ] TBD\n\ntext\n\n- [ ] TBD\n",
			ids:  []string{tbd, tbd + "-2", tbd + "-3"},
			warn: []int{4, 8},
		},
		{
			name: "explicit ids",
			body: "- [ ] one {#tbd}\n- [ ] two {#tbd}\n- [ ] three {#tbd}\n",
			ids:  []string{"tbd", "tbd-2", "tbd-3"},
			warn: []int{2, 3},
		},
		{
			name: "a suffix another item has is skipped",
			body: "- [ ] one {#tbd}\n- [ ] two {#tbd}\n- [ ] three {#tbd-2}\n",
			ids:  []string{"tbd", "tbd-3", "tbd-2"},
			warn: []int{2},
		},
		{
			name: "the same step under two items is no duplicate",
			body: "## Setup\n\n- [ ] Laptop\n  - [ ] Order\n- [ ] Phone\n  - [ ] Order\n  - [ ] Order\n",
			ids: []string{markdown.TaskID("p.md", "setup", "Laptop"), markdown.TaskID("p.md", "setup", "Order"), phone,
				markdown.TaskID("p.md", phone, "Order"), markdown.TaskID("p.md", phone, "Order") + "-2"},
			warn: []int{7},
		},
		{
			name: "the same steps two levels deep",
			body: "## Setup\n\n- [ ] Laptop\n  - [ ] Order\n    - [ ] Confirm\n- [ ] Phone\n  - [ ] Order\n    - [ ] Confirm\n",
			ids: []string{markdown.TaskID("p.md", "setup", "Laptop"), markdown.TaskID("p.md", "setup", "Order"),
				markdown.TaskID("p.md", "setup", "Confirm"), phone,
				markdown.TaskID("p.md", phone, "Order"), markdown.TaskID("p.md", markdown.TaskID("p.md", phone, "Order"), "Confirm")},
		},
		{
			name: "twice under one item is a duplicate",
			body: "## Setup\n\n- [ ] Laptop\n  - [ ] Order\n  - [ ] Order\n",
			ids:  []string{markdown.TaskID("p.md", "setup", "Laptop"), markdown.TaskID("p.md", "setup", "Order"), markdown.TaskID("p.md", "setup", "Order") + "-2"},
			warn: []int{5},
		},
		{
			name: "same text under other headings is no duplicate",
			body: "## Setup\n\n- [ ] TBD\n\n## Later\n\n- [ ] TBD\n",
			ids:  []string{tbd, markdown.TaskID("p.md", "later", "TBD")},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := markdown.New()
			in := markdown.Input{Path: "p.md", Body: []byte(tc.body), BodyLine: 1}
			d := c.Parse(in)
			var ids []string
			for _, k := range d.Tasks {
				ids = append(ids, k.ID)
			}
			if !slices.Equal(ids, tc.ids) {
				t.Errorf("ids %q, want %q", ids, tc.ids)
			}
			var lines []int
			for _, w := range d.Diags {
				if w.Kind != "duplicate-task-id" || w.Severity != diag.Warning {
					t.Errorf("diagnostic %s of kind %q", w, w.Kind)
				}
				lines = append(lines, w.Pos.Line)
			}
			if !slices.Equal(lines, tc.warn) {
				t.Errorf("warnings at lines %v, want %v:\n%s", lines, tc.warn, d.Diags)
			}
			var b bytes.Buffer
			if err := c.Render(&b, d, nil, markdown.RenderOptions{}); err != nil {
				t.Fatal(err)
			}
			var rendered []string
			for _, m := range dataTask.FindAllStringSubmatch(b.String(), -1) {
				rendered = append(rendered, m[1])
			}
			if !slices.Equal(rendered, tc.ids) {
				t.Errorf("rendered ids %q, want %q:\n%s", rendered, tc.ids, b.String())
			}
		})
	}
}

var dataTask = regexp.MustCompile(`data-task="([^"]*)"`)

// TestDuplicateTaskIDMessage checks the warning's wording.
func TestDuplicateTaskIDMessage(t *testing.T) {
	d := markdown.New().Parse(markdown.Input{Path: "p.md", Body: []byte("- [ ] a {#x}\n- [ ] b {#x}\n"), BodyLine: 3})
	want := `p.md:4:3: warning: checklist item id "x" is already used at line 3; this one gets "x-2"`
	if got := strings.TrimSpace(d.Diags.String()); !strings.HasPrefix(got, want) {
		t.Errorf("got  %s\nwant %s…", got, want)
	}
}
