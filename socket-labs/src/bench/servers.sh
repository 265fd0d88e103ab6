# Shared by the socket labs' benchmark scripts, sourced after they set $script (their name, for
# messages): a check that their fixed ports are free, and their servers stopped at exit.
# shellcheck shell=bash

# Fails unless every PORT on 127.0.0.1 is free: a benchmark on a port that another program holds
# would measure that program.
require_free_ports() {
  local port
  for port in "$@"; do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$script: port $port is already in use; stop what listens there" >&2
      exit 1
    fi
  done
}

# The servers the script started in the background: it adds each one's pid here, and at exit
# each is stopped and waited for.
pids=()
stop_servers() {
  local pid
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap stop_servers EXIT
