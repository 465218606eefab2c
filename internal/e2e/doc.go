// Package e2e holds the browser tests of the default theme. They build the
// example handbook in content/, serve it over HTTP with a strict Content
// Security Policy and drive headless Chromium through the DevTools
// protocol: checklists, the shared state of role and team pages, console
// errors, and screenshots in light and dark mode.
//
// The tests skip when Chromium is not installed, unless
// PLAYBOOK_BROWSER_TESTS=1, which makes a missing browser a failure.
// Screenshots go to the folder named by PLAYBOOK_ARTIFACTS, or to a
// temporary folder.
package e2e
