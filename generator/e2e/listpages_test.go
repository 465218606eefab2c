package e2e_test

import (
	"fmt"
	"testing"

	"github.com/playbookhq/playbook/generator/e2e/browsertest"
)

// TestChecklistIndexListPages checks, in Chromium, that the checklist
// index of a handbook with more checklists than one list page shows
// keeps the reader's progress on its further list pages: an item ticked
// on a page counts on the list page that lists that page's checklist, and
// the pager leads back to the first.
func TestChecklistIndexListPages(t *testing.T) {
	const n = 150
	files := map[string]string{"_index.md": "---\ntitle: Home\n---\nThe handbook.\n"}
	for i := range n {
		files[fmt.Sprintf("g/p%03d.md", i)] = fmt.Sprintf("---\ntitle: Guide %03d\n---\n- [ ] Read guide %03d\n- [ ] Ask about guide %03d\n", i, i, i)
	}
	base := serveFiles(t, files)
	tab := openTab(t, browsertest.Start(t, browsertest.Chromium(t)))

	tab.visit(base + "/g/p120/")
	tab.waitVisible(teamList)
	tab.click(teamList + " li:nth-child(2) > input.task-box")

	tab.visit(base + "/checklists/page/2/")
	tab.waitVisible(".checklist-index")
	if rows := tab.count(".checklist-index tbody tr:not(.group-row)"); rows != n-100 {
		t.Errorf("the second list page has %d rows, want %d", rows, n-100)
	}
	if got := tab.text(`[data-checklist-page="/g/p120.md"] .checklist-index-progress`); got != "1 of 2" {
		t.Errorf("the second list page shows %q for the ticked page's checklist, want \"1 of 2\"", got)
	}
	if got := tab.text(`[data-checklist-page="/g/p121.md"] .item-count`); got != "2" {
		t.Errorf("the second list page counts %q items for an untouched checklist, want 2", got)
	}
	tab.click(`.list-pager a[rel="prev"]`)
	tab.waitVisible(`[data-checklist-page="/g/p000.md"]`)
	if rows := tab.count(".checklist-index tbody tr:not(.group-row)"); rows != 100 {
		t.Errorf("the first list page has %d rows, want 100", rows)
	}
	if errs := tab.takeErrors(); len(errs) > 0 {
		t.Errorf("console errors: %v", errs)
	}
}
