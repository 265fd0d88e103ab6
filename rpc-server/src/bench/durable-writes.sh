#!/usr/bin/env bash
# Durable writes against PostgreSQL's own pgbench on the same disk: phonebook.add through
# our server and client (rpc-client bench, gRPC over TLS) on the embedded SQLite store and
# on a throwaway PostgreSQL, beside pgbench inserting one row per transaction into a table
# shaped like the phonebook's, on that same PostgreSQL, at 16 and 64 callers, rounds
# interleaved. Every acknowledged write is synced before its answer on all three.
# Answers are checked: a pgbench transaction that failed or an error in our bench fails the
# script, and after every round the rows added must equal the writes acknowledged. Each bench
# run is a new JVM: it warms up for BENCH_WARMUP (10 s by default) before measuring, and the
# adds of its warm-up, which bench reports, are counted in the row check too.
# Beside the rates it prints the whole machine's CPU per write, sampled inside each measured
# phase: on two cores the load generator, the server and the database share it.
#   usage: [BENCH_WARMUP=10s] durable-writes.sh [ROUNDS] [SECONDS]
#          durable-writes.sh --prove-checks   # the row check rejects a wrong count
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
bench="$root/rpc-server/src/bench"
prove_checks=false
if [[ "${1:-}" == --prove-checks ]]; then
  prove_checks=true
  set -- 1 1
fi
rounds="${1:-3}"
seconds="${2:-10}"
warmup="${BENCH_WARMUP:-10s}"
[[ "$warmup" =~ ^[0-9]+s$ ]] || {
  echo "durable-writes: BENCH_WARMUP must be whole seconds, such as 10s" >&2; exit 2; }
if $prove_checks; then
  warmup=1s # short, but there: its adds must be counted for the check to pass
fi
pg_port=19432
for tool in pgbench psql sqlite3 python3; do
  command -v "$tool" >/dev/null || { echo "durable-writes: $tool is not installed" >&2; exit 1; }
done

source "$bench/rpc-servers.sh"
# The cluster lives in the work directory, which its owner (postgres, when run as root)
# must be able to enter.
chmod 711 "$work"
scratch_postgres() { TMPDIR="$work" NETLAB_CI_PGPORT="$pg_port" "$root/.ci/postgres" "$@"; }
trap 'stop_servers; scratch_postgres stop; rm -rf "$work"' EXIT
url="$(scratch_postgres start)"
[[ -n "$url" ]] || { echo "durable-writes: PostgreSQL is not installed" >&2; exit 1; }
sql() { psql -X -q -At -h 127.0.0.1 -p "$pg_port" -U netlab -d postgres -c "$1"; }

# pgbench's table is the phonebook's, with a sequence for names nobody took.
sql "CREATE TABLE pgbench_entries (name_key VARCHAR(400) NOT NULL PRIMARY KEY,
  name VARCHAR(400) NOT NULL, number VARCHAR(20) NOT NULL);
  CREATE SEQUENCE pgbench_names;"
cat >"$work/insert.sql" <<'EOF'
INSERT INTO pgbench_entries (name_key, name, number)
  SELECT 'pgbench-' || n, 'PgBench-' || n, '+1 555 0100' FROM nextval('pgbench_names') AS n
  ON CONFLICT (name_key) DO NOTHING;
EOF

read -r sqlite_grpc _ < <(start sqlite --rate-limit 100000000/1s)
read -r postgres_grpc _ < <(start postgres --store "$url" --rate-limit 100000000/1s)

# Rows in a table whose key starts with PREFIX, in the store STORE (sqlite or postgres).
rows() {
  local store="$1" table="$2" prefix="$3"
  local query="SELECT COUNT(*) FROM $table WHERE name_key LIKE '$prefix%'"
  if [[ "$store" == sqlite ]]; then
    sqlite3 "file:$work/sqlite/phonebook.db?mode=ro" "$query"
  else
    sql "$query"
  fi
}

