package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/polypress/polypress/pipeline/build"
	"github.com/polypress/polypress/pipeline/diag"
	"github.com/polypress/polypress/pipeline/layout"
	proj "github.com/polypress/polypress/pipeline/project"
	"github.com/polypress/polypress/pipeline/render"
)

func buildHelp() string {
	return "Usage: polypress build [flags] [PATH...]\n\nBuilds DIR/<id>.<locale>.<format> for each statement and pack, in each format:\n\n" +
		render.Help("  ") + `
Without PATH, the statements of the project file (polypress.toml) are
built; flags override its settings (see "polypress config"). Every edition
that can be built is written; the others are reported with the place of
each problem, and the exit status is 1.

Flags:
`
}

func runBuild(args []string, stdout, stderr io.Writer) int {
	c := newCommand("build", buildHelp(), stdout, stderr)
	c.addSettings("out", "locale_dir", "layout", "fonts", "locales", "formats", "parallel", "strict", "final")
	c.addJSON("print the result as JSON: the files written and the problems, as objects (docs/project.md)")
	c.addDiagnostics()
	var cfg build.Config
	var bleed string
	c.fs.StringVar(&bleed, "bleed", "", "print bleed around each page, e.g. 3mm or 9pt (the page boxes grow; backgrounds run into it)")
	c.fs.BoolVar(&cfg.CropMarks, "crop-marks", false, "draw crop marks outside the bleed")
	c.fs.BoolVar(&cfg.Recto, "recto", false, "start each statement of a pack on a right-hand page")
	c.fs.BoolVar(&cfg.AllowMissingGlyphs, "allow-missing-glyphs", false, "warn instead of failing on characters no font covers; the PDF prints \uFFFD in their place")
	paths, code := c.parse(args)
	if code >= 0 {
		return code
	}
	if bleed != "" {
		b, err := layout.ParseLength(bleed)
		if err != nil || b < 0 || b > 72 {
			return c.usageError("--bleed %q: give a length from 0 to 25mm, such as 3mm or 9pt", bleed)
		}
		cfg.Bleed = b
	}
	s, code := c.settings(paths)
	if code >= 0 {
		return code
	}
	if len(s.Statements) == 0 {
		return c.usageError("no statement given: name statements or folders, or run in a project (polypress new DIR makes one)")
	}
	settingsConfig(s, &cfg)
	cfg.Stdin = stdin
	epoch, err := build.EpochFromEnv(os.Getenv)
	if err != nil {
		fmt.Fprintf(stderr, "polypress: %v\n", err)
		return exitUsage
	}
	cfg.Epoch = epoch

	res, err := build.Build(cfg)
	var oe *build.OutDirError
	if errors.As(err, &oe) {
		return c.usageError("%v", err)
	}
	var pe *build.ParallelError
	if errors.As(err, &pe) && s.Origin("parallel").Kind == proj.FromFlag {
		for _, d := range pe.Problems {
			fmt.Fprintf(stderr, "polypress build: --parallel: %s\n", d)
		}
		fmt.Fprintf(stderr, "Run \"polypress help build\" for usage.\n")
		return exitUsage
	}
	if res != nil {
		c.out.list(res.Warnings)
	}
	if err != nil {
		c.out.diags(err)
	}
	if c.out.json {
		c.out.writeJSON(buildReport(res, c.out.collected))
	} else if res != nil {
		for _, a := range res.Artifacts {
			detail := fmt.Sprintf("%d bytes", a.Bytes)
			if a.Pages > 0 {
				detail = fmt.Sprintf("%d pages, %s", a.Pages, detail)
			}
			if a.Draft {
				detail += ", draft"
			}
			c.out.info("wrote %s (%s)", a.Path, detail)
		}
		if err != nil && len(res.Artifacts) > 0 {
			fmt.Fprintf(stderr, "polypress build: %s written; %s above kept the other editions from being built\n", plural(len(res.Artifacts), "file"), plural(len(res.Failed), "problem"))
		}
	}
	if err != nil {
		return exitInput
	}
	return exitOK
}

// settingsConfig copies the settings into a build configuration.
func settingsConfig(s *proj.Settings, cfg *build.Config) {
	cfg.Paths = s.Statements
	cfg.OutDir = s.Out
	cfg.LocaleDir = s.LocaleDir
	cfg.Layout = s.Layout
	cfg.FontDirs = s.Fonts
	cfg.Locales = s.Locales
	cfg.Formats = s.Formats
	cfg.Parallel = s.Parallel
	// Every condition that marks an edition draft is a fallback that
	// Strict turns into an error, so a final edition is a strict one.
	cfg.Strict = s.Strict || s.Final
	cfg.Final = s.Final
}

// jsonArtifact is a written file in build --json.
type jsonArtifact struct {
	ID     string `json:"id"`
	Locale string `json:"locale"`
	// Parallel are a parallel edition's locales; Locale is their name.
	Parallel []string `json:"parallel,omitempty"`
	Format   string   `json:"format"`
	Path     string   `json:"path"`
	Bytes    int64    `json:"bytes"`
	SHA256   string   `json:"sha256"`
	Pages    int      `json:"pages,omitempty"`
	Draft    bool     `json:"draft"`
}

// buildReport is build --json's output.
func buildReport(res *build.Result, diags diag.List) any {
	out := struct {
		OK          bool           `json:"ok"`
		Artifacts   []jsonArtifact `json:"artifacts"`
		Diagnostics []jsonDiag     `json:"diagnostics"`
	}{OK: !diags.HasErrors(), Artifacts: []jsonArtifact{}, Diagnostics: jsonDiags(diags)}
	if res != nil {
		for _, a := range res.Artifacts {
			out.Artifacts = append(out.Artifacts, jsonArtifact{ID: a.ID, Locale: a.Locale, Parallel: a.Parallel, Format: a.Format, Path: a.Path, Bytes: a.Bytes, SHA256: a.SHA256, Pages: a.Pages, Draft: a.Draft})
		}
	}
	return out
}

// plural writes "1 error", "2 errors".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	if strings.HasSuffix(noun, "s") {
		return fmt.Sprintf("%d %ses", n, noun)
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
