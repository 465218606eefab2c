package model

import (
	"cmp"
	"maps"
	"path"
	"slices"
	"strings"

	"github.com/playbookhq/playbook/generator/diag"
	"github.com/playbookhq/playbook/generator/source"
)

// This file makes the languages of a site one handbook: the pages the
// build generates have their translations too, a translated team takes
// what its original says and it does not, lists in a language show every
// team and role (the original's page where there is no translation), and
// a checklist's ticks are one across its translations.

// languageIndex is what the site knows across languages.
type languageIndex struct {
	// teams and roles are what a language's lists show: its own, and the
	// default language's where it has no translation.
	teams map[string][]*Team
	roles map[string][]*Role
}

// Original returns the page p translates (its page in the default
// language), or nil for a page of the default language or one without an
// original.
func (s *Site) Original(p *Page) *Page { return s.original(p) }

// ChecklistPath returns the source path that names the reader's ticks of
// the page's checklists: the original's, for a translation whose items
// are matched with its original's (see shareTicks), so that ticking an
// item in one language ticks it in all.
func (p *Page) ChecklistPath() string {
	if p.ticks != nil && p.ticks.page != nil {
		return p.ticks.page.Path
	}
	return p.Path
}

// TaskIDs maps the ids of a translation's checklist items to those of the
// original's items they stand for, or is nil.
func (p *Page) TaskIDs() map[string]string {
	if p.ticks == nil {
		return nil
	}
	return p.ticks.ids
}

// sharedTicks is how a translation's checklist items name their ticks.
type sharedTicks struct {
	page *Page
	ids  map[string]string
}

// inheritTeams gives each translated team what its original's front
// matter says and its own does not: owners, contact, format, roles and
// collaborations, so that a translation need only translate the text.
// Collaborations with teams that do not exist are left to the original,
// which reports them.
func (s *Site) inheritTeams() {
	def := s.opts.Languages[0]
	for _, l := range s.opts.Languages[1:] {
		for _, slug := range slices.Sorted(maps.Keys(s.teams[l])) {
			t := s.teams[l][slug]
			o := s.teams[def][slug]
			if orig := s.original(t.Page); orig != nil && orig.team != nil {
				o = orig.team
			}
			if o == nil {
				continue
			}
			p := t.Page
			if p.Param("owners") == nil && len(t.Owners) == 0 {
				t.Owners = slices.Clone(o.Owners)
			}
			if p.Param("contact") == nil && t.Contact == (Contact{}) {
				t.Contact = o.Contact
			}
			if p.Param("format") == nil && t.Format == "" {
				t.Format = o.Format
			}
			if p.Param("roles") == nil && len(t.Roles) == 0 {
				for _, r := range o.Roles {
					t.Roles = append(t.Roles, TeamRole{Slug: r.Slug, Count: r.Count})
				}
			}
			if p.Param("collaborates_with") == nil && len(t.Collabs) == 0 {
				for _, c := range o.Collabs {
					if s.teams[def][c.ToSlug] != nil {
						t.Collabs = append(t.Collabs, Collab{FromSlug: t.Slug, ToSlug: c.ToSlug, On: c.On, Pos: c.Pos})
					}
				}
			}
		}
	}
}

// inheritRoles gives each translated role page the role its original
// reports to when it names none.
func (s *Site) inheritRoles() {
	for _, p := range s.pages {
		r := p.role
		if r == nil || r.ReportsToSlug != "" || p.Param("reports_to") != nil {
			continue
		}
		if o := s.original(p); o != nil && o.role != nil {
			r.ReportsToSlug = o.role.ReportsToSlug
		}
	}
}

// linkLanguages links what the build generates across languages, lists
// every team and role in every language and shares checklist ticks
// between translations. It runs once the list pages exist.
func (s *Site) linkLanguages() diag.List {
	s.langs = &languageIndex{teams: map[string][]*Team{}, roles: map[string][]*Role{}}
	def := s.opts.Languages[0]
	for _, l := range s.opts.Languages {
		teams := slices.Clone(s.teamList[l])
		roles := slices.Clone(s.roleList[l])
		if l != def {
			var fallback []*Team
			for _, t := range s.teamList[def] {
				if s.teams[l][t.Slug] == nil && !translatedIn(t.Page, l) {
					fallback = append(fallback, t)
				}
			}
			teams = append(teams, fallback...)
			for _, r := range s.roleList[def] {
				if s.roles[l][r.Slug] == nil && !translatedIn(r.Page, l) {
					roles = append(roles, r)
				}
			}
			// The language's own roles also have the teams that have no
			// translation in it.
			added := map[*Role]bool{}
			for _, t := range fallback {
				for _, tr := range t.Roles {
					if tr.Role == nil {
						continue
					}
					if r := s.roles[l][tr.Role.Slug]; r != nil && r.addTeam(t) {
						added[r] = true
					}
				}
			}
			for r := range added {
				slices.SortFunc(r.Teams, teamOrder)
				r.TeamSlugs = r.TeamSlugs[:0]
				for _, t := range r.Teams {
					r.TeamSlugs = append(r.TeamSlugs, t.Slug)
				}
			}
		}
		slices.SortFunc(teams, teamOrder)
		slices.SortFunc(roles, func(a, b *Role) int {
			return cmp.Or(compareFold(a.Title, b.Title), cmp.Compare(a.Slug, b.Slug), cmp.Compare(a.Page.Lang, b.Page.Lang))
		})
		s.langs.teams[l], s.langs.roles[l] = teams, roles
	}
	s.linkGenerated()
	return s.shareTicks()
}

