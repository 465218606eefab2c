package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/playbookhq/playbook/generator/slugs"
)

func newNewCmd() *cobra.Command {
	var source string
	cmd := &cobra.Command{
		Use:   "new KIND NAME",
		Short: "Create a team or role page",
		Long: `Create a team page (content/teams/<slug>/index.md) or a role page
(content/roles/<slug>.md) with the documented front matter and sections.
The page holds placeholders ("Your Name", "One sentence on what the team
does.") that playbook check warns about until they are replaced. To start
a new handbook, use playbook init.`,
		Example: "  playbook new team \"Customer Service\"\n  playbook new role \"Platform owner\"",
		// Reached only when the kind is not one of the subcommands.
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return &exitError{code: 2, err: errors.New("playbook new needs a kind and a name: playbook new team NAME or playbook new role NAME")}
			}
			hint := ""
			if args[0] == "site" || args[0] == "handbook" {
				hint = "; to start a handbook, run playbook init " + strings.Join(args[1:], " ")
			}
			return &exitError{code: 2, err: fmt.Errorf("unknown kind %q for playbook new: want team or role%s", args[0], strings.TrimRight(hint, " "))}
		},
	}
	cmd.PersistentFlags().StringVarP(&source, "source", "s", ".", "site folder holding content/")
	for _, kind := range []string{"team", "role"} {
		cmd.AddCommand(&cobra.Command{
			Use:   kind + " NAME",
			Short: "Create a " + kind + " page with the documented front matter and sections",
			Args:  cobra.ExactArgs(1),
			RunE: func(cmd *cobra.Command, args []string) error {
				p, err := scaffold(source, kind, args[0])
				if err != nil {
					return &exitError{code: 1, err: err}
				}
				fmt.Fprintf(cmd.OutOrStdout(), "Created %s\n", p)
				return nil
			},
		})
	}
	return cmd
}

// scaffold writes a new team or role page and refuses to overwrite one.
func scaffold(source, kind, name string) (string, error) {
	s := slugs.Segment(name)
	if s == "" {
		return "", fmt.Errorf("cannot make a file name from %q", name)
	}
	var rel, text string
	switch kind {
	case "team":
		rel = filepath.Join("content", "teams", s, "index.md")
		text = fmt.Sprintf(teamPage, name, s)
	case "role":
		rel = filepath.Join("content", "roles", s+".md")
		text = fmt.Sprintf(rolePage, name)
	}
	p := filepath.Join(source, rel)
	if err := createNew(source, rel, text); err != nil {
		return "", fmt.Errorf("cannot create %s: %w", p, err)
	}
	return p, nil
}

// teamPage is the page playbook new team writes, given the team's name
// and slug.
const teamPage = `---
title: %q
description: One sentence on what the team does.
weight: 100
owners:
  - name: Your Name
    email: your.name@example.com
    chat: "@you"
contact:
  channel: "#%s"
format: co-located # co-located, remote, third-party or mixed
# roles: role slugs, optionally with a count, e.g.
#   - role: platform-owner
#     count: 1
roles: []
# collaborates_with: the teams you work with, e.g.
#   - team: warehouse
#     on: "What the two teams work on together"
collaborates_with: []
tags: []
---

What the team is for, in two or three sentences.

## Responsibilities

- The first thing the team owns.

## Onboarding

- [ ] Hiring manager: order the laptop and accounts
- [ ] Read this page and the pages it links to

## Working with other teams

How and when other teams should come to you.
`

// rolePage is the page playbook new role writes, given the role's name.
const rolePage = `---
title: %q
summary: One line on what the role is for.
weight: 100
---

## Responsibilities

- The first responsibility of the role.

## Who you work with

The teams and roles this role works with most.

## Onboarding

- [ ] Manager: introduce the role to its teams
`

// createNew writes text to a new file at rel in the site folder, making
// its folder, and refuses to overwrite a file that is there. It writes
// nothing through a symbolic link that leads out of the site (os.Root).
func createNew(site, rel, text string) error {
	root, err := os.OpenRoot(site)
	if err != nil {
		return err
	}
	defer root.Close()
	if err := root.MkdirAll(filepath.Dir(rel), 0o755); err != nil {
		return outside(site, rel, err)
	}
	f, err := root.OpenFile(rel, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return errors.New("it already exists; not overwriting it")
	}
	if err != nil {
		return outside(site, rel, err)
	}
	if _, err := f.WriteString(text); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// outside says which link on rel's path os.Root refused to follow: one
// that leads out of the site, or an absolute one (os.Root follows only
// relative links), and returns err when there is none.
func outside(site, rel string, err error) error {
	top, terr := filepath.Abs(site)
	if terr == nil {
		top, terr = filepath.EvalSymlinks(top)
	}
	for dir := filepath.Dir(rel); terr == nil && dir != "."; dir = filepath.Dir(dir) {
		p := filepath.Join(site, dir)
		target, lerr := os.Readlink(p)
		if lerr != nil {
			continue
		}
		real, derr := filepath.EvalSymlinks(p)
		if r, rerr := filepath.Rel(top, real); derr == nil && (rerr != nil || r == ".." || strings.HasPrefix(r, ".."+string(filepath.Separator))) {
			return fmt.Errorf("%s is a symbolic link out of the site; playbook writes nothing through it", p)
		}
		if filepath.IsAbs(target) {
			return fmt.Errorf("%s is a symbolic link to an absolute path; playbook writes only through relative links inside the site", p)
		}
	}
	return err
}
