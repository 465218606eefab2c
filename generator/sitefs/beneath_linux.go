//go:build linux

package sitefs

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"

	"golang.org/x/sys/unix"
)

// beneath opens the regular files of the site folder the short way Linux
// offers: openat2 with RESOLVE_BENEATH and RESOLVE_NO_SYMLINKS resolves a
// whole path in one system call and fails if any segment is a symbolic
// link or the path leaves the folder. os.Root cannot use it, since it must
// follow links that stay inside, so it opens and stats every folder on the
// way: about twenty system calls a page where this takes four. A path this
// way opens has no link on it, so it is the file's real path, and the
// hidden check on the name (FS.rel) is the whole check. Anything else (a
// link on the path, a folder, a missing file, a kernel without openat2)
// goes the os.Root way, which also gives the errors.
type beneath struct {
	// dir is the root's own folder, opened through it, so that both are
	// the same folder; its descriptor is used under dir's reference count
	// (SyscallConn), so that once it is closed nothing is opened through
	// a number the process may have reused.
	dir  *os.File
	conn interface {
		Control(func(fd uintptr)) error
	}
	// name is the folder as Dir was given it, which names the files
	// opened as os.Root names them.
	name string
	off  atomic.Bool // openat2 is missing or forbidden here
}

func openBeneath(r *os.Root, name string) *beneath {
	d, err := r.Open(".")
	if err != nil {
		return nil
	}
	conn, err := d.SyscallConn()
	if err != nil {
		d.Close()
		return nil
	}
	return &beneath{dir: d, conn: conn, name: name}
}

func (b *beneath) close() {
	if b != nil {
		b.dir.Close()
	}
}

const resolve = unix.RESOLVE_BENEATH | unix.RESOLVE_NO_SYMLINKS | unix.RESOLVE_NO_MAGICLINKS

// openat2 opens rel with flags, or returns false.
func (b *beneath) openat2(rel string, flags int) (int, bool) {
	if b == nil || b.off.Load() {
		return -1, false
	}
	how := unix.OpenHow{Flags: uint64(flags | unix.O_CLOEXEC), Resolve: resolve}
	fd, err := -1, error(nil)
	ctlErr := b.conn.Control(func(dirfd uintptr) {
		for {
			fd, err = unix.Openat2(int(dirfd), rel, &how)
			if !errors.Is(err, unix.EINTR) {
				return
			}
		}
	})
	switch {
	case ctlErr != nil:
		return -1, false // closed
	case errors.Is(err, unix.ENOSYS), errors.Is(err, unix.EPERM):
		b.off.Store(true)
	}
	return fd, err == nil
}

// look returns what rel is, without opening it for reading.
func (b *beneath) look(rel string) (unix.Stat_t, bool) {
	var st unix.Stat_t
	fd, ok := b.openat2(rel, unix.O_PATH)
	if !ok {
		return st, false
	}
	defer unix.Close(fd)
	return st, unix.Fstat(fd, &st) == nil
}

// open opens rel, a regular file, for reading: it looks at the file
// before it opens it, without blocking, and checks that what it opened is
// what it looked at, as FS.Open does. ok is false when the caller must
// take the os.Root way.
func (b *beneath) open(rel string) (f *os.File, ok bool) {
	before, ok := b.look(rel)
	if !ok || before.Mode&unix.S_IFMT != unix.S_IFREG {
		return nil, false
	}
	fd, ok := b.openat2(rel, unix.O_RDONLY|unix.O_NONBLOCK)
	if !ok {
		return nil, false
	}
	var st unix.Stat_t
	if unix.Fstat(fd, &st) != nil || st.Dev != before.Dev || st.Ino != before.Ino || st.Mode&unix.S_IFMT != unix.S_IFREG {
		unix.Close(fd)
		return nil, false
	}
	return os.NewFile(uintptr(fd), b.path(rel)), true
}

// stat returns the FileInfo of rel, of the link itself with nofollow, as
// FS.Stat and FS.Lstat do, so that a file Open opens Stat sees too.
func (b *beneath) stat(rel string, nofollow bool) (fs.FileInfo, bool) {
	if rel == "." {
		return nil, false
	}
	flags := unix.O_PATH
	if nofollow {
		flags |= unix.O_NOFOLLOW
	}
	fd, ok := b.openat2(rel, flags)
	if !ok {
		return nil, false
	}
	f := os.NewFile(uintptr(fd), b.path(rel))
	defer f.Close()
	info, err := f.Stat()
	return info, err == nil
}

