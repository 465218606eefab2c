package main

import (
	"io"

	"github.com/spf13/cobra"
)

func newRootCmd(stdout, stderr io.Writer) *cobra.Command {
	root := &cobra.Command{
		Use:           "playbook",
		Short:         "Build a team handbook site from Markdown playbooks",
		Long:          "playbook compiles a folder of Markdown team playbooks into a static handbook site.",
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.AddCommand(newBuildCmd(), newCheckCmd(), newChecklistCmd(), newInitCmd(), newNewCmd(), newReportCmd(), newServeCmd(), newVersionCmd())
	return root
}
