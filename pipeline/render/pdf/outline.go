package pdf

import (
	"github.com/polypress/polypress/pipeline/doc"
	"github.com/polypress/polypress/pipeline/render/internal/markup"
)

// clauseOutline makes the first line the operative clause cl set, from
// box at, the target of its outline entry ("18. Demanded that India…",
// markup.ClauseEntry, as the EPUB and web contents have it), under the
// last heading or annex, else under the title. A lead-in has no entry.
func (c *composer) clauseOutline(at int, cl *doc.Clause) {
	level := c.clauseLevel
	if level == 0 {
		level = c.outlineBase + 1
	}
	for i := at; i < len(c.boxes); i++ {
		if !c.boxes[i].space {
			if c.boxes[i].outline == nil {
				c.boxes[i].outline = &outlineEntry{title: markup.ClauseEntry(cl), level: level}
			}
			return
		}
	}
}
