package text

import (
	"maps"
	"runtime"
	"slices"
	"sync"
)

// Layouter lays out paragraphs: a Shaper, a Recorder or an Ahead. A
// renderer that takes one can be run first with a Recorder, to learn which
// paragraphs it will ask for, and then with an Ahead that has them laid
// out on every core before it asks.
type Layouter interface {
	Layout(p Paragraph, width float64) []Line
}

// Request is one paragraph to lay out at a width.
type Request struct {
	Para  Paragraph
	Width float64
}

// Recorder is a Layouter that lays nothing out: it notes each request and
// answers with one empty line (none for a paragraph with no text, as
// Layout does), so that a renderer run with it composes quickly and in
// the same order as it will for real.
//
// A renderer may measure short texts (clause markers, labels) and choose
// the widths of what follows by them; with Measure set, requests of at
// most MeasureBytes of text are laid out by it for real, so that the
// recording asks for the widths the renderer will ask for.
type Recorder struct {
	Requests []Request
	// Bytes counts the text requested, in bytes.
	Bytes int
	// Measure, when set, lays out the short requests.
	Measure Layouter
}

// MeasureBytes is the longest text, in bytes, a Recorder's Measure lays
// out: a clause marker or a label, not a paragraph.
const MeasureBytes = 64

// Layout records the request.
func (r *Recorder) Layout(p Paragraph, width float64) []Line {
	r.Requests = append(r.Requests, Request{Para: p, Width: width})
	n := 0
	for _, s := range p.Spans {
		n += len(s.Text)
	}
	r.Bytes += n
	if n == 0 {
		return nil
	}
	if r.Measure != nil && n <= MeasureBytes {
		return r.Measure.Layout(p, width)
	}
	return []Line{{}}
}

// ParallelBytes is the size, in bytes of text, from which laying out an
// edition's paragraphs ahead on several goroutines pays for composing it
// twice: a 200-clause statement is about 55,000.
const ParallelBytes = 20_000

// Ahead lays out a known sequence of paragraphs ahead of its caller on
// GOMAXPROCS-1 goroutines, each with a Shaper of its own, and hands each
// result over when the caller asks for it, in order. At most a window of
// paragraphs is laid out ahead, so the lines waiting take little memory.
// A request that is not the next expected (a running head the recording
// did not see) is laid out at once by the caller's Shaper; so is every
// request when GOMAXPROCS is 1. The lines do not depend on which
// goroutine laid them out. Close stops the goroutines.
type Ahead struct {
	sh   *Shaper
	reqs []Request

	mu      sync.Mutex
	cond    sync.Cond
	results [][]Line
	done    []bool
	failed  []bool
	claimed int // requests handed to a goroutine (or taken by the caller)
	next    int // the request the caller will ask for next
	window  int
	stopped bool
	wg      sync.WaitGroup
	// served counts the requests served in the recorded order, and
	// fromWorkers those of them another goroutine had laid out.
	served      int
	fromWorkers int
	// sameStacks remembers pairs of stacks found equal: a renderer makes
	// a new Stack each time it composes, the same in content.
	sameStacks map[[2]*Stack]bool
}

// aheadPerWorker is how many paragraphs each goroutine may lay out ahead
// of the caller.
const aheadPerWorker = 32

// Ahead returns a Layouter that serves reqs, in order, laid out ahead on
// other goroutines, and sh's own layout for anything else.
func (sh *Shaper) Ahead(reqs []Request) *Ahead {
	workers := min(runtime.GOMAXPROCS(0)-1, len(reqs))
	a := &Ahead{sh: sh, reqs: reqs, results: make([][]Line, len(reqs)), done: make([]bool, len(reqs)),
		failed: make([]bool, len(reqs)), window: aheadPerWorker * max(workers, 1)}
	a.cond.L = &a.mu
	for range workers {
		a.wg.Add(1)
		go a.work(NewShaper(sh.lib))
	}
	return a
}

