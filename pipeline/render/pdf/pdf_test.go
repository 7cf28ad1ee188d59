package pdf

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode"

	"github.com/polypress/polypress/fonts"
	"github.com/polypress/polypress/layouts"
	"github.com/polypress/polypress/pipeline/doc"
	"github.com/polypress/polypress/pipeline/internal/validate"
	"github.com/polypress/polypress/pipeline/layout"
	"github.com/polypress/polypress/pipeline/text"
)

var (
	libOnce sync.Once
	lib     *text.Library
)

func testOptions(t testing.TB, name string) Options {
	libOnce.Do(func() {
		lib = text.NewLibrary()
		if err := lib.AddFS(fonts.FS, "fonts"); err != nil {
			panic(err)
		}
	})
	lay, err := layout.Load(layouts.FS, name)
	if err != nil {
		t.Fatal(err)
	}
	return Options{Layout: lay, Shaper: text.NewShaper(lib), Created: time.Date(2020, 6, 22, 0, 0, 0, 0, time.UTC), Creator: "polypress test"}
}

func para(s string) *doc.Paragraph { return &doc.Paragraph{Text: doc.Inline{{Text: s}}} }

// edition builds a small edition by hand, so that these tests do not depend
// on the parser or the locale files.
func edition(rtl bool, clauses []string) *doc.Edition {
	ed := &doc.Edition{
		ID: "test", Locale: "en", Lang: "en", Dir: doc.LTR,
		Title: "A Statement on Testing", KindLabel: "Communiqué", Issuer: "Test Office",
		DateLine: "Geneva, 22 June 2020",
		Labels: doc.Labels{AboutAuthors: "About the author", Draft: "DRAFT",
			PageOf: func(p, n int) string { return fmt.Sprintf("Page %d of %d", p, n) }},
	}
	if rtl {
		ed.Locale, ed.Lang, ed.Dir = "ar", "ar", doc.RTL
		ed.Title, ed.KindLabel, ed.Issuer, ed.DateLine = "بيان بشأن الاختبار", "بيان ختامي", "مكتب الاختبار", "جنيف، ٢٢ يونيو ٢٠٢٠"
		ed.Labels.PageOf = func(p, n int) string { return fmt.Sprintf("الصفحة %d من %d", p, n) }
	}
	list := &doc.ClauseList{LeadIn: para("The meeting:")}
	for i, c := range clauses {
		list.Clauses = append(list.Clauses, &doc.Clause{Depth: 1, Number: i + 1, Label: fmt.Sprintf("%d.", i+1), Body: []doc.Block{para(c)}})
	}
	ed.Body = []doc.Block{para(clauses[0]), list}
	return ed
}

func render(t *testing.T, ed *doc.Edition, opts Options) (string, []byte) {
	t.Helper()
	var buf bytes.Buffer
	if _, err := Render(&buf, ed, opts); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "out.pdf")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path, buf.Bytes()
}

func pdftotext(t *testing.T, path string, args ...string) string {
	t.Helper()
	return validate.PDFText(t, path, args...)
}

func TestRenderIsReproducible(t *testing.T) {
	ed := edition(false, []string{"Took note of the recent developments.", "Affirmed the position of the meeting."})
	_, first := render(t, ed, testOptions(t, "briefing"))
	_, second := render(t, ed, testOptions(t, "briefing"))
	if !bytes.Equal(first, second) {
		t.Error("two renderings of the same edition differ")
	}
}

func TestTextExtractsInOrder(t *testing.T) {
	clauses := []string{"Took note of the recent developments (IOJ&K) since 5 August 2019.", "Affirmed that any so-called political process cannot substitute self-determination."}
	path, _ := render(t, edition(false, clauses), testOptions(t, "briefing"))
	got := strings.Join(strings.Fields(pdftotext(t, path)), " ")
	for _, want := range []string{"A Statement on Testing", "1. " + clauses[0], "2. " + clauses[1], "Page 1 of 1"} {
		if !strings.Contains(got, want) {
			t.Errorf("extracted text lacks %q:\n%s", want, got)
		}
	}
}

func TestLetterPageSize(t *testing.T) {
	if _, err := exec.LookPath("pdfinfo"); err != nil {
		t.Skip("pdfinfo not installed")
	}
	path, _ := render(t, edition(false, []string{"One clause."}), testOptions(t, "letter"))
	out, err := exec.Command("pdfinfo", path).Output()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(out), "612 x 792 pts") {
		t.Errorf("letter layout page size:\n%s", out)
	}
}

func TestDraftMarkOnEveryPage(t *testing.T) {
	ed := edition(false, []string{"One clause."})
	ed.Draft = true
	path, _ := render(t, ed, testOptions(t, "briefing"))
	// The mark is set diagonally; in content order (-raw) it is one word.
	if got := pdftotext(t, path, "-raw"); !strings.Contains(strings.Join(strings.Fields(got), ""), "DRAFT") {
		t.Errorf("draft edition shows no DRAFT mark:\n%s", got)
	}
}

