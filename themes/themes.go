// Package themes embeds the built-in default theme, so that a bare
// playbook binary can build a site that has no themes/ folder.
package themes

import (
	"embed"
	"io/fs"
)

//go:embed default
var embedded embed.FS

// Default returns the default theme's files: layouts/ and assets/.
func Default() fs.FS {
	sub, err := fs.Sub(embedded, "default")
	if err != nil {
		panic(err) // the embedded tree always has the folder
	}
	return sub
}
