// Package sitefs reads the files of a site folder without trusting them.
//
// A site is written by many hands and may be built by a machine that holds
// secrets, so reading it follows four rules:
//
//   - Nothing is read through a symbolic link that leads outside the site
//     folder: an absolute link, or a ".." above the folder, is refused
//     ([os.OpenRoot] refuses them too); a link to another file inside the
//     folder is followed.
//   - Only regular files (and folders) are opened. A named pipe would block
//     the build until something writes to it, and a device such as
//     /dev/zero never ends, so anything else is refused before it is
//     opened: [Dir] stats a file first, opens it without blocking and
//     checks the opened file again, in case it was replaced in between.
//   - Nothing hidden is read: a path with a segment that starts with a dot
//     (.git, whose config holds a CI token after a checkout; .env) is
//     refused whatever names it, an include, contentDir or a symbolic
//     link included. On Linux, [Dir] resolves every path itself, one
//     segment at a time from the descriptor of the folder before, so a
//     link swapped in or a folder renamed while it reads cannot lead it
//     anywhere its checks did not see. Elsewhere it looks at the links on
//     a path before os.Root follows them, which a link swapped in between
//     can defeat.
//   - Every read is bounded: [ReadFile] stops at a limit and reports a
//     [*LimitError] instead of reading a file that is too large or grows
//     without end.
//
// On Linux, a regular file with no symbolic link on its path is looked at
// and opened with openat2 calls that refuse links and ways out of the
// folder, in one system call each; other paths take the walk above. Both
// need only the permission to pass through the folders on the way, not to
// list them, so a readable file in a folder that may be entered but not
// listed (mode 0711) is read, as any program reads it, where os.Root
// refuses it.
//
// The package imports only the standard library and golang.org/x/sys.
package sitefs
