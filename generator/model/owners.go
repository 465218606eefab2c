package model

import (
	"cmp"
	"maps"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/playbookhq/playbook/generator/diag"
)

// CodeOwners gives the owners of files from a CODEOWNERS file; the build
// passes one when the site has such a file.
type CodeOwners interface {
	// Owners returns the owners of the file at p, a path from the site's
	// root, as the file writes them ("@org/team", "anna@example.com"), and
	// where the rule that gives them is. ok is false when no rule matches.
	Owners(p string) (owners []string, pos diag.Pos, ok bool)
}

// The places a page's owners come from.
const (
	OwnersOwn        = "page"       // the page's own owners key
	OwnersFolder     = "folder"     // the owners key of an _index.md above it
	OwnersCodeOwners = "codeowners" // a rule of the CODEOWNERS file
)

// Ownership is who keeps a page current, and where that is written.
type Ownership struct {
	Owners []Owner
	// Source is OwnersOwn, OwnersFolder or OwnersCodeOwners.
	Source string
	// Pos is where the owners are written: the owners key of the page or
	// of the folder's page, or the CODEOWNERS rule.
	Pos diag.Pos
}

// Owners returns the page's owners: those its front matter names, else
// those of the nearest folder above whose _index.md names some, else those
// a CODEOWNERS rule gives its file. Generated pages have none.
func (p *Page) Owners() []Owner {
	if p.ownership == nil {
		return nil
	}
	return p.ownership.Owners
}

// Ownership returns who owns the page and where that is written, or nil.
func (p *Page) Ownership() *Ownership { return p.ownership }

// URL returns the page of a team or role owner, or "".
func (o Owner) URL() string {
	switch {
	case o.Team != nil:
		return o.Team.Page.URL
	case o.Role != nil:
		return o.Role.Page.URL
	}
	return ""
}

// Kind says what the owner is: "team", "role" or "person".
func (o Owner) Kind() string {
	switch {
	case o.Team != nil:
		return "team"
	case o.Role != nil:
		return "role"
	}
	return "person"
}

// Key identifies the owner across pages: a team or role by slug, a person
// by email, chat handle or name.
func (o Owner) Key() string {
	switch {
	case o.Team != nil:
		return "team:" + o.Team.Slug
	case o.Role != nil:
		return "role:" + o.Role.Slug
	case o.Email != "":
		return "email:" + strings.ToLower(o.Email)
	case o.Chat != "":
		return "chat:" + strings.ToLower(o.Chat)
	}
	return "name:" + strings.ToLower(o.Name)
}

// Anchor is the id of the owner's entry on the owners page.
func (o Owner) Anchor() string {
	kind, rest, _ := strings.Cut(o.Key(), ":")
	return "owner-" + kind + "-" + slugSegment(rest)
}

// OwnerPages is an owner with the pages it owns.
type OwnerPages struct {
	Owner Owner
	Pages []*Page
	// Anchor is the id of the owner's entry on the owners page: the
	// owner's Anchor, or for an owner whose Anchor an owner before it
	// has ("Émile" after "emile"), that with -2, -3 and so on added.
	Anchor string
}

// Owned returns every owner of the pages of a language with their pages,
// by name; the pages by title. The /owners/ page lists them.
func (s *Site) Owned(lang string) []OwnerPages { return s.owned[lang] }

// RootDir returns the content folder's path in the site root (Options).
func (s *Site) RootDir() string { return s.opts.RootDir }

// OwnersURL returns the URL of the owners page of a language, or "".
func (s *Site) OwnersURL(lang string) string {
	if p, ok := s.byURL[s.urlFor(lang, []string{"owners"})]; ok && p.Layout == "owners" {
		return p.URL
	}
	return ""
}

// rawOwner is an entry of an owners list before it is resolved.
type rawOwner struct {
	team, role string // {team: slug}, {role: slug}
	person     Owner
	text       string // a plain entry: a slug, a handle, an email or a name
}

// decodeOwners reads the owners key of a page. ok is false when the page
// has no owners key.
func decodeOwners(p *Page, diags *diag.List) (raw []rawOwner, ok bool) {
	v := p.Param("owners")
	if v == nil || p.Input == nil {
		return nil, false
	}
	pos := keyPos(p.Input.Doc, "owners")
	for _, o := range asList(v) {
		switch o := o.(type) {
		case string:
			if t := strings.TrimSpace(o); t != "" {
				raw = append(raw, rawOwner{text: t})
			}
		case map[string]any:
			switch {
			case str(o["team"]) != "":
				raw = append(raw, rawOwner{team: str(o["team"])})
			case str(o["role"]) != "":
				raw = append(raw, rawOwner{role: str(o["role"])})
			case str(o["name"]) != "" || str(o["email"]) != "" || str(o["chat"]) != "":
				person := Owner{Name: str(o["name"]), Email: str(o["email"]), Chat: str(o["chat"])}
				person.Name = cmp.Or(person.Name, person.Email, person.Chat)
				raw = append(raw, rawOwner{person: person})
			default:
				diags.AddKind("front-matter", diag.Error, pos, "owners: an entry without a name, email, chat, team or role")
			}
		default:
			diags.AddKind("front-matter", diag.Error, pos, "owners: want names, team or role slugs, or {name, email, chat}, {team: slug} or {role: slug} entries")
		}
	}
	return raw, true
}

