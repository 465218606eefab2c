package model

import (
	"cmp"
	"context"
	"fmt"
	"maps"
	"net/url"
	"path"
	"regexp"
	"slices"
	"strings"

	"github.com/playbookhq/playbook/generator/diag"
	"github.com/playbookhq/playbook/generator/internal/work"
	"github.com/playbookhq/playbook/generator/source"
)

// HandbookKeys are the front-matter keys of team and role pages.
var HandbookKeys = []string{"owners", "contact", "format", "roles", "collaborates_with", "summary", "reports_to", "reviewed", "review_every"}

// Formats are the ways a team can be set up.
var Formats = []string{"co-located", "remote", "third-party", "mixed"}

// Owner is who keeps a page current: a person, or a team or role of the
// handbook (see owners.go).
type Owner struct {
	Name  string `json:"name"`
	Email string `json:"email,omitempty"`
	Chat  string `json:"chat,omitempty"`
	// Team or Role is set when the owner is a team or a role; Name is then
	// its title, and TeamSlug or RoleSlug its slug.
	Team     *Team  `json:"-"`
	Role     *Role  `json:"-"`
	TeamSlug string `json:"team,omitempty"`
	RoleSlug string `json:"role,omitempty"`
}

// Contact says how to reach a team.
type Contact struct {
	Channel string `json:"channel,omitempty"`
	Email   string `json:"email,omitempty"`
	URL     string `json:"url,omitempty"`
}

// TeamRole is a role in a team.
type TeamRole struct {
	Role  *Role `json:"-"`
	Slug  string
	Count int `json:",omitempty"`
}

// Collab is one collaboration between two teams, as declared by From.
type Collab struct {
	From *Team `json:"-"`
	To   *Team `json:"-"`
	// FromSlug and ToSlug name the teams, for output and golden files.
	FromSlug string
	ToSlug   string
	On       string
	Pos      diag.Pos `json:"-"`
}

// Team is a folder under teams/ with its playbook page.
type Team struct {
	Slug    string
	Page    *Page `json:"-"`
	Owners  []Owner
	Contact Contact
	Format  string
	Roles   []TeamRole
	// Collabs are the collaborations this team declared; Mentions are those
	// other teams declared with this team.
	Collabs  []Collab
	Mentions []Collab
	// Onboarding are the team's onboarding checklists.
	Onboarding []*Checklist `json:"-"`
}

// Role is a role that teams have.
type Role struct {
	Slug string
	// Page is the role's page; a generated page when no file describes it.
	Page      *Page `json:"-"`
	Title     string
	Summary   string
	ReportsTo *Role `json:"-"`
	// ReportsToSlug names the role this one reports to.
	ReportsToSlug string `json:",omitempty"`
	// Teams are the teams that have the role, derived from the teams.
	Teams []*Team `json:"-"`
	// TeamSlugs name Teams, for output.
	TeamSlugs []string
	// Reports are the roles that report to this one.
	Reports []*Role `json:"-"`
}

// Checklist is one task list of a page: the items under one heading.
type Checklist struct {
	Page     *Page `json:"-"`
	PagePath string
	// Heading is the id of the heading the items are under, which a link
	// to them names: "" for items under no heading or under the heading
	// the page shows as its title, which has no id on the page.
	Heading     string
	HeadingText string
	Items       []ChecklistItem
}

// Group is the page the checklist index lists the checklist under: a
// page's folder page, or the folder's (or home) page itself.
func (c *Checklist) Group() *Page {
	if c.Page.Kind == KindPage && c.Page.Parent != nil {
		return c.Page.Parent
	}
	return c.Page
}

// ChecklistItem is one item of a checklist.
type ChecklistItem struct {
	ID   string
	Text string
	// HTML is Text with its inline code and emphasis, escaped; templates
	// show it with taskHTML.
	HTML    string `json:"-"`
	Checked bool
	// Who is the role prefix of the item ("Hiring manager"), or "".
	Who string `json:",omitempty"`
	// WhoRole is the role Who names, when one matches.
	WhoRole *Role `json:"-"`
}

