package validate

import (
	"strings"
	"testing"
)

const bboxSample = `<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd"><html xmlns="http://www.w3.org/1999/xhtml">
<head><title>t &amp; u</title></head>
<body>
<doc>
  <page width="600.000000" height="800.000000">
    <flow>
      <block xMin="100" yMin="100" xMax="500" yMax="130">
        <line xMin="100" yMin="100" xMax="500" yMax="112">
          <word xMin="100" yMin="100" xMax="200" yMax="112">one</word>
          <word xMin="203" yMin="100" xMax="300" yMax="112">two</word>
          <word xMin="303" yMin="100" xMax="500" yMax="112">three</word>
        </line>
        <line xMin="100" yMin="114" xMax="500" yMax="126">
          <word xMin="100" yMin="114" xMax="150" yMax="126">wide</word>
          <word xMin="160" yMin="114" xMax="300" yMax="126">A&amp;B</word>
          <word xMin="310" yMin="114" xMax="500" yMax="126">gaps</word>
        </line>
        <line xMin="100" yMin="128" xMax="300" yMax="140">
          <word xMin="100" yMin="128" xMax="150" yMax="140">the</word>
          <word xMin="153" yMin="128" xMax="200" yMax="140">last</word>
          <word xMin="203" yMin="128" xMax="300" yMax="140">line</word>
        </line>
      </block>
    </flow>
  </page>
</doc>
</body>
</html>`

func TestParseBBoxLayout(t *testing.T) {
	pages, err := parseBBoxLayout([]byte(bboxSample))
	if err != nil {
		t.Fatal(err)
	}
	if len(pages) != 1 || pages[0].Width != 600 || pages[0].Height != 800 || len(pages[0].Blocks) != 1 || len(pages[0].Blocks[0]) != 3 {
		t.Fatalf("pages %+v", pages)
	}
	l := pages[0].Blocks[0][1]
	if l.Text() != "wide A&B gaps" || l.XMin != 100 || l.YMax != 126 {
		t.Errorf("line %+v %q", l.Box, l.Text())
	}
	j := MeasureJustification(pages, 500)
	// Gaps 3, 3, 10, 10, 3, 3: the median is 3; the second line's mean
	// of 10 is loose, the last line is not justified.
	if j.Normal != 3 || len(j.Lines) != 2 || len(j.Loose) != 1 || !strings.Contains(j.Loose[0], "wide A&B gaps") {
		t.Errorf("%+v", j)
	}
	if _, err := parseBBoxLayout([]byte(`<doc><page width="x" height="1"></page></doc>`)); err == nil {
		t.Error("a page without a numeric width was read")
	}
}