# Fails unless ADDED rows were added where ACKNOWLEDGED writes were answered.
check_rows() {
  local what="$1" added="$2" acknowledged="$3"
  if [[ "$added" != "$acknowledged" ]]; then
    echo "durable-writes: $what: $acknowledged writes acknowledged, $added rows added" >&2
    exit 1
  fi
}

# The whole machine's busy CPU so far, in clock ticks: user, nice, system, irq, softirq and
# steal time from /proc/stat (idle and iowait left out).
machine_busy() { awk '/^cpu / {print $2 + $3 + $4 + $7 + $8 + $9}' /proc/stat; }

# In the background: the machine's busy CPU from FROM to TO seconds after now, written to
# $work/cpu.window as "ticks seconds". The window lies inside a run's measured phase, so that
# it leaves out JVM start-up and warm-up.
sample_machine() {
  local from="$1" to="$2"
  awk -v f="$from" -v t="$to" 'BEGIN { exit !(t - f >= 0.5) }' || to="$(awk -v f="$from" \
    'BEGIN { print f + 0.5 }')"
  (
    sleep "$from"
    start="$(machine_busy)"
    sleep "$(awk -v f="$from" -v t="$to" 'BEGIN { print t - f }')"
    echo "$(($(machine_busy) - start)) $(awk -v f="$from" -v t="$to" 'BEGIN { print t - f }')"
  ) >"$work/cpu.window" &
  sampler=$!
}

# Microseconds of the whole machine's CPU per write at RATE writes/s, from the last window.
cpu_per_write() {
  local rate="$1" ticks window
  wait "$sampler"
  read -r ticks window <"$work/cpu.window"
  awk -v t="$ticks" -v hz="$(getconf CLK_TCK)" -v w="$window" -v r="$rate" \
    'BEGIN { printf "%.0f", t / hz / w * 1e6 / r }'
}