var onboardingRE = regexp.MustCompile(`(?i)onboard|introduktion|first week|första veckan`)

// IsOnboarding reports whether a checklist's heading names onboarding.
func (c *Checklist) IsOnboarding() bool {
	return onboardingRE.MatchString(c.HeadingText) || onboardingRE.MatchString(c.Heading)
}

// Teams returns the teams of a language, by weight then title: its own,
// and those of the default language that have no translation in it.
func (s *Site) Teams(lang string) []*Team {
	if s.langs != nil {
		return s.langs.teams[lang]
	}
	return s.teamList[lang]
}

// Team returns a team by language and slug, falling back to the default
// language.
func (s *Site) Team(lang, slug string) *Team {
	if t := s.teams[lang][slug]; t != nil {
		return t
	}
	return s.teams[s.opts.Languages[0]][slug]
}

// Roles returns the roles of a language, by title: its own, and those of
// the default language that have no translation in it.
func (s *Site) Roles(lang string) []*Role {
	if s.langs != nil {
		return s.langs.roles[lang]
	}
	return s.roleList[lang]
}

// Role returns a role by language and slug, falling back to the default
// language. A name that is not a slug finds the role whose page has the
// URL the name makes: "Team Lead" and "team-lead" both name the role at
// /roles/team-lead/.
func (s *Site) Role(lang, slug string) *Role {
	for _, l := range []string{lang, s.opts.Languages[0]} {
		if r := s.roles[l][slug]; r != nil {
			return r
		}
		if p := s.byURL[s.urlFor(l, []string{"roles", slugSegment(slug)})]; p != nil && p.role != nil {
			return p.role
		}
	}
	return nil
}

// roleBySlug returns a role by language and exact slug, falling back to
// the default language.
func (s *Site) roleBySlug(lang, slug string) *Role {
	if r := s.roles[lang][slug]; r != nil {
		return r
	}
	return s.roles[s.opts.Languages[0]][slug]
}

// Checklists returns every checklist of a language, by page URL.
func (s *Site) Checklists(lang string) []*Checklist { return s.checklists[lang] }

// Team returns the team whose playbook p is, or nil.
func (p *Page) Team() *Team { return p.team }

// Role returns the role p describes, or nil.
func (p *Page) Role() *Role { return p.role }

// Checklists returns the page's checklists.
func (p *Page) Checklists() []*Checklist { return p.checklists }

// Backlinks returns the pages that link to p, by title.
func (p *Page) Backlinks() []*Page { return p.backlinks }

// Linkers returns the pages of any language that link to the page, in the
// site's page order: those whose links the page's headings and URL
// decide.
func (p *Page) Linkers() []*Page { return p.linkers }

// teamSlug returns the slug of the team whose index page is at p, or "".
func teamSlug(p *Page) string {
	if p.Input == nil || strings.Count(p.Dir, "/") != 1 || !strings.HasPrefix(p.Dir, "teams/") {
		return ""
	}
	if !p.isIndex() {
		return ""
	}
	return path.Base(p.Dir)
}

// roleSlug returns the slug of the role page p, or "".
func roleSlug(p *Page) string {
	if p.Kind != KindPage || p.Dir != "roles" || p.Input == nil || p.isIndex() {
		return ""
	}
	return source.TrimExt(path.Base(p.Path))[:len(p.translationBase())]
}

// buildHandbook derives teams, roles, checklists and backlinks from the pages.
func (s *Site) buildHandbook() diag.List {
	s.teams, s.roles = map[string]map[string]*Team{}, map[string]map[string]*Role{}
	s.teamList, s.roleList, s.checklists = map[string][]*Team{}, map[string][]*Role{}, map[string][]*Checklist{}
	for _, l := range s.opts.Languages {
		s.teams[l], s.roles[l] = map[string]*Team{}, map[string]*Role{}
	}
	s.addRoles()
	diags := s.addTeams()
	s.inheritTeams()
	s.inheritRoles()
	s.resolveTeamRoles()
	s.linkRoleTeams()
	known := s.roleSlugs()
	diags = append(diags, s.linkRoles(known)...)
	diags = append(diags, s.checkTeamRoles(known)...)
	diags = append(diags, s.linkCollabs()...)
	s.buildChecklists()
	s.buildBacklinks()
	return diags
}

