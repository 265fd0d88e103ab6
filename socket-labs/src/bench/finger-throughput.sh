#!/usr/bin/env bash
# bin/fingerd beside a C server that answers one fixed answer (finger-fixed.c, the ceiling of
# a finger server here), same load generator (finger-load.c: CLIENTS threads, a new TCP
# connection per query, every answer compared byte for byte with the expected one), rounds
# interleaved, for both of fingerd's answer sources: a --users file, and the host's accounts
# (a copy of /etc/passwd with alice added, her home with a .plan, through --passwd). Each C
# server answers exactly what fingerd must answer for that source. Needs cc (Debian package
# gcc) and a JDK 21 or later for bin/fingerd. Ports 20000-20003; files under $BENCH_DIR.
#   usage: finger-throughput.sh [ROUNDS] [SECONDS] [CLIENTS]   # defaults 5, 5, 16
#          finger-throughput.sh --prove-checks                 # the check rejects a wrong answer
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
here="$root/socket-labs/src/bench"
prove_checks=false
if [[ "${1:-}" == --prove-checks ]]; then
  prove_checks=true
  set -- 1 1 2
fi
rounds="${1:-5}"
seconds="${2:-5}"
clients="${3:-16}"
bench="${BENCH_DIR:-/tmp/finger-bench}"
# Fixed ports below the kernel's ephemeral range (32768-60999).
ours_users_port=20000
ours_host_port=20001
fixed_users_port=20002
fixed_host_port=20003

if ! command -v cc >/dev/null; then
  echo "finger-throughput: cc is not installed (Debian package gcc)" >&2
  exit 1
fi
script=finger-throughput
source "$here/servers.sh"
require_free_ports "$ours_users_port" "$ours_host_port" "$fixed_users_port" "$fixed_host_port"


rm -rf "$bench"
mkdir -p "$bench/home/alice"
cc -O2 -Wall -o "$bench/finger-fixed" "$here/finger-fixed.c"
cc -O2 -Wall -pthread -o "$bench/finger-load" "$here/finger-load.c"

# The answers, written from what the sources say, not taken from a server: RFC 1288 lines
# end in CRLF; the layout is fingerd's short form (see docs/finger.md).
cat >"$bench/users" <<'USERS'
user alice
name Alice Liddell
home /home/alice
shell /bin/bash
plan Down the rabbit hole.
session pts/0 2026-11-21T09:00:00Z 192.0.2.7
USERS
{
  printf '%-39s Name: %s\r\n' "Login: alice" "Alice Liddell"
  printf '%-39s Shell: %s\r\n' "Directory: /home/alice" "/bin/bash"
  printf 'On since 2026-11-21 09:00 UTC on pts/0 from 192.0.2.7\r\n'
} >"$bench/users.answer"
{
  grep -v '^alice:' /etc/passwd
  echo "alice:x:$(id -u):$(id -g):Alice Liddell,,,:$bench/home/alice:/bin/bash"
} >"$bench/passwd"
echo 'Down the rabbit hole.' >"$bench/home/alice/.plan"
{
  printf '%-39s Name: %s\r\n' "Login: alice" "Alice Liddell"
  printf '%-39s Shell: %s\r\n' "Directory: $bench/home/alice" "/bin/bash"
  printf 'Not logged in.\r\n'
} >"$bench/host.answer"

# Runs the load for SECONDS with N clients against PORT; prints its line, fails on any wrong
# answer or error.
load() { # port seconds clients expected-file
  "$bench/finger-load" "$1" "$3" "$2" alice "$4"
}

# Waits until PORT gives the expected answer, or shows LOG and fails.
await() { # port expected-file log
  local waited=0
  until load "$1" 0.05 1 "$2" >/dev/null 2>&1; do
    if ((waited++ > 600)); then
      echo "finger-throughput: no right answer on port $1" >&2
      load "$1" 0.05 1 "$2" >&2 || true
      cat "$3" >&2
      exit 1
    fi
    sleep 0.2
  done
}

