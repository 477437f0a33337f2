#!/usr/bin/env bash
# Build benchmark of issue 7: for each corpus size N, synthetic reports are
# generated (go run ./generator synth; CORPORA=DIR reuses DIR/corpus-N),
# then RUNS times, by the compiled generator under /usr/bin/time -v: a cold
# build (empty cache), a rebuild with nothing changed, a rebuild after one
# report changed; then the stages (ingest, generate, Hugo alone on the same
# site source, in shards as the build renders them) timed STAGES_RUNS times
# in a separate process; medians are printed as a Markdown table, with
# page weights of the largest N.
#
#   bench/build/run.sh                 # N = 1 10 100, 3 runs each
#   NS=1,10,100 RUNS=3 bench/build/run.sh
#   NS=1000 RUNS=1 STAGES_RUNS=0 CORPORA=/tmp/b7 bench/build/run.sh
#   PROFILE=100 bench/build/run.sh     # also a CPU profile of a build at N=100
#   OUT=/tmp/bench bench/build/run.sh  # work folder on disk (default: /dev/shm)
#
# Then: go test -run XXX -bench . -count 5 ./bench/build/ (ingest, generate,
# Hugo render of 10 reports).
set -euo pipefail
cd "$(dirname "$0")/../.."
NS=${NS:-1,10,100}
RUNS=${RUNS:-3}
# The work folder (outputs, caches, site sources) on tmpfs when there is
# one: on a shared VM's disk, creating the output's 389 files per report
# costs 2 to 10 times more CPU from one minute to the next, which then
# measures the disk, not the code (bench/build/RESULTS.md, session 12).
tmp=/tmp
[ -d /dev/shm ] && [ -w /dev/shm ] && tmp=/dev/shm
out=${OUT:-$(mktemp -d "$tmp/bench-build.XXXXXX")}
mkdir -p "$out"
command -v /usr/bin/time >/dev/null || { echo "needs /usr/bin/time (apt-get install -y time)" >&2; exit 1; }
echo "# $(date -u +%FT%TZ) $(git rev-parse --short HEAD 2>/dev/null) $(git status --short | wc -l) uncommitted file(s); $(nproc) CPUs; load $(cut -d' ' -f1-3 /proc/loadavg)" >&2
go build -o "$out/generator" ./generator
go build -o "$out/benchbuild" ./bench/build
"$out/benchbuild" run -gen "$out/generator" -self "$out/benchbuild" -ns "$NS" -runs "$RUNS" \
  -stages-runs "${STAGES_RUNS:-$RUNS}" -corpora "${CORPORA:-}" -work "$out/work" -json "$out/runs.jsonl"
if [ -n "${PROFILE:-}" ]; then
  corpus="${CORPORA:-$out/work}/corpus-$PROFILE"
  [ -d "$corpus" ] || "$out/generator" synth -n "$PROFILE" -o "$corpus"
  "$out/generator" build -synthetic -cache "" -src "$corpus" -o "$out/public-profile" -cpuprofile "$out/cpu-$PROFILE.pprof"
  go tool pprof -top -nodecount=40 "$out/generator" "$out/cpu-$PROFILE.pprof" 2>/dev/null | head -50
  go tool pprof -top -cum -nodecount=60 "$out/generator" "$out/cpu-$PROFILE.pprof" 2>/dev/null | head -70
fi
echo "work files in $out" >&2
