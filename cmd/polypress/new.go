package main

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/polypress/polypress/pipeline/build"
	"github.com/polypress/polypress/pipeline/scaffold"
)

const newUsage = `Usage: polypress new [--kind KIND] DIR

Starts a project in DIR (a new or empty folder): polypress.toml, a statement
of the kind asked for (statements/<name>/statement.md) with a French
translation beside it, a locales/ folder for locale files that add to the
built-in ones, and a .gitignore for the output folder. It builds at once:

  polypress new press && cd press && polypress build

Flags:
`

// runNew is "polypress new".
func runNew(args []string, stdout, stderr io.Writer) int {
	c := newCommand("new", newUsage, stdout, stderr)
	kind := c.fs.String("kind", scaffold.DefaultKind, "the statement's kind: "+strings.Join(scaffold.Kinds(), ", "))
	dirs, code := c.parse(args)
	if code >= 0 {
		return code
	}
	if len(dirs) != 1 {
		return c.usageError("give the folder to start the project in")
	}
	epoch, err := build.EpochFromEnv(os.Getenv)
	if err != nil {
		return c.usageError("%v", err)
	}
	files, err := scaffold.New(dirs[0], scaffold.Options{Kind: *kind, Date: epoch})
	var ue *scaffold.UsageError
	if errors.As(err, &ue) {
		return c.usageError("%v", err)
	}
	if err != nil {
		c.out.diags(err)
		return exitInput
	}
	for _, f := range files {
		c.out.info("wrote %s", filepath.Join(dirs[0], f))
	}
	c.out.info("\nNext:\n  cd %s\n  polypress build      # the editions, into dist/\n  polypress watch      # a preview that rebuilds as you edit", dirs[0])
	return exitOK
}