// path names rel as os.Root names the files it opens.
func (b *beneath) path(rel string) string {
	if os.IsPathSeparator(b.name[len(b.name)-1]) {
		return b.name + filepath.FromSlash(rel)
	}
	return b.name + string(filepath.Separator) + filepath.FromSlash(rel)
}

// confirm checks, once a file is open, where it lies. FS looks at the
// links on a path (linksToHidden) before os.Root follows them, so a link
// swapped in between could lead it to a hidden file such as .git/config;
// the kernel's name for the open file (/proc/self/fd) says where it is,
// and a file outside the folder, or below it with a hidden segment on its
// path, is refused. The folder may be renamed while it is looked at, so
// its name is read before and after the file's, the file is placed if it
// lies in the folder under either, and the whole check is made a few times
// before a file is refused: a file that is truly hidden is refused every
// time. Where /proc cannot name the folder (no /proc, or a path longer
// than the system allows), nothing more is checked; where it names the
// folder but not the file, the file is refused.
func (b *beneath) confirm(f *os.File) error {
	if b == nil {
		return nil
	}
	conn, err := f.SyscallConn()
	if err != nil {
		return nil
	}
	err = nil
	for range 8 {
		before := b.rootPath()
		if before == "" {
			return nil
		}
		var file string
		if conn.Control(func(fd uintptr) { file = fdPath(fd) }) != nil || file == "" {
			return errUnplaced
		}
		if err = placed(before, file); err == nil {
			return nil
		}
		if after := b.rootPath(); after != before && placed(after, file) == nil {
			return nil
		}
	}
	return err
}

// errUnplaced refuses a file whose place the kernel does not give.
var errUnplaced = errors.New("opened through a symbolic link, and the system does not say where the file lies")

// rootPath returns the kernel's name for the folder, or "".
func (b *beneath) rootPath() string {
	var root string
	if b.conn.Control(func(fd uintptr) { root = fdPath(fd) }) != nil {
		return ""
	}
	return root
}

// pin opens rel itself, a symbolic link not followed, without reading it,
// and confirms where it lies, for Lstat and ReadLink: os.Root follows the
// links before the last segment, and one swapped in after linksToHidden
// looked could lead it into a hidden folder.
func (b *beneath) pin(r *os.Root, rel string) (*os.File, error) {
	f, err := r.OpenFile(rel, unix.O_PATH, 0)
	if err != nil {
		return nil, err
	}
	if err := b.confirm(f); err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

// lstat returns the FileInfo of rel without following a link it names.
func (b *beneath) lstat(r *os.Root, rel string) (fs.FileInfo, error) {
	f, err := b.pin(r, rel)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return f.Stat()
}

// readlink returns the destination of the link rel.
func (b *beneath) readlink(r *os.Root, rel string) (string, error) {
	f, err := b.pin(r, rel)
	if err != nil {
		return "", err
	}
	defer f.Close()
	conn, err := f.SyscallConn()
	if err != nil {
		return "", err
	}
	var dest string
	ctlErr := conn.Control(func(fd uintptr) {
		for n := 256; ; n *= 2 {
			buf := make([]byte, n)
			var k int
			k, err = unix.Readlinkat(int(fd), "", buf)
			if err != nil || k < n {
				dest = string(buf[:max(k, 0)])
				return
			}
		}
	})
	if ctlErr != nil {
		return "", ctlErr
	}
	if err != nil {
		return "", &fs.PathError{Op: "readlinkat", Path: rel, Err: err}
	}
	return dest, nil
}

// placed says whether file, an absolute path, lies in the folder root.
func placed(root, file string) error {
	if file == root {
		return nil
	}
	rel, ok := strings.CutPrefix(file, strings.TrimSuffix(root, "/")+"/")
	switch {
	case !ok:
		return ErrOutside
	case hidden(rel):
		return ErrHidden
	}
	return nil
}

// fdPath returns the path the kernel gives an open file, or "".
func fdPath(fd uintptr) string {
	p, err := os.Readlink("/proc/self/fd/" + strconv.FormatUint(uint64(fd), 10))
	if err != nil || !strings.HasPrefix(p, "/") {
		return ""
	}
	return p
}
