package release

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/polypress/polypress/layouts"
	"github.com/polypress/polypress/pipeline/build"
	"github.com/polypress/polypress/pipeline/diag"
	"github.com/polypress/polypress/pipeline/text"
)

// layoutFS holds the layout files whose digests the manifest records.
var layoutFS fs.FS = layouts.FS

// DefaultLayout is the layout every edition of a release uses.
const DefaultLayout = "briefing"

// Options is what a release is asked to do.
type Options struct {
	// Paths are folders to search (or statement and pack files); empty
	// means "samples".
	Paths []string
	// OutDir is the release folder; empty means "dist".
	OutDir string
	// Shard selects part of the release; the zero Shard is all of it.
	Shard Shard
	// Verify renders everything a second time and fails on any artifact
	// whose bytes differ.
	Verify bool
	// Epoch is SOURCE_DATE_EPOCH; zero means each edition carries its
	// statement's date.
	Epoch time.Time
	// Workers render concurrently; zero means GOMAXPROCS.
	Workers int
	// Force lets the release write into an output folder that holds files
	// a release did not write, file by file, deleting nothing. Without it
	// such a folder is refused.
	Force bool
	// Event, when set, is told of progress. It is called from one
	// goroutine at a time.
	Event func(Event)

	// What build takes: the layout (empty: DefaultLayout, or a pack's
	// own), a folder of locale files over the built-in ones, font
	// folders, the locales and formats to build (empty: every locale an
	// input declares, every format), Strict and Final.
	Layout    string
	LocaleDir string
	FontDirs  []string
	Locales   []string
	Formats   []string
	// Parallel are the parallel editions of every statement, besides
	// the others (build.Config.Parallel); packs have none.
	Parallel [][]string
	Strict   bool
	// Final fails the release on any edition that would be a draft.
	Final bool
	// Root is the project folder, when there is one: the files in it a
	// release records (locale files, layout files, fonts) are named
	// relative to it.
	Root string
}

// buildConfig is what the planner asks of build.
func (o Options) buildConfig() build.Config {
	return build.Config{Layout: o.Layout, LocaleDir: o.LocaleDir, FontDirs: o.FontDirs,
		Locales: o.Locales, Formats: o.Formats, Parallel: o.Parallel, Strict: o.Strict || o.Final, Final: o.Final}
}

// Event is one step of a release, for progress bars and logs.
type Event struct {
	// Type is "plan" (Total is known), "done" (Entry was written), "fail"
	// (Name failed: Err), "skip" (Name was skipped: Err), "warn" (Err),
	// or "verify" (the second build has started).
	Type  string
	Name  string
	Done  int
	Total int
	Entry *Entry
	Err   error
}

// FailedError lists every input and artifact that failed. The release
// folder is left as it was.
type FailedError struct{ Failures []Failure }

func (e *FailedError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d failed:", len(e.Failures))
	for _, f := range e.Failures {
		b.WriteString("\n  " + f.Error())
	}
	return b.String()
}

