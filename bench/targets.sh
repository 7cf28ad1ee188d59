#!/usr/bin/env bash
# Measures polypress against the issue's speed targets, whole process,
# medians of RUNS (5) runs under /usr/bin/time -v:
#   - the whole sample release (every sample, every locale, PDF and EPUB)
#     in at most 0.5 s wall;
#   - a 2,000-clause statement to PDF and EPUB in one locale in at most
#     1.0 s wall and 250 MB peak memory;
#   - 20,000 clauses in at most 12 times the 2,000-clause time and at most
#     400 MB peak memory (pages are written, and leave memory, as they are
#     cut).
# Prints each measurement and whether the target is met.
set -euo pipefail
cd "$(dirname "$0")/.."

runs=${RUNS:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
[ -x /usr/bin/time ] || { echo "targets.sh: /usr/bin/time is missing (apt-get install time)" >&2; exit 1; }

# shellcheck source=bench/measure.sh
. bench/measure.sh

go build -o "$work/polypress" ./cmd/polypress
for n in 2000 20000; do
	go run ./bench/gen -n "$n" -o "$work/bench-$n" >/dev/null
done
pp="$work/polypress"
results="$work/results"
echo "Timing ($runs runs each)…"
{
	measure sample-release "$pp" release --out "$work/release" samples
	measure clauses-2000 "$pp" build --formats pdf,epub --locales en --out "$work/out" "$work/bench-2000"
	measure clauses-20000 "$pp" build --formats pdf,epub --locales en --out "$work/out" "$work/bench-20000"
} >"$results"

echo
echo "polypress $("$pp" version | cut -d' ' -f2), medians of $runs runs on $(nproc) cores:"
awk '
	{ wall[$1] = $2; cpu[$1] = $3; rss[$1] = $4; order[NR] = $1 }
	END {
		printf "%-15s %9s %8s %10s   %s\n", "build", "wall (s)", "cpu (s)", "peak (MB)", "target"
		for (i = 1; i <= NR; i++) {
			n = order[i]
			if (n == "sample-release") {
				t = sprintf("<= 0.5 s wall: %s", wall[n] <= 0.5 ? "met" : "MISSED")
			} else if (n == "clauses-2000") {
				t = sprintf("<= 1.0 s wall, <= 250 MB: %s", (wall[n] <= 1.0 && rss[n] <= 250 * 1024) ? "met" : "MISSED")
			} else {
				r = wall[n] / wall["clauses-2000"]
				t = sprintf("<= 12x the 2,000-clause time, <= 400 MB: %.1fx, %s", r, (r <= 12 && rss[n] <= 400 * 1024) ? "met" : "MISSED")
			}
			printf "%-15s %9.2f %8.2f %10.0f   %s\n", n, wall[n], cpu[n], rss[n] / 1024, t
		}
	}' "$results"
