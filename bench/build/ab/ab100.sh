#!/bin/bash
# W (default /tmp/b8) holds gen-base, gen-fin, corpus-1000; see bench/build/RESULTS.md (build8).
# ab100.sh ROUNDS: cold builds of N=100, gen-base and gen-fin alternated; -cache "" with a CPU profile, then a fresh persistent cache
cd "${W:-/tmp/b8}"
one() { # bin mode i
  rm -rf abo-$1; sync; l=$(cut -d' ' -f1-3 /proc/loadavg)
  if [ $2 = nocache ]; then args=(-cache "" -cpuprofile ab100-$1-$3.pprof); else rm -rf abc-$1; args=(-cache abc-$1); fi
  o=$( { /usr/bin/time -f "TIME %e %U %S %M" ./gen-$1 build -synthetic -src corpus-100 -o abo-$1 "${args[@]}"; } 2>&1 )
  t=($(echo "$o" | grep ^TIME))
  echo "$2 $1 run$3 load=[$l] wall=${t[1]} user=${t[2]} sys=${t[3]} cpu=$(echo "${t[2]} + ${t[3]}" | bc) rss=${t[4]}KB | $(echo "$o" | grep -o '(ingest.*render [^)]*)')"
}
for i in $(seq $1); do
  if [ $((i%2)) = 1 ]; then one base nocache $i; one fin nocache $i; else one fin nocache $i; one base nocache $i; fi
done
for i in $(seq $1); do
  if [ $((i%2)) = 1 ]; then one base cache $i; one fin cache $i; else one fin cache $i; one base cache $i; fi
done
