# Shared by the benchmark scripts: messages, GNU time, finding Hugo,
# building the tools, and medians. Source it after setting NAME; it sets TIME, and find_hugo sets
# HUGO, hugo_via and hugo_version (and needs $work for go install).

HUGO_FALLBACK=${HUGO_FALLBACK:-v0.165.0}
TIME=/usr/bin/time

die() { echo "$NAME: $*" >&2; exit 1; }
say() { echo "$NAME: $*" >&2; }

# need_time installs GNU time (not the shell keyword), which measures peak
# RSS, when it is missing.
need_time() {
	[[ -x $TIME ]] && return
	if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
		say "installing GNU time (apt-get install time)"
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null ||
			die "apt-get install time failed"
	else
		die "$TIME is missing: install GNU time (Debian: apt-get install time)"
	fi
}

go_install_hugo() {
	local v=$1 dir="${XDG_CACHE_HOME:-$HOME/.cache}/playbook-bench/hugo-$1"
	if [[ ! -x $dir/hugo ]]; then
		say "go install github.com/gohugoio/hugo@$v (takes minutes the first time)"
		mkdir -p "$dir"
		(cd "$work" && GOBIN=$dir GOFLAGS= go install "github.com/gohugoio/hugo@$v") ||
			die "go install github.com/gohugoio/hugo@$v failed"
	fi
	HUGO=$dir/hugo
	hugo_via="go install github.com/gohugoio/hugo@$v"
}

# find_hugo: Hugo given as $HUGO, go-installed at $HUGO_VERSION, on PATH,
# from Debian, or go-installed at the fallback version, in that order.
find_hugo() {
	hugo_via=""
	if [[ -n ${HUGO:-} ]]; then
		[[ -x $HUGO ]] || HUGO=$(command -v "$HUGO") || die "HUGO=$HUGO is not a program"
		hugo_via="HUGO=$HUGO"
	elif [[ -n ${HUGO_VERSION:-} ]]; then
		go_install_hugo "$HUGO_VERSION"
	elif command -v hugo >/dev/null; then
		HUGO=$(command -v hugo)
		hugo_via="found on PATH"
		if dpkg -S "$HUGO" >/dev/null 2>&1; then hugo_via="Debian package hugo $(dpkg-query -W -f='${Version}' hugo)"; fi
	elif [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null &&
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq hugo >/dev/null 2>&1; then
		HUGO=$(command -v hugo)
		hugo_via="Debian package hugo $(dpkg-query -W -f='${Version}' hugo) (apt-get install hugo)"
	else
		go_install_hugo "$HUGO_FALLBACK"
	fi
	hugo_version=$("$HUGO" version) || die "$HUGO version failed"
	# hugo.toml is read from v0.110.0 on; the theme's link hook uses try,
	# from v0.141.0 on.
	if [[ $hugo_version =~ v0\.([0-9]+)\. ]] && ((BASH_REMATCH[1] < 141)); then
		die "$hugo_version is too old (the comparison theme needs v0.141 or later); set HUGO_VERSION=$HUGO_FALLBACK"
	fi
}

# make_work PREFIX: a work folder in $work, removed at the end unless
# KEEP=1.
make_work() {
	work=$(mktemp -d "${BENCH_TMP:-${TMPDIR:-/tmp}}/$1.XXXXXX")
	trap 'if [[ ${KEEP:-} == 1 ]]; then say "kept $work"; else rm -rf "$work"; fi' EXIT
	trap 'exit 130' INT TERM
}

# build_tools PKG...: go build each package into $work, named after its
# last element; with PLAYBOOK set, that binary stands for cmd/playbook (to
# measure another version). Sets playbook_version to what was measured.
build_tools() {
	local p
	for p in "$@"; do
		if [[ $p == cmd/playbook && -n ${PLAYBOOK:-} ]]; then
			[[ -x $PLAYBOOK ]] || die "PLAYBOOK=$PLAYBOOK is not a program"
			ln -s "$(cd "$(dirname "$PLAYBOOK")" && pwd)/$(basename "$PLAYBOOK")" "$work/playbook"
			continue
		fi
		go build -o "$work/$(basename "$p")" "./$p" || die "go build ./$p failed"
	done
	if [[ -n ${PLAYBOOK:-} ]]; then
		playbook_version="PLAYBOOK=$PLAYBOOK ($("$PLAYBOOK" version 2>/dev/null || echo "no version"))"
	else
		playbook_version="$(git describe --always --dirty 2>/dev/null || echo unknown), $(go version | cut -d' ' -f3)"
	fi
}

# median COLUMN FILE
median() {
	sort -g -k"$1","$1" "$2" | awk -v c="$1" '{ v[NR] = $c } END {
		if (NR % 2) print v[(NR + 1) / 2]; else printf "%.2f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
