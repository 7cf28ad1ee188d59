package translate

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"

	"github.com/polypress/polypress/pipeline/atomicfile"
	"github.com/polypress/polypress/pipeline/diag"
	"github.com/polypress/polypress/pipeline/doc"
	"github.com/polypress/polypress/pipeline/source"
)

// Stamped is a translation that Stamp recorded as current.
type Stamped struct {
	// Path is the translation; Canonical its canonical statement; Record
	// the record of what it was made from.
	Path, Canonical, Record string
}

// Stamp records that translations match their canonical text as it is now:
// in each translation's front matter, the canonical file's digest and its
// clauses' digests (source.Stamp), and in its record, every canonical
// segment's text (see RecordPath). paths are translations, or canonical
// statements or their folders, whose every translation is stamped. A
// translation that does not align cannot match its canonical text and is
// refused; nothing is written unless every translation can be stamped.
func Stamp(paths []string) ([]Stamped, error) {
	var problems diag.List
	var out []Stamped
	var files []file
	seen := map[string]bool{}
	for _, p := range paths {
		st, err := source.Load(p)
		if err != nil {
			problems.Append(diag.Flatten(err))
			continue
		}
		problems.Append(st.Problems)
		if st.Canonical == nil {
			continue
		}
		if len(st.Translations) == 0 {
			problems.Errorf(diag.Pos{File: p}, "no translation to stamp: translations are named statement.<lang>.md beside %s", st.Path)
			continue
		}
		for _, tr := range st.Translations {
			if seen[filepath.Clean(tr.Path)] {
				continue
			}
			seen[filepath.Clean(tr.Path)] = true
			if tr.Doc == nil {
				problems.Append(tr.Problems)
				continue
			}
			// A stamp says the translation matches the canonical text;
			// one that does not align cannot.
			if len(tr.Alignment.Problems) > 0 {
				problems.Append(tr.Alignment.Problems)
				continue
			}
			fs, err := stampFiles(st.Canonical, tr.Path, tr.Doc, tr.Alignment, nil)
			if err != nil {
				problems.Append(diag.Flatten(err))
				continue
			}
			files = append(files, fs...)
			out = append(out, Stamped{Path: tr.Path, Canonical: st.Path, Record: RecordPath(tr.Path)})
		}
	}
	problems.Sort()
	if err := problems.Err(); err != nil {
		return nil, err
	}
	if err := writeAll(files); err != nil {
		return nil, err
	}
	return out, nil
}

// stampFiles returns the translation at path stamped, and its record.
// keep, when not nil, lists the segments whose recorded text stays as the
// old record has it (import stamps only the units a translator approved):
// the front matter is then stamped only when keep is empty.
func stampFiles(canonical *doc.Document, path string, tr *doc.Document, al *source.Alignment, keep map[string]bool) ([]file, error) {
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, diag.Errorf(diag.Pos{File: path}, "cannot read: %v", unwrapPath(err))
	}
	return stampBytes(canonical, path, src, tr, al, keep)
}

// stampBytes is stampFiles for a translation whose text is src.
func stampBytes(canonical *doc.Document, path string, src []byte, tr *doc.Document, al *source.Alignment, keep map[string]bool) ([]file, error) {
	pair := NewPair(canonical, tr, al)
	rec := &Record{Version: recordVersion, Canonical: filepath.Base(canonical.Path), SourceDigest: "sha256:" + canonical.Digest, Segments: []RecordedSegment{}}
	out := src
	if len(keep) > 0 {
		// Partly current: the front matter keeps its stamp, and the
		// record keeps the old text of the segments not approved.
		old, err := readRecord(path)
		if err != nil {
			return nil, err
		}
		oldTexts := map[string]string{}
		if old != nil && tr.Meta.SourceDigest != "" && old.SourceDigest == "sha256:"+tr.Meta.SourceDigest {
			oldTexts = old.texts()
		}
		rec.SourceDigest = "sha256:" + tr.Meta.SourceDigest
		if tr.Meta.SourceDigest == "" {
			rec.SourceDigest = ""
		}
		for _, s := range pair.Segments {
			if keep[s.ID] {
				if t, ok := oldTexts[s.ID]; ok {
					rec.Segments = append(rec.Segments, RecordedSegment{ID: s.ID, Text: t})
				}
				continue
			}
			rec.Segments = append(rec.Segments, RecordedSegment{ID: s.ID, Text: segmentText(s)})
		}
		var err2 error
		out, err2 = source.StampClauses(canonical, tr, path, src, keptClauses(pair, keep))
		if err2 != nil {
			return nil, err2
		}
	} else {
		for _, s := range pair.Segments {
			rec.Segments = append(rec.Segments, RecordedSegment{ID: s.ID, Text: segmentText(s)})
		}
		var err error
		out, err = source.Stamp(canonical, path, src)
		if err != nil {
			return nil, err
		}
	}
	data, err := rec.encode()
	if err != nil {
		return nil, err
	}
	files := []file{{path: path, data: out}, {path: RecordPath(path), data: data}}
	if rec.SourceDigest == "" {
		// A translation never stamped has no record to keep.
		files = files[:1]
	}
	return files, nil
}

// keptClauses lists the canonical clauses with a segment in keep: their
// digests in source-clauses stay as they were.
func keptClauses(p *Pair, keep map[string]bool) map[string]bool {
	out := map[string]bool{}
	for _, s := range p.Segments {
		if keep[s.ID] && s.Clause != "" {
			out[s.Clause] = true
		}
	}
	return out
}

// file is a file to write.
type file struct {
	path string
	data []byte
	// create is set for a file that must not exist yet.
	create bool
}

// writeAll writes files as one step as far as a file system allows: each
// to a temporary file beside it, then all renamed, so that a failure
// before the renames leaves every file as it was. Files whose content is
// unchanged are not touched.
func writeAll(files []file) error {
	sort.SliceStable(files, func(i, j int) bool { return files[i].path < files[j].path })
	var temps []string
	var targets []string
	cleanup := func() {
		for _, t := range temps {
			os.Remove(t)
		}
	}
	for _, f := range files {
		old, err := os.ReadFile(f.path)
		if err == nil && string(old) == string(f.data) {
			continue
		}
		if err == nil && f.create {
			cleanup()
			return diag.Errorf(diag.Pos{File: f.path}, "already exists; nothing was written")
		}
		if err := os.MkdirAll(filepath.Dir(f.path), 0o755); err != nil {
			cleanup()
			return diag.Errorf(diag.Pos{File: filepath.Dir(f.path)}, "cannot create the folder: %v; nothing was written", unwrapPath(err))
		}
		tmp, err := atomicfile.Temp(f.path, f.data)
		if err != nil {
			cleanup()
			return diag.Errorf(diag.Pos{File: f.path}, "cannot write: %v; nothing was written", unwrapPath(err))
		}
		temps = append(temps, tmp)
		targets = append(targets, f.path)
	}
	for i, tmp := range temps {
		if err := os.Rename(tmp, targets[i]); err != nil {
			for _, t := range temps[i:] {
				os.Remove(t)
			}
			return fmt.Errorf("%s: cannot write: %w (%d of %d files written)", targets[i], unwrapPath(err), i, len(temps))
		}
	}
	return nil
}

func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
