package main

import (
	"io"

	"github.com/spf13/cobra"
)

// version is set at link time with -ldflags "-X main.version=…".
var version = "dev"

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
	root.AddCommand(newBuildCmd(), newCheckCmd(), newNewCmd(), newServeCmd(), newVersionCmd())
	return root
}

func newVersionCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version",
		Args:  cobra.NoArgs,
		Run: func(cmd *cobra.Command, _ []string) {
			cmd.Printf("playbook %s\n", version)
		},
	}
}
