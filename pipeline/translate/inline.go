package translate

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/polypress/polypress/pipeline/doc"
	"github.com/polypress/polypress/pipeline/source"
)

// run is a stretch of text in one style: rich text in the form translate
// compares, records and writes. Runs are normalized: white space folded
// to one space, none at either end, neighbours in the same style merged.
type run struct {
	Text  string
	Style doc.Style
	Link  string
	// Note is the label of a footnote reference ("[^1]"), a run of its
	// own with no text.
	Note string
}

// isFold reports whether r is white space that Markdown reflows: spaces,
// tabs and line breaks. A no-break space is text (French puts one before
// a colon) and is kept.
func isFold(r rune) bool { return r == ' ' || r == '\t' || r == '\n' || r == '\r' }

// foldSpace folds runs of reflowable white space into one space and trims
// both ends.
func foldSpace(s string) string {
	return strings.Join(strings.FieldsFunc(s, isFold), " ")
}

// normalize turns spans into runs.
func normalize(in doc.Inline) []run {
	var out []run
	pendingSpace := false
	var spaceStyle doc.Style
	var spaceLink string
	emit := func(text string, style doc.Style, link string) {
		if n := len(out); n > 0 && out[n-1].Note == "" && out[n-1].Style == style && out[n-1].Link == link {
			out[n-1].Text += text
			return
		}
		out = append(out, run{Text: text, Style: style, Link: link})
	}
	for _, s := range in {
		if s.Note != nil {
			if pendingSpace {
				emit(" ", spaceStyle, spaceLink)
				pendingSpace = false
			}
			out = append(out, run{Note: s.Note.Label})
			continue
		}
		text := s.Text
		for text != "" {
			r, size := utf8.DecodeRuneInString(text)
			text = text[size:]
			if isFold(r) && s.Style&doc.Code == 0 || isFold(r) && r != ' ' {
				if len(out) > 0 && !pendingSpace {
					pendingSpace, spaceStyle, spaceLink = true, s.Style, s.Link
				}
				continue
			}
			if pendingSpace {
				// A space between two styles belongs to the outer
				// one: "*a* b" is a plain space.
				st, ln := spaceStyle&s.Style, spaceLink
				if spaceLink != s.Link {
					ln = ""
				}
				emit(" ", st, ln)
				pendingSpace = false
			}
			emit(string(r), s.Style, s.Link)
		}
	}
	return out
}

// plainText is the text of runs without styles.
func plainText(rs []run) string {
	var b strings.Builder
	for _, r := range rs {
		b.WriteString(r.Text)
		if r.Note != "" {
			b.WriteString("[^" + r.Note + "]")
		}
	}
	return b.String()
}

// equalRuns reports whether two normalized texts are the same, styles and
// links included.
func equalRuns(a, b []run) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// markdown writes runs as Markdown that reads back as the same runs, on
// one line: *emphasis*, **strong**, `code`, [text](https://…), with the
// characters Markdown would take as markup escaped. Statements are
// reflowed for every page, so one line per paragraph loses nothing.
func markdown(rs []run) string {
	var b strings.Builder
	for i := 0; i < len(rs); {
		if rs[i].Note != "" {
			b.WriteString("[^" + rs[i].Note + "]")
			i++
			continue
		}
		j := i
		for j < len(rs) && rs[j].Link == rs[i].Link && rs[j].Note == "" {
			j++
		}
		if rs[i].Link != "" {
			b.WriteByte('[')
			styled(&b, rs[i:j], b.Len() == 0)
			b.WriteString("](")
			b.WriteString(linkDest(rs[i].Link))
			b.WriteByte(')')
		} else {
			styled(&b, rs[i:j], b.Len() == 0)
		}
		i = j
	}
	return b.String()
}

// linkDest writes a link destination, in angle brackets when it holds
// characters a bare destination cannot.
func linkDest(u string) string {
	if strings.ContainsAny(u, " ()<>") {
		return "<" + strings.NewReplacer("<", "%3C", ">", "%3E").Replace(u) + ">"
	}
	return u
}