// people finds the people that front matter describes by their email or
// chat handle, so that a CODEOWNERS handle ("@petter") shows the person's
// name.
type people struct {
	byEmail, byChat, byName map[string]Owner
}

func (pp *people) add(o Owner) {
	if _, ok := pp.byName[strings.ToLower(o.Name)]; !ok && o.Name != "" {
		pp.byName[strings.ToLower(o.Name)] = o
	}
	if o.Email != "" {
		if _, ok := pp.byEmail[strings.ToLower(o.Email)]; !ok {
			pp.byEmail[strings.ToLower(o.Email)] = o
		}
	}
	if o.Chat != "" {
		if _, ok := pp.byChat[strings.ToLower(o.Chat)]; !ok {
			pp.byChat[strings.ToLower(o.Chat)] = o
		}
	}
}

// resolveText turns a plain owners entry, or a CODEOWNERS owner, into an
// owner: a team or role slug ("warehouse"), a team handle whose last part
// is a team or role slug ("@nordvik/warehouse"), a GitLab role ("@@it"),
// a known person's handle or email, or else a person of that name.
func (s *Site) resolveText(lang, t string, pp *people) Owner {
	slug := t
	handle := strings.HasPrefix(t, "@")
	if handle {
		slug = strings.TrimLeft(t, "@")
		if i := strings.LastIndexByte(slug, '/'); i >= 0 {
			slug = slug[i+1:]
		}
	}
	if !handle || strings.Contains(t, "/") || strings.HasPrefix(t, "@@") {
		if tm := s.Team(lang, slug); tm != nil {
			return teamOwner(tm)
		}
		// Only a role's exact slug: other text is a person's name.
		if r := s.roleBySlug(lang, slug); r != nil {
			return roleOwner(r)
		}
	}
	switch {
	case handle:
		if o, ok := pp.byChat[strings.ToLower(t)]; ok {
			return o
		}
		return Owner{Name: t, Chat: t}
	case strings.Contains(t, "@") && !strings.ContainsAny(t, " \t"):
		if o, ok := pp.byEmail[strings.ToLower(t)]; ok {
			return o
		}
		return Owner{Name: t, Email: t}
	}
	if o, ok := pp.byName[strings.ToLower(t)]; ok {
		return o
	}
	return Owner{Name: t}
}

// buildOwners gives every page its owners (see Page.Owners) and makes the
// lists of the owners pages. Folders are resolved once each, so the cost
// is one step per page and folder.
func (s *Site) buildOwners() diag.List {
	var diags diag.List
	raws, pp := s.decodeAllOwners(&diags)
	own := s.ownOwners(raws, pp, &diags)
	inherit := newInheritance(s, own, nil)
	for _, p := range s.pages {
		if p.Input == nil {
			continue
		}
		p.ownership = inheritedOwnership(p, inherit)
		if p.ownership == nil && s.opts.CodeOwners != nil {
			p.ownership = s.codeOwnership(p, pp)
		}
		if p.ownership != nil && len(p.ownership.Owners) == 0 {
			p.ownership = nil
		}
		if p.team != nil {
			p.team.Owners = p.Owners()
		}
	}
	s.owned, s.ownedStarts = map[string][]OwnerPages{}, map[string][]int{}
	for _, l := range s.opts.Languages {
		s.owned[l] = s.ownedPages(l)
		starts := []int{0}
		for _, o := range s.owned[l] {
			starts = append(starts, starts[len(starts)-1]+len(o.Pages))
		}
		s.ownedStarts[l] = starts
	}
	return diags
}

// decodeAllOwners reads the owners key of every page that has one, and
// collects the people the entries describe.
func (s *Site) decodeAllOwners(diags *diag.List) (map[*Page][]rawOwner, *people) {
	pp := &people{byEmail: map[string]Owner{}, byChat: map[string]Owner{}, byName: map[string]Owner{}}
	raws := map[*Page][]rawOwner{}
	for _, p := range s.pages {
		if raw, ok := decodeOwners(p, diags); ok {
			raws[p] = raw
			for _, r := range raw {
				if r.text == "" && r.team == "" && r.role == "" {
					pp.add(r.person)
				}
			}
		}
	}
	return raws, pp
}

