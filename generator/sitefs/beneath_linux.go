//go:build linux

package sitefs

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sync/atomic"

	"golang.org/x/sys/unix"
)

// beneath reads the site folder through its own descriptor, by the
// package's rules, on Linux. os.Root cannot keep them: it follows a link
// that stays inside the folder without saying where it led, so a link to
// .git/config, or one swapped in after the path was looked at, would be
// read. beneath resolves every path itself, one segment at a time, from
// descriptors (walk), refusing a hidden name wherever it meets one, links
// included, and never leaving the folder; as each step starts from the
// descriptor the step before opened, no rename or swap in between can
// lead it elsewhere.
//
// A regular file with no link on its path is opened the short way first:
// openat2 with RESOLVE_BENEATH and RESOLVE_NO_SYMLINKS resolves the whole
// path in one system call and fails if a segment is a link or the path
// leaves the folder. A path without links is the file's real path, so the
// hidden check on the name (FS.rel) is the whole check. Anything else, or
// a kernel without openat2, takes the walk.
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

// openBeneath opens the folder of r for reading by the package's rules. An
// error is the FS's error: there is no other way on Linux.
func openBeneath(r *os.Root, name string) (*beneath, error) {
	d, err := r.Open(".")
	if err != nil {
		return nil, err
	}
	conn, err := d.SyscallConn()
	if err != nil {
		d.Close()
		return nil, err
	}
	return &beneath{dir: d, conn: conn, name: name}, nil
}

func (b *beneath) close() {
	if b != nil {
		b.dir.Close()
	}
}

// control runs fn with the folder's descriptor, or returns fs.ErrClosed.
func (b *beneath) control(fn func(dirfd int) error) error {
	err := fs.ErrClosed
	if ctlErr := b.conn.Control(func(fd uintptr) { err = fn(int(fd)) }); ctlErr != nil {
		return fs.ErrClosed
	}
	return err
}

const beneathOnly = unix.RESOLVE_BENEATH | unix.RESOLVE_NO_SYMLINKS | unix.RESOLVE_NO_MAGICLINKS

// openat2 opens rel with flags the short way, or returns false.
func (b *beneath) openat2(dirfd int, rel string, flags int) (int, bool) {
	if b.off.Load() {
		return -1, false
	}
	how := unix.OpenHow{Flags: uint64(flags | unix.O_CLOEXEC), Resolve: beneathOnly}
	for {
		fd, err := unix.Openat2(dirfd, rel, &how)
		switch {
		case errors.Is(err, unix.EINTR):
			continue
		case errors.Is(err, unix.ENOSYS), errors.Is(err, unix.EPERM):
			b.off.Store(true)
		}
		return fd, err == nil
	}
}

// found is what walk found: the folder the entry lies in, open, and its
// name there ("." for the folder itself), with what it is.
type found struct {
	dirfd int
	name  string
	st    unix.Stat_t
}

// open opens rel, a regular file or a folder, for reading.
func (b *beneath) open(rel string) (*os.File, error) {
	var file *os.File
	err := b.control(func(rootfd int) error {
		var st unix.Stat_t
		if fd, ok := b.short(rootfd, rel, &st); ok {
			file = os.NewFile(uintptr(fd), b.path(rel))
			return nil
		}
		return walk(rootfd, rel, true, func(f found) error {
			if m := f.st.Mode & unix.S_IFMT; m != unix.S_IFREG && m != unix.S_IFDIR {
				return &notRegularError{modeOf(f.st)}
			}
			// Opened without blocking (a named pipe swapped in would wait
			// for a writer) and without following a link swapped in, then
			// checked to be what was looked at.
			fd, err := openat(f.dirfd, f.name, unix.O_RDONLY|unix.O_NONBLOCK|unix.O_NOFOLLOW)
			if err != nil {
				return err
			}
			if !isFile(fd, &f.st) {
				unix.Close(fd)
				return errChanged
			}
			file = os.NewFile(uintptr(fd), b.path(rel))
			return nil
		})
	})
	return file, err
}

// errChanged says that a file was replaced while it was opened.
var errChanged = errors.New("file changed while it was opened")

// isFile reports whether fd is the file that st describes, and leaves
// what fd is now in st.
func isFile(fd int, st *unix.Stat_t) bool {
	var now unix.Stat_t
	if unix.Fstat(fd, &now) != nil || now.Dev != st.Dev || now.Ino != st.Ino {
		return false
	}
	*st = now
	return true
}

// short opens rel, a regular file with no link on its path, the short way:
// it looks at the file before it opens it, without blocking, and checks
// that what it opened is what it looked at. ok is false when the walk must
// do it.
func (b *beneath) short(rootfd int, rel string, st *unix.Stat_t) (int, bool) {
	fd, ok := b.openat2(rootfd, rel, unix.O_PATH)
	if !ok {
		return -1, false
	}
	err := unix.Fstat(fd, st)
	unix.Close(fd)
	if err != nil || st.Mode&unix.S_IFMT != unix.S_IFREG {
		return -1, false
	}
	if fd, ok = b.openat2(rootfd, rel, unix.O_RDONLY|unix.O_NONBLOCK); !ok {
		return -1, false
	}
	// The same file is still the regular file looked at.
	if !isFile(fd, st) {
		unix.Close(fd)
		return -1, false
	}
	return fd, true
}

// readFile reads rel, at most limit bytes, when short can open it, with
// the descriptor alone: an os.File would cost three more system calls per
// file (fcntl, epoll_ctl and fstat again), and a site reads thousands. ok
// is false when the file must be opened the long way (Open); then nothing
// was read.
func (b *beneath) readFile(rel string, limit int64) (data []byte, ok bool, err error) {
	err = b.control(func(rootfd int) error {
		var st unix.Stat_t
		fd, short := b.short(rootfd, rel, &st)
		if !short {
			return nil
		}
		defer unix.Close(fd)
		ok = true
		data, err = readFD(fd, st.Size, limit)
		return err
	})
	return data, ok, err
}

