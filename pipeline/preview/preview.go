// Package preview is polypress's live preview: it builds a project's
// editions, rebuilds them whenever a file they are made from changes
// (github.com/fsnotify/fsnotify), and serves them over HTTP on the local
// machine — each edition's PDF beside its web (HTML) edition, the problems
// of the last build in the page, which reloads itself after every rebuild.
//
// It sits on top of pipeline/build and writes nothing itself: every file
// it serves is one a build wrote into the output folder, and a build only
// ever writes there. A bad edit fails the editions it touches; their
// files from the last good build stay in place and are served, and the
// page shows what is wrong and where.
package preview

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/polypress/polypress/pipeline/build"
	"github.com/polypress/polypress/pipeline/diag"
)

// Options configure a Server.
type Options struct {
	// Config is what every build builds; its OutDir is served.
	Config build.Config
	// Watch are the files and folders whose changes start a rebuild:
	// the statement folders, the locale folder, a layout file, font
	// folders, the project file. Folders are watched with everything
	// below them, except hidden folders and the output folder.
	Watch []string
	// Debounce is how long to wait for more changes before rebuilding
	// (editors write a file in several steps); zero means 50 ms.
	Debounce time.Duration
	// Log, when set, is told of each build.
	Log func(Build)
	// Configure, when set, is called when a settings file changes (a
	// .toml that is not a locale file: the project file, a layout): it
	// returns the new Config, or the reason there is none, which the
	// page shows while the last good files stay served.
	Configure func() (build.Config, error)
}

// Build is the outcome of one build.
type Build struct {
	// Generation counts builds from 1.
	Generation int
	At         time.Time
	Took       time.Duration
	// Artifacts are the files the build wrote.
	Artifacts []build.Artifact
	// Problems are the errors that kept editions from being built, and
	// the warnings, sorted.
	Problems diag.List
	// Err is set when nothing could be built at all (an output folder
	// refused, a layout that does not load).
	Err error
}

// OK reports whether the build wrote every edition.
func (b Build) OK() bool { return b.Err == nil && !b.Problems.HasErrors() }

// Server builds, watches and serves one project.
type Server struct {
	opts Options

	// env is kept from build to build (fonts are parsed once) and made
	// again when a locale file, layout or font changes.
	env      *build.Env
	envStale bool

	mu   sync.Mutex
	last Build
	// files are the editions on disk by file name: every artifact of the
	// latest build that wrote it, so that an edition a bad edit broke is
	// still listed with the file of its last good build.
	files map[string]build.Artifact
	// waiters are the pages waiting for the next build.
	waiters []chan struct{}
}

// New returns a Server for opts; nothing is built until Rebuild or Run.
func New(opts Options) *Server {
	if opts.Debounce == 0 {
		opts.Debounce = 50 * time.Millisecond
	}
	if opts.Config.OutDir == "" {
		opts.Config.OutDir = "dist"
	}
	return &Server{opts: opts, files: map[string]build.Artifact{}, envStale: true}
}

// Rebuild builds every edition once and returns the outcome, which the
// page shows from then on. A panic in a stage is reported as the build's
// error: the preview keeps running. Rebuild is not safe for concurrent
// use: Run calls it from one goroutine.
func (s *Server) Rebuild() (b Build) {
	start := time.Now()
	defer func() {
		if p := recover(); p != nil {
			b.Err = fmt.Errorf("internal error: %v; please report it", p)
			s.envStale = true
		}
		b.Took = time.Since(start)
		b.At = start
		s.publish(&b)
	}()
	cfg := s.opts.Config
	if s.envStale || s.env == nil {
		env, err := build.NewEnv(cfg)
		if err != nil {
			b.Err = err
			b.Problems = diag.Flatten(err)
			return b
		}
		s.env, s.envStale = env, false
	}
	res, err := s.env.Build(cfg)
	var oe *build.OutDirError
	if errors.As(err, &oe) || (res == nil && err != nil) {
		b.Err = err
		b.Problems = diag.Flatten(err)
		return b
	}
	b.Artifacts = res.Artifacts
	b.Problems = append(append(diag.List(nil), res.Failed...), res.Warnings...)
	b.Problems.Sort()
	return b
}

// publish makes b the last build and wakes the pages waiting for it.
func (s *Server) publish(b *Build) {
	s.mu.Lock()
	defer s.mu.Unlock()
	b.Generation = s.last.Generation + 1
	for _, a := range b.Artifacts {
		s.files[filepath.Base(a.Path)] = a
	}
	// Forget files that are gone (a statement removed, an id changed).
	for name := range s.files {
		if _, err := os.Stat(filepath.Join(s.opts.Config.OutDir, name)); err != nil {
			delete(s.files, name)
		}
	}
	s.last = *b
	for _, w := range s.waiters {
		close(w)
	}
	s.waiters = nil
	if s.opts.Log != nil {
		s.opts.Log(*b)
	}
}

