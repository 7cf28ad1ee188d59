// Package diag holds the positions, errors and warnings that every stage of
// the polypress pipeline reports. A person reading a message must be able to
// jump to the place in the source that caused it, so every diagnostic carries
// a file:line:col position when one is known.
package diag

import (
	"errors"
	"fmt"
	"sort"
	"strings"
)

// Pos is a place in a source file. Line and Col count from 1; Col counts
// runes, not bytes, so that editors land on the right character in every
// script. A zero Line means the position is only known to the file.
type Pos struct {
	File string
	Line int
	Col  int
}

// String formats the position as file:line:col, the form editors and CI
// annotators understand.
func (p Pos) String() string {
	switch {
	case p.File == "" && p.Line == 0:
		return ""
	case p.Line == 0:
		return p.File
	case p.Col == 0:
		return fmt.Sprintf("%s:%d", p.File, p.Line)
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
}

// IsValid reports whether the position names at least a file.
func (p Pos) IsValid() bool { return p.File != "" }

// Severity tells an error, which stops a build, from a warning, which is
// reported but lets the build go on.
type Severity int

const (
	// Error stops the build of the edition it belongs to.
	Error Severity = iota
	// Warning is reported; with --strict or --final it becomes an error.
	Warning
)

func (s Severity) String() string {
	if s == Warning {
		return "warning"
	}
	return "error"
}

// Diagnostic is one positioned message. It implements error so that a single
// diagnostic can travel as an ordinary Go error, and it unwraps to its cause.
type Diagnostic struct {
	Pos      Pos
	Severity Severity
	// Code says what kind of problem this is (see Code), or is empty.
	Code Code
	Msg  string
	Err  error
}

// Error formats the diagnostic as "file:line:col: message" ("warning: " is
// inserted for warnings), the form the CLI prints.
func (d *Diagnostic) Error() string {
	var b strings.Builder
	if s := d.Pos.String(); s != "" {
		b.WriteString(s)
		b.WriteString(": ")
	}
	if d.Severity == Warning {
		b.WriteString("warning: ")
	}
	b.WriteString(d.Msg)
	if d.Err != nil && d.Msg == "" {
		b.WriteString(d.Err.Error())
	} else if d.Err != nil {
		b.WriteString(": ")
		b.WriteString(d.Err.Error())
	}
	return b.String()
}

// Unwrap returns the cause.
func (d *Diagnostic) Unwrap() error { return d.Err }

// Errorf returns an error diagnostic at pos.
func Errorf(pos Pos, format string, args ...any) *Diagnostic {
	return &Diagnostic{Pos: pos, Severity: Error, Msg: fmt.Sprintf(format, args...)}
}

// Warnf returns a warning diagnostic at pos.
func Warnf(pos Pos, format string, args ...any) *Diagnostic {
	return &Diagnostic{Pos: pos, Severity: Warning, Msg: fmt.Sprintf(format, args...)}
}

// WithCode sets the diagnostic's code and returns it, for chaining.
func (d *Diagnostic) WithCode(code Code) *Diagnostic {
	d.Code = code
	return d
}

// List collects diagnostics. Like go/scanner.ErrorList, its Err method is nil
// when there is no error, so a stage can gather every problem it finds and
// report them together instead of stopping at the first.
type List []*Diagnostic

// Add appends d.
func (l *List) Add(d *Diagnostic) { *l = append(*l, d) }

// Errorf appends an error diagnostic.
func (l *List) Errorf(pos Pos, format string, args ...any) {
	l.Add(Errorf(pos, format, args...))
}

// Warnf appends a warning diagnostic.
func (l *List) Warnf(pos Pos, format string, args ...any) {
	l.Add(Warnf(pos, format, args...))
}

// Append adds every diagnostic of other.
func (l *List) Append(other List) { *l = append(*l, other...) }

// Sort orders the list by file, line and column, keeping the order of
// diagnostics at the same position.
func (l List) Sort() {
	sort.SliceStable(l, func(i, j int) bool {
		a, b := l[i].Pos, l[j].Pos
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Col < b.Col
	})
}

// Errors returns only the error-severity diagnostics.
func (l List) Errors() List { return l.only(Error) }

// Warnings returns only the warning-severity diagnostics.
func (l List) Warnings() List { return l.only(Warning) }

func (l List) only(s Severity) List {
	var out List
	for _, d := range l {
		if d.Severity == s {
			out = append(out, d)
		}
	}
	return out
}

// HasErrors reports whether any diagnostic is an error.
func (l List) HasErrors() bool {
	for _, d := range l {
		if d.Severity == Error {
			return true
		}
	}
	return false
}

// Err returns nil when the list holds no error, else the list of errors as
// one error value whose message has one diagnostic per line.
func (l List) Err() error {
	errs := l.Errors()
	if len(errs) == 0 {
		return nil
	}
	return errs
}

// Error joins the diagnostics, one per line.
func (l List) Error() string {
	var b strings.Builder
	for i, d := range l {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(d.Error())
	}
	return b.String()
}

// Unwrap exposes each diagnostic to errors.Is and errors.As.
func (l List) Unwrap() []error {
	out := make([]error, len(l))
	for i, d := range l {
		out[i] = d
	}
	return out
}

// Flatten turns any error into a list of diagnostics: a List stays a list, a
// Diagnostic becomes a list of one, and any other error becomes an
// unpositioned error diagnostic.
func Flatten(err error) List {
	if err == nil {
		return nil
	}
	var l List
	if errors.As(err, &l) {
		return l
	}
	var d *Diagnostic
	if errors.As(err, &d) {
		return List{d}
	}
	return List{{Severity: Error, Msg: err.Error()}}
}
