package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"text/tabwriter"

	"golang.org/x/text/language"

	"github.com/polypress/polypress/locales"
	"github.com/polypress/polypress/pipeline/atomicfile"
	"github.com/polypress/polypress/pipeline/diag"
	"github.com/polypress/polypress/pipeline/doc"
	"github.com/polypress/polypress/pipeline/localize"
	"github.com/polypress/polypress/pipeline/source"
)

const localesUsage = `Usage:
  polypress locales status [--json] [PATH...]   what each locale and translation lacks
  polypress locales check [--strict] [PATH...]  the CI gate: exit 1 on any problem
  polypress locales init TAG                    write locales/TAG.toml to translate
  polypress locales stamp PATH...               record that translations match their canonical text

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
func loadCatalog(dir string) (*localize.Catalog, error) {
	if dir == "" {
		return localize.Load(locales.FS, ".")
	}
	return localize.LoadDir(dir)
}

// statementFiles returns the canonical statements under paths: each path is
// a statement file, or a folder searched for files named statement.md.
func statementFiles(paths []string) ([]string, error) {
	if len(paths) == 0 {
		paths = []string{defaultStatements}
	}
	var out []string
	for _, p := range paths {
		fi, err := os.Stat(p)
		if err != nil {
			return nil, diag.Errorf(diag.Pos{File: p}, "no such statement or folder")
		}
		if !fi.IsDir() {
			out = append(out, p)
			continue
		}
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if !d.IsDir() && d.Name() == "statement.md" {
				out = append(out, path)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	sort.Strings(out)
	return out, nil
}

// bodyStatus is the state of one body translation.
type bodyStatus struct {
	Lang string `json:"lang"`
	Path string `json:"path"`
	// Aligned is false when the translation does not parse or its clause
	// tree, headings or front matter keys differ from the canonical text;
	// Problems says how, one "file:line:col: message" each.
	Aligned  bool     `json:"aligned"`
	Problems []string `json:"problems"`
	source.Freshness
	// Stale lists, positioned, what went stale (see source.StaleDiagnostics).
	Stale []string `json:"stale_details"`
}

// statementStatus is one canonical statement and its translations.
type statementStatus struct {
	ID           string       `json:"id"`
	Path         string       `json:"path"`
	Lang         string       `json:"lang"`
	Problems     []string     `json:"problems"`
	Translations []bodyStatus `json:"translations"`

	diags diag.List // everything found, for check
}

// statusReport is the JSON of "locales status --json" (schema version 1,
// documented in docs/translating.md).
type statusReport struct {
	Version    int                     `json:"version"`
	Messages   int                     `json:"messages"`
	Locales    []localize.LocaleStatus `json:"locales"`
	Statements []statementStatus       `json:"statements"`
}

// statementsStatus parses every statement under paths with its
// translations and compares each translation with its canonical text.
func statementsStatus(paths []string) ([]statementStatus, error) {
	files, err := statementFiles(paths)
	if err != nil {
		return nil, err
	}
	out := []statementStatus{}
	for _, file := range files {
		st := statementStatus{Path: file, Problems: []string{}, Translations: []bodyStatus{}}
		canon, err := source.ParseFile(file)
		if err != nil {
			st.diags.Append(diag.Flatten(err))
			st.Problems = lines(st.diags)
			out = append(out, st)
			continue
		}
		st.ID, st.Lang = canon.Meta.ID, canon.Meta.Lang
		trs, err := source.Translations(file)
		if err != nil {
			st.diags.Append(diag.Flatten(err))
			st.Problems = lines(diag.Flatten(err))
		}
		for _, tr := range trs {
			bs := bodyStatus{Lang: tr.Lang, Path: tr.Path, Problems: []string{}, Stale: []string{}}
			d, err := source.ParseFile(tr.Path)
			if err != nil {
				ds := diag.Flatten(err)
				st.diags.Append(ds)
				bs.Problems = lines(ds)
				bs.Freshness = source.Freshness{State: source.Unknown}
				st.Translations = append(st.Translations, bs)
				continue
			}
			align := source.Align(canon, d)
			bs.Aligned = len(align) == 0
			bs.Problems = lines(align)
			// Alignment is held to in every build, but "check" without
			// --strict only reports it: a translation may be caught up.
			for _, a := range align {
				w := *a
				w.Severity = diag.Warning
				if w.Code == "" {
					w.Code = "unaligned"
				}
				st.diags.Add(&w)
			}
			bs.Freshness = source.CheckFreshness(canon, d)
			if bs.Changed == nil {
				bs.Changed = []string{}
			}
			stale := source.StaleDiagnostics(canon, d)
			bs.Stale = lines(stale)
			st.diags.Append(stale)
			st.Translations = append(st.Translations, bs)
		}
		out = append(out, st)
	}
	return out, nil
}

func lines(l diag.List) []string {
	out := make([]string, 0, len(l))
	for _, d := range l {
		dd := *d
		dd.Severity = diag.Error // the list says what it is
		out = append(out, dd.Error())
	}
	return out
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
	sts, err := statementsStatus(fs.Args())
	if err != nil {
		printDiags(stderr, diag.Flatten(err))
		return exitInput
	}
	rep := statusReport{Version: 1, Messages: len(localize.Messages), Locales: cat.Status(), Statements: sts}
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
	printStatus(stdout, rep)
	return exitOK
}

// printStatus writes the report as tables a translator reads.
func printStatus(w io.Writer, rep statusReport) {
	fmt.Fprintf(w, "Locale files (%d messages each)\n\n", rep.Messages)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "LOCALE\tTRANSLATED\tMISSING\tSTALE\tPLURAL FORMS\tFILE")
	for _, l := range rep.Locales {
		plural := strings.Join(l.PluralForms, " ")
		if len(l.PluralGaps) > 0 {
			plural += fmt.Sprintf(" (%d lacking)", len(l.PluralGaps))
		}
		translated := fmt.Sprintf("%d/%d", l.Translated, l.Total)
		if len(l.Inherited) > 0 {
			translated += fmt.Sprintf(" +%d from %s", len(l.Inherited), strings.Join(l.Parents, ", "))
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", l.Locale, translated, dash(len(l.Missing)), dash(len(l.Stale)), plural, l.File)
	}
	tw.Flush()
	for _, l := range rep.Locales {
		if len(l.Missing) > 0 {
			fmt.Fprintf(w, "  %s missing: %s\n", l.Locale, strings.Join(l.Missing, ", "))
		}
		if len(l.Stale) > 0 {
			fmt.Fprintf(w, "  %s stale (the English changed): %s\n", l.Locale, strings.Join(l.Stale, ", "))
		}
		for _, g := range l.PluralGaps {
			fmt.Fprintf(w, "  %s %s lacks plural forms: %s\n", l.Locale, g.ID, strings.Join(g.Forms, ", "))
		}
		if len(l.Unknown) > 0 {
			fmt.Fprintf(w, "  %s unknown IDs: %s\n", l.Locale, strings.Join(l.Unknown, ", "))
		}
	}
	fmt.Fprintf(w, "\nStatements\n")
	for _, s := range rep.Statements {
		fmt.Fprintf(w, "\n%s (%s, canonical %s)\n", s.Path, s.ID, s.Lang)
		for _, p := range s.Problems {
			fmt.Fprintf(w, "  %s\n", p)
		}
		if len(s.Translations) == 0 {
			fmt.Fprintln(w, "  no translations")
			continue
		}
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "  LANG\tALIGNED\tSOURCE\tFILE")
		for _, b := range s.Translations {
			aligned := "yes"
			if !b.Aligned {
				aligned = fmt.Sprintf("no (%d problems)", len(b.Problems))
			}
			fresh := b.State
			switch {
			case b.State == source.Stale && len(b.Changed) > 0:
				fresh += ": clauses " + strings.Join(b.Changed, ", ") + " changed"
			case b.State == source.Stale && b.OutsideClauses:
				fresh += ": text outside the clauses changed"
			case b.State == source.Unknown:
				fresh += " (not stamped)"
			}
			fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\n", b.Lang, aligned, fresh, b.Path)
		}
		tw.Flush()
		for _, b := range s.Translations {
			for _, p := range b.Problems {
				fmt.Fprintf(w, "    %s\n", p)
			}
		}
	}
}

func dash(n int) string {
	if n == 0 {
		return "-"
	}
	return fmt.Sprint(n)
}

// strictCodes are the locale file problems that fail "locales check" only
// with --strict: the file still builds an edition, a draft one.
var strictCodes = map[string]bool{"stale-message": true, "plural-forms": true}

func runLocalesCheck(args []string, stdout, stderr io.Writer) int {
	fs, dirFlag := localesFlags("check", "check [--strict] [PATH...]", stderr)
	strict := fs.Bool("strict", false, "also fail on stale messages, missing plural forms, and unaligned, stale or unstamped translations")
	if code := parseFlags(fs, args); code >= 0 {
		return code
	}
	var all diag.List
	nLocales := 0
	cat, err := loadCatalog(localeDir(*dirFlag))
	if err != nil {
		all.Append(diag.Flatten(err))
	} else {
		nLocales = len(cat.Tags())
		for _, d := range cat.Check() {
			dd := *d
			if strictCodes[d.Code] {
				dd.Severity = diag.Warning
			} else {
				dd.Severity = diag.Error
			}
			all.Add(&dd)
		}
	}
	sts, err := statementsStatus(fs.Args())
	if err != nil {
		all.Append(diag.Flatten(err))
	}
	nTrans := 0
	for _, s := range sts {
		nTrans += len(s.Translations)
		all.Append(s.diags)
	}
	if *strict {
		for i, d := range all {
			if d.Severity == diag.Warning {
				dd := *d
				dd.Severity = diag.Error
				all[i] = &dd
			}
		}
	}
	all.Sort()
	printDiags(stderr, all)
	if all.HasErrors() {
		fmt.Fprintf(stderr, "locales check: %s, %s\n", plural(len(all.Errors()), "error"), plural(len(all.Warnings()), "warning"))
		return exitInput
	}
	fmt.Fprintf(stdout, "locales check: %d locale files, %d statements, %d translations: ok", nLocales, len(sts), nTrans)
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
	var problems diag.List
	type job struct {
		canon *doc.Document
		path  string
	}
	var jobs []job
	for _, p := range fs.Args() {
		canonPath, only := p, ""
		if fi, err := os.Stat(p); err == nil && fi.IsDir() {
			canonPath = filepath.Join(p, "statement.md")
		} else if lang := source.TranslationLang(p); lang != "" {
			canonPath, only = filepath.Join(filepath.Dir(p), "statement.md"), p
		}
		canon, err := source.ParseFile(canonPath)
		if err != nil {
			problems.Append(diag.Flatten(err))
			continue
		}
		trs, err := source.Translations(canonPath)
		problems.Append(diag.Flatten(err))
		found := false
		for _, tr := range trs {
			if only != "" && filepath.Clean(tr.Path) != filepath.Clean(only) {
				continue
			}
			found = true
			d, err := source.ParseFile(tr.Path)
			if err != nil {
				problems.Append(diag.Flatten(err))
				continue
			}
			// A stamp says the translation matches the canonical text;
			// one that does not align cannot.
			if a := source.Align(canon, d); len(a) > 0 {
				problems.Append(a)
				continue
			}
			jobs = append(jobs, job{canon, tr.Path})
		}
		if !found {
			problems.Errorf(diag.Pos{File: p}, "no translation to stamp")
		}
	}
	problems.Sort()
	if problems.HasErrors() {
		printDiags(stderr, problems)
		return exitInput
	}
	for _, j := range jobs {
		src, err := os.ReadFile(j.path)
		if err != nil {
			fmt.Fprintf(stderr, "%s: %v\n", j.path, err)
			return exitInput
		}
		out, err := source.Stamp(j.canon, j.path, src)
		if err != nil {
			printDiags(stderr, diag.Flatten(err))
			return exitInput
		}
		if err := atomicfile.Replace(j.path, out); err != nil {
			fmt.Fprintf(stderr, "%s: %v\n", j.path, err)
			return exitInput
		}
		fmt.Fprintf(stdout, "stamped %s from %s\n", j.path, j.canon.Path)
	}
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
