//go:build !unix

package sitefs

// nonblock is 0 where named pipes cannot be made in a folder.
const nonblock = 0
