package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/text/language"

	"github.com/polypress/polypress/locales"
	"github.com/polypress/polypress/pipeline/atomicfile"
	"github.com/polypress/polypress/pipeline/build"
	"github.com/polypress/polypress/pipeline/diag"
	"github.com/polypress/polypress/pipeline/localize"
	proj "github.com/polypress/polypress/pipeline/project"
	"github.com/polypress/polypress/pipeline/translate"
)

const localesUsage = `Usage:
  polypress locales status [--json] [PATH...]   what each locale and translation lacks
  polypress locales check [--strict] [PATH...]  the CI gate: exit 1 on an error, or with
                                                --strict (--final) on any problem
  polypress locales init TAG                    write TAG.toml, every message to translate
  polypress locales export TAG...               write polypress's own TAG.toml, to change
                                                some of its messages
  polypress locales export --format xliff [--locale TAG] [-o FILE] [PATH...]
                                                units to translate, for a translation tool
  polypress locales import FILE                 write translated units back
  polypress locales stamp PATH...               record that translations match their canonical text

Locale files are polypress's built-in ones, with the files of the
project's locale folder (locale_dir in polypress.toml, by default its
locales/ folder, or --locale-dir DIR) over them: a project's file adds to
and overrides the built-in file of its language key by key. PATH is a
statement file or a folder searched for statement.md files; the default
is the project's statements. See docs/translating.md.
`

func runLocales(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, localesUsage)
		return exitUsage
	}
	switch cmd, rest := args[0], args[1:]; cmd {
	case "status":
		return runLocalesStatus(rest, stdout, stderr)
	case "check":
		return runLocalesCheck(rest, stdout, stderr)
	case "init":
		return runLocalesInit(rest, stdout, stderr)
	case "stamp":
		return runLocalesStamp(rest, stdout, stderr)
	case "export":
		return runLocalesExport(rest, stdout, stderr)
	case "import":
		return runLocalesImport(rest, stdout, stderr)
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, localesUsage)
		return exitOK
	default:
		fmt.Fprintf(stderr, "polypress locales: unknown command %q\n\n%s", cmd, localesUsage)
		return exitUsage
	}
}

// localesCommand makes the command of a locales subcommand.
func localesCommand(name, synopsis string, stdout, stderr io.Writer) *command {
	return newCommand("locales "+name, fmt.Sprintf("Usage: polypress locales %s\n\nFlags:\n", synopsis), stdout, stderr)
}

// loadCatalog reads the built-in locale files with the folder dir's over
// them: the layers every command reads.
func loadCatalog(dir string) (*localize.Catalog, error) {
	return localize.LoadLayers(build.LocaleLayers(dir))
}

// statementsOf returns the statements a locales command looks at, or
// the exit status of a usage error.
func (c *command) statementsOf(s *proj.Settings) ([]string, int) {
	if len(s.Statements) == 0 {
		return nil, c.usageError("no statements: name statements or folders, or run in a project (polypress.toml)")
	}
	return s.Statements, -1
}

func runLocalesStatus(args []string, stdout, stderr io.Writer) int {
	c := localesCommand("status", "status [--json] [PATH...]", stdout, stderr)
	c.addSettings("locale_dir")
	c.addJSON("print JSON (schema: docs/translating.md), with the problems check would list as objects")
	paths, code := c.parse(args)
	if code >= 0 {
		return code
	}
	s, code := c.settings(paths)
	if code >= 0 {
		return code
	}
	stmts, code := c.statementsOf(s)
	if code >= 0 {
		return code
	}
	cat, err := loadCatalog(s.LocaleDir)
	if err != nil {
		return c.failStatus(err)
	}
	rep, err := translate.Status(cat, stmts)
	if err != nil {
		return c.failStatus(err)
	}
	if c.out.json {
		diags := translate.Check(cat, rep, false).Diagnostics
		diags.Sort()
		c.out.writeJSON(struct {
			*translate.Report
			Diagnostics []jsonDiag `json:"diagnostics"`
		}{rep, jsonDiags(diags)})
		return exitOK
	}
	translate.WriteStatus(stdout, rep)
	return exitOK
}

// failStatus prints err's problems, as JSON too with --json, and returns
// the bad-input exit status.
func (c *command) failStatus(err error) int {
	c.out.diags(err)
	if c.out.json {
		c.out.writeJSON(struct {
			Diagnostics []jsonDiag `json:"diagnostics"`
		}{jsonDiags(c.out.collected)})
	}
	return exitInput
}

