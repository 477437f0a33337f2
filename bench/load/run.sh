#!/usr/bin/env bash
# Load test of `generator serve` on loopback: 20,000 requests at 64
# concurrent, valid and hostile mixed. Prints status counts, latency
# percentiles and the server's memory (VmRSS, VmHWM) before and after.
set -euo pipefail
cd "$(dirname "$0")/../.."
addr=127.0.0.1:18313
out=$(mktemp -d)
go build -o "$out/generator" ./generator
go build -o "$out/load" ./bench/load
"$out/generator" serve -addr "$addr" -o "$out/public" >"$out/serve.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; rm -rf "$out"' EXIT
for _ in $(seq 1 120); do
  curl -fs "http://$addr/fr/" >/dev/null 2>&1 && break
  sleep 0.5
done
rss() { grep -E 'VmRSS|VmHWM' /proc/$pid/status | tr -s ' ' | paste -sd' '; }
echo "server memory before: $(rss)"
"$out/load" -addr "$addr" -n "${N:-20000}" -c "${C:-64}"
echo "server memory after:  $(rss)"
