package build

import (
	"archive/zip"
	"encoding/xml"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"testing"

	"github.com/polypress/polypress/pipeline/doc"
	"github.com/polypress/polypress/pipeline/internal/validate"
)

// navEntries reads the entries of an EPUB's table of contents (nav.xhtml),
// as "depth text" lines in reading order.
func navEntries(t *testing.T, path string) []string {
	z, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer z.Close()
	for _, f := range z.File {
		if !strings.HasSuffix(f.Name, "nav.xhtml") {
			continue
		}
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		defer r.Close()
		dec := xml.NewDecoder(r)
		var out []string
		depth, inTOC, inA := 0, false, false
		var text strings.Builder
		for {
			tok, err := dec.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatal(err)
			}
			switch e := tok.(type) {
			case xml.StartElement:
				switch e.Name.Local {
				case "nav":
					for _, a := range e.Attr {
						inTOC = inTOC || a.Name.Local == "type" && a.Value == "toc"
					}
				case "ol":
					depth++
				case "a":
					inA = inTOC
					text.Reset()
				}
			case xml.CharData:
				if inA {
					text.Write(e)
				}
			case xml.EndElement:
				switch e.Name.Local {
				case "nav":
					inTOC = false
				case "ol":
					depth--
				case "a":
					if inA {
						out = append(out, fmt.Sprintf("%d %s", depth, strings.TrimSpace(text.String())))
					}
					inA = false
				}
			}
		}
		return out
	}
	t.Fatalf("%s has no nav.xhtml", path)
	return nil
}

// TestSampleOutlineAndNav: the PDF outline and the EPUB table of contents
// of the sample communiqué list its operative clauses, each by its number
// and first words, under the statement's title, and never a lead-in ("The
// Ministerial meeting:"), which introduces clauses and is no part of the
// document's structure. A reader sees the title's entries, the clauses'
// below them closed.
func TestSampleOutlineAndNav(t *testing.T) {
	_, res := builtSamples(t)
	st, err := Load("../../samples/oic-contact-group-2020")
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range res.Artifacts {
		if !strings.HasPrefix(filepath.Base(a.Path), "oic-contact-group-2020.") || a.Format == "html" {
			continue
		}
		body, err := st.Body(a.Locale)
		if err != nil {
			t.Fatal(err)
		}
		var leadIns []string
		clauses := 0
		for _, b := range body.Body {
			if cl, ok := b.(*doc.ClauseList); ok {
				clauses += len(cl.Clauses)
				if cl.LeadIn != nil {
					leadIns = append(leadIns, strings.TrimRight(strings.TrimSpace(cl.LeadIn.Text.Plain()), ":："))
				}
			}
		}
		if clauses != 24 || len(leadIns) != 2 {
			t.Fatalf("%s: %d clauses, %d lead-ins in the source", a.Locale, clauses, len(leadIns))
		}
		var entries []string // the entries under the title
		switch a.Format {
		case "pdf":
			outline := validate.PDFOutline(t, a.Path)
			if len(outline) != 1 || !outline[0].Open {
				t.Fatalf("%s: outline %+v: want one open entry, the title", a.Path, outline)
			}
			for _, k := range outline[0].Kids {
				entries = append(entries, k.Title)
			}
		case "epub":
			for _, e := range navEntries(t, a.Path) {
				if strings.HasPrefix(e, "2 ") {
					entries = append(entries, strings.TrimPrefix(e, "2 "))
				}
			}
		}
		// The 24 clauses, then the authors' biographies.
		if len(entries) != clauses+1 {
			t.Errorf("%s: %d entries under the title, want %d clauses and the authors: %q", filepath.Base(a.Path), len(entries), clauses, entries)
			continue
		}
		for i, e := range entries[:clauses] {
			if n := fmt.Sprint(i + 1); !strings.HasPrefix(e, n+".") && !strings.HasPrefix(e, n+" -") && !strings.HasPrefix(e, n+"۔") {
				t.Errorf("%s: entry %d is %q, not clause %s", filepath.Base(a.Path), i+1, e, n)
			}
			for _, l := range leadIns {
				if strings.Contains(e, l) {
					t.Errorf("%s: entry %q is the lead-in %q", filepath.Base(a.Path), e, l)
				}
			}
		}
	}
}
