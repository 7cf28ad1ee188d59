package translate

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing/fstest"
	"text/template"

	"github.com/polypress/polypress/pipeline/diag"
	"github.com/polypress/polypress/pipeline/doc"
	"github.com/polypress/polypress/pipeline/internal/confine"
	"github.com/polypress/polypress/pipeline/localize"
	"github.com/polypress/polypress/pipeline/source"
	"github.com/polypress/polypress/pipeline/xliff"
)

// Import writes the translations of an XLIFF document back into the files
// it came from: each <file>'s original, a translation (statement.fr.md)
// or a locale file (locales/fr.toml), relative to the working folder, as
// Export wrote it. It rewrites only what it owns — segment texts, message
// texts and hashes, the stamp keys and the record — and keeps every other
// byte. A translation that does not exist yet is made from its canonical
// statement, a locale file from the skeleton "locales init" writes.
//
// A unit a translator approved (approved="yes", or a state of translated,
// signed-off or final) is recorded as made from the source as it is now;
// when every unit with a translation is approved, the whole file is
// stamped current. Other units keep what was recorded.
//
// Every problem — XML that is not well-formed, a unit the file does not
// have or lacks, a source that is not the canonical text as it is now, a
// target language that is not the file's, markup a statement cannot hold
// — is an error at the file:line:col of the XLIFF, and then no file is
// written.
func Import(xlfPath string, data []byte) (*ImportResult, error) {
	d, err := xliff.Parse(xlfPath, data)
	if err != nil {
		return nil, err
	}
	var errs diag.List
	var files []file
	res := &ImportResult{Written: []string{}, Unchanged: []string{}}
	seen := map[string]diag.Pos{}
	if len(d.Files) == 0 {
		errs.Errorf(diag.Pos{File: xlfPath, Line: 1, Col: 1}, "the document has no <file> to import")
	}
	for _, f := range d.Files {
		path, ok := originalPath(f, &errs)
		if !ok {
			continue
		}
		if prev, dup := seen[path]; dup {
			errs.Errorf(f.Pos, "a second <file> for %s (the first is at line %d); merge them", f.Original, prev.Line)
			continue
		}
		seen[path] = f.Pos
		var fs []file
		var fe diag.List
		switch f.Datatype {
		case DatatypeStatement:
			fs, fe = importStatement(f, path)
		case DatatypeLocale:
			fs, fe = importLocale(f, path)
		default:
			errs.Errorf(f.Pos, "datatype %q: polypress imports the files it exports, of datatype %s or %s", f.Datatype, DatatypeStatement, DatatypeLocale)
			continue
		}
		errs.Append(fe)
		for _, nf := range fs {
			old, err := os.ReadFile(nf.path)
			if err == nil && string(old) == string(nf.data) {
				res.Unchanged = append(res.Unchanged, nf.path)
				continue
			}
			files = append(files, nf)
			res.Written = append(res.Written, nf.path)
		}
	}
	errs.Sort()
	if err := errs.Err(); err != nil {
		return nil, err
	}
	if err := writeAll(files); err != nil {
		return nil, err
	}
	sort.Strings(res.Written)
	sort.Strings(res.Unchanged)
	return res, nil
}

// ImportResult says what Import did.
type ImportResult struct {
	// Written are the files written; Unchanged those the document covers
	// that needed no change.
	Written, Unchanged []string
}

// originalPath checks a <file>'s original: a relative path inside the
// working folder, of a file named as polypress names what it exports.
func originalPath(f *xliff.File, errs *diag.List) (string, bool) {
	o := f.Original
	if o == "" {
		errs.Errorf(f.Pos, "<file> has no original attribute naming the file to write")
		return "", false
	}
	p := filepath.FromSlash(o)
	if filepath.IsAbs(p) || strings.HasPrefix(o, "/") || filepath.VolumeName(p) != "" {
		errs.Errorf(f.Pos, "original %q is an absolute path; import writes only below the folder it runs in: run it where you ran export", o)
		return "", false
	}
	for _, part := range strings.Split(filepath.ToSlash(p), "/") {
		if part == ".." {
			errs.Errorf(f.Pos, "original %q leaves the folder import runs in (..); run import where you ran export", o)
			return "", false
		}
	}
	return filepath.Clean(p), true
}

