package sitefs

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"runtime"
	"slices"
	"strings"
	"sync"
	"syscall"
)

// MaxFileSize is the largest file copied into a site as it is (a theme's
// assets and the files beside the pages): 100 MB.
const MaxFileSize = 100 << 20

var (
	// ErrOutside says that a path leads outside the site folder through a
	// symbolic link.
	ErrOutside = errors.New("symbolic link leads outside the site folder")
	// ErrHidden refuses a file or folder whose name, or the name of a
	// folder on its path, starts with a dot.
	ErrHidden = errors.New("hidden files and folders (names starting with a dot, such as .git and .env) are never read")
	// ErrNotRegular says that a path names something other than a regular
	// file or a folder: a named pipe, a device or a socket. Errors that
	// match it name the kind of file.
	ErrNotRegular = errors.New("not a regular file")
)

// LimitError says that a file is larger than a read allows.
type LimitError struct {
	// Size is the size of the file, or -1 when the file grew past Limit
	// while it was read (or, like /proc files, has no size).
	Size int64
	// Limit is the number of bytes the read allowed.
	Limit int64
}

// Error describes the sizes.
func (e *LimitError) Error() string {
	if e.Size < 0 {
		return fmt.Sprintf("file is over the %s limit", Size(e.Limit))
	}
	return fmt.Sprintf("file is %s, over the %s limit", Size(e.Size), Size(e.Limit))
}

// Size formats a number of bytes for a message: "10.0 MB", "2.5 KB" or
// "300 bytes".
func Size(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}

// notRegularError is ErrNotRegular with the kind of file.
type notRegularError struct{ mode fs.FileMode }

func (e *notRegularError) Error() string { return Kind(e.mode) + ", not a regular file" }

func (e *notRegularError) Is(target error) bool { return target == ErrNotRegular }

// Kind names the kind of file a mode describes, for messages: "a named
// pipe", "a symbolic link", "a regular file" and so on.
func Kind(m fs.FileMode) string {
	switch {
	case m&fs.ModeSymlink != 0:
		return "a symbolic link"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a device"
	case m.IsDir():
		return "a folder"
	case m.IsRegular():
		return "a regular file"
	}
	return "an irregular file"
}

// Readable reports whether a file of the mode may be opened: a regular
// file or a folder. Symbolic links are not: the mode of an entry in a
// listing is that of the link, not of the file it leads to.
func Readable(m fs.FileMode) bool { return m.IsRegular() || m.IsDir() }

// FS is a site folder, read by the rules of the package. It implements
// fs.FS, fs.StatFS, fs.ReadDirFS, fs.ReadLinkFS and fs.SubFS, and is safe
// for concurrent use. It is not an fs.ReadFileFS on purpose: read files
// with ReadFile, which bounds them.
type FS struct {
	// prefix is the folder within the root that this FS shows, "" for the
	// root itself.
	prefix string
	root   *lazyRoot
}

// lazyRoot opens the folder at its first use, so that a missing folder is
// reported as a missing file by every call, as os.DirFS does.
type lazyRoot struct {
	dir  string
	once sync.Once
	r    *os.Root
	b    *beneath // Linux's way; nil elsewhere, where os.Root's is taken
	err  error
}

func (l *lazyRoot) get() (*os.Root, *beneath, error) {
	l.once.Do(func() {
		// os.OpenRoot opens the folder before it checks that it is one,
		// and a named pipe would keep it waiting for a writer.
		if info, err := os.Stat(l.dir); err == nil && !info.IsDir() {
			l.err = &fs.PathError{Op: "open", Path: l.dir, Err: syscall.ENOTDIR}
			return
		}
		l.r, l.err = os.OpenRoot(l.dir)
		if l.err == nil {
			if l.b, l.err = openBeneath(l.r, l.dir); l.err != nil {
				l.r.Close()
			}
		}
	})
	return l.r, l.b, l.err
}

