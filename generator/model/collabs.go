package model

// Partner is a team that a team works with, as the team's page shows it.
type Partner struct {
	Team *Team
	// Listed is true when the team lists the partner; On is then what it
	// says they work on together. Otherwise only the partner lists the
	// team.
	Listed bool
	On     string
	// Theirs are the collaborations the partner declared with the team.
	Theirs []Collab
}

// Partners returns the teams t works with: one entry for each
// collaboration t declared, in order, with what the partner declared in
// return, then one for each collaboration another team declared with t
// that t does not list. It costs one pass over t's collaborations, however
// many there are.
func (t *Team) Partners() []Partner {
	from := map[string][]Collab{} // mentions by the declaring team's slug
	for _, m := range t.Mentions {
		if m.From != nil {
			from[m.From.Slug] = append(from[m.From.Slug], m)
		}
	}
	listed := map[string]bool{}
	var out []Partner
	for _, c := range t.Collabs {
		if c.To == nil {
			continue
		}
		listed[c.To.Slug] = true
		out = append(out, Partner{Team: c.To, Listed: true, On: c.On, Theirs: from[c.To.Slug]})
	}
	for _, m := range t.Mentions {
		if m.From != nil && !listed[m.From.Slug] {
			out = append(out, Partner{Team: m.From, Theirs: []Collab{m}})
		}
	}
	return out
}

// CollabNote is what a collaboration table shows for two teams.
type CollabNote struct {
	// On is what they work on together, "" when neither lists the other
	// (or says what on).
	On string
	// By is the title of the other team's page when only it lists the
	// collaboration.
	By string
}

// CollabWith returns what t and other work on together: what t says, else
// what other says (with By set).
func (t *Team) CollabWith(other *Team) CollabNote {
	for _, c := range t.Collabs {
		if c.To != nil && c.To.Slug == other.Slug && c.On != "" {
			return CollabNote{On: c.On}
		}
	}
	for _, m := range t.Mentions {
		if m.From != nil && m.From.Slug == other.Slug && m.On != "" {
			return CollabNote{On: m.On, By: m.From.Page.Title}
		}
	}
	return CollabNote{}
}
