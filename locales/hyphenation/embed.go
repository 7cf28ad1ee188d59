// Package hyphenation holds the hyphenation patterns polypress ships: the
// hyph-utf8 pattern sets (the patterns TeX, LuaTeX, XeTeX and many other
// programs use) for the languages whose locale files ask for them, each as
// hyph-<name>.pat.txt (Liang patterns, one a line), hyph-<name>.hyp.txt
// (hyphenated exception words, when the set has any) and hyph-<name>.lic.txt
// (the pattern file's own header: authors, copyright and licence). See
// README.md for where they come from and under which licences.
//
// pipeline/hyphen compiles them (hyphen.Builtin); a locale file names the set
// it uses in its [_conventions] table (hyphenation = "en-gb").
package hyphenation

import "embed"

// FS holds every shipped pattern set and its licence.
//
//go:embed *.txt
var FS embed.FS
