package model_test

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/playbookhq/playbook/generator/codeowners"
	"github.com/playbookhq/playbook/generator/model"
)

type ownerJSON struct {
	Name, Kind  string
	URL         string `json:",omitempty"`
	Email, Chat string `json:",omitempty"`
}

type reviewJSON struct {
	Reviewed, Every, Due string `json:",omitempty"`
	Overdue              bool   `json:",omitempty"`
	Pos                  string
}

type ownedPageJSON struct {
	URL        string
	Owners     []ownerJSON `json:",omitempty"`
	OwnersFrom string      `json:",omitempty"`
	OwnersAt   string      `json:",omitempty"`
	Review     *reviewJSON `json:",omitempty"`
	Redirects  []string    `json:",omitempty"`
}

func owners(list []model.Owner) []ownerJSON {
	var out []ownerJSON
	for _, o := range list {
		out = append(out, ownerJSON{Name: o.Name, Kind: o.Kind(), URL: o.URL(), Email: o.Email, Chat: o.Chat})
	}
	return out
}

func day(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.DateOnly)
}

// TestOwnersGolden snapshots who owns each page of testdata/owners and
// where that is written (the page, a folder's _index.md, the CODEOWNERS
// rule), the review dates against a reference date, the redirects from
// earlier names, the owners page's lists and the pages due by owner.
func TestOwnersGolden(t *testing.T) {
	src, err := os.ReadFile("testdata/owners.CODEOWNERS")
	if err != nil {
		t.Fatal(err)
	}
	co, cdiags := codeowners.Parse("CODEOWNERS", src)
	if len(cdiags) > 0 {
		t.Fatal(cdiags)
	}
	site, diags := loadFS(t, os.DirFS("testdata/owners"), model.Options{
		Languages:   []string{"en", "sv"},
		RootDir:     "content",
		CodeOwners:  co,
		ReviewEvery: "12 months",
		Today:       time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC),
		Moves: []model.Move{
			{From: "guides/old-first-week.md", To: "guides/first-week.md"},
			{From: "Guides/First-Week.md", To: "guides/first-week.md"}, // the same URL once slugged
			{From: "teams/support/index.md", To: "guides/own.md"},      // a page has that URL now
			{From: "_drafts/own.md", To: "guides/own.md"},              // never published
			{From: "roles/old-agent.sv.md", To: "roles/agent.md"},
			{From: "gone.md", To: "deleted.md"}, // no page now
		},
	})
	var out struct {
		Pages []ownedPageJSON
		Owned map[string][]struct {
			Owner ownerJSON
			Pages []string
		}
		Due []struct {
			Owner string
			Pages []string
		}
		Diags string
	}
	for _, p := range site.Pages() {
		if p.Input == nil {
			continue
		}
		pj := ownedPageJSON{URL: p.URL, Owners: owners(p.Owners()), Redirects: p.Redirects()}
		if o := p.Ownership(); o != nil {
			pj.OwnersFrom, pj.OwnersAt = o.Source, o.Pos.String()
		}
		if r := p.Review(); r != nil {
			pj.Review = &reviewJSON{Reviewed: day(r.Reviewed), Due: day(r.Due), Overdue: r.Overdue, Pos: r.Pos.String()}
			if !r.Every.IsZero() {
				pj.Review.Every = r.Every.String()
			}
		}
		out.Pages = append(out.Pages, pj)
	}
	out.Owned = map[string][]struct {
		Owner ownerJSON
		Pages []string
	}{}
	for _, l := range site.Languages() {
		for _, op := range site.Owned(l) {
			out.Owned[l] = append(out.Owned[l], struct {
				Owner ownerJSON
				Pages []string
			}{owners([]model.Owner{op.Owner})[0], urls(op.Pages)})
		}
	}
	for _, g := range site.DueByOwner() {
		out.Due = append(out.Due, struct {
			Owner string
			Pages []string
		}{g.Owner.Name, urls(g.Pages)})
	}
	diags = append(diags, site.ReviewDue()...)
	diags.Sort()
	out.Diags = diags.String()
	b, _ := json.MarshalIndent(out, "", "  ")
	golden(t, "testdata/owners.golden.json", append(b, '\n'))
	if got := site.OwnersURL("en"); got != "/owners/" {
		t.Errorf("OwnersURL = %q", got)
	}
}

// TestOwnerAnchorsUnique checks that owners whose names make the same
// anchor get different ids on the owners page, the first by name keeping
// the plain one.
func TestOwnerAnchorsUnique(t *testing.T) {
	site, diags := buildFS(t, map[string]string{
		"_index.md": "# Home\n",
		"a.md":      "---\nowners: [emile, a b]\n---\n# A\n",
		"b.md":      "---\nowners: [Émile, a-b]\n---\n# B\n",
		"c.md":      "---\nowners: [Emile]\n---\n# C\n",
	})
	if err := diags.Err(); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, op := range site.Owned("en") {
		got = append(got, op.Owner.Name+"="+op.Anchor)
	}
	want := "a b=owner-name-a-b a-b=owner-name-a-b-2 emile=owner-name-emile Émile=owner-name-emile-2"
	if strings.Join(got, " ") != want {
		t.Errorf("owners and anchors:\n got %s\nwant %s", strings.Join(got, " "), want)
	}
}
