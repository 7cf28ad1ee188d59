package translate

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/polypress/polypress/pipeline/diag"
)

// Where the source text of a translation is recorded.
//
// "locales stamp" records, for every canonical segment, the text the
// translation was made from, so that when the canonical statement changes
// "locales status" can show each stale segment's old and new text. The
// record is a file the tool owns, beside the translation in a .polypress
// folder (statement.fr.md → .polypress/statement.fr.sources.json), not the
// translation's front matter: the translator's file stays theirs, holding
// only the two short stamp keys (source-digest, source-clauses), and no
// copy of the English in it gets in the way or gets translated by
// mistake. The record is JSON, one segment per entry in reading order, so
// that it diffs well in version control; commit it with the translation.
// Without it, status still names the stale clauses (from source-clauses)
// but cannot show what changed.

// RecordDir is the folder, beside a statement, of the files the tool owns.
const RecordDir = ".polypress"

// recordVersion is the version of the record's format.
const recordVersion = 1

// Record is what a translation was made from.
type Record struct {
	Version int `json:"version"`
	// Canonical is the canonical statement's file name ("statement.md").
	Canonical string `json:"canonical"`
	// SourceDigest is the translation's source-digest when the record was
	// written ("sha256:…"): the record belongs to that stamp.
	SourceDigest string `json:"source_digest"`
	// Segments are the canonical segments' texts the translation was made
	// from, in reading order; a segment without an entry is not known.
	Segments []RecordedSegment `json:"segments"`
}

// RecordedSegment is one segment's text in a Record.
type RecordedSegment struct {
	ID   string `json:"id"`
	Text string `json:"text"`
}

// RecordPath returns the path of the record of the translation at path.
func RecordPath(path string) string {
	base := strings.TrimSuffix(filepath.Base(path), ".md")
	return filepath.Join(filepath.Dir(path), RecordDir, base+".sources.json")
}

// readRecord reads the record of the translation at path; it returns nil
// and no error when there is none.
func readRecord(path string) (*Record, error) {
	rp := RecordPath(path)
	data, err := os.ReadFile(rp)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, diag.Errorf(diag.Pos{File: rp}, "cannot read the record of what the translation was made from: %v", err)
	}
	var r Record
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&r); err != nil {
		return nil, diag.Errorf(diag.Pos{File: rp, Line: 1, Col: 1}, "not a record polypress wrote (%v); delete it and run \"polypress locales stamp %s\"", err, path)
	}
	if r.Version != recordVersion {
		return nil, diag.Errorf(diag.Pos{File: rp, Line: 1, Col: 1}, "record version %d is not %d; delete it and run \"polypress locales stamp %s\"", r.Version, recordVersion, path)
	}
	return &r, nil
}

// texts returns the recorded texts by segment ID.
func (r *Record) texts() map[string]string {
	out := map[string]string{}
	if r == nil {
		return out
	}
	for _, s := range r.Segments {
		out[s.ID] = s.Text
	}
	return out
}

// encode writes the record as JSON, the same bytes for the same record.
func (r *Record) encode() ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(r); err != nil {
		return nil, fmt.Errorf("encoding the record: %w", err)
	}
	return b.Bytes(), nil
}