// styled writes runs that share a link, opening and closing emphasis
// delimiters so that they nest: strong outside, emphasis inside. Spaces at
// the edges of a styled run are moved outside its delimiters, where
// CommonMark's flanking rules want them.
func styled(b *strings.Builder, rs []run, lineStart bool) {
	var split []run
	for _, r := range rs {
		if r.Style&(doc.Emphasis|doc.Strong) == 0 || r.Style&doc.Code != 0 {
			split = append(split, r)
			continue
		}
		t := strings.TrimLeft(r.Text, " ")
		if lead := len(r.Text) - len(t); lead > 0 {
			split = append(split, run{Text: r.Text[:lead], Style: 0, Link: r.Link})
		}
		core := strings.TrimRight(t, " ")
		if core != "" {
			split = append(split, run{Text: core, Style: r.Style, Link: r.Link})
		}
		if trail := len(t) - len(core); trail > 0 {
			split = append(split, run{Text: t[len(core):], Style: 0, Link: r.Link})
		}
	}
	var open []doc.Style // delimiters open, outermost first
	has := func(s doc.Style) bool {
		for _, o := range open {
			if o == s {
				return true
			}
		}
		return false
	}
	delim := func(s doc.Style) string {
		if s == doc.Strong {
			return "**"
		}
		return "*"
	}
	for _, r := range split {
		want := []doc.Style{}
		for _, s := range []doc.Style{doc.Strong, doc.Emphasis} {
			if r.Style&s != 0 {
				want = append(want, s)
			}
		}
		// Close from the innermost until what stays open is a prefix of
		// what is wanted.
		keep := 0
		for keep < len(open) && keep < len(want) && open[keep] == want[keep] {
			keep++
		}
		for len(open) > keep {
			b.WriteString(delim(open[len(open)-1]))
			open = open[:len(open)-1]
		}
		for _, s := range want[keep:] {
			if !has(s) {
				b.WriteString(delim(s))
				open = append(open, s)
			}
		}
		if r.Style&doc.Code != 0 {
			b.WriteString(codeSpan(r.Text))
		} else {
			b.WriteString(escape(r.Text, lineStart && b.Len() == 0))
		}
	}
	for len(open) > 0 {
		b.WriteString(delim(open[len(open)-1]))
		open = open[:len(open)-1]
	}
}

// codeSpan writes text as a code span, fenced with more backticks than it
// holds in a row.
func codeSpan(text string) string {
	longest, n := 0, 0
	for _, r := range text {
		if r == '`' {
			n++
			longest = max(longest, n)
		} else {
			n = 0
		}
	}
	fence := strings.Repeat("`", longest+1)
	if strings.HasPrefix(text, "`") || strings.HasSuffix(text, "`") || (strings.HasPrefix(text, " ") && strings.HasSuffix(text, " ") && strings.Trim(text, " ") != "") {
		text = " " + text + " "
	}
	return fence + text + fence
}

var (
	// entityLike matches what Markdown would read as an entity or a
	// character reference after "&".
	entityLike = regexp.MustCompile(`^&(?:[A-Za-z][A-Za-z0-9]*|#[0-9]+|#[xX][0-9A-Fa-f]+);`)
	// blockStart matches the start of a line that Markdown would read as
	// a heading, a quote, a list item or a thematic break.
	blockStart = regexp.MustCompile(`^(?:#{1,6}(?:[ \t]|$)|>|[-+*][ \t]|[-+*]$|[0-9]{1,9}[.)](?:[ \t]|$)|={1,}[ \t]*$|-{3,}[ \t]*$|_{3,}[ \t]*$|\*{3,}[ \t]*$)`)
)

// escape escapes the characters of text that Markdown would read as
// markup. atLineStart is set for the first text of a paragraph, where
// "# " or "1. " would start a block.
func escape(text string, atLineStart bool) string {
	var b strings.Builder
	if atLineStart {
		if m := blockStart.FindString(text); m != "" {
			// Escape the character that makes the block: the
			// marker's last punctuation.
			i := strings.IndexAny(m, "#>-+*.)=_")
			if m[0] >= '0' && m[0] <= '9' {
				i = strings.IndexAny(m, ".)")
			}
			b.WriteString(text[:i])
			b.WriteByte('\\')
			text = text[i:]
			b.WriteByte(text[0])
			text = text[1:]
		}
	}
	for i := 0; i < len(text); i++ {
		c := text[i]
		switch c {
		case '\\', '`', '*', '_', '[', ']':
			b.WriteByte('\\')
		case '<':
			if i+1 < len(text) && (isASCIILetter(text[i+1]) || strings.IndexByte("/!?", text[i+1]) >= 0) {
				b.WriteByte('\\')
			}
		case '&':
			if entityLike.MatchString(text[i:]) {
				b.WriteByte('\\')
			}
		case '!':
			if i+1 < len(text) && text[i+1] == '[' {
				b.WriteByte('\\')
			}
		}
		b.WriteByte(c)
	}
	return b.String()
}

func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// readMarkdown reads one paragraph of Markdown as a statement's body
// reads it.
func readMarkdown(md string) ([]run, error) {
	in, err := source.ParseInline(md)
	if err != nil {
		return nil, err
	}
	return normalize(in), nil
}

// writeMarkdown writes runs as Markdown and checks that it reads back as
// the same runs: some styles cannot be written everywhere (CommonMark's
// delimiters must flank words, so "**" between a backtick and a letter
// closes nothing).
func writeMarkdown(rs []run) (string, error) {
	md := markdown(rs)
	got, err := readMarkdown(md)
	if err != nil {
		return "", err
	}
	if !equalRuns(got, rs) {
		return "", fmt.Errorf("Markdown cannot hold these styles here (it would read %q as %q); put a space or a word between a styled stretch and the punctuation beside it", markdownPreview(rs), plainText(got))
	}
	return md, nil
}

// markdownPreview shows runs for a message: their text with styles
// marked.
func markdownPreview(rs []run) string { return markdown(rs) }