// translatedIn reports whether p has a translation in lang.
func translatedIn(p *Page, lang string) bool {
	return slices.ContainsFunc(p.Translations, func(t *Page) bool { return t.Lang == lang })
}

// linkGenerated links the pages the build makes to their translations:
// the list pages (/checklists/, /tags/ and the like) by their place, and
// each tag's page to the tag that the translations of its pages carry in
// the same place (a page tagged [warehouse, returns] whose translation is
// tagged [lager, returer] makes "warehouse" and "lager" one tag), the tag
// most such pages agree on winning.
func (s *Site) linkGenerated() {
	def := s.opts.Languages[0]
	groups := map[string][]*Page{}
	var tags []*Page
	for _, p := range s.pages {
		if !p.Generated || len(p.Translations) > 0 || p.Input != nil {
			continue
		}
		switch {
		case p.Layout == "tag":
			if p.Lang == def {
				tags = append(tags, p)
			}
		case p.Layout != "":
			groups[p.Layout+"\x00"+p.Path] = append(groups[p.Layout+"\x00"+p.Path], p)
		}
	}
	for _, tr := range s.tagTranslations(tags) {
		groups["tag\x00"+tr[0].Path] = tr
	}
	for _, k := range slices.Sorted(maps.Keys(groups)) {
		g := groups[k]
		for _, p := range g {
			p.Translations = p.Translations[:0]
			for _, q := range g {
				if q != p {
					p.Translations = append(p.Translations, q)
				}
			}
			slices.SortFunc(p.Translations, func(a, b *Page) int { return cmp.Compare(a.Lang, b.Lang) })
		}
	}
}

// tagTranslations pairs each tag page of the default language with the
// tag pages of the other languages that its pages' translations carry in
// the same place of their tags. A tag is paired at most once per
// language: the pairs with the most pages agreeing come first.
func (s *Site) tagTranslations(tags []*Page) [][]*Page {
	type vote struct {
		from, to *Page
		n        int
	}
	out := map[*Page][]*Page{}
	for _, l := range s.opts.Languages[1:] {
		var votes []vote
		for _, tp := range tags {
			slug := slugSegment(tagName(tp))
			count := map[*Page]int{}
			for _, p := range tp.Listed {
				var q *Page
				for _, t := range p.Translations {
					if t.Lang == l {
						q = t
					}
				}
				if q == nil || len(q.Tags) != len(p.Tags) {
					continue
				}
				// Any spelling of the tag: they share its page.
				i := slices.IndexFunc(p.Tags, func(t string) bool { return slugSegment(t) == slug })
				if i < 0 {
					continue
				}
				if to := s.byURL[s.urlFor(l, []string{"tags", slugSegment(q.Tags[i])})]; to != nil && to.Layout == "tag" {
					count[to]++
				}
			}
			for to, n := range count {
				votes = append(votes, vote{tp, to, n})
			}
		}
		slices.SortFunc(votes, func(a, b vote) int {
			return cmp.Or(cmp.Compare(b.n, a.n), cmp.Compare(a.from.RelURL, b.from.RelURL), cmp.Compare(a.to.RelURL, b.to.RelURL))
		})
		taken := map[*Page]bool{}
		for _, v := range votes {
			if taken[v.from] || taken[v.to] {
				continue
			}
			taken[v.from], taken[v.to] = true, true
			out[v.from] = append(out[v.from], v.to)
		}
	}
	var groups [][]*Page
	for _, tp := range tags {
		if len(out[tp]) > 0 {
			groups = append(groups, append([]*Page{tp}, out[tp]...))
		}
	}
	return groups
}

