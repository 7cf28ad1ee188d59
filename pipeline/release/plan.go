package release

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"os"
	"sort"

	"github.com/polypress/polypress/pipeline/build"
	"github.com/polypress/polypress/pipeline/diag"
	docpkg "github.com/polypress/polypress/pipeline/doc"
	"github.com/polypress/polypress/pipeline/render"
)

// Item is one artifact the release will make.
type Item struct {
	Kind   string
	Target build.Target
	// Sources are the files the artifact is made from, sorted by path.
	Sources []Source
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

// planner turns inputs into items with the digests of their sources,
// reading each source file once however many items share it.
type planner struct {
	env      *build.Env
	localeFS fs.FS
	layout   string // layout name, "briefing"
	digests  map[string]string
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
			targets, warns, err = p.env.Plan(in.Path, build.Config{})
		case KindPack:
			targets, warns, err = planPack(p.env, in.Path)
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
	for _, name := range t.LocaleFiles {
		s, err := p.digestFS(p.localeFS, name, "locales/"+name)
		if err != nil {
			return it, err
		}
		it.Sources = append(it.Sources, s)
	}
	layoutFiles := []string{p.layout + ".toml"}
	if r, err := render.Get(t.Format); err == nil {
		layoutFiles = append(layoutFiles, r.Info().LayoutFiles...)
	}
	for _, name := range layoutFiles {
		s, err := p.digestFS(layoutFS, name, "layouts/"+name)
		if err != nil {
			return it, err
		}
		it.Sources = append(it.Sources, s)
	}
	sort.Slice(it.Sources, func(i, j int) bool { return it.Sources[i].Path < it.Sources[j].Path })
	return it, nil
}
