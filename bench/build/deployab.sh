#!/bin/bash
# The deploy's rebuild after one report changed, two generators alternated:
#
#   bench/build/deployab.sh GEN_A DIR_A GEN_B DIR_B CORPUS [ROUNDS]
#
# GEN_A and GEN_B are binaries of `go build ./generator` (say, of two
# commits); DIR_A and DIR_B hold each one's output (out/), cache (cache/),
# functions' pack (reports.pack) and search index (search.idx): a first run
# fills them (a cold build of CORPUS each, minutes at 1,000 reports). Each
# round appends an empty line to another source of CORPUS (from its 500th,
# clear of the pack's dictionary, which the first reports by slug fill),
# then runs the deploy's command (`generator build -functions-data
# -search-index`) with each binary, in turn A then B, then B then A, and
# prints the wall time, peak memory, the build's steps, and whether the
# two packs and indexes are the same bytes. Use a memory file system
# (/dev/shm) for the folders and the corpus, so that the disk's noise stays
# out; the machine's own noise is why the two are alternated.
set -euo pipefail
GA=$1 DA=$2 GB=$3 DB=$4 SRC=$5 ROUNDS=${6:-3}
run() { # generator dir
  local out
  out=$( { /usr/bin/time -f "TIME %e s wall, peak %M KB" "$1" build -synthetic -base https://pk.example.org/ \
    -src "$SRC" -o "$2/out" -cache "$2/cache" -functions-data "$2/reports.pack" -search-index "$2/search.idx"; } 2>&1 )
  echo "  $1: $(echo "$out" | grep -o '^TIME.*' | cut -c6-); $(echo "$out" | grep -o '[0-9]* report(s) rendered')"
  echo "    $(echo "$out" | grep '^steps:')"
}
for d in "$DA" "$DB"; do mkdir -p "$d"; done
[ -d "$DA/cache" ] || { echo "cold build of $GA"; run "$GA" "$DA"; }
[ -d "$DB/cache" ] || { echo "cold build of $GB"; run "$GB" "$DB"; }
mapfile -t files < <(ls "$SRC"/*.txt | sort)
start=$(( ${#files[@]} / 2 ))
for i in $(seq "$ROUNDS"); do
  f=${files[$(( (start + i) % ${#files[@]} ))]}
  echo "" >> "$f"
  echo "round $i: $(basename "$f") changed"
  if [ $((i % 2)) = 1 ]; then run "$GA" "$DA"; run "$GB" "$DB"; else run "$GB" "$DB"; run "$GA" "$DA"; fi
  if cmp -s "$DA/reports.pack" "$DB/reports.pack" && cmp -s "$DA/search.idx" "$DB/search.idx"; then
    echo "  pack and index: the same bytes"
  else
    echo "  pack and index: DIFFER"
  fi
done
