#!/bin/bash
# W (default /tmp/b8) holds gen-base, gen-fin, corpus-1000; see bench/build/RESULTS.md (build8).
# ab1000.sh TAG BIN...: one cold build of N=1000 per binary, in the order given, each into fresh out-TAG-BIN, cache-TAG-BIN
cd "${W:-/tmp/b8}"; T=$1; shift
for b in "$@"; do
  sync; sleep 5
  l0=$(cut -d' ' -f1-3 /proc/loadavg)
  o=$( { /usr/bin/time -f "TIME %e %U %S %M" ./gen-$b build -synthetic -src corpus-1000 -o out-$T-$b -cache cache-$T-$b; } 2>&1 )
  l1=$(cut -d' ' -f1-3 /proc/loadavg)
  t=($(echo "$o" | grep ^TIME))
  echo "cold $b load=[$l0]→[$l1] wall=${t[1]} user=${t[2]} sys=${t[3]} cpu=$(echo "${t[2]} + ${t[3]}" | bc) rss=${t[4]}KB pages/s=$(echo "268010 / ${t[1]}" | bc)"
  echo "$o" | grep -v ^TIME
done
