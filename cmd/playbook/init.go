package main

import (
	"bytes"
	"cmp"
	"embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"os/exec"
	"os/user"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"text/template"

	"github.com/spf13/cobra"
)

// skeleton holds the files init writes. Names that a checkout or a build
// would treat specially are renamed on the way out (see skeletonName).
//
//go:embed all:skeleton
var skeleton embed.FS

// initOptions are what init needs to know besides the folder.
type initOptions struct {
	Title string
	// Owner and Email name the owner of the first team.
	Owner, Email string
	// CI is "", "github" or "gitlab".
	CI string
	// Version is the playbook version the CI workflow installs.
	Version string
}

func newInitCmd() *cobra.Command {
	var opts initOptions
	cmd := &cobra.Command{
		Use:   "init [DIR]",
		Short: "Start a new handbook in DIR (default: the current folder)",
		Long: `Start a new handbook: write playbook.toml (with comments), a home page, one
team, one role, a guide on editing the handbook and a .gitignore for
public/ into DIR, which is created when missing. With --ci github or
--ci gitlab, also write a workflow that runs playbook check on pull or
merge requests and builds and publishes the site to GitHub Pages or GitLab
Pages from main.

DIR must be missing or empty (a .git folder alone is fine); init refuses
any other folder with exit code 2 and changes nothing. The first team's
owner is --owner, or else git's user.name and user.email, or else the
account's name.`,
		Example: "  playbook init handbook\n  playbook init --ci github --title \"Acme Handbook\" .",
		Args:    cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			dir := "."
			if len(args) == 1 {
				dir = args[0]
			}
			switch opts.CI {
			case "", "github", "gitlab":
			default:
				return &exitError{code: 2, err: fmt.Errorf("--ci %q: want github or gitlab", opts.CI)}
			}
			if err := checkInitDir(dir); err != nil {
				return &exitError{code: 2, err: err}
			}
			if opts.Owner == "" {
				name, email := defaultOwner(dir)
				opts.Owner, opts.Email = name, cmp.Or(opts.Email, email)
			}
			opts.Version = releaseVersion()
			if opts.Version == "" {
				opts.Version = "latest"
			}
			files, err := writeSkeleton(dir, opts)
			if err != nil {
				return &exitError{code: 1, err: err}
			}
			printNext(cmd.OutOrStdout(), dir, files, opts)
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Title, "title", "Handbook", "the site's `TITLE`")
	f.StringVar(&opts.Owner, "owner", "", "`NAME` of the first team's owner (default: git's user.name, or the account's name)")
	f.StringVar(&opts.Email, "email", "", "email `ADDRESS` of the first team's owner (default: git's user.email when --owner is not given)")
	f.StringVar(&opts.CI, "ci", "", "also write a CI workflow for `SERVICE`, github or gitlab, that checks pull or merge requests and publishes main")
	return cmd
}

// checkInitDir refuses a folder that holds anything but .git, and a path
// that is not a folder.
func checkInitDir(dir string) error {
	st, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if _, lerr := os.Lstat(dir); lerr == nil {
			return fmt.Errorf("%s is a symbolic link to a folder that does not exist; make that folder first, or name another", dir)
		}
		return nil
	case err != nil:
		return err
	case !st.IsDir():
		return fmt.Errorf("%s is not a folder", dir)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	var names []string
	for _, e := range entries {
		if e.Name() != ".git" {
			names = append(names, e.Name())
		}
	}
	if len(names) == 0 {
		return nil
	}
	more := ""
	if len(names) > 3 {
		names, more = names[:3], fmt.Sprintf(" and %d more", len(names)-3)
	}
	return fmt.Errorf("%s is not empty (it holds %s%s); init starts a handbook only in a new or empty folder, and changed nothing", dir, strings.Join(names, ", "), more)
}

// defaultOwner names the person running init: git's user.name and
// user.email for dir, or else the account's name.
func defaultOwner(dir string) (name, email string) {
	gitConfig := func(key string) string {
		c := exec.Command("git", "config", "--get", key)
		if st, err := os.Stat(dir); err == nil && st.IsDir() {
			c.Dir = dir
		}
		out, err := c.Output()
		if err != nil {
			return ""
		}
		return strings.TrimSpace(string(out))
	}
	if name = gitConfig("user.name"); name != "" {
		return name, gitConfig("user.email")
	}
	if u, err := user.Current(); err == nil {
		if n, _, _ := strings.Cut(u.Name, ","); strings.TrimSpace(n) != "" {
			return strings.TrimSpace(n), ""
		}
		return u.Username, ""
	}
	return "Handbook team", ""
}

