package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/polypress/polypress/pipeline/doc"
)

const completionUsage = `Usage: polypress completion bash|zsh|fish

Prints a script that completes polypress's commands, flags and their
values in that shell. Load it with:

  bash:  source <(polypress completion bash)    (or save it in
         ~/.local/share/bash-completion/completions/polypress)
  zsh:   source <(polypress completion zsh)     (or save it as _polypress
         in a folder of $fpath)
  fish:  polypress completion fish > ~/.config/fish/completions/polypress.fish
`

// runCompletion is "polypress completion SHELL".
func runCompletion(args []string, stdout, stderr io.Writer) int {
	c := newCommand("completion", completionUsage, stdout, stderr)
	args, code := c.parse(args)
	if code >= 0 {
		return code
	}
	if len(args) != 1 {
		return c.usageError("name one shell: bash, zsh or fish")
	}
	tree := completionTree()
	switch args[0] {
	case "bash":
		writeBash(stdout, tree)
	case "zsh":
		writeZsh(stdout, tree)
	case "fish":
		writeFish(stdout, tree)
	default:
		return c.usageError("unknown shell %q: bash, zsh or fish", args[0])
	}
	return exitOK
}

// cmdSpec is a command (or subcommand) as completion sees it.
type cmdSpec struct {
	name, summary string
	flags         []flagSpec
	subs          []cmdSpec
}

// flagSpec is one flag: whether it takes a value, and what the values are
// ("" for files, "-/" for folders, or words).
type flagSpec struct {
	name, usage string
	value       bool
	values      string
}

// completionTree reads each command's flags from its own help, so that
// completion never lists a flag a command does not have.
func completionTree() []cmdSpec {
	var out []cmdSpec
	for _, c := range commands {
		if c.run == nil {
			out = append(out, cmdSpec{name: c.name, summary: c.summary})
			continue
		}
		spec := cmdSpec{name: c.name, summary: strings.ReplaceAll(c.summary, " (%s)", "")}
		switch c.name {
		case "locales":
			for _, sub := range []struct{ name, summary string }{
				{"status", "what each locale and translation lacks"}, {"check", "the CI gate"},
				{"init", "start a locale file"}, {"export", "a built-in locale file, or XLIFF"},
				{"import", "write XLIFF units back"}, {"stamp", "record that translations are current"},
			} {
				spec.subs = append(spec.subs, cmdSpec{name: sub.name, summary: sub.summary, flags: helpFlags("locales", sub.name)})
			}
		case "release":
			spec.flags = helpFlags("release")
			spec.subs = []cmdSpec{{name: "merge", summary: "merge the shards of a release", flags: helpFlags("release", "merge")}}
		default:
			spec.flags = helpFlags(c.name)
		}
		out = append(out, spec)
	}
	return out
}

// helpFlags runs "polypress ARGS --help" and reads the flags it lists.
func helpFlags(args ...string) []flagSpec {
	var stdout bytes.Buffer
	runCommand(append(args, "--help"), &stdout, io.Discard)
	var out []flagSpec
	sc := bufio.NewScanner(&stdout)
	for sc.Scan() {
		line := sc.Text()
		if !strings.HasPrefix(line, "  -") {
			if len(out) > 0 && strings.HasPrefix(line, "    \t") && out[len(out)-1].usage == "" {
				out[len(out)-1].usage = strings.TrimSpace(line)
			}
			continue
		}
		fields := strings.Fields(strings.TrimPrefix(line, "  -"))
		f := flagSpec{name: fields[0], value: len(fields) > 1}
		if i := strings.Index(line, "\t"); i >= 0 {
			f.usage = strings.TrimSpace(line[i:])
		}
		f.values = flagValues(f.name)
		out = append(out, f)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].name < out[j].name })
	return out
}

// flagValues says what a flag's values are: words, or "" for files and
// "-/" for folders.
func flagValues(name string) string {
	switch name {
	case "formats":
		return strings.Join(formatNames(), " ")
	case "layout":
		return strings.Join(layoutNames(), " ")
	case "kind":
		return strings.Join(doc.Kinds, " ")
	case "diagnostics":
		return diagText + " " + diagGitHub
	case "format":
		return exportTOML + " " + exportXLIFF
	case "out", "locale-dir", "fonts":
		return "-/"
	case "project", "o":
		return ""
	}
	return freeText
}

// freeText marks a flag whose value is neither a file nor one of a set
// (--bleed 3mm, --addr host:port): nothing is offered.
const freeText = "*"

func names(specs []cmdSpec) string {
	var out []string
	for _, s := range specs {
		out = append(out, s.name)
	}
	return strings.Join(out, " ")
}