// done reports whether a translator approved a unit.
func done(u *xliff.Unit) bool {
	if u.Target == nil || u.Target.Empty() {
		return false
	}
	switch u.Approved {
	case "yes":
		return true
	case "no":
		return false
	}
	switch u.State {
	case "translated", "signed-off", "final":
		return true
	}
	return false
}

// matchUnits pairs the units of f with the IDs expected, in order,
// reporting unknown, repeated and missing units.
func matchUnits(f *xliff.File, ids []string, errs *diag.List) map[string]*xliff.Unit {
	want := map[string]bool{}
	for _, id := range ids {
		want[id] = true
	}
	got := map[string]*xliff.Unit{}
	for _, u := range f.Units {
		switch {
		case !want[u.ID]:
			errs.Errorf(u.Pos, "unit %q is not in %s as it is now; export again and translate the new file", u.ID, f.Original)
		case got[u.ID] != nil:
			errs.Errorf(u.Pos, "unit %q is given twice (first at line %d)", u.ID, got[u.ID].Pos.Line)
		default:
			got[u.ID] = u
		}
	}
	var missing []string
	for _, id := range ids {
		if got[id] == nil {
			missing = append(missing, id)
		}
	}
	if len(missing) > 0 {
		shown := missing
		if len(shown) > 5 {
			shown = append(append([]string{}, shown[:5]...), "…")
		}
		errs.Errorf(f.Pos, "%s of %s %s missing from this <file>: %s; export again, and keep every unit", count(len(missing), "unit"), f.Original, isWord(len(missing)), strings.Join(shown, ", "))
	}
	return got
}

func isWord(n int) string {
	if n == 1 {
		return "is"
	}
	return "are"
}