// ownOwners resolves the owners each page names in its own front matter,
// and reports unknown teams and roles.
func (s *Site) ownOwners(raws map[*Page][]rawOwner, pp *people, diags *diag.List) map[*Page]*Ownership {
	teamSlugs := slices.Sorted(maps.Keys(s.teams[s.opts.Languages[0]]))
	own := map[*Page]*Ownership{}
	for _, p := range s.pages {
		raw, ok := raws[p]
		if !ok {
			continue
		}
		pos := keyPos(p.Input.Doc, "owners")
		o := &Ownership{Source: OwnersOwn, Pos: pos}
		for _, r := range raw {
			var owner Owner
			switch {
			case r.team != "":
				t := s.Team(p.Lang, r.team)
				if t == nil {
					diags.AddKind("unknown-team", diag.Error, pos, "owners: unknown team %q%s", r.team, diag.DidYouMean(r.team, teamSlugs))
					continue
				}
				owner = teamOwner(t)
			case r.role != "":
				rl := s.Role(p.Lang, r.role)
				if rl == nil {
					diags.AddKind("unknown-role", diag.Error, pos, "owners: unknown role %q%s", r.role, diag.DidYouMean(r.role, s.roleSlugs()))
					continue
				}
				owner = roleOwner(rl)
			case r.text != "":
				owner = s.resolveText(p.Lang, r.text, pp)
			default:
				owner = r.person
			}
			o.add(owner)
		}
		own[p] = o
	}
	return own
}

// add adds an owner that is not listed yet.
func (o *Ownership) add(owner Owner) {
	if !slices.ContainsFunc(o.Owners, func(x Owner) bool { return x.Key() == owner.Key() }) {
		o.Owners = append(o.Owners, owner)
	}
}

// teamOwner returns a team as an owner.
func teamOwner(t *Team) Owner { return Owner{Name: t.Page.Title, Team: t, TeamSlug: t.Slug} }

// roleOwner returns a role as an owner.
func roleOwner(r *Role) Owner { return Owner{Name: r.Title, Role: r, RoleSlug: r.Slug} }

// inheritedOwnership returns a page's owners from its front matter,
// else its original's (for a translation), else its folders', or nil.
func inheritedOwnership(p *Page, in *inheritance[*Ownership]) *Ownership {
	if o, ok := in.own(p); ok {
		return o
	}
	if f := in.folder(p); f != nil {
		return &Ownership{Owners: f.Owners, Source: OwnersFolder, Pos: f.Pos}
	}
	return nil
}

// codeOwnership returns the owners a CODEOWNERS rule gives a page's
// file, or nil.
func (s *Site) codeOwnership(p *Page, pp *people) *Ownership {
	list, pos, ok := s.opts.CodeOwners.Owners(path.Join(s.opts.RootDir, p.Path))
	if !ok {
		return nil
	}
	o := &Ownership{Source: OwnersCodeOwners, Pos: pos}
	for _, t := range list {
		o.add(s.resolveText(p.Lang, t, pp))
	}
	return o
}

// ownedPages lists the owners of a language's pages with their pages,
// the owners by name and the pages by title.
func (s *Site) ownedPages(lang string) []OwnerPages {
	by := map[string]*OwnerPages{}
	for _, p := range s.pages {
		if p.Lang != lang {
			continue
		}
		for _, o := range p.Owners() {
			op := by[o.Key()]
			if op == nil {
				op = &OwnerPages{Owner: o}
				by[o.Key()] = op
			}
			op.Pages = append(op.Pages, p)
		}
	}
	list := make([]OwnerPages, 0, len(by))
	for _, k := range slices.Sorted(maps.Keys(by)) {
		op := by[k]
		slices.SortFunc(op.Pages, byTitle)
		list = append(list, *op)
	}
	slices.SortStableFunc(list, func(a, b OwnerPages) int {
		return compareFold(a.Owner.Name, b.Owner.Name)
	})
	taken := map[string]bool{}
	for i := range list {
		base := list[i].Owner.Anchor()
		a := base
		for n := 2; taken[a]; n++ {
			a = base + "-" + strconv.Itoa(n)
		}
		taken[a], list[i].Anchor = true, a
	}
	return list
}

// original returns the page p translates: its translation in the default
// language, or nil.
func (s *Site) original(p *Page) *Page {
	def := s.opts.Languages[0]
	if p.Lang == def {
		return nil
	}
	for _, t := range p.Translations {
		if t.Lang == def {
			return t
		}
	}
	return nil
}

func byTitle(a, b *Page) int {
	return cmp.Or(compareFold(a.Title, b.Title), cmp.Compare(a.URL, b.URL))
}
