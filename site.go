// Package pkportal holds the hand-written part of the portal's Hugo site:
// configuration (hugo.toml, and netlify.toml, which the dev server reads),
// layouts, UI strings, styles, scripts and editorial pages.
// The generator embeds them (SiteFiles) and adds the pages and data it
// generates from the reports, so the build does not depend on the working
// directory. What the generator writes from the reports must not be kept
// here.
package pkportal

import "embed"

// SiteFiles are hugo.toml, layouts/, i18n/, assets/, static/, content/
// and netlify.toml.
//
//go:embed hugo.toml all:layouts i18n assets all:static all:content netlify.toml
var SiteFiles embed.FS
