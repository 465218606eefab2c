#!/usr/bin/env bash
# Measure the preview server: how long a writer waits after saving a page,
# a template or playbook.toml, and how much memory "playbook serve" holds.
#
#   cmd/bench/serve.sh [PAGES]            default: 10000
#
# Run it from the repository root. It builds playbook and
# cmd/bench/servebench, generates a handbook of PAGES pages with
# cmd/bench/gencorpus (seed 1) in a temporary folder, and runs servebench
# on it, which starts "playbook serve" on a free port, waits for the first
# build, makes the edits and prints a Markdown table (see
# cmd/bench/servebench and cmd/bench/benchmarks.md). The server is stopped
# and the folder removed at the end.
#
# Environment:
#   EDITS=20        content edits (p50 and p90 reported)
#   FULL_EDITS=3    template edits and config edits (each re-renders every page)
#   PLAYBOOK=BIN    measure this binary instead of building ./cmd/playbook
#   BENCH_TMP=DIR   where to put the site (default $TMPDIR or /tmp)
#   KEEP=1          keep the site
set -euo pipefail

EDITS=${EDITS:-20}
FULL_EDITS=${FULL_EDITS:-3}
NAME=serve.sh
# shellcheck source=cmd/bench/lib.sh
. "$(dirname "$0")/lib.sh"

[[ -f go.mod && -d cmd/bench/servebench && -d cmd/playbook ]] ||
	die "run me from the playbook repository root (cmd/bench/serve.sh)"
[[ $# -le 1 ]] || die "usage: cmd/bench/serve.sh [PAGES]"
pages=${1:-10000}
[[ $pages =~ ^[0-9]+$ && $pages -ge 2 ]] || die "'$pages' is not a number of pages (at least 2)"
[[ $EDITS =~ ^[1-9][0-9]*$ ]] || die "EDITS must be a positive number, not '$EDITS'"
[[ $FULL_EDITS =~ ^[0-9]+$ ]] || die "FULL_EDITS must be a number, not '$FULL_EDITS'"
command -v go >/dev/null || die "go is not on PATH"

make_work playbook-serve

say "building playbook, gencorpus and servebench"
build_tools cmd/playbook cmd/bench/gencorpus cmd/bench/servebench

say "generating $pages pages"
"$work/gencorpus" -n "$pages" -seed 1 "$work/site" || die "gencorpus failed"

echo "playbook: $playbook_version"
"$work/servebench" -playbook "$work/playbook" -edits "$EDITS" -full-edits "$FULL_EDITS" "$work/site"
