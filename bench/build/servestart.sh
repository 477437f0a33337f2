#!/bin/bash
# How long `generator serve` takes to answer, and its memory, on a corpus:
#
#   bench/build/servestart.sh GENERATOR DIR [CORPUS]
#
# GENERATOR is a binary of `go build ./generator`; DIR holds its output and
# cache (run twice: the first run renders every report, the second shows
# a start with a warm cache). Prints the seconds until /fr/ answers, the
# resident memory then, and after one search (the dev server builds its
# search index on the first query).
set -euo pipefail
GEN=$1 DIR=$2 SRC=${3:-/tmp/b7/corpus-1000} ADDR=localhost:18999
"$GEN" serve -synthetic -src "$SRC" -o "$DIR/public" -cache "$DIR/cache" -addr $ADDR >/dev/null 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
s=$(date +%s.%N)
until curl -s -o /dev/null "http://$ADDR/fr/"; do sleep 0.1; done
up=$(echo "$(date +%s.%N) - $s" | bc)
rss1=$(ps -o rss= -p $pid)
curl -s -o /dev/null "http://$ADDR/api/search?q=pand%C3%A9mie"
rss2=$(ps -o rss= -p $pid)
echo "$GEN serve: up after $up s, RSS $((rss1 / 1024)) MB, after one search $((rss2 / 1024)) MB"
