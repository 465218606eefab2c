#!/usr/bin/env bash
# Build the same generated handbook with the floor program, playbook and
# Hugo (two themes), and compare their wall time, CPU time and peak memory.
#
#   cmd/bench/compare.sh [SIZE...]        sizes in pages; default: 1000 10000
#
# Run it from the repository root. For every size it generates a handbook
# with cmd/bench/gencorpus (generator/corpus plus an _index.md per folder),
# then runs each tool RUNS times on it, taking the tools in turn (floor,
# floor + write, playbook, Hugo minimal, Hugo comparison, floor, ...), each
# build into a fresh output folder, and prints a Markdown table of the
# medians:
#
#   floor            cmd/bench/floor: read, front matter, goldmark and chroma
#                    on every core, nothing written; the least work of any
#                    Markdown site generator
#   floor + write    the same, writing each page's HTML to a folder of its
#                    own (floor -o): the least work of any generator that
#                    publishes the pages
#   playbook         playbook build
#   Hugo minimal     cmd/bench/hugo-theme with params.plain = true: plain
#                    Markdown pages without navigation (as realworld.sh)
#   Hugo comparison  cmd/bench/hugo-theme with its navigation, table of
#                    contents and page furniture: the work playbook does
#
# and the ratios: playbook CPU / floor CPU, playbook wall / Hugo minimal
# wall, playbook peak / Hugo minimal peak (and playbook CPU / floor + write
# CPU, playbook wall / Hugo comparison wall). It records the load average before and after each size.
#
# Environment:
#   RUNS=3               builds per tool and size (the median is reported)
#   PLAYBOOK=/path/to/playbook  measure this binary instead of building
#                        ./cmd/playbook (another version, a release)
#   HUGO=/path/to/hugo   use this Hugo binary
#   HUGO_VERSION=v0.x.y  go install this Hugo version (cached under
#                        ~/.cache/playbook-bench) instead of looking for one
#   BENCH_TMP=DIR        where to put the corpora and outputs (default $TMPDIR
#                        or /tmp); everything is removed at the end
#   KEEP=1               keep the work folder, to look at the outputs
#   HUGO_MAX=20000       build with Hugo only the sizes up to this many pages
#                        (Hugo needs about 4 GB of memory per 10,000 pages);
#                        larger sizes are built with the floor and playbook
#                        alone, for the scaling table
#
# Without HUGO or HUGO_VERSION it uses the hugo on PATH, else installs
# Debian's package (as root), else go installs $HUGO_FALLBACK.
set -euo pipefail

RUNS=${RUNS:-3}
HUGO_MAX=${HUGO_MAX:-20000}
NAME=compare.sh
# shellcheck source=cmd/bench/lib.sh
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

# Hugo is needed only when some size is within HUGO_MAX.
with_hugo=0
for n in "${sizes[@]}"; do
	if [[ $n -le $HUGO_MAX ]]; then with_hugo=1; fi
done
if [[ $with_hugo -eq 1 ]]; then find_hugo; fi

say "building playbook, gencorpus and floor"
build_tools cmd/playbook cmd/bench/gencorpus cmd/bench/floor

# run TOOL N R: one run of TOOL on the corpus of N pages, into a fresh
# folder; adds "wall cpu peakKB" to $work/N-TOOL.times and, on the first
# run, "outputMB htmlFiles" to $work/N-TOOL.size.
run() {
	local tool=$1 n=$2 r=$3 src="$work/corpus-$2" out="$work/out-$1-$2" log="$work/$1-$2.log"
	local -a cmd
	rm -rf "$out"
	case $tool in
	floor) cmd=("$work/floor" "$src/content") ;;
	floor-write) cmd=("$work/floor" -o "$out" "$src/content") ;;
	playbook) cmd=("$work/playbook" build -q -s "$src" -d "$out") ;;
	hugo-min | hugo-cmp)
		local config=hugo.toml
		[[ $tool == hugo-min ]] && config=hugo.toml,hugo-plain.toml
		cmd=("$HUGO" --source "$src" --config "$config" --themesDir "$repo/cmd/bench" --destination "$out"
			--cacheDir "$work/hugo-cache" --quiet)
		;;
	esac
	if ! "$TIME" -f "%e %U %S %M" -o "$work/time" "${cmd[@]}" >"$log" 2>&1; then
		tail -n 30 "$log" >&2
		die "$tool failed on $n pages (run $r): ${cmd[*]}"
	fi
	awk '{ printf "%s %.2f %s\n", $1, $2 + $3, $4 }' "$work/time" >>"$work/$n-$tool.times"
	if [[ $r -eq 1 ]]; then
		if [[ -d $out ]]; then
			echo "$(du -sm "$out" | cut -f1) $(find "$out" -name '*.html' | wc -l)" >"$work/$n-$tool.size"
		else
			echo "- -" >"$work/$n-$tool.size"
		fi
	fi
	rm -rf "$out"
}

