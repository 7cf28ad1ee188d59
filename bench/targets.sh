#!/usr/bin/env bash
# Measures polypress against the speed targets of issue 16, whole process,
# and prints each target with met or MISSED, then the ratios to Typst for
# 2,000-clause statements in English, Arabic and Urdu, with the machine's
# load average:
#   - 2,000 clauses, English, PDF: CPU and wall time ≤ 1/3 of Typst's,
#     run alternately with Typst;
#   - 2,000 clauses, PDF + EPUB: ≤ 0.5 s wall and ≤ 250 MB;
#   - the whole sample release ≤ 0.5 s wall, and make sample's build
#     within 20 % of it;
#   - 20,000 clauses ≤ 10 × the 2,000-clause time, and ≤ 400 MB.
#
#   bench/targets.sh [-rounds N]      (RUNS sets the rounds, default 5)
#
# A missed target is reported, not an error: the exit status is 1 only
# when a tool fails. See docs/performance.md and bench/measure.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$(mktemp -d)
trap 'rm -rf "$bin"' EXIT
go build -o "$bin/measure" ./bench/measure
"$bin/measure" targets -rounds "${RUNS:-5}" "$@"
