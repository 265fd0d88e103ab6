#!/usr/bin/env bash
# What the JSON gateway costs beside XML-RPC on the same HTTPS port of the same server:
# calc.add(2, 3) as Connect JSON (POST /netlab.calculator.v1.CalculatorService/Add, handed
# to the gRPC services in process) and as XML-RPC (POST /RPC2), both loaded by wrk over TLS
# with keep-alive, rounds interleaved. The server runs with --auth none so that only the
# protocol differs. Every answer is checked in every wrk thread; a wrong one fails the script.
#   usage: gateway-throughput.sh [ROUNDS] [SECONDS]
#          gateway-throughput.sh --prove-checks   # the check rejects a wrong answer
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
bench="$root/rpc-server/src/bench"
prove_checks=false
if [[ "${1:-}" == --prove-checks ]]; then
  prove_checks=true
  set -- 1 1
fi
rounds="${1:-3}"
seconds="${2:-5}"
for tool in wrk curl python3; do
  command -v "$tool" >/dev/null || { echo "gateway-throughput: $tool is not installed" >&2; exit 1; }
done

source "$bench/rpc-servers.sh"

read -r _ xmlrpc < <(start server --auth none)

rate() { wrk_rate "$xmlrpc" 16 "$1"; }

if $prove_checks; then
  # Expect 6 where the server answers 5: the check must fail in both forms.
  sum=6
  for form in json xmlrpc; do
    if (rate "$form") >/dev/null 2>&1; then
      echo "gateway-throughput: the $form check took 5 for 6" >&2; exit 1
    fi
  done
  sum=5
  rate json >/dev/null && rate xmlrpc >/dev/null
  echo "gateway-throughput: the check takes right answers and rejects wrong ones in both forms"
  exit 0
fi

declare -A rates
forms=(json xmlrpc)
for form in "${forms[@]}"; do rate "$form" >/dev/null; rate "$form" >/dev/null; done
for ((round = 0; round < rounds; round++)); do
  # Each round starts with the other form, so neither is always first.
  for ((i = 0; i < ${#forms[@]}; i++)); do
    form="${forms[(round + i) % ${#forms[@]}]}"
    rates[$form]+="$(rate "$form") "
  done
done

json="$(median <<<"${rates[json]}")"
xml="$(median <<<"${rates[xmlrpc]}")"
echo "| calc.add on the HTTPS port | calls/s |"
echo "|---|---|"
echo "| XML-RPC, POST /RPC2 | ${xml%.*} |"
echo "| Connect JSON through the gateway | ${json%.*} |"
awk -v j="$json" -v x="$xml" 'BEGIN { printf "| gateway / XML-RPC | %.2f |\n", j / x }'
echo "(medians of $rounds interleaved rounds of ${seconds} s; wrk -t2 -c16 over TLS, keep-alive;"
echo " every answer checked; $(wrk -v 2>&1 | head -n 1 | cut -d' ' -f1-2))"
echo "rounds, json: ${rates[json]}"
echo "rounds, xmlrpc: ${rates[xmlrpc]}"
