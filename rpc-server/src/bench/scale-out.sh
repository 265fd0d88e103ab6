#!/usr/bin/env bash
# One, two and three rpc-server processes on one throwaway PostgreSQL, called by one
# rpc-client bench whose --server lists them (gRPC over TLS, round_robin), in the same run:
# calls/s of calc.add (the servers' CPU only) and of phonebook.add (a durable write each),
# and the ratio of two and three servers to one. Every server, the client and the database
# share this machine's cores, so adding servers adds no CPU: the figures show what spreading
# costs and that it works, not how it scales on several machines (docs/scaling.md).
# Then the extra latency of a retry: phonebook.find over three servers, once undisturbed and
# once with one server killed (SIGKILL) in the middle; the calls under way on it fail
# UNAVAILABLE and are retried on another, so the run with the kill has no error and its
# slowest calls show what a retry adds.
# Checks: no call may fail, every server must answer a share of the calls of a run over
# several, and the rows added must equal the adds acknowledged.
#   usage: [BENCH_WARMUP=3s] scale-out.sh [ROUNDS] [SECONDS]
#          scale-out.sh --prove-checks   # the share check rejects a server left out
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
bench="$root/rpc-server/src/bench"
prove_checks=false
if [[ "${1:-}" == --prove-checks ]]; then
  prove_checks=true
  set -- 1 2
fi
rounds="${1:-3}"
seconds="${2:-10}"
warmup="${BENCH_WARMUP:-3s}"
pg_port=19434
for tool in psql python3; do
  command -v "$tool" >/dev/null || { echo "scale-out: $tool is not installed" >&2; exit 1; }
done

source "$bench/rpc-servers.sh"
chmod 711 "$work" # the cluster's owner (postgres, when run as root) must enter it
scratch_postgres() { TMPDIR="$work" NETLAB_CI_PGPORT="$pg_port" "$root/.ci/postgres" "$@"; }
trap 'stop_servers; scratch_postgres stop; rm -rf "$work"' EXIT
url="$(scratch_postgres start)"
[[ -n "$url" ]] || { echo "scale-out: PostgreSQL is not installed" >&2; exit 1; }
sql() { psql -X -q -At -h 127.0.0.1 -p "$pg_port" -U netlab -d postgres -c "$1"; }

# Three servers sharing one data directory (one CA, one admin token) and the database; the
# first makes the CA before the others start.
data_dir="$work/shared"
declare -a grpc pid
launch() {
  local i="$1"
  read -r grpc[i] _ < <(start "s$i" --store "$url" --served-by "s$i" --rate-limit 100000000/1s \
    --drain-delay 0)
  pid[i]="$(tail -n 1 "$work/pids")"
}
for i in 1 2 3; do launch "$i"; done
# The first N servers' URL list.
servers() {
  local list="" i
  for ((i = 1; i <= $1; i++)); do list+="${list:+,}${grpc[i]#grpcs://}"; done
  echo "grpcs://$list"
}

# One bench run: prints "calls/s p50 p99 p99.9 max"; checks errors, shares and rows.
#   run CALL SERVERS CALLERS [SHARES_OF]   (SHARES_OF: how many servers must each answer 20%)
run() {
  local call="$1" list="$2" callers="$3" shares="${4:-0}" json
  json="$(NETLAB_DATA_DIR="$data_dir" "$root/bin/rpc-client" --server "$list" --timeout 60s \
    bench --call "$call" -c "$callers" -d "${seconds}s" --warmup "$warmup" --json \
    2>"$work/bench.err")" ||
    { echo "scale-out: $call on $list: $json $(cat "$work/bench.err")" >&2; exit 1; }
  python3 - "$json" "$shares" >"$work/run.out" <<'PY' || { cat "$work/run.out" >&2; exit 1; }
import json, sys
r = json.loads(sys.argv[1]); shares = int(sys.argv[2])
errors = r["errorCount"] + r["warmupErrorCount"]
if errors:
    print(f"{errors} errors: {r['errors']}"); sys.exit(1)
served = r["servedBy"]; total = sum(served.values())
for name in [f"s{i}" for i in range(1, shares + 1)]:
    if served.get(name, 0) < 0.2 * total:
        print(f"server {name} answered {served.get(name, 0)} of {total} calls: {served}"); sys.exit(1)
l = r["latencyMillis"]
print(r["callsPerSecond"], l["p50"], l["p99"], l["p99.9"], l["max"],
      r["calls"] + r["warmupCalls"], (r["addedNamePrefix"] or "").lower())
PY
  read -r rate p50 p99 p999 max acknowledged prefix <"$work/run.out"
  if [[ -n "$prefix" ]]; then
    local rows
    rows="$(sql "SELECT COUNT(*) FROM phonebook_entries WHERE name_key LIKE '$prefix%'")"
    [[ "$rows" == "$acknowledged" ]] || {
      echo "scale-out: $acknowledged adds acknowledged, $rows rows added" >&2; exit 1; }
  fi
  echo "$rate $p50 $p99 $p999 $max"
}

if $prove_checks; then
  # Over a list of two, asking that a third server answer its share must fail.
  if (run calc.add "$(servers 2)" 4 3) 2>/dev/null; then
    echo "scale-out: the share check passed a server that took no call" >&2; exit 1
  fi
  run calc.add "$(servers 2)" 4 2 >/dev/null
  echo "scale-out: the share check rejects a server left out"
  exit 0
fi

declare -A rates
for ((round = 0; round < rounds; round++)); do
  for call in calc.add phonebook.add; do
    for n in 1 2 3; do
      read -r rate _ < <(run "$call" "$(servers "$n")" 64 "$n")
      [[ -n "$rate" ]] || exit 1 # the run failed, and said why
      rates[$call,$n]+="$rate "
    done
  done
done
echo "| call, 64 callers | 1 server calls/s | 2 servers | ratio | 3 servers | ratio |"
echo "|---|---|---|---|---|---|"
for call in calc.add phonebook.add; do
  one="$(median <<<"${rates[$call,1]}")"
  two="$(median <<<"${rates[$call,2]}")"
  three="$(median <<<"${rates[$call,3]}")"
  awk -v c="$call" -v a="$one" -v b="$two" -v d="$three" 'BEGIN {
    printf "| %s | %d | %d | %.2f | %d | %.2f |\n", c, a, b, b / a, d, d / a }'
done

# The retry: the same run undisturbed, then with s3 killed halfway, then s3 back.
declare -A latency
for ((round = 0; round < rounds; round++)); do
  latency[calm]+="$(run phonebook.find "$(servers 3)" 16 3 | cut -d' ' -f2-) "$'\n'
  (sleep "$(( ${warmup%s} + 2 + seconds / 2 ))"; kill -9 "${pid[3]}") &
  latency[kill]+="$(run phonebook.find "$(servers 3)" 16 | cut -d' ' -f2-) "$'\n'
  wait
  launch 3
done
echo
echo "| phonebook.find, 16 callers, 3 servers | p50 ms | p99 ms | p99.9 ms | max ms |"
echo "|---|---|---|---|---|"
for kind in calm kill; do
  label="undisturbed"
  [[ "$kind" == kill ]] && label="one server killed halfway"
  printf '| %s |' "$label"
  for column in 1 2 3 4; do
    printf ' %s |' "$(awk -v c="$column" 'NF {print $c}' <<<"${latency[$kind]}" | median)"
  done
  echo
done
