package gitinfo

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"time"
	"unicode"
)

// ErrNoRepository is returned by Load when the folder is not inside a git
// work tree or git is not installed.
var ErrNoRepository = errors.New("not a git repository")

// Commit is one commit of the history.
type Commit struct {
	Hash   string
	Author string
	// AuthorDate is when the change was written, in the author's zone.
	AuthorDate time.Time
	// CommitDate is when the commit was made.
	CommitDate time.Time
	// Subject is the first line of the message.
	Subject string
	// Seq is the commit's position in the log, 0 for the newest: a smaller
	// Seq is a later commit, even when two commits share a timestamp.
	Seq int
}

// History holds the last commit of every file under a folder, and the
// renames that git detected on the way.
type History struct {
	files map[string]*Commit
	// renames are the renames of the log, newest first.
	renames []rename
	newest  *Commit
	// Shallow is true in a shallow clone, whose history is cut off: files
	// last changed before the cut show the oldest commit present.
	Shallow bool
	// RenamesLost, when set, says why renames could not be followed: git
	// failed to compare a renamed file with its old content (a damaged or
	// partial clone lacks it), and the history was read without rename
	// detection, so the dates hold but Moves is empty.
	RenamesLost error
}

// Probe returns what changes when the history of the repository dir is in
// does: where its git folder is and what its HEAD, the branch HEAD names,
// its packed refs and its shallow file (the cut of a shallow clone, which
// "git fetch --unshallow" removes) say; "" outside a repository. It runs no git
// command (a few small reads), so a preview can look after every change
// whether a commit, checkout, reset or pull moved the history, or a
// repository came or went.
func Probe(dir string) string {
	gitDir, commonDir, ok := findGitDir(dir)
	if !ok {
		return ""
	}
	head := readRef(filepath.Join(gitDir, "HEAD"))
	s := gitDir + "\x00" + head
	if ref, ok := strings.CutPrefix(strings.TrimSpace(head), "ref: "); ok && filepath.IsLocal(ref) {
		s += "\x00" + readRef(filepath.Join(commonDir, filepath.FromSlash(ref)))
	}
	for _, name := range []string{"packed-refs", "shallow"} {
		if st, err := os.Stat(filepath.Join(commonDir, name)); err == nil {
			s += fmt.Sprintf("\x00%s\x00%d\x00%d", name, st.Size(), st.ModTime().UnixNano())
		}
	}
	return s
}

// findGitDir finds the repository dir is in as git does, from dir up to
// the root or a folder of GIT_CEILING_DIRECTORIES: the nearest .git
// folder, or .git file naming one (a worktree's), and the folder it shares
// refs in (its commondir file's).
func findGitDir(dir string) (gitDir, commonDir string, ok bool) {
	d, err := filepath.Abs(dir)
	if err != nil {
		return "", "", false
	}
	ceilings := filepath.SplitList(os.Getenv("GIT_CEILING_DIRECTORIES"))
	for {
		p := filepath.Join(d, ".git")
		if st, err := os.Lstat(p); err == nil {
			switch {
			case st.IsDir():
				gitDir = p
			case st.Mode().IsRegular():
				to, found := strings.CutPrefix(strings.TrimSpace(readRef(p)), "gitdir: ")
				if !found {
					return "", "", false
				}
				if !filepath.IsAbs(to) {
					to = filepath.Join(d, to)
				}
				gitDir = to
			default:
				return "", "", false
			}
			commonDir = gitDir
			if c := strings.TrimSpace(readRef(filepath.Join(gitDir, "commondir"))); c != "" {
				if !filepath.IsAbs(c) {
					c = filepath.Join(gitDir, c)
				}
				commonDir = c
			}
			return gitDir, commonDir, true
		}
		up := filepath.Dir(d)
		if up == d || slices.Contains(ceilings, up) {
			return "", "", false
		}
		d = up
	}
}

// readRef returns the start of a regular file of git's, or "" (for a
// missing file, and for anything else there, which is not read: a named
// pipe would block).
func readRef(name string) string {
	if st, err := os.Lstat(name); err != nil || !st.Mode().IsRegular() {
		return ""
	}
	f, err := os.Open(name)
	if err != nil {
		return ""
	}
	defer f.Close()
	b, _ := io.ReadAll(io.LimitReader(f, 1<<10))
	return string(b)
}

