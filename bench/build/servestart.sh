#!/bin/bash
# How long `generator serve` takes to answer, and its memory, on a corpus:
#
#   bench/build/servestart.sh GENERATOR DIR [CORPUS]
#
# GENERATOR is a binary of `go build ./generator`; DIR holds its output and
# cache (run twice: the first run renders every report, the second shows
# a start with a warm cache). Prints the seconds until /fr/ answers, the
# resident memory then, and after one search and one CSV download (the
# CSV function decodes a report when a request first names it).
set -euo pipefail
GEN=$1 DIR=$2 SRC=${3:-/tmp/b7/corpus-1000} ADDR=localhost:18999
"$GEN" serve -synthetic -src "$SRC" -o "$DIR/public" -cache "$DIR/cache" -addr $ADDR >/dev/null 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
s=$(date +%s.%N)
until curl -s -o /dev/null "http://$ADDR/fr/"; do sleep 0.1; done
up=$(echo "$(date +%s.%N) - $s" | bc)
rss1=$(ps -o rss= -p $pid)
ts=$(curl -s -o /dev/null -w '%{time_total}' "http://$ADDR/api/search?q=pand%C3%A9mie")
tc=$(curl -s -o /dev/null -w '%{time_total}' "http://$ADDR/api/csv?report=a-99-1001&table=iii-a")
rss2=$(ps -o rss= -p $pid)
echo "$GEN serve: up after $up s, RSS $((rss1 / 1024)) MiB; first search ${ts} s, first CSV ${tc} s, RSS then $((rss2 / 1024)) MiB"
