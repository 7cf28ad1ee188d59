package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"

	"github.com/polypress/polypress/pipeline/build"
	"github.com/polypress/polypress/pipeline/layout"
	"github.com/polypress/polypress/pipeline/preview"
	proj "github.com/polypress/polypress/pipeline/project"
)

const watchUsage = `Usage: polypress watch [flags] [PATH]

Builds the project's editions (or PATH's) into the output folder, serves a
preview on this machine — each edition's PDF beside its web page, the
problems of the last build at the top — and rebuilds on every change to
the statements, locale files, layout, fonts or project file; the page
reloads itself. A bad edit fails only the editions it touches, which keep
their last good files. It writes nothing outside the output folder.
Without formats set, it builds pdf and html, what the preview shows.
Stop it with Ctrl-C.

Flags:
`

// defaultAddr is where watch serves unless told otherwise: this machine
// only.
const defaultAddr = "127.0.0.1:8421"

// runWatch is "polypress watch".
func runWatch(args []string, stdout, stderr io.Writer) int {
	c := newCommand("watch", watchUsage, stdout, stderr)
	c.addSettings("out", "locale_dir", "layout", "fonts", "locales", "formats", "strict", "final")
	addr := c.fs.String("addr", defaultAddr, "address to serve the preview on (host:port; port 0 picks a free one)")
	var cfg build.Config
	c.fs.BoolVar(&cfg.AllowMissingGlyphs, "allow-missing-glyphs", false, "warn instead of failing on characters no font covers")
	paths, code := c.parse(args)
	if code >= 0 {
		return code
	}
	s, code := c.settings(paths)
	if code >= 0 {
		return code
	}
	if len(s.Statements) == 0 {
		return c.usageError("no statements: name a statement or folder, or run in a project (polypress new DIR makes one)")
	}
	settingsConfig(s, &cfg)
	if len(s.Formats) == 0 {
		cfg.Formats = []string{"pdf", "html"}
	}
	epoch, err := build.EpochFromEnv(os.Getenv)
	if err != nil {
		return c.usageError("%v", err)
	}
	cfg.Epoch = epoch
	if err := build.CheckOutDir(cfg.OutDir, append(append(append([]string(nil), cfg.Paths...), cfg.FontDirs...), cfg.LocaleDir)); err != nil {
		return c.usageError("%v", err)
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return c.usageError("--addr %s: %v", *addr, err)
	}
	// A change to the project file is read again; the folders watched
	// stay those of the start.
	configure := func() (build.Config, error) {
		s, err := c.resolveSettings(paths)
		if err != nil {
			return build.Config{}, err
		}
		next := cfg
		settingsConfig(s, &next)
		if len(s.Formats) == 0 {
			next.Formats = []string{"pdf", "html"}
		}
		if next.OutDir != cfg.OutDir {
			return build.Config{}, fmt.Errorf("the output folder changed from %s to %s: restart polypress watch to serve the new one", cfg.OutDir, next.OutDir)
		}
		return next, nil
	}
	srv := preview.New(preview.Options{Config: cfg, Watch: watchRoots(s), Configure: configure, Log: func(b preview.Build) { logBuild(c.out, b) }})
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	fmt.Fprintf(stdout, "serving http://%s/ (Ctrl-C to stop)\n", ln.Addr())
	if err := srv.Run(ctx, ln); err != nil {
		fmt.Fprintf(stderr, "polypress watch: %v\n", err)
		return exitInput
	}
	return exitOK
}

// watchRoots are what a change to starts a rebuild: the statements, the
// locale folder (the project's locales/ even before it exists), a layout
// file and its folder's bases, the font folders and the project file.
func watchRoots(s *proj.Settings) []string {
	roots := append([]string(nil), s.Statements...)
	roots = append(roots, s.Fonts...)
	switch {
	case s.LocaleDir != "":
		roots = append(roots, s.LocaleDir)
	case s.Root != "":
		roots = append(roots, filepath.Join(s.Root, "locales"))
	}
	if s.Layout != "" && layout.IsFile(s.Layout) {
		roots = append(roots, s.Layout)
	}
	if s.Root != "" {
		roots = append(roots, filepath.Join(s.Root, proj.FileName))
	}
	var out []string
	for _, r := range roots {
		if r != "-" {
			out = append(out, r)
		}
	}
	return out
}

// logBuild prints one line per build and its problems.
func logBuild(o *output, b preview.Build) {
	o.list(b.Problems)
	if b.Err != nil && len(b.Problems) == 0 {
		fmt.Fprintf(o.stderr, "polypress watch: %v\n", b.Err)
	}
	state := "every edition built"
	if n := len(b.Problems.Errors()); n > 0 || b.Err != nil {
		state = fmt.Sprintf("%s; the editions it touches keep their last good files", plural(max(n, 1), "problem"))
	}
	o.info("build %d: %s, %s in %.2f s", b.Generation, plural(len(b.Artifacts), "file"), state, b.Took.Seconds())
}
