#!/usr/bin/env bash
# Whole payments of the payment lab (pay bench: LIST, a signed offer to the payee's own server
# over mutual TLS, the payee's countersignature and SETTLE, the reply passed back) against
# bin/pay-server on its SQLite ledger and on a throwaway PostgreSQL, beside pgbench running the
# ledger's own transfer transaction (lock both accounts, conditional debit, credit, one row
# written) on that same PostgreSQL: the database's ceiling for one transfer per transaction.
# Every settlement and every pgbench transaction is synced before its answer. Rounds are
# interleaved. Checked: pay bench fails when a payment fails or when its users' balances no
# longer add up after the run; pgbench fails on a failed transaction. Needs pgbench and psql
# (Debian package postgresql) and a JDK 21 or later for bin/. Ports 20010, 20011 and 19442.
#   usage: pay-throughput.sh [ROUNDS] [SECONDS] [PAYERS]   # defaults 3, 10, 16
#          pay-throughput.sh --prove-checks                # the balance check rejects a wrong total,
#                                                          # and each configuration runs once
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
here="$root/socket-labs/src/bench"
prove_checks=false
if [[ "${1:-}" == --prove-checks ]]; then
  prove_checks=true
  set -- 1 1 2
fi
rounds="${1:-3}"
seconds="${2:-10}"
payers="${3:-16}"
sqlite_port=20010
postgres_port=20011
pg_port=19442
for tool in pgbench psql; do
  command -v "$tool" >/dev/null || {
    echo "pay-throughput: $tool is not installed (Debian package postgresql)" >&2; exit 1; }
done
script=pay-throughput
source "$here/servers.sh"
require_free_ports "$sqlite_port" "$postgres_port" "$pg_port"

# Builds bin/ first when its sources changed, so no server start waits for a build.
"$root/bin/pay" --version >/dev/null

work="$(mktemp -d)"
# The cluster lives in the work directory, which its owner (postgres, when run as root) must
# be able to enter.
chmod 711 "$work"
scratch_postgres() { TMPDIR="$work" NETLAB_CI_PGPORT="$pg_port" "$root/.ci/postgres" "$@"; }
trap 'stop_servers; scratch_postgres stop; rm -rf "$work"' EXIT
url="$(scratch_postgres start)"
[[ -n "$url" ]] || { echo "pay-throughput: PostgreSQL is not installed" >&2; exit 1; }
psql -X -q -h 127.0.0.1 -p "$pg_port" -U netlab -d postgres -c "CREATE DATABASE ledger"

# Starts bin/pay-server on PORT with its own data directory; waits until it serves.
start() { # name port [options...]
  local name="$1" port="$2"
  shift 2
  mkdir -p "$work/$name"
  "$root/bin/pay-server" --port "$port" --data-dir "$work/$name" --opening-balance 1000 "$@" \
    >"$work/$name.log" 2>&1 &
  pids+=($!)
  local waited=0
  until grep -q '^pay-server on' "$work/$name.log"; do
    if ((waited++ > 600)) || ! kill -0 "${pids[-1]}" 2>/dev/null; then
      echo "pay-throughput: pay-server ($name) did not start:" >&2
      cat "$work/$name.log" >&2
      exit 1
    fi
    sleep 0.1
  done
}
start sqlite "$sqlite_port"
start postgres "$postgres_port" --ledger "${url/\/postgres?/\/ledger?}"

# "settlements/s p50 p99" of one pay bench run against NAME's server; fails when bench fails.
ours() { # name port [bench options...]
  local name="$1" port="$2"
  shift 2
  "$root/bin/pay" bench --server "127.0.0.1:$port" --data-dir "$work/$name" \
    --users "$payers" --payers "$payers" --duration "${seconds}s" --warmup 2s --json "$@" \
    >"$work/bench.json" 2>"$work/bench.err" || {
    cat "$work/bench.json" "$work/bench.err" >&2; return 1; }
  sed 's/.*"settlementsPerSecond":\([0-9.]*\).*"p50Millis":\([0-9.]*\),"p99Millis":\([0-9.]*\).*/\1 \2 \3/' \
    "$work/bench.json"
}

