package preview

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/fsnotify/fsnotify"
)

// watcher reports changes to files under some roots: every folder below
// a root folder is watched (fsnotify watches one folder at a time),
// folders made later too; a root file is watched through its folder.
type watcher struct {
	w      *fsnotify.Watcher
	events chan string
	errs   chan error
	done   chan struct{}
	// files are the root files, by absolute path; trees the folders
	// watched with everything in them; out is the output folder, whose
	// changes are the builds' own.
	files map[string]bool
	mu    sync.Mutex
	trees map[string]bool
	out   string
}

func newWatcher(roots []string, out string) (*watcher, error) {
	fw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	w := &watcher{w: fw, events: make(chan string, 64), errs: make(chan error, 1), done: make(chan struct{}), files: map[string]bool{}, trees: map[string]bool{}}
	if abs, err := filepath.Abs(out); err == nil {
		w.out = abs
	}
	for _, r := range roots {
		abs, err := filepath.Abs(r)
		if err != nil {
			continue
		}
		fi, err := os.Stat(abs)
		switch {
		case err != nil:
			// Not there yet (a locale folder to come): watch its folder.
			w.files[abs] = true
			w.add(filepath.Dir(abs))
		case fi.IsDir():
			w.addTree(abs)
		default:
			w.files[abs] = true
			w.add(filepath.Dir(abs))
		}
	}
	go w.loop()
	return w, nil
}

// add watches one folder; one that cannot be watched is skipped.
func (w *watcher) add(dir string) { w.w.Add(dir) }

// addTree watches dir and every folder below it, but not hidden folders
// (.git) or the output folder.
func (w *watcher) addTree(dir string) {
	filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || !d.IsDir() {
			return nil
		}
		if path == w.out || (path != dir && strings.HasPrefix(d.Name(), ".")) {
			return filepath.SkipDir
		}
		w.add(path)
		w.mu.Lock()
		w.trees[path] = true
		w.mu.Unlock()
		return nil
	})
}

func (w *watcher) loop() {
	for {
		select {
		case ev, ok := <-w.w.Events:
			if !ok {
				return
			}
			w.handle(ev)
		case err, ok := <-w.w.Errors:
			if !ok {
				return
			}
			select {
			case w.errs <- err:
			default:
			}
		case <-w.done:
			return
		}
	}
}

// handle passes on a change that can matter to a build: not the output
// folder's, not an editor's swap or backup file, and in a watched folder
// only the root files when the folder is watched for them alone.
func (w *watcher) handle(ev fsnotify.Event) {
	path := ev.Name
	if w.out != "" && (path == w.out || strings.HasPrefix(path, w.out+string(filepath.Separator))) {
		return
	}
	base := filepath.Base(path)
	if strings.HasPrefix(base, ".") || strings.HasSuffix(base, "~") || strings.HasSuffix(base, ".swp") || strings.HasSuffix(base, ".tmp") {
		return
	}
	if ev.Has(fsnotify.Create) {
		// A folder made in a watched tree, or a watched folder made late
		// (the project's locales/), is watched with what is in it.
		if fi, err := os.Stat(path); err == nil && fi.IsDir() && (w.inTree(path) || w.files[path]) {
			w.addTree(path)
		}
	}
	if ev.Op == fsnotify.Chmod {
		return
	}
	if !w.inTree(path) && !w.files[path] {
		return
	}
	select {
	case w.events <- path:
	case <-w.done:
	}
}

// inTree reports whether path lies in a watched tree rather than only in
// the folder of a watched file.
func (w *watcher) inTree(path string) bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.trees[filepath.Dir(path)] || w.trees[path]
}

func (w *watcher) close() {
	close(w.done)
	w.w.Close()
}
