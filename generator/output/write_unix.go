//go:build unix

package output

import (
	"io"
	"io/fs"
	"syscall"
)

// writeNew writes a file of the staging folder as os.WriteFile would, in
// three system calls: os.OpenFile also offers every file to the network
// poller, which costs five more (four fcntl and an epoll_ctl that a
// regular file refuses), about 50,000 on a site of 10,000 pages.
func writeNew(name string, data []byte) error {
	fd, err := open(name)
	if err != nil {
		return &fs.PathError{Op: "open", Path: name, Err: err}
	}
	for len(data) > 0 {
		n, err := syscall.Write(fd, data)
		if err == syscall.EINTR {
			continue
		}
		if err == nil && n == 0 {
			err = io.ErrShortWrite
		}
		if err != nil {
			syscall.Close(fd)
			return &fs.PathError{Op: "write", Path: name, Err: err}
		}
		data = data[n:]
	}
	if err := syscall.Close(fd); err != nil {
		return &fs.PathError{Op: "close", Path: name, Err: err}
	}
	return nil
}

func open(name string) (int, error) {
	for {
		fd, err := syscall.Open(name, syscall.O_WRONLY|syscall.O_CREAT|syscall.O_TRUNC|syscall.O_CLOEXEC, 0o644)
		if err != syscall.EINTR {
			return fd, err
		}
	}
}
