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

# Starts a server on free ports in its own data directory; prints its two URLs.
start() {
  local name="$1"; shift
  "$root/bin/rpc-server" --data-dir "$work/$name" --grpc-port 0 --xmlrpc-port 0 "$@" \
    >"$work/$name.log" 2>&1 &
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