// Last returns the newest commit that touched the file at rel, a
// slash-separated path relative to the folder given to Load.
func (h *History) Last(rel string) (*Commit, bool) {
	if h == nil {
		return nil, false
	}
	c, ok := h.files[rel]
	return c, ok
}

// Newest returns the newest commit that touched a file under the folder,
// or nil when there is none.
func (h *History) Newest() *Commit {
	if h == nil {
		return nil
	}
	return h.newest
}

// rename is one rename git detected: the file at from became to.
type rename struct {
	from, to string
}

// Move says that the file now at To was once at From: a rename, or a chain
// of renames, in the history.
type Move struct {
	From, To string
}

// Moves returns every earlier name of a file and the name that its content
// has now, sorted by From. Chains are followed (a.md → b.md → c.md gives
// a.md and b.md → c.md); a name that was renamed away and later taken by
// another file is listed too, and a caller that knows the file exists
// under it keeps it. It costs one map operation per rename.
func (h *History) Moves() []Move {
	if h == nil || len(h.renames) == 0 {
		return nil
	}
	// The log runs newest first, so a name's later renames are known when
	// an earlier rename to that name is seen.
	final := make(map[string]string, len(h.renames))
	for _, r := range h.renames {
		to := r.to
		if f, ok := final[to]; ok {
			to = f
		}
		if _, seen := final[r.from]; !seen {
			final[r.from] = to
		}
	}
	out := make([]Move, 0, len(final))
	for from, to := range final {
		if from != to {
			out = append(out, Move{From: from, To: to})
		}
	}
	slices.SortFunc(out, func(a, b Move) int { return strings.Compare(a.From, b.From) })
	return out
}

// format separates commits with RS and fields with US; -z ends the header
// and every file name with NUL.
const format = "%x1e%H%x1f%an%x1f%aI%x1f%cI%x1f%s"

// Load reads the history of the files under dir in one git log pass. Paths
// are relative to dir. It returns ErrNoRepository when dir is not in a git
// work tree.
func Load(ctx context.Context, dir string) (*History, error) {
	// git would block on a HEAD that is not a file (a named pipe), and
	// wait for ever.
	if gitDir, _, ok := findGitDir(dir); ok {
		if st, err := os.Stat(filepath.Join(gitDir, "HEAD")); err == nil && !st.Mode().IsRegular() {
			return nil, fmt.Errorf("%s is not a regular file", filepath.Join(gitDir, "HEAD"))
		}
	}
	rp, err := git(ctx, dir, "rev-parse", "--is-shallow-repository", "--show-prefix")
	if err != nil {
		return nil, err
	}
	shallow, prefix, _ := strings.Cut(string(rp), "\n")
	// --name-status -M lists each file with what happened to it, and a
	// rename as one entry with both names (R<score>, old, new), which is
	// what keeps a moved page's old URL working.
	logArgs := func(renames ...string) []string {
		return slices.Concat([]string{"-c", "log.showSignature=false", "log", "-z", "--name-status"}, renames,
			[]string{"--no-merges", "--no-color", "--format=" + format, "--", "."})
	}
	out, err := git(ctx, dir, logArgs("-M")...)
	var lost error
	if err != nil && ctx.Err() == nil && !strings.Contains(err.Error(), "does not have any commits") {
		// Rename detection reads old contents, which a damaged or partial
		// clone may lack; the dates need none of them.
		var again error
		if out, again = git(ctx, dir, logArgs("--no-renames")...); again == nil {
			lost, err = err, nil
		}
	}
	if err != nil {
		if strings.Contains(err.Error(), "does not have any commits") {
			return &History{files: map[string]*Commit{}}, nil
		}
		return nil, err
	}
	h, err := parse(out, strings.TrimSpace(prefix))
	if err != nil {
		return nil, err
	}
	h.RenamesLost = lost
	h.Shallow = strings.TrimSpace(shallow) == "true"
	return h, nil
}

