package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"golang.org/x/text/language"

	"github.com/polypress/polypress/pipeline/atomicfile"
	"github.com/polypress/polypress/pipeline/diag"
	"github.com/polypress/polypress/pipeline/localize"
	"github.com/polypress/polypress/pipeline/translate"
)

const localesUsage = `Usage:
  polypress locales status [--json] [PATH...]   what each locale and translation lacks
  polypress locales check [--strict] [PATH...]  the CI gate: exit 1 on an error, or with
                                                --strict (--final) on any problem
  polypress locales init TAG                    write locales/TAG.toml to translate
  polypress locales stamp PATH...               record that translations match their canonical text
  polypress locales export --format xliff [--locale TAG] [-o FILE] [PATH...]
                                                units to translate, for a translation tool
  polypress locales import FILE                 write translated units back

Locale files are read from ./locales when it exists (--locale-dir DIR to
choose), else the built-in ones. PATH is a statement file or a folder
searched for statement.md files; the default is samples/. See
docs/translating.md.
`

// defaultStatements is where status and check look for statements.
const defaultStatements = "samples"

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

// localesFlags makes the flag set of a locales subcommand, with --locale-dir.
func localesFlags(name, synopsis string, stderr io.Writer) (*flag.FlagSet, *string) {
	fs := newFlagSet("locales "+name, fmt.Sprintf("Usage: polypress locales %s\n\nFlags:\n", synopsis), stderr)
	dir := fs.String("locale-dir", "", "folder of locale files (default: ./locales if it exists, else the built-in ones)")
	return fs, dir
}

// localeDir returns the folder of locale files to read: the flag's, else
// ./locales when it exists, else "" for the built-in files.
func localeDir(flagDir string) string {
	if flagDir != "" {
		return flagDir
	}
	if fi, err := os.Stat("locales"); err == nil && fi.IsDir() {
		return "locales"
	}
	return ""
}

// loadCatalog reads the locale files of dir, or the built-in ones.
func loadCatalog(dir string) (*localize.Catalog, error) { return translate.OpenCatalog(dir) }

// statementPaths are the statements a command looks at: the arguments,
// or the samples.
func statementPaths(args []string) []string {
	if len(args) == 0 {
		return []string{defaultStatements}
	}
	return args
}

func runLocalesStatus(args []string, stdout, stderr io.Writer) int {
	fs, dirFlag := localesFlags("status", "status [--json] [PATH...]", stderr)
	asJSON := fs.Bool("json", false, "print JSON (schema: docs/translating.md)")
	if code := parseFlags(fs, args); code >= 0 {
		return code
	}
	cat, err := loadCatalog(localeDir(*dirFlag))
	if err != nil {
		printDiags(stderr, diag.Flatten(err))
		return exitInput
	}
	rep, err := translate.Status(cat, statementPaths(fs.Args()))
	if err != nil {
		printDiags(stderr, diag.Flatten(err))
		return exitInput
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if err := enc.Encode(rep); err != nil {
			fmt.Fprintf(stderr, "polypress: %v\n", err)
			return exitInput
		}
		return exitOK
	}
	translate.WriteStatus(stdout, rep)
	return exitOK
}

func runLocalesCheck(args []string, stdout, stderr io.Writer) int {
	fs, dirFlag := localesFlags("check", "check [--strict] [PATH...]", stderr)
	strict := fs.Bool("strict", false, "fail on what makes a draft too: missing or stale messages and plural forms, unaligned, stale, unstamped or untranslated text")
	final := fs.Bool("final", false, "the same as --strict: what a final build would refuse")
	if code := parseFlags(fs, args); code >= 0 {
		return code
	}
	var all diag.List
	cat, err := loadCatalog(localeDir(*dirFlag))
	if err != nil {
		all.Append(diag.Flatten(err))
		cat = nil
	}
	rep, err := translate.Status(cat, statementPaths(fs.Args()))
	if err != nil {
		all.Append(diag.Flatten(err))
		rep = nil
	}
	res := translate.Check(cat, rep, *strict || *final)
	all.Append(res.Diagnostics)
	all.Sort()
	printDiags(stderr, all)
	if all.HasErrors() {
		fmt.Fprintf(stderr, "locales check: %s, %s\n", plural(len(all.Errors()), "error"), plural(len(all.Warnings()), "warning"))
		return exitInput
	}
	fmt.Fprintf(stdout, "locales check: %s, %s, %s: ok", plural(res.Locales, "locale file"), plural(res.Statements, "statement"), plural(res.Translations, "translation"))
	if n := len(all.Warnings()); n > 0 {
		fmt.Fprintf(stdout, " (%s; --strict fails on them)", plural(n, "warning"))
	}
	fmt.Fprintln(stdout)
	return exitOK
}

