package main

import (
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"
)

// version, when set at link time with -ldflags "-X main.version=…",
// replaces the module version the Go toolchain records in the binary.
var version = ""

func newVersionCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version and the revision it was built from",
		Long: `Print the module version (v1.2.3 for a binary installed with
go install …@v1.2.3, "(devel)" or a pseudo-version for one built from a
checkout) and, when the binary was built in a git checkout, the commit it
was built from, marked "modified" when the checkout had uncommitted changes.`,
		Args: cobra.NoArgs,
		Run: func(cmd *cobra.Command, _ []string) {
			info, _ := debug.ReadBuildInfo()
			cmd.Println(versionString(version, info))
		},
	}
}

// versionString formats "playbook VERSION (REVISION, modified)" from the
// link-time version, or else the build information; either part may be
// missing.
func versionString(linked string, info *debug.BuildInfo) string {
	v, rev, modified := linked, "", false
	if info != nil {
		if v == "" {
			v = info.Main.Version
		}
		for _, s := range info.Settings {
			switch s.Key {
			case "vcs.revision":
				rev = s.Value
			case "vcs.modified":
				modified = s.Value == "true"
			}
		}
	}
	if v == "" {
		v = "(devel)"
	}
	out := "playbook " + v
	var parts []string
	if rev != "" {
		parts = append(parts, rev[:min(len(rev), 7)])
	}
	if modified {
		parts = append(parts, "modified")
	}
	if len(parts) > 0 {
		out += " (" + strings.Join(parts, ", ") + ")"
	}
	return out
}

// releaseVersion returns the version of the running binary when it is a
// release (v1.2.3), for pinning it in generated files, or "".
func releaseVersion() string {
	v := version
	if info, ok := debug.ReadBuildInfo(); ok && v == "" {
		v = info.Main.Version
	}
	if !strings.HasPrefix(v, "v") || strings.ContainsAny(v, "-+") {
		return ""
	}
	return v
}
