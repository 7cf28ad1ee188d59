package build

import (
	"errors"
	"fmt"
	"runtime"
	"sort"
	"sync"

	"github.com/polypress/polypress/pipeline/atomicfile"
	"github.com/polypress/polypress/pipeline/doc"
	"github.com/polypress/polypress/pipeline/render"
	"github.com/polypress/polypress/pipeline/text"
)

// renderAll renders every job to a temporary file beside its destination,
// on as many goroutines as GOMAXPROCS allows, each with its own Shaper over
// the Env's shared font library (sh, the one that planned the build, serves
// the first), the costliest jobs first so that a long PDF does not start
// last. Each file's bytes depend on its job alone, never on the order or
// the goroutine it was rendered on.
//
// It returns the artifacts in the jobs' order and every temporary file
// written, in the jobs' order, also when it fails: the caller removes
// them. A failure does not stop the other jobs, so that the error, which
// names every job that failed in the jobs' order, is the same however the
// work was scheduled. A panic in a renderer is such a failure, reported as
// an internal error naming the file.
func (env *Env) renderAll(sh *text.Shaper, jobs []job, cfg Config) ([]Artifact, []atomicfile.Move, error) {
	arts := make([]Artifact, len(jobs))
	tmps := make([]string, len(jobs))
	errs := make([]error, len(jobs))
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
				arts[i], tmps[i], errs[i] = env.renderJob(wsh, jobs[i], cfg)
			}
		}()
	}
	for _, i := range order {
		next <- i
	}
	close(next)
	wg.Wait()

	var moves []atomicfile.Move
	var failed []error
	for i, j := range jobs {
		if tmps[i] != "" {
			moves = append(moves, atomicfile.Move{Temp: tmps[i], Path: j.path})
		}
		if errs[i] != nil {
			failed = append(failed, errs[i])
		}
	}
	return arts, moves, errors.Join(failed...)
}

// renderJob renders one job to a temporary file; a panic becomes an
// error.
func (env *Env) renderJob(sh *text.Shaper, j job, cfg Config) (a Artifact, tmp string, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("internal error while building %s: %v; please report it", j.path, p)
		}
	}()
	a, tmp, err = env.render(sh, j, cfg)
	if err != nil {
		err = fmt.Errorf("%s: %w", j.path, err)
	}
	return a, tmp, err
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
	return editionSize(j.ed)
}

func editionSize(ed *doc.Edition) int64 {
	var n int64
	inline := func(in doc.Inline) {
		for _, s := range in {
			n += int64(len(s.Text))
		}
	}
	for _, b := range ed.Body {
		switch b := b.(type) {
		case *doc.Paragraph:
			inline(b.Text)
		case *doc.ClauseList:
			if b.LeadIn != nil {
				inline(b.LeadIn.Text)
			}
		}
	}
	doc.Walk(ed.Body, func(c *doc.Clause) {
		for _, p := range c.Paras {
			inline(p.Text)
		}
		for _, p := range c.Tail {
			inline(p.Text)
		}
	})
	for _, a := range ed.Authors {
		for _, p := range a.Bio {
			inline(p.Text)
		}
	}
	return n + 1
}