// scriptSamples are justified paragraphs in each script the fonts cover,
// written for these tests, with the things that trip text extraction up:
// marks and shadda, Latin acronyms, digits and brackets inside
// right-to-left text, Nastaliq's raised glyphs, zero-width non-joiners,
// Devanagari conjuncts and reordered vowel signs, and Chinese without
// spaces and with full-width punctuation.
var scriptSamples = []struct {
	lang string
	rtl  bool
	text string
}{
	{"ar", true, "أكّد الاجتماع الوزاريّ مجدّداً دعمه الثابت لشعب جامو وكشمير (IOJ&K) في نضاله المشروع من أجل حقّ تقرير المصير، وفقاً لقرارات مجلس الأمن الدولي الصادرة في 5 أغسطس 2019 و15 يناير 2020، ودعا الأمينَ العامَّ إلى متابعة الوضع عن كثب وتقديم تقرير إلى الدورة ٤٧ لمجلس وزراء الخارجية."},
	{"ur", true, "اجلاس نے جموں و کشمیر کے عوام کی حق خود ارادیت کے لیے جائز جدوجہد کی غیر متزلزل حمایت کا اعادہ کیا اور اقوام متحدہ کی سلامتی کونسل (UNSC) کی متعلقہ قراردادوں کے مطابق اس تنازع کے پرامن حل پر زور دیا۔ اجلاس ۲۲ جون ۲۰۲۰ کو منعقد ہوا۔"},
	{"fa", true, "نشست وزیران بر حمایت قاطع خود از مردم جامو و کشمیر در مبارزهٔ مشروع آنان برای حق تعیین سرنوشت تأکید کرد و خواستار حل مسالمت‌آمیز این مسئله بر اساس قطعنامه‌های شورای امنیت سازمان ملل متحد در سال ۱۹۴۸ شد."},
	{"he", true, "הישיבה חזרה ואישרה את תמיכתה האיתנה בעם של ג׳אמו וקשמיר במאבקו הלגיטימי למען הזכות להגדרה עצמית, בהתאם להחלטות מועצת הביטחון (UNSC) משנת 1948, וקראה לפתרון בדרכי שלום."},
	{"hi", false, "बैठक ने जम्मू और कश्मीर के लोगों के आत्मनिर्णय के अधिकार के लिए उनके वैध संघर्ष के प्रति अपने दृढ़ समर्थन की पुष्टि की और संयुक्त राष्ट्र सुरक्षा परिषद के प्रासंगिक प्रस्तावों के अनुसार विवाद के शांतिपूर्ण समाधान का आह्वान किया।"},
	{"zh", false, "会议重申坚定支持查谟和克什米尔人民争取自决权的正当斗争，并呼吁根据联合国安全理事会的有关决议和平解决这一争端。会议还对二〇一九年八月五日以来当地人权状况的恶化表示深切关注，并请秘书长继续密切关注局势。"},
	{"ru", false, "Совещание вновь подтвердило свою неизменную поддержку народа Джамму и Кашмира в его законной борьбе за право на самоопределение и призвало к мирному урегулированию спора в соответствии с резолюциями Совета Безопасности ООН."},
	{"el", false, "Η σύνοδος επιβεβαίωσε την αταλάντευτη υποστήριξή της προς τον λαό του Τζαμού και Κασμίρ στον νόμιμο αγώνα του για το δικαίωμα αυτοδιάθεσης, σύμφωνα με τα σχετικά ψηφίσματα του Συμβουλίου Ασφαλείας."},
}

// letters keeps the letters, marks and digits of s: what must come back,
// in order, whatever spaces, line ends and bidi controls extraction adds.
func letters(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsMark(r) || unicode.IsDigit(r) {
			return r
		}
		return -1
	}, s)
}

// TestTextExtractsInEveryScript checks copy and paste as a reader does it:
// pdftotext of a justified paragraph in each script gives back every
// letter, mark and digit of the source, in logical order, and with the
// spaces between words where the source has them.
func TestTextExtractsInEveryScript(t *testing.T) {
	for _, tc := range scriptSamples {
		t.Run(tc.lang, func(t *testing.T) {
			ed := edition(tc.rtl, []string{tc.text, tc.text})
			ed.Locale, ed.Lang = tc.lang, tc.lang
			path, _ := render(t, ed, testOptions(t, "briefing"))
			got := stripBidiControls(pdftotext(t, path))
			// The edition has the paragraph three times: as a preamble
			// paragraph and as two clauses.
			if want := letters(tc.text); strings.Count(letters(got), want) != 3 {
				t.Errorf("extracted text does not give back the paragraph:\nwant %s\n got %s", tc.text, got)
			}
			// Every source word comes back whole, unless a line ends in
			// it (Chinese has no spaces; any character may end a line).
			if tc.lang == "zh" {
				return
			}
			extracted := map[string]bool{}
			for _, w := range strings.Fields(got) {
				extracted[letters(w)] = true
			}
			lineEnds := map[string]bool{}
			for _, l := range strings.Split(got, "\n") {
				if f := strings.Fields(l); len(f) > 0 {
					lineEnds[letters(f[len(f)-1])] = true
					lineEnds[letters(f[0])] = true
				}
			}
			for _, w := range strings.Fields(tc.text) {
				if lw := letters(w); lw != "" && !extracted[lw] && !lineEnds[lw] {
					t.Errorf("word %q does not come back whole", w)
				}
			}
		})
	}
}

// stripBidiControls drops the embedding marks poppler adds around
// right-to-left text, and the marks polypress writes to guide it.
func stripBidiControls(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= 0x200e && r <= 0x200f || r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069 {
			return -1
		}
		return r
	}, s)
}
