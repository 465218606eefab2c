//go:build darwin || freebsd || netbsd

package watch

import (
	"io/fs"
	"syscall"
	"time"
)

// changeTime returns the inode's change time of info, or the zero time.
func changeTime(info fs.FileInfo) time.Time {
	if st, ok := info.Sys().(*syscall.Stat_t); ok {
		return time.Unix(st.Ctimespec.Unix())
	}
	return time.Time{}
}