// parse reads git log output; paths outside prefix are skipped and the
// prefix is removed from the others.
func parse(out []byte, prefix string) (*History, error) {
	h := &History{files: map[string]*Commit{}}
	seq := 0
	for rec := range bytes.SplitSeq(out, []byte{0x1e}) {
		if len(rec) == 0 {
			continue
		}
		header, files, _ := bytes.Cut(rec, []byte{0})
		f := strings.Split(string(header), "\x1f")
		if len(f) != 5 {
			return nil, fmt.Errorf("git log: unexpected record %.80q", header)
		}
		c := &Commit{Hash: f[0], Author: f[1], Subject: f[4], Seq: seq}
		var err1, err2 error
		c.AuthorDate, err1 = time.Parse(time.RFC3339, f[2])
		c.CommitDate, err2 = time.Parse(time.RFC3339, f[3])
		if err := errors.Join(err1, err2); err != nil {
			return nil, fmt.Errorf("git log: commit %s: %w", c.Hash, err)
		}
		seq++
		// The file list is status, name, and for a rename or copy a second
		// name, each ended by NUL.
		fields := bytes.Split(files, []byte{0})
		for i := 0; i < len(fields); i++ {
			status := string(bytes.TrimLeft(fields[i], "\n"))
			if status == "" {
				continue
			}
			names := 1
			if status[0] == 'R' || status[0] == 'C' {
				names = 2
			}
			if i+names >= len(fields) {
				return nil, fmt.Errorf("git log: commit %s: unexpected file list", c.Hash)
			}
			var paths [2]string
			inside := [2]bool{}
			for k := range names {
				paths[k], inside[k] = strings.CutPrefix(string(fields[i+1+k]), prefix)
			}
			i += names
			for k := range names {
				if !inside[k] {
					continue
				}
				if h.newest == nil {
					h.newest = c
				}
				if _, seen := h.files[paths[k]]; !seen {
					h.files[paths[k]] = c
				}
			}
			if status[0] == 'R' && inside[0] && inside[1] && plausibleRename(status, paths[0], paths[1]) {
				h.renames = append(h.renames, rename{from: paths[0], to: paths[1]})
			}
		}
	}
	return h, nil
}

// plausibleRename reports whether a rename git detected (status
// "R<score>", the percentage of content kept) is one a reader would take
// for a move: the content kept whole, the file kept in its folder, or a
// name sharing a word with the old one (its own name too). git pairs a
// deleted file with a new one by their likeness alone, and two pages made
// mostly of one shared table (generated reference pages) come out 90%
// alike: activate_language.md in one folder "renamed" to clear.md in
// another, whose old URL would then lead to an unrelated page.
func plausibleRename(status, from, to string) bool {
	if status == "R100" || path.Dir(from) == path.Dir(to) {
		return true
	}
	words := func(p string) []string {
		name := strings.ToLower(strings.TrimSuffix(path.Base(p), path.Ext(p)))
		return strings.FieldsFunc(name, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	}
	old := words(from)
	return slices.ContainsFunc(words(to), func(w string) bool {
		return slices.ContainsFunc(old, func(o string) bool { return sameWord(w, o) })
	})
}

// sameWord reports whether two words of file names are one: equal, or one
// the other with an ending ("return" and "returns"), at four letters or
// more.
func sameWord(a, b string) bool {
	if len(a) > len(b) {
		a, b = b, a
	}
	return a == b || len(a) >= 4 && strings.HasPrefix(b, a)
}

// git runs one git command in dir and returns its standard output.
func git(ctx context.Context, dir string, args ...string) ([]byte, error) {
	cmd := exec.CommandContext(ctx, "git", append([]string{"--no-pager"}, args...)...)
	cmd.Dir = dir
	cmd.Env = append(cmd.Environ(), "GIT_TERMINAL_PROMPT=0", "LC_ALL=C")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err == nil {
		return out, nil
	}
	if ctx.Err() != nil {
		return nil, ctx.Err()
	}
	if errors.Is(err, exec.ErrNotFound) {
		return nil, ErrNoRepository
	}
	msg := strings.TrimSpace(stderr.String())
	if strings.Contains(msg, "not a git repository") {
		return nil, ErrNoRepository
	}
	return nil, fmt.Errorf("git %s: %s", subcommand(args), firstLine(msg))
}

// subcommand returns the git command that args run, past the -c options
// before it.
func subcommand(args []string) string {
	for len(args) > 1 && args[0] == "-c" {
		args = args[2:]
	}
	if len(args) == 0 {
		return ""
	}
	return args[0]
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	return s
}