// Dir returns the site folder dir as an FS. The folder is opened at first
// use and stays open until Close (or until the FS is garbage collected).
func Dir(dir string) *FS { return &FS{root: &lazyRoot{dir: dir}} }

// Close closes the folder. The FS, and those Sub returned, cannot be used
// after it.
func (f *FS) Close() error {
	r, b, err := f.root.get()
	if err != nil {
		return nil
	}
	b.close()
	return r.Close()
}

// rel returns name as a path within the root, or an error for an invalid
// name.
func (f *FS) rel(op, name string) (string, error) {
	// On Windows, os.Root takes a backslash for a separator and a colon
	// for a drive or a stream, which would hide a segment from the
	// checks; os.DirFS refuses both there too.
	if !fs.ValidPath(name) || runtime.GOOS == "windows" && strings.ContainsAny(name, `\:`) {
		return "", &fs.PathError{Op: op, Path: name, Err: fs.ErrInvalid}
	}
	full := name
	switch {
	case f.prefix == "":
	case name == ".":
		full = f.prefix
	default:
		full = f.prefix + "/" + name
	}
	if hidden(full) {
		return "", &fs.PathError{Op: op, Path: name, Err: ErrHidden}
	}
	return full, nil
}

// maxLinks is the most symbolic links followed on one path, Linux's own
// limit.
const maxLinks = 40

// tree is a folder tree as resolve goes through it, from a current folder
// that starts at the site's root.
type tree interface {
	// look returns the type of seg in the current folder ("." for the
	// folder itself), a symbolic link's own.
	look(seg string) (fs.FileMode, error)
	// readlink returns the destination of the link seg in the current
	// folder.
	readlink(seg string) (string, error)
	// enter makes the folder seg the current one.
	enter(seg string) error
	// up makes the current folder's parent the current one, or reports
	// false at the root.
	up() bool
}

// resolve follows rel through t as the kernel would, taking a ".." after
// a link from where the link led, and following the links on it (the last
// segment's only with follow). It refuses a hidden segment, of rel or of a
// link's destination (ErrHidden), a way out of the root, by an absolute
// link or a ".." above it (ErrOutside), and more than maxLinks links. It
// returns the last segment, in the folder t is left in ("." for that
// folder itself), and its type.
func resolve(t tree, rel string, follow bool) (string, fs.FileMode, error) {
	todo := strings.Split(rel, "/")
	// at is the current folder's path from the root: whether a name is
	// hidden depends on where it is (.gitbook/assets/x is not, a link from
	// there to ../x is).
	var at []string
	for links := 0; ; {
		seg := todo[0]
		todo = todo[1:]
		last := len(todo) == 0
		switch {
		case seg == "..":
			if !t.up() {
				return "", 0, ErrOutside
			}
			at = at[:max(len(at)-1, 0)]
			if last && hidden(strings.Join(at, "/")) {
				return "", 0, ErrHidden // .gitbook, from its assets
			}
			seg = "."
		case seg == "":
			seg = "."
		case hiddenIn(at, seg, todo):
			return "", 0, ErrHidden
		}
		if seg == "." && !last {
			continue
		}
		mode, err := t.look(seg)
		if err != nil {
			return "", 0, err
		}
		switch {
		case mode&fs.ModeSymlink != 0 && (follow || !last):
			if links++; links > maxLinks {
				return "", 0, syscall.ELOOP
			}
			dest, err := t.readlink(seg)
			if err != nil {
				return "", 0, err
			}
			if path.IsAbs(dest) {
				return "", 0, ErrOutside
			}
			todo = append(strings.Split(dest, "/"), todo...)
		case last:
			return seg, mode, nil
		case !mode.IsDir():
			return "", 0, syscall.ENOTDIR
		default:
			if err := t.enter(seg); err != nil {
				return "", 0, err
			}
			at = append(at, seg)
		}
	}
}

