// Package tracker turns a page's checklists into an issue for the
// handbook's repository: task-list Markdown, and a link that opens a new
// issue on GitHub or GitLab prefilled with it.
package tracker

import (
	"fmt"
	"net/url"
	"strings"

	"github.com/playbookhq/playbook/generator/model"
)

// MaxURL is the longest new-issue link written, in bytes. Browsers and
// the hosts' servers refuse much longer addresses; GitHub answers 414 at
// about 8 KB.
const MaxURL = 8000

// The hosts, as config.RepoHost names them.
const (
	GitHub = "github"
	GitLab = "gitlab"
)

// Section is one checklist of an issue, under a heading.
type Section struct {
	Heading string
	Items   []model.ChecklistItem
}

// Issue is what a page's checklists give a tracker.
type Issue struct {
	Title string
	// Intro is the first paragraph: where the checklist comes from, with
	// a link back to the page.
	Intro    string
	Sections []Section
}

// ForPage returns the issue of a page: its checklists and, on a role's
// page, the onboarding checklists of the role's teams, as the page shows
// them. pageURL is the page's address for the link back: absolute when the
// site's base URL is. ok is false for a page without checklist items.
func ForPage(p *model.Page, pageURL, siteTitle string) (Issue, bool) {
	var is Issue
	for _, c := range p.Checklists() {
		is.Sections = append(is.Sections, Section{Heading: c.HeadingText, Items: c.Items})
	}
	if r := p.Role(); r != nil {
		for _, t := range r.Teams {
			for _, c := range t.Onboarding {
				h := t.Page.Title
				if c.HeadingText != "" {
					h += ": " + c.HeadingText
				}
				is.Sections = append(is.Sections, Section{Heading: h, Items: c.Items})
			}
		}
	}
	n := 0
	for _, s := range is.Sections {
		n += len(s.Items)
	}
	if n == 0 {
		return Issue{}, false
	}
	switch {
	case p.Role() != nil:
		is.Title = "Onboarding: " + p.Title
	case len(is.Sections) == 1 && is.Sections[0].Heading != "":
		is.Title = p.Title + ": " + is.Sections[0].Heading
	default:
		is.Title = p.Title + ": checklist"
	}
	is.Intro = fmt.Sprintf("From [%s](%s)", escapeText(p.Title), pageURL)
	if siteTitle != "" {
		is.Intro += " in " + escapeText(siteTitle)
	}
	is.Intro += "."
	return is, true
}

// escapeText keeps a title from being read as Markdown link syntax.
func escapeText(s string) string {
	return strings.NewReplacer(`\`, `\\`, "[", `\[`, "]", `\]`).Replace(s)
}

// lines returns the issue's body line by line, and for each line the
// number of items it ends (1 for an item, 0 otherwise).
func (is Issue) lines() (lines []string, items []int) {
	lines = append(lines, is.Intro)
	items = append(items, 0)
	for _, s := range is.Sections {
		lines = append(lines, "")
		items = append(items, 0)
		if s.Heading != "" {
			lines = append(lines, "### "+s.Heading, "")
			items = append(items, 0, 0)
		}
		for _, it := range s.Items {
			lines = append(lines, Item(it))
			items = append(items, 1)
		}
	}
	return lines, items
}

// Item writes one checklist item as a task-list line, with the role that
// does it first: "- [ ] Hiring manager: order the laptop".
func Item(it model.ChecklistItem) string {
	box := "[ ]"
	if it.Checked {
		box = "[x]"
	}
	text := strings.ReplaceAll(strings.ReplaceAll(it.Text, "\r", " "), "\n", " ")
	if it.Who != "" {
		text = it.Who + ": " + text
	}
	return "- " + box + " " + text
}

// Markdown returns the issue's body: the intro, then each checklist under
// its heading as task-list Markdown.
func (is Issue) Markdown() string {
	lines, _ := is.lines()
	return strings.Join(lines, "\n") + "\n"
}

// NewIssueURL returns the link that opens a new issue in repo, on host
// (GitHub or GitLab), prefilled with the issue's title and body, and how
// many of its items the body holds. A body that would make the link longer
// than max bytes keeps the items that fit and ends with a line that counts
// the others and points to the page.
func NewIssueURL(host, repo string, is Issue, pageURL string, max int) (link string, shown, total int) {
	base := strings.TrimSuffix(strings.TrimRight(repo, "/"), ".git")
	titleKey, bodyKey := "title", "body"
	if host == GitLab {
		base += "/-/issues/new?"
		titleKey, bodyKey = "issue[title]", "issue[description]"
	} else {
		base += "/issues/new?"
	}
	head := base + titleKey + "=" + escape(is.Title) + "&" + bodyKey + "="
	lines, items := is.lines()
	for _, n := range items {
		total += n
	}
	var body strings.Builder
	size := len(head)
	for i, l := range lines {
		e := escape(l + "\n")
		rest := total - shown
		// Room is kept for the line that counts what does not fit.
		note := 0
		if rest > items[i] {
			note = len(escape(moreLine(rest, pageURL)))
		}
		if size+len(e)+note > max {
			body.WriteString(escape(moreLine(rest, pageURL)))
			return head + body.String(), shown, total
		}
		body.WriteString(e)
		size += len(e)
		shown += items[i]
	}
	return head + body.String(), shown, total
}

func moreLine(n int, pageURL string) string {
	if n == 1 {
		return fmt.Sprintf("\n… and 1 more item: see %s\n", pageURL)
	}
	return fmt.Sprintf("\n… and %d more items: see %s\n", n, pageURL)
}

// escape encodes a query value, spaces as %20.
func escape(s string) string {
	return strings.ReplaceAll(url.QueryEscape(s), "+", "%20")
}
