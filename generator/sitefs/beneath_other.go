//go:build !linux

package sitefs

import (
	"io/fs"
	"os"
)

// beneath is the short way to open a file of the site folder, which only
// Linux has (see beneath_linux.go); elsewhere every file goes the os.Root
// way.
type beneath struct{}

func openBeneath(*os.Root, string) *beneath { return nil }

func (*beneath) close() {}

func (*beneath) open(string) (*os.File, bool) { return nil, false }

func (*beneath) stat(string, bool) (fs.FileInfo, bool) { return nil, false }

func (*beneath) confirm(*os.File) error { return nil }

func (*beneath) lstat(r *os.Root, rel string) (fs.FileInfo, error) { return r.Lstat(rel) }

func (*beneath) readlink(r *os.Root, rel string) (string, error) { return r.Readlink(rel) }
