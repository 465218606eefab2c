//go:build unix

package output

import (
	"errors"
	"os"
	"syscall"
)

// lockParent takes an exclusive lock on the folder dir, which holds the
// destination and the staging folders beside it, for as long as the
// returned file is open: the kernel releases it when the build ends, in
// whatever way, and holds it across PID namespaces (two containers that
// share a folder). A build that holds it knows that no other build is
// using the staging folders beside the destination, so those it finds are
// left over. busy says that another build holds it. Where the folder
// cannot be locked (one the user may write to but not read, a file
// system without locks), it returns no file, and tidy asks instead
// whether the build a staging folder names still runs.
func lockParent(dir string) (f *os.File, busy bool) {
	f, err := os.Open(dir)
	if err != nil {
		return nil, false
	}
	for {
		err = syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		if !errors.Is(err, syscall.EINTR) {
			break
		}
	}
	if err != nil {
		f.Close()
		return nil, errors.Is(err, syscall.EWOULDBLOCK)
	}
	return f, false
}
