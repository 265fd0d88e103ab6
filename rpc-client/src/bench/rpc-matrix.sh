#!/usr/bin/env bash
# Runs `rpc-client bench` for calc.add, phonebook.find and phonebook.add over gRPC and
# XML-RPC (both with TLS) at 1, 16 and 64 callers against a running bin/rpc-server, and
# prints one Markdown table. phonebook.add leaves its entries: use a scratch data dir.
#   usage: rpc-matrix.sh CA_FILE [GRPC_URL] [XMLRPC_URL] [DURATION] [WARMUP]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
ca="$1"
grpc="${2:-grpcs://localhost:50051}"
xmlrpc="${3:-https://localhost:8443/RPC2}"
duration="${4:-5s}"
warmup="${5:-5s}"

echo "| protocol | call | callers | calls/s | p50 ms | p99 ms | errors |"
echo "|---|---|---|---|---|---|---|"
for url in "$grpc" "$xmlrpc"; do
  for call in calc.add phonebook.find phonebook.add; do
    for callers in 1 16 64; do
      "$root/bin/rpc-client" bench --json --server "$url" --ca "$ca" --call "$call" \
          -c "$callers" --duration "$duration" --warmup "$warmup" |
        python3 -c '
import json, sys
r = json.load(sys.stdin)
l = r["latencyMillis"]
print("| %s | %s | %s | %s | %.3f | %.3f | %d |" % (sys.argv[1].split(":")[0], sys.argv[2],
      sys.argv[3], format(round(r["callsPerSecond"]), ","), l["p50"], l["p99"], r["errorCount"]))
' "$url" "$call" "$callers"
    done
  done
done