func runLocalesCheck(args []string, stdout, stderr io.Writer) int {
	c := localesCommand("check", "check [--strict] [PATH...]", stdout, stderr)
	c.addSettings("locale_dir", "strict", "final")
	c.addJSON("print the result as JSON, the problems as objects")
	c.addDiagnostics()
	c.fs.Lookup("strict").Usage = "fail on what makes a draft too: missing or stale messages and plural forms, unaligned, stale, unstamped or untranslated text"
	c.fs.Lookup("final").Usage = "the same as --strict: what a final build would refuse"
	paths, code := c.parse(args)
	if code >= 0 {
		return code
	}
	s, code := c.settings(paths)
	if code >= 0 {
		return code
	}
	stmts, code := c.statementsOf(s)
	if code >= 0 {
		return code
	}
	var all diag.List
	cat, err := loadCatalog(s.LocaleDir)
	if err != nil {
		all.Append(diag.Flatten(err))
		cat = nil
	}
	rep, err := translate.Status(cat, stmts)
	if err != nil {
		all.Append(diag.Flatten(err))
		rep = nil
	}
	res := translate.Check(cat, rep, s.Strict || s.Final)
	all.Append(res.Diagnostics)
	all.Sort()
	c.out.list(all)
	if c.out.json {
		c.out.writeJSON(struct {
			OK           bool       `json:"ok"`
			LocaleFiles  int        `json:"locale_files"`
			Statements   int        `json:"statements"`
			Translations int        `json:"translations"`
			Diagnostics  []jsonDiag `json:"diagnostics"`
		}{!all.HasErrors(), res.Locales, res.Statements, res.Translations, jsonDiags(all)})
		if all.HasErrors() {
			return exitInput
		}
		return exitOK
	}
	if all.HasErrors() {
		fmt.Fprintf(stderr, "locales check: %s, %s\n", plural(len(all.Errors()), "error"), plural(len(all.Warnings()), "warning"))
		return exitInput
	}
	if !c.out.quiet {
		fmt.Fprintf(stdout, "locales check: %s, %s, %s: ok", plural(res.Locales, "locale file"), plural(res.Statements, "statement"), plural(res.Translations, "translation"))
		if n := len(all.Warnings()); n > 0 {
			fmt.Fprintf(stdout, " (%s; --strict fails on them)", plural(n, "warning"))
		}
		fmt.Fprintln(stdout)
	}
	return exitOK
}

// newLocaleDir is the folder "locales init" and "locales export" write
// into: the locale folder in effect (--locale-dir, or the project file's),
// else the project's locales/, else ./locales. It need not exist yet.
func newLocaleDir(c *command) (string, int) {
	s, code := c.settings(nil)
	if code >= 0 {
		return "", code
	}
	switch {
	case s.LocaleDir != "":
		return s.LocaleDir, -1
	case s.Root != "":
		if wd, err := os.Getwd(); err == nil {
			if rel, err := filepath.Rel(wd, filepath.Join(s.Root, "locales")); err == nil {
				return rel, -1
			}
		}
		return filepath.Join(s.Root, "locales"), -1
	}
	return "locales", -1
}

