#!/usr/bin/env bash
# Runs the linux-arm64 binary under qemu user emulation: version, then start, /healthz, SIGTERM.
set -euo pipefail
bin=${1:?path to the arm64 edgepbx}
export QEMU_LD_PREFIX=/usr/aarch64-linux-gnu
run() { qemu-aarch64-static "$bin" "$@"; }
run version
data=$(mktemp -d)
qemu-aarch64-static "$bin" run --data "$data" --sip 127.0.0.1:15060 --web 127.0.0.1:18080 > "$data/out.log" 2>&1 &
pid=$!
for _ in $(seq 1 240); do  # up to 2 min: emulated start-up is slow
  if curl -fs http://127.0.0.1:18080/healthz; then echo; break; fi
  sleep 0.5
done
curl -fsS http://127.0.0.1:18080/healthz >/dev/null || { cat "$data/out.log"; kill -9 $pid; exit 1; }
kill -TERM $pid
code=0; wait $pid || code=$?
echo "arm64 daemon stopped with exit code $code"; cat "$data/out.log" | tail -3; exit $code
