package localize

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// within fails the test if f runs longer than d, rather than letting a
// template that loops for ever hang the whole test run.
func within(t *testing.T, d time.Duration, f func()) {
	t.Helper()
	done := make(chan struct{})
	go func() {
		defer close(done)
		f()
	}()
	select {
	case <-done:
	case <-time.After(d):
		t.Fatalf("still running after %v", d)
	}
}

// Message texts are held to text and field references at load time, with
// the position of what is refused: {{range 1000000000000}} once hung a
// build that "locales check --strict" had passed, {{range 30000000}} took
// 1.4 GB, and {{call .Page}}, {{template "x"}} and {{.Page.Foo}} silently
// printed English instead (issue 18, finding 3).
func TestTemplateSubset(t *testing.T) {
	const notAllowed = " is not allowed in a message; only fields such as {{.Page}} are"
	tests := []struct {
		text string
		want []string // after `locales/en.toml:14:`
	}{
		{`Page {{range 1000000000000}}{{end}}`, []string{`14:15: message "page_x_of_y" (other): {{range}}` + notAllowed}},
		{`{{range 30000000}}Page {{.Page}} of {{.Total}}{{end}}`, []string{`14:10: message "page_x_of_y" (other): {{range}}` + notAllowed}},
		{`Page {{call .Page}} of {{.Total}}`, []string{`14:15: message "page_x_of_y" (other): {{call .Page}}` + notAllowed}},
		{`Page {{template "x"}} of {{.Total}}`, []string{`14:15: message "page_x_of_y" (other): {{template}}` + notAllowed}},
		{`{{define "x"}}y{{end}}Page {{.Page}} of {{.Total}}`, []string{`14:10: message "page_x_of_y" (other): {{define "x"}} (or {{block}}) is not allowed; write the text itself`}},
		{`{{block "b" .}}y{{end}}Page {{.Page}} of {{.Total}}`, []string{
			`14:10: message "page_x_of_y" (other): {{define "b"}} (or {{block}}) is not allowed; write the text itself`,
			`14:10: message "page_x_of_y" (other): {{template}}` + notAllowed}},
		{`Page {{.Page.Foo}} of {{.Total}}`, []string{`14:15: message "page_x_of_y" (other): {{.Page.Foo}}` + notAllowed}},
		{`Page {{.Foo}} of {{.Total}}`, []string{`14:15: message "page_x_of_y" (other): {{.Foo}} is not a field of this message; its fields are {{.Page}} and {{.Total}}`}},
		{`Page {{.Pgae}} of {{.Total}}`, []string{`14:15: message "page_x_of_y" (other): {{.Pgae}} is not a field of this message; its fields are {{.Page}} and {{.Total}} (did you mean {{.Page}}?)`}},
		{`{{with .Page}}{{.}}{{end}} of {{.Total}}`, []string{`14:10: message "page_x_of_y" (other): {{with}}` + notAllowed}},
		{`{{if .Page}}x{{end}}{{.Page}} of {{.Total}}`, []string{`14:10: message "page_x_of_y" (other): {{if}}` + notAllowed}},
		{`{{.Page | printf "%05s"}} of {{.Total}}`, []string{`14:10: message "page_x_of_y" (other): {{.Page | printf "%05s"}}` + notAllowed}},
		{`{{$p := .Page}}{{$p}} of {{.Total}}`, []string{
			`14:10: message "page_x_of_y" (other): {{$p := .Page}}` + notAllowed,
			`14:25: message "page_x_of_y" (other): {{$p}}` + notAllowed}},
		{`{{.}} {{len .Total}} {{"x"}}`, []string{
			`14:10: message "page_x_of_y" (other): {{.}}` + notAllowed,
			`14:16: message "page_x_of_y" (other): {{len .Total}}` + notAllowed,
			`14:31: message "page_x_of_y" (other): {{"x"}}` + notAllowed}},
		// Escaped quotes before the action: the position is the key's.
		{`"{{.}}`, []string{`14:1: message "page_x_of_y" (other): {{.}}` + notAllowed}},
		{`Page {{.Page}} of {{.Total}} {{/* a comment */}}`, nil},
		{`Page {{- .Page -}} of {{ .Total }}`, nil},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			src := minimalEN + "\n[page_x_of_y]\nother = \"" + strings.ReplaceAll(tt.text, `"`, `\"`) + "\"\n"
			var err error
			within(t, 5*time.Second, func() { _, err = Load(mapFS(map[string]string{"en.toml": src}), ".") })
			var got []string
			if err != nil {
				for _, line := range strings.Split(err.Error(), "\n") {
					got = append(got, strings.TrimPrefix(line, "locales/en.toml:"))
				}
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("Load:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

// A message with no fields may use none; a message no layout prints may
// use any field, but nothing else.
func TestTemplateFieldsPerMessage(t *testing.T) {
	src := minimalEN + "\n[draft]\nother = \"DRAFT {{.Page}}\"\n\n[contnets]\nother = \"{{.Whatever}} {{range .X}}{{end}}\"\n"
	_, err := Load(mapFS(map[string]string{"en.toml": src}), ".")
	want := `locales/en.toml:14:16: message "draft" (other): {{.Page}} is not a field of this message; it has no fields
locales/en.toml:17:24: message "contnets" (other): {{range}} is not allowed in a message; only fields such as {{.Page}} are`
	if err == nil || err.Error() != want {
		t.Errorf("Load: %v\nwant:\n%s", err, want)
	}
}

// Locale files are read only if they are regular files of a sane size,
// and LoadDir names the folder it was given, not "locales" (issue 18,
// findings 4 and 8).
func TestLoadDirRefusesSpecialFilesAndNamesItsFolder(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "my-locales")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "en.toml"), []byte(minimalEN), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join(dir, "fr.toml"), 0o644); err != nil {
		t.Fatal(err)
	}
	outside := filepath.Join(t.TempDir(), "de.toml")
	os.WriteFile(outside, []byte(minimalEN), 0o644)
	if err := os.Symlink(outside, filepath.Join(dir, "de.toml")); err != nil {
		t.Fatal(err)
	}
	big := filepath.Join(dir, "es.toml")
	os.WriteFile(big, nil, 0o644)
	os.Truncate(big, MaxFileBytes+1)
	var err error
	within(t, 5*time.Second, func() { _, err = LoadDir(dir) })
	display := filepath.ToSlash(dir)
	for _, want := range []string{
		display + "/fr.toml: cannot read locale file: it is a FIFO (named pipe), not a regular file",
		display + "/de.toml: cannot read locale file: it is a symbolic link that leads out of its folder",
		display + "/es.toml: cannot read locale file: it is 1048577 bytes, more than the 1 MiB allowed",
	} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("LoadDir: %v\nwant a line %q", err, want)
		}
	}
	if err != nil && strings.Contains("\n"+err.Error(), "\nlocales/") {
		t.Errorf("LoadDir named the built-in folder: %v", err)
	}
}

// A message printed without a field it needs is a failure that Localize
// reports, not "<no value>" in the edition or another locale's text.
func TestPrintingFailureIsAnError(t *testing.T) {
	c := catalog(t, map[string]string{"en.toml": shippedFile(t, "en.toml"), "fr.toml": shippedFile(t, "fr.toml")})
	p, err := c.Printer("fr", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := p.Text("page_x_of_y", map[string]string{"Page": "1", "Total": "2"}); got != "Page 1 sur 2" || p.Err() != nil {
		t.Fatalf("page_x_of_y = %q, %v", got, p.Err())
	}
	got := p.Text("page_x_of_y", map[string]string{"Page": "1"})
	if got != "page_x_of_y" || p.Err() == nil ||
		!strings.Contains(p.Err().Error(), `locales/fr.toml:`) || !strings.Contains(p.Err().Error(), `message "page_x_of_y" was printed without its field {{.Total}}`) {
		t.Errorf("printed %q, error %v", got, p.Err())
	}
}
