package output

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/user"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// Marker is the file every build writes at the root of its output. Its
// first line says that playbook wrote the folder and the others name every
// file it wrote, so that a later build knows which files are its own. A
// folder is replaced only when it is missing, empty or holds this marker and
// nothing but the files it names (and the kept files).
const Marker = ".playbook-output"

const (
	markerOutput  = "playbook output 1"
	markerStaging = "playbook staging 1 pid "
	// maxMarker bounds the marker's size before it is read: at about 60
	// bytes a name, room for a million files.
	maxMarker = 64 << 20
)

// DirOptions says what a destination must never be and which of its files
// survive a build.
type DirOptions struct {
	// Site is the site folder: the destination may lie inside it, but must
	// not be it or hold it.
	Site string
	// Content is the content folder: the destination must not be it or lie
	// inside it.
	Content string
	// Keep names entries at the top of the destination that playbook did
	// not write but carries over into each new output (".git", "CNAME").
	Keep []string
	// Waiting, when set, is called if another build is writing into the
	// folder that holds the destination, with that folder (symbolic links
	// resolved), before this one waits for it.
	Waiting func(dir string)
}

// RefusedError says why a destination was refused. Nothing was written,
// moved or deleted.
type RefusedError struct {
	Dest   string
	Reason string
	// Files names some of the files playbook did not write, when that is
	// the reason.
	Files []string
	// More counts the other such files.
	More int
}

func (e *RefusedError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "refusing to write the site to %s: %s", e.Dest, e.Reason)
	if len(e.Files) > 0 {
		fmt.Fprintf(&b, ": %s", strings.Join(e.Files, ", "))
		if e.More > 0 {
			fmt.Fprintf(&b, " and %d more", e.More)
		}
		b.WriteString("\nplaybook replaces a folder only when it is missing, empty or a site it built before (it holds " +
			Marker + "). Move those files away or remove the folder yourself, or choose another folder with --destination.")
	} else {
		b.WriteString("\nChoose another folder with --destination.")
	}
	return b.String()
}

// LeftoverError reports a commit that installed the new site but could not
// remove the previous one. The next build into the same destination tries
// again.
type LeftoverError struct {
	Dest, Old string
	Err       error
}

func (e *LeftoverError) Error() string {
	return fmt.Sprintf("the new site is in %s, but the previous one could not be removed (%v); it remains in %s", e.Dest, e.Err, e.Old)
}

func (e *LeftoverError) Unwrap() error { return e.Err }

// Dir writes into a staging folder next to the destination and swaps it in
// on Commit, so that a failed or interrupted build leaves the previous
// output exactly as it was and a successful one leaves no stale files.
type Dir struct {
	dest    string // the destination as given, made absolute
	real    string // where its folder is: dest with symbolic links resolved
	staging string
	// lock holds the lock on the destination's folder (see lockParent)
	// until Commit or Abort; nil where it could not be taken.
	lock  *os.File
	keep  []string
	notes []string
	// own names the files of the previous output, from its marker.
	own map[string]bool

	// mu is held for reading by WriteFile and for writing by Commit and
	// Abort, so that no write lands in a staging folder being swapped in
	// or removed.
	mu     sync.RWMutex
	closed bool

	namesMu sync.Mutex
	dirs    map[string]bool
	names   []string
}