// importStatement imports the units of one translation.
func importStatement(f *xliff.File, path string) ([]file, diag.List) {
	var errs diag.List
	canonPath, lang := source.TranslationOf(path)
	if canonPath == "" {
		errs.Errorf(f.Pos, "original %q is not named as a translation (statement.<lang>.md)", f.Original)
		return nil, errs
	}
	if f.TargetLang == "" || !sameLanguage(f.TargetLang, lang) {
		errs.Errorf(f.Pos, "target-language %q does not match %s, which is in %q; a file's units go back only to the file of their language", f.TargetLang, f.Original, lang)
		return nil, errs
	}
	canon, err := source.ParseFile(canonPath)
	if err != nil {
		errs.Errorf(f.Pos, "the canonical statement of %s does not parse; fix it first:\n%v", f.Original, err)
		return nil, errs
	}
	if !sameLanguage(f.SourceLang, canon.Meta.Lang) {
		errs.Errorf(f.Pos, "source-language %q is not %s's language %q", f.SourceLang, canonPath, canon.Meta.Lang)
		return nil, errs
	}
	// The file to edit: the translation, or for a new one the canonical
	// statement, whose text stands in for every segment not translated.
	create := false
	src, err := os.ReadFile(path)
	var tr *doc.Document
	var al *source.Alignment
	switch {
	case errors.Is(err, fs.ErrNotExist):
		create = true
		if src, err = os.ReadFile(canonPath); err != nil {
			errs.Errorf(f.Pos, "cannot read %s: %v", canonPath, unwrapPath(err))
			return nil, errs
		}
		tr = canon
		al = &source.Alignment{Clauses: map[string]*doc.Clause{}}
		doc.Walk(canon.Body, func(c *doc.Clause) { al.Clauses[c.Path] = c })
	case err != nil:
		errs.Errorf(f.Pos, "cannot read %s: %v", path, unwrapPath(err))
		return nil, errs
	default:
		if tr, err = source.Parse(path, src); err != nil {
			errs.Errorf(f.Pos, "%s does not parse; fix it, then import again:\n%v", path, err)
			return nil, errs
		}
		al = source.AlignDocuments(canon, tr)
	}
	pair := NewPair(canon, tr, al)
	var ids []string
	segs := map[string]*Segment{}
	for _, s := range pair.Segments {
		ids = append(ids, s.ID)
		segs[s.ID] = s
	}
	units := matchUnits(f, ids, &errs)

	ed, err := newEditor(path, src)
	if err != nil {
		errs.Errorf(f.Pos, "%v", err)
		return nil, errs
	}
	ed.doc = tr
	approved := map[string]bool{}
	targets := map[string][][]run{}
	bios := map[*doc.Author][]string{}
	bioEdited := map[*doc.Author]bool{}
	for _, id := range ids {
		u := units[id]
		if u == nil {
			continue
		}
		s := segs[id]
		if !sourceMatches(s, u, &errs) {
			continue
		}
		approved[id] = done(u)
		if u.Target == nil || u.Target.Empty() {
			continue
		}
		t := pair.Counterparts[id]
		if t == nil {
			errs.Errorf(u.TargetPos, "%s has no %s to write this into; add it there (any text), then import again", path, s.Label)
			continue
		}
		paras, ok := targetParas(s, u, &errs)
		if !ok {
			continue
		}
		targets[id] = paras
		if sameParas(paras, segmentRuns(t)) {
			continue
		}
		if err := applyEdit(ed, s, t, paras, bios, bioEdited); err != nil {
			errs.Errorf(u.TargetPos, "%v", err)
		}
	}
	for a, edited := range bioEdited {
		if edited {
			if err := ed.replaceBio(a, bios[a]); err != nil {
				errs.Errorf(f.Pos, "%v", err)
			}
		}
	}
	if create && len(targets) == 0 {
		// Nothing translated yet: no translation to make.
		return nil, errs
	}
	if create {
		if err := ed.setLang(lang); err != nil {
			errs.Errorf(f.Pos, "%v", err)
		}
		ed.removeMeta("source-digest")
		ed.removeMeta("source-clauses")
	}
	if errs.HasErrors() {
		return nil, errs
	}
	out, err := ed.result()
	if err != nil {
		errs.Errorf(f.Pos, "%v", err)
		return nil, errs
	}
	// What was written must read back as the targets, and align as
	// well as before.
	nd, err := source.Parse(path, out)
	if err != nil {
		errs.Errorf(f.Pos, "the translations would make %s unreadable:\n%v", path, err)
		return nil, errs
	}
	nal := source.AlignDocuments(canon, nd)
	if !create && len(nal.Problems) > len(al.Problems) || create && len(nal.Problems) > 0 {
		errs.Errorf(f.Pos, "the translations would change the structure of %s:\n%v", path, nal.Problems)
		return nil, errs
	}
	np := NewPair(canon, nd, nal)
	for id, paras := range targets {
		t := np.Counterparts[id]
		if t == nil || !sameParas(paras, segmentRuns(t)) {
			got := ""
			if t != nil {
				got = segmentText(t)
			}
			errs.Errorf(units[id].TargetPos, "the translation cannot be written into %s as given: it would read %q; %s", path, got, "remove line breaks and markup the statement cannot hold")
		}
	}
	if errs.HasErrors() {
		return nil, errs
	}
	// Units with a translation that is not approved keep their record.
	keep := map[string]bool{}
	for _, s := range np.Segments {
		t := np.Counterparts[s.ID]
		if t == nil || unchanged(segmentText(s), segmentText(t)) && !exempt(s) {
			continue
		}
		if !approved[s.ID] {
			keep[s.ID] = true
		}
	}
	var files []file
	switch {
	case len(keep) == 0:
		fs, err := stampBytes(canon, path, out, nd, nal, nil)
		if err != nil {
			errs.Add(diag.Errorf(f.Pos, "%v", err))
			return nil, errs
		}
		files = fs
	case nd.Meta.SourceDigest != "":
		old, _ := readRecord(path)
		fs, err := stampBytes(canon, path, out, nd, nal, keep)
		if err != nil {
			errs.Add(diag.Errorf(f.Pos, "%v", err))
			return nil, errs
		}
		files = fs
		if old == nil || old.SourceDigest != "sha256:"+nd.Meta.SourceDigest {
			// No record to update: what the kept units were made from
			// is not known, and a new record would claim it.
			files = files[:1]
		}
	default:
		files = []file{{path: path, data: out}}
	}
	for i := range files {
		if files[i].path == path {
			files[i].create = create
		}
	}
	return files, nil
}

