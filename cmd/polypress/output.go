package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"github.com/polypress/polypress/pipeline/diag"
	proj "github.com/polypress/polypress/pipeline/project"
)

// output prints what a command has to say the way it was asked to:
// diagnostics as file:line:col lines (coloured on a terminal), as GitHub
// Actions annotations, or collected for a JSON report; --quiet keeps only
// errors, --verbose adds the settings.
type output struct {
	stdout, stderr io.Writer
	quiet, verbose bool
	// json collects diagnostics into collected instead of printing them.
	json      bool
	collected diag.List
	// format is "text" or "github" (--diagnostics).
	format string
	color  bool
}

// Diagnostic formats (--diagnostics).
const (
	diagText   = "text"
	diagGitHub = "github"
)

// addJSON registers --json.
func (c *command) addJSON(help string) {
	c.fs.BoolVar(&c.out.json, "json", false, help)
}

// addDiagnostics registers --diagnostics.
func (c *command) addDiagnostics() {
	c.out.format = diagText
	c.fs.Var(diagFormat{&c.out.format}, "diagnostics", "how to print problems: text (file:line:col lines) or github (GitHub Actions annotations on standard output)")
}

// diagFormat is the --diagnostics value; a wrong one is a wrong command
// line.
type diagFormat struct{ s *string }

func (d diagFormat) String() string {
	if d.s == nil {
		return ""
	}
	return *d.s
}

func (d diagFormat) Set(v string) error {
	if v != diagText && v != diagGitHub {
		return fmt.Errorf("want %s or %s, not %q", diagText, diagGitHub, v)
	}
	*d.s = v
	return nil
}

var _ flag.Value = diagFormat{}

// init decides on colour once the flags are read: only on a terminal, and
// never with NO_COLOR set (https://no-color.org) or TERM=dumb.
func (o *output) init() {
	if o.format == "" {
		o.format = diagText
	}
	o.color = isTerminal(o.stderr) && os.Getenv("NO_COLOR") == "" && os.Getenv("TERM") != "dumb"
}

// diags prints the diagnostics of err.
func (o *output) diags(err error) { o.list(diag.Flatten(err)) }

// list prints diagnostics; with --quiet only errors.
func (o *output) list(l diag.List) {
	for _, d := range l {
		o.one(d)
	}
}

func (o *output) one(d *diag.Diagnostic) {
	if o.json {
		o.collected = append(o.collected, d)
		return
	}
	if o.quiet && d.Severity == diag.Warning {
		return
	}
	if o.format == diagGitHub {
		fmt.Fprintln(o.stdout, annotation(d))
		return
	}
	line := d.Error()
	if o.color {
		if d.Severity == diag.Warning {
			line = strings.Replace(line, "warning:", "\x1b[33mwarning:\x1b[0m", 1)
		} else if p := d.Pos.String(); p != "" && strings.HasPrefix(line, p+": ") {
			line = "\x1b[1m" + p + ":\x1b[0m \x1b[31merror:\x1b[0m " + strings.TrimPrefix(line, p+": ")
		} else {
			line = "\x1b[31merror:\x1b[0m " + line
		}
	}
	fmt.Fprintln(o.stderr, line)
}

// info prints a line of progress ("wrote …") unless --quiet.
func (o *output) info(format string, args ...any) {
	if o.quiet || o.json {
		return
	}
	fmt.Fprintf(o.stdout, format+"\n", args...)
}

// annotation writes a diagnostic as a GitHub Actions workflow command:
// ::error file=F,line=L,col=C::message.
func annotation(d *diag.Diagnostic) string {
	kind := "error"
	if d.Severity == diag.Warning {
		kind = "warning"
	}
	var props []string
	if d.Pos.File != "" {
		props = append(props, "file="+escapeProperty(filepath.ToSlash(d.Pos.File)))
	}
	if d.Pos.Line > 0 {
		props = append(props, fmt.Sprintf("line=%d", d.Pos.Line))
	}
	if d.Pos.Col > 0 {
		props = append(props, fmt.Sprintf("col=%d", d.Pos.Col))
	}
	if d.Code != "" {
		props = append(props, "title="+escapeProperty("polypress "+d.Code))
	}
	msg := d.Msg
	if d.Err != nil {
		msg = strings.TrimPrefix(msg+": "+d.Err.Error(), ": ")
	}
	head := "::" + kind
	if len(props) > 0 {
		head += " " + strings.Join(props, ",")
	}
	return head + "::" + escapeData(msg)
}

// escapeData and escapeProperty escape text as the Actions runner reads
// it back.
func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

func escapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}

// jsonDiag is a diagnostic in --json output.
type jsonDiag struct {
	File     string `json:"file"`
	Line     int    `json:"line"`
	Col      int    `json:"col"`
	Severity string `json:"severity"`
	Code     string `json:"code"`
	Message  string `json:"message"`
}

func jsonDiags(l diag.List) []jsonDiag {
	out := make([]jsonDiag, 0, len(l))
	for _, d := range l {
		msg := d.Msg
		if d.Err != nil {
			msg = strings.TrimPrefix(msg+": "+d.Err.Error(), ": ")
		}
		out = append(out, jsonDiag{File: filepath.ToSlash(d.Pos.File), Line: d.Pos.Line, Col: d.Pos.Col, Severity: d.Severity.String(), Code: d.Code, Message: msg})
	}
	return out
}

// writeJSON prints v as indented JSON on standard output.
func (o *output) writeJSON(v any) {
	enc := json.NewEncoder(o.stdout)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	enc.Encode(v)
}

// settings prints the settings in effect, for --verbose.
func (o *output) settings(s *proj.Settings) { writeSettings(o.stderr, s) }

// writeSettings writes the settings as a table: key, value, origin.
func writeSettings(w io.Writer, s *proj.Settings) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	file := s.File
	if file == "" {
		file = "(none: the defaults and the command line)"
	}
	fmt.Fprintf(tw, "project\t%s\n", file)
	for _, r := range s.Rows() {
		fmt.Fprintf(tw, "%s\t%s\t%s\n", r.Key, r.Text, r.Origin)
	}
	tw.Flush()
}

// isTerminal reports whether w is a character device such as a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// inCI reports whether the CI variable says a CI system runs the command:
// set to anything but "", "false" or "0".
func inCI() bool {
	v := strings.TrimSpace(os.Getenv("CI"))
	return v != "" && !strings.EqualFold(v, "false") && v != "0"
}

// relPath is p relative to dir.
func relPath(dir, p string) (string, error) { return filepath.Rel(dir, p) }