func flagNames(fs []flagSpec) string {
	var out []string
	for _, f := range fs {
		out = append(out, "--"+f.name)
	}
	return strings.Join(out, " ")
}

// writeBash writes the bash script: commands, subcommands, flags, and the
// values of the flags that have a fixed set.
func writeBash(w io.Writer, tree []cmdSpec) {
	fmt.Fprintf(w, `# bash completion for polypress: source <(polypress completion bash)
_polypress_values() {
	case "$1" in
`)
	seen := map[string]bool{}
	var all []flagSpec
	for _, c := range tree {
		all = append(all, c.flags...)
		for _, s := range c.subs {
			all = append(all, s.flags...)
		}
	}
	for _, f := range all {
		if seen[f.name] || !f.value {
			continue
		}
		seen[f.name] = true
		switch f.values {
		case freeText:
			fmt.Fprintf(w, "\t--%s) COMPREPLY=() ;;\n", f.name)
		case "":
			fmt.Fprintf(w, "\t--%s) COMPREPLY=($(compgen -f -- \"$2\")) ;;\n", f.name)
		case "-/":
			fmt.Fprintf(w, "\t--%s) COMPREPLY=($(compgen -d -- \"$2\")) ;;\n", f.name)
		default:
			fmt.Fprintf(w, "\t--%s) COMPREPLY=($(compgen -W %q -- \"$2\")) ;;\n", f.name, f.values)
		}
	}
	fmt.Fprintf(w, `	*) return 1 ;;
	esac
}

_polypress() {
	local cur="${COMP_WORDS[COMP_CWORD]}" prev="${COMP_WORDS[COMP_CWORD-1]}"
	local cmd="${COMP_WORDS[1]}" sub="${COMP_WORDS[2]}" flags=""
	if [[ $COMP_CWORD -eq 1 ]]; then
		COMPREPLY=($(compgen -W %q -- "$cur"))
		return
	fi
	if [[ "$prev" == --* ]] && _polypress_values "$prev" "$cur"; then
		return
	fi
	case "$cmd" in
`, names(tree))
	for _, c := range tree {
		if len(c.subs) == 0 && len(c.flags) == 0 {
			if c.name == "help" {
				fmt.Fprintf(w, "\thelp) COMPREPLY=($(compgen -W %q -- \"$cur\")); return ;;\n", names(tree))
			}
			continue
		}
		fmt.Fprintf(w, "\t%s)\n", c.name)
		if c.name == "completion" {
			fmt.Fprintf(w, "\t\tCOMPREPLY=($(compgen -W \"bash zsh fish\" -- \"$cur\")); return ;;\n")
			continue
		}
		if len(c.subs) > 0 {
			fmt.Fprintf(w, "\t\tif [[ $COMP_CWORD -eq 2 && \"$cur\" != -* ]]; then\n\t\t\tCOMPREPLY=($(compgen -W %q -- \"$cur\"))\n\t\t\treturn\n\t\tfi\n", names(c.subs))
			fmt.Fprintf(w, "\t\tcase \"$sub\" in\n")
			for _, s := range c.subs {
				fmt.Fprintf(w, "\t\t%s) flags=%q ;;\n", s.name, flagNames(s.flags))
			}
			fmt.Fprintf(w, "\t\t*) flags=%q ;;\n\t\tesac ;;\n", flagNames(c.flags))
			continue
		}
		fmt.Fprintf(w, "\t\tflags=%q ;;\n", flagNames(c.flags))
	}
	fmt.Fprint(w, `	esac
	if [[ "$cur" == -* ]]; then
		COMPREPLY=($(compgen -W "$flags" -- "$cur"))
	else
		COMPREPLY=($(compgen -f -- "$cur"))
	fi
}
complete -o filenames -F _polypress polypress
`)
}

// zshQuote quotes s for a zsh single-quoted word.
func zshQuote(s string) string { return strings.ReplaceAll(s, "'", `'\''`) }

// zshSpec writes one flag as an _arguments spec.
func zshSpec(f flagSpec) string {
	desc := zshQuote(strings.NewReplacer("[", "(", "]", ")", ":", ";").Replace(f.usage))
	if !f.value {
		return fmt.Sprintf("'--%s[%s]'", f.name, desc)
	}
	action := "_files"
	switch {
	case f.values == freeText:
		action = " "
	case f.values == "-/":
		action = "_files -/"
	case f.values != "":
		action = "(" + f.values + ")"
	}
	return fmt.Sprintf("'--%s=[%s]:%s:%s'", f.name, desc, f.name, action)
}