func (a *Ahead) work(sh *Shaper) {
	defer a.wg.Done()
	a.mu.Lock()
	defer a.mu.Unlock()
	for {
		for !a.stopped && a.claimed < len(a.reqs) && a.claimed >= a.next+a.window {
			a.cond.Wait()
		}
		if a.stopped || a.claimed >= len(a.reqs) {
			return
		}
		i := a.claimed
		a.claimed++
		a.mu.Unlock()
		lines, ok := layoutSafely(sh, a.reqs[i])
		if !ok {
			sh = NewShaper(sh.lib) // the panic may have left it half-way
		}
		a.mu.Lock()
		a.results[i], a.done[i], a.failed[i] = lines, true, !ok
		a.cond.Broadcast()
	}
}

// layoutSafely lays out r with sh. A panic is not let take the process
// down from a goroutine of its own: the caller, when it asks for the
// request, lays it out again and meets the panic where it can recover.
func layoutSafely(sh *Shaper, r Request) (lines []Line, ok bool) {
	defer func() {
		if recover() != nil {
			lines, ok = nil, false
		}
	}()
	return sh.Layout(r.Para, r.Width), true
}

// Layout returns the lines of the next request if p and width are it,
// else lays p out at once.
func (a *Ahead) Layout(p Paragraph, width float64) []Line {
	a.mu.Lock()
	i := a.next
	if i >= len(a.reqs) || !a.same(a.reqs[i], p, width) {
		a.mu.Unlock()
		return a.sh.Layout(p, width)
	}
	a.next++
	a.served++
	if i >= a.claimed {
		// No goroutine has it: the caller is ahead of them.
		a.claimed = i + 1
		a.cond.Broadcast()
		a.mu.Unlock()
		return a.sh.Layout(p, width)
	}
	for !a.done[i] {
		a.cond.Wait()
	}
	lines, failed := a.results[i], a.failed[i]
	a.results[i] = nil
	a.reqs[i] = Request{}
	if !failed {
		a.fromWorkers++
	}
	a.cond.Broadcast()
	a.mu.Unlock()
	if failed {
		return a.sh.Layout(p, width)
	}
	return lines
}

// AheadStats says how an Ahead served its caller.
type AheadStats struct {
	// Recorded is how many requests it was given; Served, how many of
	// them the caller asked for in order; Ahead, how many of those
	// another goroutine had laid out.
	Recorded, Served, Ahead int
}

// Stats says how the requests were served so far: a renderer's tests
// use it to see that its recording matched what it asked for and that
// other goroutines did the work.
func (a *Ahead) Stats() AheadStats {
	a.mu.Lock()
	defer a.mu.Unlock()
	return AheadStats{Recorded: len(a.reqs), Served: a.served, Ahead: a.fromWorkers}
}

// Close stops the goroutines laying out ahead and waits for them.
func (a *Ahead) Close() {
	a.mu.Lock()
	a.stopped = true
	a.cond.Broadcast()
	a.mu.Unlock()
	a.wg.Wait()
}

// same reports whether p at width is the request r: the same spans
// (text, style, language), paragraph settings and width. Stacks are the
// same when they say the same, since each composition makes its own.
func (a *Ahead) same(r Request, p Paragraph, width float64) bool {
	q := r.Para
	if r.Width != width || q.Lang != p.Lang || q.RTL != p.RTL || q.Align != p.Align ||
		q.Typography != p.Typography || len(q.Spans) != len(p.Spans) {
		return false
	}
	for i := range q.Spans {
		x, y := q.Spans[i], p.Spans[i]
		if x.Style.Stack != y.Style.Stack && a.sameStack(x.Style.Stack, y.Style.Stack) {
			x.Style.Stack = y.Style.Stack
		}
		if x != y {
			return false
		}
	}
	return true
}

func (a *Ahead) sameStack(x, y *Stack) bool {
	if x == nil || y == nil {
		return false
	}
	k := [2]*Stack{x, y}
	same, ok := a.sameStacks[k]
	if !ok {
		same = slices.Equal(x.Fallback, y.Fallback) && maps.Equal(x.Scripts, y.Scripts) &&
			maps.Equal(x.Scale, y.Scale) && maps.EqualFunc(x.Langs, y.Langs, maps.Equal)
		if a.sameStacks == nil {
			a.sameStacks = map[[2]*Stack]bool{}
		}
		a.sameStacks[k] = same
	}
	return same
}
