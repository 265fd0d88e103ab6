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

# One call through curl, to check what h2load cannot: the gRPC status and the answer.
check_grpc() {
  local url="$1" token="$2" ca="$3" headers=()
  [[ -n "$token" ]] && headers=(-H "authorization: Bearer $token")
  local got
  got="$(curl -s --http2 --cacert "$ca" -H 'content-type: application/grpc' -H 'te: trailers' \
    "${headers[@]}" --data-binary @"$work/add.bin" -D "$work/headers" \
    "${url/grpcs/https}/netlab.calculator.v1.CalculatorService/Add" | python3 -c '
import sys; print(sys.stdin.buffer.read().hex())')"
  if [[ "$got" != "$(grpc_answer "$sum")" ]] || ! grep -qi '^grpc-status: 0' "$work/headers"; then
    echo "access-overhead: wrong gRPC answer from $url" >&2
    exit 1
  fi
}

# calls/s of one h2load run; fails unless every request succeeded.
grpc_rate() {
  local url="$1" token="$2" headers=()
  [[ -n "$token" ]] && headers=(-H "authorization: Bearer $token")
  h2load -c 16 -m 10 -D "$seconds" -H 'content-type: application/grpc' -H 'te: trailers' \
    "${headers[@]}" -d "$work/add.bin" \
    "${url/grpcs/https}/netlab.calculator.v1.CalculatorService/Add" >"$work/h2load.out"
  grep -q ' 0 failed, 0 errored, 0 timeout' "$work/h2load.out" || {
    cat "$work/h2load.out" >&2; exit 1; }
  grep -o 'finished in [^,]*, [0-9.]* req/s' "$work/h2load.out" | awk '{print $(NF-1)}'
}

# calls/s of one wrk run; fails unless every answer was add's.
xmlrpc_rate() {
  local url="$1" token="$2"
  wrk -t 2 -c 16 -d "${seconds}s" -s "$bench/calc-add.lua" "${url%/RPC2}" -- xmlrpc "${token:--}" "$sum" \
    >"$work/wrk.out"
  grep -q '^wrong answers: 0$' "$work/wrk.out" || { cat "$work/wrk.out" >&2; exit 1; }
  if grep -q 'Non-2xx' "$work/wrk.out"; then cat "$work/wrk.out" >&2; exit 1; fi
  awk '/^Requests\/sec/ {print $2}' "$work/wrk.out"
}

if $prove_checks; then
  # Expect 6 where the server answers 5: each check must fail.
  sum=6
  if (check_grpc "$open_grpc" "" "$work/open/tls/ca.pem") 2>/dev/null; then
    echo "access-overhead: the gRPC check took 5 for 6" >&2; exit 1
  fi
  if (xmlrpc_rate "$open_xmlrpc" "") >/dev/null 2>&1; then
    echo "access-overhead: the XML-RPC check took 5 for 6" >&2; exit 1
  fi
  echo "access-overhead: both checks reject a wrong answer"
  exit 0
fi

check_grpc "$open_grpc" "" "$work/open/tls/ca.pem"
check_grpc "$checked_grpc" "$reader" "$work/checked/tls/ca.pem"
check_grpc "$checked_grpc" "" "$work/checked/tls/ca.pem"

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

median() { tr ' ' '\n' | grep . | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
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
