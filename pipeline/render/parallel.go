package render

import (
	"fmt"
	"io"

	"github.com/polypress/polypress/pipeline/doc"
)

// ParallelRenderer is a Renderer that also writes parallel editions: one
// statement in two or three languages side by side (doc.ParallelEdition).
// A format offers them by implementing it; a build asked for a parallel
// edition in a format that does not is refused before anything is
// rendered.
type ParallelRenderer interface {
	Renderer
	// RenderParallel writes a parallel edition to w, as Render writes an
	// edition. opts.Alternates are the single-language editions of the
	// same statement in the same format, which a web page links to.
	RenderParallel(w io.Writer, pe *doc.ParallelEdition, opts Options) (Result, error)
}

// Parallel returns format's ParallelRenderer, or an error saying that the
// format has no parallel editions.
func Parallel(format string) (ParallelRenderer, error) {
	r, err := Get(format)
	if err != nil {
		return nil, err
	}
	pr, ok := r.(ParallelRenderer)
	if !ok {
		return nil, fmt.Errorf("format %q has no parallel editions", format)
	}
	return pr, nil
}
