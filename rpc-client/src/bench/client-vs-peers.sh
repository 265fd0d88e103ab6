#!/usr/bin/env bash
# Our client library beside independent load generators, on one server, in the same run,
# rounds interleaved: `rpc-client bench` on the asynchronous API with one connection beside
# h2load (nghttp2-client) with one connection, for gRPC calc.add with 1, 4, 16 and 64 calls
# in flight; and beside wrk for XML-RPC calc.add on 16 connections. Prints the medians, the
# ratios ours/peer, the p50 and p99 of each, and the CPU each load generator used (h2load
# and wrk from their processes' CPU time; ours as bench reports it for its measuring phase). With a
# third argument, also draws latency against throughput for both gRPC load generators as
# an SVG chart.
#
# Every answer is checked and any error fails the script: bench counts a wrong answer as an
# error, wrk's script checks every body, and h2load's request is checked once with curl.
#   usage: client-vs-peers.sh [ROUNDS] [SECONDS] [CHART.svg]
#          client-vs-peers.sh --prove-checks   # each check rejects a wrong answer
set -euo pipefail
shopt -s inherit_errexit
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
here="$root/rpc-client/src/bench"
prove_checks=false
if [[ "${1:-}" == --prove-checks ]]; then
  prove_checks=true
  set -- 1 2
fi
rounds="${1:-3}"
seconds="${2:-5}"
chart="${3:-}"
# Each bench run is a new JVM: its JIT needs about 10 s of calls before the client costs what
# it costs warm (3 s left it at twice the CPU per call). h2load and wrk need none.
warmup="${BENCH_WARMUP:-10s}"
for tool in h2load wrk curl python3; do
  command -v "$tool" >/dev/null || { echo "client-vs-peers: $tool is not installed" >&2; exit 1; }
done

source "$root/rpc-server/src/bench/rpc-servers.sh"

# Anonymous callers may use the calculator: no token on either side, and no rate limit.
read -r grpc xmlrpc < <(start server --rate-limit 1000000000/1s)
ca="$work/server/tls/ca.pem"
in_flight_levels=(1 4 16 64)
xmlrpc_connections=16

# Runs a command, a function of this script too, with its output in $work/run.out; prints
# the CPU cores its processes used over its run: the growth of this shell's CPU time of
# waited-for children (fields 16 and 17 of /proc/PID/stat), over the time it ran.
cores_of() {
  local shell="$BASHPID" ticks before after start end
  ticks="$(getconf CLK_TCK)"
  before="$(awk '{print $16 + $17}' "/proc/$shell/stat")"
  start="$(date +%s%N)"
  "$@" >"$work/run.out"
  end="$(date +%s%N)"
  after="$(awk '{print $16 + $17}' "/proc/$shell/stat")"
  awk -v t="$((after - before))" -v hz="$ticks" -v ns="$((end - start))" \
    'BEGIN { printf "%.2f", t / hz / (ns / 1e9) }'
}

# p50 and p99 in ms of h2load's per-request log (its third column is microseconds).
h2load_percentiles() {
  python3 -c '
import sys
micros = sorted(int(line.split("\t")[2]) for line in open(sys.argv[1]) if line.strip())
pick = lambda q: micros[min(len(micros) - 1, int(q * len(micros)))] / 1000
print("%.3f %.3f" % (pick(0.50), pick(0.99)))' "$work/h2load.log"
}

# One h2load run with IN_FLIGHT streams on one connection: "calls/s p50 p99 cores".
h2load_point() {
  local in_flight="$1" cores rate
  cores="$(cores_of h2load_rate "$grpc" 1 "$in_flight")" || exit 1
  rate="$(cat "$work/run.out")"
  echo "$rate $(h2load_percentiles) $cores"
}

# One wrk run on $xmlrpc_connections connections: "calls/s p50 p99 cores".
wrk_point() {
  local cores rate
  cores="$(cores_of wrk_rate "$xmlrpc" "$xmlrpc_connections" xmlrpc)" || exit 1
  rate="$(cat "$work/run.out")"
  awk -v rate="$rate" -v cores="$cores" '
    function ms(v) { return v ~ /us$/ ? v / 1000 : v ~ /ms$/ ? v + 0 : v * 1000 }
    $1 == "50%" { p50 = ms($2) } $1 == "99%" { p99 = ms($2) }
    END { printf "%s %.3f %.3f %s\n", rate, p50, p99, cores }' "$work/wrk.out"
}

# One run of our bench: "calls/s p50 p99 cores"; fails on any error, wrong answers included.
# (Each step ends in "|| exit 1": errexit does not reach into functions run as a condition.)
bench_point() {
  local url="$1" callers="$2"
  "$root/bin/rpc-client" bench --json --server "$url" --ca "$ca" --call calc.add \
    -c "$callers" --connections 1 --api async --duration "${seconds}s" --warmup "$warmup" \
    >"$work/bench.json" || exit 1
  python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))
if r["errorCount"] != 0 or r["calls"] == 0:
    sys.exit("client-vs-peers: bench saw errors or made no call: %s" % r["errors"])
l = r["latencyMillis"]
print(r["callsPerSecond"], l["p50"], l["p99"], r["clientCpuCores"])' "$work/bench.json" || exit 1
}

