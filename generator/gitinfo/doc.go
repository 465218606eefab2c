// Package gitinfo reads what a site's git history says about its files:
// the last commit that touched each file, with its author and dates.
//
// It runs the git command once ("git log -z --name-only --no-renames")
// over the site's folder and keeps, for every path, the newest commit
// that names it. Outside a git repository, or without git installed, Load
// returns ErrNoRepository and the site is built without this information.
package gitinfo
