# Sourced by bench/compare.sh and bench/targets.sh.
#
# measure NAME CMD...: runs CMD $runs times under /usr/bin/time -v, each
# time in an empty $work/out, and prints "NAME wall cpu rss_kb": the
# medians of wall-clock seconds, CPU seconds (user + system) and peak
# resident memory. CPU time is printed because other work on a shared
# machine stretches wall time but not CPU time.
measure() {
	local name=$1
	shift
	local walls=() cpus=() rsss=()
	for ((i = 0; i < runs; i++)); do
		rm -rf "$work/out" && mkdir -p "$work/out"
		if ! /usr/bin/time -v -o "$work/time" "$@" >"$work/log" 2>&1; then
			echo "$name failed:" >&2
			tail -5 "$work/log" >&2
			return 1
		fi
		# Elapsed time comes as [h:]m:ss.cc.
		walls+=("$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, p, ":"); s = 0; for (k = 1; k <= n; k++) s = s * 60 + p[k]; print s}' "$work/time")")
		cpus+=("$(awk -F': ' '/User time/ {u = $2} /System time/ {s = $2} END {print u + s}' "$work/time")")
		rsss+=("$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time")")
	done
	echo "$name $(median "${walls[@]}") $(median "${cpus[@]}") $(median "${rsss[@]}")"
}

median() {
	printf '%s\n' "$@" | sort -g | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'
}
