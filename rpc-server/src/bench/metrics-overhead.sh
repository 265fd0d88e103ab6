#!/usr/bin/env bash
# What metrics cost: calc.add on a server with --metrics off beside one with metrics on (the
# default), both with --auth none so that only the metrics differ; same machine, same run,
# rounds interleaved. gRPC load by h2load (nghttp2-client), XML-RPC load by wrk, both with TLS.
# Every answer is checked, and so is every count: after each run on the server with metrics,
# netlab_calls_total of the method must have moved by the calls the load generator saw answered
# (plus at most the requests it left in flight when it stopped). A wrong one fails the script.
#   usage: metrics-overhead.sh [ROUNDS] [SECONDS]
#          metrics-overhead.sh --prove-checks   # each check rejects a wrong answer or count
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
  command -v "$tool" >/dev/null || { echo "metrics-overhead: $tool is not installed" >&2; exit 1; }
done

# The load: connections, and streams per gRPC connection. At most this many requests are in
# flight when a load generator stops, answered by the server but not counted by the generator.
connections=16
streams=10

source "$bench/rpc-servers.sh"

read -r off_grpc off_xmlrpc < <(start off --auth none --metrics off)
read -r on_grpc on_xmlrpc < <(start on --auth none)
# Each server made its own CA in its data directory.
ca_of() { echo "$work/$1/tls/ca.pem"; }

# The series each load moves on the server with metrics.
grpc_series='netlab_calls_total{code="OK",method="Add",protocol="grpc",service="netlab.calculator.v1.CalculatorService"}'
xmlrpc_series='netlab_calls_total{code="OK",method="add",protocol="xmlrpc",service="calculator"}'

# The value of one series in a scrape of a server (its name, its XML-RPC URL); fails when the
# server serves no metrics. --auth none: a scrape needs no token.
counted() {
  local name="$1" xmlrpc="$2" series="$3"
  curl -sf --cacert "$(ca_of "$name")" "${xmlrpc%/RPC2}/metrics" >"$work/scrape" || {
    echo "metrics-overhead: no metrics at ${xmlrpc%/RPC2}/metrics" >&2; return 1; }
  awk -v series="$series" 'index($0, series " ") == 1 { printf "%d\n", $NF; found = 1 }
    END { if (!found) print 0 }' "$work/scrape"
}

# Fails unless the count moved by the calls answered, plus at most those left in flight.
check_count() {
  local before="$1" after="$2" answered="$3" in_flight="$4" what="$5"
  local moved=$((after - before))
  if ((moved < answered || moved > answered + in_flight)); then
    echo "metrics-overhead: $what counted $moved calls for $answered answered" >&2
    exit 1
  fi
}

grpc_rate() { h2load_rate "$1" "$connections" "$streams"; }
xmlrpc_rate() { wrk_rate "$1" "$connections" xmlrpc; }

# One run of each protocol on one server; counts checked on the server with metrics.
measure() {
  local name="$1" grpc="$2" xmlrpc="$3" before
  local counting=false before after
  [[ "$name" == on ]] && counting=true
  if $counting; then before="$(counted on "$xmlrpc" "$grpc_series")"; fi
  rates[grpc,$name]+="$(grpc_rate "$grpc") "
  if $counting; then
    after="$(counted on "$xmlrpc" "$grpc_series")"
    check_count "$before" "$after" "$(cat "$work/answered")" $((connections * streams)) "gRPC Add"
    before="$(counted on "$xmlrpc" "$xmlrpc_series")"
  fi
  rates[xmlrpc,$name]+="$(xmlrpc_rate "$xmlrpc") "
  if $counting; then
    after="$(counted on "$xmlrpc" "$xmlrpc_series")"
    check_count "$before" "$after" "$(cat "$work/answered")" "$connections" "XML-RPC add"
  fi
}

if $prove_checks; then
  # Expect 6 where the server answers 5: each answer check must fail.
  sum=6
  if (check_grpc "$off_grpc" "$(ca_of off)") 2>/dev/null; then
    echo "metrics-overhead: the gRPC check took 5 for 6" >&2; exit 1
  fi
  if (xmlrpc_rate "$off_xmlrpc") >/dev/null 2>&1; then
    echo "metrics-overhead: the XML-RPC check took 5 for 6" >&2; exit 1
  fi
  # A count that moved by one call less, or by one more than can be in flight, must fail.
  if (check_count 0 99 100 "$connections" "a count short by one") 2>/dev/null ||
    (check_count 0 117 100 "$connections" "a count over by one") 2>/dev/null; then
    echo "metrics-overhead: the count check took a wrong count" >&2; exit 1
  fi
  # The server with --metrics off serves none, which the count check must notice.
  if (counted off "$off_xmlrpc" "$xmlrpc_series") >/dev/null 2>&1; then
    echo "metrics-overhead: --metrics off served metrics" >&2; exit 1
  fi
  echo "metrics-overhead: the answer and count checks reject wrong answers and counts"
  exit 0
fi

check_grpc "$off_grpc" "$(ca_of off)"
check_grpc "$on_grpc" "$(ca_of on)"

declare -A rates
configs=("off|$off_grpc|$off_xmlrpc" "on|$on_grpc|$on_xmlrpc")
# Warm both servers (their JIT needs two runs: the first round was a third slower after
# one), then interleave the rounds.
for warm_up in 1 2; do
  for config in "${configs[@]}"; do
    IFS='|' read -r name grpc xmlrpc <<<"$config"
    measure "$name" "$grpc" "$xmlrpc"
  done
done
unset rates
declare -A rates
for ((round = 0; round < rounds; round++)); do
  # Each round starts with another configuration, so none is always first.
  for ((i = 0; i < ${#configs[@]}; i++)); do
    IFS='|' read -r name grpc xmlrpc <<<"${configs[(round + i) % ${#configs[@]}]}"
    measure "$name" "$grpc" "$xmlrpc"
  done
done

# Each round measured both servers back to back, so the ratio within a round is free of the
# machine's drift between rounds (other tenants, frequency): its median is the second ratio.
paired_ratios() {
  paste <(tr ' ' '\n' <<<"$1" | grep .) <(tr ' ' '\n' <<<"$2" | grep .) |
    awk '{printf "%.4f ", $2 / $1}'
}
echo "| protocol | --metrics off | metrics on | ratio of medians | median of the rounds' ratios |"
echo "|---|---|---|---|---|"
for protocol in grpc xmlrpc; do
  off="$(median <<<"${rates[$protocol,off]}")"
  on="$(median <<<"${rates[$protocol,on]}")"
  paired="$(median <<<"$(paired_ratios "${rates[$protocol,off]}" "${rates[$protocol,on]}")")"
  awk -v p="$protocol" -v o="$off" -v n="$on" -v r="$paired" 'BEGIN {
    printf "| %s | %d | %d | %.3f | %.3f |\n", p, o, n, n / o, r }'
done
echo "(calls/s of calc.add, median of $rounds interleaved rounds of ${seconds} s," \
  "$connections connections; every answer and every count checked)"
for protocol in grpc xmlrpc; do
  for name in off on; do
    echo "rounds, $protocol, metrics $name: $(xargs printf '%.0f ' <<<"${rates[$protocol,$name]}")"
  done
done
