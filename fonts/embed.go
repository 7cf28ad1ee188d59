// Package fonts embeds the fonts polypress ships (see README.md for their
// origin and licences), so that a build needs no fonts installed on the
// machine.
package fonts

import "embed"

// FS holds the bundled .ttf files at its root.
//
//go:embed *.ttf
var FS embed.FS
