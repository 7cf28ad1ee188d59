package text

// ShapeWholeRuns makes sh shape every run whole and uncached, as HarfBuzz
// is called without the word cache: the reference the cached shaping must
// match.
func ShapeWholeRuns(sh *Shaper) { sh.wholeRuns = true }

// ShapeCacheUse returns how many shaped pieces lib's cache holds, the
// bytes it counts for them, and the most it may count.
func ShapeCacheUse(lib *Library) (pieces, bytes, limit int) {
	pieces, bytes = lib.shapes().use()
	return pieces, bytes, cacheBytes
}
