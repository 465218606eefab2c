// Package e2e holds the browser tests of the default theme. They build the
// example handbook in content/, serve it over HTTP with the Content
// Security Policy of the preview server (serve.ContentSecurityPolicy, no
// inline script or style) and drive headless Chromium through the DevTools
// protocol: checklists, the shared state of role and team pages, search,
// page text that carries markup, console errors (a violation of the policy
// among them), and screenshots in light and dark mode. The accessibility
// sweep is in generator/e2e/a11y and the live preview in
// generator/e2e/livepreview; generator/e2e/browsertest holds what they
// share.
//
// The tests skip when Chromium is not installed, unless
// PLAYBOOK_BROWSER_TESTS=1, which makes a missing browser a failure.
// Screenshots go to the folder named by PLAYBOOK_ARTIFACTS, or to a
// temporary folder.
package e2e