if $prove_checks; then
  # The checks take the server's right answers (5 to add(2, 3)); expecting 6, they must fail.
  check_grpc "$grpc" "$ca"
  wrk_point >/dev/null
  sum=6
  if (check_grpc "$grpc" "$ca") 2>/dev/null; then
    echo "client-vs-peers: the check of h2load's request took 5 for 6" >&2; exit 1
  fi
  if (wrk_point) >/dev/null 2>&1; then
    echo "client-vs-peers: the wrk check took 5 for 6" >&2; exit 1
  fi
  sum=5
  # Our bench against a server whose add is one off (Python's SimpleXMLRPCServer, plain
  # HTTP): every answer is wrong, so the run must fail.
  wrong_port="$(free_port)"
  python3 -c '
import sys
from xmlrpc.server import SimpleXMLRPCServer
server = SimpleXMLRPCServer(("127.0.0.1", int(sys.argv[1])), logRequests=False)
server.register_function(lambda x, y: float(x + y + 1), "calculator.add")
server.serve_forever()' "$wrong_port" &
  echo $! >>"$work/pids"
  await_port "$wrong_port" /dev/null
  if (bench_point "http://127.0.0.1:$wrong_port/RPC2" 2) >/dev/null 2>&1; then
    echo "client-vs-peers: bench took a wrong sum for a right one" >&2; exit 1
  fi
  grep -q '"wrong answer"' "$work/bench.json" || {
    echo "client-vs-peers: bench did not name the wrong answers" >&2; exit 1; }
  echo "client-vs-peers: the curl, wrk and bench checks each reject a wrong answer"
  exit 0
fi

check_grpc "$grpc" "$ca"

declare -A points
# Each load generator's run for one configuration, as "calls/s p50 p99 cores".
run() {
  case "$1" in
    h2load) h2load_point "$2" ;;
    bench-grpc) bench_point "$grpc" "$2" ;;
    wrk) wrk_point ;;
    bench-xmlrpc) bench_point "$xmlrpc" "$xmlrpc_connections" ;;
  esac
}
configs=()
for level in "${in_flight_levels[@]}"; do configs+=("h2load $level" "bench-grpc $level"); done
configs+=("wrk $xmlrpc_connections" "bench-xmlrpc $xmlrpc_connections")

# Warm the server's JIT on both protocols, then interleave: each round runs every
# configuration, the peer and ours back to back, starting each round elsewhere in the list.
run h2load 16 >/dev/null
run wrk 0 >/dev/null
for ((round = 0; round < rounds; round++)); do
  for ((i = 0; i < ${#configs[@]}; i++)); do
    read -r generator level <<<"${configs[(round * 2 + i) % ${#configs[@]}]}"
    points[$generator,$level]+="$(run "$generator" "$level");"
  done
done

# The median of field N (1: calls/s, 2: p50, 3: p99, 4: cores) of one configuration's rounds.
field() { tr ';' '\n' <<<"${points[$1]}" | grep . | awk -v n="$2" '{print $n}' | median; }

echo "| protocol | in flight | ours calls/s | peer calls/s | ratio | ours p50 ms | peer p50 ms | ours p99 ms | peer p99 ms | ours cores | peer cores |"
echo "|---|---|---|---|---|---|---|---|---|---|---|"
row() {
  local protocol="$1" level="$2" ours="$3" peer="$4"
  awk -v p="$protocol" -v l="$level" \
    -v or="$(field "$ours,$level" 1)" -v pr="$(field "$peer,$level" 1)" \
    -v o50="$(field "$ours,$level" 2)" -v p50="$(field "$peer,$level" 2)" \
    -v o99="$(field "$ours,$level" 3)" -v p99="$(field "$peer,$level" 3)" \
    -v oc="$(field "$ours,$level" 4)" -v pc="$(field "$peer,$level" 4)" 'BEGIN {
    printf "| %s | %s | %d | %d | %.2f | %.3f | %.3f | %.3f | %.3f | %.2f | %.2f |\n",
      p, l, or, pr, or / pr, o50, p50, o99, p99, oc, pc }'
}
for level in "${in_flight_levels[@]}"; do row "gRPC, 1 connection" "$level" bench-grpc h2load; done
row "XML-RPC, 16 connections" "$xmlrpc_connections" bench-xmlrpc wrk
echo "(calc.add over TLS on one bin/rpc-server; medians of $rounds interleaved rounds of" \
  "${seconds} s; ours: rpc-client bench --api async; peers: h2load -c1 -mN, wrk -t2 -c16)"
for config in "${configs[@]}"; do
  read -r generator level <<<"$config"
  echo "rounds, $generator, $level: ${points[$generator,$level]}"
done

if [[ -n "$chart" ]]; then
  for level in "${in_flight_levels[@]}"; do
    for generator in bench-grpc h2load; do
      printf '%s\t%s\t%s\t%s\t%s\n' "$generator" "$level" "$(field "$generator,$level" 1)" \
        "$(field "$generator,$level" 2)" "$(field "$generator,$level" 3)"
    done
  done >"$work/points.tsv"
  python3 "$here/latency-chart.py" "$work/points.tsv" "$chart" \
    "gRPC calc.add over TLS, one connection: latency against throughput"
  echo "chart: $chart"
fi
