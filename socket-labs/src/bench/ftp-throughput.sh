#!/usr/bin/env bash
# Download and upload throughput of one file on loopback, measured with curl, against
# bin/ftpd and vsftpd side by side. Needs curl and vsftpd (Debian package vsftpd),
# run as root so vsftpd can start. Everything lives under $BENCH_DIR and is stopped at
# the end.
#   usage: socket-labs/src/bench/ftp-throughput.sh [SIZE_MIB] [RUNS]
set -euo pipefail

size_mib="${1:-1024}"
runs="${2:-3}"
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
bench="${BENCH_DIR:-/tmp/ftp/bench}"
ours_port="${OURS_PORT:-54021}"
vs_port="${VSFTPD_PORT:-54031}"

# The peers, found where Debian installs them or on PATH; nothing runs without them.
vsftpd="$(command -v vsftpd || echo /usr/sbin/vsftpd)"
for program in curl "$vsftpd"; do
  if ! command -v "$program" >/dev/null; then
    echo "error: $(basename "$program") is not installed (Debian package $(basename "$program"))" >&2
    exit 3
  fi
done

pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT

rm -rf "$bench"
mkdir -p "$bench/ours/up" "$bench/nosync/up" "$bench/vsftpd/up" "$bench/empty" "$bench/data"
head -c "$((size_mib * 1024 * 1024))" /dev/urandom > "$bench/ours/big.bin"
cp "$bench/ours/big.bin" "$bench/vsftpd/big.bin"
cp "$bench/ours/big.bin" "$bench/upload.bin"
chown ftp "$bench/vsftpd/up"
chmod 755 "$bench/vsftpd"

cat > "$bench/vsftpd.conf" <<CONF
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

"$vsftpd" "$bench/vsftpd.conf" & pids+=($!)
"$repo/bin/ftpd" --root "$bench/ours" --port "$ours_port" --passive-ports 54100-54199 \
  --writable --data-dir "$bench/data" 2> "$bench/ftpd.log" & pids+=($!)
# The same server acknowledging uploads without waiting for the disk (--no-sync).
"$repo/bin/ftpd" --root "$bench/nosync" --port "$((ours_port + 1))" --passive-ports 54300-54399 \
  --writable --no-sync --data-dir "$bench/data" 2> "$bench/ftpd-nosync.log" & pids+=($!)
for port in "$ours_port" "$((ours_port + 1))"; do
  for _ in $(seq 1 120); do
    curl -s "ftp://127.0.0.1:$port/" >/dev/null 2>&1 && break
    sleep 0.5
  done
done

# Warm the page cache so both servers read the file from memory.
cat "$bench/ours/big.bin" "$bench/vsftpd/big.bin" "$bench/upload.bin" > /dev/null

measure() { # name port direction
  local name="$1" port="$2" direction="$3" rates=() rate
  for _ in $(seq 1 "$runs"); do
    if [[ "$direction" == download ]]; then
      rate="$(curl -s -o /dev/null -w '%{speed_download}' "ftp://127.0.0.1:$port/big.bin")"
    else
      rate="$(curl -s -T "$bench/upload.bin" -w '%{speed_upload}' "ftp://127.0.0.1:$port/up/big.bin")"
      rm -f "$bench"/*/up/big.bin
    fi
    rates+=("$(awk -v r="$rate" 'BEGIN { printf "%.0f", r / 1e6 }')")
  done
  printf '%-12s %-9s MB/s per run: %s\n' "$name" "$direction" "${rates[*]}"
}

echo "file: $size_mib MiB, $runs runs each, curl $(curl --version | head -1 | cut -d' ' -f2)"
measure ftpd "$ours_port" download
measure vsftpd "$vs_port" download
measure ftpd "$ours_port" upload
measure ftpd-nosync "$((ours_port + 1))" upload
measure vsftpd "$vs_port" upload