// Release builds every edition found under opts.Paths into opts.OutDir.
// Everything is rendered even when something fails, so that every failure
// is reported at once; only a release with no failure replaces the output
// folder. An output folder that is, contains or lies inside an input, or
// that holds files a release did not write (unless opts.Force), is refused
// with a *build.OutDirError before anything is read or written. When ctx is
// cancelled the release returns at once, in whatever phase it is, removes
// its staging folder and leaves the output folder as it was.
func Release(ctx context.Context, opts Options) (*Manifest, error) {
	paths := opts.Paths
	if len(paths) == 0 {
		paths = []string{"samples"}
	}
	if opts.Shard.N > MaxShards {
		return nil, fmt.Errorf("shard %s: at most %d shards", opts.Shard, MaxShards)
	}
	out, mode, unlock, err := openOut(opts.OutDir, paths, opts.Force)
	if err != nil {
		return nil, err
	}
	defer unlock()
	emit := opts.Event
	if emit == nil {
		emit = func(Event) {}
	}
	// Discovery and planning only read the sources, so on a signal they
	// are abandoned rather than waited for.
	type planned struct {
		env      *build.Env
		items    []Item
		warnings diag.List
		failures []Failure
		skipped  []Skipped
	}
	pl, err := interruptible(ctx, func() (planned, error) {
		inputs, err := Discover(paths)
		if err != nil {
			return planned{}, err
		}
		cfg := opts.buildConfig()
		if cfg.Layout == "" {
			cfg.Layout = DefaultLayout
		}
		env, err := build.NewEnv(cfg)
		if err != nil {
			return planned{}, err
		}
		p := newPlanner(env, opts)
		items, warnings, failures, skipped := p.plan(ctx, inputs)
		return planned{env, items, warnings, failures, skipped}, ctx.Err()
	})
	if err != nil {
		return nil, err
	}
	env, items, warnings, failures, skipped := pl.env, pl.items, pl.warnings, pl.failures, pl.skipped
	for _, w := range warnings {
		emit(Event{Type: "warn", Err: w})
	}
	for _, s := range skipped {
		emit(Event{Type: "skip", Name: s.Path, Err: errors.New(s.Reason)})
	}
	for _, f := range failures {
		emit(Event{Type: "fail", Name: f.Name, Err: f.Err})
	}
	items = opts.Shard.Select(items)

	return publish(ctx, out, mode, func(staging string) (*Manifest, error) {
		m := &Manifest{Version: build.Version, Shard: opts.Shard.String(), Skipped: skipped}
		if !opts.Epoch.IsZero() {
			e := opts.Epoch.Unix()
			m.SourceDateEpoch = &e
		}
		r := &renderer{env: env, epoch: opts.Epoch, workers: opts.Workers, emit: emit, final: opts.Final,
			fonts: &fontNames{name: newPlanner(env, opts).name}}
		entries, fails := r.renderAll(ctx, items, staging)
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		failures = append(failures, fails...)
		if opts.Verify && len(fails) == 0 {
			emit(Event{Type: "verify", Total: len(items)})
			failures = append(failures, r.verify(ctx, items, entries)...)
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		if len(failures) > 0 {
			sort.SliceStable(failures, func(i, j int) bool { return failures[i].Name < failures[j].Name })
			return nil, &FailedError{Failures: failures}
		}
		m.Artifacts = entries
		return m, nil
	})
}

// interruptible runs f on its own goroutine and returns its result, or
// ctx's error as soon as ctx is cancelled, leaving f to finish unwatched.
// Only work that writes nothing may be run this way.
func interruptible[T any](ctx context.Context, f func() (T, error)) (T, error) {
	type result struct {
		v   T
		err error
	}
	ch := make(chan result, 1)
	go func() {
		v, err := f()
		ch <- result{v, err}
	}()
	select {
	case r := <-ch:
		return r.v, r.err
	case <-ctx.Done():
		var zero T
		return zero, ctx.Err()
	}
}

// renderer renders items on a pool of goroutines, each with its own
// Shaper over the Env's shared, read-only font library.
type renderer struct {
	env     *build.Env
	epoch   time.Time
	workers int
	emit    func(Event)
	// final fails every draft edition.
	final bool
	fonts *fontNames
	// mu serializes the workers' results (writing the file, the event);
	// once stopped is set no result is used any more.
	mu      sync.Mutex
	stopped bool
	done    int
}

type result struct {
	entry Entry
	data  []byte
	err   error
}

// each renders every item once, costliest first so that a long PDF does
// not start last, and hands each result to use, which runs on the worker
// with r.mu held. At most one artifact per worker is held in memory. When
// ctx is cancelled each returns at once: the editions being rendered are
// left to finish, and their results are dropped.
func (r *renderer) each(ctx context.Context, items []Item, use func(i int, res result)) {
	order := make([]int, len(items))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return items[order[a]].Cost > items[order[b]].Cost })
	n := r.workers
	if n <= 0 {
		n = runtime.GOMAXPROCS(0)
	}
	n = min(n, max(len(items), 1))
	next := make(chan int)
	var wg sync.WaitGroup
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sh := text.NewShaper(r.env.Library)
			for i := range next {
				res := r.renderOne(sh, items[i])
				r.mu.Lock()
				if !r.stopped {
					use(i, res)
				}
				r.mu.Unlock()
			}
		}()
	}
	for _, i := range order {
		if ctx.Err() != nil {
			break
		}
		select {
		case next <- i:
		case <-ctx.Done():
		}
	}
	close(next)
	finished := make(chan struct{})
	go func() {
		wg.Wait()
		close(finished)
	}()
	select {
	case <-finished:
	case <-ctx.Done():
		r.mu.Lock()
		r.stopped = true
		r.mu.Unlock()
	}
}