// addRoles makes a role of each role page.
func (s *Site) addRoles() {
	for _, p := range s.pages {
		slug := roleSlug(p)
		if slug == "" {
			continue
		}
		r := &Role{Slug: slug, Page: p, Title: p.Title}
		r.Summary, _ = p.Param("summary").(string)
		if r.Summary == "" {
			r.Summary = p.Description
		}
		if v := p.Param("reports_to"); v != nil {
			r.ReportsToSlug = fmt.Sprint(v)
		}
		p.role = r
		s.roles[p.Lang][slug] = r
	}
}

// addTeams makes a team of each team page and reads its handbook keys.
func (s *Site) addTeams() diag.List {
	var diags diag.List
	for _, p := range s.pages {
		slug := teamSlug(p)
		if slug == "" {
			continue
		}
		t := &Team{Slug: slug, Page: p}
		p.team = t
		s.teams[p.Lang][slug] = t
		diags = append(diags, decodeTeam(t, p)...)
	}
	return diags
}

// teamsBySlug returns the teams of a language in slug order.
func (s *Site) teamsBySlug(lang string) []*Team {
	teams := make([]*Team, 0, len(s.teams[lang]))
	for _, slug := range slices.Sorted(maps.Keys(s.teams[lang])) {
		teams = append(teams, s.teams[lang][slug])
	}
	return teams
}

// resolveTeamRoles links the roles teams name to their roles. Roles
// without a page get a generated page in the default language.
func (s *Site) resolveTeamRoles() {
	for _, l := range s.opts.Languages {
		for _, t := range s.teamsBySlug(l) {
			for i, tr := range t.Roles {
				r := s.Role(l, tr.Slug)
				if r == nil {
					r = s.generatedRole(tr.Slug)
				}
				t.Roles[i].Role = r
			}
		}
	}
}

// addTeam adds team t to the role's teams unless it is there, and says
// whether it added it. Teams are added one after another, each with all
// its roles, so t can only be the last one added: two names of one role on
// a team list the team once.
func (r *Role) addTeam(t *Team) bool {
	if n := len(r.Teams); n > 0 && r.Teams[n-1] == t {
		return false
	}
	r.Teams = append(r.Teams, t)
	return true
}

// linkRoleTeams gives each role of a language the teams of that language
// that have it.
func (s *Site) linkRoleTeams() {
	for _, l := range s.opts.Languages {
		for _, t := range s.teamsBySlug(l) {
			for _, tr := range t.Roles {
				if r := tr.Role; r != nil && s.roles[l][r.Slug] == r {
					r.addTeam(t)
				}
			}
		}
	}
}

// linkRoles sorts each role's teams, resolves reports_to against the
// known role slugs, and makes each language's list of roles.
func (s *Site) linkRoles(known []string) diag.List {
	var diags diag.List
	for _, l := range s.opts.Languages {
		for _, slug := range slices.Sorted(maps.Keys(s.roles[l])) {
			r := s.roles[l][slug]
			slices.SortFunc(r.Teams, teamOrder)
			for _, t := range r.Teams {
				r.TeamSlugs = append(r.TeamSlugs, t.Slug)
			}
			if r.ReportsToSlug == "" {
				continue
			}
			if boss := s.Role(l, r.ReportsToSlug); boss != nil {
				r.ReportsTo = boss
				// A role's page lists the roles of its own language
				// that report to it.
				if boss.Page.Lang == r.Page.Lang {
					boss.Reports = append(boss.Reports, r)
				}
			} else if r.Page.Input != nil {
				diags.AddKind("unknown-role", diag.Error, r.Page.Input.Doc.KeyPos("reports_to"),
					"reports_to: unknown role %q%s", r.ReportsToSlug, diag.DidYouMean(r.ReportsToSlug, known))
			}
		}
		s.roleList[l] = slices.SortedFunc(maps.Values(s.roles[l]), func(a, b *Role) int {
			return cmp.Or(compareFold(a.Title, b.Title), cmp.Compare(a.Slug, b.Slug))
		})
		for _, r := range s.roleList[l] {
			slices.SortFunc(r.Reports, func(a, b *Role) int { return cmp.Compare(a.Slug, b.Slug) })
		}
	}
	return diags
}

