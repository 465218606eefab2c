package model

import (
	"cmp"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/playbookhq/playbook/generator/diag"
)

// Interval is a review interval: a number of days, weeks, months or years.
type Interval struct {
	N    int
	Unit string // "day", "week", "month" or "year"
}

var intervalRE = regexp.MustCompile(`^(\d{1,4})\s*(day|week|month|year)s?$`)

// ParseInterval reads an interval such as "6 months", "1 year", "2 weeks"
// or "90 days".
func ParseInterval(s string) (Interval, error) {
	m := intervalRE.FindStringSubmatch(strings.ToLower(strings.TrimSpace(s)))
	if m == nil {
		return Interval{}, fmt.Errorf("%q is not an interval: want a number and days, weeks, months or years, such as \"6 months\"", s)
	}
	n, _ := strconv.Atoi(m[1])
	if n == 0 {
		return Interval{}, fmt.Errorf("%q is not an interval: want more than zero", s)
	}
	return Interval{N: n, Unit: m[2]}, nil
}

// IsZero reports whether the interval is unset.
func (i Interval) IsZero() bool { return i.N == 0 }

// String writes the interval as it is read: "6 months".
func (i Interval) String() string {
	if i.N == 1 {
		return "1 " + i.Unit
	}
	return fmt.Sprintf("%d %ss", i.N, i.Unit)
}

// After returns the day the interval ends, counted from t. A month after
// 31 August is 1 October, as Go's calendar arithmetic counts.
func (i Interval) After(t time.Time) time.Time {
	switch i.Unit {
	case "day":
		return t.AddDate(0, 0, i.N)
	case "week":
		return t.AddDate(0, 0, 7*i.N)
	case "month":
		return t.AddDate(0, i.N, 0)
	}
	return t.AddDate(i.N, 0, 0)
}

// Review is when a page was last reviewed and when it is due again.
type Review struct {
	// Reviewed is the date of the page's reviewed key, zero without one.
	Reviewed time.Time
	// Every is the review interval: the page's review_every, else that of
	// the nearest folder above whose _index.md sets one, else the site's
	// reviewEvery; zero when none applies.
	Every Interval
	// Due is Reviewed plus Every: the day the page is due for review
	// again. Zero when either is missing: a page without a reviewed date is
	// not tracked.
	Due time.Time
	// Overdue says that Due is on or before the reference date
	// (Options.Today), which the build takes from the git history, never
	// from the clock.
	Overdue bool
	// Pos is where the page's reviewed key is written.
	Pos diag.Pos
}

// Review returns the page's review dates; nil for a page that has no
// reviewed date and no interval.
func (p *Page) Review() *Review { return p.review }

// parseDate reads a front-matter date: a YAML or TOML date, or text in
// the form 2026-09-30.
func parseDate(v any) (time.Time, bool) {
	switch v := v.(type) {
	case time.Time:
		y, m, d := v.Date()
		return time.Date(y, m, d, 0, 0, 0, 0, time.UTC), true
	case string:
		t, err := time.Parse(time.DateOnly, strings.TrimSpace(v))
		return t, err == nil
	case fmt.Stringer: // TOML local dates
		t, err := time.Parse(time.DateOnly, v.String())
		return t, err == nil
	}
	return time.Time{}, false
}

// buildReviews finds each page's review dates. The interval is inherited
// through folders as owners are, each folder resolved once.
func (s *Site) buildReviews() diag.List {
	var diags diag.List
	site, _ := ParseInterval(s.opts.ReviewEvery)
	inherit := newInheritance(s, s.reviewIntervals(&diags), site)
	for _, p := range s.pages {
		if p.Input == nil {
			continue
		}
		r := &Review{Pos: keyPos(p.Input.Doc, "reviewed")}
		if v := p.Param("reviewed"); v != nil {
			t, ok := parseDate(v)
			if !ok {
				diags.AddKind("front-matter", diag.Error, r.Pos, "reviewed: %q is not a date: want the day of the last review, such as 2026-09-30", str(v))
				continue
			}
			r.Reviewed = t
		}
		iv, ok := inherit.own(p)
		if !ok {
			iv = inherit.folder(p)
		}
		r.Every = iv
		if r.Reviewed.IsZero() && r.Every.IsZero() {
			continue
		}
		if !r.Reviewed.IsZero() && !r.Every.IsZero() {
			r.Due = r.Every.After(r.Reviewed)
			r.Overdue = !s.opts.Today.IsZero() && !r.Due.After(s.opts.Today)
		}
		p.review = r
	}
	return diags
}

// reviewIntervals reads the review_every key of the pages that have one.
func (s *Site) reviewIntervals(diags *diag.List) map[*Page]Interval {
	own := map[*Page]Interval{}
	for _, p := range s.pages {
		if p.Input == nil {
			continue
		}
		if v := p.Param("review_every"); v != nil {
			iv, err := ParseInterval(str(v))
			if err != nil {
				diags.AddKind("front-matter", diag.Error, keyPos(p.Input.Doc, "review_every"), "review_every: %v", err)
				continue
			}
			own[p] = iv
		}
	}
	return own
}

// ReviewDue reports the pages whose review is due, as warnings of kind
// "review-due" at their reviewed key, naming their owners.
func (s *Site) ReviewDue() diag.List {
	var diags diag.List
	for _, p := range s.pages {
		r := p.review
		if r == nil || !r.Overdue {
			continue
		}
		who := "no owner"
		if names := ownerNames(p.Owners()); names != "" {
			who = "owners: " + names
		}
		diags.AddKind("review-due", diag.Warning, r.Pos, "due for review since %s (reviewed %s, every %s); %s",
			r.Due.Format(time.DateOnly), r.Reviewed.Format(time.DateOnly), r.Every, who)
	}
	return diags
}

func ownerNames(list []Owner) string {
	names := make([]string, len(list))
	for i, o := range list {
		names[i] = o.Name
	}
	return strings.Join(names, ", ")
}

// DueGroup is an owner with the pages of theirs that are due for review,
// the longest due first. Owner is the zero Owner for pages without one.
type DueGroup struct {
	Owner Owner
	Pages []*Page
}

// DueByOwner groups the pages due for review by owner (a page with two
// owners is in both groups), the longest due first in each group. Groups
// come in the order of their longest due page, then by name; pages without
// owners come last.
func (s *Site) DueByOwner() []DueGroup {
	by := map[string]*DueGroup{}
	for _, p := range s.pages {
		if p.review == nil || !p.review.Overdue {
			continue
		}
		owners := p.Owners()
		if len(owners) == 0 {
			owners = []Owner{{}}
		}
		for _, o := range owners {
			k := o.Key()
			if o.Name == "" && o.Kind() == "person" {
				k = ""
			}
			g := by[k]
			if g == nil {
				g = &DueGroup{Owner: o}
				by[k] = g
			}
			g.Pages = append(g.Pages, p)
		}
	}
	out := make([]DueGroup, 0, len(by))
	for _, k := range slices.Sorted(maps.Keys(by)) {
		g := by[k]
		slices.SortFunc(g.Pages, func(a, b *Page) int {
			return cmp.Or(a.review.Due.Compare(b.review.Due), cmp.Compare(a.URL, b.URL))
		})
		out = append(out, *g)
	}
	slices.SortStableFunc(out, func(a, b DueGroup) int {
		if (a.Owner.Name == "") != (b.Owner.Name == "") {
			if a.Owner.Name == "" {
				return 1
			}
			return -1
		}
		return cmp.Or(a.Pages[0].review.Due.Compare(b.Pages[0].review.Due), compareFold(a.Owner.Name, b.Owner.Name))
	})
	return out
}
