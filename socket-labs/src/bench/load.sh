#!/usr/bin/env bash
# Runs one of the load generators kept with the tests (EchoLoad, FingerLoad, CheckInLoad)
# with a JDK 21 or later found the way bin/lib/launch finds one (JAVA_HOME, PATH, then
# /usr/lib/jvm), so no command needs a JDK's path. Compiles the tests first and writes
# their class path to socket-labs/target/test-classpath.txt.
#   usage: socket-labs/src/bench/load.sh echo|finger|checkin [ARGS...]
#   e.g.   socket-labs/src/bench/load.sh echo --seconds 5 --connections 4
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"

case "${1:-}" in
  echo) main_class=org.netlab.labs.echo.EchoLoad ;;
  finger) main_class=org.netlab.labs.finger.FingerLoad ;;
  checkin) main_class=org.netlab.labs.totp.CheckInLoad ;;
  *)
    echo "usage: $0 echo|finger|checkin [ARGS...]" >&2
    exit 2
    ;;
esac
shift

java_major() {
  "$1" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n 1
}

find_java() {
  local candidate major
  for candidate in "${JAVA_HOME:+$JAVA_HOME/bin/java}" "$(command -v java || true)" \
      /usr/lib/jvm/*/bin/java; do
    [[ -n "$candidate" && -x "$candidate" ]] || continue
    major="$(java_major "$candidate")"
    if [[ -n "$major" && "$major" -ge 21 ]]; then
      echo "$candidate"
      return 0
    fi
  done
  return 1
}

if ! java="$(find_java)"; then
  echo "error: no JDK 21 or later found (looked at JAVA_HOME, PATH and /usr/lib/jvm)" >&2
  exit 3
fi

target="$repo/socket-labs/target"
# Maven 3.8 prints colour resets even in quiet batch mode: strip them, as bin/lib/launch does.
(cd "$repo" && mvn -B -q -pl socket-labs -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test 2>&1 |
  sed 's/\x1b\[[0-9;]*m//g' >&2)
exec "$java" -cp "$target/test-classes:$target/classes:$(cat "$target/test-classpath.txt")" \
  "$main_class" "$@"
