#!/usr/bin/env bash
# Our RPC server beside other servers, under the same independent load generators, in the
# same run, rounds interleaved. gRPC calc.add over TLS, loaded by h2load: bin/rpc-server,
# a grpc-java server written by the book (BookCalculatorServer.java: default builder and
# executor) and nginx answering a fixed HTTP/2 response (the ceiling of any server here).
# XML-RPC add(2, 3), loaded by wrk: bin/rpc-server over HTTPS, nginx's fixed answer over
# HTTPS, and the original lab's Python SimpleXMLRPCServer (plain HTTP/1.0, a connection per
# call, at its best concurrency of 4). Prints medians and ratios.
#
# Answers are checked: every wrk answer in every thread, and one gRPC call to each gRPC
# server with curl (h2load counts any HTTP 200 as a success); nginx's fixed gRPC answer is
# not a gRPC answer and is not checked. Any wrong answer or failed request fails the script.
#   usage: server-vs-peers.sh [ROUNDS] [SECONDS]
#          server-vs-peers.sh --prove-checks   # each check rejects a wrong answer
set -euo pipefail
shopt -s inherit_errexit
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
here="$root/rpc-server/src/bench"
prove_checks=false
if [[ "${1:-}" == --prove-checks ]]; then
  prove_checks=true
  set -- 1 2
fi
rounds="${1:-3}"
seconds="${2:-5}"
nginx="$(command -v nginx || echo /usr/sbin/nginx)"
for tool in h2load wrk curl python3 "$nginx"; do
  command -v "$tool" >/dev/null || { echo "server-vs-peers: $tool is not installed" >&2; exit 1; }
done

source "$here/rpc-servers.sh"

# Anonymous callers may use the calculator: no token, and no rate limit.
read -r ours_grpc ours_xmlrpc < <(start ours --rate-limit 1000000000/1s)
tls="$work/ours/tls"
cp "$tls/server.pem" "$work/cert.pem"
cp "$tls/server.key" "$work/key.pem"

# The by-the-book server on the JDK and jars our server runs on.
server_pid="$(head -n 1 "$work/pids")"
java="$(readlink "/proc/$server_pid/exe")"
lib="$(dirname "$(tr '\0' '\n' <"/proc/$server_pid/cmdline" | grep -A1 '^-cp$' | tail -n 1)")"
book_port="$(free_port)"
"$java" -cp "$lib/*" "$here/BookCalculatorServer.java" "$book_port" "$work/cert.pem" \
  "$work/key.pem" >"$work/book.log" 2>&1 &
echo $! >>"$work/pids"
book_grpc="grpcs://127.0.0.1:$book_port"

nginx_port="$(free_port)"
sed -e "s|WORK|$work|g" -e "s|PORT|$nginx_port|g" "$here/nginx-fixed-answers.conf" \
  >"$work/nginx.conf"
mkdir -p "$work/nginx-body"
"$nginx" -p "$work" -c "$work/nginx.conf" -e "$work/nginx-error.log" &
echo $! >>"$work/pids"
nginx_url="https://127.0.0.1:$nginx_port"

python_port="$(free_port)"
python3 "$here/python_add_server.py" "$python_port" >"$work/python.log" 2>&1 &
echo $! >>"$work/pids"
python_url="http://127.0.0.1:$python_port"

await_port "$book_port" "$work/book.log"
await_port "$nginx_port" "$work/nginx-error.log"
await_port "$python_port" "$work/python.log"

if $prove_checks; then
  # Right answers pass; expecting 6 where the servers answer 5, every check must fail.
  check_grpc "$ours_grpc" "$tls/ca.pem"
  check_grpc "$book_grpc" "$tls/ca.pem"
  wrk_rate "$python_url" 4 xmlrpc >/dev/null
  sum=6
  for url in "$ours_grpc" "$book_grpc"; do
    if (check_grpc "$url" "$tls/ca.pem") 2>/dev/null; then
      echo "server-vs-peers: the gRPC check took 5 for 6 from $url" >&2; exit 1
    fi
  done
  for url in "$ours_xmlrpc" "$nginx_url" "$python_url"; do
    if (wrk_rate "$url" 4 xmlrpc) >/dev/null 2>&1; then
      echo "server-vs-peers: the wrk check took 5 for 6 from $url" >&2; exit 1
    fi
  done
  echo "server-vs-peers: the gRPC and XML-RPC checks take right answers and reject wrong ones"
  exit 0
fi

check_grpc "$ours_grpc" "$tls/ca.pem"
check_grpc "$book_grpc" "$tls/ca.pem"

declare -A rates
# name|load|URL|connections|streams: h2load with streams, wrk without.
configs=(
  "ours|h2load|$ours_grpc|16|10" "book|h2load|$book_grpc|16|10" "nginx|h2load|$nginx_url|16|10"
  "ours|h2load|$ours_grpc|16|100" "book|h2load|$book_grpc|16|100" "nginx|h2load|$nginx_url|16|100"
  "ours|wrk|$ours_xmlrpc|32|" "nginx|wrk|$nginx_url|32|" "python|wrk|$python_url|4|"
)
measure() {
  IFS='|' read -r name load url connections streams <<<"$1"
  if [[ "$load" == h2load ]]; then
    rates[$name,grpc,$streams]+="$(h2load_rate "$url" "$connections" "$streams") "
  else
    rates[$name,xmlrpc]+="$(wrk_rate "$url" "$connections" xmlrpc) "
  fi
}
# Warm every server's JIT twice, for 3 s at least (a cold server may answer nothing in 1 s),
# then interleave the rounds, each starting elsewhere.
measured_seconds="$seconds"
seconds=$((seconds > 3 ? seconds : 3))
for config in "${configs[@]}" "${configs[@]}"; do measure "$config"; done
seconds="$measured_seconds"
unset rates
declare -A rates
for ((round = 0; round < rounds; round++)); do
  for ((i = 0; i < ${#configs[@]}; i++)); do
    measure "${configs[(round + i) % ${#configs[@]}]}"
  done
done

m() { median <<<"${rates[$1]}"; }
echo "| load | ours | by-the-book grpc-java | ratio | nginx, fixed answer | ratio |"
echo "|---|---|---|---|---|---|"
for streams in 10 100; do
  awk -v s="$streams" -v o="$(m "ours,grpc,$streams")" -v b="$(m "book,grpc,$streams")" \
    -v n="$(m "nginx,grpc,$streams")" 'BEGIN {
    printf "| gRPC Add, h2load 16 connections x %d streams | %d | %d | %.2f | %d | %.2f |\n",
      s, o, b, o / b, n, o / n }'
done
echo
echo "| load | ours | Python SimpleXMLRPCServer (4 connections) | ratio | nginx, fixed answer | ratio |"
echo "|---|---|---|---|---|---|"
awk -v o="$(m ours,xmlrpc)" -v p="$(m python,xmlrpc)" -v n="$(m nginx,xmlrpc)" 'BEGIN {
  printf "| XML-RPC add, wrk 32 connections | %d | %d | %.1f | %d | %.2f |\n",
    o, p, o / p, n, o / n }'
echo "(calls/s, medians of $rounds interleaved rounds of ${seconds} s, TLS except Python's server)"
for key in "${!rates[@]}"; do echo "rounds, $key: ${rates[$key]}"; done | sort
