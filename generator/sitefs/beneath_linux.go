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

// beneath opens files of the site folder the short way Linux offers:
// openat2 with RESOLVE_BENEATH and RESOLVE_NO_SYMLINKS resolves a whole
// path in one system call and fails if any segment is a symbolic link or
// the path leaves the folder. os.Root cannot use it, since it must follow
// links that stay inside, so it opens and stats every folder on the way:
// about twenty system calls a page where this takes four. A path this way
// opens has no link on it, so it is the file's real path, and the hidden
// check on the name (FS.rel) is the whole check; anything it cannot open
// (a link on the path, a missing file, a kernel without openat2) goes the
// os.Root way, which also gives the errors.
type beneath struct {
	dir *os.File
	fd  int         // dir's descriptor
	off atomic.Bool // openat2 is missing or forbidden here
}

func openBeneath(dir string) *beneath {
	d, err := os.Open(dir)
	if err != nil {
		return nil
	}
	return &beneath{dir: d, fd: int(d.Fd())}
}

func (b *beneath) close() {
	if b != nil {
		b.dir.Close()
	}
}

const resolve = unix.RESOLVE_BENEATH | unix.RESOLVE_NO_SYMLINKS | unix.RESOLVE_NO_MAGICLINKS

func (b *beneath) openat2(rel string, flags int) (int, bool) {
	how := unix.OpenHow{Flags: uint64(flags | unix.O_CLOEXEC), Resolve: resolve}
	for {
		fd, err := unix.Openat2(b.fd, rel, &how)
		switch {
		case err == nil:
			return fd, true
		case errors.Is(err, unix.EINTR):
			continue
		case errors.Is(err, unix.ENOSYS), errors.Is(err, unix.EPERM):
			b.off.Store(true)
		}
		return -1, false
	}
}

// stat returns what rel is, without opening it for reading.
func (b *beneath) stat(rel string) (unix.Stat_t, bool) {
	var st unix.Stat_t
	if b == nil || b.off.Load() {
		return st, false
	}
	fd, ok := b.openat2(rel, unix.O_PATH)
	if !ok {
		return st, false
	}
	defer unix.Close(fd)
	return st, unix.Fstat(fd, &st) == nil
}

// open opens rel, a regular file or a folder, for reading: it looks at
// the file before it opens it, without blocking, and checks that what it
// opened is what it looked at, as FS.Open does. ok is false when the
// caller must take the os.Root way.
func (b *beneath) open(rel string) (f *os.File, ok bool) {
	before, ok := b.stat(rel)
	if !ok || !Readable(modeOf(before.Mode)) {
		return nil, false
	}
	fd, ok := b.openat2(rel, unix.O_RDONLY|unix.O_NONBLOCK)
	if !ok {
		return nil, false
	}
	var st unix.Stat_t
	if unix.Fstat(fd, &st) != nil || st.Dev != before.Dev || st.Ino != before.Ino || !Readable(modeOf(st.Mode)) {
		unix.Close(fd)
		return nil, false
	}
	return os.NewFile(uintptr(fd), filepath.Join(b.dir.Name(), filepath.FromSlash(rel))), true
}

// modeOf is the type of a file's stat mode as an fs.FileMode.
func modeOf(m uint32) fs.FileMode {
	switch m & unix.S_IFMT {
	case unix.S_IFREG:
		return 0
	case unix.S_IFDIR:
		return fs.ModeDir
	case unix.S_IFLNK:
		return fs.ModeSymlink
	}
	return fs.ModeIrregular
}