# The peer's transfer, as the ledger makes it: both accounts locked in order, a debit only
# when the balance covers it, a credit, one row written, one synced commit.
psql -X -q -h 127.0.0.1 -p "$pg_port" -U netlab -d postgres -c "
  CREATE TABLE pgbench_pay_accounts (id INT PRIMARY KEY, balance BIGINT NOT NULL CHECK (balance >= 0));
  INSERT INTO pgbench_pay_accounts SELECT n, 100000 FROM generate_series(1, $payers) AS n;
  CREATE TABLE pgbench_pay_entries (id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    payer INT NOT NULL, payee INT NOT NULL, amount BIGINT NOT NULL)"
cat >"$work/transfer.sql" <<SQL
\set a random(1, $payers)
\set b random(1, $payers - 1)
\set b case when :b >= :a then :b + 1 else :b end
BEGIN;
SELECT id FROM pgbench_pay_accounts WHERE id IN (:a, :b) ORDER BY id FOR UPDATE;
UPDATE pgbench_pay_accounts SET balance = balance - 1 WHERE id = :a AND balance >= 1;
UPDATE pgbench_pay_accounts SET balance = balance + 1 WHERE id = :b;
INSERT INTO pgbench_pay_entries (payer, payee, amount) VALUES (:a, :b, 1);
END;
SQL
# "transactions/s" of one pgbench run; fails on a failed transaction.
peer() {
  pgbench -n -M prepared -f "$work/transfer.sql" -c "$payers" -j 2 -T "$seconds" \
    -h 127.0.0.1 -p "$pg_port" -U netlab postgres >"$work/pgbench.out" 2>&1 || {
    cat "$work/pgbench.out" >&2; return 1; }
  if grep -q '^number of failed transactions: [1-9]' "$work/pgbench.out"; then
    cat "$work/pgbench.out" >&2; return 1
  fi
  awk '/^tps = / {print $3}' "$work/pgbench.out"
}

if $prove_checks; then
  # A bench told to expect one cent more than its users hold must fail; the same bench told
  # the truth, on each ledger, and the peer's transfer script must pass.
  if ours sqlite "$sqlite_port" --check-offset 1 >/dev/null 2>&1; then
    echo "pay-throughput: the balance check took a wrong total" >&2; exit 1
  fi
  ours sqlite "$sqlite_port" >/dev/null
  ours postgres "$postgres_port" >/dev/null
  peer >/dev/null
  echo "pay-throughput: the balance check rejects a wrong total"
  exit 0
fi

declare -A runs
configs=(pgbench sqlite postgres)
for ((round = 0; round < rounds; round++)); do
  # Each round starts with another configuration, so none is always first.
  for ((i = 0; i < ${#configs[@]}; i++)); do
    config="${configs[(round + i) % ${#configs[@]}]}"
    case "$config" in
      pgbench) result="$(peer)" ;;
      sqlite) result="$(ours sqlite "$sqlite_port")" ;;
      postgres) result="$(ours postgres "$postgres_port")" ;;
    esac
    runs[$config]+="$result"$'\n'
  done
done

# The run with the median rate, whole (its latencies with it).
median_run() { grep . | sort -n | awk '{a[NR]=$0} END {print a[int((NR+1)/2)]}'; }
read -r peer_rate < <(median_run <<<"${runs[pgbench]}")
read -r sqlite_rate sqlite_p50 sqlite_p99 < <(median_run <<<"${runs[sqlite]}")
read -r postgres_rate postgres_p50 postgres_p99 < <(median_run <<<"${runs[postgres]}")
echo "| $payers payers | settlements/s | ratio to pgbench | payment p50 | payment p99 |"
echo "|---|---|---|---|---|"
awk -v p="$peer_rate" -v s="$sqlite_rate" -v q="$postgres_rate" \
  -v s50="$sqlite_p50" -v s99="$sqlite_p99" -v q50="$postgres_p50" -v q99="$postgres_p99" 'BEGIN {
  printf "| pgbench transfer, PostgreSQL | %d | 1 | | |\n", p
  printf "| ours, SQLite ledger | %d | %.2f | %.1f ms | %.1f ms |\n", s, s / p, s50, s99
  printf "| ours, PostgreSQL ledger | %d | %.2f | %.1f ms | %.1f ms |\n", q, q / p, q50, q99 }'
echo "(median of $rounds interleaved rounds of ${seconds} s; ours: whole payments from pay bench,"
echo " payer to payee to server and back; pgbench: the ledger's transfer transaction alone)"
