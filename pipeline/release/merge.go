package release

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/polypress/polypress/pipeline/internal/confine"
)

// MergeOptions is what a merge is asked to do.
type MergeOptions struct {
	// OutDir is the merged release folder; empty means "dist".
	OutDir string
	// Force lets the merge write into a folder that holds files a release
	// did not write, file by file, as Options.Force does for Release.
	Force bool
}

// Merge combines the release folders dirs — usually the shards of one
// release, built by a CI matrix — into opts.OutDir, with one manifest.json
// and one SHA256SUMS. Every file is checked against its manifest as it is
// copied. The folders must come from the same polypress version and
// SOURCE_DATE_EPOCH; shards must be of the same N and all present; an
// artifact in two folders must have the same digest. The output folder is
// replaced atomically, as by Release, and refused on the same terms: it
// may not be, contain or lie inside one of dirs. A cancelled ctx stops the
// merge between files and within a file's copy.
func Merge(ctx context.Context, dirs []string, opts MergeOptions) (*Manifest, error) {
	if len(dirs) == 0 {
		return nil, fmt.Errorf("merge: no release folders given")
	}
	out, mode, unlock, err := openOut(opts.OutDir, dirs, opts.Force)
	if err != nil {
		return nil, err
	}
	defer unlock()
	var ms []*Manifest
	for _, d := range dirs {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		m, err := ReadManifest(d)
		if err != nil {
			return nil, fmt.Errorf("merge: %s: %s", filepath.Join(d, ManifestName), confine.Cause(err))
		}
		ms = append(ms, m)
	}
	if err := checkShards(dirs, ms); err != nil {
		return nil, err
	}
	merged := &Manifest{Version: ms[0].Version, SourceDateEpoch: ms[0].SourceDateEpoch}
	from := map[string]string{} // artifact path → folder it came from
	byPath := map[string]Entry{}
	skipped := map[Skipped]bool{}
	for i, m := range ms {
		if m.Version != merged.Version || !sameEpoch(m.SourceDateEpoch, merged.SourceDateEpoch) {
			return nil, fmt.Errorf("merge: %s was made by polypress %s with SOURCE_DATE_EPOCH %s, %s by polypress %s with %s: they are not one release",
				dirs[i], m.Version, epochString(m.SourceDateEpoch), dirs[0], merged.Version, epochString(merged.SourceDateEpoch))
		}
		for _, e := range m.Artifacts {
			// Artifacts are files at the top of a release folder.
			if !filepath.IsLocal(e.Path) || e.Path != filepath.Base(e.Path) || strings.ContainsAny(e.Path, `/\`) ||
				e.Path == "." || e.Path == ManifestName || e.Path == SumsName || e.Bytes < 0 {
				return nil, fmt.Errorf("merge: %s: artifact path %q is not a file of the folder", filepath.Join(dirs[i], ManifestName), e.Path)
			}
			if prev, ok := byPath[e.Path]; ok {
				if prev.SHA256 != e.SHA256 {
					return nil, fmt.Errorf("merge: %s differs between %s and %s", e.Path, from[e.Path], dirs[i])
				}
				continue
			}
			byPath[e.Path] = e
			from[e.Path] = dirs[i]
			merged.Artifacts = append(merged.Artifacts, e)
		}
		for _, s := range m.Skipped {
			if !skipped[s] {
				skipped[s] = true
				merged.Skipped = append(merged.Skipped, s)
			}
		}
	}
	sortManifest(merged)
	return publish(ctx, out, mode, func(staging string) (*Manifest, error) {
		for _, e := range merged.Artifacts {
			if err := copyChecked(ctx, from[e.Path], e, filepath.Join(staging, e.Path)); err != nil {
				return nil, fmt.Errorf("merge: %w", err)
			}
		}
		return merged, nil
	})
}

// checkShards makes sure that folders which are shards are all the shards
// of one split.
func checkShards(dirs []string, ms []*Manifest) error {
	n := 0
	var have []int
	for i, m := range ms {
		if m.Shard == "" {
			continue
		}
		s, err := ParseShard(m.Shard)
		if err != nil {
			return fmt.Errorf("merge: %s: %w", dirs[i], err)
		}
		if n != 0 && s.N != n {
			return fmt.Errorf("merge: %s is shard %s, but other folders are shards of %d", dirs[i], m.Shard, n)
		}
		n = s.N
		have = append(have, s.K)
	}
	var missing []string
	for k := 1; k <= n; k++ {
		if !slices.Contains(have, k) {
			missing = append(missing, fmt.Sprintf("%d/%d", k, n))
		}
	}
	if len(missing) > 0 {
		return fmt.Errorf("merge: shard %s missing: a merged release must hold every shard", strings.Join(missing, ", "))
	}
	return nil
}

func sameEpoch(a, b *int64) bool { return (a == nil) == (b == nil) && (a == nil || *a == *b) }

func epochString(e *int64) string {
	if e == nil {
		return "unset"
	}
	return fmt.Sprint(*e)
}

// copyChecked copies artifact e of the release folder dir to dst and fails
// unless it is a regular file inside dir of the size and digest its
// manifest gives. It reads no more than that size, and stops when ctx is
// cancelled.
func copyChecked(ctx context.Context, dir string, e Entry, dst string) error {
	src := filepath.Join(dir, e.Path)
	real, err := confine.Within(dir, src)
	if err != nil {
		return fmt.Errorf("%s: %s", src, confine.Cause(err))
	}
	in, err := confine.Open(real, e.Bytes)
	if err != nil {
		var tl *confine.TooLargeError
		if errors.As(err, &tl) {
			return fmt.Errorf("%s: %d bytes, but its manifest says %d", src, tl.Size, e.Bytes)
		}
		return fmt.Errorf("%s: %s", src, confine.Cause(err))
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	h := sha256.New()
	n, err := io.Copy(io.MultiWriter(out, h), ctxReader{ctx, io.LimitReader(in, e.Bytes+1)})
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	if n != e.Bytes {
		return fmt.Errorf("%s: %d bytes, but its manifest says %d", src, n, e.Bytes)
	}
	if got := hex.EncodeToString(h.Sum(nil)); got != e.SHA256 {
		return fmt.Errorf("%s: sha256 %s, but its manifest says %s", src, got, e.SHA256)
	}
	return nil
}

// ctxReader stops reading once its context is cancelled.
type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (c ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.Read(p)
}