// skeletonName maps a file of the skeleton to its path in the new site,
// or "" when --ci leaves it out.
func skeletonName(name, ci string) string {
	switch name {
	case "gitignore":
		return ".gitignore"
	case "github-workflow.yml":
		if ci == "github" {
			return ".github/workflows/handbook.yml"
		}
		return ""
	case "gitlab-ci.yml":
		if ci == "gitlab" {
			return ".gitlab-ci.yml"
		}
		return ""
	}
	return name
}

// renderSkeleton returns the new site's files, path → contents, in path
// order.
func renderSkeleton(opts initOptions) (map[string][]byte, error) {
	funcs := template.FuncMap{"quote": strconv.Quote}
	out := map[string][]byte{}
	err := fs.WalkDir(skeleton, "skeleton", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel := strings.TrimPrefix(p, "skeleton/")
		name := skeletonName(rel, opts.CI)
		if name == "" {
			return nil
		}
		src, err := skeleton.ReadFile(p)
		if err != nil {
			return err
		}
		// {% %}, as GitHub's workflows use ${{ }} themselves.
		t, err := template.New(rel).Delims("{%", "%}").Funcs(funcs).Option("missingkey=error").Parse(string(src))
		if err != nil {
			return err
		}
		var b bytes.Buffer
		if err := t.Execute(&b, opts); err != nil {
			return err
		}
		out[name] = b.Bytes()
		return nil
	})
	return out, err
}

// writeSkeleton writes the new site into dir and returns the paths it
// wrote, sorted. On failure it removes what it created.
func writeSkeleton(dir string, opts initOptions) (paths []string, err error) {
	files, err := renderSkeleton(opts)
	if err != nil {
		return nil, err
	}
	var created []string // files and folders, in creation order
	defer func() {
		if err != nil {
			for _, p := range slices.Backward(created) {
				_ = os.Remove(p)
			}
		}
	}()
	mkdirs := func(d string) error {
		var missing []string
		for p := d; ; p = filepath.Dir(p) {
			if _, err := os.Lstat(p); err == nil {
				break
			}
			missing = append(missing, p)
			if filepath.Dir(p) == p {
				break
			}
		}
		for _, p := range slices.Backward(missing) {
			if err := os.Mkdir(p, 0o755); err != nil {
				return err
			}
			created = append(created, p)
		}
		return nil
	}
	for _, name := range slices.Sorted(maps.Keys(files)) {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := mkdirs(filepath.Dir(p)); err != nil {
			return nil, err
		}
		f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err != nil {
			return nil, err
		}
		created = append(created, p)
		_, werr := f.Write(files[name])
		if cerr := f.Close(); werr == nil {
			werr = cerr
		}
		if werr != nil {
			return nil, werr
		}
		paths = append(paths, name)
	}
	return paths, nil
}

// printNext says what init wrote and the three commands to run next.
func printNext(w io.Writer, dir string, files []string, opts initOptions) {
	fmt.Fprintf(w, "Created a handbook in %s:\n", dir)
	for _, f := range files {
		fmt.Fprintf(w, "  %s\n", path.Clean(f))
	}
	var next [][2]string
	if filepath.Clean(dir) != "." {
		next = append(next, [2]string{"cd " + shellQuote(dir), "go to the handbook"})
	}
	next = append(next,
		[2]string{"playbook serve", "preview it at http://127.0.0.1:1313/ while you edit"},
		[2]string{`playbook new team "Customer Service"`, "add a team, then replace its placeholders"},
		[2]string{"playbook check", "before each commit: links, owners, placeholders"},
	)
	next = next[:3]
	width := 0
	for _, n := range next {
		width = max(width, len(n[0]))
	}
	fmt.Fprintln(w, "\nNext:")
	for _, n := range next {
		fmt.Fprintf(w, "  %-*s  # %s\n", width, n[0], n[1])
	}
	switch opts.CI {
	case "github":
		fmt.Fprintln(w, "\nOn GitHub, set Settings → Pages → Source to \"GitHub Actions\" before the first push to main.")
	case "gitlab":
		fmt.Fprintln(w, "\nGitLab publishes the site on the first pipeline of the default branch; see Deploy → Pages.")
	}
}

// shellQuote quotes s for a POSIX shell when it needs it.
func shellQuote(s string) string {
	if s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./") == "" {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
