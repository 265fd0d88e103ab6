#!/usr/bin/env bash
# Start-up of the one-shot tools, as a person or a script calling them pays it: the median
# wall time and CPU time of RUNS calls (default 10) of each tool from bin/ against warm
# local servers, beside an independent client doing the same call in the same run.
#   usage: distribution/src/bench/startup.sh [RUNS] [CLIENT_BIN]
# CLIENT_BIN (default: this checkout's bin/) is where the measured clients are taken from,
# so that another checkout's launchers can be measured against the same servers.
# Needs python3 (timing, and its xmlrpc.client as a peer), curl, oathtool, node with the
# interop tests' node_modules (npm ci in interop-tests/src/test/node) for the gRPC peer.
# The first call of each tool records its JVM class cache (see docs/tools.md); it is
# made, and the cache built, before timing starts.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../../.."
root="$PWD"
runs="${1:-10}"
client_bin="$(cd "${2:-bin}" && pwd)"

work="$(mktemp -d)"
trap 'kill $(jobs -p) 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"' EXIT

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

wait_for_port() {
  for _ in $(seq 600); do
    if python3 -c "import socket,sys; socket.create_connection(('127.0.0.1',$1),1)" 2>/dev/null; then
      return 0
    fi
    sleep 0.5
  done
  echo "startup: nothing listens on port $1" >&2
  exit 1
}

echo "building the tools if needed..." >&2
bin/rpc-client --version >/dev/null
"$client_bin/rpc-client" --version >/dev/null

grpc_port="$(free_port)"
xmlrpc_port="$(free_port)"
bin/rpc-server --data-dir "$work/rpc" --grpc-port "$grpc_port" --xmlrpc-port "$xmlrpc_port" \
  >"$work/rpc-server.log" 2>&1 &
ca="$work/rpc/tls/ca.pem"

finger_port="$(free_port)"
printf 'user alice\nname Alice Liddell\nplan Down the rabbit hole.\n' >"$work/users"
bin/fingerd --port "$finger_port" --users "$work/users" --pid-file "$work/fingerd.pid" \
  >"$work/fingerd.log" 2>&1 &

ftp_port="$(free_port)"
mkdir -p "$work/ftp-root"
for i in $(seq 20); do echo "file $i" >"$work/ftp-root/file-$i.txt"; done
bin/ftpd --port "$ftp_port" --root "$work/ftp-root" --data-dir "$work/ftpd" \
  >"$work/ftpd.log" 2>&1 &

secret="JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
printf '%s\n' "$secret" >"$work/secret"
chmod 600 "$work/secret"

wait_for_port "$grpc_port"
wait_for_port "$xmlrpc_port"
wait_for_port "$finger_port"
wait_for_port "$ftp_port"

node_modules="$root/interop-tests/src/test/node/node_modules"
cat >"$work/grpc-add.js" <<'EOF'
// One Add call over gRPC/TLS with @grpc/grpc-js, then exit: a one-shot peer.
const fs = require('fs');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');
const [target, ca, protoRoot] = process.argv.slice(2);
const definition = protoLoader.loadSync('netlab/calculator/v1/calculator.proto',
  { includeDirs: [protoRoot] });
const proto = grpc.loadPackageDefinition(definition);
const client = new proto.netlab.calculator.v1.CalculatorService(target,
  grpc.credentials.createSsl(fs.readFileSync(ca)));
client.add({ x: 2, y: 3 }, { deadline: Date.now() + 10000 }, (error, reply) => {
  if (error) { console.error(error.message); process.exit(3); }
  console.log(reply.value);
  client.close();
});
EOF

cat >"$work/commands" <<EOF
rpc-client calc add, gRPC/TLS|$client_bin/rpc-client --server grpcs://localhost:$grpc_port --ca $ca calc add 2 3|NODE_PATH=$node_modules node $work/grpc-add.js localhost:$grpc_port $ca $root/proto/src/main/proto|node @grpc/grpc-js
rpc-client calc add, XML-RPC/HTTPS|$client_bin/rpc-client --server https://localhost:$xmlrpc_port/RPC2 --ca $ca calc add 2 3|python3 -c "import ssl,xmlrpc.client as x; print(x.ServerProxy('https://localhost:$xmlrpc_port/RPC2', context=ssl.create_default_context(cafile='$ca')).calculator.add(2,3))"|python3 xmlrpc.client
finger alice|$client_bin/finger --port $finger_port alice@localhost|python3 -c "import socket; s=socket.create_connection(('127.0.0.1',$finger_port)); s.sendall(b'alice\r\n'); print(s.makefile('rb').read().decode())"|python3 socket, 3 lines
ftp ls|$client_bin/ftp ls ftp://localhost:$ftp_port/|curl -s ftp://127.0.0.1:$ftp_port/|curl
totp code|$client_bin/totp code --quiet --secret-file $work/secret|oathtool --totp -b $secret|oathtool
EOF

echo "warming up: first calls record each tool's class cache..." >&2
while IFS='|' read -r label ours peer peer_name; do
  if ! bash -c "$ours" >"$work/out" 2>&1; then
    echo "startup: '$ours' failed:" >&2
    cat "$work/out" >&2
    exit 1
  fi
done <"$work/commands"
# The caches are built in the background: wait for them.
for _ in $(seq 240); do
  pgrep -f -- '-XX:AOTMode=create' >/dev/null || break
  sleep 0.5
done

python3 - "$runs" "$work/commands" <<'EOF'
import resource, statistics, subprocess, sys, time

runs = int(sys.argv[1])

def measure(command):
    walls, cpus = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.monotonic()
        done = subprocess.run(command, shell=True, capture_output=True)
        walls.append(time.monotonic() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
        if done.returncode != 0:
            sys.exit(f"startup: {command!r} exited {done.returncode}: {done.stderr.decode()[-400:]}")
    return statistics.median(walls), statistics.median(cpus)

print(f"median of {runs} calls each, seconds")
print(f"{'call':34} {'ours wall':>9} {'ours cpu':>9}   {'peer':22} {'wall':>6} {'cpu':>6}  ours/peer")
for line in open(sys.argv[2]):
    label, ours, peer, peer_name = line.rstrip("\n").split("|")
    ours_wall, ours_cpu = measure(ours)
    peer_wall, peer_cpu = measure(peer)
    print(f"{label:34} {ours_wall:9.3f} {ours_cpu:9.3f}   {peer_name:22} {peer_wall:6.3f} "
          f"{peer_cpu:6.3f}  {ours_wall / peer_wall:8.1f}x")
EOF
