package theme

import (
	"cmp"
	"fmt"
	"html"
	"html/template"
	"math"
	"slices"
	"strings"

	"github.com/playbookhq/playbook/generator/model"
)

// CollabMap draws the teams and their collaborations as an SVG: teams on a
// circle, one line for each pair of teams that work together. It is drawn
// here rather than by a graph tool because the site must need nothing at
// run time and the layout of a few dozen teams on a circle is simple. Colours
// come from CSS classes, so the page's stylesheet adapts it to dark mode and
// print. title and desc label the drawing for assistive technology; desc
// may hold one %d for the number of teams. lang is the language of the
// page it is drawn for: a team shown by its page in another language (one
// without a translation) is marked with that language.
//
// The drawing is one image (role="img") with nothing inside to focus or
// follow: the page lists the same pairs with links beside it. Teams that
// work with no other team draw nothing, so CollabMap returns "" for them.
func CollabMap(teams []*model.Team, lang, title, desc string) template.HTML {
	n := len(teams)
	if n == 0 {
		return ""
	}
	const size, radius = 640.0, 220.0
	c := size / 2
	pos := map[*model.Team][2]float64{}
	for i, t := range teams {
		a := -math.Pi/2 + 2*math.Pi*float64(i)/float64(n)
		pos[t] = [2]float64{c + radius*math.Cos(a), c + radius*math.Sin(a)}
	}
	var b, edges strings.Builder
	bySlug := make(map[string]*model.Team, n)
	for _, t := range teams {
		if bySlug[t.Slug] == nil {
			bySlug[t.Slug] = t
		}
	}
	drawn := map[[2]*model.Team]bool{}
	for _, t := range teams {
		for _, col := range t.Collabs {
			if col.To == nil || col.To == t {
				continue
			}
			to := bySlug[col.To.Slug]
			if to == nil {
				continue
			}
			key := [2]*model.Team{t, to}
			if drawn[key] || drawn[[2]*model.Team{to, t}] {
				continue
			}
			drawn[key] = true
			p, q := pos[t], pos[to]
			fmt.Fprintf(&edges, `<path class="collab-edge" d="M%.1f %.1f Q%.1f %.1f %.1f %.1f"><title>%s ↔ %s: %s</title></path>`,
				p[0], p[1], (p[0]+q[0]+c)/3, (p[1]+q[1]+c)/3, q[0], q[1],
				html.EscapeString(t.Page.Title), html.EscapeString(to.Page.Title), html.EscapeString(col.On))
		}
	}
	if edges.Len() == 0 {
		return ""
	}
	fmt.Fprintf(&b, `<svg class="collab-map" viewBox="0 0 %.0f %.0f" role="img" aria-labelledby="collab-map-title collab-map-desc" xmlns="http://www.w3.org/2000/svg">`, size, size)
	if strings.Contains(desc, "%d") {
		desc = fmt.Sprintf(desc, n)
	}
	fmt.Fprintf(&b, `<title id="collab-map-title">%s</title><desc id="collab-map-desc">%s</desc>`, html.EscapeString(title), html.EscapeString(desc))
	b.WriteString(edges.String())
	for _, t := range teams {
		p := pos[t]
		anchor := "middle"
		dx, dy := 0.0, 0.0
		switch {
		case p[0] < c-10:
			anchor, dx = "end", -22
		case p[0] > c+10:
			anchor, dx = "start", 22
		default:
			if p[1] < c {
				dy = -24
			} else {
				dy = 34
			}
		}
		other, mark := "", ""
		if l := t.Page.Lang; l != lang {
			other = ` lang="` + html.EscapeString(l) + `"`
			mark = `<tspan class="lang-mark"> ` + html.EscapeString(l) + `</tspan>`
		}
		fmt.Fprintf(&b, `<g class="collab-node"%s><circle cx="%.1f" cy="%.1f" r="14"/><text x="%.1f" y="%.1f" text-anchor="%s">%s%s</text></g>`,
			other, p[0], p[1], p[0]+dx, p[1]+dy+5, anchor, html.EscapeString(t.Page.Title), mark)
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String()) // #nosec: every text above is escaped
}

// CollabMapTeams is the most teams the collaboration map and its table
// show. Past a few dozen, a map on a circle is unreadable, and the table
// grows with the square of the teams; so a site with more teams shows the
// CollabMapTeams with the most collaborations, and each team's own page
// still lists all of its own.
const CollabMapTeams = 40

// MapTeams returns the teams the collaboration map shows, in the order of
// teams: all of them, or the CollabMapTeams with the most collaborations
// (declared or declared with them), the earlier winning ties.
func MapTeams(teams []*model.Team) []*model.Team {
	if len(teams) <= CollabMapTeams {
		return teams
	}
	type ranked struct{ i, n int }
	rs := make([]ranked, len(teams))
	for i, t := range teams {
		rs[i] = ranked{i, len(t.Collabs) + len(t.Mentions)}
	}
	slices.SortStableFunc(rs, func(a, b ranked) int { return cmp.Compare(b.n, a.n) })
	rs = rs[:CollabMapTeams]
	slices.SortFunc(rs, func(a, b ranked) int { return cmp.Compare(a.i, b.i) })
	out := make([]*model.Team, len(rs))
	for i, r := range rs {
		out[i] = teams[r.i]
	}
	return out
}
