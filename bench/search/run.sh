#!/usr/bin/env bash
# Search measurements: query latency and memory at 1 and 1,000 reports,
# Go benchmarks on the real report, and the cold start of the function's
# work (decode the embedded reports, build the indexes, answer one query),
# timed from exec to exit over 15 runs.
set -euo pipefail
cd "$(dirname "$0")/../.."
BENCH=1 go test ./bench/search -run TestLatency -v -count=1 | grep '^reports'
go test ./bench/search -run '^$' -bench . -benchmem -count 3 | grep -E '^Benchmark'
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/cold" ./bench/search/cold
for i in $(seq 1 15); do
  s=$(date +%s%N); "$tmp/cold"; e=$(date +%s%N); echo $(( (e - s) / 1000 ))
done | sort -n | awk '{a[NR]=$1} END {printf "cold start (exec to exit, 15 runs): median %.1f ms, min %.1f ms, max %.1f ms\n", a[int((NR+1)/2)]/1000, a[1]/1000, a[NR]/1000}'
# The comparison with bleve v2 (build tag bleve; minutes at 1,000 reports).
if [ -n "${BLEVE:-}" ]; then
  BENCH=1 BENCH_REPORTS="${BENCH_REPORTS:-1000}" go test -tags bleve ./bench/search -run 'TestBleve' -v -count=1 -timeout 20m | grep -E '^(bleve|analysis)'
fi
