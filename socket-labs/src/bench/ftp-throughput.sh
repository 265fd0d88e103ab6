#!/usr/bin/env bash
# Download and upload throughput of one file on loopback, measured with curl, against
# bin/ftpd and vsftpd side by side, rounds interleaved (each round starts with another
# server). Every transfer is checked: a download, received into memory (/dev/shm, so that
# neither a disk nor a hash slows the transfer), by its size and SHA-256 against the file
# served, an upload's stored file (size and SHA-256) against the file sent;
# a wrong one fails the script. bin/ftpd syncs each upload to the disk before its 226;
# vsftpd does not, so bin/ftpd --no-sync runs beside them too. Between transfers the disk is
# synced (untimed), so that no transfer pays for the writeback of the one before. Needs curl,
# sha256sum and vsftpd (Debian packages curl, coreutils, vsftpd), run as root so vsftpd can
# start. Ports 54021, 54022, 54031 and 54100-54399; files under $BENCH_DIR.
#   usage: ftp-throughput.sh [SIZE_MIB] [ROUNDS]     # defaults 1024, 3
#          ftp-throughput.sh --prove-checks          # each check rejects a wrong transfer
set -euo pipefail

prove_checks=false
if [[ "${1:-}" == --prove-checks ]]; then
  prove_checks=true
  set -- 4 1
fi
size_mib="${1:-1024}"
rounds="${2:-3}"
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
bench="${BENCH_DIR:-/tmp/ftp/bench}"
ours_port="${OURS_PORT:-54021}"
nosync_port="$((ours_port + 1))"
vs_port="${VSFTPD_PORT:-54031}"

# The peers, found where Debian installs them or on PATH; nothing runs without them.
vsftpd="$(command -v vsftpd || echo /usr/sbin/vsftpd)"
for program in curl sha256sum "$vsftpd"; do
  if ! command -v "$program" >/dev/null; then
    echo "ftp-throughput: $(basename "$program") is not installed" >&2
    exit 3
  fi
done
script=ftp-throughput
source "$repo/socket-labs/src/bench/servers.sh"
require_free_ports "$ours_port" "$nosync_port" "$vs_port"

received="/dev/shm/ftp-throughput.$$"
trap 'stop_servers; rm -f "$received"' EXIT

rm -rf "$bench"
mkdir -p "$bench/ours/up" "$bench/nosync/up" "$bench/vsftpd/up" "$bench/empty" "$bench/data"
head -c "$((size_mib * 1024 * 1024))" /dev/urandom >"$bench/ours/big.bin"
cp "$bench/ours/big.bin" "$bench/vsftpd/big.bin"
cp "$bench/ours/big.bin" "$bench/upload.bin"
size="$(stat -c %s "$bench/upload.bin")"
sum="$(sha256sum <"$bench/upload.bin" | cut -d' ' -f1)"
chown ftp "$bench/vsftpd/up"
chmod 755 "$bench/vsftpd"

cat >"$bench/vsftpd.conf" <<CONF
listen=YES
listen_ipv6=NO
listen_address=127.0.0.1
listen_port=$vs_port
background=NO
anonymous_enable=YES
no_anon_password=YES
anon_root=$bench/vsftpd
local_enable=NO
write_enable=YES
anon_upload_enable=YES
anon_other_write_enable=YES
pasv_min_port=54200
pasv_max_port=54299
secure_chroot_dir=$bench/empty
seccomp_sandbox=NO
xferlog_enable=NO
CONF

await() { # port log
  local waited=0
  until curl -s "ftp://127.0.0.1:$1/" >/dev/null 2>&1; do
    if ((waited++ > 600)); then
      echo "ftp-throughput: nothing answers on port $1" >&2
      cat "$2" >&2
      exit 1
    fi
    sleep 0.2
  done
}

# MB/s of one download of big.bin; fails unless curl succeeded and what came has the
# served file's size and SHA-256.
download() { # port [expected-sha256]
  local expected="${2:-$sum}" got got_size speed
  rm -f "$received"
  if ! speed="$(curl -sS -o "$received" -w '%{speed_download}' "ftp://127.0.0.1:$1/big.bin" \
      2>"$bench/curl.w")"; then
    echo "ftp-throughput: download from port $1 failed: $(head -c 300 "$bench/curl.w")" >&2
    return 1
  fi
  got_size="$(stat -c %s "$received")"
  got="$(sha256sum <"$received" | cut -d' ' -f1)"
  rm -f "$received"
  if [[ "$got" != "$expected" || "$got_size" != "$size" ]]; then
    echo "ftp-throughput: wrong download from port $1: $got_size bytes, sha256 $got" >&2
    return 1
  fi
  awk -v s="$speed" 'BEGIN { printf "%.0f\n", s / 1e6 }'
}

