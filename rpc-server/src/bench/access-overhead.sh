#!/usr/bin/env bash
# What checking callers costs: calc.add on a server that checks nobody (--auth none) beside
# one that checks every call (a reader's token, looked up, rate-limited and authorized; and
# an anonymous caller), same machine, same run, rounds interleaved. gRPC load by h2load
# (nghttp2-client), XML-RPC load by wrk, both with TLS. Every answer is checked: a wrong
# one fails the script.
#   usage: access-overhead.sh [ROUNDS] [SECONDS]
#          access-overhead.sh --prove-checks   # each check rejects a wrong answer
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
for tool in h2load wrk curl python3; do
  command -v "$tool" >/dev/null || { echo "access-overhead: $tool is not installed" >&2; exit 1; }
done

source "$bench/rpc-servers.sh"

read -r open_grpc open_xmlrpc < <(start open --auth none)
read -r checked_grpc checked_xmlrpc < <(start checked --rate-limit 100000000/1s)
reader="$("$root/bin/rpc-server" token create bench-reader --role reader \
  --data-dir "$work/checked" 2>/dev/null)"

grpc_rate() { h2load_rate "$1" 16 10 "$2"; }
xmlrpc_rate() { wrk_rate "$1" 16 xmlrpc "$2"; }

if $prove_checks; then
  # Expect 6 where the server answers 5: each check must fail.
  sum=6
  if (check_grpc "$open_grpc" "$work/open/tls/ca.pem") 2>/dev/null; then
    echo "access-overhead: the gRPC check took 5 for 6" >&2; exit 1
  fi
  if (xmlrpc_rate "$open_xmlrpc" "") >/dev/null 2>&1; then
    echo "access-overhead: the XML-RPC check took 5 for 6" >&2; exit 1
  fi
  echo "access-overhead: both checks reject a wrong answer"
  exit 0
fi

check_grpc "$open_grpc" "$work/open/tls/ca.pem"
check_grpc "$checked_grpc" "$work/checked/tls/ca.pem" "$reader"
check_grpc "$checked_grpc" "$work/checked/tls/ca.pem"

declare -A rates
configs=("open|$open_grpc|$open_xmlrpc|" "reader|$checked_grpc|$checked_xmlrpc|$reader"
  "anonymous|$checked_grpc|$checked_xmlrpc|")
# Warm both servers, then interleave the rounds.
for config in "${configs[@]}"; do
  IFS='|' read -r name grpc xmlrpc token <<<"$config"
  grpc_rate "$grpc" "$token" >/dev/null
  xmlrpc_rate "$xmlrpc" "$token" >/dev/null
done
for ((round = 0; round < rounds; round++)); do
  # Each round starts with another configuration, so none is always first.
  for ((i = 0; i < ${#configs[@]}; i++)); do
    IFS='|' read -r name grpc xmlrpc token <<<"${configs[(round + i) % ${#configs[@]}]}"
    rates[grpc,$name]+="$(grpc_rate "$grpc" "$token") "
    rates[xmlrpc,$name]+="$(xmlrpc_rate "$xmlrpc" "$token") "
  done
done

echo "| protocol | --auth none | reader token | ratio | anonymous (checked) | ratio |"
echo "|---|---|---|---|---|---|"
for protocol in grpc xmlrpc; do
  open="$(median <<<"${rates[$protocol,open]}")"
  reader_rate="$(median <<<"${rates[$protocol,reader]}")"
  anonymous="$(median <<<"${rates[$protocol,anonymous]}")"
  awk -v p="$protocol" -v o="$open" -v r="$reader_rate" -v a="$anonymous" 'BEGIN {
    printf "| %s | %d | %d | %.2f | %d | %.2f |\n", p, o, r, r / o, a, a / o }'
done
echo "(calls/s of calc.add, median of $rounds interleaved rounds of ${seconds} s, 16 connections)"
