package main

import (
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/playbookhq/playbook/generator/build"
	"github.com/playbookhq/playbook/generator/config"
	"github.com/playbookhq/playbook/generator/diag"
	"github.com/playbookhq/playbook/generator/model"
	"github.com/playbookhq/playbook/generator/tracker"
)

func newChecklistCmd() *cobra.Command {
	var cfg build.Config
	var lang string
	var link bool
	cmd := &cobra.Command{
		Use:   "checklist ROLE-or-TEAM",
		Short: "Print a role's or team's checklist as task-list Markdown",
		Long: `Print the checklist of a role or a team, by slug or title, as task-list
Markdown: the Markdown that its page's "Open as issue" link puts in a new
issue. A role's list holds its own checklists and the onboarding checklists
of its teams; a team's, the checklists of its page. With --url, print the
new-issue link instead (repo must be set in playbook.toml).`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			res, err := loadModel(cmd, cfg, &dateFlag{})
			if err != nil {
				return err
			}
			site := res.Site
			if lang == "" {
				lang = site.Languages()[0]
			}
			if !slices.Contains(site.Languages(), lang) {
				return &exitError{code: 2, err: fmt.Errorf("--lang %q: the site's languages are %s", lang, strings.Join(site.Languages(), ", "))}
			}
			p := findChecklistPage(site, lang, args[0])
			if p == nil {
				return &exitError{code: 2, err: fmt.Errorf("no role or team %q%s", args[0], diag.DidYouMean(args[0], checklistNames(site, lang)))}
			}
			sc := res.SiteConfig
			abs := ""
			if strings.Contains(sc.BaseURL, "://") {
				abs = strings.TrimSuffix(strings.TrimRight(sc.BaseURL, "/"), res.BasePath)
			}
			is, ok := tracker.ForPage(p, abs+p.URL, sc.Title)
			if !ok {
				return &exitError{code: 1, err: fmt.Errorf("%s has no checklist items", p.Title)}
			}
			if !link {
				fmt.Fprint(cmd.OutOrStdout(), is.Markdown())
				return nil
			}
			repo := sc.Repo
			host, err := config.RepoHost(repo)
			if repo == "" || err != nil {
				return &exitError{code: 2, err: fmt.Errorf("--url needs repo = \"https://github.com/org/handbook\" (or a GitLab address) in playbook.toml")}
			}
			u, _, _ := tracker.NewIssueURL(host, repo, is, abs+p.URL, tracker.MaxURL)
			fmt.Fprintln(cmd.OutOrStdout(), u)
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVarP(&cfg.SourceDir, "source", "s", ".", "site folder holding content/ and playbook.toml")
	f.StringVar(&lang, "lang", "", "the `LANGUAGE` of the page (default: the site's default language)")
	f.BoolVar(&link, "url", false, "print the new-issue link instead of the Markdown")
	return cmd
}

// findChecklistPage finds a role's or a team's page by slug or title,
// roles first.
func findChecklistPage(site *model.Site, lang, name string) *model.Page {
	if r := site.RoleByName(lang, name); r != nil {
		return r.Page
	}
	for _, t := range site.Teams(lang) {
		if strings.EqualFold(t.Slug, name) || strings.EqualFold(t.Page.Title, name) {
			return t.Page
		}
	}
	if t := site.Team(lang, name); t != nil {
		return t.Page
	}
	return nil
}

func checklistNames(site *model.Site, lang string) []string {
	var out []string
	for _, r := range site.Roles(lang) {
		out = append(out, r.Slug)
	}
	for _, t := range site.Teams(lang) {
		out = append(out, t.Slug)
	}
	return out
}