// sourceMatches checks that a unit's source is the segment's canonical
// text as it is now.
func sourceMatches(s *Segment, u *xliff.Unit, errs *diag.List) bool {
	if s.Plain() {
		if foldSpace(u.Source.PlainText()) != foldSpace(doc.Inline(s.Paras[0]).Plain()) {
			errs.Errorf(u.SourcePos, "the source of unit %q is not %s as the canonical statement has it now; it changed since the export: export again", u.ID, s.Label)
			return false
		}
		return true
	}
	paras, perrs := contentParas(u.Source, nil)
	if len(perrs) > 0 || !sameParas(paras, segmentRuns(s)) {
		errs.Errorf(u.SourcePos, "the source of unit %q is not %s as the canonical statement has it now; it changed since the export: export again", u.ID, s.Label)
		return false
	}
	return true
}

// targetParas reads a unit's target as the paragraphs of segment s.
func targetParas(s *Segment, u *xliff.Unit, errs *diag.List) ([][]run, bool) {
	if s.Plain() {
		for _, in := range *u.Target {
			if in.Kind != xliff.Text {
				errs.Errorf(in.Pos, "%s is plain text: it cannot hold <%s>; remove it", s.Label, in.Kind)
				return nil, false
			}
		}
		v := foldSpace(u.Target.PlainText())
		return [][]run{{{Text: v}}}, true
	}
	paras, perrs := contentParas(*u.Target, sourceCodes(u.Source))
	if len(perrs) > 0 {
		errs.Append(perrs)
		return nil, false
	}
	var kept [][]run
	for _, p := range paras {
		if len(p) > 0 {
			kept = append(kept, p)
		}
	}
	if len(kept) == 0 {
		errs.Errorf(u.TargetPos, "the target of unit %q has no text", u.ID)
		return nil, false
	}
	if len(kept) > 1 && (strings.Contains(s.ID, "#") || s.Kind == KindHeading) {
		errs.Errorf(u.TargetPos, "%s is one paragraph: its target cannot hold a paragraph break (<x ctype=%q/>)", s.Label, ctypeParagraph)
		return nil, false
	}
	return kept, true
}

// segmentRuns is a segment's text as normalized paragraphs.
func segmentRuns(s *Segment) [][]run {
	var out [][]run
	for _, p := range s.Paras {
		if s.Plain() {
			out = append(out, []run{{Text: foldSpace(doc.Inline(p).Plain())}})
			continue
		}
		out = append(out, normalize(p))
	}
	return out
}

func sameParas(a, b [][]run) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !equalRuns(a[i], b[i]) {
			return false
		}
	}
	return true
}

// applyEdit replaces the text of translated segment t (the counterpart of
// canonical s) with paras.
func applyEdit(ed *editor, s, t *Segment, paras [][]run, bios map[*doc.Author][]string, bioEdited map[*doc.Author]bool) error {
	if s.Plain() {
		v := paras[0][0].Text
		if key, ok := strings.CutPrefix(t.key, "authors."); ok {
			a := authorOf(ed, t, key)
			if a == nil {
				return fmt.Errorf("cannot find %s", t.Label)
			}
			return ed.replaceRole(a, v)
		}
		if strings.Contains(t.key, ".") {
			return ed.replaceEntry(t.key, v)
		}
		return ed.replaceMeta(t.key, v)
	}
	var mds []string
	for _, p := range paras {
		md, err := writeMarkdown(p)
		if err != nil {
			return err
		}
		mds = append(mds, md)
	}
	switch {
	case t.cell != nil:
		if len(mds) != 1 {
			return fmt.Errorf("%s is one paragraph in a table cell; it cannot hold %d", t.Label, len(mds))
		}
		return ed.replaceCell(t.cell, mds[0])
	case t.heading != nil:
		return ed.replaceHeading(t.heading, mds[0])
	case t.Kind == KindBio:
		a := authorOf(ed, t, strings.TrimPrefix(t.key, "authors."))
		if a == nil {
			return fmt.Errorf("cannot find %s", t.Label)
		}
		if _, ok := bios[a]; !ok {
			for _, p := range a.Bio {
				md, err := writeMarkdown(normalize(p.Text))
				if err != nil {
					return fmt.Errorf("%s: %v", t.Label, err)
				}
				bios[a] = append(bios[a], md)
			}
		}
		if k := strings.LastIndex(t.ID, "#"); k >= 0 {
			i := 0
			fmt.Sscanf(t.ID[k+1:], "%d", &i)
			if i < 1 || i > len(bios[a]) {
				return fmt.Errorf("%s has no paragraph %d", t.Label, i)
			}
			bios[a][i-1] = mds[0]
		} else {
			bios[a] = mds
		}
		bioEdited[a] = true
		return nil
	}
	return ed.replaceParas(t.paras, mds)
}