func runLocalesInit(args []string, stdout, stderr io.Writer) int {
	c := localesCommand("init", "init [--locale-dir DIR] TAG", stdout, stderr)
	c.addSettings("locale_dir")
	tags, code := c.parse(args)
	if code >= 0 {
		return code
	}
	if len(tags) != 1 {
		return c.usageError("give one language tag, such as de or pt-BR")
	}
	dir, code := newLocaleDir(c)
	if code >= 0 {
		return code
	}
	tag := tags[0]
	// The file is named by the tag's canonical form, the name Load expects.
	name := tag
	if t, err := parseTag(tag); err == nil {
		name = t
	}
	path := filepath.Join(dir, name+".toml")
	if _, err := os.Stat(path); err == nil {
		fmt.Fprintf(stderr, "%s: already exists; polypress locales init never overwrites a locale file (see polypress locales status)\n", path)
		return exitInput
	}
	// The source messages: the built-in ones, with the folder's over them
	// when it has any.
	from := dir
	if fi, err := os.Stat(from); err != nil || !fi.IsDir() {
		from = ""
	}
	cat, err := loadCatalog(from)
	if err != nil {
		c.out.diags(err)
		return exitInput
	}
	data, err := cat.Skeleton(tag)
	if err != nil {
		return c.usageError("%v", err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		fmt.Fprintf(stderr, "polypress: %v\n", err)
		return exitInput
	}
	if err := atomicfile.Create(path, data); err != nil {
		fmt.Fprintf(stderr, "%s: %v\n", path, err)
		return exitInput
	}
	c.out.info("wrote %s (%d messages to translate)", path, len(localize.Messages))
	return exitOK
}

func runLocalesStamp(args []string, stdout, stderr io.Writer) int {
	c := localesCommand("stamp", "stamp PATH...", stdout, stderr)
	paths, code := c.parse(args)
	if code >= 0 {
		return code
	}
	if len(paths) == 0 {
		return c.usageError("give translations (statement.fr.md) or statements")
	}
	done, err := translate.Stamp(paths)
	if err != nil {
		c.out.diags(err)
		return exitInput
	}
	for _, s := range done {
		c.out.info("stamped %s from %s (recorded in %s)", s.Path, s.Canonical, s.Record)
	}
	return exitOK
}

// Export formats.
const (
	exportTOML  = "toml"
	exportXLIFF = "xliff"
)

func runLocalesExport(args []string, stdout, stderr io.Writer) int {
	c := localesCommand("export", "export TAG... | export --format xliff [--locale TAG] [-o FILE] [PATH...]", stdout, stderr)
	c.help = `Usage:
  polypress locales export [-o FILE] TAG...
  polypress locales export --format xliff [--locale TAG] [-o FILE] [PATH...]

The first form writes polypress's own locale file for each TAG into the
project's locale folder (or FILE, "-" for standard output), to start from:
the project's file then adds to and overrides the built-in one, so keep
only the messages and conventions you change. It never overwrites a file.

The second writes an XLIFF 1.2 document of the units to translate — the
locale files of the locale folder and the statements under PATH — for a
translation tool; "polypress locales import" reads it back.

Without --format, arguments that are language tags and not files or
folders ask for the first form, anything else for the second.

Flags:
`
	c.addSettings("locale_dir")
	format := c.fs.String("format", "", "toml (a built-in locale file) or xliff (XLIFF 1.2, for translation tools)")
	locale := c.fs.String("locale", "", "with xliff: the language to export, with a new translation for every statement that has none (default: every language present, existing translations only)")
	out := c.fs.String("o", "", "write to FILE instead of the locale folder (toml) or standard output (xliff)")
	args, code := c.parse(args)
	if code >= 0 {
		return code
	}
	switch *format {
	case "":
		*format = exportXLIFF
		if len(args) > 0 && *locale == "" && allTags(args) {
			*format = exportTOML
		}
	case exportTOML, exportXLIFF:
	default:
		return c.usageError("--format %q: want toml (a built-in locale file) or xliff (XLIFF 1.2, which every translation tool reads)", *format)
	}
	if *format == exportTOML {
		return exportBuiltIn(c, args, *out)
	}
	s, code := c.settings(args)
	if code >= 0 {
		return code
	}
	stmts, code := c.statementsOf(s)
	if code >= 0 {
		return code
	}
	cat, err := exchangeCatalog(s.LocaleDir)
	if err != nil {
		c.out.diags(err)
		return exitInput
	}
	doc, warnings, err := translate.Export(cat, translate.ExportOptions{Locale: *locale, Paths: stmts})
	if err != nil {
		c.out.diags(err)
		return exitInput
	}
	c.out.list(warnings)
	data, err := translate.MarshalXLIFF(doc)
	if err != nil {
		fmt.Fprintf(stderr, "polypress locales export: %v\n", err)
		return exitInput
	}
	if *out == "" || *out == "-" {
		stdout.Write(data)
		return exitOK
	}
	if err := atomicfile.Replace(*out, data); err != nil {
		fmt.Fprintf(stderr, "%s: %v\n", *out, err)
		return exitInput
	}
	units := 0
	for _, f := range doc.Files {
		units += len(f.Units)
	}
	c.out.info("wrote %s: %s, %s", *out, plural(len(doc.Files), "file"), plural(units, "unit"))
	return exitOK
}

// allTags reports whether every argument is a language tag and not a file
// or folder.
func allTags(args []string) bool {
	for _, a := range args {
		if _, err := os.Stat(a); err == nil {
			return false
		}
		if _, err := parseTag(a); err != nil || strings.ContainsAny(a, `/\.`) {
			return false
		}
	}
	return true
}

// exportBuiltIn writes polypress's own locale file of each tag.
func exportBuiltIn(c *command, tags []string, out string) int {
	if len(tags) == 0 {
		return c.usageError("give the language tags of the built-in locale files to write, such as fr or de")
	}
	if out != "" && len(tags) > 1 {
		return c.usageError("-o takes one tag; without it each file goes into the locale folder")
	}
	var files []string
	for _, tag := range tags {
		t, err := parseTag(tag)
		if err != nil {
			return c.usageError("%q is not a BCP 47 language tag (such as fr, pt-BR or zh-Hans)", tag)
		}
		name := t + ".toml"
		if _, err := fs.Stat(locales.FS, name); err != nil {
			return c.usageError("polypress has no built-in locale file for %s (it has %s); \"polypress locales init %s\" starts a new one", t, strings.Join(builtInTags(), ", "), t)
		}
		files = append(files, name)
	}
	dir := ""
	if out == "" {
		var code int
		dir, code = newLocaleDir(c)
		if code >= 0 {
			return code
		}
	}
	for _, name := range files {
		data, err := fs.ReadFile(locales.FS, name)
		if err != nil {
			fmt.Fprintf(c.stdio.stderr, "polypress: %v\n", err)
			return exitInternal
		}
		if out == "-" {
			c.stdio.stdout.Write(data)
			continue
		}
		path := out
		if path == "" {
			if err := os.MkdirAll(dir, 0o755); err != nil {
				fmt.Fprintf(c.stdio.stderr, "polypress: %v\n", err)
				return exitInput
			}
			path = filepath.Join(dir, name)
		}
		if err := atomicfile.Create(path, data); err != nil {
			if errors.Is(err, fs.ErrExist) {
				fmt.Fprintf(c.stdio.stderr, "%s: already exists; polypress locales export never overwrites a locale file\n", path)
			} else {
				fmt.Fprintf(c.stdio.stderr, "%s: %v\n", path, err)
			}
			return exitInput
		}
		c.out.info("wrote %s (polypress's %s: keep what you change, delete the rest, and the built-in file gives it)", path, name)
	}
	return exitOK
}

// builtInTags lists the built-in locale files' tags.
func builtInTags() []string {
	entries, _ := fs.ReadDir(locales.FS, ".")
	var out []string
	for _, e := range entries {
		if t, ok := strings.CutSuffix(e.Name(), ".toml"); ok {
			out = append(out, t)
		}
	}
	return out
}

// exchangeCatalog is the catalog XLIFF export works on: the locale
// folder's own files, which are the ones a translator edits and import
// writes back, with the built-in English file beneath them for the source
// messages a folder of a few files does not hold. Without a folder, the
// built-in files.
func exchangeCatalog(dir string) (*localize.Catalog, error) {
	if dir == "" {
		return loadCatalog("")
	}
	return localize.LoadLayers([]localize.Layer{
		{FS: oneFile{locales.FS, localize.SourceLocale + ".toml"}, Display: build.BuiltInPrefix + "locales", BuiltIn: true},
		localize.DirLayer(dir),
	})
}

// oneFile is fsys showing only the file name.
type oneFile struct {
	fsys fs.FS
	name string
}

func (o oneFile) Open(name string) (fs.File, error) {
	if name != "." && name != o.name {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	return o.fsys.Open(name)
}

func (o oneFile) ReadDir(name string) ([]fs.DirEntry, error) {
	entries, err := fs.ReadDir(o.fsys, name)
	if err != nil {
		return nil, err
	}
	for _, e := range entries {
		if e.Name() == o.name {
			return []fs.DirEntry{e}, nil
		}
	}
	return nil, nil
}

func runLocalesImport(args []string, stdout, stderr io.Writer) int {
	c := localesCommand("import", "import FILE", stdout, stderr)
	args, code := c.parse(args)
	if code >= 0 {
		return code
	}
	if len(args) != 1 {
		return c.usageError("give one XLIFF file")
	}
	res, err := translate.ImportFile(args[0])
	if err != nil {
		all := diag.Flatten(err)
		c.out.list(all)
		fmt.Fprintf(stderr, "locales import: %s; nothing was written\n", plural(len(all.Errors()), "error"))
		return exitInput
	}
	for _, w := range res.Written {
		c.out.info("wrote %s", w)
	}
	c.out.info("locales import: %s written, %s unchanged", plural(len(res.Written), "file"), plural(len(res.Unchanged), "file"))
	return exitOK
}

// parseTag returns the canonical form of a language tag ("zh-Hant" for
// "zh-hant"), the form locale file names use.
func parseTag(s string) (string, error) {
	t, err := language.Parse(s)
	if err != nil || t == language.Und || strings.Contains(s, "_") {
		return "", fmt.Errorf("%q is not a language tag", s)
	}
	return t.String(), nil
}
