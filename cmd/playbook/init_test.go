package main

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/goccy/go-yaml"

	"github.com/playbookhq/playbook/generator/model"
)

// TestInit starts a handbook in a new folder, builds and checks it: the
// skeleton must build and pass check --strict, with no warning at all.
func TestInit(t *testing.T) {
	for _, ci := range []string{"", "github", "gitlab"} {
		t.Run("ci="+ci, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "handbook")
			args := []string{"init", dir, "--owner", "Anna Berg", "--email", "anna.berg@example.com", "--title", "Acme Handbook"}
			if ci != "" {
				args = append(args, "--ci", ci)
			}
			var stdout, stderr bytes.Buffer
			if err := run(t.Context(), args, &stdout, &stderr); err != nil {
				t.Fatalf("init: %v\n%s", err, stderr.String())
			}
			want := []string{".gitignore", "content/_index.md", "content/guides/editing.md", "content/roles/handbook-editor.md", "content/teams/handbook/index.md", "playbook.toml"}
			switch ci {
			case "github":
				want = append(want, ".github/workflows/handbook.yml")
			case "gitlab":
				want = append(want, ".gitlab-ci.yml")
			}
			slices.Sort(want)
			if got := listFiles(t, dir); !slices.Equal(got, want) {
				t.Errorf("files %q, want %q", got, want)
			}
			out := stdout.String()
			for _, s := range []string{"cd " + shellQuote(dir), "playbook serve", `playbook new team "Customer Service"`} {
				if !strings.Contains(out, s) {
					t.Errorf("init output lacks %q:\n%s", s, out)
				}
			}
			if gi, _ := os.ReadFile(filepath.Join(dir, ".gitignore")); !strings.Contains(string(gi), "\npublic/\n") {
				t.Errorf(".gitignore: %q", gi)
			}
			if cfg, _ := os.ReadFile(filepath.Join(dir, "playbook.toml")); !strings.Contains(string(cfg), `title = "Acme Handbook"`) {
				t.Errorf("playbook.toml:\n%s", cfg)
			}

			stdout.Reset()
			stderr.Reset()
			if err := run(t.Context(), []string{"build", "-q", "-s", dir}, &stdout, &stderr); err != nil || stderr.Len() > 0 {
				t.Fatalf("build: %v\n%s", err, stderr.String())
			}
			if _, err := os.Stat(filepath.Join(dir, "public/teams/handbook/index.html")); err != nil {
				t.Error(err)
			}
			if err := run(t.Context(), []string{"check", "--strict", "-s", dir}, &stdout, &stderr); err != nil || stderr.Len() > 0 {
				t.Fatalf("check --strict: %v\n%s", err, stderr.String())
			}
			if !strings.Contains(stdout.String(), "No errors (0 warnings)") {
				t.Errorf("check: %s", stdout.String())
			}
			if ci != "" {
				checkWorkflow(t, dir, ci)
			}
		})
	}
}

// checkWorkflow parses the generated CI file and checks what it runs.
func checkWorkflow(t *testing.T, dir, ci string) {
	t.Helper()
	if ci == "github" {
		src, err := os.ReadFile(filepath.Join(dir, ".github/workflows/handbook.yml"))
		if err != nil {
			t.Fatal(err)
		}
		var wf struct {
			On   map[string]any `yaml:"on"`
			Jobs map[string]struct {
				If          string            `yaml:"if"`
				Needs       any               `yaml:"needs"`
				Permissions map[string]string `yaml:"permissions"`
				Steps       []struct {
					Uses string         `yaml:"uses"`
					Run  string         `yaml:"run"`
					With map[string]any `yaml:"with"`
				} `yaml:"steps"`
			} `yaml:"jobs"`
		}
		if err := yaml.Unmarshal(src, &wf); err != nil {
			t.Fatalf("workflow is not valid YAML: %v", err)
		}
		if _, ok := wf.On["pull_request"]; !ok {
			t.Error("workflow does not run on pull requests")
		}
		runs := func(job string) (all string) {
			for _, s := range wf.Jobs[job].Steps {
				all += s.Uses + "\n" + s.Run + "\n"
			}
			return all
		}
		if !strings.Contains(runs("check"), "playbook check") {
			t.Errorf("the check job does not run playbook check:\n%s", runs("check"))
		}
		pub := wf.Jobs["publish"]
		for _, s := range []string{"playbook build --base-url", "actions/upload-pages-artifact@", "actions/deploy-pages@", "actions/configure-pages@"} {
			if !strings.Contains(runs("publish"), s) {
				t.Errorf("the publish job lacks %s", s)
			}
		}
		if !strings.Contains(pub.If, "refs/heads/main") || pub.Permissions["pages"] != "write" || pub.Permissions["id-token"] != "write" {
			t.Errorf("publish job: if %q, permissions %v", pub.If, pub.Permissions)
		}
		return
	}
	src, err := os.ReadFile(filepath.Join(dir, ".gitlab-ci.yml"))
	if err != nil {
		t.Fatal(err)
	}
	var jobs map[string]any
	if err := yaml.Unmarshal(src, &jobs); err != nil {
		t.Fatalf(".gitlab-ci.yml is not valid YAML: %v", err)
	}
	type job struct {
		Stage     string   `yaml:"stage"`
		Script    []string `yaml:"script"`
		Artifacts struct {
			Paths []string `yaml:"paths"`
		} `yaml:"artifacts"`
		Rules []struct {
			If string `yaml:"if"`
		} `yaml:"rules"`
	}
	var ci2 struct {
		Check job `yaml:"check"`
		Pages job `yaml:"pages"`
	}
	if err := yaml.Unmarshal(src, &ci2); err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(ci2.Check.Script, "playbook check") || !strings.Contains(ci2.Check.Rules[0].If, "merge_request_event") {
		t.Errorf("check job: %+v", ci2.Check)
	}
	if !slices.Equal(ci2.Pages.Artifacts.Paths, []string{"public"}) || !strings.HasPrefix(ci2.Pages.Script[0], "playbook build --base-url") || !strings.Contains(ci2.Pages.Rules[0].If, "CI_DEFAULT_BRANCH") {
		t.Errorf("pages job: %+v", ci2.Pages)
	}
}

