package build

import (
	"fmt"
	"os"
	"runtime"
	"sort"
	"sync"

	"github.com/polypress/polypress/pipeline/doc"
	"github.com/polypress/polypress/pipeline/render"
	"github.com/polypress/polypress/pipeline/text"
)

// rendered is what rendering one job gave: the artifact and the
// temporary file holding it, or the error.
type rendered struct {
	art Artifact
	tmp string
	err error
}

// renderAll renders every job to a temporary file beside its destination,
// on as many goroutines as GOMAXPROCS allows, each with its own Shaper over
// the Env's shared font library (sh, the one that planned the build, serves
// the first), the costliest jobs first so that a long PDF does not start
// last. Each file's bytes depend on its job alone, never on the order or
// the goroutine it was rendered on.
//
// It returns each job's result in the jobs' order; a job that fails
// removes its temporary file and does not stop the others. A panic in a
// renderer is a bug, not a problem with one edition: it is returned as an
// internal error naming the file (the first such file in the jobs' order),
// and the caller writes nothing.
func (env *Env) renderAll(sh *text.Shaper, jobs []job, cfg Config) ([]rendered, error) {
	done := make([]rendered, len(jobs))
	panics := make([]error, len(jobs))
	order := make([]int, len(jobs))
	cost := make([]int64, len(jobs))
	for i, j := range jobs {
		order[i] = i
		cost[i] = render.Cost(j.format) * j.size()
	}
	sort.SliceStable(order, func(a, b int) bool { return cost[order[a]] > cost[order[b]] })

	next := make(chan int)
	var wg sync.WaitGroup
	for w := range min(runtime.GOMAXPROCS(0), len(jobs)) {
		wsh := sh
		if w > 0 {
			wsh = text.NewShaper(env.Library)
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				done[i], panics[i] = env.renderJob(wsh, jobs[i], cfg)
			}
		}()
	}
	for _, i := range order {
		next <- i
	}
	close(next)
	wg.Wait()
	for _, err := range panics {
		if err != nil {
			return done, err
		}
	}
	return done, nil
}

// renderJob renders one job to a temporary file. A panic is returned as
// an error of its own, the temporary file then left to the caller (it may
// not have been written).
func (env *Env) renderJob(sh *text.Shaper, j job, cfg Config) (r rendered, panicked error) {
	defer func() {
		if p := recover(); p != nil {
			panicked = fmt.Errorf("internal error while building %s: %v; please report it", j.path, p)
		}
	}()
	r.art, r.tmp, r.err = env.render(sh, j, cfg)
	if r.err != nil && r.tmp != "" {
		os.Remove(r.tmp)
		r.tmp = ""
	}
	return r, nil
}

// size estimates how much text the job sets, in bytes, to schedule the
// largest editions first.
func (j job) size() int64 {
	if j.pack != nil {
		var n int64
		for _, ed := range j.pack.Statements {
			n += editionSize(ed)
		}
		return n
	}
	if j.par != nil {
		var n int64
		for _, ed := range j.par.Editions {
			n += editionSize(ed)
		}
		return n
	}
	return editionSize(j.ed)
}

func editionSize(ed *doc.Edition) int64 {
	var n int64
	inline := func(in doc.Inline) {
		for _, s := range in {
			n += int64(len(s.Text))
		}
	}
	doc.EachInline(ed.Body, inline)
	for _, a := range ed.Authors {
		for _, p := range a.Bio {
			inline(p.Text)
		}
	}
	return n + 1
}
