package release

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"github.com/polypress/polypress/pipeline/build"
	"github.com/polypress/polypress/pipeline/diag"
	docpkg "github.com/polypress/polypress/pipeline/doc"
	"github.com/polypress/polypress/pipeline/layout"
	"github.com/polypress/polypress/pipeline/render"
	"github.com/polypress/polypress/pipeline/text"
)

// Item is one artifact the release will make.
type Item struct {
	Kind   string
	Target build.Target
	// Sources are the files the artifact is made from, sorted by path.
	Sources []Source
	// Layout names the layout the artifact was set in.
	Layout string
	// Cost estimates the work of rendering the item, for sharding and
	// scheduling: the bytes of its body text times the format's cost
	// weight (render.Info.Cost: a PDF is shaped and composed, an EPUB is
	// only written).
	Cost int64
}

// Name is the artifact's file name in the release folder.
func (it Item) Name() string { return it.Target.Name }

// Source is one file an artifact was made from.
type Source struct {
	Path   string `json:"path"`
	SHA256 string `json:"sha256"`
}

// Failure is one input or artifact that could not be made.
type Failure struct {
	// Name is the input (as found) or the artifact that failed.
	Name string
	Err  error
}

func (f Failure) Error() string { return fmt.Sprintf("%s: %v", f.Name, f.Err) }

// Skipped is an input the release found but could not build, and why. It
// is listed in the manifest so that nothing found is dropped silently.
type Skipped struct {
	Path   string `json:"path"`
	Reason string `json:"reason"`
}

// fontNames names the fonts an artifact embeds in the manifest, with
// their digests, sorted by name. It is safe for concurrent use: each
// font's digest is computed once.
type fontNames struct {
	name    func(string) string
	digests sync.Map // *text.Font → string
}