// hiddenIn reports whether seg, in the folder at, is hidden (see hidden):
// .gitbook is not when the next segment to follow is assets, and a name
// reached from there by ".." is when it is not assets.
func hiddenIn(at []string, seg string, todo []string) bool {
	p := strings.Join(append(slices.Clip(at), seg), "/")
	if seg == ".gitbook" && len(todo) > 0 {
		p += "/" + todo[0]
	}
	return hidden(p)
}

// linksToHidden refuses a path on which a symbolic link leads to a hidden
// file or folder (with follow, the last segment's too): a link content/x.md
// → ../.git/config stays inside the site, so os.Root follows it. Any other
// trouble is left to the operation to report. It is the check where
// Linux's walk (see beneath) is missing, and it looks before os.Root
// opens: a link swapped in between is not seen.
func linksToHidden(r *os.Root, rel string, follow bool) error {
	if _, _, err := resolve(&rootTree{r: r}, rel, follow); errors.Is(err, ErrHidden) {
		return ErrHidden
	}
	return nil
}

// rootTree is the tree of an os.Root, walked by name.
type rootTree struct {
	r  *os.Root
	at []string // the current folder's path, without links
}

func (t *rootTree) name(seg string) string {
	return path.Join(append(t.at[:len(t.at):len(t.at)], seg)...)
}

func (t *rootTree) look(seg string) (fs.FileMode, error) {
	info, err := t.r.Lstat(t.name(seg))
	if err != nil {
		return 0, err
	}
	return info.Mode().Type(), nil
}

func (t *rootTree) readlink(seg string) (string, error) { return t.r.Readlink(t.name(seg)) }

func (t *rootTree) enter(seg string) error {
	t.at = append(t.at, seg)
	return nil
}

func (t *rootTree) up() bool {
	if len(t.at) == 0 {
		return false
	}
	t.at = t.at[:len(t.at)-1]
	return true
}

