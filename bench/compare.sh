#!/usr/bin/env bash
# Times the same statement through polypress and its peers, whole process,
# under /usr/bin/time -v, and prints median wall time, median peak memory
# and the ratios to polypress in the same format.
#
#   bench/compare.sh [CLAUSES]      (default 2000; RUNS=5 runs each)
#
# The statement is generated from the sample's clauses (bench/gen) and
# converted for each peer (bench/peers): Typst markup for Typst (typst.ts's
# Node compiler, bench/package.json), HTML for WeasyPrint (run with -p),
# the statement's own Markdown for pandoc (EPUB). This script installs
# nothing: a missing tool is named, with how to install it, and skipped.
set -euo pipefail
cd "$(dirname "$0")/.."

clauses=${1:-2000}
runs=${RUNS:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

missing=()
have() { command -v "$1" >/dev/null 2>&1; }
[ -x /usr/bin/time ] || { echo "compare.sh: /usr/bin/time is missing (apt-get install time)" >&2; exit 1; }
have go || { echo "compare.sh: go is missing" >&2; exit 1; }
typst_ok=0
if have node && [ -d bench/node_modules/@myriaddreamin/typst-ts-node-compiler ]; then
	typst_ok=1
else
	missing+=("Typst: (cd bench && npm ci)  — needs node and npm")
fi
have weasyprint || missing+=("WeasyPrint: apt-get install weasyprint")
have pandoc || missing+=("pandoc: apt-get install pandoc")

echo "Building polypress and a statement of $clauses clauses…"
go build -o "$work/polypress" ./cmd/polypress
go run ./bench/gen -n "$clauses" -o "$work/in" >/dev/null
go run ./bench/peers -o "$work/in" -fonts fonts "$work/in/statement.md"
src="$work/in/statement.md"

# shellcheck source=bench/measure.sh
. bench/measure.sh

results="$work/results"
: >"$results"
pp="$work/polypress"
echo "Timing ($runs runs each)…"
measure polypress-both "$pp" build --formats pdf,epub --locales en --out "$work/out" "$src" >>"$results"
measure polypress-pdf "$pp" build --formats pdf --locales en --out "$work/out" "$src" >>"$results"
measure polypress-epub "$pp" build --formats epub --locales en --out "$work/out" "$src" >>"$results"
if [ $typst_ok = 1 ]; then
	measure typst-pdf node bench/typst.js "$work/in/statement.typ" "$work/out/typst.pdf" fonts >>"$results" || true
fi
if have weasyprint; then
	measure weasyprint-pdf weasyprint -p "$work/in/statement.html" "$work/out/weasyprint.pdf" >>"$results" || true
fi
if have pandoc; then
	measure pandoc-epub pandoc -o "$work/out/pandoc.epub" "$src" >>"$results" || true
fi

echo
echo "$clauses clauses, English, medians of $runs runs on $(nproc) cores:"
awk '
	{ wall[$1] = $2; cpu[$1] = $3; rss[$1] = $4; order[NR] = $1 }
	END {
		printf "%-11s %-9s %9s %8s %10s %11s %13s\n", "tool", "makes", "wall (s)", "cpu (s)", "peak (MB)", "wall ratio", "memory ratio"
		for (i = 1; i <= NR; i++) {
			n = order[i]; split(n, p, "-"); tool = p[1]; fmt = p[2]
			base = (tool == "polypress") ? "" : "polypress-" fmt
			what = (fmt == "both") ? "PDF+EPUB" : toupper(fmt)
			if (base != "" && (base in wall) && wall[base] > 0) {
				tr = sprintf("%.1fx", wall[n] / wall[base]); mr = sprintf("%.1fx", rss[n] / rss[base])
			} else { tr = "-"; mr = "-" }
			printf "%-11s %-9s %9.2f %8.2f %10.0f %11s %13s\n", tool, what, wall[n], cpu[n], rss[n] / 1024, tr, mr
		}
	}' "$results"
echo "(ratios: the peer against polypress making the same format alone)"
if [ ${#missing[@]} -gt 0 ]; then
	echo
	echo "Not measured, missing:"
	printf '  %s\n' "${missing[@]}"
fi
