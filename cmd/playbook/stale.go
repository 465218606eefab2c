package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/playbookhq/playbook/generator/build"
	"github.com/playbookhq/playbook/generator/diag"
	"github.com/playbookhq/playbook/generator/model"
	"github.com/playbookhq/playbook/themes"
)

func newReportCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "report",
		Short: "Print reports on the handbook",
		Long:  "Print reports on the handbook. The one report is stale: the pages due for review.",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return &exitError{code: 2, err: errors.New("name a report: playbook report stale")}
		},
	}
	cmd.AddCommand(newStaleCmd())
	return cmd
}

// loadModel builds the site model only, as report and checklist need it.
func loadModel(cmd *cobra.Command, cfg build.Config, date *dateFlag) (*build.Result, error) {
	var err error
	if cfg.Date, err = referenceDate(date); err != nil {
		return nil, &exitError{code: 2, err: err}
	}
	cfg.DefaultTheme, cfg.ModelOnly = themes.Default(), true
	res, err := build.New(cfg).BuildTo(cmd.Context(), nil)
	var le *diag.ListError
	if errors.As(err, &le) {
		printDiags(cmd.ErrOrStderr(), le.All())
		return nil, &exitError{code: 1, err: fmt.Errorf("the site has %d error(s)", len(le.List.Errors()))}
	}
	if err != nil {
		return nil, &exitError{code: 1, err: err}
	}
	return res, nil
}

func newStaleCmd() *cobra.Command {
	var cfg build.Config
	var date dateFlag
	format := &checkFormat{value: formatText, allowed: []string{formatText, formatJSON}}
	cmd := &cobra.Command{
		Use:   "stale",
		Short: "List the pages due for review, by owner",
		Long: `List the pages past their review date (reviewed plus review_every or
reviewEvery), grouped by owner, the longest due first. The reference date
is --date, else $SOURCE_DATE_EPOCH, else the day of the site's newest
commit; a site outside git needs one of the first two for any page to be
due. --format json prints the same as one JSON document.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			res, err := loadModel(cmd, cfg, &date)
			if err != nil {
				return err
			}
			contentDir := contentDirOf(res.Site)
			groups := res.Site.DueByOwner()
			if format.value == formatJSON {
				return writeStaleJSON(cmd.OutOrStdout(), groups, res.Today, contentDir)
			}
			writeStaleText(cmd.OutOrStdout(), groups, res.Today, contentDir)
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVarP(&cfg.SourceDir, "source", "s", ".", "site folder holding content/ and playbook.toml")
	f.Var(format, "format", "output `FORMAT`: text or json")
	addDateFlag(f, &date)
	return cmd
}

// contentDirOf returns the content folder's path in the site root.
func contentDirOf(site *model.Site) string { return site.RootDir() }

func day(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.DateOnly)
}

// ownerLine names an owner for the text report.
func ownerLine(o model.Owner) string {
	switch {
	case o.Name == "":
		return "No owner"
	case o.Kind() != "person":
		return o.Name + " (" + o.Kind() + ")"
	case o.Email != "" && o.Email != o.Name:
		return o.Name + " <" + o.Email + ">"
	case o.Chat != "" && o.Chat != o.Name:
		return o.Name + " (" + o.Chat + ")"
	}
	return o.Name
}

func writeStaleText(w io.Writer, groups []model.DueGroup, today time.Time, contentDir string) {
	if today.IsZero() {
		fmt.Fprintln(w, "No reference date (no git history, --date or SOURCE_DATE_EPOCH): no page is due for review.")
		return
	}
	n := map[*model.Page]bool{}
	for _, g := range groups {
		for _, p := range g.Pages {
			n[p] = true
		}
	}
	if len(n) == 0 {
		fmt.Fprintf(w, "No page is due for review on %s.\n", day(today))
		return
	}
	fmt.Fprintf(w, "%d page(s) due for review on %s, by owner, the longest due first:\n", len(n), day(today))
	for _, g := range groups {
		fmt.Fprintf(w, "\n%s\n", ownerLine(g.Owner))
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		for _, p := range g.Pages {
			r := p.Review()
			fmt.Fprintf(tw, "  due %s\t%s\t%s\t(reviewed %s, every %s)\n", day(r.Due), path.Join(contentDir, p.Path), p.Title, day(r.Reviewed), r.Every)
		}
		tw.Flush()
	}
}

type stalePageJSON struct {
	Path     string `json:"path"`
	URL      string `json:"url"`
	Title    string `json:"title"`
	Reviewed string `json:"reviewed"`
	Every    string `json:"every"`
	Due      string `json:"due"`
}

type staleOwnerJSON struct {
	Name  string `json:"name,omitempty"`
	Email string `json:"email,omitempty"`
	Chat  string `json:"chat,omitempty"`
	Team  string `json:"team,omitempty"`
	Role  string `json:"role,omitempty"`
}

type staleGroupJSON struct {
	// Owner is null for the pages without an owner.
	Owner *staleOwnerJSON `json:"owner"`
	Pages []stalePageJSON `json:"pages"`
}

func writeStaleJSON(w io.Writer, groups []model.DueGroup, today time.Time, contentDir string) error {
	out := struct {
		Date   string           `json:"date"`
		Groups []staleGroupJSON `json:"groups"`
	}{Date: day(today), Groups: []staleGroupJSON{}}
	for _, g := range groups {
		gj := staleGroupJSON{}
		if o := g.Owner; o.Name != "" {
			gj.Owner = &staleOwnerJSON{Name: o.Name, Email: o.Email, Chat: o.Chat, Team: o.TeamSlug, Role: o.RoleSlug}
		}
		for _, p := range g.Pages {
			r := p.Review()
			gj.Pages = append(gj.Pages, stalePageJSON{Path: path.Join(contentDir, p.Path), URL: p.URL, Title: p.Title,
				Reviewed: day(r.Reviewed), Every: r.Every.String(), Due: day(r.Due)})
		}
		out.Groups = append(out.Groups, gj)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}