// checkTeamRoles reports team roles that got a generated page but are
// close to a known role's slug: those are likely typos.
func (s *Site) checkTeamRoles(known []string) diag.List {
	var diags diag.List
	for _, l := range s.opts.Languages {
		for _, t := range s.teamsBySlug(l) {
			for _, tr := range t.Roles {
				if tr.Role != nil && tr.Role.Page.Generated {
					if sug := diag.Suggest(tr.Slug, known); sug != "" {
						diags.AddKind("unknown-role", diag.Error, t.Page.Input.Doc.KeyPos("roles"),
							"roles: unknown role %q (did you mean %q?)", tr.Slug, sug)
					}
				}
			}
		}
	}
	return diags
}

// linkCollabs resolves the teams of each collaboration, shows each on
// both teams' pages, and makes each language's list of teams.
func (s *Site) linkCollabs() diag.List {
	var diags diag.List
	teamSlugs := slices.Sorted(maps.Keys(s.teams[s.opts.Languages[0]]))
	for _, l := range s.opts.Languages {
		for _, t := range s.teamsBySlug(l) {
			for i := range t.Collabs {
				c := &t.Collabs[i]
				c.From = t
				c.To = s.Team(l, c.ToSlug)
				if c.To == nil {
					diags.AddKind("unknown-team", diag.Error, c.Pos, "collaborates_with: unknown team %q%s", c.ToSlug, diag.DidYouMean(c.ToSlug, teamSlugs))
					continue
				}
				if c.To.Page.Lang == l {
					c.To.Mentions = append(c.To.Mentions, *c)
				}
			}
		}
		s.teamList[l] = slices.SortedFunc(maps.Values(s.teams[l]), teamOrder)
	}
	return diags
}

func teamOrder(a, b *Team) int { return byWeight(a.Page, b.Page) }

// roleSlugs lists the slugs of the roles that have a page.
func (s *Site) roleSlugs() []string {
	var out []string
	for _, r := range s.roles[s.opts.Languages[0]] {
		if !r.Page.Generated {
			out = append(out, r.Slug)
		}
	}
	slices.Sort(out)
	return out
}

// generatedRole makes a page for a role that teams name but no file
// describes, titled as the first team names it, its slug the one its
// URL has.
func (s *Site) generatedRole(name string) *Role {
	def := s.opts.Languages[0]
	title := humanize(name, ".")
	slug := slugSegment(name)
	p := &Page{Path: "roles/" + slug + ".md", Dir: "roles", Kind: KindPage, Lang: def, Title: title, Generated: true, Params: map[string]any{}}
	p.RelURL = s.urlFor(def, []string{"roles", slug})
	p.URL = s.opts.BasePath + p.RelURL
	r := &Role{Slug: slug, Page: p, Title: title}
	p.role = r
	s.roles[def][slug] = r
	if _, taken := s.byURL[p.RelURL]; !taken {
		s.byURL[p.RelURL] = p
		s.addPath(p)
		s.pages = append(s.pages, p)
		parent := s.byURL[s.urlFor(def, []string{"roles"})]
		if parent == nil {
			parent = s.homes[def]
		}
		p.Parent = parent
		parent.Children = append(parent.Children, p)
		slices.SortFunc(parent.Children, s.byPlace)
	} else {
		s.lost = append(s.lost, p)
	}
	return r
}

