#!/usr/bin/env bash
# Build real handbooks (checkouts of public repositories of Markdown) with
# playbook and with Hugo, and compare wall time, CPU time, peak memory and
# output size with theirs and with the floor program's.
#
#   cmd/bench/realworld.sh DIR...
#
# Run it from the repository root. Each DIR is a checkout of a handbook; it
# is copied (without .git) into a work folder and never changed. The pages
# are DIR/help when that folder exists (the Experience League layout: built
# with contentDir = "help" and navigation = "toc"), else DIR itself. playbook
# builds with broken links and anchors as warnings, as a team migrating a
# handbook would ([checks] in playbook.toml), and the script counts them;
# Hugo builds the same pages with cmd/bench/hugo.toml and the minimal theme in
# cmd/bench/hugo-theme without its navigation (params.plain): Hugo rendering
# plain Markdown, which playbook, with its navigation, search index and
# checks, is measured against. cmd/bench/floor runs on the same pages: it
# reads, parses and renders them with goldmark and chroma and writes
# nothing, the least work of any Markdown site generator.
#
# Environment: RUNS (builds per tool, default 3, median reported), PLAYBOOK,
# HUGO, HUGO_VERSION, BENCH_TMP and KEEP as for cmd/bench/compare.sh.
set -euo pipefail

RUNS=${RUNS:-3}
NAME=realworld.sh
# shellcheck source=cmd/bench/lib.sh
. "$(dirname "$0")/lib.sh"

[[ -f go.mod && -d cmd/bench/hugo-theme && -d cmd/playbook ]] ||
	die "run me from the playbook repository root (cmd/bench/realworld.sh DIR...)"
[[ $# -gt 0 ]] || die "name at least one handbook folder"
[[ $RUNS =~ ^[1-9][0-9]*$ ]] || die "RUNS must be a positive number, not '$RUNS'"
for d in "$@"; do [[ -d $d ]] || die "$d is not a folder"; done
repo=$(pwd)
need_time

make_work playbook-realworld

find_hugo
say "building playbook and floor"
build_tools cmd/playbook cmd/bench/floor

# prepare NAME DIR: the playbook site in $work/NAME/site, and the Hugo site
# in $work/NAME/hugo with its own copy of the pages, in which each folder's
# index.md or README.md is renamed _index.md (what a team moving to Hugo
# does: Hugo takes a folder with index.md for a leaf bundle and leaves the
# pages under it out).
prepare() {
	local name=$1 dir=$2 site="$work/$1/site" hugo="$work/$1/hugo" sub=content
	mkdir -p "$site" "$hugo/content"
	if [[ -d $dir/help ]]; then
		sub=help
		(cd "$dir" && tar --exclude=.git -cf - .) | (cd "$site" && tar -xf -)
		printf 'contentDir = "help"\nnavigation = "toc"\n' >"$site/playbook.toml"
	else
		mkdir -p "$site/content"
		(cd "$dir" && tar --exclude=.git -cf - .) | (cd "$site/content" && tar -xf -)
		: >"$site/playbook.toml"
	fi
	printf 'title = "%s"\n\n[checks]\nbroken-link = "warning"\nmissing-anchor = "warning"\n' "$name" >>"$site/playbook.toml"
	echo "$site/$sub" >"$work/$name/pages"
	(cd "$site/$sub" && tar -cf - .) | (cd "$hugo/content" && tar -xf -)
	find "$hugo/content" -type f -name index.md | while read -r f; do
		if [[ -e $(dirname "$f")/_index.md ]]; then
			mv "$f" "$(dirname "$f")/index-page.md"
		else
			mv "$f" "$(dirname "$f")/_index.md"
		fi
	done
	find "$hugo/content" -type f -name README.md | while read -r f; do
		[[ -e $(dirname "$f")/_index.md ]] || mv "$f" "$(dirname "$f")/_index.md"
	done
	# Hugo refuses a page that calls a shortcode it has no template for (a
	# handbook written for Hugo carries its own in its theme): each one
	# the pages call gets an empty template, or one that shows what it
	# wraps when the pages close it, so Hugo does a little less than the
	# handbook's own would.
	mkdir -p "$hugo/layouts/shortcodes"
	{ grep -rhoE '\{\{[<%][[:space:]]*[A-Za-z0-9_-][A-Za-z0-9_/-]*' "$hugo/content" || true; } |
		sed -E 's/^\{\{[<%][[:space:]]*//' | sort -u | while read -r sc; do
		mkdir -p "$(dirname "$hugo/layouts/shortcodes/$sc")"
		: >"$hugo/layouts/shortcodes/$sc.html"
	done
	{ grep -rhoE '\{\{[<%][[:space:]]*/[A-Za-z0-9_-][A-Za-z0-9_/-]*' "$hugo/content" || true; } |
		sed -E 's/^\{\{[<%][[:space:]]*\///' | sort -u | while read -r sc; do
		printf '{{ .Inner }}' >"$hugo/layouts/shortcodes/$sc.html"
	done
	{
		sed -e "s|^title = .*|title = \"$name\"|" cmd/bench/hugo.toml
		printf '\n[params]\nbrokenLinks = "warning"\nplain = true\n'
	} >"$hugo/hugo.toml"
}

# run TOOL NAME R: one build into a fresh folder; adds "wall cpu peakKB" to
# $work/NAME-TOOL.times, and on the first run records the output's size and
# HTML files, and playbook's warnings.
run() {
	local tool=$1 name=$2 r=$3 out="$work/$2/out-$1" log="$work/$2/$1.log"
	local -a cmd
	rm -rf "$out"
	case $tool in
	floor) cmd=("$work/floor" "$(cat "$work/$name/pages")") ;;
	playbook) cmd=("$work/playbook" build -q -s "$work/$name/site" -d "$out") ;;
	hugo) cmd=("$HUGO" --source "$work/$name/hugo" --themesDir "$repo/cmd/bench" --destination "$out"
		--cacheDir "$work/hugo-cache" --quiet) ;;
	esac
	if ! "$TIME" -f "%e %U %S %M" -o "$work/time" "${cmd[@]}" >"$log" 2>&1; then
		say "$tool failed on $name (run $r); the last lines of its output:"
		tail -n 5 "$log" >&2
		echo "failed" >"$work/$name-$tool.failed"
		return
	fi
	awk '{ printf "%s %.2f %s\n", $1, $2 + $3, $4 }' "$work/time" >>"$work/$name-$tool.times"
	if [[ $r -eq 1 && ! -d $out ]]; then
		echo "- -" >"$work/$name-$tool.size"
	elif [[ $r -eq 1 ]]; then
		echo "$(du -sm "$out" | cut -f1) $(find "$out" -name '*.html' | wc -l)" >"$work/$name-$tool.size"
		if [[ $tool == playbook ]]; then
			grep -c ': warning: broken link' "$log" >"$work/$name.links" || true
		fi
	fi
	rm -rf "$out"
}

