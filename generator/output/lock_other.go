//go:build !unix

package output

import "os"

// lockParent locks nothing where there is no flock: tidy then asks
// whether the build named in a staging folder's marker still runs.
func lockParent(string) (*os.File, bool, error) { return nil, false, nil }

// locksParent says that lockParent keeps other builds out.
const locksParent = false
