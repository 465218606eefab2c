package main

import (
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/playbookhq/playbook/generator/build"
	"github.com/playbookhq/playbook/generator/diag"
	"github.com/playbookhq/playbook/generator/output"
	"github.com/playbookhq/playbook/themes"
)

func newCheckCmd() *cobra.Command {
	cfg := build.Config{Review: true}
	var strict bool
	format := &checkFormat{value: formatText, allowed: []string{formatText, formatJSON, formatGitHub}}
	var date dateFlag
	cmd := &cobra.Command{
		Use:   "check",
		Short: "Run every check without writing output",
		Long: `Check the site: front matter, links, anchors, team and role references,
checklist ids and orphan pages, plus team pages without owners, teams
without an onboarding checklist, pages due for review, scaffold
placeholders left in place and Markdown that GitHub and GitLab would show
differently. Nothing is written.

--format text (the default) prints path:line:col: message lines;
--format json prints one JSON document with every diagnostic; --format
github prints GitHub Actions annotations (::error file=…,line=…::message).

Exits with 0 when the site has no errors, 1 on errors (and with --strict
on warnings too), 2 on a usage error.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			var err error
			if cfg.Date, err = referenceDate(&date); err != nil {
				return &exitError{code: 2, err: err}
			}
			cfg.DefaultTheme = themes.Default()
			res, err := build.New(cfg).BuildTo(cmd.Context(), output.Discard{})
			var le *diag.ListError
			var all diag.List
			pages, sections := 0, 0
			switch {
			case errors.As(err, &le):
				all = le.All()
				if res != nil {
					pages, sections = res.Pages, res.Sections
				}
			case err != nil:
				return &exitError{code: 1, err: err}
			default:
				all, pages, sections = res.Warnings, res.Pages, res.Sections
			}
			nErr, nWarn := len(all.Errors()), len(all.Warnings())
			failed := nErr > 0 || strict && nWarn > 0
			switch format.value {
			case formatJSON:
				if err := writeJSON(cmd.OutOrStdout(), all, !failed, pages, sections); err != nil {
					return err
				}
			case formatGitHub:
				writeGitHub(cmd.OutOrStdout(), all, cfg.SourceDir)
			default:
				printDiags(cmd.ErrOrStderr(), all)
			}
			switch {
			case nErr > 0:
				return &exitError{code: 1, err: fmt.Errorf("check failed: %d error(s)", nErr)}
			case failed:
				return &exitError{code: 1, err: fmt.Errorf("check failed: %d warning(s) (--strict)", nWarn)}
			}
			if format.value == formatText {
				fmt.Fprintf(cmd.OutOrStdout(), "No errors (%d warnings) in %d pages and %d sections\n", nWarn, pages, sections)
			}
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVarP(&cfg.SourceDir, "source", "s", ".", "site folder holding content/ and playbook.toml")
	f.BoolVar(&strict, "strict", false, "fail (exit 1) on warnings too")
	f.BoolVar(&cfg.Drafts, "drafts", false, "include pages marked draft, as build --drafts does")
	f.Var(format, "format", "output `FORMAT`: text, json or github (annotations for GitHub Actions)")
	addDateFlag(f, &date)
	return cmd
}