// hidden reports whether a path within the root has a segment that starts
// with a dot: .git (which holds a CI token after a checkout), .env and the
// like are never read, whatever names them. The one exception is GitBook's
// folder of uploaded images, .gitbook/assets (see GitBookAssets).
func hidden(p string) bool {
	if runtime.GOOS == "windows" {
		p = strings.ReplaceAll(p, `\`, "/") // a link's destination may use either
	}
	for p != "" {
		seg, rest, _ := strings.Cut(p, "/")
		if len(seg) > 1 && seg[0] == '.' && !GitBookAssetsAt(seg, rest) {
			return true
		}
		p = rest
	}
	return false
}

// GitBookAssets is the folder in which GitBook keeps a space's uploaded
// images and files, and the only hidden folder read: GitBook publishes
// it, and a handbook synced from GitBook links its pictures there. Its
// own hidden names (.DS_Store) stay hidden, and the rest of .gitbook
// stays unread; a link in it that leads to a hidden file is refused like
// any other.
const GitBookAssets = ".gitbook/assets"

// GitBookAssetsAt reports whether the path segment seg, followed by the
// path rest, is GitBookAssets or a path in it.
func GitBookAssetsAt(seg, rest string) bool {
	return seg == ".gitbook" && (rest == "assets" || strings.HasPrefix(rest, "assets/"))
}

// wrap reports err, from the root, for name as given to this FS.
func wrap(op, name string, err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	if isEscape(err) {
		err = ErrOutside
	}
	return &fs.PathError{Op: op, Path: name, Err: err}
}

// isEscape reports whether err is os.Root's refusal of a path that leaves
// it. The os package does not export that error; TestEscapeError notices
// if its text changes.
func isEscape(err error) bool {
	return err != nil && strings.Contains(err.Error(), "path escapes from parent")
}

// Stat returns the FileInfo of the named file, following a symbolic link
// that stays inside the folder.
func (f *FS) Stat(name string) (fs.FileInfo, error) { return f.stat("stat", name, true) }

// Lstat returns the FileInfo of the named file without following a
// symbolic link it names.
func (f *FS) Lstat(name string) (fs.FileInfo, error) { return f.stat("lstat", name, false) }

func (f *FS) stat(op, name string, follow bool) (fs.FileInfo, error) {
	r, b, rel, err := f.lookup(op, name)
	if err != nil {
		return nil, err
	}
	var info fs.FileInfo
	switch {
	case b != nil:
		info, err = b.stat(rel, !follow)
	default:
		stat := r.Lstat
		if follow {
			stat = r.Stat
		}
		if err = linksToHidden(r, rel, follow); err == nil {
			info, err = stat(rel)
		}
	}
	if err != nil {
		return nil, wrap(op, name, err)
	}
	return info, nil
}

// ReadLink returns the destination of the named symbolic link.
func (f *FS) ReadLink(name string) (string, error) {
	r, b, rel, err := f.lookup("readlink", name)
	if err != nil {
		return "", err
	}
	var dest string
	if b != nil {
		dest, err = b.readlink(rel)
	} else if err = linksToHidden(r, rel, false); err == nil {
		dest, err = r.Readlink(rel)
	}
	if err != nil {
		return "", wrap("readlink", name, err)
	}
	return dest, nil
}

// lookup returns the open folder and name's path within it for an
// operation op.
func (f *FS) lookup(op, name string) (*os.Root, *beneath, string, error) {
	rel, err := f.rel(op, name)
	if err != nil {
		return nil, nil, "", err
	}
	r, b, err := f.root.get()
	if err != nil {
		return nil, nil, "", wrap(op, name, err)
	}
	return r, b, rel, nil
}

// Open opens the named regular file or folder for reading. It refuses
// anything else before opening it, and a symbolic link that leads outside
// the folder.
func (f *FS) Open(name string) (fs.File, error) {
	r, b, rel, err := f.lookup("open", name)
	if err != nil {
		return nil, err
	}
	var file *os.File
	if b != nil {
		file, err = b.open(rel)
	} else {
		file, err = openRoot(r, rel)
	}
	if err != nil {
		return nil, wrap("open", name, err)
	}
	return file, nil
}

// openRoot opens rel the os.Root way: it looks at what rel is, refuses
// anything but a regular file or a folder, opens it without blocking (a
// named pipe swapped in would wait for a writer) and looks again.
func openRoot(r *os.Root, rel string) (*os.File, error) {
	if err := linksToHidden(r, rel, true); err != nil {
		return nil, err
	}
	info, err := r.Stat(rel)
	if err != nil {
		return nil, err
	}
	if !Readable(info.Mode()) {
		return nil, &notRegularError{info.Mode()}
	}
	file, err := r.OpenFile(rel, os.O_RDONLY|nonblock, 0)
	if err != nil {
		return nil, err
	}
	info, err = file.Stat()
	if err == nil && !Readable(info.Mode()) {
		err = &notRegularError{info.Mode()}
	}
	if err != nil {
		file.Close()
		return nil, err
	}
	return file, nil
}

// ReadDir reads the named folder and returns its entries sorted by name.
// The type of an entry is its own: a symbolic link is reported as one.
func (f *FS) ReadDir(name string) ([]fs.DirEntry, error) {
	file, err := f.Open(name)
	if err != nil {
		return nil, err
	}
	defer file.Close()
	dir, ok := file.(fs.ReadDirFile)
	if !ok {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: errors.New("not implemented")}
	}
	list, err := dir.ReadDir(-1)
	slices.SortFunc(list, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	if err != nil {
		return list, wrap("readdir", name, err)
	}
	return list, nil
}

// Sub returns the folder dir within f as an FS with the same rules. dir
// may be a symbolic link to a folder inside the site.
func (f *FS) Sub(dir string) (fs.FS, error) {
	rel, err := f.rel("sub", dir)
	if err != nil {
		return nil, err
	}
	if rel == "." {
		return f, nil
	}
	return &FS{prefix: rel, root: f.root}, nil
}

// ReadFile reads the named regular file of fsys, at most limit bytes. A
// larger file, or one that grows past limit while it is read, gives a
// *LimitError, wrapped in an *fs.PathError, without reading more than
// limit+1 bytes; a file other than a regular file gives ErrNotRegular.
//
// Any fs.FS may be given. With an FS from Dir, nothing but a regular file
// is ever opened; with another, ReadFile stats the file before opening it,
// which keeps it from waiting on a named pipe unless the file is replaced
// in between.
func ReadFile(fsys fs.FS, name string, limit int64) ([]byte, error) {
	if f, ok := fsys.(*FS); ok {
		if data, ok, err := f.readFile(name, limit); ok || err != nil {
			return data, err
		}
	} else {
		info, err := fs.Stat(fsys, name)
		if err != nil {
			return nil, err
		}
		if !info.Mode().IsRegular() {
			return nil, &fs.PathError{Op: "read", Path: name, Err: &notRegularError{info.Mode()}}
		}
	}
	file, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer file.Close()
	return readOpen(file, name, limit, nil)
}

// readFile reads name the short way, when the platform has one and the
// file can be opened by it (beneath.readFile); ok is false when it cannot,
// and then err is nil.
func (f *FS) readFile(name string, limit int64) (data []byte, ok bool, err error) {
	_, b, rel, err := f.lookup("read", name)
	if err != nil || b == nil {
		return nil, false, nil
	}
	data, ok, err = b.readFile(rel, limit)
	if err != nil {
		return nil, true, &fs.PathError{Op: "read", Path: name, Err: err}
	}
	return data, ok, nil
}

// readOpen reads an open file that must be a regular file of at most limit
// bytes. same, when set, checks that it is the file that was looked at
// before it was opened.
func readOpen(file fs.File, name string, limit int64, same func(fs.FileInfo) bool) ([]byte, error) {
	info, err := file.Stat()
	if err != nil {
		return nil, &fs.PathError{Op: "read", Path: name, Err: err}
	}
	if !info.Mode().IsRegular() {
		return nil, &fs.PathError{Op: "read", Path: name, Err: &notRegularError{info.Mode()}}
	}
	if same != nil && !same(info) {
		// Replaced since it was looked at, perhaps by a link.
		return nil, &fs.PathError{Op: "read", Path: name, Err: errors.New("file changed while it was opened")}
	}
	data, err := readLimited(file.Read, info.Size(), limit)
	if err != nil {
		return nil, &fs.PathError{Op: "read", Path: name, Err: err}
	}
	return data, nil
}

// readLimited reads a regular file of size bytes, by its last stat, with
// read, to its end or to limit+1 bytes: a *LimitError when it is larger
// than limit. The size is a hint (the file may have changed since, and
// some, those of /proc, report none); it stops without a read that finds
// nothing when a short read ends the file at size, as a regular file's
// read is short only at its end.
func readLimited(read func([]byte) (int, error), size, limit int64) ([]byte, error) {
	if size > limit {
		return nil, &LimitError{Size: size, Limit: limit}
	}
	buf := make([]byte, 0, max(size, 0)+1)
	for int64(len(buf)) <= limit {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		want := min(int64(cap(buf)-len(buf)), limit+1-int64(len(buf)))
		n, err := read(buf[len(buf) : int64(len(buf))+want])
		buf = buf[:len(buf)+n]
		switch {
		case err == io.EOF, n == 0 && err == nil:
			return buf, nil
		case err != nil:
			return nil, err
		case int64(n) < want && int64(len(buf)) == size:
			return buf, nil
		}
	}
	return nil, &LimitError{Size: -1, Limit: limit}
}

// Exempt are the hidden files that ReadExempt reads besides a
// GitBookConfig: the CODEOWNERS files that GitHub and GitLab keep in
// .github/ and .gitlab/. They say who owns each page, which a handbook
// shows; keeping them there is what both hosts document, so refusing them
// would make a site move its file.
var Exempt = []string{".github/CODEOWNERS", ".gitlab/CODEOWNERS"}

// GitBookConfig is the name of GitBook's configuration file, which a
// GitBook space synced with git keeps at the top of its folder: where its
// pages are and which pages moved (see source.ReadGitBook). ReadExempt
// reads it in a folder whose path holds nothing hidden.
const GitBookConfig = ".gitbook.yaml"

// AwesomePages is the name of the file in which MkDocs' awesome-pages
// plugin keeps a folder's title and the order of its pages (see
// source.SplitCategories). ReadExempt reads it in a folder whose path
// holds nothing hidden.
const AwesomePages = ".pages"

// EleventyIgnore is the name of the file in which an Eleventy site lists
// the files Eleventy does not build, in its site folder or its input
// folder. ReadExempt reads it in a folder whose path holds nothing hidden.
const EleventyIgnore = ".eleventyignore"

// ExemptName reports whether file is the name of a hidden file that
// ReadExempt reads in a folder whose path holds nothing hidden: a
// GitBookConfig, an AwesomePages or an EleventyIgnore file.
func ExemptName(file string) bool {
	return file == GitBookConfig || file == AwesomePages || file == EleventyIgnore
}

// exempt reports whether ReadExempt may read name.
func exempt(name string) bool {
	if slices.Contains(Exempt, name) {
		return true
	}
	dir, file := path.Split(name)
	if file == AwesomePages {
		return AwesomePagesAt(name)
	}
	return ExemptName(file) && !hidden(dir)
}

// AwesomePagesAt reports whether the slash-separated path p names an
// AwesomePages file in a folder whose path holds no name that starts with
// a dot, .gitbook/assets included.
func AwesomePagesAt(p string) bool {
	dir, file := path.Split(p)
	return file == AwesomePages && !strings.HasPrefix(dir, ".") && !strings.Contains(dir, "/.")
}

// ReadExempt reads one of the hidden files that exempt allows (Exempt, a
// GitBookConfig, an EleventyIgnore, an AwesomePages file), at most limit bytes; name is in
// the folder this FS shows, and exempt judges its path from the root. It is the one exception to the
// rule that nothing hidden is read, and a narrow one: the name must be
// allowed, no folder on its path nor the file may be a symbolic link (so
// no link can lead it to .git/config or anywhere else), the file must be
// a regular file, checked before and after it is opened without
// blocking, and it is read through the site's root like every other file.
// Whatever else lies in .github/ or .gitlab/ (workflows, which may name
// secrets) stays unread.
func (f *FS) ReadExempt(name string, limit int64) ([]byte, error) {
	full := name
	if f.prefix != "" {
		full = f.prefix + "/" + name
	}
	if !fs.ValidPath(name) || !exempt(full) {
		return nil, &fs.PathError{Op: "read", Path: name, Err: ErrHidden}
	}
	r, _, err := f.root.get()
	if err != nil {
		return nil, wrap("read", name, err)
	}
	var before fs.FileInfo
	for i := 0; i <= len(full); i++ {
		if i < len(full) && full[i] != '/' {
			continue
		}
		info, err := r.Lstat(full[:i])
		if err != nil {
			return nil, wrap("read", name, err)
		}
		switch {
		case i < len(full) && !info.IsDir():
			return nil, &fs.PathError{Op: "read", Path: name, Err: fmt.Errorf("the folder %s on its way is %s", full[:i], Kind(info.Mode()))}
		case i == len(full) && (info.IsDir() || !Readable(info.Mode())):
			return nil, &fs.PathError{Op: "read", Path: name, Err: &notRegularError{info.Mode()}}
		}
		before = info
	}
	file, err := r.OpenFile(full, os.O_RDONLY|nonblock, 0)
	if err != nil {
		return nil, wrap("read", name, err)
	}
	defer file.Close()
	return readOpen(file, name, limit, func(info fs.FileInfo) bool { return os.SameFile(before, info) })
}
