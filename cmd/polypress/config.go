package main

import (
	"io"
)

const configUsage = `Usage: polypress config [--json] [flags]

Prints the settings a command run here would use — from the project file
(polypress.toml, in this folder or the nearest parent that has one), the
defaults, and any flags given — and where each came from. A setting flag
given here shows its effect: "polypress config --layout letter".

Flags:
`

// runConfig is "polypress config".
func runConfig(args []string, stdout, stderr io.Writer) int {
	c := newCommand("config", configUsage, stdout, stderr)
	c.addSettings("out", "locale_dir", "layout", "fonts", "locales", "formats", "strict", "final")
	c.addJSON("print the settings as JSON")
	paths, code := c.parse(args)
	if code >= 0 {
		return code
	}
	c.out.verbose = false
	s, code := c.settings(paths)
	if code >= 0 {
		return code
	}
	if c.out.json {
		c.out.writeJSON(s)
		return exitOK
	}
	writeSettings(stdout, s)
	return exitOK
}