# "adds/s cpu" of one rpc-client bench run on STORE with CALLERS, cpu being the machine's CPU
# in microseconds per add, client, server and database together; checks errors and rows.
ours() {
  local store="$1" callers="$2" server json
  server="$sqlite_grpc"
  [[ "$store" == postgres ]] && server="$postgres_grpc"
  # The measured phase starts after the JVM's start (about a second) and the warm-up.
  sample_machine "$((${warmup%s} + 2))" "$((${warmup%s} + seconds))"
  # A call slower than --timeout is an error; the default 10 s is short on a busy machine.
  json="$(NETLAB_DATA_DIR="$work/$store" "$root/bin/rpc-client" --server "$server" \
    --timeout 60s bench --call phonebook.add -c "$callers" -d "${seconds}s" --warmup "$warmup" \
    --json 2>&1)" || { echo "durable-writes: $store, $callers callers: $json" >&2; exit 1; }
  # Acknowledged adds: the warm-up's and the measured ones, each without an error.
  read -r calls errors rate prefix < <(python3 -c '
import json, sys
r = json.loads(sys.argv[1])
print(r["calls"] + r["warmupCalls"], r["errorCount"] + r["warmupErrorCount"],
      r["callsPerSecond"], r["addedNamePrefix"].lower())' "$json")
  if [[ "$errors" != 0 ]]; then
    echo "durable-writes: $store, $callers callers: $errors errors: $json" >&2
    exit 1
  fi
  check_rows "$store, $callers callers" "$(rows "$store" phonebook_entries "$prefix")" "$calls"
  echo "$rate $(cpu_per_write "$rate")"
}

# "transactions/s cpu" of one pgbench run with CLIENTS, cpu as for ours(); checks failures
# and rows.
peer() {
  local clients="$1" before processed rate
  before="$(rows postgres pgbench_entries pgbench-)"
  sample_machine 1 "$((seconds - 1))"
  pgbench -n -M prepared -f "$work/insert.sql" -c "$clients" -j 2 -T "$seconds" \
    -h 127.0.0.1 -p "$pg_port" -U netlab postgres >"$work/pgbench.out" 2>&1 || {
    cat "$work/pgbench.out" >&2; exit 1; }
  if grep -q '^number of failed transactions: [1-9]' "$work/pgbench.out"; then
    cat "$work/pgbench.out" >&2; exit 1
  fi
  processed="$(awk -F': ' '/^number of transactions actually processed/ {print $2}' \
    "$work/pgbench.out" | cut -d/ -f1)"
  if [[ -z "$processed" || "$processed" == 0 ]]; then
    echo "durable-writes: pgbench, $clients clients: no transaction in ${seconds} s" >&2
    cat "$work/pgbench.out" >&2; exit 1
  fi
  check_rows "pgbench, $clients clients" \
    "$(($(rows postgres pgbench_entries pgbench-) - before))" "$processed"
  rate="$(awk '/^tps = / {print $3}' "$work/pgbench.out")"
  echo "$rate $(cpu_per_write "$rate")"
}

if $prove_checks; then
  # A round whose acknowledged count is off by one must fail the row check.
  ours sqlite 1 >/dev/null
  if (check_rows "proof" "$(rows sqlite phonebook_entries bench-)" \
      "$(($(rows sqlite phonebook_entries bench-) + 1))") 2>/dev/null; then
    echo "durable-writes: the row check took a wrong count" >&2; exit 1
  fi
  echo "durable-writes: the row check rejects a wrong count"
  exit 0
fi

declare -A rates cpus
configs=(pgbench sqlite postgres)
# Warm all three, then interleave the rounds.
peer 16 >/dev/null
ours sqlite 16 >/dev/null
ours postgres 16 >/dev/null
for ((round = 0; round < rounds; round++)); do
  for callers in 16 64; do
    # Each round starts with another configuration, so none is always first.
    for ((i = 0; i < ${#configs[@]}; i++)); do
      config="${configs[(round + i) % ${#configs[@]}]}"
      if [[ "$config" == pgbench ]]; then
        read -r rate cpu < <(peer "$callers")
      else
        read -r rate cpu < <(ours "$config" "$callers")
      fi
      [[ -n "$cpu" ]] || exit 1 # the run failed, and said why
      rates[$config,$callers]+="$rate "
      cpus[$config,$callers]+="$cpu "
    done
  done
done

median() { tr ' ' '\n' | grep . | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
echo "| callers | pgbench | ours, SQLite | ratio | ours, PostgreSQL | ratio |"
echo "|---|---|---|---|---|---|"
for callers in 16 64; do
  peer_rate="$(median <<<"${rates[pgbench,$callers]}")"
  sqlite_rate="$(median <<<"${rates[sqlite,$callers]}")"
  postgres_rate="$(median <<<"${rates[postgres,$callers]}")"
  awk -v c="$callers" -v p="$peer_rate" -v s="$sqlite_rate" -v q="$postgres_rate" 'BEGIN {
    printf "| %d | %d | %d | %.2f | %d | %.2f |\n", c, p, s, s / p, q, q / p }'
done
echo "(durable writes/s: pgbench one-row INSERT transactions, ours phonebook.add over gRPC/TLS;"
echo " median of $rounds interleaved rounds of ${seconds} s; rows checked after every round)"
echo
echo "| callers | pgbench | ours, SQLite | ours, PostgreSQL |"
echo "|---|---|---|---|"
for callers in 16 64; do
  echo "| $callers | $(median <<<"${cpus[pgbench,$callers]}") |" \
    "$(median <<<"${cpus[sqlite,$callers]}") | $(median <<<"${cpus[postgres,$callers]}") |"
done
echo "(the whole machine's busy CPU per durable write, in microseconds: load generator, server"
echo " and database together, sampled inside each measured phase; medians)"
