package sitefs

import (
	"path/filepath"
	"regexp"
	"strings"
)

var sedTemp = regexp.MustCompile(`^sed[A-Za-z0-9]{6}$`)

// EditorFile reports whether a file name is one that editors and tools
// write while saving, rather than a file of the user's: swap and lock
// files, backups, and the temporary files of atomic saves and downloads.
// A build leaves them out of the site and the preview's watcher does not
// report them. Hidden files (".name") are not reported here; both leave
// them out anyway.
func EditorFile(name string) bool {
	switch {
	case name == "4913": // vim checks that it may write to the folder
		return true
	case strings.HasSuffix(name, "~"), // backups: vim, emacs, gedit, nano
		strings.HasPrefix(name, "#") && strings.HasSuffix(name, "#"),                     // emacs auto-save
		strings.HasSuffix(name, "___jb_tmp___"), strings.HasSuffix(name, "___jb_old___"), // JetBrains safe write
		sedTemp.MatchString(name): // sed -i
		return true
	}
	switch strings.ToLower(filepath.Ext(name)) {
	case ".swp", ".swo", ".swx", ".swn", ".tmp", ".temp", ".part", ".crdownload", ".kate-swp", ".bak":
		return true
	}
	return false
}
