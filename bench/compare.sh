#!/usr/bin/env bash
# Times polypress against Typst (typst.ts's Node compiler, with the
# project's fonts), WeasyPrint and pandoc on the same generated statement,
# in English, Arabic and Urdu: each pair of commands alternately, A B A B …,
# reporting per peer the median of the per-round ratios of CPU time and of
# wall time, the medians of each, and the machine's load average.
#
#   bench/compare.sh [-n CLAUSES] [-rounds N] [-langs en,ar,ur] [-peers typst,weasyprint,pandoc]
#
# RUNS sets the rounds (default 5) when -rounds is not given. Peers are
# installed with `(cd bench && npm ci)` and `apt-get install weasyprint
# pandoc`; a missing one is named and skipped. Exits 1 when a tool fails.
# See docs/performance.md and bench/measure.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$(mktemp -d)
trap 'rm -rf "$bin"' EXIT
go build -o "$bin/measure" ./bench/measure
"$bin/measure" compare -rounds "${RUNS:-5}" "$@"