// Last returns the latest build.
func (s *Server) Last() Build {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.last
}

// wait returns a channel closed at the next build.
func (s *Server) wait() <-chan struct{} {
	s.mu.Lock()
	defer s.mu.Unlock()
	ch := make(chan struct{})
	s.waiters = append(s.waiters, ch)
	return ch
}

// editions groups the files on disk by statement and locale, in order.
func (s *Server) editions() []edition {
	s.mu.Lock()
	defer s.mu.Unlock()
	byKey := map[string]*edition{}
	var keys []string
	for name, a := range s.files {
		key := a.ID + "\x00" + a.Locale
		e, ok := byKey[key]
		if !ok {
			e = &edition{ID: a.ID, Locale: a.Locale, Files: map[string]string{}}
			byKey[key] = e
			keys = append(keys, key)
		}
		e.Files[a.Format] = name
		if a.Title != "" {
			e.Title = a.Title
		}
		e.Draft = e.Draft || a.Draft
	}
	sort.Strings(keys)
	out := make([]edition, len(keys))
	for i, k := range keys {
		out[i] = *byKey[k]
	}
	return out
}

// edition is one statement or pack in one locale, with its files by
// format.
type edition struct {
	ID, Locale, Title string
	Draft             bool
	Files             map[string]string
}

// Run builds, then serves on ln and rebuilds on every change under the
// watched paths until ctx is done. It returns nil when ctx ends it.
func (s *Server) Run(ctx context.Context, ln net.Listener) error {
	w, err := newWatcher(s.opts.Watch, s.opts.Config.OutDir)
	if err != nil {
		return err
	}
	defer w.close()
	s.Rebuild()
	srv := &http.Server{Handler: s.Handler(), ReadHeaderTimeout: 10 * time.Second, BaseContext: func(net.Listener) context.Context { return ctx }}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	for {
		select {
		case <-ctx.Done():
			shut, cancel := context.WithTimeout(context.Background(), 2*time.Second)
			srv.Shutdown(shut)
			cancel()
			return nil
		case err := <-served:
			return err
		case err := <-w.errs:
			// A watch that fails (a folder removed) is reported as a
			// build problem; the next change rebuilds.
			s.publish(&Build{Err: err, Problems: diag.List{diag.Errorf(diag.Pos{}, "watching for changes: %v", err)}})
		case ev := <-w.events:
			changed := map[string]bool{ev: true}
			if !collect(ctx, w.events, s.opts.Debounce, changed) {
				continue // ctx is done: the next round shuts down
			}
			if s.affectsEnv(changed) {
				s.envStale = true
				if s.opts.Configure != nil && s.settingsChanged(changed) {
					cfg, err := s.opts.Configure()
					if err != nil {
						s.publish(&Build{Err: err, Problems: diag.Flatten(err)})
						continue
					}
					s.opts.Config = cfg
				}
			}
			s.Rebuild()
		}
	}
}

// collect gathers the changes that follow within d of each other into
// changed; it returns false when ctx ends first.
func collect(ctx context.Context, events <-chan string, d time.Duration, changed map[string]bool) bool {
	timer := time.NewTimer(d)
	defer timer.Stop()
	for {
		select {
		case ev := <-events:
			changed[ev] = true
			timer.Reset(d)
		case <-timer.C:
			return true
		case <-ctx.Done():
			return false
		}
	}
}

// settingsChanged reports whether a change touches a TOML file outside
// the locale folder: the project file or a layout.
func (s *Server) settingsChanged(changed map[string]bool) bool {
	for path := range changed {
		if strings.ToLower(filepath.Ext(path)) != ".toml" {
			continue
		}
		if s.opts.Config.LocaleDir == "" || !inside(s.opts.Config.LocaleDir, path) {
			return true
		}
	}
	return false
}

// affectsEnv reports whether a change touches what the Env holds (locale
// files, layouts, fonts) rather than only statements.
func (s *Server) affectsEnv(changed map[string]bool) bool {
	cfg := s.opts.Config
	var roots []string
	roots = append(roots, cfg.FontDirs...)
	if cfg.LocaleDir != "" {
		roots = append(roots, cfg.LocaleDir)
	}
	for path := range changed {
		ext := strings.ToLower(filepath.Ext(path))
		if ext == ".toml" || ext == ".ttf" || ext == ".otf" || ext == ".css" {
			return true
		}
		for _, r := range roots {
			if inside(r, path) {
				return true
			}
		}
	}
	return false
}

// inside reports whether path is dir or lies below it.
func inside(dir, path string) bool {
	d, err1 := filepath.Abs(dir)
	p, err2 := filepath.Abs(path)
	if err1 != nil || err2 != nil {
		return false
	}
	rel, err := filepath.Rel(d, p)
	return err == nil && (rel == "." || filepath.IsLocal(rel))
}
