package e2e_test

import (
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/playbookhq/playbook/generator/build"
	"github.com/playbookhq/playbook/generator/e2e/browsertest"
	"github.com/playbookhq/playbook/themes"
)

// TestKeeping builds the example handbook on a fixed reference date and
// checks in Chromium what keeps it true: the quiet "due for review" notice
// with the page's owners, and the "Open as issue" link, whose address the
// browser reads (it is never opened).
func TestKeeping(t *testing.T) {
	exe := browsertest.Chromium(t)
	dest := filepath.Join(t.TempDir(), "public")
	b := build.New(build.Config{SourceDir: "../..", DestDir: dest, DefaultTheme: themes.Default(),
		Date: time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC)})
	if _, err := b.Build(t.Context()); err != nil {
		t.Fatalf("build the example handbook: %v", err)
	}
	base := browsertest.ServeDir(t, dest, nil)
	browserCtx := browsertest.Start(t, exe)

	t.Run("DueForReviewNotice", func(t *testing.T) {
		tab := openTab(t, browserCtx)
		// reviewed 2025-11-20, every 6 months (from guides/_index.md).
		tab.visit(base + "/guides/first-week/")
		tab.waitVisible(".notice-review")
		want := "Due for review since 20 May 2026. Ask Content, Content manager."
		if got := tab.text(".notice-review"); got != want {
			t.Errorf("notice = %q, want %q", got, want)
		}
		// The owners are links to the team's and the role's pages, and the
		// notice sits above the page's title.
		if got := evalAs[string](tab, `Array.from(document.querySelectorAll('.notice-review a.owner')).map(a => new URL(a.href).pathname).join(' ')`); got != "/teams/content/ /roles/content-manager/" {
			t.Errorf("owner links = %q", got)
		}
		if !evalAs[bool](tab, `document.querySelector('.notice-review').compareDocumentPosition(document.querySelector('.doc-title')) === Node.DOCUMENT_POSITION_FOLLOWING`) {
			t.Error("the notice is not above the title")
		}
		// A quiet notice: not the warning colours of other notices.
		if bg := evalAs[string](tab, `getComputedStyle(document.querySelector('.notice-review')).backgroundColor`); bg == evalAs[string](tab, `getComputedStyle(document.body).getPropertyValue('--warning-bg')`) {
			t.Errorf("the notice has the warning background %s", bg)
		}
		// Under the page: the review date, and the git date as "Last
		// changed", never as the review.
		if got := tab.text(".page-reviewed"); got != "Reviewed 20 November 2025" {
			t.Errorf("reviewed line = %q", got)
		}
		if got := tab.text(".page-owners"); got != "Owners: Content, Content manager" {
			t.Errorf("owners line = %q", got)
		}
		if n := tab.count(".page-updated"); n == 1 && !strings.HasPrefix(tab.text(".page-updated"), "Last changed") {
			t.Errorf("git date reads %q", tab.text(".page-updated"))
		}
		// A page not yet due has no notice, and the warehouse page, due on
		// 1 September 2026, none on 1 July.
		for _, p := range []string{"/guides/glossary/", "/teams/warehouse/"} {
			tab.visit(base + p)
			tab.waitVisible(".doc-title")
			if n := tab.count(".notice-review"); n != 0 {
				t.Errorf("%s shows a review notice", p)
			}
		}
		// The owners page marks the due page.
		tab.visit(base + "/owners/")
		tab.waitVisible(".owner-index")
		if got := tab.text(`#owner-team-content a[href="/guides/first-week/"] + .badge-due`); got != "due for review" {
			t.Errorf("owners page: %q", got)
		}
	})

	t.Run("OpenAsIssue", func(t *testing.T) {
		tab := openTab(t, browserCtx)
		tab.visit(base + rolePage)
		tab.waitVisible(".issue-button")
		if got := tab.text(".issue-button"); got != "Open as issue" {
			t.Errorf("link text = %q", got)
		}
		href := evalAs[string](tab, `document.querySelector('.issue-button').href`)
		u, err := url.Parse(href)
		if err != nil {
			t.Fatal(err)
		}
		if u.Scheme != "https" || u.Host != "gitlab.example.com" || u.Path != "/nordvik/handbook/-/issues/new" {
			t.Errorf("link leads to %s://%s%s", u.Scheme, u.Host, u.Path)
		}
		q := u.Query()
		if got := q.Get("issue[title]"); got != "Onboarding: Support agent" {
			t.Errorf("title = %q", got)
		}
		body := q.Get("issue[description]")
		for _, want := range []string{
			"From [Support agent](/roles/support-agent/) in Nordvik Home Handbook.\n",
			"\n### Customer service: Onboarding\n\n",
			"\n- [ ] " + firstItem + "\n",
			"\n- [ ] " + linkedRole + "\n",
		} {
			if !strings.Contains(body, want) {
				t.Errorf("body lacks %q:\n%s", want, body)
			}
		}
		if len(href) > 8000 {
			t.Errorf("link is %d bytes", len(href))
		}
		// Every item of the page's lists is in the issue, as task-list
		// Markdown.
		items := tab.count(".combined-onboarding .task-list li") + tab.count(".prose .task-list li")
		if n := strings.Count(body, "\n- ["); n != items {
			t.Errorf("%d items in the issue, %d on the page", n, items)
		}
		// A team page's link carries its own checklist.
		tab.visit(base + teamPage)
		tab.waitVisible(".issue-button")
		u, _ = url.Parse(evalAs[string](tab, `document.querySelector('.issue-button').href`))
		if got := u.Query().Get("issue[title]"); got != "Customer service: Onboarding" {
			t.Errorf("team title = %q", got)
		}
	})
}