func (n *fontNames) sources(fonts []*text.Font) []Source {
	var out []Source
	for _, f := range fonts {
		d, ok := n.digests.Load(f)
		if !ok {
			sum := sha256.Sum256(f.Data)
			d, _ = n.digests.LoadOrStore(f, hex.EncodeToString(sum[:]))
		}
		name := f.File
		if !strings.HasPrefix(name, build.BuiltInPrefix) {
			name = n.name(f.File)
		}
		out = append(out, Source{Path: name, SHA256: d.(string)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out
}

// planner turns inputs into items with the digests of their sources,
// reading each source file once however many items share it.
type planner struct {
	env  *build.Env
	cfg  build.Config
	opts Options
	// digests are the built-in files' digests, by name.
	digests map[string]string
}

func newPlanner(env *build.Env, opts Options) *planner {
	return &planner{env: env, cfg: opts.buildConfig(), opts: opts, digests: map[string]string{}}
}

func (p *planner) digestFS(fsys fs.FS, name, display string) (Source, error) {
	if d, ok := p.digests[display]; ok {
		return Source{display, d}, nil
	}
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		return Source{}, err
	}
	sum := sha256.Sum256(data)
	p.digests[display] = hex.EncodeToString(sum[:])
	return Source{display, p.digests[display]}, nil
}

// name names a file of the project (a locale file, a layout, a font) in
// the manifest without depending on the working folder: relative to the
// project folder when it lies inside it, else as its folder's name and its
// own ("house/house.toml").
func (p *planner) name(path string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		return filepath.ToSlash(path)
	}
	if p.opts.Root != "" {
		if rel, err := filepath.Rel(p.opts.Root, abs); err == nil && filepath.IsLocal(rel) {
			return filepath.ToSlash(rel)
		}
	}
	return filepath.Base(filepath.Dir(abs)) + "/" + filepath.Base(abs)
}

// layoutName names the layout a target is set in: its name, or its file.
func (p *planner) layoutName(t build.Target) string {
	if t.Layout != nil {
		if t.Layout.Name != "" {
			return t.Layout.Name
		}
		return p.name(t.Layout.File)
	}
	switch l := p.opts.Layout; {
	case l == "":
		return DefaultLayout
	case layout.IsFile(l):
		return p.name(l)
	default:
		return l
	}
}

// plan makes the items of every input. Inputs that fail are listed in the
// failures and the others are still planned; packs this polypress cannot
// build are returned as skipped.
func (p *planner) plan(ctx context.Context, inputs []Input) (items []Item, warnings diag.List, failures []Failure, skipped []Skipped) {
	owner := map[string]string{}
	for _, in := range inputs {
		if ctx.Err() != nil {
			return nil, nil, nil, nil
		}
		var targets []build.Target
		var warns diag.List
		var err error
		switch in.Kind {
		case KindStatement:
			targets, warns, err = p.env.Plan(in.Path, p.cfg)
		case KindPack:
			targets, warns, err = planPack(p.env, in.Path, p.cfg)
		}
		warnings.Append(warns)
		if err != nil {
			failures = append(failures, Failure{Name: in.Path, Err: err})
		}
		for _, t := range targets {
			if prev, dup := owner[t.Name]; dup {
				failures = append(failures, Failure{Name: in.Path, Err: fmt.Errorf("%s would also be written by %s: give them different ids", t.Name, prev)})
				continue
			}
			owner[t.Name] = in.Path
			it, err := p.item(in, t)
			if err != nil {
				failures = append(failures, Failure{Name: t.Name, Err: err})
				continue
			}
			items = append(items, it)
		}
	}
	sort.Slice(items, func(i, j int) bool { return items[i].Name() < items[j].Name() })
	return items, warnings, failures, skipped
}

// item records the sources of one target: the canonical statement, the
// translation whose body it shows, its locale files and the layout.
func (p *planner) item(in Input, t build.Target) (Item, error) {
	it := Item{Kind: in.Kind, Target: t}
	type doc struct{ path, digest string }
	var docs []doc
	var bodies []string
	editions := []*docpkg.Edition{t.Edition}
	if t.Pack != nil {
		docs = append(docs, doc{t.Pack.Pack.Path, t.Pack.Pack.Digest})
		editions = t.Pack.Statements
	}
	if t.Parallel != nil {
		editions = t.Parallel.Editions
	}
	for _, ed := range editions {
		docs = append(docs, doc{ed.Canonical.Path, ed.Canonical.Digest})
		body := ed.Canonical.Path
		if ed.Source != nil && ed.Source != ed.Canonical {
			docs = append(docs, doc{ed.Source.Path, ed.Source.Digest})
			body = ed.Source.Path
		}
		bodies = append(bodies, body)
		if ed.Logo != "" {
			// The statement's logo is printed in every edition: a
			// new logo is a new release.
			data, err := os.ReadFile(ed.Logo)
			if err != nil {
				return it, err
			}
			sum := sha256.Sum256(data)
			docs = append(docs, doc{ed.Logo, hex.EncodeToString(sum[:])})
		}
	}
	seen := map[string]bool{}
	for _, d := range docs {
		name := in.sourceName(d.path)
		if !seen[name] {
			seen[name] = true
			it.Sources = append(it.Sources, Source{Path: name, SHA256: d.digest})
		}
	}
	for _, body := range bodies {
		if fi, err := os.Stat(body); err == nil {
			it.Cost += fi.Size() * render.Cost(t.Format)
		}
	}
	for _, sf := range t.LocaleFiles {
		name := build.BuiltInPrefix + "locales/" + sf.Name
		if !sf.BuiltIn {
			name = p.name(filepath.Join(p.opts.LocaleDir, sf.Name))
		}
		it.Sources = append(it.Sources, Source{Path: name, SHA256: sf.SHA256})
	}
	lay := t.Layout
	if lay == nil {
		lay = p.env.Layout
	}
	it.Layout = p.layoutName(t)
	for _, f := range lay.Files {
		name := build.BuiltInPrefix + "layouts/" + f.Path
		if !f.BuiltIn {
			name = p.name(f.Path)
		}
		it.Sources = append(it.Sources, Source{Path: name, SHA256: f.SHA256})
	}
	if r, err := render.Get(t.Format); err == nil {
		for _, name := range r.Info().LayoutFiles {
			s, err := p.digestFS(layoutFS, name, build.BuiltInPrefix+"layouts/"+name)
			if err != nil {
				return it, err
			}
			it.Sources = append(it.Sources, s)
		}
	}
	sort.Slice(it.Sources, func(i, j int) bool { return it.Sources[i].Path < it.Sources[j].Path })
	return it, nil
}
