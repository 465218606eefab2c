package tracker_test

import (
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/playbookhq/playbook/generator/model"
	"github.com/playbookhq/playbook/generator/tracker"
)

func issue(n int) tracker.Issue {
	var items []model.ChecklistItem
	for i := range n {
		items = append(items, model.ChecklistItem{Text: fmt.Sprintf("step %d with `code` & a #hash", i+1), Who: "Hiring manager"})
	}
	items[0].Who, items[0].Checked = "", true
	return tracker.Issue{Title: "Onboarding: Picker", Intro: "From [Picker](https://h.example.com/roles/picker/).", Sections: []tracker.Section{{Heading: "Warehouse: Onboarding", Items: items}}}
}

// TestNewIssueURL checks the links for GitHub and GitLab: the title and
// the body come back from the query as written.
func TestNewIssueURL(t *testing.T) {
	is := issue(2)
	want := "From [Picker](https://h.example.com/roles/picker/).\n\n### Warehouse: Onboarding\n\n- [x] step 1 with `code` & a #hash\n- [ ] Hiring manager: step 2 with `code` & a #hash\n"
	if got := is.Markdown(); got != want {
		t.Errorf("Markdown =\n%s\nwant\n%s", got, want)
	}
	for _, tc := range []struct{ host, repo, path, title, body string }{
		{tracker.GitHub, "https://github.com/org/handbook", "/org/handbook/issues/new", "title", "body"},
		{tracker.GitLab, "https://gitlab.com/org/sub/handbook.git/", "/org/sub/handbook/-/issues/new", "issue[title]", "issue[description]"},
	} {
		link, shown, total := tracker.NewIssueURL(tc.host, tc.repo, is, "https://h.example.com/roles/picker/", tracker.MaxURL)
		u, err := url.Parse(link)
		if err != nil {
			t.Fatal(err)
		}
		q := u.Query()
		if u.Path != tc.path || q.Get(tc.title) != is.Title || q.Get(tc.body) != want || shown != 2 || total != 2 {
			t.Errorf("%s: %s → path %s, %q, %q, %d of %d", tc.host, link, u.Path, q.Get(tc.title), q.Get(tc.body), shown, total)
		}
		if strings.Contains(link, "+") {
			t.Errorf("%s: spaces should be %%20: %s", tc.host, link)
		}
	}
}

// TestNewIssueURLTruncates keeps a link of a long checklist under the
// limit, with the items that fit and a line that counts the rest.
func TestNewIssueURLTruncates(t *testing.T) {
	is := issue(500)
	link, shown, total := tracker.NewIssueURL(tracker.GitHub, "https://github.com/org/handbook", is, "https://h.example.com/roles/picker/", tracker.MaxURL)
	if len(link) > tracker.MaxURL {
		t.Errorf("link is %d bytes", len(link))
	}
	if total != 500 || shown < 50 || shown >= 500 {
		t.Errorf("shown %d of %d", shown, total)
	}
	u, _ := url.Parse(link)
	body := u.Query().Get("body")
	if !strings.HasSuffix(body, fmt.Sprintf("… and %d more items: see https://h.example.com/roles/picker/\n", 500-shown)) {
		t.Errorf("body ends %q", body[max(0, len(body)-120):])
	}
	if n := strings.Count(body, "- ["); n != shown {
		t.Errorf("%d items in the body, %d shown", n, shown)
	}
}
