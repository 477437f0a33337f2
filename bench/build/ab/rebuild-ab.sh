#!/bin/bash
# W (default /tmp/b8) holds gen-base, gen-fin, corpus-1000; see bench/build/RESULTS.md (build8).
# rebuild-ab.sh NAME_A NAME_B ROUNDS: alternated rebuilds at N=1000 of $W/gen-NAME with the cache and output of OUT and CACHE below
# (each cache warm on corpus-1000); nothing changed, then one report changed (a line appended before each round)
cd "${W:-/tmp/b8}"
A=$1; B=$2; R=${3:-3}
declare -A OUT=([base]=out-base [fin]=out-B-fin) CACHE=([base]=cache-base [fin]=cache-B-fin)
run() { # name kind
  l=$(cut -d' ' -f1 /proc/loadavg)
  o=$( { /usr/bin/time -f "TIME %e %U %S %M" ./gen-$1 build -synthetic -src corpus-1000 -o ${OUT[$1]} -cache ${CACHE[$1]}; } 2>&1 )
  t=$(echo "$o" | grep ^TIME); steps=$(echo "$o" | grep ^steps:)
  echo "$2 $1 load=$l wall=$(echo $t|cut -d' ' -f2) user=$(echo $t|cut -d' ' -f3) sys=$(echo $t|cut -d' ' -f4) | $(echo "$o" | grep -o '[0-9]* report(s) rendered') | $steps"
}
for i in $(seq $R); do
  if [ $((i%2)) = 1 ]; then run $A nothing; run $B nothing; else run $B nothing; run $A nothing; fi
done
f=corpus-1000/A-99-1001.fr.txt
for i in $(seq $R); do
  echo "" >> $f
  if [ $((i%2)) = 1 ]; then run $A one; run $B one; else run $B one; run $A one; fi
done
