#!/bin/bash
# Rebuilds with the page cache dropped first (root only: it writes
# /proc/sys/vm/drop_caches): what a rebuild costs when nothing of the
# cache and of the previous output is in memory (a machine that has done
# other work since, a fresh CI runner with a restored cache).
#
#   bench/build/coldcache.sh GENERATOR LABEL DIR [CORPUS]
#
# DIR holds the output (DIR/public) and the cache (DIR/cache) of a build of
# CORPUS (default /tmp/b7/corpus-1000) by GENERATOR (a binary of
# `go build ./generator`: each binary has its own cache keys, so give each
# version its own DIR and build it once first). Prints, for a rebuild with
# nothing changed and one after one source changed (a line added at its
# end; put back afterwards and built again, not timed), the build's steps
# and its wall and CPU times.
set -euo pipefail
GEN=$1 L=$2 DIR=$3 SRC=${4:-/tmp/b7/corpus-1000}
txts=("$SRC"/*.txt)
f=${txts[0]}
orig=$(mktemp)
trap 'cp "$orig" "$f"; rm -f "$orig"' EXIT
cp "$f" "$orig"
b() {
	sync
	echo 3 >/proc/sys/vm/drop_caches
	/usr/bin/time -f "$L $1: %e s wall, %U s user, %S s sys" "$GEN" build -synthetic -src "$SRC" -o "$DIR/public" -cache "$DIR/cache" 2>&1 |
		grep -v '^build: _redirects' | sed "s/^/$L $1: /"
}
b unchanged
printf '\n%s\n' "$RANDOM" >>"$f"
b one-changed
cp "$orig" "$f"
"$GEN" build -synthetic -src "$SRC" -o "$DIR/public" -cache "$DIR/cache" >/dev/null 2>&1