// authorOf finds the author a segment's key ("1.role") names, in the
// document the editor edits.
func authorOf(ed *editor, t *Segment, key string) *doc.Author {
	n := 0
	fmt.Sscanf(key, "%d", &n)
	return ed.authors(n)
}

// importLocale imports the units of one locale file.
func importLocale(f *xliff.File, path string) ([]file, diag.List) {
	var errs diag.List
	base := filepath.Base(path)
	tag, ok := strings.CutSuffix(base, ".toml")
	if !ok || tag == "" {
		errs.Errorf(f.Pos, "original %q is not a locale file (<tag>.toml)", f.Original)
		return nil, errs
	}
	if f.TargetLang == "" || !sameLanguage(f.TargetLang, tag) {
		errs.Errorf(f.Pos, "target-language %q does not match %s, the locale file of %q; a file's units go back only to the file of their language", f.TargetLang, f.Original, tag)
		return nil, errs
	}
	if f.SourceLang != localize.SourceLocale {
		errs.Errorf(f.Pos, "source-language %q: locale messages are translated from %q", f.SourceLang, localize.SourceLocale)
		return nil, errs
	}
	dir := filepath.Dir(path)
	cat, err := OpenCatalog(dir)
	if err != nil {
		errs.Errorf(f.Pos, "cannot read the locale files of %s; fix them first:\n%v", dir, err)
		return nil, errs
	}
	lu, err := cat.Units(tag)
	if err != nil {
		errs.Errorf(f.Pos, "%v", err)
		return nil, errs
	}
	var src []byte
	if lu.Exists {
		if src, err = os.ReadFile(path); err != nil {
			errs.Errorf(f.Pos, "cannot read %s: %v", path, unwrapPath(err))
			return nil, errs
		}
	} else if src, err = cat.Skeleton(tag); err != nil {
		errs.Errorf(f.Pos, "%v", err)
		return nil, errs
	}
	var ids []string
	byID := map[string]localize.MessageUnit{}
	for _, mu := range lu.Units {
		id := mu.ID
		if mu.Plural {
			id += "[" + mu.Form + "]"
		}
		ids = append(ids, id)
		byID[id] = mu
	}
	units := matchUnits(f, ids, &errs)
	te := newTOMLEditor(src)
	type msgState struct{ allDone, changed, hadText, newText bool }
	msgs := map[string]*msgState{}
	unitOf := map[string]*xliff.Unit{} // by message ID, for errors
	anyText := false
	for _, id := range ids {
		mu, u := byID[id], units[id]
		ms := msgs[mu.ID]
		if ms == nil {
			ms = &msgState{allDone: true}
			msgs[mu.ID] = ms
		}
		if mu.Text != "" {
			ms.hadText = true
		}
		if u == nil {
			ms.allDone = false
			continue
		}
		unitOf[mu.ID] = u
		if s, _ := contentMessage(u.Source, nil); s != mu.Source {
			errs.Errorf(u.SourcePos, "the source of unit %q is not the English message as it is now; it changed since the export: export again", u.ID)
			continue
		}
		if !done(u) {
			ms.allDone = false
		}
		if u.Target == nil || u.Target.Empty() {
			continue
		}
		text, terrs := contentMessage(*u.Target, sourceCodes(u.Source))
		if len(terrs) > 0 {
			errs.Append(terrs)
			continue
		}
		if _, err := template.New("").Parse(text); err != nil {
			errs.Errorf(u.TargetPos, "the translation is not a valid message template: %v; keep fields as {{.Name}}", strings.TrimPrefix(err.Error(), "template: :1: "))
			continue
		}
		for _, m := range templateField.FindAllStringSubmatch(text, -1) {
			if !contains(mu.Vars, m[1]) {
				errs.Errorf(u.TargetPos, "the translation uses {{.%s}}, which message %q is not given (it has %s)", m[1], mu.ID, fieldList(mu.Vars))
			}
		}
		anyText = true
		if text != mu.Text {
			te.set(mu.ID, mu.Form, quoteTOML(text))
			ms.changed = true
			if mu.Text == "" {
				ms.newText = true
			}
		}
	}
	for _, mu := range lu.Units {
		ms := msgs[mu.ID]
		if ms == nil || ms.changed == false && !(ms.allDone && mu.Hash != mu.SourceHash) {
			continue
		}
		switch {
		case ms.allDone:
			te.set(mu.ID, "hash", quoteTOML(mu.SourceHash))
		case ms.newText && !ms.hadText:
			// A first translation not approved yet records no English.
			te.remove(mu.ID, "hash")
		}
	}
	if errs.HasErrors() {
		return nil, errs
	}
	if !lu.Exists && !anyText {
		// Nothing translated yet: no locale file to make.
		return nil, errs
	}
	out := te.bytes()
	// The file must load, and check clean of what no build can use.
	ofs, err := overlay(dir, base, out)
	if err != nil {
		errs.Errorf(f.Pos, "reading %s: %s", dir, confine.Cause(err))
		return nil, errs
	}
	ncat, err := localize.Load(ofs, ".", localize.DisplayDir(filepath.ToSlash(dir)))
	if err != nil {
		for _, d := range diag.Flatten(err) {
			errs.Add(locateMessageError(d, out, unitOf, f))
		}
		return nil, errs
	}
	for _, d := range ncat.Check() {
		if d.Pos.File != filepath.ToSlash(filepath.Join(dir, base)) && d.Pos.File != filepath.Join(dir, base) || strictLocaleCodes[d.Code] {
			continue
		}
		errs.Add(locateMessageError(d, out, unitOf, f))
	}
	if errs.HasErrors() {
		return nil, errs
	}
	return []file{{path: path, data: out, create: !lu.Exists}}, nil
}