// decodeTeam reads a team page's handbook keys.
func decodeTeam(t *Team, p *Page) diag.List {
	var diags diag.List
	doc := p.Input.Doc
	bad := func(key, format string, args ...any) {
		diags.AddKind("front-matter", diag.Error, doc.KeyPos(key), key+": "+format, args...)
	}
	// Owners are those of the page, from buildOwners.
	switch c := p.Param("contact").(type) {
	case nil:
	case string:
		if strings.Contains(c, "@") && !strings.HasPrefix(c, "@") {
			t.Contact.Email = c
		} else if strings.Contains(c, "://") {
			t.Contact.URL = c
		} else {
			t.Contact.Channel = c
		}
	case map[string]any:
		t.Contact = Contact{Channel: str(c["channel"]), Email: str(c["email"]), URL: str(c["url"])}
	default:
		bad("contact", "want a channel, an email, a link or {channel, email, url}")
	}
	if f := p.Param("format"); f != nil {
		t.Format = strings.ToLower(str(f))
		if !slices.Contains(Formats, t.Format) {
			bad("format", "%q is not one of %s%s", t.Format, strings.Join(Formats, ", "), diag.DidYouMean(t.Format, Formats))
		}
	}
	for _, r := range asList(p.Param("roles")) {
		switch r := r.(type) {
		case string:
			t.Roles = append(t.Roles, TeamRole{Slug: r})
		case map[string]any:
			n, _ := asIntValue(r["count"])
			t.Roles = append(t.Roles, TeamRole{Slug: str(r["role"]), Count: n})
		default:
			bad("roles", "want role slugs or {role, count} entries")
		}
	}
	pos := doc.KeyPos("collaborates_with")
	for i, c := range asList(p.Param("collaborates_with")) {
		m, ok := c.(map[string]any)
		if !ok || str(m["team"]) == "" {
			bad("collaborates_with", "entry %d: want {team: <slug>, on: \"what you work on together\"}", i+1)
			continue
		}
		cpos := pos
		if cpos.Line > 0 {
			cpos.Line += 1 + 2*i // one entry a two-line item is the usual layout
			cpos.Line = min(cpos.Line, doc.BodyLine-1)
		}
		t.Collabs = append(t.Collabs, Collab{FromSlug: t.Slug, ToSlug: str(m["team"]), On: str(m["on"]), Pos: cpos})
	}
	return diags
}

func asList(v any) []any {
	switch v := v.(type) {
	case []any:
		return v
	case []map[string]any:
		out := make([]any, len(v))
		for i, m := range v {
			out[i] = m
		}
		return out
	case nil:
		return nil
	}
	return []any{v}
}

func str(v any) string {
	if v == nil {
		return ""
	}
	return strings.TrimSpace(fmt.Sprint(v))
}

func asIntValue(v any) (int, bool) {
	switch v := v.(type) {
	case int:
		return v, true
	case int64:
		return int(v), true
	case uint64:
		return int(v), true
	case float64:
		return int(v), true
	}
	return 0, false
}

// buildChecklists groups each page's tasks by heading.
func (s *Site) buildChecklists() {
	for _, p := range s.pages {
		if p.Input == nil {
			continue
		}
		var cur *Checklist
		var under string // the id of the heading cur's items are under
		for _, t := range p.Input.Tasks {
			if cur == nil || under != t.Heading {
				under = t.Heading
				// The title heading's id is not on the page: matchAnchor
				// makes it "", a link to the page.
				anchor, _ := p.matchAnchorOf(t.Heading, false)
				heading, _ := headingByID(p, t.Heading)
				cur = &Checklist{Page: p, PagePath: p.Path, Heading: anchor, HeadingText: heading.Text}
				p.checklists = append(p.checklists, cur)
			}
			item := ChecklistItem{ID: t.ID, Text: t.Text, HTML: t.HTML, Checked: t.Checked, Who: t.Who}
			if t.Who != "" {
				item.WhoRole = s.RoleByName(p.Lang, t.Who)
			}
			cur.Items = append(cur.Items, item)
		}
		s.checklists[p.Lang] = append(s.checklists[p.Lang], p.checklists...)
		if t := p.team; t != nil {
			for _, c := range p.checklists {
				if c.IsOnboarding() {
					t.Onboarding = append(t.Onboarding, c)
				}
			}
		}
	}
	for _, list := range s.checklists {
		byGroup(list)
	}
}

