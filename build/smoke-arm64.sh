#!/usr/bin/env bash
# Runs the linux-arm64 binary under qemu user emulation: version, then start, /healthz, SIGTERM.
set -euo pipefail
bin=${1:?path to the arm64 edgepbx}
# No QEMU_LD_PREFIX: the binary's interpreter /lib/ld-linux-aarch64.so.1 and libc, libssl come from Debian's
# multiarch arm64 packages (libc6:arm64, libssl3:arm64), one glibc. Prefixing /usr/aarch64-linux-gnu mixed the
# cross toolchain's ld.so (2.36-8) with the multiarch libc (2.36-9+deb12u13): pthread_create then loops forever
# (seen 2026-12-02: even a hello world hung at 100 % CPU; CI timed out).
unset QEMU_LD_PREFIX
for lib in /lib/ld-linux-aarch64.so.1 /lib/aarch64-linux-gnu/libc.so.6 /usr/lib/aarch64-linux-gnu/libssl.so.3; do
  [ -e "$lib" ] || { echo "missing $lib: apt-get install libc6:arm64 libssl3:arm64 (dpkg --add-architecture arm64)" >&2; exit 1; }
done
run() { timeout 120 qemu-aarch64-static "$bin" "$@"; }
run version
data=$(mktemp -d)
timeout 300 qemu-aarch64-static "$bin" run --data "$data" --sip 127.0.0.1:15060 --web 127.0.0.1:18080 > "$data/out.log" 2>&1 &
pid=$!
for _ in $(seq 1 240); do  # up to 2 min: emulated start-up is slow
  if curl -fs http://127.0.0.1:18080/healthz; then echo; break; fi
  sleep 0.5
done
curl -fsS http://127.0.0.1:18080/healthz >/dev/null || { cat "$data/out.log"; kill $pid; exit 1; }
kill -TERM $pid
# A graceful stop must end the process; the timeout above bounds a hang (exit 124 fails the smoke).
code=0; wait $pid || code=$?
echo "arm64 daemon stopped with exit code $code"; cat "$data/out.log" | tail -3; exit $code