// readFD reads the regular file fd, size bytes by its last fstat, with
// readLimited.
func readFD(fd int, size, limit int64) ([]byte, error) {
	return readLimited(func(b []byte) (int, error) {
		for {
			n, err := unix.Read(fd, b)
			if err != unix.EINTR {
				return max(n, 0), err
			}
		}
	}, size, limit)
}

// stat returns the FileInfo of rel, of a link itself with nofollow: the
// short way when no link is on the path (with nofollow, a link named by
// the last segment is opened itself, not followed), else by the walk.
func (b *beneath) stat(rel string, nofollow bool) (fs.FileInfo, error) {
	var info fs.FileInfo
	err := b.control(func(rootfd int) error {
		flags := unix.O_PATH
		if nofollow {
			flags |= unix.O_NOFOLLOW
		}
		if fd, ok := b.openat2(rootfd, rel, flags); ok {
			var err error
			info, err = b.statFD(fd, rel)
			return err
		}
		return walk(rootfd, rel, !nofollow, func(f found) error {
			fd, err := openat(f.dirfd, f.name, unix.O_PATH|unix.O_NOFOLLOW)
			if err != nil {
				return err
			}
			info, err = b.statFD(fd, rel)
			return err
		})
	})
	return info, err
}

// statFD returns the FileInfo of fd, a descriptor of rel, and closes it.
func (b *beneath) statFD(fd int, rel string) (fs.FileInfo, error) {
	file := os.NewFile(uintptr(fd), b.path(rel))
	defer file.Close()
	return file.Stat()
}

// readlink returns the destination of the link rel.
func (b *beneath) readlink(rel string) (string, error) {
	var dest string
	err := b.control(func(rootfd int) error {
		return walk(rootfd, rel, false, func(f found) error {
			var err error
			dest, err = readlinkat(f.dirfd, f.name)
			return err
		})
	})
	return dest, err
}

// path names rel as os.Root names the files it opens.
func (b *beneath) path(rel string) string {
	if os.IsPathSeparator(b.name[len(b.name)-1]) {
		return b.name + filepath.FromSlash(rel)
	}
	return b.name + string(filepath.Separator) + filepath.FromSlash(rel)
}

// walk resolves rel below the folder rootfd (see resolve) and calls at
// with what it leads to. Every folder on the way is opened without
// following a link and looked up from the one before, so what at is given
// is what the checks saw, whatever is renamed or swapped meanwhile.
func walk(rootfd int, rel string, follow bool, at func(found) error) error {
	t := &fdTree{root: rootfd}
	defer t.close()
	name, _, err := resolve(t, rel, follow)
	if err != nil {
		return err
	}
	return at(found{dirfd: t.cur(), name: name, st: t.st})
}

// fdTree is the folder tree below a descriptor, walked by descriptors.
type fdTree struct {
	root   int
	opened []int       // the folders below the root on the way, innermost last
	st     unix.Stat_t // what look saw last
}

func (t *fdTree) cur() int {
	if len(t.opened) == 0 {
		return t.root
	}
	return t.opened[len(t.opened)-1]
}

func (t *fdTree) look(seg string) (fs.FileMode, error) {
	if err := fstatat(t.cur(), seg, &t.st); err != nil {
		return 0, err
	}
	return modeOf(t.st), nil
}

func (t *fdTree) readlink(seg string) (string, error) { return readlinkat(t.cur(), seg) }

func (t *fdTree) enter(seg string) error {
	fd, err := openat(t.cur(), seg, unix.O_PATH|unix.O_DIRECTORY|unix.O_NOFOLLOW)
	if err != nil {
		return err
	}
	t.opened = append(t.opened, fd)
	return nil
}

func (t *fdTree) up() bool {
	if len(t.opened) == 0 {
		return false
	}
	unix.Close(t.opened[len(t.opened)-1])
	t.opened = t.opened[:len(t.opened)-1]
	return true
}

func (t *fdTree) close() {
	for _, fd := range t.opened {
		unix.Close(fd)
	}
}

// openat, fstatat and readlinkat are the system calls, retried when a
// signal interrupts them.
func openat(dirfd int, name string, flags int) (int, error) {
	for {
		fd, err := unix.Openat(dirfd, name, flags|unix.O_CLOEXEC, 0)
		if err != unix.EINTR {
			return fd, err
		}
	}
}

func fstatat(dirfd int, name string, st *unix.Stat_t) error {
	for {
		if err := unix.Fstatat(dirfd, name, st, unix.AT_SYMLINK_NOFOLLOW); err != unix.EINTR {
			return err
		}
	}
}

func readlinkat(dirfd int, name string) (string, error) {
	for n := 256; ; n *= 2 {
		buf := make([]byte, n)
		k, err := unix.Readlinkat(dirfd, name, buf)
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return "", err
		}
		if k < n {
			return string(buf[:k]), nil
		}
	}
}

// modeOf returns the fs.FileMode type bits of st.
func modeOf(st unix.Stat_t) fs.FileMode {
	switch st.Mode & unix.S_IFMT {
	case unix.S_IFREG:
		return 0
	case unix.S_IFIFO:
		return fs.ModeNamedPipe
	case unix.S_IFSOCK:
		return fs.ModeSocket
	case unix.S_IFCHR:
		return fs.ModeDevice | fs.ModeCharDevice
	case unix.S_IFBLK:
		return fs.ModeDevice
	case unix.S_IFLNK:
		return fs.ModeSymlink
	case unix.S_IFDIR:
		return fs.ModeDir
	}
	return fs.ModeIrregular
}
