#!/usr/bin/env bash
# The vault server beside nginx, same machine, same files, same certificate, rounds
# interleaved: requests/s for a 1 KiB file over keep-alive connections (wrk), and MB/s for
# one large file (curl), each in plain HTTP and in HTTPS. Every answer is checked: wrk's
# through vault-get.lua (status 200 and the body's length, summed over its threads), curl's
# by the SHA-256 of what it received and its status; a wrong one fails the script. Needs
# wrk, curl and nginx (Debian packages wrk, curl, nginx), and bin/vault-server.
#   usage: vault-throughput.sh [ROUNDS] [SECONDS] [SIZE_MIB]   # defaults 3, 5, 256; 1024 for 1 GiB
#          vault-throughput.sh --prove-checks                  # each check rejects a wrong answer
# Everything lives under $BENCH_DIR (/tmp/vault-bench, the directory nginx-vault.conf names)
# and is stopped at the end.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
here="$root/socket-labs/src/bench"
prove_checks=false
if [[ "${1:-}" == --prove-checks ]]; then
  prove_checks=true
  set -- 1 1 8
fi
rounds="${1:-3}"
seconds="${2:-5}"
size_mib="${3:-256}"
bench="/tmp/vault-bench"
# Fixed ports below the kernel's ephemeral range (32768-60999), so no server on port 0 and no
# outgoing connection of another program can hold them.
vault_tls_port="${VAULT_TLS_PORT:-18444}"
vault_plain_port="${VAULT_PLAIN_PORT:-18445}"
nginx_plain_port=18480
nginx_tls_port=18481

nginx="$(command -v nginx || echo /usr/sbin/nginx)"
for program in wrk curl sha256sum "$nginx"; do
  if ! command -v "$program" >/dev/null; then
    echo "vault-throughput: $(basename "$program") is not installed" >&2
    exit 1
  fi
done

script=vault-throughput
source "$here/servers.sh"
require_free_ports "$vault_tls_port" "$vault_plain_port" "$nginx_plain_port" "$nginx_tls_port"


rm -rf "$bench"
mkdir -p "$bench/files" "$bench/nginx-temp" "$bench/data"
head -c 1024 /dev/urandom >"$bench/files/small.bin"
head -c "$((size_mib * 1024 * 1024))" /dev/urandom >"$bench/files/big.bin"
small_size=1024
big_sum="$(sha256sum <"$bench/files/big.bin" | cut -d' ' -f1)"
ca="$bench/data/tls/ca.pem"

# Waits until URL answers, or shows LOG and fails.
await() {
  local url="$1" log="$2" waited=0
  until curl -s -o /dev/null --cacert "$ca" "$url" 2>/dev/null; do
    ((waited++ < 600)) || { cat "$log" >&2; exit 1; }
    sleep 0.2
  done
}

start_vault() {
  # The TLS server first: it creates the CA and the certificate nginx uses too.
  "$root/bin/vault-server" --root "$bench/files" --port "$vault_tls_port" \
    --data-dir "$bench/data" >"$bench/vault-tls.log" 2>&1 &
  pids+=($!)
  local waited=0
  until [[ -s "$bench/data/tls/server.key" ]]; do
    ((waited++ < 3000)) || { cat "$bench/vault-tls.log" >&2; exit 1; }
    sleep 0.2
  done
  await "https://localhost:$vault_tls_port/small.bin" "$bench/vault-tls.log"
  "$root/bin/vault-server" --plaintext --root "$bench/files" --port "$vault_plain_port" \
    --data-dir "$bench/data" >"$bench/vault-plain.log" 2>&1 &
  pids+=($!)
  await "http://127.0.0.1:$vault_plain_port/small.bin" "$bench/vault-plain.log"
}

start_nginx() {
  "$nginx" -p "$bench" -c "$here/nginx-vault.conf" -e "$bench/error.log" &
  pids+=($!)
  await "http://127.0.0.1:$nginx_plain_port/small.bin" "$bench/error.log"
  await "https://localhost:$nginx_tls_port/small.bin" "$bench/error.log"
}

# requests/s of one wrk run; fails unless every answer was 200 with the expected body length.
rate() {
  local base="$1" expected="${2:-$small_size}"
  wrk -t 2 -c 16 -d "${seconds}s" -s "$here/vault-get.lua" "$base" -- /small.bin "$expected" \
    >"$bench/wrk.out"
  if ! grep -q '^wrong answers: 0$' "$bench/wrk.out" || grep -q 'Non-2xx' "$bench/wrk.out" ||
      grep -q '^answers checked: 0$' "$bench/wrk.out"; then
    cat "$bench/wrk.out" >&2
    return 1
  fi
  awk '/^Requests\/sec/ {print $2}' "$bench/wrk.out"
}

