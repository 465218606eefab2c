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
	cmd := &cobra.Command{
		Use:   "check",
		Short: "Run every check without writing output",
		Long: `Check the site: front matter, links, anchors, team and role references,
checklist ids and orphan pages, plus team pages without owners, teams
without an onboarding checklist, scaffold placeholders left in place and
Markdown that GitHub and GitLab would show differently. Nothing is
written. Exits with 1 on errors, and with --strict on warnings too.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg.DefaultTheme = themes.Default()
			res, err := build.New(cfg).BuildTo(cmd.Context(), output.NewMem())
			var le *diag.ListError
			if errors.As(err, &le) {
				printDiags(cmd.ErrOrStderr(), le.List)
				return &exitError{code: 1, err: fmt.Errorf("check failed: %d error(s)", len(le.List.Errors()))}
			}
			if err != nil {
				return &exitError{code: 1, err: err}
			}
			printDiags(cmd.ErrOrStderr(), res.Warnings)
			if strict && len(res.Warnings) > 0 {
				return &exitError{code: 1, err: fmt.Errorf("check failed: %d warning(s) (--strict)", len(res.Warnings))}
			}
			fmt.Fprintf(cmd.OutOrStdout(), "No errors (%d warnings) in %d pages and %d sections\n", len(res.Warnings), res.Pages, res.Sections)
			return nil
		},
	}
	cmd.Flags().StringVarP(&cfg.SourceDir, "source", "s", ".", "site folder holding content/ and playbook.toml")
	cmd.Flags().BoolVar(&strict, "strict", false, "fail (exit 1) on warnings too")
	return cmd
}
