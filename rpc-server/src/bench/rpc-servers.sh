# Shared by the RPC server's benchmark scripts, sourced after they set $root: a work directory,
# servers started on free ports and stopped at exit, and the gRPC request for calc.add(2, 3)
# with the answer it must get.
# shellcheck shell=bash
work="$(mktemp -d)"
# The servers start in subshells (each start runs in a process substitution), so their pids
# are kept in a file; at exit each is stopped and waited for, a few seconds at most.
stop_servers() {
  local pid waited
  for pid in $(cat "$work/pids" 2>/dev/null); do
    kill "$pid" 2>/dev/null || continue
    for ((waited = 0; waited < 100; waited++)); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
  done
}
trap 'stop_servers; rm -rf "$work"' EXIT

# Starts a server on free ports in its own data directory (or in $data_dir when set, which
# several servers may share); prints its two URLs.
start() {
  local name="$1"; shift
  "$root/bin/rpc-server" --data-dir "${data_dir:-$work/$name}" --grpc-port 0 --xmlrpc-port 0 \
    "$@" >"$work/$name.log" 2>&1 &
  echo $! >>"$work/pids"
  local grpc="" xmlrpc="" waited=0
  while [[ -z "$grpc" || -z "$xmlrpc" ]]; do
    ((waited++ < 600)) || { cat "$work/$name.log" >&2; exit 1; }
    sleep 1
    grpc="$(grep -o 'grpcs://[^ ]*' "$work/$name.log" | head -n 1 || true)"
    xmlrpc="$(grep -o 'https://[^ ]*/RPC2' "$work/$name.log" | head -n 1 || true)"
  done
  echo "$grpc $xmlrpc"
}

# The gRPC request: a 5-byte frame header, then BinaryOperation{x: 2, y: 3}.
python3 -c '
import struct, sys
message = b"\x09" + struct.pack("<d", 2.0) + b"\x11" + struct.pack("<d", 3.0)
sys.stdout.buffer.write(b"\x00" + struct.pack(">I", len(message)) + message)
' >"$work/add.bin"
# The answer a call must get: CalculationResult{value: SUM}, in hex.
grpc_answer() {
  python3 -c '
import struct, sys
message = b"\x09" + struct.pack("<d", float(sys.argv[1]))
print((b"\x00" + struct.pack(">I", len(message)) + message).hex())' "$1"
}
sum=5

# The scripts' name, for their messages.
me="${0##*/}"
me="${me%.sh}"

# Fails unless calc.add(2, 3), sent by curl exactly as h2load sends it, gets $sum with
# grpc-status 0: what h2load, which counts any HTTP 200 as a success, cannot check.
#   check_grpc URL CA [TOKEN]
check_grpc() {
  local url="$1" ca="$2" token="${3:-}" headers=() got
  [[ -n "$token" ]] && headers=(-H "authorization: Bearer $token")
  got="$(curl -s --http2 --cacert "$ca" -H 'content-type: application/grpc' -H 'te: trailers' \
    "${headers[@]}" --data-binary @"$work/add.bin" -D "$work/headers" \
    "${url/grpcs/https}/netlab.calculator.v1.CalculatorService/Add" | python3 -c '
import sys; print(sys.stdin.buffer.read().hex())')"
  if [[ "$got" != "$(grpc_answer "$sum")" ]] || ! grep -qi '^grpc-status: 0' "$work/headers"; then
    echo "$me: wrong gRPC answer from $url" >&2
    exit 1
  fi
}

# Calls/s of one h2load run of calc.add for $seconds; fails unless every request succeeded,
# and some did.
# Leaves the number of calls answered in $work/answered, and each call's start, status and
# microseconds in $work/h2load.log.
#   h2load_rate URL CONNECTIONS STREAMS [TOKEN]
h2load_rate() {
  local url="$1" connections="$2" streams="$3" token="${4:-}" headers=()
  [[ -n "$token" ]] && headers=(-H "authorization: Bearer $token")
  rm -f "$work/h2load.log" # h2load appends to it
  h2load -c "$connections" -m "$streams" -D "$seconds" -H 'content-type: application/grpc' \
    -H 'te: trailers' "${headers[@]}" -d "$work/add.bin" --log-file "$work/h2load.log" \
    "${url/grpcs/https}/netlab.calculator.v1.CalculatorService/Add" >"$work/h2load.out"
  grep -q ' 0 failed, 0 errored, 0 timeout' "$work/h2load.out" || {
    cat "$work/h2load.out" >&2; exit 1; }
  grep -o '[0-9]* succeeded' "$work/h2load.out" | awk '{print $1}' >"$work/answered"
  [[ "$(cat "$work/answered")" -gt 0 ]] || { cat "$work/h2load.out" >&2; exit 1; }
  grep -o 'finished in [^,]*, [0-9.]* req/s' "$work/h2load.out" | awk '{print $(NF-1)}'
}

# Calls/s of one wrk run of calc.add in FORM (xmlrpc or json) for $seconds; fails unless
# there were answers and every one, in every wrk thread, was $sum. Leaves the number of calls answered in
# $work/answered.
#   wrk_rate URL CONNECTIONS FORM [TOKEN]
wrk_rate() {
  local url="$1" connections="$2" form="$3" token="${4:--}"
  wrk -t 2 -c "$connections" -d "${seconds}s" --latency -s "$root/rpc-server/src/bench/calc-add.lua" \
    "${url%/RPC2}" -- "$form" "$token" "$sum" >"$work/wrk.out"
  grep -q '^wrong answers: 0$' "$work/wrk.out" || { cat "$work/wrk.out" >&2; exit 1; }
  if grep -q 'Non-2xx' "$work/wrk.out"; then cat "$work/wrk.out" >&2; exit 1; fi
  awk '/ requests in / {print $1}' "$work/wrk.out" >"$work/answered"
  # No answer at all would pass the check of each answer: a run must have some.
  [[ "$(cat "$work/answered")" -gt 0 ]] || { cat "$work/wrk.out" >&2; exit 1; }
  awk '/^Requests\/sec/ {print $2}' "$work/wrk.out"
}

# A port free on loopback now, for a peer that cannot take port 0.
free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
# Waits until something listens on PORT, or shows LOG and fails.
await_port() {
  local port="$1" log="$2" waited
  for ((waited = 0; waited < 600; waited++)); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && return 0
    sleep 0.2
  done
  cat "$log" >&2
  exit 1
}

median() { tr ' ' '\n' | grep . | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
