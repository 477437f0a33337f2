#!/usr/bin/env bash
# The CSV function as Netlify builds it (static linux/amd64, -s -w), with
# the committed pack of reports, then with a pack of more reports put in
# its place by go build -overlay (PACK=FILE, made by bench/csv/mkpack):
# binary size, cold start (bench/csv/cold: open the embedded pack, answer
# one request through the Lambda adapter; 15 runs timed from exec to
# exit), then 1,000 requests over random reports and tables, percentiles
# and the process's memory. See RESULTS.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
export CGO_ENABLED=0 GOOS=linux GOARCH=amd64
measure() { # label [pack file]
  local overlay=()
  if [ -n "${2:-}" ]; then
    printf '{"Replace":{"%s":"%s"}}' "$PWD/functions/reportdata/reports.pack" "$2" >"$tmp/overlay.json"
    overlay=(-overlay "$tmp/overlay.json")
  fi
  go build "${overlay[@]}" -ldflags '-s -w' -o "$tmp/csv" ./functions/csv
  go build "${overlay[@]}" -o "$tmp/cold" ./bench/csv/cold
  echo "$1: function binary $(stat -c %s "$tmp/csv" | awk '{printf "%.1f MB", $1/1e6}')"
  for i in $(seq 1 15); do
    s=$(date +%s%N); "$tmp/cold"; e=$(date +%s%N); echo $(( (e - s) / 1000 ))
  done | sort -n | awk -v c="$1" '{a[NR]=$1} END {printf "%s: cold start (exec to exit, 15 runs): median %.1f ms, min %.1f ms, max %.1f ms\n", c, a[int((NR+1)/2)]/1000, a[1]/1000, a[NR]/1000}'
  "$tmp/cold" -rounds 1000 | sed "s/^/$1: /"
}
measure "committed pack"
if [ -n "${PACK:-}" ]; then
  measure "$(basename "$PACK")" "$PACK"
fi
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
