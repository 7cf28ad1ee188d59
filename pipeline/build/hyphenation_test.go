package build

import (
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/polypress/polypress/pipeline/internal/validate"
)

// lineEndHyphen matches a line of pdftotext's raw output that ends with a
// word cut by a hyphen, and the start of the next line.
var lineEndHyphen = regexp.MustCompile(`(\p{L}+)-\n(\p{Ll}+)`)

// TestSampleHyphenation checks the sample communiqué's English and French
// PDFs as a reader sees them: some lines end with a hyphen the line breaker
// added inside a word (pdftotext -raw shows the halves), and pdftotext's
// reading text gives each such word whole, as the source writes it.
func TestSampleHyphenation(t *testing.T) {
	dir, _ := builtSamples(t)
	for _, loc := range []string{"en", "fr"} {
		pdf := filepath.Join(dir, "oic-contact-group-2020."+loc+".pdf")
		st, err := Load("../../samples/oic-contact-group-2020")
		if err != nil {
			t.Fatal(err)
		}
		body, err := st.Body(loc)
		if err != nil {
			t.Fatal(err)
		}
		src := words(bodyText(body))
		raw := validate.PDFText(t, pdf, "-raw")
		read := words(validate.PDFText(t, pdf))
		cut := 0
		for _, m := range lineEndHyphen.FindAllStringSubmatch(raw, -1) {
			word := strings.ToLower(m[1] + m[2])
			if !slices.Contains(src, word) {
				continue // a hyphen the text itself has ("so-\ncalled")
			}
			cut++
			if !slices.Contains(read, word) {
				t.Errorf("%s: %q is cut at a line end and pdftotext does not give it back whole", loc, m[1]+"-"+m[2])
			}
		}
		if cut == 0 {
			t.Errorf("%s: no line ends with a hyphenated word", loc)
		}
		t.Logf("%s: %d hyphenated line ends", loc, cut)
	}
}
