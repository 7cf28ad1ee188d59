package text

import (
	"fmt"
	"reflect"
	"runtime"
	"strings"
	"testing"
)

// aheadParagraphs are paragraphs of every script, some long enough to
// take a while, as a renderer asks for them.
func aheadParagraphs() []Request {
	texts := []string{
		"Hello (world) 123, AVATAR office affluent: a paragraph of English.",
		"أحاط (OIC) في 2020 لا إله إلا الله",
		"اسلامی تعاون تنظیم (او آئی سی) ۱۹۶۹ میں بنی۔",
		"क्षत्रिय त्रिकोण तर्क किताब हिन्दी",
		"伊斯兰合作组织，成立于1969年。",
	}
	var out []Request
	for i := 0; i < 300; i++ {
		s := texts[i%len(texts)]
		if i%7 == 0 {
			s = strings.Repeat(s+" ", 20)
		}
		p := para(fmt.Sprintf("%d. %s", i, s), i%5 == 1 || i%5 == 2)
		out = append(out, Request{Para: p, Width: float64(60 + i%4*50)})
	}
	return out
}

// TestAheadMatchesLayout: the lines an Ahead hands over are those the
// caller's Shaper gives, on several goroutines, with requests the
// recording did not see in between and one it saw that never comes. The
// paragraphs asked for are equal to the recorded ones, not the same
// values, as when a renderer composes twice: each composition makes its
// own font stacks.
func TestAheadMatchesLayout(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(4))
	lib := library(t)
	ref := NewShaper(lib)
	a := NewShaper(lib).Ahead(aheadParagraphs())
	defer a.Close()
	extra := para("A running head the recording did not see", false)
	for i, r := range aheadParagraphs() {
		if i == 150 {
			continue // asked for by the recording only: the rest is laid out in place
		}
		if i%50 == 0 {
			if got, want := a.Layout(extra, 100), ref.Layout(extra, 100); !reflect.DeepEqual(got, want) {
				t.Fatalf("unexpected request: lines differ")
			}
		}
		if got, want := a.Layout(r.Para, r.Width), ref.Layout(r.Para, r.Width); !reflect.DeepEqual(got, want) {
			t.Fatalf("request %d: lines differ", i)
		}
	}
	// Every request up to the skipped one came from the recording;
	// after it, none can.
	if a.served != 150 {
		t.Errorf("%d requests served as recorded, want 150", a.served)
	}
}

// TestAheadCloseEarly: closing before every request was asked for stops
// the goroutines.
func TestAheadCloseEarly(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(4))
	reqs := aheadParagraphs()
	a := NewShaper(library(t)).Ahead(reqs)
	a.Layout(reqs[0].Para, reqs[0].Width)
	a.Close()
}

// TestRecorder: a recording notes every request and answers as Layout
// would for an empty paragraph.
func TestRecorder(t *testing.T) {
	var r Recorder
	if l := r.Layout(para("x", false), 10); len(l) != 1 {
		t.Errorf("a paragraph: %d lines", len(l))
	}
	if l := r.Layout(Paragraph{}, 10); l != nil {
		t.Errorf("an empty paragraph: %d lines", len(l))
	}
	if len(r.Requests) != 2 || r.Bytes != 1 {
		t.Errorf("recorded %d requests, %d bytes", len(r.Requests), r.Bytes)
	}

	// With Measure, a short text (a clause marker) is laid out for real,
	// and a paragraph is not.
	sh := NewShaper(library(t))
	m := Recorder{Measure: sh}
	marker := para("118.", false)
	if got, want := m.Layout(marker, 300), sh.Layout(marker, 300); !reflect.DeepEqual(got, want) || want[0].Width == 0 {
		t.Errorf("a marker measured %+v, want %+v", got, want)
	}
	long := para(strings.Repeat("A paragraph of words. ", 5), false)
	if l := m.Layout(long, 300); len(l) != 1 || l[0].Width != 0 {
		t.Errorf("a paragraph of %d bytes was laid out: %d lines", len(long.Spans[0].Text), len(l))
	}
	if len(m.Requests) != 2 {
		t.Errorf("recorded %d requests, want 2", len(m.Requests))
	}
}
