// Command peers writes one statement as the inputs of the tools
// bench/compare.sh times polypress against: Typst markup (statement.typ)
// and HTML for WeasyPrint (statement.html). pandoc reads the statement's
// Markdown as it is. The text, clause labels, page geometry and fonts are
// the statement's edition in its own language, as polypress sets it with
// the briefing layout (see bench.Peers):
//
//	go run ./bench/peers -o DIR -fonts FONTDIR statement.md
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/polypress/polypress/bench"
)

func main() {
	out := flag.String("o", ".", "folder to write statement.typ and statement.html into")
	fonts := flag.String("fonts", "fonts", "folder of the project's fonts, which the HTML loads by @font-face")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: peers [-o DIR] [-fonts DIR] statement.md")
		os.Exit(2)
	}
	if err := run(flag.Arg(0), *out, *fonts); err != nil {
		fmt.Fprintln(os.Stderr, "peers:", err)
		os.Exit(1)
	}
}

func run(path, out, fonts string) error {
	in, err := bench.PeerFiles(path, fonts)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(out, "statement.typ"), in.Typst, 0o644); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(out, "statement.html"), in.HTML, 0o644)
}
