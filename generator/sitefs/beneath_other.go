//go:build !linux

package sitefs

import (
	"errors"
	"io/fs"
	"os"
)

// beneath is Linux's way to read the site folder (see beneath_linux.go);
// elsewhere every path goes the os.Root way, checked by linksToHidden.
type beneath struct{}

func openBeneath(*os.Root, string) (*beneath, error) { return nil, nil }

func (*beneath) close() {}

func (*beneath) open(string) (*os.File, error) { return nil, errors.ErrUnsupported }

func (*beneath) readFile(string, int64) ([]byte, bool, error) { return nil, false, nil }

func (*beneath) stat(string, bool) (fs.FileInfo, error) { return nil, errors.ErrUnsupported }

func (*beneath) readlink(string) (string, error) { return "", errors.ErrUnsupported }