// byGroup puts the checklists of each group together, the groups in the
// order of their first checklist: pages sort by path, so the top-level
// pages after a folder's would otherwise open a second group of the home
// page.
func byGroup(list []*Checklist) {
	first := map[*Page]int{}
	for i, c := range list {
		if _, ok := first[c.Group()]; !ok {
			first[c.Group()] = i
		}
	}
	slices.SortStableFunc(list, func(a, b *Checklist) int {
		return cmp.Compare(first[a.Group()], first[b.Group()])
	})
}

// RoleByName finds a role by slug or title, ignoring case.
func (s *Site) RoleByName(lang, name string) *Role {
	key := slugSegment(name)
	if r := s.Role(lang, key); r != nil {
		return r
	}
	for _, l := range []string{lang, s.opts.Languages[0]} {
		for _, r := range s.roleList[l] {
			if strings.EqualFold(r.Title, name) {
				return r
			}
		}
	}
	return nil
}

// buildBacklinks records, for every page, the pages that link to it: of
// its language (Backlinks), and of any (Linkers).
func (s *Site) buildBacklinks() {
	// Resolving the links is most of the work, and each page's are its
	// own: they are resolved on every core, then recorded in page order.
	targets := make([][]*Page, len(s.pages))
	work.Each(context.Background(), len(s.pages), func(i int) {
		p := s.pages[i]
		if p.Input == nil {
			return
		}
		seen := map[*Page]bool{}
		for _, l := range p.Input.Links {
			var to *Page
			if l.Absolute {
				to = s.absoluteTarget(l.Dest)
			} else if t, err := s.lookup(p.Path, l.File, l.Dest); toPage(err) {
				to = t.Page
			}
			if to == nil || to == p || seen[to] {
				continue
			}
			seen[to] = true
			targets[i] = append(targets[i], to)
		}
		// Raw HTML's links, where the browser goes from the page.
		for _, u := range p.Input.HTMLURLs {
			t := s.htmlTarget(p, u)
			if t == nil || t == p || seen[t] {
				continue
			}
			seen[t] = true
			targets[i] = append(targets[i], t)
		}
	})
	for i, p := range s.pages {
		for _, t := range targets[i] {
			t.linkers = append(t.linkers, p)
			// A page lists the pages of its own language that link to it.
			if t.Lang == p.Lang {
				t.backlinks = append(t.backlinks, p)
			}
		}
	}
	work.Each(context.Background(), len(s.pages), func(i int) {
		slices.SortFunc(s.pages[i].backlinks, func(a, b *Page) int {
			return cmp.Or(compareFold(a.Title, b.Title), cmp.Compare(a.URL, b.URL))
		})
	})
}

// checkOrphans warns about pages that nothing links to: no link, no entry
// of a navigation file (a TOC, an mkdocs.yml nav), no team naming them as
// a role or collaborator. On a site whose .pages files have a nav, as
// MkDocs' awesome-pages makes it, and no navigation file, a page in the
// navigation is not one:
// MkDocs reports a page not in its nav, and that navigation holds every
// page but those a .pages nav leaves out, and the pages of a folder it
// leaves out.
func (s *Site) checkOrphans() diag.List {
	var diags diag.List
	referenced := map[*Page]bool{}
	s.eachTOCEntry(func(t *TOC, e *TOCEntry) {
		if tg, err := s.Lookup(t.Path, e.Dest); e.Dest != "" && err == nil && tg.Page != nil {
			referenced[tg.Page] = true
		}
	})
	for _, l := range s.opts.Languages {
		for _, t := range s.teamList[l] {
			for _, r := range t.Roles {
				if r.Role != nil {
					referenced[r.Role.Page] = true
				}
			}
			for _, c := range t.Collabs {
				if c.To != nil {
					referenced[c.To.Page] = true
				}
			}
		}
	}
	// On an awesome-pages site, or a Docusaurus one with autogenerated
	// sidebars, the orphans are the pages the navigation leaves out. A
	// navigation file (a TOC) makes the navigation instead, and lists the
	// pages it holds: then .pages files only order folders.
	awesome := false
	for _, c := range s.opts.Categories {
		awesome = awesome || c.Order != nil
	}
	byNav := len(s.opts.TOCs) == 0 && (awesome || s.opts.AutoSidebar)
	var byRepo map[*Page]repoLink
	for _, p := range s.pages {
		// Team and role pages are listed on the home page and the role index.
		if p.Input == nil || p.Kind != KindPage || len(p.backlinks) > 0 || referenced[p] || p.team != nil || p.role != nil || p.RedirectTo != "" ||
			byNav && inNav(p) {
			continue
		}
		if byRepo == nil {
			byRepo = s.repoLinks()
		}
		hint := ""
		if l, ok := byRepo[p]; ok {
			hint = fmt.Sprintf(" (%s links to its file on %s: set repo = %q in playbook.toml, and such links count)", l.from.Path, l.repo, "https://"+l.repo)
		}
		diags.AddKind("orphan-page", diag.Warning, diag.Pos{File: p.Path, Line: 1, Col: 1}, "no page links to %s%s", p.Title, hint)
	}
	return diags
}

