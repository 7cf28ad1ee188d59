package release

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"

	"github.com/polypress/polypress/pipeline/internal/confine"
)

// ManifestName and SumsName are the files a release writes beside its
// artifacts.
const (
	ManifestName = "manifest.json"
	SumsName     = "SHA256SUMS"
)

// Manifest is manifest.json: what a release holds and what it was made
// from. docs/release.md describes every field.
type Manifest struct {
	Version string `json:"polypress_version"`
	// SourceDateEpoch is SOURCE_DATE_EPOCH, or nil when it was unset (each
	// artifact then carries its statement's date).
	SourceDateEpoch *int64 `json:"source_date_epoch"`
	// Shard is "K/N" for one shard of a release, empty for a whole one.
	Shard     string    `json:"shard,omitempty"`
	Artifacts []Entry   `json:"artifacts"`
	Skipped   []Skipped `json:"skipped,omitempty"`
}

// Entry is one artifact in the manifest.
type Entry struct {
	ID   string `json:"id"`
	Kind string `json:"kind"`
	// Locale is the edition's locale, or a parallel edition's name
	// ("en-fr"), whose locales Parallel lists in order.
	Locale   string   `json:"locale"`
	Parallel []string `json:"parallel,omitempty"`
	Format   string   `json:"format"`
	// Path is relative to the release folder, with slashes.
	Path   string `json:"path"`
	Bytes  int64  `json:"bytes"`
	SHA256 string `json:"sha256"`
	Pages  int    `json:"pages,omitempty"`
	Draft  bool   `json:"draft"`
	// Embargo is the statement's embargo (RFC 3339, with its zone):
	// publishing systems must hold the file until then. A release
	// records it and refuses nothing for it.
	Embargo string   `json:"embargo,omitempty"`
	Layout  string   `json:"layout"`
	Sources []Source `json:"sources"`
	// Fonts are the fonts that set the text of a PDF (absent for formats
	// the reader's software sets), with their digests.
	Fonts   []Source `json:"fonts,omitempty"`
	Version string   `json:"polypress_version"`
	// SourceDateEpoch is the time written into the file, in seconds.
	SourceDateEpoch int64 `json:"source_date_epoch"`
}

// sortManifest puts artifacts and skipped inputs in path order.
func sortManifest(m *Manifest) {
	sort.Slice(m.Artifacts, func(i, j int) bool { return m.Artifacts[i].Path < m.Artifacts[j].Path })
	sort.Slice(m.Skipped, func(i, j int) bool { return m.Skipped[i].Path < m.Skipped[j].Path })
}

// Encode returns manifest.json's bytes: sorted, indented, with a trailing
// newline.
func (m *Manifest) Encode() ([]byte, error) {
	c := *m
	c.Artifacts = append([]Entry(nil), m.Artifacts...)
	c.Skipped = append([]Skipped(nil), m.Skipped...)
	if c.Artifacts == nil {
		c.Artifacts = []Entry{}
	}
	sortManifest(&c)
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(c); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// Sums returns SHA256SUMS: one "<hex>  <path>" line per artifact, sorted by
// path, in the format `sha256sum -c` reads.
func (m *Manifest) Sums() []byte {
	es := append([]Entry(nil), m.Artifacts...)
	sort.Slice(es, func(i, j int) bool { return es[i].Path < es[j].Path })
	var buf bytes.Buffer
	for _, e := range es {
		fmt.Fprintf(&buf, "%s  %s\n", e.SHA256, e.Path)
	}
	return buf.Bytes()
}

// writeIndex writes manifest.json and SHA256SUMS into dir.
func writeIndex(dir string, m *Manifest) error {
	data, err := m.Encode()
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, ManifestName), data, 0o644); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, SumsName), m.Sums(), 0o644)
}

// MaxManifestBytes is the largest manifest.json read. A release of 4,096
// artifacts has a manifest of about 4 MB.
const MaxManifestBytes = 64 << 20

// ReadManifest reads DIR/manifest.json, which must be a regular file of at
// most MaxManifestBytes.
func ReadManifest(dir string) (*Manifest, error) {
	path := filepath.Join(dir, ManifestName)
	data, err := confine.ReadFile(path, MaxManifestBytes)
	if err != nil {
		return nil, err
	}
	var m Manifest
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&m); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return &m, nil
}