# MB/s of one curl download of big.bin; fails unless the status is 200 and the SHA-256 of
# what came is the file's.
throughput() {
  local base="$1" expected="${2:-$big_sum}" sum speed status
  sum="$(curl -sS --cacert "$ca" -w '%{stderr}%{speed_download} %{http_code}\n' \
    "$base/big.bin" 2>"$bench/curl.w" | sha256sum | cut -d' ' -f1)"
  read -r speed status <"$bench/curl.w"
  if [[ "$status" != 200 || "$sum" != "$expected" ]]; then
    echo "vault-throughput: wrong answer from $base/big.bin: status $status, sha256 $sum" >&2
    return 1
  fi
  awk -v s="$speed" 'BEGIN { printf "%.0f\n", s / 1e6 }'
}

if $prove_checks; then
  # nginx alone is enough to show that each check fails on a wrong answer: it runs before
  # vault-server exists, with a certificate of its own.
  command -v openssl >/dev/null || { echo "vault-throughput: openssl is not installed" >&2; exit 1; }
  mkdir -p "$bench/data/tls"
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 \
    -subj /CN=localhost -addext subjectAltName=DNS:localhost \
    -keyout "$bench/data/tls/server.key" -out "$bench/data/tls/server.pem" 2>/dev/null
  cp "$bench/data/tls/server.pem" "$ca"
  start_nginx
  plain="http://127.0.0.1:$nginx_plain_port"
  rate "$plain" >/dev/null || { echo "vault-throughput: the wrk check refused a right answer" >&2; exit 1; }
  throughput "$plain" >/dev/null ||
    { echo "vault-throughput: the curl check refused a right answer" >&2; exit 1; }
  if (rate "$plain" "$((small_size + 1))") >/dev/null 2>&1; then
    echo "vault-throughput: the wrk check took a body of the wrong length" >&2; exit 1
  fi
  mv "$bench/files/small.bin" "$bench/files/moved.bin"
  if (rate "$plain") >/dev/null 2>&1; then
    echo "vault-throughput: the wrk check took a 404" >&2; exit 1
  fi
  if (throughput "$plain" "$(echo wrong | sha256sum | cut -d' ' -f1)") >/dev/null 2>&1; then
    echo "vault-throughput: the curl check took a wrong checksum" >&2; exit 1
  fi
  mv "$bench/files/big.bin" "$bench/files/gone.bin"
  if (throughput "$plain") >/dev/null 2>&1; then
    echo "vault-throughput: the curl check took a 404" >&2; exit 1
  fi
  echo "vault-throughput: each check rejects a wrong answer (length, status, checksum)"
  exit 0
fi

start_vault
start_nginx
# Both servers read the files from memory.
cat "$bench/files/big.bin" >/dev/null

declare -A requests bytes
configs=("vault-server|http://127.0.0.1:$vault_plain_port|https://localhost:$vault_tls_port"
  "nginx|http://127.0.0.1:$nginx_plain_port|https://localhost:$nginx_tls_port")
for config in "${configs[@]}"; do
  IFS='|' read -r name plain tls <<<"$config"
  rate "$plain" >/dev/null
  rate "$tls" >/dev/null
done
for ((round = 0; round < rounds; round++)); do
  # Each round starts with the other server, so neither is always first.
  for ((i = 0; i < ${#configs[@]}; i++)); do
    IFS='|' read -r name plain tls <<<"${configs[(round + i) % ${#configs[@]}]}"
    requests[$name,http]+="$(rate "$plain") "
    requests[$name,https]+="$(rate "$tls") "
    bytes[$name,http]+="$(throughput "$plain") "
    bytes[$name,https]+="$(throughput "$tls") "
  done
done

median() { tr ' ' '\n' | grep . | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
echo "| measure | vault-server | nginx | ratio |"
echo "|---|---|---|---|"
for scheme in http https; do
  ours="$(median <<<"${requests[vault-server,$scheme]}")"
  theirs="$(median <<<"${requests[nginx,$scheme]}")"
  awk -v s="$scheme" -v o="$ours" -v t="$theirs" 'BEGIN {
    printf "| 1 KiB file, requests/s, %s, keep-alive | %d | %d | %.2f |\n", s, o, t, o / t }'
done
for scheme in http https; do
  ours="$(median <<<"${bytes[vault-server,$scheme]}")"
  theirs="$(median <<<"${bytes[nginx,$scheme]}")"
  awk -v s="$scheme" -v o="$ours" -v t="$theirs" -v m="$size_mib" 'BEGIN {
    printf "| %d MiB file, MB/s, %s | %d | %d | %.2f |\n", m, s, o, t, o / t }'
done
echo "(medians of $rounds interleaved rounds; wrk -t2 -c16 -d${seconds}s, every answer's status"
echo " and length checked; curl, every download's SHA-256 checked, hashed as it arrives;"
echo " nginx $("$nginx" -v 2>&1 | sed 's/.*nginx\///'), $(wrk -v 2>&1 | head -n 1 | cut -d' ' -f2), curl $(curl --version | head -n 1 | cut -d' ' -f2))"