func runLocalesInit(args []string, stdout, stderr io.Writer) int {
	fs, dirFlag := localesFlags("init", "init [--locale-dir DIR] TAG", stderr)
	if code := parseFlags(fs, args); code >= 0 {
		return code
	}
	if fs.NArg() != 1 {
		fmt.Fprintln(stderr, "polypress locales init: give one language tag, such as de or pt-BR")
		fs.Usage()
		return exitUsage
	}
	dir := *dirFlag
	if dir == "" {
		dir = "locales"
	}
	tag := fs.Arg(0)
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
	// A new folder has no source messages yet: take the built-in ones.
	from := localeDir(*dirFlag)
	if fi, err := os.Stat(from); from != "" && (err != nil || !fi.IsDir()) {
		from = ""
	}
	cat, err := loadCatalog(from)
	if err != nil {
		printDiags(stderr, diag.Flatten(err))
		return exitInput
	}
	data, err := cat.Skeleton(tag)
	if err != nil {
		fmt.Fprintf(stderr, "polypress locales init: %v\n", err)
		return exitInput
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		fmt.Fprintf(stderr, "polypress: %v\n", err)
		return exitInput
	}
	if err := atomicfile.Create(path, data); err != nil {
		fmt.Fprintf(stderr, "%s: %v\n", path, err)
		return exitInput
	}
	fmt.Fprintf(stdout, "wrote %s (%d messages to translate)\n", path, len(localize.Messages))
	return exitOK
}

func runLocalesStamp(args []string, stdout, stderr io.Writer) int {
	fs, _ := localesFlags("stamp", "stamp PATH...", stderr)
	if code := parseFlags(fs, args); code >= 0 {
		return code
	}
	if fs.NArg() == 0 {
		fmt.Fprintln(stderr, "polypress locales stamp: give translations (statement.fr.md) or statements")
		fs.Usage()
		return exitUsage
	}
	done, err := translate.Stamp(fs.Args())
	if err != nil {
		printDiags(stderr, diag.Flatten(err))
		return exitInput
	}
	for _, s := range done {
		fmt.Fprintf(stdout, "stamped %s from %s (recorded in %s)\n", s.Path, s.Canonical, s.Record)
	}
	return exitOK
}

func runLocalesExport(args []string, stdout, stderr io.Writer) int {
	fs, dirFlag := localesFlags("export", "export --format xliff [--locale TAG] [-o FILE] [PATH...]", stderr)
	format := fs.String("format", "xliff", "interchange format: xliff (XLIFF 1.2)")
	locale := fs.String("locale", "", "the language to export, with a new translation for every statement that has none (default: every language present, existing translations only)")
	out := fs.String("o", "", "write to FILE instead of standard output")
	if code := parseFlags(fs, args); code >= 0 {
		return code
	}
	if *format != "xliff" {
		fmt.Fprintf(stderr, "polypress locales export: --format %q: the format is xliff (XLIFF 1.2, which every translation tool reads)\n", *format)
		return exitUsage
	}
	cat, err := loadCatalog(localeDir(*dirFlag))
	if err != nil {
		printDiags(stderr, diag.Flatten(err))
		return exitInput
	}
	doc, warnings, err := translate.Export(cat, translate.ExportOptions{Locale: *locale, Paths: statementPaths(fs.Args())})
	if err != nil {
		printDiags(stderr, diag.Flatten(err))
		return exitInput
	}
	printDiags(stderr, warnings)
	data, err := translate.MarshalXLIFF(doc)
	if err != nil {
		fmt.Fprintf(stderr, "polypress locales export: %v\n", err)
		return exitInput
	}
	if *out == "" {
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
	fmt.Fprintf(stdout, "wrote %s: %s, %s\n", *out, plural(len(doc.Files), "file"), plural(units, "unit"))
	return exitOK
}

func runLocalesImport(args []string, stdout, stderr io.Writer) int {
	fs, _ := localesFlags("import", "import FILE", stderr)
	if code := parseFlags(fs, args); code >= 0 {
		return code
	}
	if fs.NArg() != 1 {
		fmt.Fprintln(stderr, "polypress locales import: give one XLIFF file")
		fs.Usage()
		return exitUsage
	}
	path := fs.Arg(0)
	data, err := os.ReadFile(path)
	if err != nil {
		fmt.Fprintf(stderr, "%s: cannot read: %v\n", path, errors.Unwrap(err))
		return exitInput
	}
	res, err := translate.Import(path, data)
	if err != nil {
		all := diag.Flatten(err)
		printDiags(stderr, all)
		fmt.Fprintf(stderr, "locales import: %s; nothing was written\n", plural(len(all.Errors()), "error"))
		return exitInput
	}
	for _, w := range res.Written {
		fmt.Fprintf(stdout, "wrote %s\n", w)
	}
	fmt.Fprintf(stdout, "locales import: %s written, %s unchanged\n", plural(len(res.Written), "file"), plural(len(res.Unchanged), "file"))
	return exitOK
}

func printDiags(w io.Writer, l diag.List) {
	for _, d := range l {
		fmt.Fprintln(w, d.Error())
	}
}

// parseTag returns the canonical form of a language tag ("zh-Hant" for
// "zh-hant"), the form locale file names use.
func parseTag(s string) (string, error) {
	t, err := language.Parse(s)
	if err != nil {
		return "", err
	}
	return t.String(), nil
}

// plural writes "1 error", "2 errors".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