names=()
load="$(cut -d' ' -f1-3 /proc/loadavg)"
for dir in "$@"; do
	name=$(basename "$(cd "$dir" && pwd)")
	names+=("$name")
	say "$name: copying"
	prepare "$name" "$dir"
	for r in $(seq 1 "$RUNS"); do
		for tool in floor playbook hugo; do
			[[ -f $work/$name-$tool.failed ]] && continue
			say "$name: $tool, run $r of $RUNS"
			run "$tool" "$name" "$r"
		done
	done
done

cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
echo
echo "Machine: $(nproc) cores, ${cpu:-unknown CPU}; load average (1, 5, 15 min): $load at the start, $(cut -d' ' -f1-3 /proc/loadavg) at the end"
echo "playbook: $playbook_version"
echo "Hugo: $hugo_version ($hugo_via)"
echo "Median of $RUNS runs; CPU = user + system seconds; peak = maximum resident set size; output = du -sm"
echo "(the floor writes nothing)."
echo
echo "| handbook | tool | wall s | CPU s | peak MB | output MB | HTML files | broken-link warnings |"
echo "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |"
for name in "${names[@]}"; do
	for tool in floor playbook hugo; do
		if [[ -f $work/$name-$tool.failed ]]; then
			echo "| $name | $tool | failed | | | | | |"
			continue
		fi
		f="$work/$name-$tool.times"
		read -r mb html <"$work/$name-$tool.size"
		links=""
		[[ $tool == playbook ]] && links=$(cat "$work/$name.links")
		awk -v n="$name" -v t="$tool" -v w="$(median 1 "$f")" -v c="$(median 2 "$f")" -v m="$(median 3 "$f")" \
			-v mb="$mb" -v h="$html" -v l="$links" \
			'BEGIN { printf "| %s | %s | %.2f | %.2f | %.0f | %s | %s | %s |\n", n, t, w, c, m / 1024, mb, h, l }'
	done
done
