// Package layouts embeds the page layouts (*.toml) and the EPUB stylesheet
// that ship with polypress. A user can pass --layout FILE to use a layout
// kept on disk instead.
package layouts

import "embed"

// FS holds the layout files at its root.
//
//go:embed *.toml *.css
var FS embed.FS