// shareTicks matches the checklist items of each translation with its
// original's, so that they name the same ticks: an item with an {#id} the
// original also has is that item; otherwise the checklists are paired in
// order and their items in order. A translation whose checklists differ
// in number from the original's, or a checklist whose items do, keeps
// those ticks apart, with a warning.
func (s *Site) shareTicks() diag.List {
	var diags diag.List
	for _, p := range s.pages {
		o := s.original(p)
		if p.Input == nil || o == nil || o.Input == nil || len(p.Input.Tasks) == 0 || len(o.Input.Tasks) == 0 {
			continue
		}
		mine, theirs := taskGroups(p.Input.Tasks), taskGroups(o.Input.Tasks)
		origIDs := map[string]bool{}
		for _, t := range o.Input.Tasks {
			origIDs[t.ID] = true
		}
		ids := map[string]string{}
		if len(mine) != len(theirs) {
			diags.AddKind("translation-checklist", diag.Warning, mine[0][0].Pos,
				"%s has %d checklists and its original %s has %d, so readers' ticks here are kept apart from the original's: give the translation the same checklists, or give items the same {#id} in both",
				p.Path, len(mine), o.Path, len(theirs))
		} else {
			for j, g := range mine {
				if len(g) != len(theirs[j]) {
					diags.AddKind("translation-checklist", diag.Warning, g[0].Pos,
						"this checklist has %d items and the one it translates in %s has %d, so readers' ticks here are kept apart from the original's: give it the same items, or give items the same {#id} in both",
						len(g), o.Path, len(theirs[j]))
					continue
				}
				for i, t := range g {
					if !origIDs[t.ID] {
						ids[t.ID] = theirs[j][i].ID
					}
				}
			}
		}
		p.ticks = &sharedTicks{page: o, ids: ids}
		for _, c := range p.checklists {
			for i := range c.Items {
				if to, ok := ids[c.Items[i].ID]; ok {
					c.Items[i].ID = to
				}
			}
		}
	}
	return diags
}

// taskGroups splits a page's tasks into its checklists: runs of tasks
// under one heading, as buildChecklists groups them.
func taskGroups(tasks []Task) [][]Task {
	var out [][]Task
	for i, t := range tasks {
		if i == 0 || t.Heading != tasks[i-1].Heading {
			out = append(out, nil)
		}
		out[len(out)-1] = append(out[len(out)-1], t)
	}
	return out
}

// langCodes are the two-letter ISO 639-1 language codes.
const langCodes = "aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy " +
	"da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz " +
	"ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv " +
	"mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu " +
	"rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty " +
	"ug uk ur uz ve vi vo wa wo xh yi yo za zh zu"

// fileLanguage returns the language code a file name ends in, "sv" for
// "index.sv.md" or "pt-br" for "guide.pt-BR.md", or "".
func fileLanguage(name string) string {
	base := source.TrimExt(name)
	i := strings.LastIndexByte(base, '.')
	if i <= 0 {
		return ""
	}
	code := strings.ToLower(base[i+1:])
	lang, region, hasRegion := strings.Cut(code, "-")
	if !hasRegion {
		lang, region, hasRegion = strings.Cut(code, "_")
	}
	if len(lang) != 2 || !strings.Contains(" "+langCodes+" ", " "+lang+" ") {
		return ""
	}
	if hasRegion && (len(region) < 2 || len(region) > 4 || strings.Trim(region, "abcdefghijklmnopqrstuvwxyz0123456789") != "") {
		return ""
	}
	return code
}

// checkFileLanguages warns about pages whose file name ends in a language
// code the site does not have ("index.sv.md" without [languages.sv]) beside
// the page they would translate ("index.md"): they are published as pages
// of the default language, which is rarely what was meant.
func (s *Site) checkFileLanguages() diag.List {
	var diags diag.List
	for _, p := range s.pages {
		if p.strayLang != "" {
			diags.AddKind("unknown-language", diag.Warning, diag.Pos{File: p.Path, Line: p.Input.Doc.KeyLine["lang"], Col: 1},
				"front matter lang %q is not a language of this site, so %s is published in %s, its file name's language, at %s; to publish it in %q, add [languages.%s] to playbook.toml",
				p.strayLang, path.Base(p.Path), p.Lang, p.URL, p.strayLang, p.strayLang)
		}
		if p.Input == nil || p.Input.Doc.Meta.Lang != "" {
			continue
		}
		code := fileLanguage(path.Base(p.Path))
		if code == "" || slices.ContainsFunc(s.opts.Languages, func(l string) bool { return strings.EqualFold(l, code) }) {
			continue
		}
		// Only beside the page it would translate: socket.io.md and
		// team.it.md alone are names, not translations.
		stem := source.TrimExt(p.Path)
		if s.byStem[stem[:len(stem)-len(code)-1]] == nil {
			continue
		}
		base := source.TrimExt(path.Base(p.Path))
		orig := base[:len(base)-len(code)-1] + source.MarkdownExt(p.Path)
		diags.AddKind("unknown-language", diag.Warning, diag.Pos{File: p.Path, Line: 1, Col: 1},
			"%q is not a language of this site, so %s is published as a page of its own in %s at %s; to publish it as the %s version of %s, add [languages.%s] to playbook.toml (or set lang in its front matter)",
			code, path.Base(p.Path), s.opts.Languages[0], p.URL, code, orig, code)
	}
	return diags
}

// OtherLang returns the page's language when it is not lang, else "": a
// list in lang that shows the page (one without a translation in lang)
// marks it with its language.
func (p *Page) OtherLang(lang string) string {
	if p.Lang == lang {
		return ""
	}
	return p.Lang
}

// tagName returns the tag a tag page lists.
func tagName(p *Page) string {
	if t, ok := p.Params["tag"].(string); ok {
		return t
	}
	return p.Title
}