// templateField matches a template field: {{.Page}}.
var templateField = regexp.MustCompile(`\{\{-?\s*\.([A-Za-z_][A-Za-z0-9_]*)`)

func fieldList(vars []string) string {
	if len(vars) == 0 {
		return "none"
	}
	var out []string
	for _, v := range vars {
		out = append(out, "{{."+v+"}}")
	}
	return list(out)
}

func contains(l []string, s string) bool {
	for _, x := range l {
		if x == s {
			return true
		}
	}
	return false
}

// locateMessageError moves a problem found in a rewritten locale file to
// the unit whose message it is about.
func locateMessageError(d *diag.Diagnostic, data []byte, unitOf map[string]*xliff.Unit, f *xliff.File) *diag.Diagnostic {
	id := tableAt(data, d.Pos.Line)
	pos := f.Pos
	if u := unitOf[id]; u != nil {
		pos = u.TargetPos
	}
	return diag.Errorf(pos, "the translation would make %s fail to load: %s", f.Original, d.Msg)
}

// overlay is the locale folder dir as it would be with name holding data:
// the other locale files are read (as localize.Load would read them) into
// memory beside the new text.
func overlay(dir, name string, data []byte) (fs.FS, error) {
	m := fstest.MapFS{name: &fstest.MapFile{Data: data, Mode: 0o644}}
	entries, err := os.ReadDir(dir)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	for _, e := range entries {
		if e.Name() == name || !strings.HasSuffix(e.Name(), ".toml") {
			continue
		}
		b, err := confine.ReadFile(filepath.Join(dir, e.Name()), localize.MaxFileBytes)
		if err != nil {
			return nil, err
		}
		m[e.Name()] = &fstest.MapFile{Data: b, Mode: 0o644}
	}
	return m, nil
}
