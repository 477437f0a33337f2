// Package e2e checks the built portal end to end, as a reader's browser
// sees it. Its tests build the real site once from ../sources, serve it
// with the same server as `generator serve` (netlify.toml's redirects and
// headers, and the search and CSV functions over the reports just built),
// and then check:
//
//   - accessibility: axe-core, injected into each page type in headless
//     Chromium, finds no serious or critical violation;
//   - no console error and no Content-Security-Policy violation, with the
//     CSP header on;
//   - paragraph permalinks land on the paragraph and mark it, and the
//     language switch keeps the reader's place;
//   - the header's live search is a WAI-ARIA combobox with a listbox
//     popup: roles and states, keys, and the accessibility tree;
//   - every internal link and anchor of public/ resolves (pure Go);
//   - the report home weighs at most 50 KiB gzip-compressed with its CSS and
//     JS, and no page loads anything from another host;
//   - static responses carry exactly netlify.toml's security headers;
//   - every HTML page, and the search function's pages, pass html-validate
//     (.htmlvalidate.json: its standard, a11y and document rules).
//
// The browser tests need Chromium (/usr/bin/chromium, or the path in
// $PKPORTAL_CHROMIUM) and axe-core, the HTML test html-validate (both
// `npm ci --prefix e2e`). Without them the
// tests skip with a message, but they must not skip on CI ($CI is
// "true"): there they fail.
package e2e