if $prove_checks; then
  # The C server alone shows that the check fails on a wrong answer: one that differs in a
  # byte, one a byte short, and no answer at all.
  "$bench/finger-fixed" "$fixed_users_port" "$bench/users.answer" & pids+=($!)
  await "$fixed_users_port" "$bench/users.answer" /dev/null
  load "$fixed_users_port" 0.2 2 "$bench/users.answer" >/dev/null ||
    { echo "finger-throughput: the check refused a right answer" >&2; exit 1; }
  sed 's/Alice/Alicf/' "$bench/users.answer" >"$bench/other.answer"
  head -c -1 "$bench/users.answer" >"$bench/short.answer"
  : >"$bench/empty.answer"
  for wrong in other short empty; do
    if load "$fixed_users_port" 0.2 2 "$bench/$wrong.answer" >/dev/null 2>&1; then
      echo "finger-throughput: the check took a wrong answer ($wrong)" >&2
      exit 1
    fi
  done
  kill "${pids[0]}"
  wait "${pids[0]}" 2>/dev/null || true
  if load "$fixed_users_port" 0.2 2 "$bench/users.answer" >/dev/null 2>&1; then
    echo "finger-throughput: the check took no server as a right answer" >&2
    exit 1
  fi
  echo "finger-throughput: the check rejects a wrong answer (a byte changed, a byte short, none)"
  exit 0
fi

"$root/bin/fingerd" --port "$ours_users_port" --users "$bench/users" \
  --pid-file "$bench/users.pid" >"$bench/fingerd-users.log" 2>&1 & pids+=($!)
"$root/bin/fingerd" --port "$ours_host_port" --passwd "$bench/passwd" --utmp "$bench/utmp" \
  --pid-file "$bench/host.pid" >"$bench/fingerd-host.log" 2>&1 & pids+=($!)
"$bench/finger-fixed" "$fixed_users_port" "$bench/users.answer" & pids+=($!)
"$bench/finger-fixed" "$fixed_host_port" "$bench/host.answer" & pids+=($!)
await "$ours_users_port" "$bench/users.answer" "$bench/fingerd-users.log"
await "$ours_host_port" "$bench/host.answer" "$bench/fingerd-host.log"
await "$fixed_users_port" "$bench/users.answer" /dev/null
await "$fixed_host_port" "$bench/host.answer" /dev/null

# name|source|port|expected answer
configs=("fingerd|users|$ours_users_port|$bench/users.answer"
  "fixed|users|$fixed_users_port|$bench/users.answer"
  "fingerd|host|$ours_host_port|$bench/host.answer"
  "fixed|host|$fixed_host_port|$bench/host.answer")
# Two warm-up runs each: the JIT compiles fingerd's path in the first.
for config in "${configs[@]}"; do
  IFS='|' read -r name source port expected <<<"$config"
  for _ in 1 2; do load "$port" "$seconds" "$clients" "$expected" >/dev/null; done
done
declare -A rates p50s p99s cores
for ((round = 0; round < rounds; round++)); do
  for source in users host; do
    # Each round starts with the other server, so neither is always first.
    order=(fingerd fixed)
    ((round % 2)) && order=(fixed fingerd)
    for name in "${order[@]}"; do
      for config in "${configs[@]}"; do
        IFS='|' read -r n s port expected <<<"$config"
        [[ "$n" == "$name" && "$s" == "$source" ]] || continue
        read -r _ rate _ p50 _ p99 _ _ _ _ _ _ _ core < <(load "$port" "$seconds" "$clients" "$expected")
        rates[$name,$source]+="$rate "
        p50s[$name,$source]+="$p50 "
        p99s[$name,$source]+="$p99 "
        cores[$name,$source]+="$core "
        echo "round $((round + 1)) $source $name: $rate queries/s, p50 $p50 us, p99 $p99 us" >&2
      done
    done
  done
done

median() { tr ' ' '\n' | grep . | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
echo "| answer source | fingerd queries/s | C fixed answer queries/s | ratio | fingerd p50 / p99 µs | C p50 / p99 µs |"
echo "|---|---|---|---|---|---|"
for source in users host; do
  label="--users file"
  [[ "$source" == host ]] && label="host accounts (--passwd)"
  awk -v l="$label" -v o="$(median <<<"${rates[fingerd,$source]}")" \
    -v t="$(median <<<"${rates[fixed,$source]}")" \
    -v op50="$(median <<<"${p50s[fingerd,$source]}")" -v op99="$(median <<<"${p99s[fingerd,$source]}")" \
    -v tp50="$(median <<<"${p50s[fixed,$source]}")" -v tp99="$(median <<<"${p99s[fixed,$source]}")" \
    'BEGIN { printf "| %s | %d | %d | %.2f | %d / %d | %d / %d |\n", l, o, t, o / t, op50, op99, tp50, tp99 }'
done
echo "(medians of $rounds interleaved rounds of ${seconds} s; $clients clients, a new connection per"
echo " query 'alice', every answer compared byte for byte; the load generator used a median of"
echo " $(median <<<"${cores[fingerd,users]} ${cores[fingerd,host]} ${cores[fixed,users]} ${cores[fixed,host]}") cores)"