# "MB/s durable-MB/s" of one upload of upload.bin to up/big.bin: the rate until the 226, and
# the rate until the file is on the disk, which adds a timed sync of the stored file and its
# directory after the 226 (bin/ftpd has synced both before it: little is left to sync; vsftpd
# and --no-sync have not). Fails unless curl succeeded and the file stored has the size and
# SHA-256 of the one sent. The stored file is then removed and the disk synced, untimed.
upload() { # port stored-file [expected-sha256]
  local expected="${3:-$sum}" timing speed seconds stored stored_size synced_at
  if ! timing="$(curl -sS -T "$bench/upload.bin" -w '%{speed_upload} %{time_total}' \
      "ftp://127.0.0.1:$1/up/big.bin" 2>"$bench/curl.w")"; then
    echo "ftp-throughput: upload to port $1 failed: $(head -c 300 "$bench/curl.w")" >&2
    return 1
  fi
  read -r speed seconds <<<"$timing"
  synced_at="$(date +%s%N)"
  sync "$2" "$(dirname "$2")" 2>/dev/null || true # a missing file is reported below
  synced_at="$(($(date +%s%N) - synced_at))"
  stored_size="$(stat -c %s "$2" 2>/dev/null || echo none)"
  stored="$(sha256sum <"$2" 2>/dev/null | cut -d' ' -f1 || true)"
  rm -f "$2"
  sync
  if [[ "$stored" != "$expected" || "$stored_size" != "$size" ]]; then
    echo "ftp-throughput: wrong upload to port $1: stored $stored_size bytes, sha256 $stored" >&2
    return 1
  fi
  awk -v s="$speed" -v b="$size" -v t="$seconds" -v n="$synced_at" \
    'BEGIN { printf "%.0f %.0f\n", s / 1e6, b / 1e6 / (t + n / 1e9) }'
}

"$vsftpd" "$bench/vsftpd.conf" &
pids+=($!)
await "$vs_port" /dev/null

if $prove_checks; then
  # vsftpd alone shows that each check fails on a wrong transfer.
  download "$vs_port" >/dev/null ||
    { echo "ftp-throughput: the download check refused a right file" >&2; exit 1; }
  upload "$vs_port" "$bench/vsftpd/up/big.bin" >/dev/null ||
    { echo "ftp-throughput: the upload check refused a right file" >&2; exit 1; }
  wrong="$(echo wrong | sha256sum | cut -d' ' -f1)"
  if (download "$vs_port" "$wrong") >/dev/null 2>&1; then
    echo "ftp-throughput: the download check took a wrong checksum" >&2; exit 1
  fi
  if (upload "$vs_port" "$bench/vsftpd/up/big.bin" "$wrong") >/dev/null 2>&1; then
    echo "ftp-throughput: the upload check took a wrong checksum" >&2; exit 1
  fi
  if (upload "$vs_port" "$bench/vsftpd/up/elsewhere.bin") >/dev/null 2>&1; then
    echo "ftp-throughput: the upload check took a file that was not stored" >&2; exit 1
  fi
  truncate -s -1 "$bench/vsftpd/big.bin"
  if (download "$vs_port") >/dev/null 2>&1; then
    echo "ftp-throughput: the download check took a file a byte short" >&2; exit 1
  fi
  mv "$bench/vsftpd/big.bin" "$bench/vsftpd/gone.bin"
  if (download "$vs_port") >/dev/null 2>&1; then
    echo "ftp-throughput: the download check took a missing file" >&2; exit 1
  fi
  echo "ftp-throughput: each check rejects a wrong transfer (checksum, size, missing file)"
  exit 0
fi

"$repo/bin/ftpd" --root "$bench/ours" --port "$ours_port" --passive-ports 54100-54199 \
  --writable --data-dir "$bench/data" 2>"$bench/ftpd.log" &
