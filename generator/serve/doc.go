// Package serve is the live preview: it serves a site built in memory by
// a build.Builder, rebuilds it when its files change, and makes the open
// pages follow.
//
// Only the files of the built site are served, with no-store caching and,
// on every response, nosniff and a Content Security Policy that allows no
// inline script or style (ContentSecurityPolicy; a page with diagrams
// allows inline style, DiagramPolicy). In every HTML page, right
// after <head>, the server adds one external script, /_playbook/live.js
// (so that the policy allows it).
// The script listens for Server-Sent Events on /_playbook/events, through a
// SharedWorker so that many tabs share one connection, and
//
//   - reloads the page once a rebuild that changed it has finished,
//     keeping its scroll position;
//   - swaps the stylesheets without a reload when only CSS changed;
//   - shows the build's errors as path:line:col: message over the page
//     while the site is broken (the last good version stays served), and
//     hides them once the errors are fixed.
//
// Nothing of this reaches the output of "playbook build": the script is
// added to responses, never to the built files.
//
// So that a web page elsewhere cannot read the preview by DNS rebinding
// (making its own host name resolve to 127.0.0.1), the server answers only
// requests whose Host is one it serves: localhost, 127.0.0.1, [::1], the IP
// address the request arrived at, and the names given to WithAllowedHosts,
// with any port. Every other request, on every path, and every request for
// the event stream whose Origin is not such a host, gets 403.
package serve
