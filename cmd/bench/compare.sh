#!/usr/bin/env bash
# Build the same generated handbook with playbook and with Hugo and compare
# their wall time, CPU time and peak memory.
#
#   cmd/bench/compare.sh [SIZE...]        sizes in pages; default: 1000 10000
#
# Run it from the repository root. For every size it generates a handbook
# with cmd/bench/gencorpus (generator/corpus plus an _index.md per folder), builds
# it RUNS times with each tool into a fresh output folder, alternating the
# tools, and prints a Markdown table of the medians.
#
# Environment:
#   RUNS=3               builds per tool and size (the median is reported)
#   HUGO=/path/to/hugo   use this Hugo binary
#   HUGO_VERSION=v0.x.y  go install this Hugo version (cached under
#                        ~/.cache/playbook-bench) instead of looking for one
#   BENCH_TMP=DIR        where to put the corpora and outputs (default $TMPDIR
#                        or /tmp); everything is removed at the end
#   KEEP=1               keep the work folder, to look at the outputs
#   HUGO_MAX=20000       build with Hugo only the sizes up to this many pages
#                        (Hugo needs about 4 GB of memory per 10,000 pages);
#                        larger sizes are built with playbook alone, for the
#                        scaling table
#
# Without HUGO or HUGO_VERSION it uses the hugo on PATH, else installs
# Debian's package (as root), else go installs $HUGO_FALLBACK.
set -euo pipefail

RUNS=${RUNS:-3}
HUGO_MAX=${HUGO_MAX:-20000}
NAME=compare.sh
# shellcheck source=bench/lib.sh
. "$(dirname "$0")/lib.sh"

[[ -f go.mod && -d cmd/bench/hugo-theme && -d cmd/playbook ]] ||
	die "run me from the playbook repository root (cmd/bench/compare.sh)"
[[ $RUNS =~ ^[1-9][0-9]*$ ]] || die "RUNS must be a positive number, not '$RUNS'"
[[ $HUGO_MAX =~ ^[0-9]+$ ]] || die "HUGO_MAX must be a number of pages, not '$HUGO_MAX'"
sizes=("$@")
[[ ${#sizes[@]} -gt 0 ]] || sizes=(1000 10000)
for n in "${sizes[@]}"; do
	[[ $n =~ ^[0-9]+$ && $n -ge 2 ]] || die "size '$n' is not a number of pages (at least 2)"
done
command -v go >/dev/null || die "go is not on PATH"
repo=$(pwd)
need_time

make_work playbook-compare

find_hugo

say "building playbook and gencorpus"
go build -o "$work/playbook" ./cmd/playbook || die "go build ./cmd/playbook failed"
go build -o "$work/gencorpus" ./cmd/bench/gencorpus || die "go build ./cmd/bench/gencorpus failed"
commit=$(git describe --always --dirty 2>/dev/null || echo unknown)

# run TOOL N R: one build of the corpus of N pages into a fresh folder; adds
# "wall cpu peakKB" to $work/N-TOOL.times and counts the HTML files once.
run() {
	local tool=$1 n=$2 r=$3 src="$work/corpus-$2" out="$work/out-$1-$2" log="$work/$1-$2.log"
	local -a cmd
	rm -rf "$out"
	case $tool in
	playbook) cmd=("$work/playbook" build -q -s "$src" -d "$out") ;;
	hugo) cmd=("$HUGO" --source "$src" --themesDir "$repo/bench" --destination "$out"
		--cacheDir "$work/hugo-cache" --quiet) ;;
	esac
	if ! "$TIME" -f "%e %U %S %M" -o "$work/time" "${cmd[@]}" >"$log" 2>&1; then
		tail -n 30 "$log" >&2
		die "$tool failed on $n pages (run $r): ${cmd[*]}"
	fi
	awk '{ printf "%s %.2f %s\n", $1, $2 + $3, $4 }' "$work/time" >>"$work/$n-$tool.times"
	if [[ $r -eq 1 ]]; then
		echo "$(find "$out" -name '*.html' | wc -l)" >"$work/$n-$tool.html"
	fi
	rm -rf "$out"
}

# tools N: the tools that build the corpus of N pages.
tools() {
	if [[ $1 -le $HUGO_MAX ]]; then echo playbook hugo; else echo playbook; fi
}

for n in "${sizes[@]}"; do
	say "$n pages: generating the corpus"
	"$work/gencorpus" -n "$n" -seed 1 "$work/corpus-$n" || die "gencorpus failed for $n pages"
	cp cmd/bench/hugo.toml "$work/corpus-$n/hugo.toml"
	for r in $(seq 1 "$RUNS"); do
		for tool in $(tools "$n"); do
			say "$n pages: $tool, run $r of $RUNS"
			run "$tool" "$n" "$r"
		done
	done
	rm -rf "$work/corpus-$n"
done

cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
mem=$(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
echo
echo "Machine: $(nproc) cores, ${cpu:-unknown CPU}, $mem RAM; load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "playbook: $commit, $(go version | cut -d' ' -f3)"
echo "Hugo: $hugo_version ($hugo_via)"
echo "Median of $RUNS runs per tool and size; CPU = user + system seconds; peak = maximum resident set size."
echo
echo "| pages | tool | wall s | CPU s | pages/s | peak MB | HTML files |"
echo "| ---: | --- | ---: | ---: | ---: | ---: | ---: |"
ratios=()
declare -A pwall=()
for n in "${sizes[@]}"; do
	declare -A wall=() cpus=() peak=()
	for tool in $(tools "$n"); do
		f="$work/$n-$tool.times"
		wall[$tool]=$(median 1 "$f")
		cpus[$tool]=$(median 2 "$f")
		peak[$tool]=$(median 3 "$f")
		awk -v n="$n" -v t="$tool" -v w="${wall[$tool]}" -v c="${cpus[$tool]}" -v m="${peak[$tool]}" -v h="$(cat "$work/$n-$tool.html")" \
			'BEGIN { printf "| %d | %s | %.2f | %.2f | %.0f | %.0f | %d |\n", n, t, w, c, (w > 0 ? n / w : 0), m / 1024, h }'
	done
	pwall[$n]=${wall[playbook]}
	[[ -n ${wall[hugo]:-} ]] || continue
	ratios+=("$(awk -v n="$n" -v pw="${wall[playbook]}" -v hw="${wall[hugo]}" -v pc="${cpus[playbook]}" -v hc="${cpus[hugo]}" \
		-v pm="${peak[playbook]}" -v hm="${peak[hugo]}" \
		'BEGIN { printf "| %d | %.2f | %.2f | %.2f |\n", n, pw / hw, pc / hc, pm / hm }')")
done
if [[ ${#ratios[@]} -gt 0 ]]; then
	echo
	echo "| pages | wall playbook/Hugo | CPU playbook/Hugo | peak playbook/Hugo |"
	echo "| ---: | ---: | ---: | ---: |"
	printf '%s\n' "${ratios[@]}"
fi
if [[ ${#sizes[@]} -gt 1 ]]; then
	# How playbook's time grows with the size, against the first size: a
	# linear build takes as many times longer as it has times more pages.
	first=${sizes[0]}
	echo
	echo "| pages | playbook wall s | × pages | × time |"
	echo "| ---: | ---: | ---: | ---: |"
	for n in "${sizes[@]}"; do
		awk -v n="$n" -v f="$first" -v w="${pwall[$n]}" -v fw="${pwall[$first]}" \
			'BEGIN { printf "| %d | %.2f | %.1f | %.2f |\n", n, w, n / f, (fw > 0 ? w / fw : 0) }'
	done
fi