pids+=($!)
# The same server acknowledging uploads without waiting for the disk (--no-sync).
"$repo/bin/ftpd" --root "$bench/nosync" --port "$nosync_port" --passive-ports 54300-54399 \
  --writable --no-sync --data-dir "$bench/data" 2>"$bench/ftpd-nosync.log" &
pids+=($!)
await "$ours_port" "$bench/ftpd.log"
await "$nosync_port" "$bench/ftpd-nosync.log"
cp "$bench/ours/big.bin" "$bench/nosync/big.bin"

# The files served are in the page cache and on the disk before anything is timed.
cat "$bench/ours/big.bin" "$bench/nosync/big.bin" "$bench/vsftpd/big.bin" "$bench/upload.bin" >/dev/null
sync

# name|port|upload directory
configs=("ftpd|$ours_port|$bench/ours/up" "vsftpd|$vs_port|$bench/vsftpd/up"
  "ftpd-nosync|$nosync_port|$bench/nosync/up")
# One warm-up transfer each way per server: the JVM compiles its paths in the first.
for config in "${configs[@]}"; do
  IFS='|' read -r name port up <<<"$config"
  download "$port" >/dev/null
  upload "$port" "$up/big.bin" >/dev/null
done
declare -A down upl durable_upl
for ((round = 0; round < rounds; round++)); do
  for ((i = 0; i < ${#configs[@]}; i++)); do
    IFS='|' read -r name port up <<<"${configs[(round + i) % ${#configs[@]}]}"
    rate="$(download "$port")"
    down[$name]+="$rate "
    echo "round $((round + 1)) $name download: $rate MB/s" >&2
  done
  for ((i = 0; i < ${#configs[@]}; i++)); do
    IFS='|' read -r name port up <<<"${configs[(round + i) % ${#configs[@]}]}"
    read -r rate durable < <(upload "$port" "$up/big.bin")
    [[ -n "$durable" ]] || exit 1 # the upload failed, and said why
    upl[$name]+="$rate "
    durable_upl[$name]+="$durable "
    echo "round $((round + 1)) $name upload: $rate MB/s, on the disk: $durable MB/s" >&2
  done
done

median() { tr ' ' '\n' | grep . | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
echo "| $size_mib MiB file, MB/s | bin/ftpd | vsftpd | ratio | bin/ftpd --no-sync | ratio |"
echo "|---|---|---|---|---|---|"
awk -v o="$(median <<<"${down[ftpd]}")" -v t="$(median <<<"${down[vsftpd]}")" \
  -v n="$(median <<<"${down[ftpd-nosync]}")" \
  'BEGIN { printf "| download | %d | %d | %.2f | %d | %.2f |\n", o, t, o / t, n, n / t }'
awk -v o="$(median <<<"${upl[ftpd]}")" -v t="$(median <<<"${upl[vsftpd]}")" \
  -v n="$(median <<<"${upl[ftpd-nosync]}")" \
  'BEGIN { printf "| upload (bin/ftpd synced before 226; vsftpd and --no-sync not) | %d | %d | %.2f | %d | %.2f |\n", o, t, o / t, n, n / t }'
awk -v o="$(median <<<"${durable_upl[ftpd]}")" -v t="$(median <<<"${durable_upl[vsftpd]}")" \
  -v n="$(median <<<"${durable_upl[ftpd-nosync]}")" \
  'BEGIN { printf "| upload until on the disk (226, then a timed sync of the file and its directory) | %d | %d | %.2f | %d | %.2f |\n", o, t, o / t, n, n / t }'
echo "(medians of $rounds interleaved rounds after one warm-up transfer each way; every"
echo " download's size and SHA-256 and every stored upload's checked; disk synced between"
echo " transfers, untimed; per round: down ${down[ftpd]}/ ${down[vsftpd]}/ ${down[ftpd-nosync]}, up ${upl[ftpd]}/ ${upl[vsftpd]}/ ${upl[ftpd-nosync]},"
echo " on the disk ${durable_upl[ftpd]}/ ${durable_upl[vsftpd]}/ ${durable_upl[ftpd-nosync]};"
echo " vsftpd $(dpkg-query -W -f '${Version}' vsftpd 2>/dev/null || echo '(version unknown)'), curl $(curl --version | head -n 1 | cut -d' ' -f2))"