// NewDir checks that dest may be replaced and creates the staging folder
// beside it. It first removes staging folders that killed builds left
// beside dest and, when dest is missing because a swap was interrupted,
// puts the previous output back. A destination that may not be replaced
// gives a *RefusedError. While another build writes into the folder that
// holds dest, NewDir waits for it to end (see DirOptions.Waiting), or
// until ctx is done.
func NewDir(ctx context.Context, dest string, opts DirOptions) (*Dir, error) {
	abs, err := filepath.Abs(dest)
	if err != nil {
		return nil, err
	}
	d := &Dir{dest: abs, real: resolve(abs), dirs: map[string]bool{}}
	for _, k := range opts.Keep {
		if k != "" && k != Marker && !strings.ContainsAny(k, `/\`) && k != "." && k != ".." {
			d.keep = append(d.keep, k)
		}
	}
	if err := d.checkPlace(opts); err != nil {
		return nil, err
	}
	parent := filepath.Dir(d.real)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	lock, err := waitLock(ctx, parent, opts.Waiting)
	if err != nil {
		return nil, err
	}
	d.lock = lock
	ok := false
	defer func() {
		if !ok {
			d.unlock()
		}
	}()
	// A destination that is there is checked before anything beside it is
	// touched; one that is missing may be one an interrupted swap moved
	// aside, which tidy puts back, to be checked then.
	_, statErr := os.Lstat(d.real)
	if statErr == nil {
		if err := d.checkContents(); err != nil {
			return nil, err
		}
	}
	if d.tidy(parent) {
		if err := d.checkContents(); err != nil {
			return nil, err
		}
	}
	staging, err := os.MkdirTemp(parent, d.stagingPrefix())
	if err != nil {
		return nil, err
	}
	d.staging = staging
	if err := errors.Join(os.Chmod(staging, 0o755),
		os.WriteFile(filepath.Join(staging, Marker), []byte(markerStaging+strconv.Itoa(os.Getpid())+"\n"), 0o644)); err != nil {
		_ = os.RemoveAll(staging)
		return nil, err
	}
	ok = true
	return d, nil
}

// lockPoll is how often a build that waits for another one asks for the
// lock again: flock has no wait that a context can end.
const lockPoll = 100 * time.Millisecond

// waitLock takes the lock on dir (see lockParent), waiting while another
// build holds it; waiting, when set, is called once if it must wait.
func waitLock(ctx context.Context, dir string, waiting func(string)) (*os.File, error) {
	for first := true; ; first = false {
		lock, busy := lockParent(dir)
		if !busy {
			return lock, nil
		}
		if first && waiting != nil {
			waiting(dir)
		}
		select {
		case <-ctx.Done():
			return nil, context.Cause(ctx)
		case <-time.After(lockPoll):
		}
	}
}

// unlock lets other builds into the destination's folder.
func (d *Dir) unlock() {
	if d.lock != nil {
		d.lock.Close()
		d.lock = nil
	}
}

// Dest returns the folder the site is swapped into: the destination with
// symbolic links resolved, so that a destination that is a link stays one.
func (d *Dir) Dest() string { return d.real }

// Notes describes what NewDir tidied up: staging folders removed, a
// previous output restored, and what it could not remove.
func (d *Dir) Notes() []string { return d.notes }

func (d *Dir) stagingPrefix() string { return "." + filepath.Base(d.real) + ".staging-" }

// checkPlace refuses destinations that must never be replaced, whatever
// they hold.
func (d *Dir) checkPlace(opts DirOptions) error {
	refuse := func(reason string) error { return &RefusedError{Dest: d.dest, Reason: reason} }
	st, err := os.Lstat(d.dest)
	switch {
	case errors.Is(err, os.ErrNotExist):
	case errors.Is(err, syscall.ENOTDIR):
		return refuse("a folder on its path is a file")
	case err != nil:
		return refuse(err.Error())
	case st.Mode()&os.ModeSymlink != 0:
		t, err := os.Stat(d.dest)
		if err != nil {
			return refuse("it is a symbolic link to a folder that does not exist")
		}
		if !t.IsDir() {
			return refuse("it is a symbolic link to something that is not a folder")
		}
	case !st.IsDir():
		return refuse("it is a file, not a folder")
	}
	if filepath.Dir(d.real) == d.real {
		return refuse("it is the root of a file system")
	}
	for _, home := range homeDirs() {
		if within(resolve(home), d.real) {
			return refuse("it is your home folder or holds it")
		}
	}
	if opts.Site != "" {
		if site := resolve(opts.Site); within(site, d.real) {
			return refuse("it is the site folder or holds it")
		}
	}
	if opts.Content != "" {
		if content := resolve(opts.Content); within(d.real, content) {
			return refuse("it is the content folder or lies inside it")
		}
	}
	return nil
}

// homeDirs returns the user's home folder as $HOME names it and as the
// user database does, so that the check holds where HOME is unset or
// points elsewhere (a service, a container, sudo).
func homeDirs() []string {
	var homes []string
	if home, err := os.UserHomeDir(); err == nil && home != "" {
		homes = append(homes, home)
	}
	if u, err := user.Current(); err == nil && u.HomeDir != "" && !slices.Contains(homes, u.HomeDir) {
		homes = append(homes, u.HomeDir)
	}
	return homes
}

// checkContents refuses an existing destination that holds files playbook
// did not write.
func (d *Dir) checkContents() error {
	entries, err := os.ReadDir(d.real)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return &RefusedError{Dest: d.dest, Reason: err.Error()}
	}
	d.own = nil
	own, err := readMarker(filepath.Join(d.real, Marker))
	if err != nil {
		// Not a previous output: only an empty folder, or one holding only
		// kept files, may be replaced.
		var foreign []string
		for _, e := range entries {
			if !slices.Contains(d.keep, e.Name()) {
				foreign = append(foreign, displayName(e.Name(), e.IsDir()))
			}
		}
		if len(foreign) > 0 {
			return refused(d.dest, "it holds files that playbook did not write", foreign)
		}
		return nil
	}
	dirs := map[string]bool{}
	for name := range own {
		for dir := filepath.Dir(name); dir != "."; dir = filepath.Dir(dir) {
			dirs[dir] = true
		}
	}
	var foreign []string
	err = filepath.WalkDir(d.real, func(p string, e os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(d.real, p)
		rel = filepath.ToSlash(rel)
		switch {
		case rel == ".", rel == Marker:
		case !strings.Contains(rel, "/") && slices.Contains(d.keep, rel):
			if own[rel] && !e.Type().IsRegular() {
				// The previous build wrote a file of that name, which the
				// next replaces: what stands there now is not that file.
				foreign = append(foreign, displayName(rel, e.IsDir()))
			}
			if e.IsDir() {
				return filepath.SkipDir
			}
		case e.IsDir():
			if !dirs[rel] {
				foreign = append(foreign, rel+"/")
				return filepath.SkipDir
			}
		case !e.Type().IsRegular() || !own[rel]:
			foreign = append(foreign, rel)
		}
		return nil
	})
	if err != nil {
		return &RefusedError{Dest: d.dest, Reason: err.Error()}
	}
	if len(foreign) > 0 {
		return refused(d.dest, "it holds files that the build that wrote it did not write", foreign)
	}
	d.own = own
	return nil
}

func refused(dest, reason string, files []string) error {
	slices.Sort(files)
	const shown = 5
	e := &RefusedError{Dest: dest, Reason: reason, Files: files}
	if len(files) > shown {
		e.Files, e.More = files[:shown], len(files)-shown
	}
	return e
}

func displayName(name string, dir bool) string {
	if dir {
		return name + "/"
	}
	return name
}

// tidy removes the staging folders of killed builds beside the destination
// and restores a destination that an interrupted swap left missing,
// reporting whether it did. It touches only folders that carry the marker,
// and deletes nothing that their marker does not name: kept files that a
// killed swap had carried into a staging folder go back to the
// destination.
func (d *Dir) tidy(parent string) (restored bool) {
	entries, err := os.ReadDir(parent)
	if err != nil {
		return false
	}
	_, statErr := os.Lstat(d.real)
	missing := errors.Is(statErr, os.ErrNotExist)
	prefix := d.stagingPrefix()
	for _, e := range entries {
		if !e.IsDir() || !strings.HasPrefix(e.Name(), prefix) {
			continue
		}
		p := filepath.Join(parent, e.Name())
		head, err := markerHead(filepath.Join(p, Marker))
		if err != nil {
			continue
		}
		switch {
		case head == markerOutput:
			// A previous output moved aside by a swap, or a staging folder
			// that a swap had begun to fill with kept files. When the swap
			// did not finish, and the output is whole, it goes back.
			if missing && complete(p) {
				if err := os.Rename(p, d.real); err == nil {
					missing, restored = false, true
					d.notes = append(d.notes, fmt.Sprintf("restored %s, which an interrupted build had moved aside", d.dest))
					continue
				}
			}
			if left := d.rescue(p); len(left) > 0 {
				d.notes = append(d.notes, fmt.Sprintf("left %s, from an interrupted build, in place: it holds %s, which playbook did not write", p, strings.Join(left, ", ")))
				continue
			}
		case strings.HasPrefix(head, markerStaging):
			// Under the lock, no other build is writing it.
			pid, err := strconv.Atoi(strings.TrimPrefix(head, markerStaging))
			if d.lock == nil && err == nil && alive(pid) {
				continue // another build is writing it
			}
		default:
			continue
		}
		if err := removeTree(p); err != nil {
			d.notes = append(d.notes, fmt.Sprintf("could not remove %s, left by an earlier build: %v", p, err))
		} else {
			d.notes = append(d.notes, fmt.Sprintf("removed %s, left by an interrupted build", p))
		}
	}
	return restored
}

// rescue moves the entries at the top of an abandoned output folder that
// its marker does not name back into the destination, when they are kept
// files that the destination lacks, and returns those it could not move.
func (d *Dir) rescue(p string) (left []string) {
	own, err := readMarker(filepath.Join(p, Marker))
	if err != nil {
		return []string{Marker}
	}
	tops := map[string]bool{}
	for name := range own {
		top, _, _ := strings.Cut(name, "/")
		tops[top] = true
	}
	entries, err := os.ReadDir(p)
	if err != nil {
		return []string{err.Error()}
	}
	for _, e := range entries {
		name := e.Name()
		switch {
		case name == Marker:
		case slices.Contains(d.keep, name) && !tops[name]:
			if d.moveBack(filepath.Join(p, name), name) {
				d.notes = append(d.notes, fmt.Sprintf("put %s back into %s, from an interrupted build", name, d.dest))
			} else {
				left = append(left, displayName(name, e.IsDir()))
			}
		case !tops[name]:
			left = append(left, displayName(name, e.IsDir()))
		}
	}
	return left
}

// moveBack moves a kept entry into the destination, if it has none.
func (d *Dir) moveBack(from, name string) bool {
	if _, err := os.Lstat(filepath.Join(d.real, name)); !errors.Is(err, os.ErrNotExist) {
		return false
	}
	return os.MkdirAll(d.real, 0o755) == nil && os.Rename(from, filepath.Join(d.real, name)) == nil
}

// WriteFile writes one file, name being slash-separated and relative to the
// site root. It fails once the Dir is committed or aborted.
func (d *Dir) WriteFile(name string, data []byte) error {
	rel, err := folderName(name)
	if err != nil {
		return err
	}
	d.mu.RLock()
	defer d.mu.RUnlock()
	if d.closed {
		return errClosed
	}
	full := filepath.Join(d.staging, filepath.FromSlash(rel))
	dir := filepath.Dir(full)
	d.namesMu.Lock()
	made := d.dirs[dir]
	d.namesMu.Unlock()
	if !made {
		// Pages are written below folders made for earlier pages, so one
		// mkdir usually does; MkdirAll stats its way up first.
		if err := os.Mkdir(dir, 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return err
			}
		}
	}
	if err := writeNew(full, data); err != nil {
		return err
	}
	d.namesMu.Lock()
	d.dirs[dir] = true
	d.names = append(d.names, rel)
	d.namesMu.Unlock()
	return nil
}

// folderName returns the name of a file written to a folder as cleanName
// does, and fails for the name of playbook's own record of its output and
// for a name with a part longer than file systems take.
func folderName(name string) (string, error) {
	rel, err := cleanName(name)
	switch {
	case err != nil:
	case rel == Marker:
		err = fmt.Errorf("%s is reserved for playbook's own record of its output", Marker)
	case slices.ContainsFunc(strings.Split(rel, "/"), func(part string) bool { return len(part) > maxNamePart }):
		err = fmt.Errorf("output path %q has a part longer than %d bytes, which file systems refuse: shorten the file name, slug or alias it comes from", rel, maxNamePart)
	}
	return rel, err
}

// maxNamePart is the longest name of a file or folder, in bytes, that
// the common file systems take (ext4, APFS, NTFS in UTF-16 units).
const maxNamePart = 255

// Borrows marks Dir as an output.Borrower: WriteFile has written the data
// when it returns.
func (d *Dir) Borrows() {}

var errClosed = errors.New("output folder already committed or aborted")

// Previous returns the files of the previous output that the destination
// holds, as its marker names them, or nil when the destination was empty
// or missing. The map must not be changed.
func (d *Dir) Previous() map[string]bool { return d.own }

// Names returns the files written so far, sorted.
func (d *Dir) Names() []string {
	d.namesMu.Lock()
	defer d.namesMu.Unlock()
	return slices.Compact(slices.Sorted(slices.Values(d.names)))
}

// ReadManifest returns the files a build wrote, from its marker: p is the
// build's folder or the marker file itself. It reads only a regular file,
// and at most as much as a marker may hold.
func ReadManifest(p string) (map[string]bool, error) {
	st, err := os.Stat(p)
	if err != nil {
		return nil, err
	}
	if st.IsDir() {
		p = filepath.Join(p, Marker)
	}
	return readMarker(p)
}

// Commit records the files written in the marker, carries the kept files
// over from the destination and swaps the staging folder in. When it
// fails, the destination holds the previous site, whole; the error says
// so, or says where the previous site is if even that could not be put
// back. A *LeftoverError means the new site is installed.
func (d *Dir) Commit() error {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.closed {
		return errClosed
	}
	d.closed = true
	defer d.unlock()
	if _, err := os.Lstat(d.real); err == nil {
		// Someone may have put files there while the site was built.
		if err := d.checkContents(); err != nil {
			_ = os.RemoveAll(d.staging)
			return err
		}
	}
	if err := d.writeMarker(); err != nil {
		return d.fail(err)
	}
	moved, err := d.moveKept()
	if err != nil {
		return d.fail(err)
	}
	return d.swap(moved)
}

// fail removes the staging folder and returns err, saying that the
// previous site is unchanged.
func (d *Dir) fail(err error) error {
	_ = os.RemoveAll(d.staging)
	return fmt.Errorf("cannot replace %s: %w; the previous site is unchanged", d.dest, err)
}

// writeMarker writes the marker, with the names of the files written, to
// the staging folder.
func (d *Dir) writeMarker() error {
	slices.Sort(d.names)
	var m strings.Builder
	m.WriteString(markerOutput + "\n")
	for _, n := range slices.Compact(d.names) {
		m.WriteString(n + "\n")
	}
	return os.WriteFile(filepath.Join(d.staging, Marker), []byte(m.String()), 0o644)
}

// moveKept moves the kept files from the destination into the new site
// and returns those it moved; from here on a staging folder left by a
// killed build holds them, and the next build's tidy puts them back. When
// it fails, it puts back the files it moved.
func (d *Dir) moveKept() (moved []string, err error) {
	for _, k := range d.keep {
		if _, err := os.Lstat(filepath.Join(d.real, k)); err != nil {
			continue
		}
		if _, err := os.Lstat(filepath.Join(d.staging, k)); err == nil {
			if d.own[k] {
				continue // the previous build wrote it too: the new one replaces it
			}
			d.putBack(moved, d.real)
			return nil, fmt.Errorf("the site writes %s, which keepFiles keeps in the destination; rename what the site writes there or take %s out of keepFiles", k, k)
		}
		if err := os.Rename(filepath.Join(d.real, k), filepath.Join(d.staging, k)); err != nil {
			d.putBack(moved, d.real)
			return nil, err
		}
		moved = append(moved, k)
	}
	return moved, nil
}

// putBack moves the kept files moved into the staging folder back into
// the folder into.
func (d *Dir) putBack(moved []string, into string) {
	for _, k := range moved {
		_ = os.Rename(filepath.Join(d.staging, k), filepath.Join(into, k))
	}
}

// swap moves the destination aside, the staging folder into its place,
// and removes the previous site. When the swap fails, it puts the
// previous site and the kept files moved back.
func (d *Dir) swap(moved []string) error {
	old := ""
	if _, err := os.Lstat(d.real); err == nil {
		old = d.staging + ".old"
		if err := os.Rename(d.real, old); err != nil {
			d.putBack(moved, d.real)
			return d.fail(err)
		}
	}
	if err := os.Rename(d.staging, d.real); err != nil {
		if old == "" {
			return d.fail(err)
		}
		if err2 := os.Rename(old, d.real); err2 != nil {
			d.putBack(moved, old)
			return fmt.Errorf("cannot replace %s: %w; the previous site, with the kept files, is in %s: move it back to %s (the next build does so if you do not)", d.dest, err, old, d.dest)
		}
		d.putBack(moved, d.real)
		return d.fail(err)
	}
	if old != "" {
		if err := removeTree(old); err != nil {
			return &LeftoverError{Dest: d.dest, Old: old, Err: err}
		}
	}
	return nil
}

// Abort removes the staging folder; the destination is untouched. Writes
// still in progress finish first, and later ones fail.
func (d *Dir) Abort() error {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.closed {
		return nil
	}
	d.closed = true
	defer d.unlock()
	return os.RemoveAll(d.staging)
}

// removeTree removes a folder that carries the marker, the marker last, so
// that a folder that could only be removed in part is still recognised as
// playbook's by the next build.
func removeTree(p string) error {
	entries, err := os.ReadDir(p)
	if err != nil {
		return err
	}
	var errs []error
	for _, e := range entries {
		if e.Name() != Marker {
			errs = append(errs, os.RemoveAll(filepath.Join(p, e.Name())))
		}
	}
	if err := errors.Join(errs...); err != nil {
		return err
	}
	return os.RemoveAll(p)
}

// markerHead returns the first line of a marker file that is a regular
// file.
func markerHead(p string) (string, error) {
	f, err := openRegular(p)
	if err != nil {
		return "", err
	}
	defer f.Close()
	line, err := bufio.NewReader(io.LimitReader(f, 256)).ReadString('\n')
	if err != nil {
		return "", fmt.Errorf("%s: not a marker", p)
	}
	return strings.TrimSuffix(line, "\n"), nil
}

// readMarker returns the files an output's marker names.
func readMarker(p string) (map[string]bool, error) {
	f, err := openRegular(p)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	sc := bufio.NewScanner(io.LimitReader(f, maxMarker))
	sc.Buffer(make([]byte, 0, 4096), 1<<20)
	if !sc.Scan() || sc.Text() != markerOutput {
		return nil, fmt.Errorf("%s: not an output marker", p)
	}
	own := map[string]bool{}
	for sc.Scan() {
		own[sc.Text()] = true
	}
	return own, sc.Err()
}

// openRegular opens p only if it is a regular file, never a FIFO or a
// device, which could block or never end.
func openRegular(p string) (*os.File, error) {
	st, err := os.Lstat(p)
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("%s: not a regular file", p)
	}
	return os.Open(p)
}

// complete reports whether a moved-aside output still holds every file
// its marker names.
func complete(p string) bool {
	own, err := readMarker(filepath.Join(p, Marker))
	if err != nil {
		return false
	}
	for name := range own {
		if _, err := os.Lstat(filepath.Join(p, filepath.FromSlash(name))); err != nil {
			return false
		}
	}
	return true
}

// alive reports whether a process with that id exists.
func alive(pid int) bool {
	if pid <= 0 {
		return false
	}
	p, err := os.FindProcess(pid)
	if err != nil {
		return false
	}
	err = p.Signal(syscall.Signal(0))
	return err == nil || errors.Is(err, syscall.EPERM)
}

// resolve returns p made absolute with symbolic links resolved, as far as
// it exists.
func resolve(p string) string {
	p, err := filepath.Abs(p)
	if err != nil {
		return filepath.Clean(p)
	}
	rest := ""
	for {
		if r, err := filepath.EvalSymlinks(p); err == nil {
			return filepath.Join(r, rest)
		}
		parent := filepath.Dir(p)
		if parent == p {
			return filepath.Join(p, rest)
		}
		rest = filepath.Join(filepath.Base(p), rest)
		p = parent
	}
}

// within reports whether p is dir or lies inside it.
func within(p, dir string) bool {
	rel, err := filepath.Rel(dir, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}