func (r *renderer) renderOne(sh *text.Shaper, it Item) (res result) {
	defer func() {
		// A renderer bug on one edition must not take the others down.
		if p := recover(); p != nil {
			res.err = fmt.Errorf("internal error: %v", p)
		}
	}()
	a, data, err := r.env.Render(sh, it.Target, r.epoch)
	if err != nil {
		return result{err: err}
	}
	epoch := r.epoch
	if epoch.IsZero() {
		epoch = it.Target.Date()
	}
	if a.Draft && r.final {
		return result{err: fmt.Errorf("a draft edition, which --final refuses (it was built with fallbacks or stale translations; see the warnings)")}
	}
	return result{data: data, entry: Entry{
		ID: a.ID, Kind: it.Kind, Locale: a.Locale, Parallel: a.Parallel, Format: a.Format,
		Path: it.Name(), Bytes: a.Bytes, SHA256: a.SHA256, Pages: a.Pages, Draft: a.Draft, Embargo: a.Embargo,
		Layout: it.Layout, Sources: it.Sources, Fonts: r.fonts.sources(a.Fonts), Version: build.Version, SourceDateEpoch: epoch.Unix(),
	}}
}

// renderAll renders items into dir and returns their entries in the order
// of items, and the failures.
func (r *renderer) renderAll(ctx context.Context, items []Item, dir string) ([]Entry, []Failure) {
	entries := make([]Entry, len(items))
	errs := make([]error, len(items))
	r.emit(Event{Type: "plan", Total: len(items)})
	r.each(ctx, items, func(i int, res result) {
		err := res.err
		if err == nil {
			err = os.WriteFile(filepath.Join(dir, items[i].Name()), res.data, 0o644)
		}
		errs[i] = err
		entries[i] = res.entry
		r.done++
		if err != nil {
			r.emit(Event{Type: "fail", Name: items[i].Name(), Done: r.done, Total: len(items), Err: err})
		} else {
			e := entries[i]
			r.emit(Event{Type: "done", Name: items[i].Name(), Done: r.done, Total: len(items), Entry: &e})
		}
	})
	var fails []Failure
	for i, err := range errs {
		if err != nil {
			fails = append(fails, Failure{Name: items[i].Name(), Err: err})
		}
	}
	return entries, fails
}

// verify renders every item again, with fresh shapers and in another
// order, and reports each artifact whose bytes differ from the first build.
func (r *renderer) verify(ctx context.Context, items []Item, first []Entry) []Failure {
	diffs := make([]error, len(items))
	rev := make([]Item, len(items))
	for i := range items {
		rev[len(items)-1-i] = items[i]
		rev[len(items)-1-i].Cost = int64(i) // reverse the scheduling order too
	}
	r.each(ctx, rev, func(j int, res result) {
		i := len(items) - 1 - j
		switch {
		case res.err != nil:
			diffs[i] = fmt.Errorf("second build failed: %w", res.err)
		case res.entry.SHA256 != first[i].SHA256:
			diffs[i] = fmt.Errorf("not reproducible: the second build in this process gave %d bytes, sha256 %s; the first gave %d bytes, sha256 %s",
				res.entry.Bytes, res.entry.SHA256, first[i].Bytes, first[i].SHA256)
		}
	})
	var fails []Failure
	for i, err := range diffs {
		if err != nil {
			fails = append(fails, Failure{Name: items[i].Name(), Err: err})
		}
	}
	return fails
}
