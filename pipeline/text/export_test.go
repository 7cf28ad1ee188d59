package text

// ShapeWholeRuns makes sh shape every run whole and uncached, as HarfBuzz
// is called without the word cache: the reference the cached shaping must
// match.
func ShapeWholeRuns(sh *Shaper) { sh.wholeRuns = true }