# tools N: the tools that run on the corpus of N pages.
tools() {
	if [[ $1 -le $HUGO_MAX ]]; then echo floor floor-write playbook hugo-min hugo-cmp; else echo floor floor-write playbook; fi
}

# label TOOL: the tool's name in the tables.
label() {
	case $1 in
	hugo-min) echo "Hugo minimal" ;;
	hugo-cmp) echo "Hugo comparison" ;;
	floor-write) echo "floor + write" ;;
	*) echo "$1" ;;
	esac
}

declare -A load=()
for n in "${sizes[@]}"; do
	say "$n pages: generating the corpus"
	"$work/gencorpus" -n "$n" -seed 1 "$work/corpus-$n" || die "gencorpus failed for $n pages"
	cp cmd/bench/hugo.toml "$work/corpus-$n/hugo.toml"
	printf '[params]\nplain = true\n' >"$work/corpus-$n/hugo-plain.toml"
	load[$n]="$(cut -d' ' -f1-3 /proc/loadavg)"
	for r in $(seq 1 "$RUNS"); do
		for tool in $(tools "$n"); do
			say "$n pages: $(label "$tool"), run $r of $RUNS"
			run "$tool" "$n" "$r"
		done
	done
	load[$n]="${load[$n]} before, $(cut -d' ' -f1-3 /proc/loadavg) after"
	rm -rf "$work/corpus-$n"
done

cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
mem=$(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
echo
echo "Machine: $(nproc) cores, ${cpu:-unknown CPU}, $mem RAM"
for n in "${sizes[@]}"; do
	echo "Load average (1, 5, 15 min) for $n pages: ${load[$n]}"
done
echo "playbook: $playbook_version"
if [[ $with_hugo -eq 1 ]]; then
	echo "Hugo: $hugo_version ($hugo_via)"
else
	echo "Hugo: not run (every size is over HUGO_MAX=$HUGO_MAX)"
fi
echo "Median of $RUNS runs per tool and size; CPU = user + system seconds; peak = maximum resident set size;"
echo "output = du -sm of the output folder (the floor writes nothing; floor + write, the pages' HTML alone)."
echo
echo "| pages | tool | wall s | CPU s | pages/s | peak MB | output MB | HTML files |"
echo "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |"
ratios=()
declare -A pwall=()
for n in "${sizes[@]}"; do
	declare -A wall=() cpus=() peak=()
	for tool in $(tools "$n"); do
		f="$work/$n-$tool.times"
		wall[$tool]=$(median 1 "$f")
		cpus[$tool]=$(median 2 "$f")
		peak[$tool]=$(median 3 "$f")
		read -r mb html <"$work/$n-$tool.size"
		awk -v n="$n" -v t="$(label "$tool")" -v w="${wall[$tool]}" -v c="${cpus[$tool]}" -v m="${peak[$tool]}" -v mb="$mb" -v h="$html" \
			'BEGIN { printf "| %d | %s | %.2f | %.2f | %.0f | %.0f | %s | %s |\n", n, t, w, c, (w > 0 ? n / w : 0), m / 1024, mb, h }'
	done
	pwall[$n]=${wall[playbook]}
	ratios+=("$(awk -v n="$n" -v pw="${wall[playbook]}" -v pc="${cpus[playbook]}" -v pm="${peak[playbook]}" \
		-v fc="${cpus[floor]}" -v fwc="${cpus[floor-write]}" -v hw="${wall[hugo-min]:-}" -v hm="${peak[hugo-min]:-}" -v cw="${wall[hugo-cmp]:-}" '
		function ratio(a, b) { return b == "" ? "–" : b > 0 ? sprintf("%.2f", a / b) : "–" }
		BEGIN { printf "| %d | %s | %s | %s | %s | %s |\n", n, ratio(pc, fc), ratio(pw, hw), ratio(pm, hm), ratio(pc, fwc), ratio(pw, cw) }')")
	unset wall cpus peak
done
echo
echo "| pages | CPU playbook/floor | wall playbook/Hugo minimal | peak playbook/Hugo minimal | CPU playbook/(floor + write) | wall playbook/Hugo comparison |"
echo "| ---: | ---: | ---: | ---: | ---: | ---: |"
printf '%s\n' "${ratios[@]}"
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
