package main

import (
	"errors"
	"fmt"
	"io"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/playbookhq/playbook/generator/build"
	"github.com/playbookhq/playbook/generator/diag"
	"github.com/playbookhq/playbook/generator/output"
	"github.com/playbookhq/playbook/themes"
)

func newBuildCmd() *cobra.Command {
	var cfg build.Config
	var quiet, profile bool
	var date dateFlag
	cmd := &cobra.Command{
		Use:   "build",
		Short: "Build the site into the destination folder",
		Long: `Build the site: read content/, playbook.toml and the theme under the source
folder, and write the site to the destination (by default SOURCE/public).
The destination is replaced only when the build succeeds, and only when it
is missing, empty or a site playbook built before: a folder holding other
files is refused (exit 2), as are the site folder, the content folder, the
home folder and their parents. Files named by keepFiles in playbook.toml
(.git, CNAME and .nojekyll by default) are kept. Ctrl-C stops the build
and leaves the destination as it was.

Each page of the previous build (the destination's, or the one --previous
names) that this build no longer has, not even as a redirect, is reported
as a warning.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := checkBaseURL(cfg.BaseURL); err != nil {
				return &exitError{code: 2, err: err}
			}
			var err error
			if cfg.Date, err = referenceDate(&date); err != nil {
				return &exitError{code: 2, err: err}
			}
			if cfg.Previous != "" {
				if _, err := output.ReadManifest(cfg.Previous); err != nil {
					return &exitError{code: 2, err: fmt.Errorf("--previous: %w", err)}
				}
			}
			cfg.DefaultTheme = themes.Default()
			if cfg.DestDir == "" {
				cfg.DestDir = filepath.Join(cfg.SourceDir, "public")
			}
			clear := reportProgress(cmd.ErrOrStderr(), &cfg, quiet)
			res, err := build.New(cfg).Build(cmd.Context())
			clear()
			var le *diag.ListError
			if errors.As(err, &le) {
				printDiags(cmd.ErrOrStderr(), le.All())
				return &exitError{code: 1, err: fmt.Errorf("build failed: %d error(s); %s left unchanged", len(le.List.Errors()), cfg.DestDir)}
			}
			var re *output.RefusedError
			switch {
			case errors.As(err, &re):
				return &exitError{code: 2, err: err}
			case errors.As(err, new(interrupted)):
				return &exitError{code: exitCode(err), err: fmt.Errorf("build %v; %s left unchanged", err, cfg.DestDir)}
			case err != nil:
				return &exitError{code: 1, err: err}
			}
			printDiags(cmd.ErrOrStderr(), res.Warnings)
			if !quiet {
				fmt.Fprintf(cmd.OutOrStdout(), "Built %d pages, %d sections and %d files into %s in %d ms\n",
					res.Pages, res.Sections, res.Files, cfg.DestDir, res.Duration.Milliseconds())
			}
			if profile {
				printProfile(cmd.OutOrStdout(), res)
			}
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVarP(&cfg.SourceDir, "source", "s", ".", "site folder holding content/ and playbook.toml")
	f.StringVarP(&cfg.DestDir, "destination", "d", "", "output folder (default SOURCE/public)")
	f.StringVar(&cfg.BaseURL, "base-url", "", "`URL` or path the site is published at, such as https://example.com/handbook/ or /handbook/ (overrides baseURL)")
	f.BoolVar(&cfg.Drafts, "drafts", false, "include pages marked draft")
	f.BoolVarP(&quiet, "quiet", "q", false, "print only warnings and errors: no progress, no summary line")
	f.BoolVar(&profile, "profile", false, "print where the build's time went, phase by phase")
	f.StringVar(&cfg.Previous, "previous", "", "earlier build to compare with, its `DIR` or its .playbook-output file: pages it has that this build lacks are warnings (default: the destination)")
	addDateFlag(f, &date)
	return cmd
}

// reportProgress sets cfg to show the build's progress on stderr, when it
// is a terminal, and to say when the build waits for another one (unless
// quiet). The returned function clears the progress line.
func reportProgress(stderr io.Writer, cfg *build.Config, quiet bool) (clear func()) {
	progress := newProgress(stderr)
	if progress != nil {
		cfg.Progress = progress.update
	}
	if !quiet {
		cfg.Waiting = func(dir string) {
			progress.clear()
			fmt.Fprintf(stderr, "Another playbook build is writing into %s; waiting for it to end…\n", dir)
		}
	}
	return progress.clear
}
