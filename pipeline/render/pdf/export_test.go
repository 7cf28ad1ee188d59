package pdf

import "github.com/polypress/polypress/pipeline/text"

// OnLaidOutAhead sets what is told how each edition laid out ahead was
// served, and returns a function that restores the previous one.
func OnLaidOutAhead(f func(text.AheadStats)) (restore func()) {
	old := laidOutAhead
	laidOutAhead = f
	return func() { laidOutAhead = old }
}