func listFiles(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "public" || d.Name() == ".git") {
			return filepath.SkipDir
		}
		if !d.IsDir() {
			rel, _ := filepath.Rel(dir, p)
			out = append(out, filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(out)
	return out
}

// TestInitRefuses: a folder with anything but .git in it, a file and an
// unknown --ci are usage errors (exit 2) that change nothing.
func TestInitRefuses(t *testing.T) {
	nonEmpty := t.TempDir()
	mustWrite(t, filepath.Join(nonEmpty, "notes.txt"), "mine\n")
	file := filepath.Join(t.TempDir(), "a-file")
	mustWrite(t, file, "x")
	fresh := filepath.Join(t.TempDir(), "new")
	dangling := filepath.Join(filepath.Dir(file), "dangling")
	if err := os.Symlink(filepath.Join(t.TempDir(), "nowhere"), dangling); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		args   []string
		stderr string
	}{
		{[]string{"init", nonEmpty}, "is not empty (it holds notes.txt); init starts a handbook only in a new or empty folder, and changed nothing"},
		{[]string{"init", file}, "is not a folder"},
		{[]string{"init", dangling}, "is a symbolic link to a folder that does not exist"},
		{[]string{"init", fresh, "--ci", "jenkins"}, `--ci "jenkins": want github or gitlab`},
		{[]string{"init", fresh, "extra"}, "accepts at most 1 arg(s)"},
	}
	for _, tt := range tests {
		before := snapshotDir(t, filepath.Dir(file)) + snapshotDir(t, nonEmpty)
		var stdout, stderr bytes.Buffer
		err := run(t.Context(), tt.args, &stdout, &stderr)
		if exitCode(err) != 2 || !strings.Contains(stderr.String(), tt.stderr) {
			t.Errorf("%v: exit %d, stderr %q; want 2 and %q", tt.args, exitCode(err), stderr.String(), tt.stderr)
		}
		if after := snapshotDir(t, filepath.Dir(file)) + snapshotDir(t, nonEmpty); after != before {
			t.Errorf("%v changed files", tt.args)
		}
		if _, err := os.Stat(fresh); err == nil {
			t.Errorf("%v created %s", tt.args, fresh)
		}
	}

	// A fresh clone (a .git folder alone) is fine, and so is the current
	// folder's default owner.
	clone := t.TempDir()
	if err := os.Mkdir(filepath.Join(clone, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := run(t.Context(), []string{"init", clone}, &out, &out); err != nil {
		t.Fatalf("init in a clone: %v\n%s", err, out.String())
	}
	out.Reset()
	if err := run(t.Context(), []string{"check", "--strict", "-s", clone}, &out, &out); err != nil {
		t.Errorf("check --strict with the default owner: %v\n%s", err, out.String())
	}
}

// TestNewPlaceholders: the pages playbook new writes hold placeholders,
// every one of model.Placeholders among them, and check warns about each
// until it is replaced.
func TestNewPlaceholders(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "h")
	var out bytes.Buffer
	for _, args := range [][]string{{"init", dir, "--owner", "Anna Berg"}, {"new", "team", "Support", "-s", dir}, {"new", "role", "Support agent", "-s", dir}} {
		if err := run(t.Context(), args, &out, &out); err != nil {
			t.Fatalf("%v: %v\n%s", args, err, out.String())
		}
	}
	var stdout, stderr bytes.Buffer
	if err := run(t.Context(), []string{"check", "-s", dir}, &stdout, &stderr); err != nil {
		t.Fatalf("check: %v\n%s", err, stderr.String())
	}
	for _, ph := range model.Placeholders {
		if !strings.Contains(stderr.String(), "warning: placeholder "+strconv.Quote(ph)) {
			t.Errorf("check does not warn about %q:\n%s", ph, stderr.String())
		}
	}
	if !strings.Contains(stderr.String(), `content/teams/support/index.md:6:11: warning: placeholder "Your Name"`) {
		t.Errorf("no position for Your Name:\n%s", stderr.String())
	}
	if err := run(t.Context(), []string{"check", "--strict", "-s", dir}, &stdout, &stderr); exitCode(err) != 1 {
		t.Errorf("check --strict with placeholders: %v", err)
	}
	// [checks] placeholder = "off" silences them.
	mustWrite(t, filepath.Join(dir, "playbook.toml"), "[checks]\nplaceholder = \"off\"\n")
	stderr.Reset()
	if err := run(t.Context(), []string{"check", "-s", dir}, &stdout, &stderr); err != nil || strings.Contains(stderr.String(), "placeholder") {
		t.Errorf("placeholder = \"off\": %v\n%s", err, stderr.String())
	}
}
