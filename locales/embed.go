// Package locales holds the locale files polypress ships: one go-i18n v2
// message file in TOML per locale, named <BCP 47 tag>.toml, each with the
// locale's typographic conventions in a reserved [_conventions] table.
//
// pipeline/localize reads them (localize.Load(locales.FS, ".")); a user can
// point the CLI at a folder on disk with the same layout instead. en.toml
// documents the schema and is the source the other files are translated
// from: their hash keys name the English text they were made from.
package locales

import "embed"

// FS holds every shipped locale file.
//
//go:embed *.toml
var FS embed.FS
