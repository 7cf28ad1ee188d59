package text

import (
	"testing"
)

// lineStart is where the line's first glyph run starts.
func lineStart(l Line) float64 {
	if len(l.Runs) == 0 {
		return 0
	}
	return l.Runs[0].X
}

// TestRaggedLinesStayInsideTheMeasure: a line set flush to one side or
// centred (a title, a running head) is never wider than the measure, in
// either direction. A justified line may be chosen a little over the
// measure, because its spaces shrink; a ragged line's do not, so such a
// line would stick out past the margin.
func TestRaggedLinesStayInsideTheMeasure(t *testing.T) {
	sh := NewShaper(library(t))
	texts := []struct {
		s   string
		rtl bool
	}{
		{english, false},
		{"Déclaration commune sur la sécurité de l’eau et l’accès humanitaire dans le bassin supérieur du Tessal", false},
		{"Ministry of Water Resources of the Republic of Karavia and Ministry of Foreign Affairs of the Republic of Velmora", false},
		{"رابطہ گروپ برائے جموں و کشمیر کا ہنگامی ورچوئل اجلاس، جموں و کشمیر تنازع کے پرامن حل کے لیے عزم کی تجدید", true},
		{"ملف إحاطة منظمة التعاون الإسلامي، يونيو 2020 · مجموعة الاتصال التابعة لمنظمة التعاون الإسلامي تجدد التزامها", true},
	}
	for _, tc := range texts {
		for _, align := range []Align{Start, End, Center} {
			for width := 120.0; width <= 480; width += 7 {
				p := para(tc.s, tc.rtl)
				p.Align = align
				for i, l := range sh.Layout(p, width) {
					if s, e := lineStart(l), lineEnd(l); s < -0.01 || e > width+0.01 {
						t.Errorf("%.20q align %d width %v line %d spans %.2f..%.2f, outside 0..%v", tc.s, align, width, i, s, e, width)
					}
				}
			}
		}
	}
}
