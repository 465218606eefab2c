// Package gitinfo reads what a site's git history says about its files:
// the last commit that touched each file, with its author and dates, the
// newest commit of the site, and the files that were renamed.
//
// It runs the git command once ("git log -z --name-status -M") over the
// site's folder and keeps, for every path, the newest commit that names
// it, and the renames git detected, so that a moved page's old URL can
// lead to its new one (History.Moves). Outside a git repository, or
// without git installed, Load returns ErrNoRepository and the site is
// built without this information.
package gitinfo
