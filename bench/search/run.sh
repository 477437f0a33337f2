#!/usr/bin/env bash
# Search measurements (see RESULTS.md):
# - index build, file size, heap and query latency at 1 and N reports
#   (BENCH_REPORTS, default 1,000: the real report replicated under new
#   symbols), and Go benchmarks on the real report;
# - the search function itself, built as Netlify builds it (static
#   linux/amd64, -s -w) with the committed index, then with an index of N
#   reports put in its place by go build -overlay: binary size, cold start
#   (bench/search/cold: open the embedded index, answer one request through
#   the Lambda adapter; 15 runs timed from exec to exit), then latency of
#   the benchmark queries through the handler (100 rounds) and the
#   process's memory;
# - with SYNTH=FILE_OR_DIR (a folder from `generator synth`, or the
#   reports.json.gz that mkindex -save writes), the same for that corpus
#   (and TestLatency, which reads SYNTH too, measures it in process).
set -euo pipefail
cd "$(dirname "$0")/../.."
n="${BENCH_REPORTS:-1000}"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
BENCH=1 BENCH_REPORTS="$n" go test ./bench/search -run TestLatency -v -count=1 | grep '^reports'
go test ./bench/search -run '^$' -bench . -benchmem -count 3 | grep -E '^Benchmark'
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
export CGO_ENABLED=0 GOOS=linux GOARCH=amd64
measure() { # label [index file]
  local overlay=()
  if [ -n "${2:-}" ]; then
    printf '{"Replace":{"%s":"%s"}}' "$PWD/functions/reportdata/search.idx" "$2" >"$tmp/overlay.json"
    overlay=(-overlay "$tmp/overlay.json")
  fi
  go build "${overlay[@]}" -ldflags '-s -w' -o "$tmp/search" ./functions/search
  go build "${overlay[@]}" -o "$tmp/cold" ./bench/search/cold
  echo "$1: function binary $(stat -c %s "$tmp/search" | awk '{printf "%.1f MB", $1/1e6}')"
  for i in $(seq 1 15); do
    s=$(date +%s%N); "$tmp/cold"; e=$(date +%s%N); echo $(( (e - s) / 1000 ))
  done | sort -n | awk -v c="$1" '{a[NR]=$1} END {printf "%s: cold start (exec to exit, 15 runs): median %.1f ms, min %.1f ms, max %.1f ms\n", c, a[int((NR+1)/2)]/1000, a[1]/1000, a[NR]/1000}'
  "$tmp/cold" -rounds 100 | sed "s/^/$1: /"
}
measure "reports 1"
GOOS= GOARCH= go run ./bench/search/mkindex -n "$n" -o "$tmp/replicated.idx"
measure "reports $n" "$tmp/replicated.idx"
if [ -n "${SYNTH:-}" ]; then
  GOOS= GOARCH= go run ./bench/search/mkindex -src "$SYNTH" -o "$tmp/synth.idx"
  measure "synthetic" "$tmp/synth.idx"
fi
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
# The comparison with bleve v2 (build tag bleve; minutes at 1,000 reports).
if [ -n "${BLEVE:-}" ]; then
  BENCH=1 BENCH_REPORTS="$n" go test -tags bleve ./bench/search -run 'TestBleve' -v -count=1 -timeout 20m | grep -E '^(bleve|analysis)'
fi