// writeZsh writes a native zsh completion function.
func writeZsh(w io.Writer, tree []cmdSpec) {
	fmt.Fprint(w, "#compdef polypress\n# zsh completion for polypress: source <(polypress completion zsh)\n\n_polypress() {\n\tlocal -a commands\n\tcommands=(\n")
	for _, c := range tree {
		fmt.Fprintf(w, "\t\t'%s:%s'\n", c.name, zshQuote(strings.ReplaceAll(c.summary, " (%s)", "")))
	}
	fmt.Fprint(w, "\t)\n\tif (( CURRENT == 2 )); then\n\t\t_describe 'command' commands\n\t\treturn\n\tfi\n\tcase $words[2] in\n")
	args := func(fs []flagSpec) string {
		var specs []string
		for _, f := range fs {
			specs = append(specs, zshSpec(f))
		}
		specs = append(specs, "'*:path:_files'")
		return strings.Join(specs, " \\\n\t\t\t")
	}
	for _, c := range tree {
		switch {
		case c.name == "help":
			fmt.Fprint(w, "\thelp) _describe 'command' commands ;;\n")
		case c.name == "completion":
			fmt.Fprint(w, "\tcompletion) _values 'shell' bash zsh fish ;;\n")
		case len(c.subs) > 0:
			fmt.Fprintf(w, "\t%s)\n\t\tif (( CURRENT == 3 )); then\n\t\t\tlocal -a subs\n\t\t\tsubs=(", c.name)
			for _, s := range c.subs {
				fmt.Fprintf(w, " '%s:%s'", s.name, zshQuote(s.summary))
			}
			fmt.Fprint(w, " )\n\t\t\t_describe 'subcommand' subs\n\t\t\treturn\n\t\tfi\n\t\tcase $words[3] in\n")
			for _, s := range c.subs {
				fmt.Fprintf(w, "\t\t%s) _arguments \\\n\t\t\t%s ;;\n", s.name, args(s.flags))
			}
			if len(c.flags) > 0 {
				fmt.Fprintf(w, "\t\t*) _arguments \\\n\t\t\t%s ;;\n", args(c.flags))
			}
			fmt.Fprint(w, "\t\tesac ;;\n")
		case len(c.flags) > 0:
			fmt.Fprintf(w, "\t%s) _arguments \\\n\t\t\t%s ;;\n", c.name, args(c.flags))
		}
	}
	fmt.Fprint(w, "\tesac\n}\n\nif [[ $zsh_eval_context[-1] == loadautofunc ]]; then\n\t_polypress \"$@\"\nelse\n\tcompdef _polypress polypress\nfi\n")
}

// fishQuote quotes s for fish.
func fishQuote(s string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, "'", `\'`).Replace(s) + "'"
}

// writeFish writes fish completions.
func writeFish(w io.Writer, tree []cmdSpec) {
	fmt.Fprint(w, "# fish completion for polypress: polypress completion fish > ~/.config/fish/completions/polypress.fish\ncomplete -c polypress -f\n")
	for _, c := range tree {
		fmt.Fprintf(w, "complete -c polypress -n __fish_use_subcommand -a %s -d %s\n", c.name, fishQuote(strings.ReplaceAll(c.summary, " (%s)", "")))
	}
	flag := func(cond string, f flagSpec) {
		line := fmt.Sprintf("complete -c polypress -n %s -l %s", fishQuote(cond), f.name)
		switch {
		case !f.value:
		case f.values == freeText:
			line += " -x"
		case f.values == "" || f.values == "-/":
			line += " -r -F"
		default:
			line += " -x -a " + fishQuote(f.values)
		}
		fmt.Fprintln(w, line+" -d "+fishQuote(f.usage))
	}
	for _, c := range tree {
		cond := "__fish_seen_subcommand_from " + c.name
		switch c.name {
		case "help":
			fmt.Fprintf(w, "complete -c polypress -n %s -a %s\n", fishQuote(cond), fishQuote(names(tree)))
		case "completion":
			fmt.Fprintf(w, "complete -c polypress -n %s -a 'bash zsh fish'\n", fishQuote(cond))
		}
		for _, s := range c.subs {
			fmt.Fprintf(w, "complete -c polypress -n %s -a %s -d %s\n", fishQuote(cond+"; and not __fish_seen_subcommand_from "+names(c.subs)), s.name, fishQuote(s.summary))
			for _, f := range s.flags {
				flag(cond+"; and __fish_seen_subcommand_from "+s.name, f)
			}
		}
		for _, f := range c.flags {
			flag(cond, f)
		}
		if c.name != "help" && c.name != "completion" && c.name != "version" && c.name != "config" {
			fmt.Fprintf(w, "complete -c polypress -n %s -F\n", fishQuote(cond))
		}
	}
}
