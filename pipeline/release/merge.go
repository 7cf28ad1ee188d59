package release

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// Merge combines the release folders dirs — usually the shards of one
// release, built by a CI matrix — into out, with one manifest.json and one
// SHA256SUMS. Every file is checked against its manifest as it is copied.
// The folders must come from the same polypress version and
// SOURCE_DATE_EPOCH; shards must be of the same N and all present; an
// artifact in two folders must have the same digest. out is replaced
// atomically, as by Release, and may be one of dirs.
func Merge(dirs []string, out string) (*Manifest, error) {
	if len(dirs) == 0 {
		return nil, fmt.Errorf("merge: no release folders given")
	}
	out, err := filepath.Abs(out)
	if err != nil {
		return nil, err
	}
	var ms []*Manifest
	for _, d := range dirs {
		m, err := ReadManifest(d)
		if err != nil {
			return nil, fmt.Errorf("merge: %w", err)
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
			if !filepath.IsLocal(filepath.FromSlash(e.Path)) {
				return nil, fmt.Errorf("merge: %s: artifact path %q leaves the folder", filepath.Join(dirs[i], ManifestName), e.Path)
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
	return publish(out, func(staging string) (*Manifest, error) {
		for _, e := range merged.Artifacts {
			if err := copyChecked(filepath.Join(from[e.Path], filepath.FromSlash(e.Path)), filepath.Join(staging, filepath.FromSlash(e.Path)), e.SHA256); err != nil {
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

// copyChecked copies src to dst and fails unless the bytes have the
// digest want.
func copyChecked(src, dst, want string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	h := sha256.New()
	_, err = io.Copy(io.MultiWriter(out, h), in)
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	if got := hex.EncodeToString(h.Sum(nil)); got != want {
		return fmt.Errorf("%s: sha256 %s, but its manifest says %s", src, got, want)
	}
	return nil
}
