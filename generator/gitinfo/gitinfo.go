package gitinfo

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os/exec"
	"strings"
	"time"
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

// History holds the last commit of every file under a folder.
type History struct {
	files map[string]*Commit
	// Shallow is true in a shallow clone, whose history is cut off: files
	// last changed before the cut show the oldest commit present.
	Shallow bool
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

// Len returns the number of files with a commit.
func (h *History) Len() int {
	if h == nil {
		return 0
	}
	return len(h.files)
}

// format separates commits with RS and fields with US; -z ends the header
// and every file name with NUL.
const format = "%x1e%H%x1f%an%x1f%aI%x1f%cI%x1f%s"

// Load reads the history of the files under dir in one git log pass. Paths
// are relative to dir. It returns ErrNoRepository when dir is not in a git
// work tree.
func Load(ctx context.Context, dir string) (*History, error) {
	rp, err := git(ctx, dir, "rev-parse", "--is-shallow-repository", "--show-prefix")
	if err != nil {
		return nil, err
	}
	shallow, prefix, _ := strings.Cut(string(rp), "\n")
	out, err := git(ctx, dir, "-c", "log.showSignature=false", "log", "-z", "--name-only", "--no-renames",
		"--no-merges", "--no-color", "--format="+format, "--", ".")
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
		for name := range bytes.SplitSeq(files, []byte{0}) {
			name = bytes.TrimLeft(name, "\n")
			if len(name) == 0 {
				continue
			}
			p, ok := strings.CutPrefix(string(name), prefix)
			if !ok {
				continue
			}
			if _, seen := h.files[p]; !seen {
				h.files[p] = c
			}
		}
	}
	return h, nil
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
	return nil, fmt.Errorf("git %s: %s", args[0], firstLine(msg))
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	return s
}
