package preview

import (
	"embed"
	"encoding/json"
	"fmt"
	"html/template"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

//go:embed page.html
var pageFS embed.FS

var page = template.Must(template.New("page.html").Funcs(template.FuncMap{
	"ms": func(d time.Duration) string { return fmt.Sprintf("%.2f s", d.Seconds()) },
}).ParseFS(pageFS, "page.html"))

// Handler serves the preview:
//
//	/                    every edition, the problems of the last build
//	/view/ID/LOCALE      one edition: its PDF beside its web page
//	/files/NAME          a file of the output folder that a build wrote
//	/events              server-sent events, one "build" per rebuild
//	/status.json         the last build, for tools and tests
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", s.serveIndex)
	mux.HandleFunc("GET /view/{id}/{locale}", s.serveView)
	mux.HandleFunc("GET /files/{name}", s.serveFile)
	mux.HandleFunc("GET /events", s.serveEvents)
	mux.HandleFunc("GET /status.json", s.serveStatus)
	return mux
}

// pageData is what page.html shows.
type pageData struct {
	Build    Build
	Problems []problem
	Errors   int
	Editions []edition
	// View is the edition shown on its own, or nil for the index.
	View *edition
}

type problem struct {
	Where, Severity, Message string
}

func (s *Server) data() pageData {
	b := s.Last()
	d := pageData{Build: b, Editions: s.editions()}
	if b.Err != nil && len(b.Problems) == 0 {
		d.Problems = append(d.Problems, problem{Severity: "error", Message: b.Err.Error()})
	}
	for _, p := range b.Problems {
		d.Problems = append(d.Problems, problem{Where: p.Pos.String(), Severity: p.Severity.String(), Message: strings.TrimPrefix(strings.TrimPrefix(p.Error(), p.Pos.String()+": "), "warning: ")})
	}
	for _, p := range d.Problems {
		if p.Severity == "error" {
			d.Errors++
		}
	}
	return d
}

func (s *Server) render(w http.ResponseWriter, d pageData) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	if err := page.Execute(w, d); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
	}
}

func (s *Server) serveIndex(w http.ResponseWriter, r *http.Request) { s.render(w, s.data()) }

func (s *Server) serveView(w http.ResponseWriter, r *http.Request) {
	d := s.data()
	for i, e := range d.Editions {
		if e.ID == r.PathValue("id") && e.Locale == r.PathValue("locale") {
			d.View = &d.Editions[i]
			s.render(w, d)
			return
		}
	}
	http.NotFound(w, r)
}

// serveFile serves a file a build wrote, and no other: the name must be
// an artifact's, and it is opened inside the output folder.
func (s *Server) serveFile(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("name")
	s.mu.Lock()
	_, known := s.files[name]
	s.mu.Unlock()
	if !known || name != filepath.Base(name) {
		http.NotFound(w, r)
		return
	}
	root, err := os.OpenRoot(s.opts.Config.OutDir)
	if err != nil {
		http.NotFound(w, r)
		return
	}
	defer root.Close()
	f, err := root.Open(name)
	if err != nil {
		http.NotFound(w, r)
		return
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil || !fi.Mode().IsRegular() {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	http.ServeContent(w, r, name, fi.ModTime(), f)
}

// serveEvents streams one "build" event per rebuild, which the page
// answers by reloading.
func (s *Server) serveEvents(w http.ResponseWriter, r *http.Request) {
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-store")
	fmt.Fprintf(w, "retry: 1000\nevent: hello\ndata: %d\n\n", s.Last().Generation)
	flusher.Flush()
	for {
		ch := s.wait()
		select {
		case <-ch:
			fmt.Fprintf(w, "event: build\ndata: %d\n\n", s.Last().Generation)
			flusher.Flush()
		case <-r.Context().Done():
			return
		}
	}
}

// status is /status.json.
type status struct {
	Generation  int          `json:"generation"`
	OK          bool         `json:"ok"`
	Seconds     float64      `json:"seconds"`
	Diagnostics []statusDiag `json:"diagnostics"`
	Editions    []statusEd   `json:"editions"`
}

type statusDiag struct {
	File     string `json:"file"`
	Line     int    `json:"line"`
	Col      int    `json:"col"`
	Severity string `json:"severity"`
	Code     string `json:"code"`
	Message  string `json:"message"`
}

type statusEd struct {
	ID     string            `json:"id"`
	Locale string            `json:"locale"`
	Title  string            `json:"title"`
	Draft  bool              `json:"draft"`
	Files  map[string]string `json:"files"`
}

func (s *Server) serveStatus(w http.ResponseWriter, r *http.Request) {
	b := s.Last()
	st := status{Generation: b.Generation, OK: b.OK(), Seconds: b.Took.Seconds(), Diagnostics: []statusDiag{}, Editions: []statusEd{}}
	for _, p := range b.Problems {
		st.Diagnostics = append(st.Diagnostics, statusDiag{File: filepath.ToSlash(p.Pos.File), Line: p.Pos.Line, Col: p.Pos.Col, Severity: p.Severity.String(), Code: p.Code, Message: p.Msg})
	}
	if b.Err != nil && len(b.Problems) == 0 {
		st.Diagnostics = append(st.Diagnostics, statusDiag{Severity: "error", Message: b.Err.Error()})
	}
	for _, e := range s.editions() {
		st.Editions = append(st.Editions, statusEd{ID: e.ID, Locale: e.Locale, Title: e.Title, Draft: e.Draft, Files: e.Files})
	}
	sort.Slice(st.Editions, func(i, j int) bool {
		return st.Editions[i].ID+"\x00"+st.Editions[i].Locale < st.Editions[j].ID+"\x00"+st.Editions[j].Locale
	})
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.Encode(st)
}
