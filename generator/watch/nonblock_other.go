//go:build !unix

package watch

// nonblock is 0 where named pipes cannot be made in a folder.
const nonblock = 0
