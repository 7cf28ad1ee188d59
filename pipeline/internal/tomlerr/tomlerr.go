// Package tomlerr places a TOML syntax error at the file, line and column
// a person sees, for every TOML file polypress reads (locale files, layouts,
// project files).
package tomlerr

import (
	"errors"
	"strings"
	"unicode/utf8"

	"github.com/BurntSushi/toml"

	"github.com/polypress/polypress/pipeline/diag"
)

// Diagnostic turns an error of toml.Decode over src, read from the file
// shown as display, into a positioned diagnostic. BurntSushi/toml counts
// columns in bytes; diagnostics count characters, so a line holding Arabic
// or accented text is placed where an editor shows it.
func Diagnostic(display, src string, err error) *diag.Diagnostic {
	var pe toml.ParseError
	if !errors.As(err, &pe) {
		return diag.Errorf(diag.Pos{File: display}, "%v", err)
	}
	pos := diag.Pos{File: display, Line: pe.Position.Line}
	if start := pe.Position.Start; start >= 0 && start <= len(src) {
		lineStart := strings.LastIndexByte(src[:start], '\n') + 1
		pos.Line = strings.Count(src[:start], "\n") + 1
		pos.Col = utf8.RuneCountInString(src[lineStart:start]) + 1
	}
	return diag.Errorf(pos, "%s", pe.Message)
}