// repoLink is a web link to a page's file on GitHub or GitLab: the
// repository and the page that links.
type repoLink struct {
	repo string
	from *Page
}

// repoLinks finds, on a site that names no repository (Options.RepoURL),
// the pages whose files the web links of other pages show on GitHub or
// GitLab, by the link that comes first: a handbook read on GitHub often
// links its pages so from its README, and the orphan check says then
// which repo to set. A repository counts when links show two pages or
// more in it: one link to a README.md or CONTRIBUTING.md elsewhere is no
// sign that it is the site's.
func (s *Site) repoLinks() map[*Page]repoLink {
	out := map[*Page]repoLink{}
	if s.opts.RepoURL != "" {
		return out
	}
	for _, from := range s.pages {
		if from.Input == nil {
			continue
		}
		for _, l := range from.Input.Links {
			if !l.Absolute || !strings.Contains(l.Dest, "/tree/") && !strings.Contains(l.Dest, "/blob/") {
				continue
			}
			u, err := url.Parse(strings.TrimSpace(l.Dest))
			if err != nil || u.Host == "" {
				continue
			}
			repo := repoOf(u)
			if repo == "" {
				continue
			}
			if pg := s.repoTarget(u, repo); pg != nil && pg != from {
				if _, seen := out[pg]; !seen {
					out[pg] = repoLink{repo, from}
				}
			}
		}
	}
	pages := map[string]int{} // of each repository
	for _, l := range out {
		pages[l.repo]++
	}
	maps.DeleteFunc(out, func(_ *Page, l repoLink) bool { return pages[l.repo] < 2 })
	return out
}

// inNav reports whether p is in the navigation: neither it nor a page
// above it is hidden.
func inNav(p *Page) bool {
	for ; p != nil; p = p.Parent {
		if p.Hidden {
			return false
		}
	}
	return true
}

// Review reports what a maintainer should look at beyond errors: team pages
// without owners, teams without an onboarding checklist, placeholders that
// playbook new wrote and that are still there, and Markdown that GitHub and
// GitLab read differently (see checkPortability).
func (s *Site) Review() diag.List {
	diags := append(s.checkPlaceholders(), s.checkPortability()...)
	for _, l := range s.opts.Languages {
		for _, t := range s.teamList[l] {
			pos := diag.Pos{File: t.Page.Path, Line: 1, Col: 1}
			if len(t.Owners) == 0 {
				diags.AddKind("no-owner", diag.Warning, pos, "team %s has no owners: add an owners list to its front matter", t.Slug)
			}
			if len(t.Onboarding) == 0 {
				diags.AddKind("no-onboarding", diag.Warning, pos, "team %s has no onboarding checklist: add a task list under an Onboarding heading", t.Slug)
			}
		}
	}
	return diags
}

// Param returns the front-matter value of key, matching the key without
// regard to case ("Owners" and "owners" are the same key), or nil.
func (p *Page) Param(key string) any {
	if v, ok := p.Params[key]; ok {
		return v
	}
	for _, k := range slices.Sorted(maps.Keys(p.Params)) {
		if strings.EqualFold(k, key) {
			return p.Params[k]
		}
	}
	return nil
}
